/**
 * Everything stored, row by row: every table of the data map in the main database, and the list
 * of files. A refused request must leave it exactly as it was, so comparing two snapshots proves
 * "changed nothing" without knowing where an operation would have written.
 */
import type { Kysely } from 'kysely';
import { declaredTables } from '../../server/data-map.ts';
import type { TestPlatform } from '../harness.ts';

export type DatabaseSnapshot = Record<string, string[]>;

const text = (_key: string, value: unknown) => (typeof value === 'bigint' ? value.toString() : value);

export async function snapshotDatabase(t: TestPlatform): Promise<DatabaseSnapshot> {
  // table names come from the data map
  const db = t.services.db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  const snapshot: DatabaseSnapshot = {};
  for (const table of declaredTables().filter((spec) => (spec.store ?? 'main') === 'main')) {
    const rows = await db.selectFrom(table.name).selectAll().execute();
    snapshot[table.name] = rows.map((row) => JSON.stringify(row, text)).sort();
  }
  snapshot['(files)'] = (await t.services.blobs.list()).sort();
  return snapshot;
}

/** What changed between two snapshots, table by table (rows shortened): empty when nothing did. */
export function changesBetween(before: DatabaseSnapshot, after: DatabaseSnapshot): string[] {
  const changes: string[] = [];
  const cut = (row: string) => (row.length > 240 ? `${row.slice(0, 240)}…` : row);
  for (const table of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const was = new Set(before[table] ?? []);
    const is = new Set(after[table] ?? []);
    const removed = [...was].filter((row) => !is.has(row));
    const added = [...is].filter((row) => !was.has(row));
    if (removed.length || added.length) {
      changes.push(`${table}: ${added.map((row) => `\n    + ${cut(row)}`).join('')}${removed.map((row) => `\n    - ${cut(row)}`).join('')}`);
    }
  }
  return changes;
}
