import type { Kysely } from 'kysely';
import type { Database } from '../../database.ts';
import { declaredTables } from '../../data-map.ts';
import type { TableSpec } from '../../platform/datamap/declare.ts';

export type Row = Record<string, unknown>;

export interface SubjectTable {
  table: TableSpec;
  rows: Row[];
}

const CHUNK = 500;

/** The tables a walk from a person visits: a progress report's total. */
export function subjectTables(tables: TableSpec[] = declaredTables()): TableSpec[] {
  return tables.filter((table) => table.subject && (table.store ?? 'main') === 'main');
}

/**
 * Every row in the main database that is a person's data, found by walking the data map from the
 * account: a table's `subject.via` column names either the account itself or a table that is in
 * turn the person's (a correction belongs to a member, a member to an account). No table list is
 * kept by hand, so a new table is found as soon as it is declared.
 */
export async function rowsOfSubject(
  db: Kysely<Database>,
  accountId: string,
  tables: TableSpec[] = declaredTables(),
  /** after each table is walked: how many of how many (a long export shows its progress) */
  onTable?: (done: number, total: number) => Promise<void> | void,
  /** the person's address indexes under other live blind-index epochs than their account's (erasure during a rotation) */
  moreContactIndexes: readonly string[] = [],
): Promise<SubjectTable[]> {
  const mainTables = subjectTables(tables);
  const account = (await db.selectFrom('account').select(['email_index', 'phone_index']).where('id', '=', accountId).executeTakeFirst()) ?? null;
  const contactIndexes = [...new Set([account?.email_index, account?.phone_index, ...moreContactIndexes].filter((index): index is string => !!index))];
  const byName = new Map(mainTables.map((table) => [table.name, table]));
  const found = new Map<string, Row[]>();
  const resolving = new Set<string>();

  const rowsOf = async (table: TableSpec): Promise<Row[]> => {
    const known = found.get(table.name);
    if (known) return known;
    if (resolving.has(table.name)) throw new Error(`the data map's subject links loop through ${table.name}`);
    resolving.add(table.name);
    const subject = table.subject!;
    if ('viaContactIndex' in subject) {
      const rows = contactIndexes.length
        ? ((await db.selectFrom(table.name as never).selectAll().where(subject.viaContactIndex as never, 'in', contactIndexes as never).execute()) as Row[])
        : [];
      resolving.delete(table.name);
      found.set(table.name, rows);
      return rows;
    }
    const via = subject.via;
    const column = table.columns[via];
    if (!column) throw new Error(`${table.name}.subject.via names ${via}, which is not a column`);
    const parent = column.references ?? (via === 'id' ? table.name : undefined);
    let ids: string[];
    if (parent === 'account' || (parent === table.name && table.name === 'account')) ids = [accountId];
    else {
      const parentTable = parent ? byName.get(parent) : undefined;
      if (!parentTable) throw new Error(`${table.name}.${via} must reference the account or a table with a subject`);
      ids = (await rowsOf(parentTable)).map((row) => row.id as string);
    }
    const rows: Row[] = [];
    for (let start = 0; start < ids.length; start += CHUNK) {
      const chunk = ids.slice(start, start + CHUNK);
      if (chunk.length === 0) continue;
      rows.push(...((await db.selectFrom(table.name as never).selectAll().where(via as never, 'in', chunk as never).execute()) as Row[]));
    }
    resolving.delete(table.name);
    found.set(table.name, rows);
    return rows;
  };

  const result: SubjectTable[] = [];
  for (const table of mainTables) {
    result.push({ table, rows: await rowsOf(table) });
    await onTable?.(result.length, mainTables.length);
  }
  return result;
}
