import net from 'node:net';
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform, type TestSession } from '../../../test/harness.ts';
import { addMember, createOrg } from '../../../test/org-fixtures.ts';
import { RealtimeClient } from '../../../test/realtime-client.ts';

let t: TestPlatform;
let orgId: string;
let owner: TestSession;
let alice: { session: TestSession; memberId: string };
let bob: { session: TestSession; memberId: string };
let carol: { session: TestSession; memberId: string };
let outsider: TestSession;
let outsiderOrgId: string;
let group: string;
let direct: string;
const sockets: RealtimeClient[] = [];

const CANARY = 'EXIF-CANARY-GROUP-7731';
const photo = (format: 'png' | 'jpeg' | 'webp', background = { r: 200, g: 80, b: 40 }) =>
  sharp({ create: { width: 640, height: 480, channels: 3, background } })
    .withExif({ IFD0: { Copyright: CANARY, Artist: CANARY } })
    [format]()
    .toBuffer();

const path = (conversationId: string, org = orgId) => `/api/orgs/${org}/conversations/${conversationId}/avatar`;
const upload = (session: TestSession, conversationId: string, body: Buffer | string, contentType = 'image/png', org = orgId) =>
  t.request({ method: 'PUT', url: path(conversationId, org), payload: body, headers: { 'content-type': contentType }, session });
const remove = (session: TestSession, conversationId: string, org = orgId) => t.request({ method: 'DELETE', url: path(conversationId, org), session });
const fetchPicture = (session: TestSession, url: string) => t.request({ method: 'GET', url, session });
const detail = async (session: TestSession, conversationId: string) =>
  (await t.request({ method: 'GET', url: `/api/orgs/${orgId}/conversations/${conversationId}`, session })).json().conversation as { avatarUrl: string | null };

/** The colour at the centre of a served picture, to tell two pictures apart after re-encoding. */
async function centre(image: Buffer): Promise<number[]> {
  const { data } = await sharp(image).extract({ left: 128, top: 128, width: 1, height: 1 }).raw().toBuffer({ resolveWithObject: true });
  return [...data.subarray(0, 3)];
}

beforeAll(async () => {
  t = await startTestPlatform();
  owner = await t.signIn('owner@avatar.example', { name: 'Owner' });
  orgId = await createOrg(t, owner);
  alice = await addMember(t, owner, orgId, 'alice@avatar.example');
  bob = await addMember(t, owner, orgId, 'bob@avatar.example');
  carol = await addMember(t, owner, orgId, 'carol@avatar.example');
  outsider = await t.signIn('outsider@elsewhere.example', { name: 'Outsider' });
  outsiderOrgId = await createOrg(t, outsider, 'Elsewhere Ltd.');
  const created = await t.request({ method: 'POST', url: `/api/orgs/${orgId}/conversations`, payload: { kind: 'group', name: 'Design', memberIds: [alice.memberId, bob.memberId] }, session: owner });
  group = created.json().conversation.id;
  const opened = await t.request({ method: 'POST', url: `/api/orgs/${orgId}/conversations`, payload: { kind: 'direct', memberId: alice.memberId }, session: owner });
  direct = opened.json().conversation.id;
  // bob becomes an admin of the group; alice stays a member
  const role = await t.request({ method: 'PUT', url: `/api/orgs/${orgId}/conversations/${group}/members/${bob.memberId}/role`, payload: { role: 'admin' }, session: owner });
  expect(role.statusCode, role.body).toBe(200);
});

afterAll(async () => {
  for (const socket of sockets) socket.close();
  await t?.close();
});

