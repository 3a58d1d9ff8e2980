import net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { latestCode, startTestPlatform, type TestPlatform, type TestSession } from '../../../test/harness.ts';
import { addMember, createOrg } from '../../../test/org-fixtures.ts';
import { RealtimeClient, type Frame } from '../../../test/realtime-client.ts';
import { ChatRepo } from './chat.repo.ts';

/**
 * Access ends the moment membership ends (P7.2, P7.3): a person removed from an organisation or a
 * chat, who left it, whose session was ended or whose account was cancelled, with a WebSocket
 * open, gets not even the very next message. No test here sleeps past a cache's lifetime or calls
 * the session sweep: what cuts delivery must happen when the membership ends.
 */
let t: TestPlatform;
let base: string;
let orgId: string;
let owner: TestSession;
const clients: RealtimeClient[] = [];
let counter = 0;

async function connect(session: TestSession): Promise<RealtimeClient> {
  const client = await RealtimeClient.open(`${base}/api/realtime`, { cookie: session.cookie });
  clients.push(client);
  return client;
}

async function group(name: string, memberIds: string[]): Promise<string> {
  const created = await t.request({ method: 'POST', url: `/api/orgs/${orgId}/conversations`, payload: { kind: 'group', name, memberIds }, session: owner });
  expect(created.statusCode, created.body).toBe(201);
  return created.json().conversation.id as string;
}

const isMessage = (id: unknown) => (frame: Frame) => frame.type === 'message' && (frame.message as { id: string }).id === id;
const heardOf = (client: RealtimeClient, conversationId: string) =>
  client.received.filter((frame) => frame.conversationId === conversationId || (frame.message as { conversationId?: string } | undefined)?.conversationId === conversationId);

/** Sends over `from`'s socket and waits until `witness`, who stays in the chat, has heard it: by then every live delivery of it was made. */
async function sendAndWitness(from: RealtimeClient, witness: RealtimeClient, conversationId: string, text: string): Promise<Frame> {
  const ack = await from.request({ type: 'send', conversationId, clientMessageId: `access-${++counter}`, text });
  expect(ack, JSON.stringify(ack)).toMatchObject({ type: 'ack' });
  await witness.next(isMessage(ack.messageId));
  return ack;
}

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms))]);
}

/**
 * Holds the gateway's next load of a chat's members after it has read the database: the window in
 * which a membership can end between the read and the moment the gateway remembers what it read.
 */
function holdNextMembersLoad() {
  const original = ChatRepo.prototype.recipients;
  let release = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  const state = { held: false };
  const spy = vi.spyOn(ChatRepo.prototype, 'recipients').mockImplementation(async function (this: ChatRepo, ...args: Parameters<ChatRepo['recipients']>) {
    const result = await original.apply(this, args);
    if (!state.held) {
      state.held = true;
      await gate;
    }
    return result;
  });
  return { state, release: () => release(), restore: () => spy.mockRestore() };
}

