import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, storedBlobFiles, type TestPlatform, type TestSession } from '../../../test/harness.ts';
import { addMember, createOrg } from '../../../test/org-fixtures.ts';

let t: TestPlatform;
let orgId: string;
let owner: TestSession;
let alice: { session: TestSession; memberId: string };
let bob: { session: TestSession; memberId: string };
let chat: string;
let otherChat: string;

const base = () => `/api/orgs/${orgId}/conversations/${chat}`;

function upload(session: TestSession, name: string, contentType: string, payload: Buffer | string, conversationId = chat) {
  return t.request({
    method: 'POST',
    url: `/api/orgs/${orgId}/conversations/${conversationId}/attachments?name=${encodeURIComponent(name)}`,
    payload,
    headers: { 'content-type': contentType },
    session,
  });
}

function send(session: TestSession, attachmentIds: string[], text = '', conversationId = chat) {
  return t.request({
    method: 'POST',
    url: `/api/orgs/${orgId}/conversations/${conversationId}/messages`,
    payload: { clientMessageId: `c-${Math.random().toString(36).slice(2)}`, text, attachmentIds },
    session,
  });
}

const blobFiles = () => storedBlobFiles(t.dataDir);

beforeAll(async () => {
  t = await startTestPlatform();
  owner = await t.signIn('owner@files.example', { name: 'Owner' });
  orgId = await createOrg(t, owner);
  alice = await addMember(t, owner, orgId, 'alice@files.example');
  bob = await addMember(t, owner, orgId, 'bob@files.example');
  chat = (await t.request({ method: 'POST', url: `/api/orgs/${orgId}/conversations`, payload: { kind: 'group', name: 'Files', memberIds: [alice.memberId] }, session: owner })).json().conversation.id;
  otherChat = (await t.request({ method: 'POST', url: `/api/orgs/${orgId}/conversations`, payload: { kind: 'direct', memberId: bob.memberId }, session: owner })).json().conversation.id;
});

afterAll(async () => {
  await t?.close();
});

