import type { Plan } from './plan.ts';
import type { Tally } from './connections.ts';

/** What every scenario gets: where to connect, who is who, where to count errors, how long to run. */
export interface ScenarioContext {
  url: string;
  /** the server process, whose memory and CPU are read */
  serverPid: number;
  plan: Plan;
  tally: Tally;
  settings: Settings;
  /**
   * Added to every phase number in client message ids: a send is idempotent per client id, so ids
   * must never repeat, not even against a data directory an earlier run used.
   */
  phaseBase: number;
}

/** Every figure and bound of a run. Each loop stops at its count or its deadline, whichever first. */
export interface Settings {
  /** sending at full speed before counting starts */
  warmupSeconds: number;
  /** counting at saturation */
  saturationSeconds: number;
  /** the paced 1:1 latency measurement */
  pacedSeconds: number;
  /** each paced group latency measurement (at 20 messages/s, 20 s gives 400 samples: p99 is the 4th worst) */
  groupPacedSeconds: number;
  /** unacknowledged sends each 1:1 connection keeps in flight at saturation */
  directWindow: number;
  /** 1:1 messages a second of the paced measurement (issue #4: 2,000) */
  directRate: number;
  /** senders in a group at saturation, and the messages each keeps not yet delivered to everyone */
  fanoutSenders: number;
  fanoutWindow: number;
  /** group messages a second of the paced measurement (issue #4: 20) */
  groupRate: number;
  idleConnections: number;
  /** handshakes in progress at once */
  connectConcurrency: number;
  /** after sending stops, how long acknowledgements and deliveries may take to arrive */
  drainSeconds: number;
}

export function settingsFromEnv(env: Record<string, string | undefined> = process.env): Settings {
  const number = (name: string, fallback: number) => {
    const value = Number(env[name] ?? fallback);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
    return value;
  };
  return {
    warmupSeconds: number('BENCH_WARMUP_SECONDS', 2),
    saturationSeconds: number('BENCH_SATURATION_SECONDS', 8),
    pacedSeconds: number('BENCH_PACED_SECONDS', 10),
    groupPacedSeconds: number('BENCH_GROUP_PACED_SECONDS', 20),
    directWindow: number('BENCH_DIRECT_WINDOW', 16),
    directRate: number('BENCH_DIRECT_RATE', 2_000),
    fanoutSenders: number('BENCH_FANOUT_SENDERS', 4),
    fanoutWindow: number('BENCH_FANOUT_WINDOW', 4),
    groupRate: number('BENCH_GROUP_RATE', 20),
    idleConnections: number('BENCH_IDLE_CONNECTIONS', 10_000),
    connectConcurrency: number('BENCH_CONNECT_CONCURRENCY', 100),
    drainSeconds: number('BENCH_DRAIN_SECONDS', 20),
  };
}
