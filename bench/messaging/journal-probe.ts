/**
 * Can an acknowledgement that waits only for a small sequential journal stay under 5 ms at p99
 * on this disk while SQLite writes messages at the 1:1 benchmark's paced rate? (#4's next step;
 * see bench/RESULTS.md, run G.) Without a server or sockets: a worker thread inserts message-like
 * rows (the message table's three randomly placed indexes, 200 chats, 400 senders) at RATE rows/s
 * in batches every 5 ms, with SQLite's automatic checkpoints; this thread meanwhile appends each
 * batch's worth of bytes to a pre-zeroed journal file and fdatasyncs it, timing each append. Runs
 * twice: SQLite committing with synchronous=FULL (as shipped) and with NORMAL (a journal's apply).
 * CHECKPOINT_PAGES sets SQLite's automatic checkpoint (0: none at all, the log only grows: the
 * floor a journal could reach if checkpoints were paced away from it).
 *
 *   node --import tsx bench/messaging/journal-probe.ts   [RATE=2000] [SECONDS=15] [CHECKPOINT_PAGES=1000] [DIR=tmp]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';

const BATCH_MS = 5;
const ROW_BYTES = 400;

interface Load {
  entry: string;
  file: string;
  synchronous: 'FULL' | 'NORMAL';
  rate: number;
  checkpointPages: number;
}

if (isMainThread) await main();
else applyLoad(workerData as Load);

async function main(): Promise<void> {
  const rate = Number(process.env.RATE ?? 2_000);
  const seconds = Number(process.env.SECONDS ?? 15);
  const checkpointPages = Number(process.env.CHECKPOINT_PAGES ?? 1_000);
  const dir = fs.mkdtempSync(path.join(process.env.DIR ?? os.tmpdir(), 'lockstep-journal-probe-'));
  try {
    for (const synchronous of ['FULL', 'NORMAL'] as const) {
      const file = path.join(dir, `messages-${synchronous}.db`);
      const load: Load = { entry: import.meta.url, file, synchronous, rate, checkpointPages };
      const worker = new Worker(new URL('../../server/platform/threads/run-typescript.mjs', import.meta.url), { workerData: load });
      await new Promise((resolve) => worker.once('message', resolve));
      const times = appendForAWhile(path.join(dir, `journal-${synchronous}`), (rate * BATCH_MS) / 1_000, seconds);
      const written = await new Promise<number>((resolve) => {
        worker.once('message', (rows: number) => resolve(rows));
        worker.postMessage('stop');
      });
      await worker.terminate();
      console.log(`SQLite synchronous=${synchronous}, automatic checkpoint ${checkpointPages || 'off'}, ${Math.round(written / seconds)} rows/s beside: journal append + fdatasync ${summary(times)}`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** One append of a batch's bytes every BATCH_MS, each written and fdatasynced before the next. */
function appendForAWhile(file: string, rowsPerBatch: number, seconds: number): number[] {
  const size = 64 * 1024 * 1024;
  const fd = fs.openSync(file, 'w+');
  // zero-filled first: an append is then an overwrite of allocated blocks, with no metadata to log
  fs.writeSync(fd, Buffer.alloc(size), 0, size, 0);
  fs.fdatasyncSync(fd);
  const record = Buffer.alloc(Math.ceil(rowsPerBatch) * ROW_BYTES, 7);
  const times: number[] = [];
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  let position = 0;
  const end = performance.now() + seconds * 1_000;
  while (performance.now() < end && position + record.length <= size) {
    const started = performance.now();
    fs.writeSync(fd, record, 0, record.length, position);
    fs.fdatasyncSync(fd);
    position += record.length;
    times.push(performance.now() - started);
    const rest = BATCH_MS - (performance.now() - started);
    if (rest > 0) Atomics.wait(sleeper, 0, 0, rest);
  }
  fs.closeSync(fd);
  return times;
}

function applyLoad({ file, synchronous, rate, checkpointPages }: Load): void {
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  db.pragma(`wal_autocheckpoint = ${checkpointPages}`);
  db.exec(`create table message (id text primary key, conversation_id text not null, seq integer not null, sender text not null, client_id text not null, body blob not null);
    create unique index message_sequence on message (conversation_id, seq);
    create unique index message_client_id on message (conversation_id, sender, client_id);
    create index message_sender on message (sender);`);
  const insert = db.prepare('insert into message values (?, ?, ?, ?, ?, ?)');
  const seqs = new Array<number>(200).fill(0);
  const body = Buffer.alloc(ROW_BYTES - 100, 1);
  let rows = 0;
  const batch = db.transaction((count: number) => {
    for (let i = 0; i < count; i++) {
      const chat = Math.floor(Math.random() * 200);
      const n = rows++;
      insert.run(`m${String(n).padStart(12, '0')}`, `c${chat}`, ++seqs[chat]!, `s${chat * 2 + (n % 2)}`, `k${n}`, body);
    }
  });
  const timer = setInterval(() => batch((rate * BATCH_MS) / 1_000), BATCH_MS);
  parentPort!.on('message', () => {
    clearInterval(timer);
    db.close();
    parentPort!.postMessage(rows);
  });
  parentPort!.postMessage('ready');
}

function summary(times: number[]): string {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!.toFixed(2);
  return `n ${sorted.length}, p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, p99.9 ${at(0.999)} ms, max ${at(1)} ms`;
}
