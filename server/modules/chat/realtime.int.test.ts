import net from 'node:net';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform, type TestSession } from '../../../test/harness.ts';
import { addMember, createOrg } from '../../../test/org-fixtures.ts';
import { RealtimeClient } from '../../../test/realtime-client.ts';

let t: TestPlatform;
let base: string;
let orgId: string;
let owner: TestSession;
let alice: { session: TestSession; memberId: string };
let bob: { session: TestSession; memberId: string };
let chat: string;
const clients: RealtimeClient[] = [];

/** The answer to a handshake: 101, or the refusal's status and error code. */
function handshake(path: string, headers: Record<string, string>): Promise<{ status: number; code?: string }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${base}${path}`, { headers });
    socket.on('unexpected-response', (_request, response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, code: (JSON.parse(body) as { error: { code: string } }).error.code }));
    });
    socket.on('open', () => {
      socket.close();
      resolve({ status: 101 });
    });
    socket.on('error', reject);
  });
}

async function connect(session: TestSession): Promise<RealtimeClient> {
  const client = await RealtimeClient.open(`${base}/api/realtime`, { cookie: session.cookie });
  clients.push(client);
  return client;
}

beforeAll(async () => {
  t = await startTestPlatform();
  owner = await t.signIn('owner@rt.example', { name: 'Owner' });
  orgId = await createOrg(t, owner);
  alice = await addMember(t, owner, orgId, 'alice@rt.example');
  bob = await addMember(t, owner, orgId, 'bob@rt.example');
  const created = await t.request({ method: 'POST', url: `/api/orgs/${orgId}/conversations`, payload: { kind: 'group', name: 'Realtime', memberIds: [alice.memberId] }, session: owner });
  chat = created.json().conversation.id;
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  const address = t.app.server.address() as net.AddressInfo;
  base = `ws://127.0.0.1:${address.port}`;
});

afterAll(async () => {
  for (const client of clients) client.close();
  await t?.close();
});

