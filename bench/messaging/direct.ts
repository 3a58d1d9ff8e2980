import { ACK, closeAll, connectMany, isDuplicateAck, ERROR, frameType, MESSAGE, parsed, readClientId, sendFrame, sendPrefix, type BenchConnection } from './connections.ts';
import type { ScenarioContext } from './scenario.ts';
import { cpuShare, latency, round, sleep, until, type Latency } from './stats.ts';

export interface DirectResult {
  pairs: number;
  saturation: {
    window: number;
    /** both acknowledged to the sender and delivered to the other person, per second */
    messagesPerSecond: number;
    ackedPerSecond: number;
    deliveredPerSecond: number;
    sent: number;
    /** still without an acknowledgement / a delivery when the drain time ran out */
    unacked: number;
    undelivered: number;
    failed: number;
    /** share of one core each side used while counting: shows which side was the limit */
    cpu: { serverPercent: number; clientPercent: number };
  };
  paced: {
    /** the rate actually sent at */
    rate: number;
    sent: number;
    /** send → the other person receives it */
    delivery: Latency;
    /** send → the sender's acknowledgement */
    ack: Latency;
    unacked: number;
    undelivered: number;
    failed: number;
  };
}

const MAX_SENDS_PER_CONNECTION = 200_000;

/**
 * 1:1 relay: every pair of people in a direct chat, both sending. At saturation each connection
 * keeps a window of unacknowledged sends; then a paced run spreads a fixed rate over all of them
 * and measures send → delivery to the other person, and send → acknowledgement.
 */
export async function runDirect(ctx: ScenarioContext): Promise<DirectResult> {
  const { plan, settings } = ctx;
  const people = plan.pairs.flatMap((pair) => [pair.a, pair.b]);
  const connections = await connectMany(ctx.url, people, (person) => plan.people[person]!.token, {
    concurrency: settings.connectConcurrency,
    deadline: Date.now() + 60_000,
    tally: ctx.tally,
  });
  connections.forEach((connection, slot) => (connection.slot = slot));
  const prefixes = connections.map((_, slot) => sendPrefix(plan.pairs[slot >> 1]!.conversationId));
  try {
    const saturation = await saturate(ctx, connections, prefixes);
    await sleep(1_000);
    const paced = await pace(ctx, connections, prefixes);
    return { pairs: plan.pairs.length, saturation, paced };
  } finally {
    for (const connection of connections) connection.listener = null;
    await closeAll(connections);
  }
}

/** One measurement's bookkeeping: what each connection sent when, and what came back. */
class Phase {
  readonly sentAt: number[][];
  readonly unacked: Int32Array;
  sent = 0;
  acked = 0;
  delivered = 0;
  failed = 0;
  ackedInWindow = 0;
  deliveredInWindow = 0;
  windowFrom = Infinity;
  windowTo = Infinity;
  readonly deliverySamples: number[] = [];
  readonly ackSamples: number[] = [];
  onSettled: (slot: number) => void = () => {};

  constructor(
    readonly id: number,
    readonly connections: BenchConnection[],
    private readonly prefixes: string[],
    private readonly ctx: ScenarioContext,
    private readonly sampling: boolean,
  ) {
    this.sentAt = connections.map(() => []);
    this.unacked = new Int32Array(connections.length);
    for (const connection of connections) connection.listener = (from, data, at) => this.hear(from, data, at);
  }

  send(slot: number): boolean {
    const times = this.sentAt[slot]!;
    if (times.length >= MAX_SENDS_PER_CONNECTION) return false;
    const frame = sendFrame(this.prefixes[slot]!, this.id, slot, times.length);
    times.push(performance.now());
    this.unacked[slot]!++;
    this.sent++;
    this.connections[slot]!.send(frame);
    return true;
  }

  settled(): boolean {
    return this.acked + this.failed >= this.sent && this.delivered >= this.acked;
  }

