import type { ExpressionBuilder, Kysely } from 'kysely';
import type { Database } from '../../database.ts';
import type { TableSpec } from '../../platform/datamap/declare.ts';
import type { Row } from './subject-graph.ts';
import type { BlobStore } from '../../platform/blobs/blob-store.ts';

export interface ErasureOutcome {
  table: string;
  rows: number;
  action: 'deleted' | 'shredded';
  columns: string[];
}

export function deletesRows(table: TableSpec): boolean {
  return Object.values(table.columns).some((column) => column.erase === 'delete-row');
}

/**
 * Applies a table's erase strategies to the given rows, shared by erasure and retention: a table
 * with a `delete-row` column loses the rows; otherwise `nullify` and nullable `shred` columns are
 * cleared and `erasedValues` set, leaving a tombstone whose sealed columns die with their key.
 */
export async function eraseRows(trx: Kysely<Database>, table: TableSpec, rows: Row[], mode: 'strategies' | 'delete' = 'strategies'): Promise<ErasureOutcome> {
  const deleting = mode === 'delete' || deletesRows(table);
  const changes: Record<string, unknown> = { ...(table.erasedValues ?? {}) };
  if (!deleting) {
    for (const [name, column] of Object.entries(table.columns)) {
      if (column.erase === 'nullify' || (column.erase === 'shred' && column.nullable)) changes[name] = null;
    }
  }
  // Table names come from the data map, not from input: the dynamic builder is safe here.
  const dynamic = trx as unknown as Kysely<Record<string, Row>>;
  for (let start = 0; start < rows.length; start += 200) {
    const part = rows.slice(start, start + 200);
    if (deleting) await dynamic.deleteFrom(table.name).where((eb) => matchRows(eb, table, part)).execute();
    else if (Object.keys(changes).length) await dynamic.updateTable(table.name).set(changes).where((eb) => matchRows(eb, table, part)).execute();
  }
  if (deleting) return { table: table.name, rows: rows.length, action: 'deleted', columns: Object.keys(table.columns).sort() };
  const shredded = Object.entries(table.columns).filter(([, column]) => column.erase === 'shred').map(([name]) => name);
  return { table: table.name, rows: rows.length, action: 'shredded', columns: [...new Set([...Object.keys(changes), ...shredded])].sort() };
}

/**
 * Other people's rows that point at what was erased (a report's superior, who supplied a
 * colleague's record) let go of it where the pointing column's strategy is `nullify`.
 */
export async function unlinkFromOthers(trx: Kysely<Database>, erased: Map<string, Row[]>, tables: TableSpec[]): Promise<void> {
  const dynamic = trx as unknown as Kysely<Record<string, Row>>;
  for (const table of tables.filter((spec) => (spec.store ?? 'main') === 'main')) {
    for (const [name, column] of Object.entries(table.columns)) {
      const ids = column.references ? (erased.get(column.references) ?? []).map((row) => row.id).filter((id) => id !== undefined) : [];
      if (!ids.length || column.erase !== 'nullify') continue;
      for (let start = 0; start < ids.length; start += 500) {
        await dynamic.updateTable(table.name).set({ [name]: null }).where(name, 'in', ids.slice(start, start + 500)).execute();
      }
    }
  }
}

/** `id in (…)` where the table has an id; otherwise each row by its whole composite key (known_device). */
function matchRows(eb: ExpressionBuilder<Record<string, Row>, string>, table: TableSpec, rows: Row[]) {
  if ('id' in table.columns) return eb('id', 'in', rows.map((row) => row.id));
  const key = Object.entries(table.columns).filter(([, column]) => column.kind === 'id' || column.references).map(([name]) => name);
  return eb.or(rows.map((row) => eb.and(key.map((column) => eb(column, '=', row[column])))));
}

/**
 * Files (blob columns) of rows that were erased or deleted: their content is ciphertext under a
 * key that is destroyed, and the files go too, so not even ciphertext stays on disk. Called after
 * the rows' transaction committed, so a failure leaves orphan ciphertext, never a row without
 * its file.
 */
export async function removeBlobs(blobs: BlobStore, table: TableSpec, rows: Row[]): Promise<number> {
  const columns = Object.entries(table.columns).filter(([, column]) => column.blob).map(([name]) => name);
  let removed = 0;
  for (const row of rows) {
    for (const column of columns) {
      const id = row[column];
      if (typeof id !== 'string' || !id) continue;
      await blobs.delete(id);
      removed++;
    }
  }
  return removed;
}
