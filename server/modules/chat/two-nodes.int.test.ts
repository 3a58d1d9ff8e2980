import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialect, postgresUrl, startTestPlatform, type TestPlatform, type TestSession } from '../../../test/harness.ts';
import { addMember, createOrg } from '../../../test/org-fixtures.ts';
import { RealtimeClient, type Frame } from '../../../test/realtime-client.ts';
import { startServer, type RunningServer } from '../../../test/e2e/server-process.ts';

/**
 * The two-node test (issue #4): two server processes share one PostgreSQL schema and one Redis;
 * a client on each; messages, typing, read state and membership changes cross both ways, and the
 * chat's sequence stays consecutive when both nodes take sends at once. A last part runs two
 * nodes without REDIS_URL and shows they do not hear each other: Redis is what carries the events.
 *
 * PostgreSQL only: SQLite is one process by design (one file, one writer), so there is no second
 * node to talk to.
 *
 * Every run uses the same Redis channel. Two runs at once (two CI jobs on one machine) do hear
 * each other's events, but each run has its own random KEK, the bus seals events under a key
 * derived from it (AES-256-GCM), and redis-bus.ts drops an event that does not open, with a
 * warning. So a foreign event never reaches a client: that is enough isolation for a test.
 */
const REDIS_HOST = '127.0.0.1';
const REDIS_PORT = 6379;
const REDIS_URL = `redis://${REDIS_HOST}:${REDIS_PORT}`;
const ci = process.env.CI === 'true';
const WAIT_MS = 10_000;
/** how long a node that should stay silent is watched */
const QUIET_MS = 1_000;

/** One try: something listens, nothing does (refused: final), or no clear answer. */
function knock(host: string, port: number): Promise<'open' | 'closed' | 'no answer'> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 3_000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve('open');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED' ? 'closed' : 'no answer'));
    socket.once('timeout', () => {
      socket.destroy();
      resolve('no answer');
    });
  });
}

/**
 * Whether Redis listens. A loopback connect answers at once, yet on a busy machine one try has
 * come back empty with Redis up (the event loop stalled past the timeout): only a refusal is
 * final, anything else is asked again.
 */
async function redisAnswer(): Promise<'open' | 'closed' | 'no answer'> {
  let answer: 'open' | 'closed' | 'no answer' = 'no answer';
  for (let attempt = 0; attempt < 3 && answer === 'no answer'; attempt++) answer = await knock(REDIS_HOST, REDIS_PORT);
  return answer;
}

const redis = dialect === 'postgres' ? await redisAnswer() : 'no answer';
const redisUp = redis === 'open';
const redisMissing = `Redis is not running on ${REDIS_HOST}:${REDIS_PORT} (${redis === 'closed' ? 'connection refused' : 'no answer after 3 tries'})`;
if (dialect === 'postgres' && !redisUp && !ci) console.log(`! ${redisMissing}: the two-node test over Redis is skipped (CI would fail here).`);

const kek = randomBytes(32).toString('base64');
let t: TestPlatform;
let orgId: string;
let chat: string;
const people = {} as Record<'ana' | 'bo' | 'cy', { session: TestSession; memberId: string }>;
const servers: RunningServer[] = [];
const clients: RealtimeClient[] = [];

function node(redis: boolean): Promise<RunningServer> {
  const env = {
    LOCKSTEP_KEK: kek,
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATABASE_URL: postgresUrl,
    DATABASE_SCHEMA: t.schemas!.main,
    // explicitly empty without Redis, so a REDIS_URL in the test's own environment cannot leak in
    REDIS_URL: redis ? REDIS_URL : '',
  };
  return startServer(env, { dataDir: t.dataDir }).then((server) => {
    servers.push(server);
    return server;
  });
}

async function connect(server: RunningServer, session: TestSession): Promise<RealtimeClient> {
  const client = await RealtimeClient.open(`${server.baseUrl.replace('http:', 'ws:')}/api/realtime`, { cookie: session.cookie });
  clients.push(client);
  return client;
}

