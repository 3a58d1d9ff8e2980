import { ACK, closeAll, connectMany, isDuplicateAck, ERROR, frameType, MESSAGE, parsed, readClientId, sendFrame, sendPrefix, type BenchConnection } from './connections.ts';
import type { ScenarioContext } from './scenario.ts';
import { cpuShare, latency, sleep, until, type Latency } from './stats.ts';

export interface FanOutResult {
  size: number;
  saturation: {
    senders: number;
    window: number;
    /** message frames received by members other than the sender, per second */
    deliveriesPerSecond: number;
    /** messages acknowledged and delivered to every other member, per second */
    messagesPerSecond: number;
    sent: number;
    /** sent but not acknowledged and delivered to everyone when the drain time ran out */
    incomplete: number;
    failed: number;
    /** share of one core each side used while counting: shows which side was the limit */
    cpu: { serverPercent: number; clientPercent: number };
  };
  /** send → the last of the other members receives it */
  paced: { rate: number; sent: number; lastRecipient: Latency; incomplete: number; failed: number };
}

const MAX_SENDS_PER_SENDER = 100_000;

/**
 * Group fan-out: every member of the largest group connected once; for each group, a few members
 * send (each keeping a window of messages not yet delivered to everyone) while all members count
 * what they receive; then a paced run measures send → last recipient.
 */
export async function runFanOut(ctx: ScenarioContext): Promise<FanOutResult[]> {
  const { plan, settings } = ctx;
  const largest = Math.max(...plan.groups.map((group) => group.size));
  const people = Array.from({ length: largest }, (_, index) => index);
  const connections = await connectMany(ctx.url, people, (person) => plan.people[person]!.token, {
    concurrency: settings.connectConcurrency,
    deadline: Date.now() + 120_000,
    tally: ctx.tally,
  });
  connections.forEach((connection, slot) => (connection.slot = slot));
  const results: FanOutResult[] = [];
  try {
    for (const [index, group] of plan.groups.entries()) {
      const members = connections.slice(0, group.size);
      const prefix = sendPrefix(group.conversationId);
      const saturation = await saturate(ctx, members, prefix, ctx.phaseBase + 10 + 2 * index);
      await sleep(1_000);
      const paced = await pace(ctx, members, prefix, ctx.phaseBase + 11 + 2 * index);
      results.push({ size: group.size, saturation, paced });
      await sleep(1_000);
    }
    return results;
  } finally {
    for (const connection of connections) connection.listener = null;
    await closeAll(connections);
  }
}

/** Messages of one measurement: when each was sent, how many members still wait for it, whether it was acknowledged. */
class Phase {
  readonly sentAt: number[][];
  readonly waiting: number[][];
  readonly acked: boolean[][];
  readonly lastAt: number[][];
  readonly inFlight: Int32Array;
  sent = 0;
  completed = 0;
  failed = 0;
  deliveriesInWindow = 0;
  completedInWindow = 0;
  windowFrom = Infinity;
  windowTo = Infinity;
  readonly samples: number[] = [];
  onCompleted: (sender: number) => void = () => {};

  constructor(
    readonly id: number,
    private readonly members: BenchConnection[],
    readonly senders: number,
    private readonly prefix: string,
    private readonly ctx: ScenarioContext,
  ) {
    this.sentAt = Array.from({ length: senders }, () => []);
    this.waiting = Array.from({ length: senders }, () => []);
    this.acked = Array.from({ length: senders }, () => []);
    this.lastAt = Array.from({ length: senders }, () => []);
    this.inFlight = new Int32Array(senders);
    for (const member of members) member.listener = (from, data, at) => this.hear(from, data, at);
  }

  send(sender: number): boolean {
    const times = this.sentAt[sender]!;
    if (times.length >= MAX_SENDS_PER_SENDER) return false;
    const frame = sendFrame(this.prefix, this.id, sender, times.length);
    times.push(performance.now());
    this.waiting[sender]!.push(this.members.length - 1);
    this.acked[sender]!.push(false);
    this.lastAt[sender]!.push(0);
    this.inFlight[sender]!++;
    this.sent++;
    this.members[sender]!.send(frame);
    return true;
  }

  settled(): boolean {
    return this.completed + this.failed >= this.sent;
  }

