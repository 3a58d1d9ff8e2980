import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, storedBlobFiles, type TestPlatform, type TestSession } from '../../../test/harness.ts';
import { addMember, createOrg } from '../../../test/org-fixtures.ts';
import { readExif } from './exif-reader.ts';
import { readGpsPosition, toLocation } from './photo-location.ts';

let t: TestPlatform;
let orgId: string;
let owner: TestSession;
let alice: { session: TestSession; memberId: string };
let chat: string;

const base = () => `/api/orgs/${orgId}/conversations/${chat}`;
const shanghai = { latitude: 31.2367611, longitude: 121.4786694, altitude: 12.5 };

/** A phone's photo: where it was taken, and everything else a camera writes (make, model, serial, time, direction). */
function phonePhoto(format: 'jpeg' | 'webp' = 'jpeg', gps: Record<string, string> = {}): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: '#336699' } })
    .toFormat(format)
    .withExif({
      IFD0: { Make: 'CANARY-MAKE', Model: 'CANARY-MODEL', Software: 'CANARY-SOFTWARE', Artist: 'CANARY-ARTIST' },
      IFD2: { BodySerialNumber: 'CANARY-SERIAL-0042', DateTimeOriginal: '2024:05:01 10:20:30' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '31/1 14/1 1234/100',
        GPSLongitudeRef: 'E',
        GPSLongitude: '121/1 28/1 4321/100',
        GPSAltitudeRef: '0',
        GPSAltitude: '125/10',
        GPSTimeStamp: '10/1 20/1 30/1',
        GPSImgDirection: '271/1',
        ...gps,
      },
    })
    .withMetadata({ orientation: 6 }) // taken with the phone turned: stored upright
    .toBuffer();
}

function upload(session: TestSession, name: string, contentType: string, payload: Buffer) {
  return t.request({ method: 'POST', url: `${base()}/attachments?name=${encodeURIComponent(name)}`, payload, headers: { 'content-type': contentType }, session });
}

async function sendPhoto(photo: Buffer, contentType = 'image/jpeg') {
  const uploaded = await upload(owner, 'IMG_2041.jpg', contentType, photo);
  expect(uploaded.statusCode, uploaded.body).toBe(201);
  const sent = await t.request({
    method: 'POST',
    url: `${base()}/messages`,
    payload: { clientMessageId: `c-${Math.random().toString(36).slice(2)}`, text: '', attachmentIds: [uploaded.json().attachment.id] },
    session: owner,
  });
  expect(sent.statusCode, sent.body).toBe(201);
  const attachment = sent.json().message.attachments[0];
  // what a member of the chat receives, both ways it is served
  const download = await t.request({ method: 'GET', url: `${base()}/attachments/${attachment.id}`, session: alice.session });
  const preview = await t.request({ method: 'GET', url: `${base()}/attachments/${attachment.id}/preview`, session: alice.session });
  expect(download.rawPayload.equals(preview.rawPayload)).toBe(true);
  const meta = await sharp(download.rawPayload).metadata();
  return { messageId: sent.json().message.id as string, attachment, bytes: download.rawPayload, meta };
}

const grant = (granted: boolean) => t.request({ method: 'PUT', url: '/api/me/permissions/chat.photo_location', payload: { granted }, session: owner });

const blobFiles = () => storedBlobFiles(t.dataDir);

beforeAll(async () => {
  t = await startTestPlatform();
  owner = await t.signIn('owner@photos.example', { name: 'Owner' });
  orgId = await createOrg(t, owner);
  alice = await addMember(t, owner, orgId, 'alice@photos.example');
  chat = (await t.request({ method: 'POST', url: `/api/orgs/${orgId}/conversations`, payload: { kind: 'group', name: 'Photos', memberIds: [alice.memberId] }, session: owner })).json().conversation.id;
});

afterAll(async () => {
  await t?.close();
});

