/**
 * Summarises a V8 CPU profile (`node --cpu-prof`): the functions with the most self time, and the
 * project's own functions with the most total time (self plus what they call), so a missed target
 * can be traced to its cost.
 *
 *   node --import tsx bench/messaging/profile-summary.ts <file.cpuprofile> [top=25]
 */
import fs from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileLine {
  name: string;
  where: string;
  percent: number;
}

export function summarise(file: string, top = 25): { seconds: number; idlePercent: number; self: ProfileLine[]; ownTotal: ProfileLine[] } {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

  const selfTime = new Map<number, number>();
  profile.samples.forEach((id, index) => selfTime.set(id, (selfTime.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)));
  const total = [...selfTime.values()].reduce((sum, value) => sum + value, 0) || 1;

  const key = (node: ProfileNode) => `${node.callFrame.functionName || '(anonymous)'}\t${where(node)}`;
  const selfByFunction = new Map<string, number>();
  const totalByFunction = new Map<string, number>();
  for (const [id, time] of selfTime) {
    const node = byId.get(id)!;
    selfByFunction.set(key(node), (selfByFunction.get(key(node)) ?? 0) + time);
    // each function on the sample's stack counts once, however deep its recursion
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)!;
      const name = key(frame);
      if (seen.has(name)) continue;
      seen.add(name);
      totalByFunction.set(name, (totalByFunction.get(name) ?? 0) + time);
    }
  }
  const lines = (map: Map<string, number>, filter: (line: string) => boolean) =>
    [...map]
      .filter(([name]) => filter(name))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, time]) => {
        const [fn, at] = name.split('\t');
        return { name: fn!, where: at!, percent: Math.round((time / total) * 1000) / 10 };
      });
  const idle = [...selfByFunction].filter(([name]) => name.startsWith('(idle)')).reduce((sum, [, time]) => sum + time, 0);
  return {
    seconds: Math.round((profile.endTime - profile.startTime) / 1e5) / 10,
    idlePercent: Math.round((idle / total) * 1000) / 10,
    self: lines(selfByFunction, () => true),
    ownTotal: lines(totalByFunction, (name) => /\t(server|common)\//.test(name)),
  };
}

function where(node: ProfileNode): string {
  const url = node.callFrame.url;
  if (!url) return '';
  const file = url.replace(/^file:\/\//, '');
  const inRepo = file.includes('/node_modules/') ? `node_modules/${file.split('/node_modules/').pop()}` : path.relative(process.cwd(), file);
  return `${inRepo}:${node.callFrame.lineNumber + 1}`;
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const file = process.argv[2];
  if (!file) throw new Error('usage: profile-summary.ts <file.cpuprofile> [top]');
  const summary = summarise(file, Number(process.argv[3] ?? 25));
  console.log(`${summary.seconds} s profiled, ${summary.idlePercent}% idle`);
  console.log('\nself time:');
  for (const line of summary.self) console.log(`${String(line.percent).padStart(6)}%  ${line.name}  ${line.where}`);
  console.log('\nLockstep functions by total time (self + callees):');
  for (const line of summary.ownTotal) console.log(`${String(line.percent).padStart(6)}%  ${line.name}  ${line.where}`);
}
