/**
 * Preloaded into the Lockstep server (and its writer thread, see sql-timing-preload.mjs) by
 * `run.ts --sql-timing`: times every SQLite statement
 * (better-sqlite3 runs them on the main thread, so a CPU profile shows them all as one native
 * call) and, when the process exits, writes the time per statement to SQL_TIMING_FILE. COMMIT's
 * time is the fsync of synchronous=FULL.
 */
import fs from 'node:fs';
import { isMainThread, threadId } from 'node:worker_threads';
import SQLite from 'better-sqlite3';

interface Timing {
  calls: number;
  ms: number;
  /** the slowest single call: the event loop stood still that long */
  maxMs: number;
}

// the message writer thread times its own statements, into a file of its own
const file = process.env.SQL_TIMING_FILE && (isMainThread ? process.env.SQL_TIMING_FILE : process.env.SQL_TIMING_FILE.replace(/\.json$/, `.thread-${threadId}.json`));
const timings = new Map<string, Timing>();
const probe = new SQLite(':memory:');
const statement = Object.getPrototypeOf(probe.prepare('select 1')) as Record<string, (...args: unknown[]) => unknown>;
probe.close();

for (const method of ['run', 'get', 'all']) {
  const original = statement[method]!;
  statement[method] = function (this: { source: string }, ...args: unknown[]) {
    const started = performance.now();
    try {
      return original.apply(this, args);
    } finally {
      const key = shape(this.source);
      const timing = timings.get(key) ?? { calls: 0, ms: 0, maxMs: 0 };
      const ms = performance.now() - started;
      timing.calls++;
      timing.ms += ms;
      timing.maxMs = Math.max(timing.maxMs, ms);
      timings.set(key, timing);
    }
  };
}

/** One line per statement shape: multi-row VALUES and IN lists folded, so batches of any size count together. */
function shape(sql: string): string {
  return sql
    .replace(/\(\?(, \?)*\)(, \(\?(, \?)*\))*/g, '(…)')
    .replace(/in \((\?, )*\?\)/g, 'in (…)')
    .slice(0, 160);
}

process.on('exit', () => {
  if (!file) return;
  const sorted = [...timings].sort((a, b) => b[1].ms - a[1].ms).map(([sql, timing]) => ({ sql, calls: timing.calls, ms: Math.round(timing.ms), maxMs: Math.round(timing.maxMs) }));
  fs.writeFileSync(file, JSON.stringify(sorted, null, 2));
});
