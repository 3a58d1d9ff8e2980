/**
 * The ceiling: a bare `ws` relay with no persistence, no authentication, no membership check and
 * no encryption, speaking the frames of docs/realtime-protocol.md that the benchmark uses (hello,
 * send → message to every member's connections then ack to the sender, ping → pong). It learns
 * who is who and who is in which chat from the benchmark plan, so the load client drives it
 * exactly as it drives Lockstep.
 *
 *   PLAN_FILE=… PORT=… node --import tsx bench/messaging/bare-relay.ts
 */
import { randomUUID } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import { readPlan } from './plan.ts';

const planFile = process.env.PLAN_FILE;
if (!planFile) throw new Error('set PLAN_FILE');
const port = Number(process.env.PORT ?? 3901);
const plan = readPlan(planFile);

const personOfToken = new Map(plan.people.map((person, index) => [person.token, index]));
const chats = new Map<string, { members: number[]; seq: number }>();
for (const pair of plan.pairs) chats.set(pair.conversationId, { members: [pair.a, pair.b], seq: 0 });
for (const group of plan.groups) chats.set(group.conversationId, { members: Array.from({ length: group.size }, (_, index) => index), seq: 0 });
const connections = new Map<number, Set<WebSocket>>();

const server = new WebSocketServer({
  host: '127.0.0.1',
  port,
  path: '/api/realtime',
  perMessageDeflate: false,
  maxPayload: 64 * 1024,
  verifyClient: (info, done) => done(personOf(info.req.headers.cookie) !== undefined, 401),
});

server.on('connection', (socket, request) => {
  const person = personOf(request.headers.cookie) as number;
  const set = connections.get(person) ?? new Set();
  set.add(socket);
  connections.set(person, set);
  socket.on('close', () => {
    set.delete(socket);
    if (!set.size) connections.delete(person);
  });
  socket.on('error', () => socket.terminate());
  socket.on('message', (data) => receive(socket, person, data as Buffer));
  socket.send('{"type":"hello","protocol":1}');
});
server.on('listening', () => console.log(`bare relay listening on 127.0.0.1:${port}`));

function receive(socket: WebSocket, person: number, data: Buffer): void {
  let frame: { type?: string; conversationId?: string; clientMessageId?: string; text?: string };
  try {
    frame = JSON.parse(data.toString('utf8'));
  } catch {
    socket.send('{"type":"error","code":"invalid_frame","message":"not JSON"}');
    return;
  }
  if (frame.type === 'ping') {
    socket.send('{"type":"pong"}');
    return;
  }
  const chat = frame.type === 'send' && frame.conversationId ? chats.get(frame.conversationId) : undefined;
  if (!chat) {
    socket.send('{"type":"error","code":"conversation_not_found","message":"no such chat"}');
    return;
  }
  // the same object Lockstep's presenter makes, serialised once for every receiver
  const createdAt = new Date().toISOString();
  const message = {
    id: randomUUID(),
    conversationId: frame.conversationId,
    seq: ++chat.seq,
    senderMemberId: plan.people[person]!.memberId,
    clientMessageId: frame.clientMessageId,
    text: frame.text,
    mentions: [],
    replyToId: null,
    state: 'live',
    createdAt,
    editedAt: null,
    reactions: [],
    attachments: [],
  };
  const event = JSON.stringify({ type: 'message', message });
  for (const member of chat.members) {
    const set = connections.get(member);
    if (set) for (const receiver of set) receiver.send(event);
  }
  socket.send(JSON.stringify({ type: 'ack', clientMessageId: frame.clientMessageId, conversationId: frame.conversationId, messageId: message.id, seq: message.seq, createdAt, duplicate: false }));
}

function personOf(cookie: string | undefined): number | undefined {
  const token = /(?:^|;\s*)lockstep_session=([^;]+)/.exec(cookie ?? '')?.[1];
  return token === undefined ? undefined : personOfToken.get(token);
}

process.on('SIGTERM', () => {
  for (const client of server.clients) client.terminate();
  server.close(() => process.exit(0));
});