async function until(what: string, probe: () => boolean, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

beforeAll(async () => {
  t = await startTestPlatform();
  owner = await t.signIn('owner@access.example', { name: 'Owner' });
  orgId = await createOrg(t, owner);
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  base = `ws://127.0.0.1:${(t.app.server.address() as net.AddressInfo).port}`;
});

afterEach(() => {
  vi.restoreAllMocks();
});

afterAll(async () => {
  for (const client of clients) client.close();
  await t?.close();
});

describe('live delivery ends with the membership', () => {
  it('stops at once for a member removed from the organisation, in every chat, and sync gives them nothing after', async () => {
    const erin = await addMember(t, owner, orgId, 'erin@access.example');
    const fay = await addMember(t, owner, orgId, 'fay@access.example');
    const chat = await group('Removal', [erin.memberId, fay.memberId]);
    const ownerSocket = await connect(owner);
    const erinSocket = await connect(erin.session);
    const faySocket = await connect(fay.session);
    // every node now remembers who is in the chat
    const before = await sendAndWitness(ownerSocket, faySocket, chat, 'before the removal');
    await erinSocket.next(isMessage(before.messageId));

    const removed = await t.request({ method: 'DELETE', url: `/api/orgs/${orgId}/members/${erin.memberId}`, session: owner });
    expect(removed.statusCode, removed.body).toBe(204);

    const after = await sendAndWitness(ownerSocket, faySocket, chat, 'the very next message');
    ownerSocket.send({ type: 'typing', conversationId: chat });
    await faySocket.next((frame) => frame.type === 'typing' && frame.conversationId === chat);
    await erinSocket.request({ type: 'ping' });
    expect(erinSocket.received.filter(isMessage(after.messageId))).toEqual([]);
    expect(heardOf(erinSocket, chat).filter((frame) => frame.type === 'typing')).toEqual([]);
    // resuming is refused like a chat that does not exist, on the open socket and on a new one
    expect(await erinSocket.request({ type: 'sync', conversationId: chat, afterSeq: before.seq as number })).toMatchObject({ type: 'error', code: 'conversation_not_found' });
    const again = await connect(erin.session);
    expect(await again.request({ type: 'sync', conversationId: chat, afterSeq: 0 })).toMatchObject({ type: 'error', code: 'conversation_not_found' });
  });

  it('never gives the group to whoever is in the chat list of a stale database read: removal', async () => {
    const gil = await addMember(t, owner, orgId, 'gil@access.example');
    const hal = await addMember(t, owner, orgId, 'hal@access.example');
    const chat = await group('Stale read, removal', [gil.memberId, hal.memberId]);
    const ownerSocket = await connect(owner);
    const gilSocket = await connect(gil.session);
    const halSocket = await connect(hal.session);
    const hold = holdNextMembersLoad();
    // the first message makes the gateway read the chat's members; the read is held after it was made
    const first = await ownerSocket.request({ type: 'send', conversationId: chat, clientMessageId: `access-${++counter}`, text: 'first' });
    await until('the gateway to read the members', () => hold.state.held);
    const removed = await t.request({ method: 'DELETE', url: `/api/orgs/${orgId}/conversations/${chat}/members/${gil.memberId}`, session: owner });
    expect(removed.statusCode, removed.body).toBe(204);
    const next = await ownerSocket.request({ type: 'send', conversationId: chat, clientMessageId: `access-${++counter}`, text: 'after the removal' });
    hold.release();
    await halSocket.next(isMessage(first.messageId));
    await halSocket.next(isMessage(next.messageId));
    await gilSocket.next((frame) => frame.type === 'conversation_left' && frame.conversationId === chat);
    await gilSocket.request({ type: 'ping' });
    expect(gilSocket.received.filter(isMessage(next.messageId))).toEqual([]);
    // and the one after: nothing of the stale read was remembered
    const third = await sendAndWitness(ownerSocket, halSocket, chat, 'third');
    await gilSocket.request({ type: 'ping' });
    expect(gilSocket.received.filter(isMessage(third.messageId))).toEqual([]);
    expect(await gilSocket.request({ type: 'sync', conversationId: chat, afterSeq: 0 })).toMatchObject({ type: 'error', code: 'conversation_not_found' });
  });

  it('never gives the group to whoever is in the chat list of a stale database read: leaving', async () => {
    const ida = await addMember(t, owner, orgId, 'ida@access.example');
    const jo = await addMember(t, owner, orgId, 'jo@access.example');
    const chat = await group('Stale read, leaving', [ida.memberId, jo.memberId]);
    const ownerSocket = await connect(owner);
    const idaSocket = await connect(ida.session);
    const joSocket = await connect(jo.session);
    const hold = holdNextMembersLoad();
    const first = await ownerSocket.request({ type: 'send', conversationId: chat, clientMessageId: `access-${++counter}`, text: 'first' });
    await until('the gateway to read the members', () => hold.state.held);
    const left = await t.request({ method: 'DELETE', url: `/api/orgs/${orgId}/conversations/${chat}/members/${ida.memberId}`, session: ida.session });
    expect(left.statusCode, left.body).toBe(204);
    const next = await ownerSocket.request({ type: 'send', conversationId: chat, clientMessageId: `access-${++counter}`, text: 'after she left' });
    hold.release();
    await joSocket.next(isMessage(first.messageId));
    await joSocket.next(isMessage(next.messageId));
    await idaSocket.next((frame) => frame.type === 'conversation_left' && frame.conversationId === chat);
    await idaSocket.request({ type: 'ping' });
    expect(idaSocket.received.filter(isMessage(next.messageId))).toEqual([]);
    expect(await idaSocket.request({ type: 'sync', conversationId: chat, afterSeq: 0 })).toMatchObject({ type: 'error', code: 'conversation_not_found' });
  });

  it('closes at once the socket of a session ended from another device, and of one signed out, before the next message', async () => {
    const kim = await addMember(t, owner, orgId, 'kim@access.example');
    const lu = await addMember(t, owner, orgId, 'lu@access.example');
    const chat = await group('Sessions', [kim.memberId, lu.memberId]);
    const phone = await t.signIn('kim@access.example');
    const ownerSocket = await connect(owner);
    const luSocket = await connect(lu.session);
    const phoneSocket = await connect(phone);
    const laptopSocket = await connect(kim.session);
    await phoneSocket.next(isMessage((await sendAndWitness(ownerSocket, luSocket, chat, 'to every device')).messageId));

    const sessions = (await t.request({ method: 'GET', url: '/api/sessions', session: phone })).json().sessions as Array<{ id: string; current: boolean }>;
    const phoneSession = sessions.find((session) => session.current)!.id;
    const ended = await t.request({ method: 'DELETE', url: `/api/sessions/${phoneSession}`, session: kim.session });
    expect(ended.statusCode, ended.body).toBe(204);
    const next = await sendAndWitness(ownerSocket, luSocket, chat, 'after the phone was signed out');
    expect(phoneSocket.received.filter(isMessage(next.messageId))).toEqual([]);
    expect(await within(phoneSocket.closed, 2_000, 'the ended session’s socket to close')).toMatchObject({ code: 4001 });
    // the laptop's session goes on
    await laptopSocket.next(isMessage(next.messageId));

    const signedOut = await t.request({ method: 'POST', url: '/api/auth/sign-out', session: kim.session });
    expect(signedOut.statusCode, signedOut.body).toBe(204);
    const last = await sendAndWitness(ownerSocket, luSocket, chat, 'after signing out');
    expect(laptopSocket.received.filter(isMessage(last.messageId))).toEqual([]);
    expect(await within(laptopSocket.closed, 2_000, 'the signed-out socket to close')).toMatchObject({ code: 4001 });
  });

  it('closes at once every socket of an account cancelled, before the next message', async () => {
    const email = 'max@access.example';
    const max = await addMember(t, owner, orgId, email);
    const ned = await addMember(t, owner, orgId, 'ned@access.example');
    const chat = await group('Cancellation', [max.memberId, ned.memberId]);
    const ownerSocket = await connect(owner);
    const nedSocket = await connect(ned.session);
    const maxSocket = await connect(max.session);
    await maxSocket.next(isMessage((await sendAndWitness(ownerSocket, nedSocket, chat, 'before')).messageId));

    const sent = await t.request({ method: 'POST', url: '/api/me/verification-code', session: max.session });
    expect(sent.statusCode, sent.body).toBe(202);
    const signInCookie = ([] as string[]).concat(sent.headers['set-cookie'] as string[]).find((value) => value.startsWith('lockstep_signin='))!.split(';')[0]!;
    const cancelled = await t.request({
      method: 'POST',
      url: '/api/me/cancellation',
      payload: { challengeId: sent.json().challengeId, code: latestCode(t.platform, email) },
      session: { ...max.session, cookie: `${max.session.cookie}; ${signInCookie}` },
    });
    expect(cancelled.statusCode, cancelled.body).toBe(202);

    const next = await sendAndWitness(ownerSocket, nedSocket, chat, 'after the cancellation');
    expect(maxSocket.received.filter(isMessage(next.messageId))).toEqual([]);
    expect(await within(maxSocket.closed, 2_000, 'the cancelled account’s socket to close')).toMatchObject({ code: 4001 });
  });
});

describe('a direct chat closed because two people stopped being contacts', () => {
  it('carries nothing live from one to the other: no typing, edit or reaction; a read reaches only one’s own devices', async () => {
    const ann = await t.signIn('ann@access-contacts.example', { name: 'Ann' });
    const ben = await t.signIn('ben@access-contacts.example', { name: 'Ben' });
    expect((await t.request({ method: 'POST', url: '/api/contacts/requests', payload: { identifier: 'ben@access-contacts.example' }, session: ann })).statusCode).toBe(202);
    const request = (await t.request({ method: 'GET', url: '/api/contacts', session: ben })).json().incoming[0];
    const accepted = await t.request({ method: 'POST', url: `/api/contacts/requests/${request.id}/accept`, session: ben });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const spaceId = accepted.json().spaceId as string;
    const annOfBen = accepted.json().contact.id as string;
    const opened = await t.request({ method: 'POST', url: `/api/contacts/${annOfBen}/chat`, session: ben });
    const chat = opened.json().conversation.id as string;
    const annSocket = await connect(ann);
    const annOtherDevice = await connect(ann);
    const benSocket = await connect(ben);
    const ack = await sendAndWitness(annSocket, benSocket, chat, 'while we are contacts');

    expect((await t.request({ method: 'DELETE', url: `/api/contacts/${annOfBen}`, session: ben })).statusCode).toBe(204);
    await annSocket.next((frame) => frame.type === 'conversation_changed' && frame.conversationId === chat);
    // Ben's own devices hear of his removal too; what counts is what reaches him after it
    await benSocket.next((frame) => frame.type === 'conversation_changed' && frame.conversationId === chat);
    await benSocket.next((frame) => frame.type === 'contacts_changed');
    const from = benSocket.received.length;

    expect(await annSocket.request({ type: 'typing', conversationId: chat })).toMatchObject({ type: 'error', code: 'conversation_closed' });
    const edit = await t.request({ method: 'PATCH', url: `/api/orgs/${spaceId}/conversations/${chat}/messages/${ack.messageId}`, payload: { text: 'edited after' }, session: ann });
    expect(edit.statusCode, edit.body).toBe(409);
    expect(edit.json().error.code).toBe('conversation_closed');
    const react = await t.request({ method: 'PUT', url: `/api/orgs/${spaceId}/conversations/${chat}/messages/${ack.messageId}/reactions/${encodeURIComponent('👍')}`, session: ann });
    expect(react.statusCode, react.body).toBe(409);
    expect(await annSocket.request({ type: 'send', conversationId: chat, clientMessageId: 'closed-1', text: 'still?' })).toMatchObject({ type: 'error', code: 'conversation_closed' });
    expect(await annSocket.request({ type: 'read', conversationId: chat, seq: ack.seq as number })).toMatchObject({ type: 'ok' });
    await annOtherDevice.next((frame) => frame.type === 'read' && frame.conversationId === chat);

    await benSocket.request({ type: 'ping' });
    expect(benSocket.received.slice(from).filter((frame) => frame.type !== 'pong')).toEqual([]);
    const stored = await t.services.db.selectFrom('message').select(['body_enc', 'edited_at']).where('id', '=', ack.messageId as string).executeTakeFirstOrThrow();
    expect(stored.edited_at).toBeNull();
    expect(await t.services.db.selectFrom('message_reaction').select('id').where('message_id', '=', ack.messageId as string).execute()).toEqual([]);
  });
});