describe('attachments', () => {
  it('stores a file sealed, shows it to the chat once sent, and serves it only as a download', async () => {
    const canary = 'FILE-CANARY-7731 quarterly numbers';
    const uploaded = await upload(owner, 'report "Q3"/../secret.txt', 'text/plain', canary);
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const attachment = uploaded.json().attachment;
    expect(attachment).toMatchObject({ name: 'secret.txt', contentType: 'text/plain', size: Buffer.byteLength(canary), image: null });
    // not sent yet: the uploader can open it, the others cannot
    expect((await t.request({ method: 'GET', url: `${base()}/attachments/${attachment.id}`, session: alice.session })).statusCode).toBe(404);
    expect((await t.request({ method: 'GET', url: `${base()}/attachments/${attachment.id}`, session: owner })).statusCode).toBe(200);

    const sent = await send(owner, [attachment.id]);
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json().message.attachments).toEqual([attachment]);
    const download = await t.request({ method: 'GET', url: `${base()}/attachments/${attachment.id}`, session: alice.session });
    expect(download.statusCode).toBe(200);
    expect(download.body).toBe(canary);
    expect(download.headers['content-disposition']).toBe(`attachment; filename="secret.txt"; filename*=UTF-8''secret.txt`);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.headers['content-type']).toMatch(/^text\/plain/);
    // on disk: only ciphertext, under an internal id
    const files = blobFiles();
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      expect(fs.readFileSync(file).includes('FILE-CANARY-7731')).toBe(false);
      expect(path.basename(file)).not.toContain('secret');
    }
    // bob is not in this chat
    expect((await t.request({ method: 'GET', url: `${base()}/attachments/${attachment.id}`, session: bob.session })).statusCode).toBe(404);
  });

  it('re-encodes pictures so their EXIF data (the place a photo was taken among it) is gone', async () => {
    const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#336699' } })
      .jpeg()
      .withExif({ IFD0: { ImageDescription: 'EXIF-CANARY-GPS-31.2304N', Copyright: 'EXIF-CANARY-OWNER' } })
      .toBuffer();
    expect(photo.includes('EXIF-CANARY-GPS')).toBe(true);
    const uploaded = await upload(owner, 'IMG_0001.jpg', 'image/jpeg', photo);
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const attachment = uploaded.json().attachment;
    expect(attachment).toMatchObject({ contentType: 'image/jpeg', image: { width: 64, height: 48 } });
    await send(owner, [attachment.id], 'a photo');
    const preview = await t.request({ method: 'GET', url: `${base()}/attachments/${attachment.id}/preview`, session: alice.session });
    expect(preview.statusCode).toBe(200);
    expect(preview.headers['content-type']).toBe('image/jpeg');
    expect(preview.headers['content-security-policy']).toContain('sandbox');
    expect(preview.rawPayload.includes('EXIF-CANARY')).toBe(false);
    expect((await sharp(preview.rawPayload).metadata()).exif).toBeUndefined();
    const download = await t.request({ method: 'GET', url: `${base()}/attachments/${attachment.id}`, session: alice.session });
    expect(download.rawPayload.includes('EXIF-CANARY')).toBe(false);
  });

  it('checks the content against the declared type and the size limit', async () => {
    const notPng = await upload(owner, 'fake.png', 'image/png', '<svg onload=alert(1)>');
    expect(notPng.statusCode).toBe(415);
    expect(notPng.json().error.code).toBe('attachment_type_mismatch');
    const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } }).png().toBuffer();
    const mislabelled = await upload(owner, 'x.jpg', 'image/jpeg', png);
    expect(mislabelled.json().error.code).toBe('attachment_type_mismatch');
    const truncated = await upload(owner, 'broken.png', 'image/png', png.subarray(0, 30));
    expect(truncated.statusCode).toBe(415);
    const svg = await upload(owner, 'drawing.svg', 'image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    expect(svg.json().error.code).toBe('attachment_type_mismatch');
    const fakePdf = await upload(owner, 'doc.pdf', 'application/pdf', 'MZ this is an executable');
    expect(fakePdf.json().error.code).toBe('attachment_type_mismatch');
    const binaryText = await upload(owner, 'notes.txt', 'text/plain', Buffer.from([0xff, 0xfe, 0x00, 0x41]));
    expect(binaryText.json().error.code).toBe('attachment_type_mismatch');
    const empty = await upload(owner, 'empty.bin', 'application/octet-stream', Buffer.alloc(0));
    expect(empty.statusCode).toBe(400);
    const huge = await upload(owner, 'huge.bin', 'application/octet-stream', Buffer.alloc(25 * 1024 * 1024 + 2));
    expect(huge.statusCode).toBe(413);
    // HTML is never served as HTML
    const html = await upload(owner, 'page.html', 'text/html', '<script>alert(document.cookie)</script>');
    expect(html.statusCode).toBe(201);
    expect(html.json().attachment.contentType).toBe('application/octet-stream');
    // a picture sent as "a file" loses its metadata like any picture
    const hidden = await upload(owner, 'photo.bin', 'application/octet-stream', png);
    expect(hidden.json().attachment).toMatchObject({ contentType: 'image/png', image: { width: 4, height: 4 } });
    const nameless = await upload(owner, '../', 'text/plain', 'x');
    expect(nameless.statusCode).toBe(400);
  });

  it('sends only one’s own uploads to the chat they were uploaded to, once', async () => {
    const mine = (await upload(owner, 'a.txt', 'text/plain', 'a')).json().attachment.id;
    const elsewhere = await send(owner, [mine], 'wrong chat', otherChat);
    expect(elsewhere.statusCode).toBe(404);
    expect(elsewhere.json().error.code).toBe('attachment_not_found');
    const byAlice = await send(alice.session, [mine], 'not mine');
    expect(byAlice.json().error.code).toBe('attachment_not_found');
    expect((await send(owner, [mine], 'first')).statusCode).toBe(201);
    const again = await send(owner, [mine], 'second');
    expect(again.json().error.code).toBe('attachment_not_found');
    const unknown = await send(owner, ['00000000-0000-4000-8000-000000000000']);
    expect(unknown.statusCode).toBe(404);
    const preview = await t.request({ method: 'GET', url: `${base()}/attachments/${mine}/preview`, session: owner });
    expect(preview.statusCode).toBe(404);
  });

  it('deletes the file, row and blob, when its message is recalled', async () => {
    const uploaded = (await upload(owner, 'recall-me.txt', 'text/plain', 'RECALL-CANARY')).json().attachment;
    const message = (await send(owner, [uploaded.id], 'with a file')).json().message;
    const row = await t.services.db.selectFrom('attachment').selectAll().where('id', '=', uploaded.id).executeTakeFirstOrThrow();
    expect(await t.services.blobs.get(row.blob_id)).not.toBeNull();
    const recalled = await t.request({ method: 'DELETE', url: `${base()}/messages/${message.id}`, session: owner });
    expect(recalled.json().message.attachments).toEqual([]);
    expect(await t.services.db.selectFrom('attachment').select('id').where('id', '=', uploaded.id).executeTakeFirst()).toBeUndefined();
    expect(await t.services.blobs.get(row.blob_id)).toBeNull();
    expect((await t.request({ method: 'GET', url: `${base()}/attachments/${uploaded.id}`, session: owner })).statusCode).toBe(404);
  });

  it('deletes an upload that was not sent within a day, row and blob', async () => {
    const kept = (await upload(owner, 'sent.txt', 'text/plain', 'sent')).json().attachment;
    await send(owner, [kept.id], 'keep this');
    const unsent = (await upload(owner, 'forgotten.txt', 'text/plain', 'UNSENT-CANARY')).json().attachment;
    const row = await t.services.db.selectFrom('attachment').selectAll().where('id', '=', unsent.id).executeTakeFirstOrThrow();
    t.clock.advance(23 * 3600_000);
    expect(await t.services.attachments.deleteUnsent()).toBe(0);
    t.clock.advance(2 * 3600_000);
    expect(await t.services.attachments.deleteUnsent()).toBeGreaterThanOrEqual(1);
    expect(await t.services.db.selectFrom('attachment').select('id').where('id', '=', unsent.id).executeTakeFirst()).toBeUndefined();
    expect(await t.services.blobs.get(row.blob_id)).toBeNull();
    // a sent file stays (the sessions have lapsed by now: the row and blob are checked directly)
    const keptRow = await t.services.db.selectFrom('attachment').selectAll().where('id', '=', kept.id).executeTakeFirstOrThrow();
    expect(await t.services.blobs.get(keptRow.blob_id)).not.toBeNull();
  });
});

