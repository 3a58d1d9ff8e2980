import pg from 'pg';
import { PostgresDialect } from 'kysely';
import type { DialectProfile } from '../dialect-profile.ts';
import { postgresMessageSearch } from './postgres-message-search.ts';

// int8 columns hold epoch milliseconds and counters, far below 2^53: read them as numbers.
pg.types.setTypeParser(20, (value) => Number(value));

export function postgresProfile(connectionString: string, searchPath?: string): DialectProfile {
  const pool = new pg.Pool({
    connectionString,
    max: 10,
    // An acknowledged commit must be durable (never relaxed per session).
    options: `-c synchronous_commit=on${searchPath ? ` -c search_path=${searchPath}` : ''}`,
  });
  return {
    name: 'postgres',
    dialect: new PostgresDialect({ pool }),
    types: { bytes: 'bytea' },
    messageSearch: postgresMessageSearch,
    threadConnection: null,
    async checkpoint() {
      // PostgreSQL recycles WAL by itself; an explicit CHECKPOINT needs superuser and is not required.
    },
    async close() {
      await pool.end().catch(() => undefined);
    },
  };
}
