import type { TargetResult } from './load-client.ts';
import type { FanOutResult } from './fan-out.ts';

/**
 * The table of one run: each figure for the bare relay and for Lockstep, the ratio Lockstep/bare,
 * and the target of issue #4 with whether it is met. A missed target is reported, never an error:
 * this is a measurement, not a test.
 */
export interface Row {
  figure: string;
  /** null: not measured; 'unsettled': the percentile fell among messages that never arrived within the run */
  bare: Figure;
  lockstep: Figure;
  /** the target, in words, and whether Lockstep meets it (null when the row has none or a figure is missing) */
  target: string;
  met: boolean | null;
}

type Figure = number | 'unsettled' | null;

export function rows(bare: TargetResult | null, lockstep: TargetResult | null): Row[] {
  const result: Row[] = [];
  const figure = (target: TargetResult | null, pick: (target: TargetResult) => number | null | undefined): Figure => {
    if (!target) return null;
    const value = pick(target);
    return value === undefined ? null : value === null ? 'unsettled' : value;
  };
  const add = (name: string, pick: (target: TargetResult) => number | null | undefined, target = '', meets?: (lockstep: number, bare: number | null) => boolean) => {
    const b = figure(bare, pick);
    const l = figure(lockstep, pick);
    const met = !meets || l === null ? null : l === 'unsettled' ? false : meets(l, typeof b === 'number' ? b : null);
    result.push({ figure: name, bare: b, lockstep: l, target, met });
  };
  const ratioAtLeast = (share: number) => (l: number, b: number | null) => b !== null && b > 0 && l / b >= share;

  add('1:1 throughput, messages/s (acked and delivered)', (t) => t.direct?.saturation.messagesPerSecond, '≥ 45% of bare', ratioAtLeast(0.45));
  add('1:1 at 2,000/s: send → recipient p50, ms', (t) => t.direct?.paced.delivery.p50);
  add('1:1 at 2,000/s: send → recipient p99, ms', (t) => t.direct?.paced.delivery.p99, '< 5 ms', (l) => l < 5);
  add('1:1 at 2,000/s: send → ack p99, ms', (t) => t.direct?.paced.ack.p99, '< 5 ms', (l) => l < 5);
  for (const size of [100, 500, 1_000]) {
    const group = (t: TargetResult): FanOutResult | undefined => t.fanOut?.find((entry) => entry.size === size);
    const targeted = size >= 500;
    add(`fan-out to ${size}: deliveries/s`, (t) => group(t)?.saturation.deliveriesPerSecond, targeted ? '≥ 75% of bare' : '', targeted ? ratioAtLeast(0.75) : undefined);
    add(`fan-out to ${size} at 20/s: send → last recipient p50, ms`, (t) => group(t)?.paced.lastRecipient.p50);
    add(`fan-out to ${size} at 20/s: send → last recipient p99, ms`, (t) => group(t)?.paced.lastRecipient.p99, targeted ? '< 50 ms' : '', targeted ? (l) => l < 50 : undefined);
  }
  add('idle: connections held', (t) => t.idle?.connections);
  add('idle: server RSS per 1,000 connections, MiB', (t) => t.idle?.mibPerThousand, '≤ 2 × bare', (l, b) => b !== null && l <= 2 * b);
  add('idle: seconds to open them all', (t) => t.idle?.connectSeconds);
  return result;
}

export function formatTable(table: Row[]): string {
  const header = ['figure', 'bare relay', 'Lockstep', 'Lockstep/bare', 'target', 'met'];
  const lines = table.map((row) => [
    row.figure,
    show(row.bare),
    show(row.lockstep),
    typeof row.bare === 'number' && typeof row.lockstep === 'number' && row.bare !== 0 ? ratio(row.lockstep / row.bare) : '',
    row.target,
    row.met === null ? '' : row.met ? 'yes' : 'NO',
  ]);
  const widths = header.map((title, column) => Math.max([...title].length, ...lines.map((line) => [...line[column]!].length)));
  const format = (cells: string[]) => `| ${cells.map((cell, column) => cell + ' '.repeat(widths[column]! - [...cell].length)).join(' | ')} |`;
  return [format(header), format(widths.map((width) => '-'.repeat(width))), ...lines.map(format)].join('\n');
}

/** What went wrong on either side: error frames, unexpected closes, scenarios that did not finish, messages never settled. */
export function problems(results: Array<TargetResult | null>): string[] {
  const found: string[] = [];
  for (const result of results) {
    if (!result) continue;
    const label = result.label;
    for (const [code, count] of Object.entries(result.errors)) found.push(`${label}: ${count} × ${code}`);
    for (const [code, count] of Object.entries(result.closes)) found.push(`${label}: ${count} connections closed by the server with ${code}`);
    for (const failure of result.failures) found.push(`${label}: ${failure}`);
    const direct = result.direct;
    if (direct) {
      for (const [name, figures] of [['1:1 saturation', direct.saturation], ['1:1 paced', direct.paced]] as const) {
        if (figures.unacked || figures.undelivered) found.push(`${label}: ${name}: ${figures.unacked} of ${figures.sent} never acknowledged, ${figures.undelivered} acknowledged but never delivered, within ${result.settings.drainSeconds} s after the last send`);
      }
    }
    for (const group of result.fanOut ?? []) {
      if (group.saturation.incomplete || group.paced.incomplete) found.push(`${label}: fan-out to ${group.size}: ${group.saturation.incomplete + group.paced.incomplete} messages never reached every member within ${result.settings.drainSeconds} s after the last send`);
    }
  }
  return found;
}

/** Share of one core each side used while counting at saturation: which side was the limit. */
export function cpuLines(results: Array<TargetResult | null>): string[] {
  return results
    .filter((result): result is TargetResult => result !== null)
    .map((result) => {
      const parts: string[] = [];
      if (result.direct) parts.push(`1:1 ${result.direct.saturation.cpu.serverPercent}/${result.direct.saturation.cpu.clientPercent}`);
      for (const group of result.fanOut ?? []) parts.push(`fan-out ${group.size} ${group.saturation.cpu.serverPercent}/${group.saturation.cpu.clientPercent}`);
      return `${result.label}: ${parts.join(', ')}`;
    });
}

/** 45%, or 120× once a latency is that many times the ceiling's */
function ratio(value: number): string {
  return value >= 10 ? `${Math.round(value).toLocaleString('en-US')}×` : `${Math.round(value * 100)}%`;
}

function show(value: Figure): string {
  if (value === 'unsettled') return 'not within the run';
  if (value === null || !Number.isFinite(value)) return '–';
  return Number.isInteger(value) ? value.toLocaleString('en-US') : value.toFixed(value < 10 ? 2 : 1);
}
