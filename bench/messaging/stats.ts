import fs from 'node:fs';

/**
 * Latency figures in milliseconds: nearest-rank percentiles over every message sent. A message
 * that never arrived within the drain time counts as slower than all the others; a percentile
 * that falls among those is null ("not within the run").
 */
export interface Latency {
  samples: number;
  /** sent but never acknowledged or delivered within the drain time */
  unsettled: number;
  p50: number | null;
  p99: number | null;
  max: number | null;
}

export function latency(samples: number[], sent = samples.length): Latency {
  const unsettled = Math.max(0, sent - samples.length);
  if (!sent) return { samples: 0, unsettled, p50: null, p99: null, max: null };
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p: number) => {
    const value = sorted[Math.ceil((p / 100) * sent) - 1];
    return value === undefined ? null : round(value);
  };
  return { samples: sorted.length, unsettled, p50: rank(50), p99: rank(99), max: unsettled ? null : round(sorted.at(-1)!) };
}

/** Resident memory of a process, in bytes, from /proc/<pid>/status (VmRSS). */
export function rssOf(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1];
  if (!kb) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kb) * 1024;
}

/** CPU seconds (user + system) a process has used, from /proc/<pid>/stat. */
export function cpuSecondsOf(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // fields after the command name, which is in parentheses and may hold spaces
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}
const CLOCK_TICKS = 100;

/** The share of one core the server and this client used between two moments (performance.now() times). */
export async function cpuShare(serverPid: number, from: number, to: number): Promise<{ serverPercent: number; clientPercent: number }> {
  await sleep(from - performance.now());
  const server = cpuSecondsOf(serverPid);
  const client = process.cpuUsage();
  const at = performance.now();
  await sleep(to - at);
  const seconds = (performance.now() - at) / 1_000;
  const used = process.cpuUsage(client);
  return {
    serverPercent: Math.round(((cpuSecondsOf(serverPid) - server) / seconds) * 100),
    clientPercent: Math.round(((used.user + used.system) / 1e6 / seconds) * 100),
  };
}

export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Waits until `done()` or the deadline (epoch ms); says which. */
export async function until(done: () => boolean, deadline: number, every = 20): Promise<boolean> {
  while (!done()) {
    if (Date.now() > deadline) return false;
    await sleep(every);
  }
  return true;
}
