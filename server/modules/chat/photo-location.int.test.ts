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

/** A chat and who reads it there (the sender is always the owner). */
interface Place {
  orgId: string;
  chat: string;
  viewer: TestSession;
}
const here = (): Place => ({ orgId, chat, viewer: alice.session });
const base = (place: Place = here()) => `/api/orgs/${place.orgId}/conversations/${place.chat}`;
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

function upload(session: TestSession, name: string, contentType: string, payload: Buffer, place: Place = here()) {
  return t.request({ method: 'POST', url: `${base(place)}/attachments?name=${encodeURIComponent(name)}`, payload, headers: { 'content-type': contentType }, session });
}

/** What a member of the chat receives, both ways it is served. */
async function received(attachmentId: string, place: Place = here()) {
  const download = await t.request({ method: 'GET', url: `${base(place)}/attachments/${attachmentId}`, session: place.viewer });
  expect(download.statusCode, download.body).toBe(200);
  const preview = await t.request({ method: 'GET', url: `${base(place)}/attachments/${attachmentId}/preview`, session: place.viewer });
  expect(download.rawPayload.equals(preview.rawPayload)).toBe(true);
  return { bytes: download.rawPayload, meta: await sharp(download.rawPayload).metadata() };
}

async function sendPhoto(photo: Buffer, contentType = 'image/jpeg', place: Place = here()) {
  const uploaded = await upload(owner, 'IMG_2041.jpg', contentType, photo, place);
  expect(uploaded.statusCode, uploaded.body).toBe(201);
  const sent = await t.request({
    method: 'POST',
    url: `${base(place)}/messages`,
    payload: { clientMessageId: `c-${Math.random().toString(36).slice(2)}`, text: '', attachmentIds: [uploaded.json().attachment.id] },
    session: owner,
  });
  expect(sent.statusCode, sent.body).toBe(201);
  const attachment = sent.json().message.attachments[0];
  return { messageId: sent.json().message.id as string, attachment, ...(await received(attachment.id, place)) };
}

/** The photo as it is stored: the blob of its row, opened. */
async function storedPhoto(attachmentId: string) {
  const row = await t.services.db.selectFrom('attachment').selectAll().where('id', '=', attachmentId).executeTakeFirstOrThrow();
  const sealed = fs.readFileSync(blobFiles().find((file) => path.basename(file) === row.blob_id)!);
  const bytes = await t.services.envelope.open(sealed, `attachment.blob_id:${row.id}`);
  return { row, bytes, meta: await sharp(bytes).metadata() };
}