  private hear(connection: BenchConnection, data: Buffer, at: number): void {
    const type = frameType(data);
    if (type === ERROR) {
      this.ctx.tally.error(data);
      if (connection.slot < this.senders && this.inFlight[connection.slot]! > 0) {
        this.inFlight[connection.slot]!--;
        this.failed++;
        this.onCompleted(connection.slot);
      }
      return;
    }
    if ((type !== ACK && type !== MESSAGE) || !readClientId(data) || parsed.phase !== this.id) return;
    const { slot: sender, n } = parsed;
    const waiting = this.waiting[sender];
    if (!waiting || waiting[n] === undefined) return;
    if (type === ACK) {
      if (isDuplicateAck(data)) this.ctx.tally.count('duplicate_ack');
      this.acked[sender]![n] = true;
      if (waiting[n] === 0) this.complete(sender, n, at);
      return;
    }
    if (sender === connection.slot) return; // the sender's own copy
    if (at >= this.windowFrom && at < this.windowTo) this.deliveriesInWindow++;
    if (--waiting[n]! === 0) {
      this.lastAt[sender]![n] = at;
      if (this.acked[sender]![n]) this.complete(sender, n, at);
    }
  }

  private complete(sender: number, n: number, at: number): void {
    this.completed++;
    if (at >= this.windowFrom && at < this.windowTo) this.completedInWindow++;
    this.samples.push(this.lastAt[sender]![n]! - this.sentAt[sender]![n]!);
    this.inFlight[sender]!--;
    this.onCompleted(sender);
  }
}

async function saturate(ctx: ScenarioContext, members: BenchConnection[], prefix: string, id: number): Promise<FanOutResult['saturation']> {
  const { settings } = ctx;
  const phase = new Phase(id, members, Math.min(settings.fanoutSenders, members.length), prefix, ctx);
  const start = performance.now();
  phase.windowFrom = start + settings.warmupSeconds * 1_000;
  phase.windowTo = phase.windowFrom + settings.saturationSeconds * 1_000;
  const pump = (sender: number) => {
    while (phase.inFlight[sender]! < settings.fanoutWindow && performance.now() < phase.windowTo && phase.send(sender));
  };
  phase.onCompleted = pump;
  for (let sender = 0; sender < phase.senders; sender++) pump(sender);
  const cpu = await cpuShare(ctx.serverPid, phase.windowFrom, phase.windowTo);
  await until(() => phase.settled(), Date.now() + settings.drainSeconds * 1_000);
  return {
    senders: phase.senders,
    window: settings.fanoutWindow,
    deliveriesPerSecond: Math.round(phase.deliveriesInWindow / settings.saturationSeconds),
    messagesPerSecond: Math.round(phase.completedInWindow / settings.saturationSeconds),
    sent: phase.sent,
    incomplete: phase.sent - phase.completed - phase.failed,
    failed: phase.failed,
    cpu,
  };
}

async function pace(ctx: ScenarioContext, members: BenchConnection[], prefix: string, id: number): Promise<FanOutResult['paced']> {
  const { settings } = ctx;
  const phase = new Phase(id, members, Math.min(settings.fanoutSenders, members.length), prefix, ctx);
  const rate = settings.groupRate;
  const total = Math.round(rate * settings.groupPacedSeconds);
  const deadline = Date.now() + settings.groupPacedSeconds * 2_000;
  const start = performance.now();
  await new Promise<void>((resolve) => {
    const tick = () => {
      const due = Math.min(total, Math.floor(((performance.now() - start) * rate) / 1_000));
      while (phase.sent < due) phase.send(phase.sent % phase.senders);
      if (phase.sent >= total || Date.now() > deadline) resolve();
      else setTimeout(tick, Math.max(1, Math.floor(1_000 / rate / 4)));
    };
    tick();
  });
  const sendingSeconds = (performance.now() - start) / 1_000;
  await until(() => phase.settled(), Date.now() + settings.drainSeconds * 1_000);
  return {
    rate: Math.round((phase.sent / sendingSeconds) * 10) / 10,
    sent: phase.sent,
    lastRecipient: latency(phase.samples, phase.sent),
    incomplete: phase.sent - phase.completed - phase.failed,
    failed: phase.failed,
  };
}
