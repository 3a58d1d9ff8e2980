/**
 * The writer's own cost, without sockets: sends TOTAL messages of the benchmark's texts through
 * one MessageWriter in this thread, over the direct chats of a seeded data directory, with
 * WINDOW sends waiting at a time, and prints messages/s. Run with --cpu-prof to see where a
 * message's time goes in the writer thread's work.
 *
 *   DATA_DIR=… LOCKSTEP_KEK=… PLAN_FILE=… [TOTAL=20000] [WINDOW=4000] node --import tsx bench/messaging/writer-only.ts
 */
import { loadConfig } from '../../server/config.ts';
import { createLogger } from '../../server/platform/log.ts';
import { bootPlatform } from '../../server/boot.ts';
import { MessageWriter } from '../../server/modules/chat/message-writer.ts';
import { readPlan } from './plan.ts';
import { directSendRequest } from './direct-send-request.ts';

const total = Number(process.env.TOTAL ?? 20_000);
const window = Number(process.env.WINDOW ?? 4_000);
const maxBatch = Number(process.env.MAX_BATCH ?? 500);
const plan = readPlan(process.env.PLAN_FILE!);
const config = loadConfig({ ...process.env, LOG_LEVEL: 'warn', LOCKSTEP_DEMO: '0' });
const platform = await bootPlatform({ config, logger: createLogger('warn') });
const writer = new MessageWriter({ db: platform.database.db, envelope: platform.services.envelope, maxBatch });

let sent = 0;
let done = 0;
const started = performance.now();
await new Promise<void>((resolve) => {
  const next = (): void => {
    if (sent >= total) return;
    const n = sent++;
    const request = directSendRequest(plan, n, `w.${started}.${n}`);
    void writer.send(request).then(() => {
      if (++done === total) resolve();
      else next();
    });
  };
  for (let i = 0; i < window; i++) next();
});
const seconds = (performance.now() - started) / 1000;
console.log(`writer only: ${total} messages in ${seconds.toFixed(2)} s = ${Math.round(total / seconds)} messages/s (batches of up to ${maxBatch})`);
await platform.close();
