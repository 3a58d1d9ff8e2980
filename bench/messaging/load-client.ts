/**
 * The load client: a process of its own, on loopback, driving one server (Lockstep or the bare
 * relay) through the scenarios of issue #4 and writing the figures as JSON. Every loop is bounded
 * by a count and a deadline, and a watchdog ends the whole run if a server stops answering.
 *
 *   TARGET_URL=ws://127.0.0.1:3900/api/realtime SERVER_PID=… PLAN_FILE=… RESULT_FILE=… LABEL=lockstep \
 *   [SCENARIOS=idle,direct,fanout] node --import tsx bench/messaging/load-client.ts
 */
import fs from 'node:fs';
import { Tally } from './connections.ts';
import { runDirect, type DirectResult } from './direct.ts';
import { runFanOut, type FanOutResult } from './fan-out.ts';
import { runIdle, type IdleResult } from './idle.ts';
import { readPlan } from './plan.ts';
import { settingsFromEnv, type ScenarioContext, type Settings } from './scenario.ts';

export interface TargetResult {
  label: string;
  settings: Settings;
  idle?: IdleResult;
  direct?: DirectResult;
  fanOut?: FanOutResult[];
  errors: Record<string, number>;
  closes: Record<string, number>;
  /** a scenario that could not finish, and why */
  failures: string[];
  /** the machine's 1-minute load average after each scenario: other work on the machine skews figures */
  load: Record<string, number>;
  seconds: number;
}

const url = required('TARGET_URL');
const serverPid = Number(required('SERVER_PID'));
const resultFile = required('RESULT_FILE');
const scenarios = new Set((process.env.SCENARIOS ?? 'idle,direct,fanout').split(','));
const ctx: ScenarioContext = { url, serverPid, plan: readPlan(required('PLAN_FILE')), tally: new Tally(), settings: settingsFromEnv(), phaseBase: (Date.now() % 1_000_000) * 100 };
const started = Date.now();
const result: TargetResult = { label: process.env.LABEL ?? url, settings: ctx.settings, errors: {}, closes: {}, failures: [], load: {}, seconds: 0 };

const watchdog = setTimeout(() => {
  result.failures.push(`the whole run passed its deadline of ${process.env.BENCH_CLIENT_DEADLINE_SECONDS ?? 420} s`);
  finish(2);
}, Number(process.env.BENCH_CLIENT_DEADLINE_SECONDS ?? 420) * 1_000);

// The idle figure is read first, on a server that has not yet carried any load.
await step('idle', async () => (result.idle = await runIdle(ctx)));
await step('direct', async () => (result.direct = await runDirect(ctx)));
await step('fanout', async () => (result.fanOut = await runFanOut(ctx)));
clearTimeout(watchdog);
finish(0);

async function step(name: string, work: () => Promise<unknown>): Promise<void> {
  if (!scenarios.has(name)) return;
  const at = Date.now();
  try {
    await work();
    result.load[name] = Number(fs.readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
    console.log(`${result.label}: ${name} done in ${((Date.now() - at) / 1_000).toFixed(1)} s`);
  } catch (error) {
    result.failures.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    console.error(`${result.label}: ${name} failed:`, error);
  }
}

function finish(code: number): void {
  Object.assign(result, ctx.tally.toJSON(), { seconds: Math.round((Date.now() - started) / 1_000) });
  fs.writeFileSync(resultFile, JSON.stringify(result, null, 2));
  process.exit(code);
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`set ${name}`);
  return value;
}
