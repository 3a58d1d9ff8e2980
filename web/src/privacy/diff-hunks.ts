import type { DiffLine } from '../api/policy';
import { isMarkupLine } from './markdown';

export type DiffRow = DiffLine | { op: 'skipped'; count: number };

/** Unchanged lines kept on each side of a change, so a change is read in its context. */
const context = 2;

/**
 * The server's line diff as a reader wants it: blank lines and anchor markup left out, and long
 * runs of unchanged text folded to "n lines unchanged".
 */
export function diffRows(lines: DiffLine[]): DiffRow[] {
  const visible = lines.filter((line) => line.text.trim() !== '' && !isMarkupLine(line.text));
  const changed = (index: number) => (visible[index]?.op ?? 'same') !== 'same';
  const nearChange = visible.map((_, index) => {
    for (let distance = -context; distance <= context; distance += 1) if (changed(index + distance)) return true;
    return false;
  });
  const rows: DiffRow[] = [];
  visible.forEach((line, index) => {
    if (nearChange[index]) {
      rows.push(line);
      return;
    }
    const last = rows[rows.length - 1];
    if (last?.op === 'skipped') last.count += 1;
    else rows.push({ op: 'skipped', count: 1 });
  });
  return rows;
}

export function hasChanges(lines: DiffLine[]): boolean {
  return lines.some((line) => line.op !== 'same' && line.text.trim() !== '' && !isMarkupLine(line.text));
}
