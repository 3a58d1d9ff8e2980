/**
 * The server's JS heap per idle authenticated realtime connection. This process is the server
 * (in-process, SQLite in a fresh folder); a child process opens the connections, so the clients'
 * own objects never count. The heap is read after forced garbage collections, before and while
 * CONNECTIONS connections are held; sessions are shared, SESSIONS of them in turn. With
 * TOUCH_DUE=1 every session was last seen two minutes ago, so each handshake's session is touched.
 * With RELAY=1 the server is instead a bare `ws` server that answers hello, the benchmark's ceiling.
 *
 *   [CONNECTIONS=2000] [SESSIONS=200] [TOUCH_DUE=1] [RELAY=1] node --expose-gc --import tsx bench/messaging/heap-per-connection.ts
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import WebSocket, { WebSocketServer } from 'ws';

const role = process.argv[2];
if (role === 'client') await runClient();
else await runServer();

interface Server {
  url: string;
  tokens: string[];
  cookie: string;
  connectionCount(): number;
  /** makes every session due for its last-seen touch */
  makeTouchesDue(): Promise<void>;
  close(): Promise<void>;
}

async function runServer(): Promise<void> {
  const gc = globalThis.gc;
  if (!gc) throw new Error('run with node --expose-gc');
  const connections = Number(process.env.CONNECTIONS ?? 2_000);
  const sessions = Number(process.env.SESSIONS ?? 200);
  const server = process.env.RELAY === '1' ? await startRelay() : await startLockstep(sessions);
  const { url, tokens, cookie } = server;
  const child = fork(fileURLToPath(import.meta.url), ['client'], { execArgv: ['--import', 'tsx'], stdio: ['inherit', 'inherit', 'inherit', 'ipc'] });
  const ask = (message: object) =>
    new Promise<{ opened: number; seconds: number }>((resolve) => {
      child.once('message', (answer) => resolve(answer as { opened: number; seconds: number }));
      child.send(message);
    });

  const settled = async () => {
    for (let round = 0; round < 3; round++) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      gc();
    }
    return process.memoryUsage();
  };
  // warm-up: the handshake's code is compiled and its caches filled before the baseline
  await ask({ open: 20, url, tokens, cookie });
  await ask({ close: true });
  if (process.env.TOUCH_DUE === '1') await server.makeTouchesDue();
  const before = await settled();
  const { opened, seconds } = await ask({ open: connections, url, tokens, cookie });
  const held = await settled();
  if (server.connectionCount() !== opened) throw new Error(`the server holds ${server.connectionCount()} connections, the client opened ${opened}`);
  const perConnection = (key: 'heapUsed' | 'rss') => Math.round((held[key] - before[key]) / opened);
  console.log(
    JSON.stringify({
      server: process.env.RELAY === '1' ? 'bare ws relay' : 'lockstep',
      connections: opened,
      openSeconds: seconds,
      heapBytesPerConnection: perConnection('heapUsed'),
      rssBytesPerConnection: perConnection('rss'),
      heapUsedMiB: { before: mib(before.heapUsed), held: mib(held.heapUsed) },
      rssMiB: { before: mib(before.rss), held: mib(held.rss) },
    }),
  );
  await ask({ close: true });
  child.disconnect();
  await server.close();
}

async function startLockstep(sessions: number): Promise<Server> {
  const { loadConfig } = await import('../../server/config.ts');
  const { createLogger } = await import('../../server/platform/log.ts');
  const { bootPlatform } = await import('../../server/boot.ts');
  const { buildApp } = await import('../../server/app.ts');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-heap-'));
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, LOCKSTEP_KEK: randomBytes(32).toString('base64'), LOG_LEVEL: 'warn', LOCKSTEP_DEMO: '0' });
  const platform = await bootPlatform({ config, logger: createLogger('warn') });
  const app = await buildApp(platform.services);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { services } = platform;
  const client = { ip: '127.0.0.1', userAgent: 'lockstep-bench/1', deviceId: null, timeZone: 'Asia/Shanghai', language: 'zh-CN' };
  const tokens: string[] = [];
  for (let index = 0; index < sessions; index++) {
    const account = await services.db.transaction().execute((trx) => services.accounts.create({ channel: 'email', value: `heap${index}@bench.invalid` }, `Heap ${index}`, 'zh-CN', trx));
    tokens.push((await services.sessions.start(account, client, true)).token);
  }
  return {
    url: `ws://127.0.0.1:${(app.server.address() as net.AddressInfo).port}/api/realtime`,
    tokens,
    cookie: config.secureCookies ? '__Host-lockstep_session' : 'lockstep_session',
    connectionCount: () => services.realtime.connectionCount,
    makeTouchesDue: async () => void (await services.db.updateTable('session').set({ last_seen_at: Date.now() - 2 * 60_000 }).execute()),
    async close() {
      await app.close();
      await platform.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** As bench/messaging/bare-relay.ts holds a connection: a set per person, hello on arrival. */
async function startRelay(): Promise<Server> {
  const httpServer = http.createServer();
  const wss = new WebSocketServer({ server: httpServer, path: '/api/realtime', perMessageDeflate: false, maxPayload: 64 * 1024 });
  const byToken = new Map<string, Set<WebSocket>>();
  let count = 0;
  wss.on('connection', (socket, request) => {
    const token = request.headers.cookie ?? '';
    const set = byToken.get(token) ?? new Set();
    set.add(socket);
    byToken.set(token, set);
    count++;
    socket.on('close', () => {
      count--;
      set.delete(socket);
      if (!set.size) byToken.delete(token);
    });
    socket.on('error', () => socket.terminate());
    socket.send('{"type":"hello","protocol":1}');
  });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  return {
    url: `ws://127.0.0.1:${(httpServer.address() as net.AddressInfo).port}/api/realtime`,
    tokens: Array.from({ length: 200 }, () => randomBytes(32).toString('base64url')),
    cookie: 'lockstep_session',
    connectionCount: () => count,
    makeTouchesDue: async () => undefined,
    close: () => new Promise((resolve) => wss.close(() => httpServer.close(() => resolve()))),
  };
}

async function runClient(): Promise<void> {
  let sockets: WebSocket[] = [];
  process.on('message', async (message: { open?: number; url: string; tokens: string[]; cookie: string; close?: boolean }) => {
    if (message.close) {
      await Promise.all(sockets.map((socket) => new Promise((resolve) => (socket.once('close', resolve), socket.close(1000)))));
      sockets = [];
      process.send!({ opened: 0, seconds: 0 });
      return;
    }
    const started = performance.now();
    const count = message.open ?? 0;
    for (let start = 0; start < count; start += 100) {
      const batch = Array.from({ length: Math.min(100, count - start) }, (_, i) => open(message.url, `${message.cookie}=${message.tokens[(start + i) % message.tokens.length]}`));
      sockets.push(...(await Promise.all(batch)));
    }
    process.send!({ opened: sockets.length, seconds: Math.round((performance.now() - started) / 10) / 100 });
  });
}

/** Resolves once the server's hello arrived, so the connection is fully attached. */
function open(url: string, cookie: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers: { cookie }, perMessageDeflate: false });
    socket.once('message', () => resolve(socket));
    socket.once('unexpected-response', (_request, response) => reject(new Error(`handshake refused: ${response.statusCode}`)));
    socket.once('error', reject);
  });
}

function mib(bytes: number): number {
  return Math.round((bytes / 1024 / 1024) * 10) / 10;
}