/** The attachments of a chat's history as a member sees them. */
async function historyAttachments(place: Place = here()): Promise<Array<{ id: string; location: unknown; image: unknown; messageId: string }>> {
  const response = await t.request({ method: 'GET', url: `${base(place)}/messages`, session: place.viewer });
  expect(response.statusCode, response.body).toBe(200);
  return response
    .json()
    .messages.flatMap((message: { id: string; attachments: Array<{ id: string; location: unknown; image: unknown }> }) => message.attachments.map((file) => ({ ...file, messageId: message.id })));
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
      {
        function: 'chat.photo_location',
        granted: false,
        since: null,
        purpose: { 'zh-CN': expect.stringContaining('拍摄地点'), en: expect.stringContaining('Keep the place a photo was taken') },
        withdrawal: { 'zh-CN': expect.stringContaining('已发送的照片'), en: expect.stringContaining('photos you have already sent') },
      },
    ]);
    // the purpose says what a withdrawal deletes, before anyone grants it
    expect(location.functions[0].purpose.en).toContain('Turning it off deletes the place from every photo you have already sent');
    expect(location.functions[0].purpose['zh-CN']).toContain('关闭后，您已发送的每张照片中的拍摄地点都会被删除');
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

  it('is deleted on withdrawal from every photo already sent, in every organisation and chat, and kept from those sent after; the messages stay', async () => {
    // the consent is the account's: a second organisation and a chat between contacts hold its photos too
    const secondOrg = await createOrg(t, owner, 'Second Photos Co.');
    const bob = await addMember(t, owner, secondOrg, 'bob@photos.example');
    const secondChat = (await t.request({ method: 'POST', url: `/api/orgs/${secondOrg}/conversations`, payload: { kind: 'group', name: 'Elsewhere', memberIds: [bob.memberId] }, session: owner })).json().conversation.id;
    expect((await t.request({ method: 'POST', url: '/api/contacts/requests', payload: { identifier: 'alice@photos.example' }, session: owner })).statusCode).toBe(202);
    const request = (await t.request({ method: 'GET', url: '/api/contacts', session: alice.session })).json().incoming[0];
    const accepted = await t.request({ method: 'POST', url: `/api/contacts/requests/${request.id}/accept`, session: alice.session });
    const opened = (await t.request({ method: 'POST', url: `/api/contacts/${accepted.json().contact.id}/chat`, session: alice.session })).json();
    const places: Place[] = [here(), { orgId: secondOrg, chat: secondChat, viewer: bob.session }, { orgId: opened.spaceId, chat: opened.conversation.id, viewer: alice.session }];

    const sent = [];
    for (const place of places) sent.push({ place, ...(await sendPhoto(await phonePhoto(), 'image/jpeg', place)) });
    sent.push({ place: here(), ...(await sendPhoto(await phonePhoto('webp'), 'image/webp')) });
    // uploaded and not sent yet: kept with its place too
    const unsent = (await upload(owner, 'draft.jpg', 'image/jpeg', await phonePhoto())).json().attachment;
    // a colleague who granted it keeps hers: the withdrawal is the owner's
    await t.request({ method: 'PUT', url: '/api/me/permissions/chat.photo_location', payload: { granted: true }, session: alice.session });
    const hers = (await upload(alice.session, 'hers.jpg', 'image/jpeg', await phonePhoto())).json().attachment;
    expect([...sent.map((photo) => photo.attachment.location), unsent.location, hers.location]).toEqual(Array(sent.length + 2).fill(shanghai));
    const ownPhotos = await t.services.db
      .selectFrom('attachment')
      .innerJoin('member', 'member.id', 'attachment.uploader_member_id')
      .select(['attachment.id', 'attachment.blob_id', 'attachment.location_enc', 'attachment.message_id', 'attachment.width', 'attachment.height'])
      .where('member.account_id', '=', owner.accountId)
      .execute();
    const placed = ownPhotos.filter((photo) => photo.location_enc !== null);
    expect(placed.length).toBeGreaterThanOrEqual(sent.length + 1 + 2); // and those of the tests above
    const oldBlobs = new Set(placed.map((photo) => photo.blob_id));

    t.clock.advance(1000);
    expect((await grant(false)).json().permissions.find((entry: { permission: string }) => entry.permission === 'location').functions[0].granted).toBe(false);
    await t.services.jobs.tick();

    const after = await t.services.db
      .selectFrom('attachment')
      .selectAll('attachment')
      .innerJoin('member', 'member.id', 'attachment.uploader_member_id')
      .where('member.account_id', '=', owner.accountId)
      .execute();
    // every photo is still there, with its message, and its place is gone: from the row and from the picture
    expect(after.map((photo) => [photo.id, photo.message_id, photo.width, photo.height]).sort()).toEqual(ownPhotos.map((photo) => [photo.id, photo.message_id, photo.width, photo.height]).sort());
    expect(after.filter((photo) => photo.location_enc !== null)).toEqual([]);
    for (const photo of placed) {
      const stored = await storedPhoto(photo.id);
      expect(stored.meta.exif, `${photo.id} keeps no EXIF`).toBeUndefined();
      expect(readGpsPosition(stored.meta.exif)).toBeNull();
      expect(stored.bytes.includes('GPS')).toBe(false);
      expect([stored.meta.width, stored.meta.height]).toEqual([Number(photo.width), Number(photo.height)]);
      expect(stored.row.size).toBe(stored.bytes.length);
    }
    // the pictures that held it are deleted, not left beside the new ones
    const files = new Set(blobFiles().map((file) => path.basename(file)));
    expect([...oldBlobs].filter((blob) => files.has(blob))).toEqual([]);
    expect(after.every((photo) => files.has(photo.blob_id))).toBe(true);

    // what the chats see: the same messages and photos, no place
    for (const photo of sent) {
      const shown = (await historyAttachments(photo.place)).find((file) => file.id === photo.attachment.id);
      expect(shown).toMatchObject({ messageId: photo.messageId, image: photo.attachment.image, location: null });
      const now = await received(photo.attachment.id, photo.place);
      expect(now.meta.exif).toBeUndefined();
      expect([now.meta.width, now.meta.height]).toEqual([photo.meta.width, photo.meta.height]);
    }
    expect((await received(unsent.id, { ...here(), viewer: owner })).meta.exif).toBeUndefined();
    // the colleague's photo keeps its place
    const herRow = await t.services.db.selectFrom('attachment').select('location_enc').where('id', '=', hers.id).executeTakeFirstOrThrow();
    expect(herRow.location_enc).not.toBeNull();
    expect(readGpsPosition((await storedPhoto(hers.id)).meta.exif)).not.toBeNull();

    // and a photo sent afterwards keeps none
    const later = await sendPhoto(await phonePhoto());
    expect(later.attachment.location).toBeNull();
    expect(later.meta.exif).toBeUndefined();
    expect(later.bytes.includes('CANARY')).toBe(false);

    const history = (await t.request({ method: 'GET', url: '/api/me/permissions/history', session: owner })).json().history;
    expect(history.map((entry: { function: string; action: string }) => `${entry.function}:${entry.action}`)).toEqual(['chat.photo_location:withdraw', 'chat.photo_location:grant']);
    expect(t.logs.join('\n')).not.toContain('31.23');
  });

  it('leaves no place behind when photos are uploaded while the grant is being withdrawn', async () => {
    const photo = await phonePhoto();
    for (let round = 0; round < 3; round++) {
      await grant(true);
      t.clock.advance(1000);
      const raced = await Promise.all([upload(owner, 'race-1.jpg', 'image/jpeg', photo), upload(owner, 'race-2.jpg', 'image/jpeg', photo), grant(false), upload(owner, 'race-3.jpg', 'image/jpeg', photo)]);
      expect(raced.map((response) => response.statusCode)).toEqual([201, 201, 200, 201]);
      await t.services.jobs.tick();
      const placed = await t.services.db
        .selectFrom('attachment')
        .innerJoin('member', 'member.id', 'attachment.uploader_member_id')
        .select('attachment.id')
        .where('member.account_id', '=', owner.accountId)
        .where('attachment.location_enc', 'is not', null)
        .execute();
      expect(placed, `round ${round}`).toEqual([]);
      for (const response of [raced[0], raced[1], raced[3]]) expect(readGpsPosition((await storedPhoto(response!.json().attachment.id)).meta.exif)).toBeNull();
    }

    // the worst order, made certain: the upload reads the grant, then the withdrawal and its whole
    // deletion run before the upload's row exists
    await grant(true);
    t.clock.advance(1000);
    const consents = t.services.consents;
    const granted = consents.granted.bind(consents);
    let first = true;
    consents.granted = async (accountId, functionKey) => {
      const answer = await granted(accountId, functionKey);
      if (first) {
        first = false;
        await grant(false);
        await t.services.jobs.tick();
      }
      return answer;
    };
    try {
      const late = await upload(owner, 'late.jpg', 'image/jpeg', photo);
      expect(late.statusCode, late.body).toBe(201);
      expect(first).toBe(false);
      expect(late.json().attachment.location).toBeNull();
      expect((await storedPhoto(late.json().attachment.id)).row.location_enc).toBeNull();
      expect(readGpsPosition((await storedPhoto(late.json().attachment.id)).meta.exif)).toBeNull();
    } finally {
      consents.granted = granted;
    }
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
