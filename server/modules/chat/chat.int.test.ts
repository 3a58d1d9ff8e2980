import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform, type TestSession } from '../../../test/harness.ts';
import { addMember, createOrg } from '../../../test/org-fixtures.ts';

let t: TestPlatform;
let orgId: string;
let owner: TestSession;
let ownerMemberId: string;
const people: Record<string, { session: TestSession; memberId: string }> = {};

async function send(session: TestSession, conversationId: string, text: string, extra: Record<string, unknown> = {}) {
  return t.request({
    method: 'POST',
    url: `/api/orgs/${orgId}/conversations/${conversationId}/messages`,
    payload: { clientMessageId: `c-${Math.random().toString(36).slice(2)}`, text, ...extra },
    session,
  });
}

async function openDirect(session: TestSession, memberId: string) {
  return t.request({ method: 'POST', url: `/api/orgs/${orgId}/conversations`, payload: { kind: 'direct', memberId }, session });
}

async function createGroup(session: TestSession, name: string, memberIds: string[]): Promise<string> {
  const response = await t.request({ method: 'POST', url: `/api/orgs/${orgId}/conversations`, payload: { kind: 'group', name, memberIds }, session });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().conversation.id;
}

async function list(session: TestSession) {
  const response = await t.request({ method: 'GET', url: `/api/orgs/${orgId}/conversations`, session });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().conversations as Array<{ id: string; unread: number; lastMessage: { text: string | null } | null; peer: { name: string } | null; myRole: string; muted: boolean }>;
}

async function history(session: TestSession, conversationId: string, query = '') {
  return t.request({ method: 'GET', url: `/api/orgs/${orgId}/conversations/${conversationId}/messages${query}`, session });
}

async function search(session: TestSession, q: string) {
  const response = await t.request({ method: 'GET', url: `/api/orgs/${orgId}/message-search?q=${encodeURIComponent(q)}`, session });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().messages as Array<{ id: string; text: string; conversationId: string }>;
}

beforeAll(async () => {
  t = await startTestPlatform();
  owner = await t.signIn('owner@kaadas.example', { name: 'Olivia Owner' });
  orgId = await createOrg(t, owner);
  const me = await t.request({ method: 'GET', url: `/api/orgs/${orgId}/me`, session: owner });
  ownerMemberId = me.json().member.id;
  for (const name of ['alice', 'bob', 'carol', 'dave']) people[name] = await addMember(t, owner, orgId, `${name}@kaadas.example`);
});

afterAll(async () => {
  await t?.close();
});

describe('direct chats', () => {
  it('opens one chat per pair of colleagues, whoever opens it', async () => {
    const first = await openDirect(owner, people.alice!.memberId);
    expect(first.statusCode, first.body).toBe(201);
    const id = first.json().conversation.id;
    const again = await openDirect(owner, people.alice!.memberId);
    expect(again.statusCode).toBe(200);
    expect(again.json().conversation.id).toBe(id);
    const fromAlice = await openDirect(people.alice!.session, ownerMemberId);
    expect(fromAlice.json().conversation.id).toBe(id);
    expect(fromAlice.json().conversation.peer.name).toBe('Olivia Owner');
  });

  it('refuses a chat with oneself or with someone outside the organisation', async () => {
    const self = await openDirect(owner, ownerMemberId);
    expect(self.statusCode).toBe(400);
    expect(self.json().error.code).toBe('chat_with_self');
    const stranger = await openDirect(owner, '00000000-0000-4000-8000-000000000000');
    expect(stranger.statusCode).toBe(404);
    expect(stranger.json().error.code).toBe('member_not_found');
  });
});

