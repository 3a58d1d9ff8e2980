/**
 * The isolation suite's WebSocket part (P7.2, P7.3). Every frame type of the realtime protocol is
 * taken from the server's own frame schema (server/modules/chat/realtime-protocol.ts), and every
 * field in it that names an id is tried, by a signed-in owner of organisation B, with (1) an id
 * that exists nowhere, (2) organisation A's ids, and (3) ids of chats B's owner left, was removed
 * from, or lost with their membership of organisation C. Each answer must be exactly the answer to
 * the id that exists nowhere; nothing may reach A's people or the chats' remaining members,
 * nothing of theirs may change, and no answer may carry their texts.
 *
 * It prints what it covered, and fails on a frame type or an id field it has no values for: a new
 * frame type is covered the day it is added, or the suite says it is not.
 */
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { startTestPlatform, type TestPlatform, type TestSession } from './harness.ts';
import { addMember, createOrg } from './org-fixtures.ts';
import { RealtimeClient, type Frame } from './realtime-client.ts';
import { clientFrame } from '../server/modules/chat/realtime-protocol.ts';

type IdKind = 'chat' | 'message' | 'member' | 'attachment';

/** Which kind of object each id field of a frame names. A new id field must be added here. */
const KIND_OF_FIELD: Record<string, IdKind> = {
  conversationId: 'chat',
  replyToId: 'message',
  mentions: 'member',
  attachmentIds: 'attachment',
};

/** The smallest valid frame of each type, in the caller's own chat. A new frame type must be added here. */
const BASE_FRAME: Record<string, (ownChat: string) => Record<string, unknown>> = {
  send: (ownChat) => ({ conversationId: ownChat, clientMessageId: `iso-${randomUUID()}`, text: 'isolation probe' }),
  sync: (ownChat) => ({ conversationId: ownChat, afterSeq: 0 }),
  read: (ownChat) => ({ conversationId: ownChat, seq: 0 }),
  typing: (ownChat) => ({ conversationId: ownChat }),
  ping: () => ({}),
};

/** Positions tried wherever a frame carries one: the start, and far beyond any chat's end (an answer must not tell where a foreign chat ends). */
const POSITIONS = [0, 1_000_000_000];

interface Sample {
  label: string;
  id: string;
}

let t: TestPlatform;
let base: string;
const clients: RealtimeClient[] = [];
const secrets: string[] = [];
const samples = {} as Record<IdKind, Sample[]>;
let caller: TestSession;
let callerSocket: RealtimeClient;
let ownChat: string;
let victims: Array<{ label: string; socket: RealtimeClient }> = [];
/** the chats whose rows must not change */
let watchedChats: string[] = [];
let foreignAttachments: string[] = [];

async function ok(options: Parameters<TestPlatform['request']>[0], status: number) {
  const response = await t.request(options);
  expect(response.statusCode, `${options.method} ${options.url}: ${response.body}`).toBe(status);
  return response.body ? response.json() : null;
}

async function connect(session: TestSession): Promise<RealtimeClient> {
  const client = await RealtimeClient.open(`${base}/api/realtime`, { cookie: session.cookie });
  clients.push(client);
  return client;
}

const createGroup = async (session: TestSession, orgId: string, name: string, memberIds: string[]) =>
  (await ok({ method: 'POST', url: `/api/orgs/${orgId}/conversations`, payload: { kind: 'group', name, memberIds }, session }, 201)).conversation.id as string;
const sendText = async (session: TestSession, orgId: string, chat: string, text: string) =>
  (await ok({ method: 'POST', url: `/api/orgs/${orgId}/conversations/${chat}/messages`, payload: { clientMessageId: randomUUID(), text }, session }, 201)).message.id as string;
const uploadFile = async (session: TestSession, orgId: string, chat: string, text: string) =>
  (await ok({ method: 'POST', url: `/api/orgs/${orgId}/conversations/${chat}/attachments?name=note.txt`, payload: text, headers: { 'content-type': 'text/plain' }, session }, 201)).attachment.id as string;