/** A request to one node's HTTP API, as a signed-in person. */
async function api(server: RunningServer, session: TestSession, method: string, url: string, body?: unknown): Promise<{ status: number; json: any }> {
  const response = await fetch(`${server.baseUrl}${url}`, {
    method,
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body !== undefined ? JSON.stringify(body) : null,
    signal: AbortSignal.timeout(WAIT_MS),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : null };
}

/** Polls until `probe` gives a value, or fails after `timeoutMs` saying what it waited for. */
async function until<T>(what: string, probe: () => T | undefined | false, timeoutMs = WAIT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const messagesOf = (client: RealtimeClient, conversationId: string, from = 0) =>
  client.received
    .slice(from)
    .filter((frame) => frame.type === 'message' && (frame.message as { conversationId: string }).conversationId === conversationId)
    .map((frame) => frame.message as { id: string; seq: number; text: string; senderMemberId: string });

/** Anything a client received that is about this chat: events carry its id on top or in their message. */
const aboutChat = (frame: Frame, conversationId: string) =>
  frame.conversationId === conversationId || (frame.message as { conversationId?: string } | undefined)?.conversationId === conversationId;

/** Waits a moment, then proves the client's connection is alive and in order, so "received nothing" means something. */
async function quietWhile(client: RealtimeClient): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
  await client.request({ type: 'ping' });
}

describe.runIf(dialect === 'postgres')('two server processes on one PostgreSQL', () => {
  beforeAll(async () => {
    t = await startTestPlatform({ LOCKSTEP_KEK: kek });
    // the server processes run on the real clock: sessions must be made "now"
    t.clock.set(Date.now());
    const ana = await t.signIn('ana@two-nodes.example', { name: 'Ana' });
    orgId = await createOrg(t, ana);
    const anaMember = await t.services.db.selectFrom('member').select('id').where('org_id', '=', orgId).where('account_id', '=', ana.accountId).executeTakeFirstOrThrow();
    people.ana = { session: ana, memberId: anaMember.id };
    people.bo = await addMember(t, ana, orgId, 'bo@two-nodes.example');
    // Cy is in the organisation but not in the chat
    people.cy = await addMember(t, ana, orgId, 'cy@two-nodes.example');
    const created = await t.request({ method: 'POST', url: `/api/orgs/${orgId}/conversations`, payload: { kind: 'group', name: 'Across nodes', memberIds: [people.bo.memberId] }, session: ana });
    expect(created.statusCode, created.body).toBe(201);
    chat = created.json().conversation.id;
  }, 120_000);

  afterAll(async () => {
    for (const client of clients) client.close();
    await Promise.all(servers.map((server) => server.stop()));
    await t?.close();
  }, 60_000);

  if (!redisUp && ci) {
    it('has Redis to run on', () => {
      expect.fail(`${redisMissing}: CI must run the two-node test (.ci/run starts Redis).`);
    });
  }

  describe.skipIf(!redisUp)(redisUp ? 'with Redis, clients on different nodes talk to each other' : `with Redis (skipped: ${redisMissing})`, () => {
    let node1: RunningServer;
    let node2: RunningServer;
    let ana1: RealtimeClient;
    let bo2: RealtimeClient;
    let cy2: RealtimeClient;

    beforeAll(async () => {
      [node1, node2] = await Promise.all([node(true), node(true)]);
      ana1 = await connect(node1, people.ana.session);
      bo2 = await connect(node2, people.bo.session);
      cy2 = await connect(node2, people.cy.session);
    }, 120_000);

    it('delivers a message sent on node 1 to a client on node 2, and the answer back', async () => {
      const ack = await ana1.request({ type: 'send', conversationId: chat, clientMessageId: 'hello-1', text: 'Hello from node 1' });
      expect(ack).toMatchObject({ type: 'ack', conversationId: chat, seq: 1, duplicate: false });
      const heard = await bo2.next((frame) => frame.type === 'message' && (frame.message as { id: string }).id === ack.messageId);
      expect(heard.message).toMatchObject({ conversationId: chat, seq: 1, text: 'Hello from node 1', senderMemberId: people.ana.memberId });

      const reply = await bo2.request({ type: 'send', conversationId: chat, clientMessageId: 'hello-2', text: '你好, from node 2' });
      expect(reply).toMatchObject({ type: 'ack', conversationId: chat, seq: 2, duplicate: false });
      const back = await ana1.next((frame) => frame.type === 'message' && (frame.message as { id: string }).id === reply.messageId);
      expect(back.message).toMatchObject({ conversationId: chat, seq: 2, text: '你好, from node 2', senderMemberId: people.bo.memberId });
    });

    it('keeps the sequence consecutive when both nodes take 50 sends at once, and both clients hear all 100, each node’s in order', async () => {
      const fromAna = ana1.received.length;
      const fromBo = bo2.received.length;
      const sends = Array.from({ length: 100 }, (_, i) => {
        const [client, who] = i % 2 === 0 ? [ana1, 'ana'] : [bo2, 'bo'];
        return client.request({ type: 'send', conversationId: chat, clientMessageId: `burst-${who}-${i}`, text: `burst ${i} from ${who}` });
      });
      const acks = await Promise.all(sends);
      expect(acks.every((ack) => ack.type === 'ack' && ack.duplicate === false), JSON.stringify(acks.find((ack) => ack.type !== 'ack'))).toBe(true);
      const seqs = acks.map((ack) => ack.seq as number).sort((a, b) => a - b);
      // 100 distinct, consecutive, right after the two messages before
      expect(seqs).toEqual(Array.from({ length: 100 }, (_, i) => i + 3));
      const stored = await t.services.db.selectFrom('message').select('seq').where('conversation_id', '=', chat).orderBy('seq').execute();
      expect(stored.map((row) => Number(row.seq))).toEqual(Array.from({ length: 102 }, (_, i) => i + 1));

      for (const [name, client, from] of [['Ana on node 1', ana1, fromAna], ['Bo on node 2', bo2, fromBo]] as const) {
        // (an event of the earlier messages may still come in after the snapshot: only the burst counts)
        const burst = () => messagesOf(client, chat, from).filter((message) => message.seq >= 3);
        await until(`${name} to hear 100 messages`, () => burst().length >= 100, WAIT_MS);
        const heard = burst();
        expect(heard, `${name} heard some twice`).toHaveLength(100);
        const order = heard.map((message) => `${message.seq}:${message.senderMemberId === people.ana.memberId ? 'ana' : 'bo'}`).join(' ');
        // exactly the acknowledged messages, each at its acknowledged place in the sequence
        expect([...heard].sort((a, b) => a.seq - b.seq).map((message) => message.seq), order).toEqual(seqs);
        const bySeq = new Map(acks.map((ack) => [ack.seq as number, ack.messageId]));
        for (const message of heard) expect(message.id).toBe(bySeq.get(message.seq));
        // What one node sends arrives in sequence order: it publishes in commit order and Redis keeps
        // a connection's order. Between the two nodes the live order is NOT guaranteed: node 2 can
        // commit after node 1 and still publish first (seen here in about one run in ten, e.g. seq 53
        // from node 2 heard before 4..52 from node 1). A client orders by seq and syncs a gap (the
        // web client does: web/src/chat/message-window.ts, realtime-dispatch.ts).
        for (const sender of [people.ana, people.bo]) {
          const own = heard.filter((message) => message.senderMemberId === sender.memberId).map((message) => message.seq);
          expect(own, `${name}: one node's messages in sequence order; heard ${order}`).toEqual([...own].sort((a, b) => a - b));
          expect(own).toHaveLength(50);
        }
      }
    }, 60_000);

    it('passes typing and read state across', async () => {
      bo2.send({ type: 'typing', conversationId: chat });
      expect(await ana1.next((frame) => frame.type === 'typing' && frame.memberId === people.bo.memberId, WAIT_MS)).toMatchObject({ conversationId: chat });
      ana1.send({ type: 'typing', conversationId: chat });
      expect(await bo2.next((frame) => frame.type === 'typing' && frame.memberId === people.ana.memberId, WAIT_MS)).toMatchObject({ conversationId: chat });

      const ok = await ana1.request({ type: 'read', conversationId: chat, seq: 102 });
      expect(ok).toMatchObject({ type: 'ok', lastReadSeq: 102 });
      expect(await bo2.next((frame) => frame.type === 'read' && frame.memberId === people.ana.memberId, WAIT_MS)).toMatchObject({ conversationId: chat, seq: 102 });
      await bo2.request({ type: 'read', conversationId: chat, seq: 50 });
      expect(await ana1.next((frame) => frame.type === 'read' && frame.memberId === people.bo.memberId, WAIT_MS)).toMatchObject({ conversationId: chat, seq: 50 });
    });

    it('tells node 2 about a group created, grown and shrunk over node 1', async () => {
      const created = await api(node1, people.ana.session, 'POST', `/api/orgs/${orgId}/conversations`, { kind: 'group', name: 'Made on node 1', memberIds: [people.bo.memberId] });
      expect(created.status, JSON.stringify(created.json)).toBe(201);
      const group = created.json.conversation.id as string;
      await bo2.next((frame) => frame.type === 'conversation_changed' && frame.conversationId === group, WAIT_MS);

      // node 2 learns the group's members (and remembers them for a while) on the first message
      const first = await ana1.request({ type: 'send', conversationId: group, clientMessageId: 'g-1', text: 'first in the new group' });
      await bo2.next((frame) => frame.type === 'message' && (frame.message as { id: string }).id === first.messageId, WAIT_MS);

      // Cy joins over node 1: node 2 must drop what it remembered, or Cy would miss the next message
      const added = await api(node1, people.ana.session, 'POST', `/api/orgs/${orgId}/conversations/${group}/members`, { memberIds: [people.cy.memberId] });
      expect(added.status, JSON.stringify(added.json)).toBe(200);
      await cy2.next((frame) => frame.type === 'conversation_changed' && frame.conversationId === group, WAIT_MS);
      const second = await ana1.request({ type: 'send', conversationId: group, clientMessageId: 'g-2', text: 'welcome, Cy' });
      const cyHeard = await cy2.next((frame) => frame.type === 'message' && (frame.message as { id: string }).id === second.messageId, WAIT_MS);
      expect(cyHeard.message).toMatchObject({ text: 'welcome, Cy', seq: 2 });

      // Bo is removed over node 1: his client on node 2 is told, and hears no more of the group
      const removed = await api(node1, people.ana.session, 'DELETE', `/api/orgs/${orgId}/conversations/${group}/members/${people.bo.memberId}`);
      expect(removed.status, JSON.stringify(removed.json)).toBe(204);
      await bo2.next((frame) => frame.type === 'conversation_left' && frame.conversationId === group, WAIT_MS);
      const third = await ana1.request({ type: 'send', conversationId: group, clientMessageId: 'g-3', text: 'after Bo left' });
      await cy2.next((frame) => frame.type === 'message' && (frame.message as { id: string }).id === third.messageId, WAIT_MS);
      await bo2.request({ type: 'ping' });
      const boHeard = messagesOf(bo2, group).map((message) => message.id);
      expect(boHeard).toContain(second.messageId);
      expect(boHeard).not.toContain(third.messageId);
      // and node 2 refuses him too: the chat looks like no chat at all
      expect(await bo2.request({ type: 'send', conversationId: group, clientMessageId: 'g-bo', text: 'still here?' })).toMatchObject({ type: 'error', code: 'conversation_not_found' });
    });

    it('cuts off at once, on node 2, a member removed from the organisation and a session signed out over node 1', async () => {
      const dee = await addMember(t, people.ana.session, orgId, 'dee@two-nodes.example');
      const eve = await addMember(t, people.ana.session, orgId, 'eve@two-nodes.example');
      const created = await api(node1, people.ana.session, 'POST', `/api/orgs/${orgId}/conversations`, { kind: 'group', name: 'Access', memberIds: [people.bo.memberId, dee.memberId, eve.memberId] });
      expect(created.status, JSON.stringify(created.json)).toBe(201);
      const group = created.json.conversation.id as string;
      const dee2 = await connect(node2, dee.session);
      const eve2 = await connect(node2, eve.session);
      // node 2 learns and remembers the group's members
      const first = await ana1.request({ type: 'send', conversationId: group, clientMessageId: 'access-1', text: 'before' });
      for (const client of [bo2, dee2, eve2]) await client.next((frame) => frame.type === 'message' && (frame.message as { id: string }).id === first.messageId, WAIT_MS);

      const removed = await api(node1, people.ana.session, 'DELETE', `/api/orgs/${orgId}/members/${dee.memberId}`);
      expect(removed.status, JSON.stringify(removed.json)).toBe(204);
      const signedOut = await api(node1, eve.session, 'POST', '/api/auth/sign-out');
      expect(signedOut.status, JSON.stringify(signedOut.json)).toBe(204);

      const next = await ana1.request({ type: 'send', conversationId: group, clientMessageId: 'access-2', text: 'the very next message' });
      await bo2.next((frame) => frame.type === 'message' && (frame.message as { id: string }).id === next.messageId, WAIT_MS);
      await dee2.request({ type: 'ping' });
      expect(messagesOf(dee2, group).map((message) => message.id)).not.toContain(next.messageId);
      expect(messagesOf(eve2, group).map((message) => message.id)).not.toContain(next.messageId);
      // closed by the event from node 1, not by node 2's sweep (30 s)
      expect(await Promise.race([eve2.closed, new Promise((resolve) => setTimeout(() => resolve('still open'), 3_000))])).toMatchObject({ code: 4001 });
      expect(await dee2.request({ type: 'sync', conversationId: group, afterSeq: 0 })).toMatchObject({ type: 'error', code: 'conversation_not_found' });
    });

    it('gives someone outside the chat nothing of it, on either node', async () => {
      await quietWhile(cy2);
      // (the silence is not a deaf node: the test before showed node 2 passing Cy his own group's messages)
      expect(cy2.received.filter((frame) => aboutChat(frame, chat))).toEqual([]);
    });
  });

  describe('without REDIS_URL, each node keeps its events to itself', () => {
    it('delivers on the sending node only; the other finds the message in the shared database', async () => {
      const [lone1, lone2] = await Promise.all([node(false), node(false)]);
      const ana = await connect(lone1, people.ana.session);
      const bo = await connect(lone2, people.bo.session);
      const ack = await ana.request({ type: 'send', conversationId: chat, clientMessageId: 'no-redis-1', text: 'only node 1 hears this live' });
      expect(ack).toMatchObject({ type: 'ack', duplicate: false });
      // the sender's own node delivers it (the in-process bus works)...
      await ana.next((frame) => frame.type === 'message' && (frame.message as { id: string }).id === ack.messageId, WAIT_MS);
      // ...the other node never hears of it
      await quietWhile(bo);
      expect(bo.received.filter((frame) => aboutChat(frame, chat))).toEqual([]);
      // though it is stored where both nodes read
      const history = await bo.request({ type: 'sync', conversationId: chat, afterSeq: (ack.seq as number) - 1 });
      expect((history.messages as Array<{ id: string }>).map((message) => message.id)).toEqual([ack.messageId]);
    }, 120_000);
  });
});
