import path from 'node:path';
import { Kysely, sql } from 'kysely';
import type { Database } from '../../database.ts';
import type { KeyStoreSchema } from '../crypto/keys.tables.ts';
import type { DialectProfile } from './dialect-profile.ts';
import { sqliteProfile } from './dialect/sqlite.ts';
import { postgresProfile } from './dialect/postgres.ts';
import { migrateToLatest, type MigrationStep } from './migrate.ts';
import { migrations } from './migrations/index.ts';
import { keystoreMigrations } from './migrations/keystore/index.ts';

export type Db = Kysely<Database>;

export interface DatabaseHandle<Schema = Database> {
  db: Kysely<Schema>;
  profile: DialectProfile;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl: string | null;
  dataDir: string;
  /** PostgreSQL schema to work in (tests give each file its own) */
  searchPath?: string | undefined;
  /** SQLite file; defaults to DATA_DIR/lockstep.db */
  sqliteFile?: string;
}

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  return open<Database>(options, options.sqliteFile ?? path.join(options.dataDir, 'lockstep.db'), options.searchPath, migrations);
}

/**
 * The key store (wrapped data keys) lives apart from the main database: in the embedded default
 * a SQLite file beside the KEK under DATA_DIR/keys, on PostgreSQL a schema of its own
 * (`lockstep_keys`, or `<schema>_keys` next to a test schema). Backups of the main database never
 * include it, so destroying a key makes every backup copy of that data unreadable too.
 */
export async function openKeyStore(options: DatabaseOptions & { keysDir: string }): Promise<DatabaseHandle<KeyStoreSchema>> {
  const schema = options.databaseUrl ? `${options.searchPath ?? 'lockstep'}_keys` : undefined;
  return open<KeyStoreSchema>(options, path.join(options.keysDir, 'keystore.db'), schema, keystoreMigrations);
}

async function open<Schema>(
  options: DatabaseOptions,
  sqliteFile: string,
  schema: string | undefined,
  history: Record<string, MigrationStep>,
): Promise<DatabaseHandle<Schema>> {
  const profile = options.databaseUrl ? postgresProfile(options.databaseUrl, schema) : sqliteProfile(sqliteFile);
  const db = new Kysely<Schema>({ dialect: profile.dialect });
  if (options.databaseUrl && schema) await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
  await migrateToLatest(db, profile, history, options.databaseUrl ? schema : undefined);
  return {
    db,
    profile,
    async close() {
      await db.destroy();
    },
  };
}
