/**
 * The messaging benchmark of issue #4 in one command (`npm run bench:messaging`):
 *   1. seed an empty Lockstep data directory (one organisation, 10,000 people with sessions,
 *      direct chats, groups of 100, 500 and 1,000) and write the plan;
 *   2. start the bare relay and Lockstep (`server/main.ts`: SQLite, synchronous=FULL, encryption
 *      on), each a process of its own;
 *   3. for each scenario (idle, 1:1, fan-out), run the load client (a process of its own) against
 *      the bare relay, then against Lockstep: interleaved, so both meet the same background load
 *      on a shared machine;
 *   4. stop both and print the figures, the ratio Lockstep/bare and the targets. Exits 0 once it
 *      has figures: it is a measurement, not a test.
 *
 * Options: --only=bare|lockstep  --scenarios=idle,direct,fanout  --profile (Lockstep runs with
 * --cpu-prof; its top functions are printed)  --sql-timing (Lockstep times each SQL statement;
 * the costliest are printed)  --keep (keep the data directory and the logs).
 * Settings: PEOPLE, PAIRS (seed) and BENCH_* (see scenario.ts, connections.ts) from the environment.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { TargetResult } from './load-client.ts';
import { freePort, readyWhen, startNode, stop, type Started } from './processes.ts';
import { cpuLines, formatTable, problems, rows } from './report.ts';
import { summarise } from './profile-summary.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const args = new Map(process.argv.slice(2).map((arg) => [arg.replace(/^--/, '').split('=')[0]!, arg.split('=')[1] ?? 'yes']));
const scenarios = (args.get('scenarios') ?? 'idle,direct,fanout').split(',');
const targets = (['bare', 'lockstep'] as const).filter((target) => !args.has('only') || args.get('only') === target);
const profile = args.has('profile');
const sqlTiming = args.has('sql-timing');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-bench-'));
const planFile = path.join(work, 'plan.json');
const dataDir = path.join(work, 'data');
const profileDir = path.join(work, 'profile');
const sqlTimingFile = path.join(work, 'sql-timing.json');
const kek = randomBytes(32).toString('base64');
// kept beside the data so that a kept directory (--keep) can be served again
fs.writeFileSync(path.join(work, 'kek'), kek, { mode: 0o600 });
const started = Date.now();
// the servers run as shipped: no test or production switches, no other database, inherited from the caller's shell
const baseEnv: Record<string, string | undefined> = { ...process.env, NODE_ENV: undefined, DATABASE_URL: undefined, REDIS_URL: undefined };

console.log(`Lockstep messaging benchmark: ${os.cpus().length} cores, node ${process.version}, load average ${fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
console.log(`work directory ${work}, open-file limit ${/Max open files\s+(\d+)/.exec(fs.readFileSync('/proc/self/limits', 'utf8'))?.[1] ?? '?'}`);

const seed = startNode(path.join(here, 'seed-lockstep.ts'), {
  env: { ...baseEnv, DATA_DIR: dataDir, LOCKSTEP_KEK: kek, PLAN_FILE: planFile },
  logFile: path.join(work, 'seed.log'),
  echo: true,
});
if ((await seed.exited) !== 0) throw new Error(`seeding failed: see ${work}/seed.log`);

const servers = new Map<(typeof targets)[number], { started: Started; port: number }>();
const results = new Map<(typeof targets)[number], TargetResult>();
try {
  for (const target of targets) servers.set(target, await startTarget(target));
  for (const scenario of scenarios) {
    for (const target of targets) merge(target, await drive(target, scenario));
  }
} finally {
  for (const server of servers.values()) await stop(server.started);
}

const bare = results.get('bare') ?? null;
const lockstep = results.get('lockstep') ?? null;
console.log(`\nResults (${new Date().toISOString()}, ${Math.round((Date.now() - started) / 1_000)} s in all):\n`);
console.log(formatTable(rows(bare, lockstep)));
console.log(`\nCPU while counting at saturation (server/client, % of one core):\n  ${cpuLines([bare, lockstep]).join('\n  ')}`);
console.log(`Load average after each scenario: ${[bare, lockstep].filter((r) => r).map((r) => `${r!.label} ${JSON.stringify(r!.load)}`).join(', ')}`);
const found = problems([bare, lockstep]);
if (found.length) console.log(`\nProblems seen:\n- ${found.join('\n- ')}`);
const resultFile = path.join(os.tmpdir(), `lockstep-bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
fs.writeFileSync(resultFile, JSON.stringify({ cores: os.cpus().length, node: process.version, at: new Date().toISOString(), bare, lockstep }, null, 2));
console.log(`\nFigures as JSON: ${resultFile}`);
if (profile) printProfile();
if (sqlTiming) printSqlTiming();
if (args.has('keep') || profile || sqlTiming) console.log(`\nKept ${work}`);
else fs.rmSync(work, { recursive: true, force: true });

async function startTarget(target: (typeof targets)[number]): Promise<{ started: Started; port: number }> {
  const port = await freePort();
  const logFile = path.join(work, `${target}.log`);
  if (target === 'bare') {
    const relay = startNode(path.join(here, 'bare-relay.ts'), { env: { ...baseEnv, PLAN_FILE: planFile, PORT: String(port) }, logFile });
    await readyWhen(relay, /listening/, 30_000);
    return { started: relay, port };
  }
  const server = startNode(path.join(root, 'server', 'main.ts'), {
    env: { ...baseEnv, DATA_DIR: dataDir, LOCKSTEP_KEK: kek, PORT: String(port), HOST: '127.0.0.1', LOCKSTEP_DEMO: '0', SQL_TIMING_FILE: sqlTimingFile },
    logFile,
    nodeArgs: profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
    preload: sqlTiming ? [path.join(here, 'sql-timing-preload.mjs')] : [],
  });
  await readyWhen(server, /Lockstep is running/, 60_000);
  return { started: server, port };
}

/** One scenario against one server, by the load client in a process of its own. */
async function drive(target: (typeof targets)[number], scenario: string): Promise<TargetResult | null> {
  const server = servers.get(target)!;
  const resultFile = path.join(work, `${target}-${scenario}.json`);
  const client = startNode(path.join(here, 'load-client.ts'), {
    env: {
      ...baseEnv,
      TARGET_URL: `ws://127.0.0.1:${server.port}/api/realtime`,
      SERVER_PID: String(server.started.pid),
      PLAN_FILE: planFile,
      RESULT_FILE: resultFile,
      LABEL: target,
      SCENARIOS: scenario,
    },
    logFile: path.join(work, `${target}-${scenario}-client.log`),
    echo: true,
  });
  await client.exited;
  return fs.existsSync(resultFile) ? (JSON.parse(fs.readFileSync(resultFile, 'utf8')) as TargetResult) : null;
}