describe('the place a photo was taken, kept only with its sender’s consent (P0.3)', () => {
  it('is a named function of the location permission, off by default, with its purpose', async () => {
    const permissions = (await t.request({ method: 'GET', url: '/api/me/permissions', session: owner })).json().permissions;
    const location = permissions.find((entry: { permission: string }) => entry.permission === 'location');
    expect(location.functions).toEqual([
      { function: 'chat.photo_location', granted: false, since: null, purpose: { 'zh-CN': expect.stringContaining('拍摄地点'), en: expect.stringContaining('Keep the place a photo was taken') } },
    ]);
    expect(location.functions[0].purpose.en).toContain('Turning it off applies to the photos you send afterwards');
  });

  it('is removed, with all the rest of the EXIF, from a photo sent without consent', async () => {
    const { attachment, bytes, meta } = await sendPhoto(await phonePhoto());
    expect(attachment).toMatchObject({ image: { width: 48, height: 64 }, location: null });
    expect(meta.exif).toBeUndefined();
    expect(readGpsPosition(meta.exif)).toBeNull();
    expect([meta.width, meta.height]).toEqual([48, 64]); // still turned upright
    expect(bytes.includes('CANARY')).toBe(false);
    const row = await t.services.db.selectFrom('attachment').select('location_enc').where('id', '=', attachment.id).executeTakeFirstOrThrow();
    expect(row.location_enc).toBeNull();
  });

  it('is kept once granted: the same position, and nothing else of what the camera wrote', async () => {
    expect((await grant(true)).statusCode).toBe(200);
    const { attachment, bytes, meta } = await sendPhoto(await phonePhoto());
    expect(attachment).toMatchObject({ image: { width: 48, height: 64 }, location: shanghai });
    expect([meta.width, meta.height]).toEqual([48, 64]);
    const position = readGpsPosition(meta.exif);
    expect(position).toEqual({ latitudeRef: 'N', latitude: [[31, 1], [14, 1], [1234, 100]], longitudeRef: 'E', longitude: [[121, 1], [28, 1], [4321, 100]], altitude: { ref: 0, value: [125, 10] } });
    expect(toLocation(position!)).toEqual(shanghai);

    const directories = readExif(meta.exif)!;
    // the GPS directory holds the position alone: no time, no direction
    expect(directories.gps.map((entry) => entry.tag)).toEqual([1, 2, 3, 4, 5, 6]);
    // no make, model, software, artist, serial or time: only what libvips writes about the new picture itself
    // (orientation, resolution, pixel size) and the pointers to the EXIF and GPS directories
    expect(directories.ifd0.map((entry) => entry.tag).sort()).toEqual([0x0112, 0x011a, 0x011b, 0x0128, 0x8769, 0x8825].sort());
    expect(directories.exif.map((entry) => entry.tag).sort()).toEqual([0xa002, 0xa003]);
    expect(bytes.includes('CANARY')).toBe(false);
    expect(meta.orientation ?? 1).toBe(1);

    // the chat sees it with the message, in history too
    const history = (await t.request({ method: 'GET', url: `${base()}/messages`, session: alice.session })).json().messages;
    expect(history.flatMap((message: { attachments: Array<{ id: string; location: unknown }> }) => message.attachments).find((file: { id: string }) => file.id === attachment.id).location).toEqual(shanghai);

    // at rest: sealed in the row and in the blob
    const row = await t.services.db.selectFrom('attachment').selectAll().where('id', '=', attachment.id).executeTakeFirstOrThrow();
    expect(row.location_enc).not.toBeNull();
    expect(Buffer.from(row.location_enc!).includes('31.23')).toBe(false);
    const sealed = fs.readFileSync(blobFiles().find((file) => path.basename(file) === row.blob_id)!);
    expect(sealed.includes(meta.exif!.subarray(6, 40))).toBe(false);
  });

  it('is kept the same way in a WebP photo, and in a photo sent as “a file”', async () => {
    const webp = await sendPhoto(await phonePhoto('webp'), 'image/webp');
    expect(webp.attachment).toMatchObject({ contentType: 'image/webp', location: shanghai });
    expect(readExif(webp.meta.exif)!.gps.map((entry) => entry.tag)).toEqual([1, 2, 3, 4, 5, 6]);
    const asFile = await sendPhoto(await phonePhoto(), 'application/octet-stream');
    expect(asFile.attachment).toMatchObject({ contentType: 'image/jpeg', location: shanghai });
  });

  it('keeps nothing from a photo whose position is not well formed, and no depth as a height', async () => {
    const nowhere = await sendPhoto(await phonePhoto('jpeg', { GPSLatitudeRef: 'X' }));
    expect(nowhere.attachment.location).toBeNull();
    expect(nowhere.meta.exif).toBeUndefined();
    const beyondThePole = await sendPhoto(await phonePhoto('jpeg', { GPSLatitude: '95/1 0/1 0/1' }));
    expect(beyondThePole.attachment.location).toBeNull();
    const noGps = await sendPhoto(await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } }).jpeg().withExif({ IFD0: { Make: 'CANARY-MAKE' } }).toBuffer());
    expect(noGps.attachment.location).toBeNull();
    expect(noGps.meta.exif).toBeUndefined();
  });

  it('is removed again from photos sent after the grant is withdrawn; one sent before keeps it until its message is recalled', async () => {
    const before = await sendPhoto(await phonePhoto());
    expect(before.attachment.location).toEqual(shanghai);
    t.clock.advance(1000);
    expect((await grant(false)).json().permissions.find((entry: { permission: string }) => entry.permission === 'location').functions[0].granted).toBe(false);

    const after = await sendPhoto(await phonePhoto());
    expect(after.attachment.location).toBeNull();
    expect(after.meta.exif).toBeUndefined();
    expect(after.bytes.includes('CANARY')).toBe(false);

    // the decision at upload holds for that photo (documented in the purpose): recalling removes it
    const earlier = await t.request({ method: 'GET', url: `${base()}/attachments/${before.attachment.id}`, session: alice.session });
    expect(readGpsPosition((await sharp(earlier.rawPayload).metadata()).exif)).not.toBeNull();
    expect((await t.request({ method: 'DELETE', url: `${base()}/messages/${before.messageId}`, session: owner })).statusCode).toBe(200);
    expect(await t.services.db.selectFrom('attachment').select('id').where('id', '=', before.attachment.id).executeTakeFirst()).toBeUndefined();

    const history = (await t.request({ method: 'GET', url: '/api/me/permissions/history', session: owner })).json().history;
    expect(history.map((entry: { function: string; action: string }) => `${entry.function}:${entry.action}`)).toEqual(['chat.photo_location:withdraw', 'chat.photo_location:grant']);
  });

  it('is decided by the uploader’s own consent, not by a member who granted it', async () => {
    await t.request({ method: 'PUT', url: '/api/me/permissions/chat.photo_location', payload: { granted: true }, session: alice.session });
    const uploaded = await t.request({
      method: 'POST',
      url: `${base()}/attachments?name=from-owner.jpg`,
      payload: await phonePhoto(),
      headers: { 'content-type': 'image/jpeg' },
      session: owner,
    });
    expect(uploaded.json().attachment.location).toBeNull();
    const byAlice = await t.request({ method: 'POST', url: `${base()}/attachments?name=from-alice.jpg`, payload: await phonePhoto(), headers: { 'content-type': 'image/jpeg' }, session: alice.session });
    expect(byAlice.json().attachment.location).toEqual(shanghai);
    // nothing about the place is logged
    expect(t.logs.join('\n')).not.toContain('31.23');
  });
});