describe('messages', () => {
  let chat: string;
  beforeAll(async () => {
    chat = (await openDirect(owner, people.bob!.memberId)).json().conversation.id;
  });

  it('numbers messages in order and lands a retried send once', async () => {
    const payload = { clientMessageId: 'retry-1', text: 'The Q3 lock shipment leaves Friday' };
    const first = await t.request({ method: 'POST', url: `/api/orgs/${orgId}/conversations/${chat}/messages`, payload, session: owner });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().message).toMatchObject({ seq: 1, text: payload.text, state: 'live', senderMemberId: ownerMemberId });
    const retry = await t.request({ method: 'POST', url: `/api/orgs/${orgId}/conversations/${chat}/messages`, payload, session: owner });
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toMatchObject({ duplicate: true, message: { id: first.json().message.id, seq: 1 } });
    const second = await send(owner, chat, 'Second message');
    expect(second.json().message.seq).toBe(2);
    const page = await history(people.bob!.session, chat);
    expect(page.json().messages.map((m: { seq: number }) => m.seq)).toEqual([1, 2]);
  });

  it('counts unread messages until they are read', async () => {
    const before = (await list(people.bob!.session)).find((c) => c.id === chat)!;
    expect(before.unread).toBe(2);
    expect(before.lastMessage?.text).toBe('Second message');
    expect((await list(owner)).find((c) => c.id === chat)!.unread).toBe(0);
    const read = await t.request({ method: 'POST', url: `/api/orgs/${orgId}/conversations/${chat}/read`, payload: { seq: 2 }, session: people.bob!.session });
    expect(read.statusCode, read.body).toBe(200);
    expect((await list(people.bob!.session)).find((c) => c.id === chat)!.unread).toBe(0);
    // a late, smaller read position does not bring messages back as unread
    await t.request({ method: 'POST', url: `/api/orgs/${orgId}/conversations/${chat}/read`, payload: { seq: 1 }, session: people.bob!.session });
    expect((await list(people.bob!.session)).find((c) => c.id === chat)!.unread).toBe(0);
    const ahead = await t.request({ method: 'POST', url: `/api/orgs/${orgId}/conversations/${chat}/read`, payload: { seq: 99 }, session: people.bob!.session });
    expect(ahead.statusCode).toBe(400);
    expect(ahead.json().error.code).toBe('sequence_ahead');
  });

  it('shows an edit as edited, and only the sender may edit', async () => {
    const sent = (await send(owner, chat, 'Meeting at 3')).json().message;
    const edited = await t.request({ method: 'PATCH', url: `/api/orgs/${orgId}/conversations/${chat}/messages/${sent.id}`, payload: { text: 'Meeting at 4' }, session: owner });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().message).toMatchObject({ text: 'Meeting at 4', state: 'edited' });
    expect(edited.json().message.editedAt).not.toBeNull();
    const byOther = await t.request({ method: 'PATCH', url: `/api/orgs/${orgId}/conversations/${chat}/messages/${sent.id}`, payload: { text: 'hijack' }, session: people.bob!.session });
    expect(byOther.statusCode).toBe(403);
    expect(byOther.json().error.code).toBe('not_message_sender');
    expect((await search(people.bob!.session, 'meeting 4')).map((m) => m.id)).toContain(sent.id);
    expect((await search(people.bob!.session, 'meeting 3')).map((m) => m.id)).not.toContain(sent.id);
  });

  it('recalls a message by erasing its content, not hiding it', async () => {
    const sent = (await send(owner, chat, 'secret-canary-launch-code 7781')).json().message;
    expect((await search(people.bob!.session, 'launch')).map((m) => m.id)).toContain(sent.id);
    const recalled = await t.request({ method: 'DELETE', url: `/api/orgs/${orgId}/conversations/${chat}/messages/${sent.id}`, session: owner });
    expect(recalled.statusCode, recalled.body).toBe(200);
    expect(recalled.json().message).toMatchObject({ text: null, state: 'recalled' });
    const row = await t.services.db.selectFrom('message').selectAll().where('id', '=', sent.id).executeTakeFirstOrThrow();
    expect(row.body_enc).toBeNull();
    const documents = await t.services.db.selectFrom('message_search').selectAll().where('message_id', '=', sent.id).execute();
    expect(documents).toEqual([]);
    expect(await search(people.bob!.session, 'launch')).toEqual([]);
    const seen = (await history(people.bob!.session, chat)).json().messages.find((m: { id: string }) => m.id === sent.id);
    expect(seen).toMatchObject({ state: 'recalled', text: null });
    const editAfter = await t.request({ method: 'PATCH', url: `/api/orgs/${orgId}/conversations/${chat}/messages/${sent.id}`, payload: { text: 'again' }, session: owner });
    expect(editAfter.json().error.code).toBe('message_recalled');
    // in a direct chat the other person cannot recall someone else's message
    const other = (await send(owner, chat, 'mine')).json().message;
    const byBob = await t.request({ method: 'DELETE', url: `/api/orgs/${orgId}/conversations/${chat}/messages/${other.id}`, session: people.bob!.session });
    expect(byBob.statusCode).toBe(403);
  });

  it('keeps reactions per person and refuses what is not an emoji', async () => {
    const sent = (await send(owner, chat, 'React to me')).json().message;
    const url = (emoji: string) => `/api/orgs/${orgId}/conversations/${chat}/messages/${sent.id}/reactions/${encodeURIComponent(emoji)}`;
    expect((await t.request({ method: 'PUT', url: url('👍'), session: people.bob!.session })).statusCode).toBe(200);
    const both = await t.request({ method: 'PUT', url: url('👍'), session: owner });
    expect(both.json().message.reactions).toEqual([{ emoji: '👍', memberIds: [people.bob!.memberId, ownerMemberId] }]);
    const twice = await t.request({ method: 'PUT', url: url('👍'), session: owner });
    expect(twice.json().message.reactions[0].memberIds).toHaveLength(2);
    const off = await t.request({ method: 'DELETE', url: url('👍'), session: owner });
    expect(off.json().message.reactions).toEqual([{ emoji: '👍', memberIds: [people.bob!.memberId] }]);
    const bad = await t.request({ method: 'PUT', url: url('<b>x</b>'), session: owner });
    expect(bad.statusCode).toBe(400);
  });

  it('links a reply to a message of the same chat only', async () => {
    const original = (await send(owner, chat, 'Original')).json().message;
    const reply = await send(people.bob!.session, chat, 'Reply', { replyToId: original.id });
    expect(reply.statusCode, reply.body).toBe(201);
    expect(reply.json().message.replyToId).toBe(original.id);
    const elsewhere = (await openDirect(owner, people.carol!.memberId)).json().conversation.id;
    const crossed = await send(owner, elsewhere, 'Reply across chats', { replyToId: original.id });
    expect(crossed.statusCode).toBe(404);
    expect(crossed.json().error.code).toBe('message_not_found');
  });

  it('keeps only mentions of people in the chat', async () => {
    const sent = await send(owner, chat, '@bob look', { mentions: [people.bob!.memberId, people.dave!.memberId] });
    expect(sent.json().message.mentions).toEqual([people.bob!.memberId]);
  });

  it('gives clear errors for bad messages and for chats one is not in', async () => {
    const empty = await send(owner, chat, '   ');
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.code).toBe('message_empty');
    const long = await send(owner, chat, 'x'.repeat(10_001));
    expect(long.statusCode).toBe(413);
    expect(long.json().error.code).toBe('message_too_long');
    const exact = await send(owner, chat, '字'.repeat(10_000));
    expect(exact.statusCode).toBe(201);
    const unknown = await send(owner, '00000000-0000-4000-8000-000000000000', 'hello');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('conversation_not_found');
    // carol is not in owner↔bob's chat: it looks like no chat at all, for reading and writing
    const intruder = await send(people.carol!.session, chat, 'let me in');
    expect(intruder.statusCode).toBe(404);
    expect((await history(people.carol!.session, chat)).statusCode).toBe(404);
    const future = await history(owner, chat, '?afterSeq=100000');
    expect(future.statusCode).toBe(400);
    expect(future.json().error.code).toBe('sequence_ahead');
    const extra = await t.request({ method: 'POST', url: `/api/orgs/${orgId}/conversations/${chat}/messages`, payload: { clientMessageId: 'a', text: 'b', html: '<script>' }, session: owner });
    expect(extra.statusCode).toBe(400);
  });

  it('stores no message text in plaintext', async () => {
    const canary = 'plaintext-canary-4471-zebra';
    await send(owner, chat, canary);
    const rows = await t.services.db.selectFrom('message').selectAll().execute();
    for (const row of rows) expect(Buffer.from(row.body_enc ?? []).includes(canary)).toBe(false);
    const documents = await t.services.db.selectFrom('message_search').select('tokens').execute();
    expect(documents.length).toBeGreaterThan(0);
    expect(documents.some((row) => row.tokens.toLowerCase().includes('zebra'))).toBe(false);
    expect((await search(people.bob!.session, 'zebra')).map((m) => m.text)).toEqual([canary]);
  });
});