/** The schema's options: each frame type with its fields. */
function frameTypes(): Array<{ type: string; shape: Record<string, z.ZodType> }> {
  return clientFrame.options.map((option) => {
    const shape = option.shape as Record<string, z.ZodType>;
    return { type: String((shape.type as unknown as { def: { values: unknown[] } }).def.values[0]), shape };
  });
}

/** The schema under optional, nullable and array wrappers; `many` when it is a list. */
function unwrap(schema: z.ZodType): { leaf: z.ZodType; many: boolean } {
  let current = schema as unknown as { def: { type: string; innerType?: unknown; element?: unknown } };
  let many = false;
  for (;;) {
    if (current.def.type === 'optional' || current.def.type === 'nullable') current = current.def.innerType as typeof current;
    else if (current.def.type === 'array') {
      many = true;
      current = current.def.element as typeof current;
    } else return { leaf: current as unknown as z.ZodType, many };
  }
}

const isIdField = (schema: z.ZodType) => (unwrap(schema).leaf as unknown as { format?: string }).format === 'uuid';
const isPositionField = (schema: z.ZodType) => (unwrap(schema).leaf as unknown as { def: { type: string } }).def.type === 'number';

/** An answer as it would be for any id: the ref, the tried id and what differs between two stored messages taken out. */
function normalised(frame: Frame | 'no answer', tried: string): unknown {
  if (frame === 'no answer') return frame;
  const { ref: _ref, ...rest } = frame;
  const text = JSON.stringify(rest).split(tried).join('<tried id>');
  const shaped = JSON.parse(text) as Record<string, unknown>;
  for (const key of ['messageId', 'seq', 'createdAt', 'clientMessageId', 'lastSeq']) if (key in shaped && shaped.type !== 'history') shaped[key] = `<${key}>`;
  return shaped;
}

async function answerTo(frame: Record<string, unknown>): Promise<Frame | 'no answer'> {
  // a frame that succeeds without `ref` answers nothing (typing): the ping after it says it was taken
  try {
    return await callerSocket.request(frame, 3_000);
  } catch {
    return 'no answer';
  }
}

async function snapshot(): Promise<unknown> {
  const db = t.services.db;
  return {
    messages: await db.selectFrom('message').select(['id', 'seq', 'state', 'edited_at', 'body_enc']).where('conversation_id', 'in', watchedChats).orderBy('id').execute(),
    seats: await db.selectFrom('conversation_member').select(['id', 'member_id', 'last_read_seq']).where('conversation_id', 'in', watchedChats).orderBy('id').execute(),
    chats: await db.selectFrom('conversation').select(['id', 'last_seq', 'updated_at']).where('id', 'in', watchedChats).orderBy('id').execute(),
    attachments: await db.selectFrom('attachment').select(['id', 'message_id']).where('id', 'in', foreignAttachments).orderBy('id').execute(),
  };
}