function merge(target: (typeof targets)[number], part: TargetResult | null): void {
  if (!part) return;
  const whole = results.get(target);
  if (!whole) {
    results.set(target, part);
    return;
  }
  whole.idle ??= part.idle;
  whole.direct ??= part.direct;
  whole.fanOut ??= part.fanOut;
  for (const [code, count] of Object.entries(part.errors)) whole.errors[code] = (whole.errors[code] ?? 0) + count;
  for (const [code, count] of Object.entries(part.closes)) whole.closes[code] = (whole.closes[code] ?? 0) + count;
  whole.failures.push(...part.failures);
  Object.assign(whole.load, part.load);
  whole.seconds += part.seconds;
}

function printProfile(): void {
  if (!fs.existsSync(profileDir)) return;
  // the main thread's profile is the largest; the other is tsx's loader thread
  const [main] = fs
    .readdirSync(profileDir)
    .map((file) => path.join(profileDir, file))
    .sort((a, b) => fs.statSync(b).size - fs.statSync(a).size);
  if (!main) return;
  const summary = summarise(main, 15);
  console.log(`\nLockstep CPU profile (${main}): ${summary.seconds} s, ${summary.idlePercent}% idle`);
  console.log('self time:');
  for (const line of summary.self) console.log(`  ${String(line.percent).padStart(5)}%  ${line.name}  ${line.where}`);
  console.log('Lockstep functions, total time (self + callees):');
  for (const line of summary.ownTotal) console.log(`  ${String(line.percent).padStart(5)}%  ${line.name}  ${line.where}`);
}

function printSqlTiming(): void {
  const files = fs.existsSync(work) ? fs.readdirSync(work).filter((name) => name.startsWith('sql-timing') && name.endsWith('.json')).sort() : [];
  for (const name of files) {
    const file = path.join(work, name);
    const timings = JSON.parse(fs.readFileSync(file, 'utf8')) as Array<{ sql: string; calls: number; ms: number; maxMs: number }>;
    const thread = name === 'sql-timing.json' ? 'the main thread' : 'the message writer thread';
    console.log(`\nLockstep SQL statements by time on ${thread} (${file}): total ms, calls, slowest call ms`);
    for (const timing of timings.slice(0, 12)) console.log(`  ${String(timing.ms).padStart(7)} ${String(timing.calls).padStart(8)} × ${String(timing.maxMs).padStart(6)}  ${timing.sql.slice(0, 100)}`);
  }
}