  private hear(connection: BenchConnection, data: Buffer, at: number): void {
    const type = frameType(data);
    if (type === ERROR) {
      this.ctx.tally.error(data);
      // a refused send (it carries no client id): free its place in the window
      if (this.unacked[connection.slot]! > 0) {
        this.unacked[connection.slot]!--;
        this.failed++;
        this.onSettled(connection.slot);
      }
      return;
    }
    if ((type !== ACK && type !== MESSAGE) || !readClientId(data) || parsed.phase !== this.id) return;
    const sentAt = this.sentAt[parsed.slot]?.[parsed.n];
    if (sentAt === undefined) return;
    const inWindow = at >= this.windowFrom && at < this.windowTo;
    if (type === ACK) {
      if (isDuplicateAck(data)) this.ctx.tally.count('duplicate_ack');
      this.acked++;
      if (inWindow) this.ackedInWindow++;
      if (this.sampling) this.ackSamples.push(at - sentAt);
      this.unacked[parsed.slot]!--;
      this.onSettled(parsed.slot);
      return;
    }
    if (parsed.slot === connection.slot) return; // the sender's own copy
    this.delivered++;
    if (inWindow) this.deliveredInWindow++;
    if (this.sampling) this.deliverySamples.push(at - sentAt);
  }
}

async function saturate(ctx: ScenarioContext, connections: BenchConnection[], prefixes: string[]): Promise<DirectResult['saturation']> {
  const { settings } = ctx;
  const phase = new Phase(ctx.phaseBase + 1, connections, prefixes, ctx, false);
  const start = performance.now();
  phase.windowFrom = start + settings.warmupSeconds * 1_000;
  phase.windowTo = phase.windowFrom + settings.saturationSeconds * 1_000;
  const pump = (slot: number) => {
    while (phase.unacked[slot]! < settings.directWindow && performance.now() < phase.windowTo && phase.send(slot));
  };
  phase.onSettled = pump;
  for (let slot = 0; slot < connections.length; slot++) pump(slot);
  const cpu = await cpuShare(ctx.serverPid, phase.windowFrom, phase.windowTo);
  await until(() => phase.settled(), Date.now() + settings.drainSeconds * 1_000);
  const seconds = settings.saturationSeconds;
  return {
    window: settings.directWindow,
    messagesPerSecond: Math.round(Math.min(phase.ackedInWindow, phase.deliveredInWindow) / seconds),
    ackedPerSecond: Math.round(phase.ackedInWindow / seconds),
    deliveredPerSecond: Math.round(phase.deliveredInWindow / seconds),
    sent: phase.sent,
    unacked: phase.sent - phase.acked - phase.failed,
    undelivered: phase.acked - phase.delivered,
    failed: phase.failed,
    cpu,
  };
}

async function pace(ctx: ScenarioContext, connections: BenchConnection[], prefixes: string[]): Promise<DirectResult['paced']> {
  const { settings } = ctx;
  const phase = new Phase(ctx.phaseBase + 2, connections, prefixes, ctx, true);
  const rate = settings.directRate;
  const total = Math.round(rate * settings.pacedSeconds);
  const deadline = Date.now() + settings.pacedSeconds * 2_000;
  const start = performance.now();
  await new Promise<void>((resolve) => {
    const tick = () => {
      const due = Math.min(total, Math.floor(((performance.now() - start) * rate) / 1_000));
      while (phase.sent < due) phase.send(phase.sent % connections.length);
      if (phase.sent >= total || Date.now() > deadline) resolve();
      else setTimeout(tick, 1);
    };
    tick();
  });
  const sendingSeconds = (performance.now() - start) / 1_000;
  await until(() => phase.settled(), Date.now() + settings.drainSeconds * 1_000);
  return {
    rate: round(phase.sent / sendingSeconds, 0),
    sent: phase.sent,
    delivery: latency(phase.deliverySamples, phase.sent),
    ack: latency(phase.ackSamples, phase.sent),
    unacked: phase.sent - phase.acked - phase.failed,
    undelivered: phase.acked - phase.delivered,
    failed: phase.failed,
  };
}