describe('groups', () => {
  it('lets the owner and admins manage the group and passes ownership on when the owner leaves', async () => {
    const group = await createGroup(owner, 'Lock firmware', [people.alice!.memberId, people.bob!.memberId]);
    const detail = await t.request({ method: 'GET', url: `/api/orgs/${orgId}/conversations/${group}`, session: people.alice!.session });
    expect(detail.json().conversation.participants.map((p: { name: string; role: string }) => [p.name, p.role])).toEqual([
      ['Olivia Owner', 'owner'],
      ['alice', 'member'],
      ['bob', 'member'],
    ]);
    const renameByMember = await t.request({ method: 'PATCH', url: `/api/orgs/${orgId}/conversations/${group}`, payload: { name: 'Mine now' }, session: people.alice!.session });
    expect(renameByMember.statusCode).toBe(403);
    const promote = await t.request({ method: 'PUT', url: `/api/orgs/${orgId}/conversations/${group}/members/${people.alice!.memberId}/role`, payload: { role: 'admin' }, session: owner });
    expect(promote.statusCode, promote.body).toBe(200);
    const renamed = await t.request({ method: 'PATCH', url: `/api/orgs/${orgId}/conversations/${group}`, payload: { name: 'Firmware 2.0' }, session: people.alice!.session });
    expect(renamed.json().conversation.name).toBe('Firmware 2.0');
    const blank = await t.request({ method: 'PATCH', url: `/api/orgs/${orgId}/conversations/${group}`, payload: { name: '  ' }, session: owner });
    expect(blank.json().error.code).toBe('group_name_required');

    // any member may add colleagues
    const added = await t.request({ method: 'POST', url: `/api/orgs/${orgId}/conversations/${group}/members`, payload: { memberIds: [people.carol!.memberId] }, session: people.bob!.session });
    expect(added.statusCode, added.body).toBe(200);
    const removeByMember = await t.request({ method: 'DELETE', url: `/api/orgs/${orgId}/conversations/${group}/members/${people.carol!.memberId}`, session: people.bob!.session });
    expect(removeByMember.statusCode).toBe(403);
    const removeOwner = await t.request({ method: 'DELETE', url: `/api/orgs/${orgId}/conversations/${group}/members/${ownerMemberId}`, session: people.alice!.session });
    expect(removeOwner.statusCode).toBe(403);
    const removed = await t.request({ method: 'DELETE', url: `/api/orgs/${orgId}/conversations/${group}/members/${people.carol!.memberId}`, session: people.alice!.session });
    expect(removed.statusCode).toBe(204);
    expect((await send(people.carol!.session, group, 'still here?')).statusCode).toBe(404);

    const left = await t.request({ method: 'DELETE', url: `/api/orgs/${orgId}/conversations/${group}/members/${ownerMemberId}`, session: owner });
    expect(left.statusCode).toBe(204);
    const after = await t.request({ method: 'GET', url: `/api/orgs/${orgId}/conversations/${group}`, session: people.alice!.session });
    expect(after.json().conversation.participants.map((p: { name: string; role: string }) => [p.name, p.role])).toEqual([
      ['alice', 'owner'],
      ['bob', 'member'],
    ]);
    expect((await list(owner)).some((c) => c.id === group)).toBe(false);
  });

  it('refuses group changes on a direct chat and a group without a name', async () => {
    const direct = (await openDirect(owner, people.dave!.memberId)).json().conversation.id;
    const rename = await t.request({ method: 'PATCH', url: `/api/orgs/${orgId}/conversations/${direct}`, payload: { name: 'x' }, session: owner });
    expect(rename.json().error.code).toBe('not_a_group');
    const nameless = await t.request({ method: 'POST', url: `/api/orgs/${orgId}/conversations`, payload: { kind: 'group', name: '', memberIds: [] }, session: owner });
    expect(nameless.json().error.code).toBe('group_name_required');
    const strangers = await t.request({ method: 'POST', url: `/api/orgs/${orgId}/conversations`, payload: { kind: 'group', name: 'x', memberIds: ['00000000-0000-4000-8000-000000000000'] }, session: owner });
    expect(strangers.statusCode).toBe(404);
  });

  it('mutes and archives for me only', async () => {
    const group = await createGroup(owner, 'Noisy', [people.dave!.memberId]);
    const muted = await t.request({ method: 'PUT', url: `/api/orgs/${orgId}/conversations/${group}/settings`, payload: { muted: true, archived: true }, session: people.dave!.session });
    expect(muted.json().conversation).toMatchObject({ muted: true, archived: true });
    expect((await list(owner)).find((c) => c.id === group)!.muted).toBe(false);
  });

  it('deletes a group with its messages when its last member leaves', async () => {
    const group = await createGroup(owner, 'Short-lived', []);
    await send(owner, group, 'echo');
    const left = await t.request({ method: 'DELETE', url: `/api/orgs/${orgId}/conversations/${group}/members/${ownerMemberId}`, session: owner });
    expect(left.statusCode).toBe(204);
    expect(await t.services.db.selectFrom('conversation').select('id').where('id', '=', group).executeTakeFirst()).toBeUndefined();
    expect(await t.services.db.selectFrom('message').select('id').where('conversation_id', '=', group).execute()).toEqual([]);
  });
});

