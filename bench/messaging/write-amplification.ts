/**
 * How many pages a message costs the SQLite log, and which tables and indexes they belong to.
 * At the paced 1:1 rate the writer commits small batches, and every page a batch changes is
 * written to the log whole (4 KiB) and later copied into the database file by a checkpoint:
 * this tells where those pages go. Without a server or sockets: one MessageWriter in this
 * thread over a copy of a seeded data directory (run.sh --keep, or seed-lockstep.ts), first
 * FILL messages in large batches (the history a chat server has), then MEASURE messages in
 * batches of BATCH with the automatic checkpoint off; the frames added to the log are then read
 * back and each page named with the dbstat table.
 *
 *   DATA_DIR=… LOCKSTEP_KEK=… PLAN_FILE=… [FILL=40000] [MEASURE=4000] [BATCH=11] node --import tsx bench/messaging/write-amplification.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { loadConfig } from '../../server/config.ts';
import { createLogger } from '../../server/platform/log.ts';
import { bootPlatform } from '../../server/boot.ts';
import { MessageWriter } from '../../server/modules/chat/message-writer.ts';
import { readPlan } from './plan.ts';
import { directSendRequest } from './direct-send-request.ts';

const fill = Number(process.env.FILL ?? 40_000);
const measure = Number(process.env.MEASURE ?? 4_000);
const batchSize = Number(process.env.BATCH ?? 11);
const plan = readPlan(process.env.PLAN_FILE!);
const config = loadConfig({ ...process.env, LOG_LEVEL: 'warn', LOCKSTEP_DEMO: '0' });
const platform = await bootPlatform({ config, logger: createLogger('warn') });
const db = platform.database.db;
const writer = new MessageWriter({ db, envelope: platform.services.envelope });
const run = `${Date.now()}`;

let sent = 0;
const request = () => {
  const n = sent++;
  return directSendRequest(plan, n, `wa.${run}.${n}`);
};

/** Sends count messages, size at a time: each group is one batch, as at a paced rate. */
async function send(count: number, size: number): Promise<void> {
  for (let done = 0; done < count; done += size) {
    await Promise.all(Array.from({ length: Math.min(size, count - done) }, () => writer.send(request())));
  }
}

await send(fill, 500);
await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
await sql`pragma wal_autocheckpoint = 0`.execute(db);
const started = performance.now();
await send(measure, batchSize);
const seconds = (performance.now() - started) / 1_000;

const log = fs.readFileSync(path.join(config.dataDir, 'lockstep.db-wal'));
const pageSize = log.readUInt32BE(8);
const pages: number[] = [];
for (let at = 32; at + 24 + pageSize <= log.length; at += 24 + pageSize) pages.push(log.readUInt32BE(at));
const owners = new Map((await sql<{ name: string; pageno: number }>`select name, pageno from dbstat`.execute(db)).rows.map((row) => [row.pageno, row.name]));
const byOwner = new Map<string, number>();
for (const page of pages) {
  const owner = owners.get(page) ?? '(free or new)';
  byOwner.set(owner, (byOwner.get(owner) ?? 0) + 1);
}
const batches = Math.ceil(measure / batchSize);
console.log(`${measure} messages in batches of ${batchSize} after ${fill} (${Math.round(measure / seconds)} messages/s with fsync)`);
console.log(`log frames: ${pages.length} = ${(pages.length / measure).toFixed(2)} a message, ${(pages.length / batches).toFixed(1)} a batch; ${new Set(pages).size} distinct pages`);
for (const [owner, count] of [...byOwner].sort((a, b) => b[1] - a[1])) {
  console.log(`  ${owner.padEnd(40)} ${String(count).padStart(7)}  ${(count / batches).toFixed(1).padStart(6)} a batch`);
}
await platform.close();