beforeAll(async () => {
  t = await startTestPlatform();
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  base = `ws://127.0.0.1:${(t.app.server.address() as net.AddressInfo).port}`;

  // organisation A, which B must not reach
  const aOwner = await t.signIn('owner@alpha-rt-iso.example', { name: 'Alpha Owner Aino' });
  const aOrg = await createOrg(t, aOwner, 'Alpha Realtime Isolation');
  const aMember = await addMember(t, aOwner, aOrg, 'member@alpha-rt-iso.example');
  const aGroup = await createGroup(aOwner, aOrg, 'Alpha Realtime Secret Group', [aMember.memberId]);
  const aMessage = await sendText(aOwner, aOrg, aGroup, 'Alpha realtime secret text');
  const aAttachment = await uploadFile(aOwner, aOrg, aGroup, 'Alpha realtime secret file');
  const aDirect = (await ok({ method: 'POST', url: `/api/orgs/${aOrg}/conversations`, payload: { kind: 'direct', memberId: aMember.memberId }, session: aOwner }, 201)).conversation.id as string;
  const aDirectMessage = await sendText(aMember.session, aOrg, aDirect, 'Alpha realtime direct secret');
  const aOwnerMember = (await t.services.db.selectFrom('member').select('id').where('org_id', '=', aOrg).where('account_id', '=', aOwner.accountId).executeTakeFirstOrThrow()).id;

  // organisation B: the caller (its owner), a colleague in the caller's own chat, and a peer
  caller = await t.signIn('owner@beta-rt-iso.example', { name: 'Beta Owner Bea' });
  callerSocket = await connect(caller);
  const bOrg = await createOrg(t, caller, 'Beta Realtime Isolation');
  const bColleague = await addMember(t, caller, bOrg, 'colleague@beta-rt-iso.example');
  const bPeer = await addMember(t, caller, bOrg, 'peer@beta-rt-iso.example');
  const callerMember = (await t.services.db.selectFrom('member').select('id').where('org_id', '=', bOrg).where('account_id', '=', caller.accountId).executeTakeFirstOrThrow()).id;
  ownChat = await createGroup(caller, bOrg, 'Beta own chat', [bColleague.memberId]);
  await sendText(caller, bOrg, ownChat, 'Beta own text');
  // a chat the caller left, with a message and a file of theirs left behind
  const left = await createGroup(caller, bOrg, 'Beta Left Secret Group', [bPeer.memberId]);
  const leftMessage = await sendText(bPeer.session, bOrg, left, 'Beta left chat secret');
  const leftAttachment = await uploadFile(caller, bOrg, left, 'Beta left secret file');
  await ok({ method: 'DELETE', url: `/api/orgs/${bOrg}/conversations/${left}/members/${callerMember}`, session: caller }, 204);
  await sendText(bPeer.session, bOrg, left, 'Beta left chat after she left');
  // a chat the caller was removed from
  const removed = await createGroup(bPeer.session, bOrg, 'Beta Removed Secret Group', [callerMember]);
  const removedMessage = await sendText(bPeer.session, bOrg, removed, 'Beta removed chat secret');
  await ok({ method: 'DELETE', url: `/api/orgs/${bOrg}/conversations/${removed}/members/${callerMember}`, session: bPeer.session }, 204);
  await sendText(bPeer.session, bOrg, removed, 'Beta removed chat after removal');

  // organisation C, which removed the caller: its chat is gone for them, seat and all
  const cOwner = await t.signIn('owner@gamma-rt-iso.example', { name: 'Gamma Owner Gus' });
  const cOrg = await createOrg(t, cOwner, 'Gamma Realtime Isolation');
  const callerInC = await addMember(t, cOwner, cOrg, 'owner@beta-rt-iso.example');
  const cGroup = await createGroup(cOwner, cOrg, 'Gamma Realtime Secret Group', [callerInC.memberId]);
  const cMessage = await sendText(cOwner, cOrg, cGroup, 'Gamma realtime secret text');
  await ok({ method: 'DELETE', url: `/api/orgs/${cOrg}/members/${callerInC.memberId}`, session: cOwner }, 204);
  await sendText(cOwner, cOrg, cGroup, 'Gamma after the removal');

  samples.chat = [
    { label: 'A’s group', id: aGroup },
    { label: 'A’s direct chat', id: aDirect },
    { label: 'a chat B’s owner left', id: left },
    { label: 'a chat B’s owner was removed from', id: removed },
    { label: 'a chat of C, which removed B’s owner', id: cGroup },
  ];
  samples.message = [
    { label: 'A’s message', id: aMessage },
    { label: 'A’s direct message', id: aDirectMessage },
    { label: 'a message of a chat left', id: leftMessage },
    { label: 'a message of a chat removed from', id: removedMessage },
    { label: 'a message of C', id: cMessage },
  ];
  samples.member = [
    { label: 'A’s owner', id: aOwnerMember },
    { label: 'A’s member', id: aMember.memberId },
    { label: 'B’s owner’s former membership of C', id: callerInC.memberId },
  ];
  samples.attachment = [
    { label: 'A’s file, not sent yet', id: aAttachment },
    { label: 'B’s owner’s own file in a chat they left', id: leftAttachment },
  ];
  watchedChats = [aGroup, aDirect, left, removed, cGroup];
  foreignAttachments = [aAttachment, leftAttachment];
  secrets.push('Alpha', 'Gamma', 'Beta left', 'Beta removed', 'Beta Left', 'Beta Removed', aOwnerMember, aMember.memberId);

  victims = [
    { label: 'A’s owner', socket: await connect(aOwner) },
    { label: 'A’s member', socket: await connect(aMember.session) },
    { label: 'B’s peer (in the chats left and removed from)', socket: await connect(bPeer.session) },
    { label: 'C’s owner', socket: await connect(cOwner) },
  ];
}, 120_000);

