import type { DataCategoryKey, Localised } from './categories.ts';
import type { RetentionKey } from './retention.ts';

/**
 * The data-map declaration: every column of every table is declared once, beside its table,
 * with its category and erase strategy. The row types the query layer uses are derived from
 * the same declaration, so a column cannot exist in code without being classified.
 */
export type EraseStrategy =
  /** encrypted under the subject's data key: destroying the key erases it, the row is then removed or nulled */
  | 'shred'
  | 'nullify'
  | 'delete-row'
  /** not personal, or needed to keep other people's data whole (ids, timestamps) */
  | 'keep';

type ColumnKind = 'id' | 'text' | 'int' | 'time' | 'bytes';

export interface ColumnSpec<T = unknown> {
  kind: ColumnKind;
  nullable: boolean;
  category: DataCategoryKey;
  erase: EraseStrategy;
  encrypted: boolean;
  /** holds the id of a blob in the blob store whose content is sealed under the subject's key */
  blob?: boolean;
  references?: string;
  /** a column kept for a narrower purpose, or on another basis, than the rest of its table (the notice says so) */
  purpose?: Localised;
  legalBasis?: Localised;
  /** phantom field carrying the TypeScript type; never set */
  readonly __type?: T;
}

interface ColumnOptions {
  category: DataCategoryKey;
  erase?: EraseStrategy;
  purpose?: Localised;
  legalBasis?: Localised;
}

function spec<T>(kind: ColumnKind, nullable: boolean, options: ColumnOptions, extra: Partial<Omit<ColumnSpec, '__type'>> = {}): ColumnSpec<T> {
  const { purpose, legalBasis } = options;
  return { kind, nullable, category: options.category, erase: options.erase ?? 'keep', encrypted: false, ...(purpose ? { purpose } : {}), ...(legalBasis ? { legalBasis } : {}), ...extra } as ColumnSpec<T>;
}

export const col = {
  id: (category: DataCategoryKey = 'system.operations') => spec<string>('id', false, { category }),
  ref: (table: string, options: ColumnOptions = { category: 'user.account' }) =>
    spec<string>('id', false, options, { references: table }),
  refNullable: (table: string, options: ColumnOptions = { category: 'user.account' }) =>
    spec<string | null>('id', true, options, { references: table }),
  text: (options: ColumnOptions) => spec<string>('text', false, options),
  textNullable: (options: ColumnOptions) => spec<string | null>('text', true, options),
  int: (options: ColumnOptions) => spec<number>('int', false, options),
  intNullable: (options: ColumnOptions) => spec<number | null>('int', true, options),
  /** epoch milliseconds (UTC) */
  time: (options: ColumnOptions = { category: 'system.operations' }) => spec<number>('time', false, options),
  timeNullable: (options: ColumnOptions = { category: 'system.operations' }) => spec<number | null>('time', true, options),
  bytes: (options: ColumnOptions) => spec<Buffer>('bytes', false, options),
  /** AES-256-GCM ciphertext under a data key (see platform/crypto/envelope.ts) */
  encrypted: (options: ColumnOptions) => spec<Buffer>('bytes', false, { erase: 'shred', ...options }, { encrypted: true }),
  /** a file's content: the column holds the blob id, the blob store the AES-256-GCM ciphertext */
  blob: (options: ColumnOptions) => spec<string>('text', false, { erase: 'shred', ...options }, { blob: true }),
  encryptedNullable: (options: ColumnOptions) =>
    spec<Buffer | null>('bytes', true, { erase: 'shred', ...options }, { encrypted: true }),
};

export interface TableSpec {
  name: string;
  /** which database holds the table: the main one unless it is the key store */
  store?: 'keystore';
  /**
   * Whose personal data a row is: `via` names a column holding the account id or the id of a row
   * of another table with a subject; `viaContactIndex` names a column holding the blind index of
   * the person's email or phone (rows from before the account existed). null: no personal data.
   */
  subject: { via: string } | { viaContactIndex: string } | null;
  /** values an erased subject's rows take (a tombstone's status), besides each column's strategy */
  erasedValues?: Record<string, string | number | null>;
  purpose: Localised;
  legalBasis: Localised;
  retention: RetentionKey;
  /** the time column the retention period runs from; required when the rule has a period */
  retainFrom?: string;
  /** who else receives this data; empty when only the operator processes it */
  recipients: Localised[];
  columns: Record<string, ColumnSpec>;
}

export type RowOf<T extends { columns: Record<string, ColumnSpec> }> = {
  [K in keyof T['columns']]: T['columns'][K] extends ColumnSpec<infer V> ? V : never;
};

const registry = new Map<string, TableSpec>();

export function table<const C extends Record<string, ColumnSpec>>(
  name: string,
  declaration: Omit<TableSpec, 'name' | 'columns'> & { columns: C },
): Omit<TableSpec, 'columns'> & { columns: C } {
  if (registry.has(name)) throw new Error(`table ${name} is declared twice in the data map`);
  const declared = { name, ...declaration };
  registry.set(name, declared);
  return declared;
}

export function declaredTables(): TableSpec[] {
  return [...registry.values()];
}
