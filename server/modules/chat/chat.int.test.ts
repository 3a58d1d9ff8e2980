import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialect, startTestPlatform, type TestPlatform, type TestSession } from '../../../test/harness.ts';
import { addMember, createOrg } from '../../../test/org-fixtures.ts';
import { ChatRepo } from './chat.repo.ts';

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

/** The owner's member key, which their messages' search entries are made under. */
async function ownerKey(): Promise<string> {
  return (await t.services.db.selectFrom('member').select('key_id').where('id', '=', ownerMemberId).executeTakeFirstOrThrow()).key_id;
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

/**
 * Whether SQLite's full-text index still holds an entry in its pages (not only whether a query
 * finds it): a token's last 16 characters, lower case as the tokenizer stores them, survive the
 * index's prefix compression.
 */
async function ftsPagesHold(token: string): Promise<boolean> {
  const { rows } = await sql<{ block: Buffer }>`select block from message_search_fts_data`.execute(t.services.db);
  return rows.some((row) => Buffer.from(row.block).includes(token.slice(-16).toLowerCase()));
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
    // a single character finds the word holding it
    expect((await search(owner, '锁')).map((m) => m.id)).toContain(sent.id);
    expect((await search(owner, 'budget nonexistentword')).map((m) => m.id)).not.toContain(sent.id);
    expect((await search(people.bob!.session, '智能锁')).map((m) => m.id)).not.toContain(sent.id);
    // after leaving, the chat's messages are no longer found
    await t.request({ method: 'DELETE', url: `/api/orgs/${orgId}/conversations/${group}/members/${people.alice!.memberId}`, session: people.alice!.session });
    expect((await search(people.alice!.session, '智能锁')).map((m) => m.id)).not.toContain(sent.id);
    expect((await search(owner, '智能锁')).map((m) => m.id)).toContain(sent.id);
    const empty = await t.request({ method: 'GET', url: `/api/orgs/${orgId}/message-search?q=`, session: owner });
    expect(empty.statusCode).toBe(400);
  });

  it('needs every word of a query in one message', async () => {
    const group = await createGroup(owner, 'Words', [people.carol!.memberId]);
    const both = (await send(owner, group, 'quarterly hinge tolerance report')).json().message;
    const one = (await send(owner, group, 'quarterly forecast')).json().message;
    const other = (await send(owner, group, 'hinge supplier')).json().message;
    expect((await search(people.carol!.session, 'hinge quarterly')).map((m) => m.id)).toEqual([both.id]);
    expect((await search(people.carol!.session, 'quarterly')).map((m) => m.id)).toEqual([one.id, both.id]);
    expect((await search(people.carol!.session, 'hinge')).map((m) => m.id)).toEqual([other.id, both.id]);
    // the words are in the chat, but never together in one message
    expect(await search(people.carol!.session, 'forecast supplier')).toEqual([]);
  });

  it('finds a word in each chat of the person only among that chat’s messages', async () => {
    const first = await createGroup(owner, 'Apples one', [people.dave!.memberId]);
    const second = await createGroup(owner, 'Apples two', [people.dave!.memberId]);
    const inFirst = (await send(owner, first, 'pomegranate crumble')).json().message;
    const inSecond = (await send(owner, second, 'pomegranate tart')).json().message;
    const all = await search(people.dave!.session, 'pomegranate');
    expect(all.map((m) => [m.id, m.conversationId])).toEqual([
      [inSecond.id, second],
      [inFirst.id, first],
    ]);
    expect((await search(people.dave!.session, 'pomegranate tart')).map((m) => [m.id, m.conversationId])).toEqual([[inSecond.id, second]]);
    // crumble is in one chat and tart in the other: no message holds both
    expect(await search(people.dave!.session, 'crumble tart')).toEqual([]);
  });

  it('searches hundreds of chats in a few bounded queries, newest first across them', async () => {
    const repo = new ChatRepo(t.services.db, t.platform.database.profile.messageSearch);
    const group = await createGroup(owner, 'Bulk', [people.alice!.memberId]);
    const older = (await send(owner, group, 'gearbox alpha')).json().message;
    t.clock.advance(1000);
    const newer = (await send(owner, group, 'gearbox beta')).json().message;
    const real = await t.services.messages.tokensOf(await ownerKey(), group, 'gearbox');
    // 300 chats of 16 words that match nothing: several queries, the real chat in the last one
    const fillers = Array.from({ length: 300 }, (_, chat) => Array.from({ length: 16 }, (_, word) => `filler${chat}w${word}`));
    expect(await repo.messagesMatching([...fillers, real], 10)).toEqual([newer.id, older.id]);
    expect(await repo.messagesMatching([real, ...fillers], 1)).toEqual([newer.id]);
    expect(await repo.messagesMatching([[]], 10)).toEqual([]);
  });

  it.runIf(dialect === 'sqlite')('removes a recalled message’s entries from the full-text index’s pages, not only from results', async () => {
    const group = await createGroup(owner, 'Erasable words', [people.bob!.memberId]);
    const sent = (await send(owner, group, 'xylophone-quartz-7719 rendezvous')).json().message;
    const [token] = await t.services.messages.tokensOf(await ownerKey(), group, 'rendezvous');
    const config = await sql<{ v: number }>`select v from message_search_fts_config where k = 'secure-delete'`.execute(t.services.db);
    expect(config.rows).toEqual([{ v: 1 }]);
    expect(await ftsPagesHold(token!)).toBe(true);
    expect((await search(people.bob!.session, 'rendezvous')).map((m) => m.id)).toEqual([sent.id]);

    const recalled = await t.request({ method: 'DELETE', url: `/api/orgs/${orgId}/conversations/${group}/messages/${sent.id}`, session: owner });
    expect(recalled.statusCode, recalled.body).toBe(200);
    expect(await ftsPagesHold(token!)).toBe(false);
    const matched = await sql<{ n: number }>`select count(*) as n from message_search_fts where message_search_fts match ${`"${token}"`}`.execute(t.services.db);
    expect(matched.rows[0]!.n).toBe(0);
  });

  it('forgets an edited message’s old words in the index and finds its new ones', async () => {
    const group = await createGroup(owner, 'Edits', [people.bob!.memberId]);
    const sent = (await send(owner, group, 'prototype marigold')).json().message;
    const edited = await t.request({ method: 'PATCH', url: `/api/orgs/${orgId}/conversations/${group}/messages/${sent.id}`, payload: { text: 'prototype chrysanthemum' }, session: owner });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(await search(people.bob!.session, 'marigold')).toEqual([]);
    expect((await search(people.bob!.session, 'chrysanthemum prototype')).map((m) => m.id)).toEqual([sent.id]);
    if (dialect === 'sqlite') expect(await ftsPagesHold((await t.services.messages.tokensOf(await ownerKey(), group, 'marigold'))[0]!)).toBe(false);
  });

  it.runIf(dialect === 'sqlite')('keeps the full-text index in step with its rows through a VACUUM', async () => {
    const group = await createGroup(owner, 'Vacuum', [people.bob!.memberId]);
    const kept: string[] = [];
    for (let index = 0; index < 30; index++) {
      const sent = (await send(owner, group, `turbine${index % 3} blade`)).json().message;
      if (index % 2) await t.request({ method: 'DELETE', url: `/api/orgs/${orgId}/conversations/${group}/messages/${sent.id}`, session: owner });
      else if (index % 3 === 1) kept.push(sent.id);
    }
    await sql`vacuum`.execute(t.services.db);
    await sql`insert into message_search_fts (message_search_fts, rank) values ('integrity-check', 1)`.execute(t.services.db);
    expect((await search(people.bob!.session, 'turbine1 blade')).map((m) => m.id)).toEqual(kept.reverse());
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