afterAll(async () => {
  for (const client of clients) client.close();
  await t?.close();
});

describe('realtime isolation: every frame type that names an id, with ids that are not the caller’s', () => {
  it('answers exactly as for an id that exists nowhere, delivers nothing, stores nothing and leaks nothing', async () => {
    const types = frameTypes();
    const covered: string[] = [];
    const uncovered: string[] = [];
    const answers: unknown[] = [];
    const before = await snapshot();
    const heardBefore = victims.map(({ socket }) => socket.received.length);
    // (the caller's socket heard the chats left while they were in them: only what comes now counts)
    const callerHeardBefore = callerSocket.received.length;

    for (const { type, shape } of types) {
      const build = BASE_FRAME[type];
      if (!build) {
        uncovered.push(`frame type "${type}": no base frame in BASE_FRAME`);
        continue;
      }
      const idFields = Object.keys(shape).filter((field) => isIdField(shape[field]!));
      if (!idFields.length) {
        covered.push(`${type}: names no id`);
        continue;
      }
      const positionFields = Object.keys(shape).filter((field) => isPositionField(shape[field]!));
      const positions = positionFields.length ? POSITIONS : [null];
      for (const field of idFields) {
        const kind = KIND_OF_FIELD[field];
        if (!kind) {
          uncovered.push(`${type}.${field}: an id field of unknown kind (add it to KIND_OF_FIELD)`);
          continue;
        }
        const many = unwrap(shape[field]!).many;
        let tried = 0;
        for (const position of positions) {
          const frameWith = (id: string) => {
            const frame: Record<string, unknown> = { type, ...build(ownChat), [field]: many ? [id] : id };
            if (position !== null) for (const positionField of positionFields) frame[positionField] = position;
            return frame;
          };
          const nowhere = randomUUID();
          const expected = normalised(await answerTo(frameWith(nowhere)), nowhere);
          answers.push(expected);
          for (const sample of samples[kind]) {
            const answer = await answerTo(frameWith(sample.id));
            answers.push(answer);
            expect(normalised(answer, sample.id), `${type}.${field} = ${sample.label}${position !== null ? ` at position ${position}` : ''}`).toEqual(expected);
            tried++;
          }
        }
        covered.push(`${type}.${field} (${kind}): ${tried} foreign or gone ids${positionFields.length ? ` at ${positionFields.join(', ')} ${POSITIONS.join(' and ')}` : ''}, each answered as a missing one`);
      }
    }

    console.log(`realtime isolation covered ${covered.length} frame fields of ${types.length} frame types:\n  ${covered.join('\n  ')}`);
    expect(uncovered, 'frame types or id fields the suite cannot cover').toEqual([]);
    expect(covered.length).toBeGreaterThan(types.length - 1);

    // delivered: not a frame reached A's people, the remaining members of the chats left, or C
    for (const [index, { label, socket }] of victims.entries()) {
      await socket.request({ type: 'ping' });
      expect(socket.received.slice(heardBefore[index]).filter((frame) => frame.type !== 'pong'), `frames that reached ${label}`).toEqual([]);
    }
    // stored: nothing of theirs changed (messages, read positions, sequences, files)
    expect(await snapshot()).toEqual(before);
    // a mention of someone not in the caller's chat is dropped, as one of an id that exists nowhere
    const own = (await t.request({ method: 'GET', url: `/api/orgs/${(await t.services.db.selectFrom('conversation').select('org_id').where('id', '=', ownChat).executeTakeFirstOrThrow()).org_id}/conversations/${ownChat}/messages?limit=200`, session: caller })).json();
    for (const message of own.messages as Array<{ mentions: string[] }>) expect(message.mentions).toEqual([]);
    // leaked: no answer names their texts, chats or people
    const said = JSON.stringify(answers) + JSON.stringify(callerSocket.received.slice(callerHeardBefore));
    for (const secret of secrets) expect(said, `an answer carried "${secret}"`).not.toContain(secret);
  }, 120_000);
});