describe('search', () => {
  it('finds Chinese and English words only in chats the person is in', async () => {
    const group = await createGroup(owner, '研发', [people.alice!.memberId]);
    const sent = (await send(people.alice!.session, group, '我们明天讨论智能锁的设计 budget review')).json().message;
    expect((await search(owner, '智能锁')).map((m) => m.id)).toContain(sent.id);
    expect((await search(owner, '设计')).map((m) => m.id)).toContain(sent.id);
    expect((await search(owner, 'BUDGET')).map((m) => m.id)).toContain(sent.id);
    expect((await search(owner, 'budget nonexistentword')).map((m) => m.id)).not.toContain(sent.id);
    expect((await search(people.bob!.session, '智能锁')).map((m) => m.id)).not.toContain(sent.id);
    // after leaving, the chat's messages are no longer found
    await t.request({ method: 'DELETE', url: `/api/orgs/${orgId}/conversations/${group}/members/${people.alice!.memberId}`, session: people.alice!.session });
    expect((await search(people.alice!.session, '智能锁')).map((m) => m.id)).not.toContain(sent.id);
    const empty = await t.request({ method: 'GET', url: `/api/orgs/${orgId}/message-search?q=`, session: owner });
    expect(empty.statusCode).toBe(400);
  });
});

describe('leaving the organisation', () => {
  it('cuts a removed member off every chat at once', async () => {
    const erin = await addMember(t, owner, orgId, 'erin@kaadas.example');
    const chat = (await openDirect(owner, erin.memberId)).json().conversation.id;
    expect((await send(erin.session, chat, 'hi')).statusCode).toBe(201);
    const removed = await t.request({ method: 'DELETE', url: `/api/orgs/${orgId}/members/${erin.memberId}`, session: owner });
    expect(removed.statusCode, removed.body).toBe(204);
    const after = await send(erin.session, chat, 'still?');
    expect(after.statusCode).toBe(404);
    // the owner still sees the history
    expect((await history(owner, chat)).json().messages.map((m: { text: string }) => m.text)).toEqual(['hi']);
  });
});