describe('the realtime WebSocket', () => {
  it('acknowledges a send after storing it and delivers it to every member live', async () => {
    const ownerSocket = await connect(owner);
    const aliceSocket = await connect(alice.session);
    const bobSocket = await connect(bob.session);
    const ack = await ownerSocket.request({ type: 'send', conversationId: chat, clientMessageId: 'm-1', text: 'Hello over the socket' });
    expect(ack).toMatchObject({ type: 'ack', clientMessageId: 'm-1', conversationId: chat, seq: 1, duplicate: false });
    const stored = await t.services.db.selectFrom('message').select(['id', 'seq']).where('id', '=', ack.messageId as string).executeTakeFirst();
    expect(stored).toEqual({ id: ack.messageId, seq: 1 });
    const heard = await aliceSocket.next((frame) => frame.type === 'message');
    expect(heard.message).toMatchObject({ id: ack.messageId, seq: 1, text: 'Hello over the socket', senderMemberId: expect.any(String) });
    // bob is in the organisation but not in the chat: he hears nothing
    await ownerSocket.request({ type: 'ping' });
    expect(bobSocket.received.filter((frame) => frame.type === 'message')).toEqual([]);
  });

  it('never stores a retried send twice, and announces it once', async () => {
    const ownerSocket = await connect(owner);
    const aliceSocket = await connect(alice.session);
    const first = await ownerSocket.request({ type: 'send', conversationId: chat, clientMessageId: 'retry-x', text: 'once' });
    const again = await ownerSocket.request({ type: 'send', conversationId: chat, clientMessageId: 'retry-x', text: 'once' });
    expect(again).toMatchObject({ type: 'ack', messageId: first.messageId, seq: first.seq, duplicate: true });
    await aliceSocket.request({ type: 'ping' });
    await ownerSocket.request({ type: 'ping' });
    expect(aliceSocket.received.filter((frame) => frame.type === 'message' && (frame.message as { id: string }).id === first.messageId)).toHaveLength(1);
    const rows = await t.services.db.selectFrom('message').select('id').where('client_id', '=', 'retry-x').execute();
    expect(rows).toHaveLength(1);
  });

  it('has the database refuse a second message under one sender’s client id in a chat, as when two servers take the same retry at once', async () => {
    // Each server's writer looks for an earlier copy first, but cannot see one another server has
    // not committed yet: the unique index is what keeps the second out.
    const ownerSocket = await connect(owner);
    const first = await ownerSocket.request({ type: 'send', conversationId: chat, clientMessageId: 'raced-x', text: 'raced' });
    const row = await t.services.db.selectFrom('message').selectAll().where('id', '=', first.messageId as string).executeTakeFirstOrThrow();
    const copy = { ...row, id: `${row.id.slice(0, -4)}ffff`, seq: 1_000_000 };
    const byOther = { ...copy, id: `${row.id.slice(0, -4)}fffe`, seq: 1_000_001, sender_member_id: alice.memberId };
    try {
      await expect(t.services.db.insertInto('message').values(copy).execute()).rejects.toThrow(/unique|duplicate/i);
      // the same client id from another sender is another message
      await t.services.db.insertInto('message').values(byOther).execute();
    } finally {
      await t.services.db.deleteFrom('message').where('id', 'in', [copy.id, byOther.id]).execute();
    }
  });

  it('lands many concurrent sends with consecutive sequence numbers and no gaps', async () => {
    const sockets = [await connect(owner), await connect(alice.session)];
    const acks = await Promise.all(
      Array.from({ length: 200 }, (_, i) => sockets[i % 2]!.request({ type: 'send', conversationId: chat, clientMessageId: `burst-${i}`, text: `burst ${i}` })),
    );
    const seqs = acks.map((ack) => ack.seq as number).sort((a, b) => a - b);
    for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBe(seqs[i - 1]! + 1);
    const all = await t.services.db.selectFrom('message').select('seq').where('conversation_id', '=', chat).orderBy('seq').execute();
    expect(all.map((row) => Number(row.seq))).toEqual(all.map((_, index) => index + 1));
  });

  it('gives a reconnecting client exactly what it missed', async () => {
    const aliceSocket = await connect(alice.session);
    const before = await aliceSocket.request({ type: 'sync', conversationId: chat, afterSeq: 0 });
    const lastSeen = before.lastSeq as number;
    aliceSocket.close();
    const ownerSocket = await connect(owner);
    await ownerSocket.request({ type: 'send', conversationId: chat, clientMessageId: 'missed-1', text: 'while you were away 1' });
    await ownerSocket.request({ type: 'send', conversationId: chat, clientMessageId: 'missed-2', text: 'while you were away 2' });
    const back = await connect(alice.session);
    const missed = await back.request({ type: 'sync', conversationId: chat, afterSeq: lastSeen });
    expect((missed.messages as Array<{ text: string; seq: number }>).map((m) => [m.seq, m.text])).toEqual([
      [lastSeen + 1, 'while you were away 1'],
      [lastSeen + 2, 'while you were away 2'],
    ]);
    expect(missed).toMatchObject({ type: 'history', lastSeq: lastSeen + 2, more: false });
    const future = await back.request({ type: 'sync', conversationId: chat, afterSeq: lastSeen + 1000 });
    expect(future).toMatchObject({ type: 'error', code: 'sequence_ahead', lastSeq: lastSeen + 2 });
  });

  it('passes typing and read state on to the chat', async () => {
    const ownerSocket = await connect(owner);
    const aliceSocket = await connect(alice.session);
    await aliceSocket.send({ type: 'typing', conversationId: chat });
    expect(await ownerSocket.next((frame) => frame.type === 'typing')).toMatchObject({ conversationId: chat, memberId: alice.memberId });
    const lastSeq = ((await aliceSocket.request({ type: 'sync', conversationId: chat, afterSeq: 0 })).lastSeq) as number;
    const ok = await aliceSocket.request({ type: 'read', conversationId: chat, seq: lastSeq });
    expect(ok).toMatchObject({ type: 'ok', lastReadSeq: lastSeq });
    expect(await ownerSocket.next((frame) => frame.type === 'read')).toMatchObject({ memberId: alice.memberId, seq: lastSeq });
  });

  it('tells my other devices, and nobody else, when I mute a chat', async () => {
    const mine = await connect(owner);
    const aliceSocket = await connect(alice.session);
    const muted = await t.request({ method: 'PUT', url: `/api/orgs/${orgId}/conversations/${chat}/settings`, payload: { muted: true }, session: owner });
    expect(muted.statusCode).toBe(200);
    expect(await mine.next((frame) => frame.type === 'conversation_changed')).toMatchObject({ conversationId: chat });
    await aliceSocket.request({ type: 'ping' });
    expect(aliceSocket.received.filter((frame) => frame.type === 'conversation_changed')).toEqual([]);
  });

  it('answers bad frames with clear errors and keeps the connection and everyone else working', async () => {
    const ownerSocket = await connect(owner);
    const aliceSocket = await connect(alice.session);
    ownerSocket.sendRaw('{not json');
    expect(await ownerSocket.next((frame) => frame.type === 'error')).toMatchObject({ code: 'invalid_frame' });
    expect(await ownerSocket.request({ type: 'teleport', conversationId: chat })).toMatchObject({ type: 'error', code: 'invalid_frame' });
    expect(await ownerSocket.request({ type: 'send', conversationId: chat, text: 'no client id' })).toMatchObject({ type: 'error', code: 'invalid_frame' });
    expect(await ownerSocket.request({ type: 'send', conversationId: '00000000-0000-4000-8000-000000000000', clientMessageId: 'x', text: 'nowhere' })).toMatchObject({
      type: 'error',
      code: 'conversation_not_found',
    });
    expect(await ownerSocket.request({ type: 'send', conversationId: chat, clientMessageId: 'too-long', text: 'x'.repeat(10_001) })).toMatchObject({
      type: 'error',
      code: 'message_too_long',
      clientMessageId: 'too-long',
    });
    expect(await ownerSocket.request({ type: 'send', conversationId: chat, clientMessageId: 'blank', text: ' \n ' })).toMatchObject({ type: 'error', code: 'message_empty' });
    // bob is not in the chat: sending to it is refused like a chat that does not exist
    const bobSocket = await connect(bob.session);
    expect(await bobSocket.request({ type: 'send', conversationId: chat, clientMessageId: 'intrude', text: 'hi' })).toMatchObject({ type: 'error', code: 'conversation_not_found' });
    expect(await bobSocket.request({ type: 'sync', conversationId: chat, afterSeq: 0 })).toMatchObject({ type: 'error', code: 'conversation_not_found' });
    // still working for everyone
    const ack = await ownerSocket.request({ type: 'send', conversationId: chat, clientMessageId: 'after-errors', text: 'still here' });
    expect(ack.type).toBe('ack');
    expect((await aliceSocket.next((frame) => frame.type === 'message' && (frame.message as { id: string }).id === ack.messageId)).message).toMatchObject({ text: 'still here' });
  });

  it('closes a connection that sends a frame over 64 KiB, without touching the others', async () => {
    const ownerSocket = await connect(owner);
    const aliceSocket = await connect(alice.session);
    ownerSocket.sendRaw(JSON.stringify({ type: 'send', conversationId: chat, clientMessageId: 'huge', text: 'x'.repeat(70 * 1024) }));
    expect(await ownerSocket.closed).toMatchObject({ code: 1009 });
    expect(await aliceSocket.request({ type: 'ping' })).toMatchObject({ type: 'pong' });
    expect(await t.services.db.selectFrom('message').select('id').where('client_id', '=', 'huge').execute()).toEqual([]);
  });

  it('refuses a handshake from another site’s page, without a session, or at another path, with the API’s error bodies', async () => {
    expect(await handshake('/api/realtime', { cookie: owner.cookie, origin: 'https://evil.example' })).toEqual({ status: 403, code: 'csrf_failed' });
    expect(await handshake('/api/realtime', {})).toEqual({ status: 401, code: 'not_signed_in' });
    expect(await handshake('/api/realtime', { cookie: 'lockstep_session=forged' })).toEqual({ status: 401, code: 'not_signed_in' });
    expect(await handshake('/api/realtime', { cookie: `lockstep_session=${'x'.repeat(5000)}` })).toEqual({ status: 401, code: 'not_signed_in' });
    expect(await handshake('/api/realtime/', { cookie: owner.cookie })).toEqual({ status: 404, code: 'not_found' });
    expect(await handshake('/api/chats', { cookie: owner.cookie })).toEqual({ status: 404, code: 'not_found' });
    expect(await handshake('/', { cookie: owner.cookie })).toEqual({ status: 404, code: 'not_found' });
    expect(await handshake('/api/realtime', { cookie: owner.cookie, origin: base.replace('ws:', 'http:') })).toEqual({ status: 101 });
    expect(await handshake('/api/realtime?since=1', { cookie: owner.cookie })).toEqual({ status: 101 });
    // what is logged of a handshake: method, path and status, never the cookie or the query
    const logged = t.logs.filter((line) => line.includes('/api/realtime')).join('\n');
    expect(logged).toMatch(/"statusCode":403/);
    expect(logged).toMatch(/"statusCode":101/);
    expect(logged).not.toContain(owner.token);
    expect(logged).not.toContain('since=');
  });

  it('refuses the handshake of a session that was signed out', async () => {
    const second = await t.signIn('bob@rt.example');
    expect(await handshake('/api/realtime', { cookie: second.cookie })).toEqual({ status: 101 });
    await t.request({ method: 'POST', url: '/api/auth/sign-out', session: second });
    expect(await handshake('/api/realtime', { cookie: second.cookie })).toEqual({ status: 401, code: 'not_signed_in' });
  });

  it('keeps the sessions of many clients reconnecting at once alive, each marked as seen', async () => {
    const people: TestSession[] = [];
    for (let i = 0; i < 12; i++) people.push(await t.signIn(`crowd${i}@rt.example`, { name: `Crowd ${i}` }));
    t.clock.advance(2 * 60_000);
    const now = t.clock.now();
    const crowd = await Promise.all(people.map((session) => connect(session)));
    const rows = await t.services.db
      .selectFrom('session')
      .select('last_seen_at')
      .where('account_id', 'in', people.map((session) => session.accountId))
      .execute();
    expect(rows.map((row) => Number(row.last_seen_at))).toEqual(people.map(() => now));
    for (const client of crowd) expect(await client.request({ type: 'ping' })).toMatchObject({ type: 'pong' });
  });

  it('closes the socket of a session that was ended', async () => {
    const second = await t.signIn('alice@rt.example');
    const socket = await connect(second);
    await t.request({ method: 'POST', url: '/api/auth/sign-out', session: second });
    await t.services.realtime.sweep();
    expect(await socket.closed).toMatchObject({ code: 4001 });
  });

  it('cuts off a client that stops reading instead of buffering for it without limit', async () => {
    // a raw socket that completes the handshake and then never reads again
    const port = Number(new URL(base).port);
    const stalled = net.connect({ host: '127.0.0.1', port });
    await new Promise((resolve) => stalled.once('connect', resolve));
    stalled.write(
      `GET /api/realtime HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nCookie: ${alice.session.cookie}\r\n\r\n`,
    );
    await new Promise((resolve) => stalled.once('data', resolve));
    stalled.pause();
    const before = t.services.realtime.connectionCount;
    const ownerSocket = await connect(owner);
    const big = 'y'.repeat(9_000);
    const cutOff = () => t.services.realtime.connectionCount < before + 1;
    // at most 60 rounds of 25 messages of 9 KB (13.5 MB), far beyond the 1 MiB cap plus what the kernel buffers
    for (let round = 0; round < 60 && !cutOff(); round++) {
      await Promise.all(Array.from({ length: 25 }, (_, i) => ownerSocket.request({ type: 'send', conversationId: chat, clientMessageId: `flood-${round}-${i}`, text: big })));
    }
    for (let waited = 0; waited < 50 && !cutOff(); waited++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(cutOff(), 'the stalled client was never cut off').toBe(true);
    expect(await ownerSocket.request({ type: 'ping' })).toMatchObject({ type: 'pong' });
    stalled.destroy();
  });
});

describe('a server shutting down', () => {
  it('closes its realtime connections with 1001 (going away), so clients reconnect', async () => {
    const other = await startTestPlatform();
    const session = await other.signIn('leaving@rt.example', { name: 'Leaving' });
    await other.app.listen({ host: '127.0.0.1', port: 0 });
    const port = (other.app.server.address() as net.AddressInfo).port;
    const client = await RealtimeClient.open(`ws://127.0.0.1:${port}/api/realtime`, { cookie: session.cookie });
    expect(await client.request({ type: 'ping' })).toMatchObject({ type: 'pong' });
    await other.close();
    expect(await client.closed).toMatchObject({ code: 1001 });
  });
});
