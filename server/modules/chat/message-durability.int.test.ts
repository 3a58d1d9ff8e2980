import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialect, postgresUrl, startTestPlatform, type TestPlatform, type TestSession } from '../../../test/harness.ts';
import { addMember, createOrg } from '../../../test/org-fixtures.ts';
import { startServer, type RunningServer } from '../../../test/e2e/server-process.ts';

/**
 * The crash test (issue #4): two clients send with acknowledgements while the server process is
 * killed with SIGKILL at random moments, 20 times, and restarted on the same data. Clients re-send
 * what was not acknowledged, with the same client ids, as the protocol says. In the end every
 * acknowledged message is stored exactly once, at the sequence its acknowledgement gave, and the
 * chat's sequence has no gaps.
 */
const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 20);
const WINDOW = 10;
const kek = randomBytes(32).toString('base64');

let t: TestPlatform;
let chat: string;
let senders: TestSession[];

interface Ledger {
  /** client id → text, sent and not yet acknowledged */
  pending: Map<string, string>;
  /** client id → the sequence its acknowledgement gave */
  acked: Map<string, number>;
  sent: number;
}

const ledgers: Ledger[] = [];

beforeAll(async () => {
  t = await startTestPlatform({ LOCKSTEP_KEK: kek });
  // the server process runs on the real clock: sessions must be made "now"
  t.clock.set(Date.now());
  const owner = await t.signIn('owner@crash.example', { name: 'Owner' });
  const orgId = await createOrg(t, owner);
  const alice = await addMember(t, owner, orgId, 'alice@crash.example');
  const created = await t.request({ method: 'POST', url: `/api/orgs/${orgId}/conversations`, payload: { kind: 'group', name: 'Crash', memberIds: [alice.memberId] }, session: owner });
  chat = created.json().conversation.id;
  senders = [owner, alice.session];
  for (let i = 0; i < senders.length; i++) ledgers.push({ pending: new Map(), acked: new Map(), sent: 0 });
}, 120_000);

afterAll(async () => {
  await t?.close();
});

function serverOf(): Promise<RunningServer> {
  const env: Record<string, string> = { LOCKSTEP_KEK: kek, NODE_ENV: 'test', LOG_LEVEL: 'warn' };
  if (dialect === 'postgres') Object.assign(env, { DATABASE_URL: postgresUrl, DATABASE_SCHEMA: t.schemas!.main });
  return startServer(env, { dataDir: t.dataDir });
}

/** Keeps WINDOW sends in flight per client, re-sending pending ones first, until the socket dies or `until` says stop. */
function pump(server: RunningServer, session: TestSession, ledger: Ledger, prefix: string, newMessages: boolean): Promise<void> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`${server.baseUrl.replace('http:', 'ws:')}/api/realtime`, { headers: { cookie: session.cookie } });
    const resend = [...ledger.pending.keys()];
    let inFlight = 0;
    const fill = () => {
      while (socket.readyState === WebSocket.OPEN && inFlight < WINDOW) {
        let clientMessageId = resend.shift();
        if (!clientMessageId) {
          if (!newMessages) break;
          clientMessageId = `${prefix}-${ledger.sent++}`;
          ledger.pending.set(clientMessageId, `message ${clientMessageId}`);
        }
        inFlight++;
        socket.send(JSON.stringify({ type: 'send', conversationId: chat, clientMessageId, text: ledger.pending.get(clientMessageId) }));
      }
      if (!newMessages && inFlight === 0 && resend.length === 0) socket.close();
    };
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as { type: string; clientMessageId?: string; seq?: number; code?: string };
      if (frame.type === 'hello') fill();
      if (frame.type === 'ack' && frame.clientMessageId) {
        const before = ledger.acked.get(frame.clientMessageId);
        // an acknowledgement never changes its mind about where a message is
        if (before !== undefined) expect(frame.seq).toBe(before);
        ledger.acked.set(frame.clientMessageId, frame.seq!);
        ledger.pending.delete(frame.clientMessageId);
        inFlight--;
        fill();
      }
      if (frame.type === 'error') {
        inFlight--;
        fill();
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => resolve());
  });
}

describe('messages survive the server being killed', () => {
  it(
    `keeps every acknowledged message exactly once, with no gap in sequence, over ${ROUNDS} SIGKILLs`,
    async () => {
      const killTimes: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const server = await serverOf();
        const pumps = senders.map((session, index) => pump(server, session, ledgers[index]!, `r${round}c${index}`, true));
        const killAfter = 150 + Math.floor(Math.random() * 650);
        killTimes.push(killAfter);
        await new Promise((resolve) => setTimeout(resolve, killAfter));
        await server.kill();
        await Promise.all(pumps);
      }
      // a last, calm run: everything still unacknowledged is re-sent and acknowledged
      const server = await serverOf();
      await Promise.all(senders.map((session, index) => pump(server, session, ledgers[index]!, 'final', false)));
      await server.stop();

      const acked = new Map<string, number>();
      for (const ledger of ledgers) {
        expect(ledger.pending.size, 'messages never acknowledged after the calm run').toBe(0);
        for (const [id, seq] of ledger.acked) acked.set(id, seq);
      }
      const rows = await t.services.db.selectFrom('message').select(['client_id', 'seq']).where('conversation_id', '=', chat).orderBy('seq').execute();
      const context = `kills after ${killTimes.join(', ')} ms; ${acked.size} acknowledged, ${rows.length} stored`;
      expect(acked.size, context).toBeGreaterThan(ROUNDS * 5);
      // no gaps: 1, 2, 3, …
      expect(rows.map((row) => Number(row.seq)), context).toEqual(rows.map((_, index) => index + 1));
      // exactly once, at the acknowledged place
      const stored = new Map<string, number>();
      for (const row of rows) {
        expect(stored.has(row.client_id), `${row.client_id} stored twice; ${context}`).toBe(false);
        stored.set(row.client_id, Number(row.seq));
      }
      for (const [id, seq] of acked) expect(stored.get(id), `${id}; ${context}`).toBe(seq);
      expect(stored.size, context).toBe(acked.size);
    },
    600_000,
  );
});
