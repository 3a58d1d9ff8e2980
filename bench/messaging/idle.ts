import { closeAll, connectMany } from './connections.ts';
import type { ScenarioContext } from './scenario.ts';
import { round, rssOf, sleep } from './stats.ts';

export interface IdleResult {
  connections: number;
  connectSeconds: number;
  rssBeforeMiB: number;
  rssAfterMiB: number;
  /** (RSS holding them − RSS before) per 1,000 connections */
  mibPerThousand: number;
}

const MiB = 1024 * 1024;

/**
 * Idle connections: the server's resident memory before and while it holds N authenticated
 * connections that send nothing. Runs first on a fresh server, after a small warm-up round so the
 * handshake code is loaded, and reads RSS once the server has had a few seconds to settle.
 */
export async function runIdle(ctx: ScenarioContext): Promise<IdleResult> {
  const { plan, settings } = ctx;
  const count = Math.min(settings.idleConnections, plan.people.length);
  const options = { concurrency: settings.connectConcurrency, deadline: Date.now() + 180_000, tally: ctx.tally };
  const tokenOf = (person: number) => plan.people[person]!.token;

  await closeAll(await connectMany(ctx.url, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], tokenOf, options));
  await sleep(2_000);
  const before = rssOf(ctx.serverPid);

  const started = performance.now();
  const connections = await connectMany(ctx.url, Array.from({ length: count }, (_, index) => index), tokenOf, options);
  const connectSeconds = (performance.now() - started) / 1_000;
  await sleep(5_000);
  const after = rssOf(ctx.serverPid);
  await closeAll(connections);
  return {
    connections: count,
    connectSeconds: round(connectSeconds, 1),
    rssBeforeMiB: round(before / MiB, 1),
    rssAfterMiB: round(after / MiB, 1),
    mibPerThousand: round((after - before) / MiB / (count / 1_000), 2),
  };
}
