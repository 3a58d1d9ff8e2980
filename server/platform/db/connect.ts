import path from 'node:path';
import { Kysely } from 'kysely';
import type { Database } from '../../database.ts';
import type { DialectProfile } from './dialect-profile.ts';
import { sqliteProfile } from './dialect/sqlite.ts';
import { postgresProfile } from './dialect/postgres.ts';
import { migrateToLatest } from './migrate.ts';

export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  profile: DialectProfile;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl: string | null;
  dataDir: string;
  /** PostgreSQL schema to work in (tests give each file its own) */
  searchPath?: string;
  /** SQLite file; defaults to DATA_DIR/lockstep.db */
  sqliteFile?: string;
}

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  const profile = options.databaseUrl
    ? postgresProfile(options.databaseUrl, options.searchPath)
    : sqliteProfile(options.sqliteFile ?? path.join(options.dataDir, 'lockstep.db'));
  const db = new Kysely<Database>({ dialect: profile.dialect });
  await migrateToLatest(db, profile, options.databaseUrl ? options.searchPath : undefined);
  return {
    db,
    profile,
    async close() {
      await db.destroy();
    },
  };
}
