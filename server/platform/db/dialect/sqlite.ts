import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { SqliteDialect } from 'kysely';
import type { DialectProfile } from '../dialect-profile.ts';

/**
 * The embedded default. WAL for concurrent readers, synchronous=FULL so a commit the server
 * acknowledged survives power loss, foreign keys on, and secure_delete so erased rows are
 * overwritten rather than left in free pages.
 */
export function sqliteProfile(file: string): DialectProfile {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const database = new SQLite(file);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = FULL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  database.pragma('secure_delete = ON');
  return {
    name: 'sqlite',
    dialect: new SqliteDialect({ database }),
    types: { bytes: 'blob' },
    async checkpoint() {
      database.pragma('wal_checkpoint(TRUNCATE)');
    },
    async close() {
      // Kysely's destroy() closes the handle; this is for callers that never built Kysely.
      if (database.open) database.close();
    },
  };
}