describe('a group’s picture (#4: group chats with name and avatar)', () => {
  it('is null for a new group and for a direct chat', async () => {
    expect((await detail(owner, group)).avatarUrl).toBeNull();
    expect((await detail(owner, direct)).avatarUrl).toBeNull();
  });

  it.each(['png', 'jpeg', 'webp'] as const)('takes a %s from the owner, served to members as a 256px WebP without EXIF', async (format) => {
    const response = await upload(owner, group, await photo(format), `image/${format}`);
    expect(response.statusCode, response.body).toBe(200);
    const avatarUrl = response.json().conversation.avatarUrl as string;
    expect(avatarUrl).toMatch(new RegExp(`^/api/orgs/${orgId}/conversations/${group}/avatar\\?v=[0-9a-f]+$`));

    const image = await fetchPicture(alice.session, avatarUrl);
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/webp');
    expect(image.headers['x-content-type-options']).toBe('nosniff');
    expect(image.headers['cache-control']).toBe('private, max-age=86400');
    const meta = await sharp(image.rawPayload).metadata();
    expect(meta).toMatchObject({ format: 'webp', width: 256, height: 256 });
    expect(meta.exif).toBeUndefined();
    expect(image.rawPayload.includes(Buffer.from(CANARY))).toBe(false);

    // every member sees it in their list and in the chat
    const list = (await t.request({ method: 'GET', url: `/api/orgs/${orgId}/conversations`, session: alice.session })).json().conversations as Array<{ id: string; avatarUrl: string | null }>;
    expect(list.find((chat) => chat.id === group)?.avatarUrl).toBe(avatarUrl);
    expect((await detail(bob.session, group)).avatarUrl).toBe(avatarUrl);
  });

  it('is replaced by a new picture at a new address', async () => {
    const first = (await upload(owner, group, await photo('png', { r: 255, g: 0, b: 0 }))).json().conversation.avatarUrl as string;
    const second = await upload(owner, group, await photo('png', { r: 0, g: 0, b: 255 }));
    expect(second.statusCode).toBe(200);
    const secondUrl = second.json().conversation.avatarUrl as string;
    expect(secondUrl).not.toBe(first);
    const [r, , b] = await centre((await fetchPicture(alice.session, secondUrl)).rawPayload);
    expect(b).toBeGreaterThan(200);
    expect(r).toBeLessThan(50);
  });

  it('may be set and removed by an admin of the group, not by a member', async () => {
    const byAdmin = await upload(bob.session, group, await photo('jpeg'), 'image/jpeg');
    expect(byAdmin.statusCode, byAdmin.body).toBe(200);
    const current = byAdmin.json().conversation.avatarUrl as string;

    const byMember = await upload(alice.session, group, await photo('png'));
    expect(byMember.statusCode).toBe(403);
    expect(byMember.json().error).toMatchObject({ code: 'forbidden', message: 'Only the group’s owner and admins can change its picture.' });
    const removeByMember = await remove(alice.session, group);
    expect(removeByMember.statusCode).toBe(403);
    expect(removeByMember.json().error.code).toBe('forbidden');
    expect((await detail(alice.session, group)).avatarUrl).toBe(current);

    const removed = await remove(bob.session, group);
    expect(removed.statusCode).toBe(200);
    expect(removed.json().conversation.avatarUrl).toBeNull();
  });

  it('is removed: no address, and the old one answers 404; removing again changes nothing', async () => {
    const set = (await upload(owner, group, await photo('png'))).json().conversation.avatarUrl as string;
    const removed = await remove(owner, group);
    expect(removed.statusCode).toBe(200);
    expect(removed.json().conversation.avatarUrl).toBeNull();
    const gone = await fetchPicture(alice.session, set);
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error.code).toBe('not_found');
    expect(await t.platform.database.db.selectFrom('conversation_avatar').select('id').where('id', '=', group).execute()).toEqual([]);
    const again = await remove(owner, group);
    expect(again.statusCode).toBe(200);
    expect(again.json().conversation.avatarUrl).toBeNull();
  });

  it('is refused for a direct chat, which has no group picture', async () => {
    const set = await upload(owner, direct, await photo('png'));
    expect(set.statusCode).toBe(400);
    expect(set.json().error.code).toBe('not_a_group');
    expect(set.json().error.message).toMatch(/direct chat/);
    expect((await remove(owner, direct)).json().error.code).toBe('not_a_group');
    const fetched = await fetchPicture(alice.session, path(direct));
    expect(fetched.statusCode).toBe(404);
    expect(fetched.json().error.code).toBe('not_found');
  });

  it('answers people outside the group, and other organisations, exactly as for a chat that does not exist', async () => {
    const url = (await upload(owner, group, await photo('png'))).json().conversation.avatarUrl as string;
    const image = await photo('png');
    const tries: Array<[string, (conversationId: string) => Promise<{ statusCode: number; body: string }>]> = [
      ['colleague not in the group: fetch', (id) => fetchPicture(carol.session, path(id))],
      ['colleague not in the group: set', (id) => upload(carol.session, id, image)],
      ['colleague not in the group: remove', (id) => remove(carol.session, id)],
      ['other organisation, its own org id: fetch', (id) => fetchPicture(outsider, path(id, outsiderOrgId))],
      ['other organisation, its own org id: set', (id) => upload(outsider, id, image, 'image/png', outsiderOrgId)],
      ['other organisation, its own org id: remove', (id) => remove(outsider, id, outsiderOrgId)],
      ['other organisation, this org id: fetch', (id) => fetchPicture(outsider, path(id))],
      ['other organisation, this org id: set', (id) => upload(outsider, id, image)],
    ];
    for (const [label, attempt] of tries) {
      const real = await attempt(group);
      const missing = await attempt(randomUUID());
      expect(real.statusCode, label).toBeGreaterThanOrEqual(400);
      expect(real.statusCode, label).toBeLessThan(500);
      expect({ status: real.statusCode, body: real.body }, label).toEqual({ status: missing.statusCode, body: missing.body });
    }
    expect((await fetchPicture(carol.session, url)).json().error.code).toBe('conversation_not_found');
    // and nothing was changed by them
    expect((await detail(owner, group)).avatarUrl).toBe(url);
  });

  it('refuses an empty body, other content types, disguised files and oversized images with clear 4xx codes', async () => {
    const before = (await upload(owner, group, await photo('png'))).json().conversation.avatarUrl as string;
    const expectations: Array<[string, Buffer | string, string, number, string]> = [
      ['empty body', '', 'image/png', 400, 'invalid_request'],
      ['not an image type', 'hello', 'application/octet-stream', 415, 'unsupported_media_type'],
      ['JSON', JSON.stringify({ image: 'x' }), 'application/json', 415, 'avatar_invalid'],
      ['text', 'hello', 'text/plain', 415, 'avatar_invalid'],
      ['SVG with a script claiming to be PNG', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', 'image/png', 415, 'avatar_invalid'],
      ['GIF claiming to be JPEG', await sharp({ create: { width: 10, height: 10, channels: 3, background: '#000' } }).gif().toBuffer(), 'image/jpeg', 415, 'avatar_invalid'],
      ['truncated PNG', (await photo('png')).subarray(0, 200), 'image/png', 415, 'avatar_invalid'],
      ['GIF type', 'GIF89a', 'image/gif', 415, 'unsupported_media_type'],
      ['over 2 MiB', Buffer.alloc(2 * 1024 * 1024 + 10, 1), 'image/png', 413, 'payload_too_large'],
    ];
    for (const [label, body, contentType, status, code] of expectations) {
      const response = await upload(owner, group, body, contentType);
      expect(response.statusCode, label).toBe(status);
      expect(response.json().error.code, label).toBe(code);
      expect(response.json().error.message, label).toBeTruthy();
    }
    const noBody = await t.request({ method: 'PUT', url: path(group), session: owner });
    expect(noBody.statusCode).toBe(400);
    expect(noBody.json().error.code).toBe('invalid_request');
    expect((await detail(owner, group)).avatarUrl).toBe(before);
  });

  it('is stored sealed under the group’s own key, never as the image bytes', async () => {
    const url = (await upload(owner, group, await photo('webp'))).json().conversation.avatarUrl as string;
    const served = (await fetchPicture(alice.session, url)).rawPayload;
    const row = await t.platform.database.db.selectFrom('conversation_avatar').selectAll().where('id', '=', group).executeTakeFirstOrThrow();
    const stored = Buffer.from(row.image_enc);
    expect(stored.equals(served)).toBe(false);
    expect(stored.includes(served.subarray(0, 64))).toBe(false);
    expect(stored.includes(served.subarray(served.length - 64))).toBe(false);
    expect(stored.includes(Buffer.from('WEBP'))).toBe(false);
    expect(stored.includes(Buffer.from('RIFF'))).toBe(false);

    const chat = await t.platform.database.db.selectFrom('conversation').select(['key_id', 'avatar_tag']).where('id', '=', group).executeTakeFirstOrThrow();
    expect(chat.key_id).toBeTruthy();
    expect(url.endsWith(`v=${chat.avatar_tag}`)).toBe(true);
    const key = await t.platform.keystore.db.selectFrom('data_key').select(['scope', 'owner_id', 'destroyed_at']).where('id', '=', chat.key_id!).executeTakeFirstOrThrow();
    expect(key).toEqual({ scope: 'conversation', owner_id: group, destroyed_at: null });
    // bound to its row: the same ciphertext does not open as another group's picture
    expect(await t.services.envelope.open(stored, `conversation_avatar.image_enc:${group}`)).toEqual(served);
    await expect(t.services.envelope.open(stored, `conversation_avatar.image_enc:${direct}`)).rejects.toThrow();
  });

  it('belongs to the group: not in the uploader’s data export, and kept when the uploader is erased', async () => {
    const dave = await addMember(t, owner, orgId, 'dave@avatar.example');
    const made = await t.request({ method: 'POST', url: `/api/orgs/${orgId}/conversations`, payload: { kind: 'group', name: 'Dave’s', memberIds: [alice.memberId] }, session: dave.session });
    const davesGroup = made.json().conversation.id as string;
    const url = (await upload(dave.session, davesGroup, await photo('png'))).json().conversation.avatarUrl as string;
    const served = (await fetchPicture(alice.session, url)).rawPayload;

    const exported = await t.services.personalData.collect(dave.session.accountId);
    expect(Object.keys(exported.files).filter((name) => name.startsWith('conversation'))).toEqual([]);
    expect(Object.values(exported.files).some((file) => file.equals(served))).toBe(false);

    await t.services.erasure.erase(dave.session.accountId);
    const after = await fetchPicture(alice.session, url);
    expect(after.statusCode).toBe(200);
    expect(after.rawPayload.equals(served)).toBe(true);
  });

  it('goes with its group: when the last member leaves, the row is deleted and the group’s key destroyed', async () => {
    const made = await t.request({ method: 'POST', url: `/api/orgs/${orgId}/conversations`, payload: { kind: 'group', name: 'Short-lived', memberIds: [] }, session: alice.session });
    const shortLived = made.json().conversation.id as string;
    await upload(alice.session, shortLived, await photo('png'));
    const { key_id } = await t.platform.database.db.selectFrom('conversation').select('key_id').where('id', '=', shortLived).executeTakeFirstOrThrow();
    const left = await t.request({ method: 'DELETE', url: `/api/orgs/${orgId}/conversations/${shortLived}/members/${alice.memberId}`, session: alice.session });
    expect(left.statusCode).toBe(204);
    expect(await t.platform.database.db.selectFrom('conversation_avatar').select('id').where('id', '=', shortLived).execute()).toEqual([]);
    const key = await t.platform.keystore.db.selectFrom('data_key').select(['destroyed_at', 'owner_id']).where('id', '=', key_id!).executeTakeFirstOrThrow();
    expect(key.destroyed_at).not.toBeNull();
    expect(key.owner_id).toBeNull();
  });

  it('reaches the other members live, as a rename does', async () => {
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = t.app.server.address() as net.AddressInfo;
    const socket = await RealtimeClient.open(`ws://127.0.0.1:${port}/api/realtime`, { cookie: alice.session.cookie });
    sockets.push(socket);
    const changed = (frame: { type: string; conversationId?: unknown }) => frame.type === 'conversation_changed' && frame.conversationId === group;
    // a frame a wait took stays in `received`: forget what came before each step
    const act = async (step: () => Promise<unknown>) => {
      socket.received.length = 0;
      await step();
    };

    await act(async () => upload(owner, group, await photo('png')));
    expect(await socket.next(changed)).toMatchObject({ conversationId: group });
    await act(() => remove(owner, group));
    expect(await socket.next(changed)).toMatchObject({ conversationId: group });
    // a refused change tells nobody anything
    await act(async () => expect((await upload(alice.session, group, await photo('png'))).statusCode).toBe(403));
    await socket.request({ type: 'ping' });
    expect(socket.received.filter(changed)).toEqual([]);
  });
});
