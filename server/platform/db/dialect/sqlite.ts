import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { CompiledQuery, SqliteDialect, SqliteDriver, type DatabaseConnection, type SqliteDatabase, type SqliteDialectConfig } from 'kysely';
import type { DialectProfile } from '../dialect-profile.ts';
import { sqliteMessageSearch } from './sqlite-message-search.ts';

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
    dialect: new WriterFirstSqliteDialect({ database: withStatementCache(database) }),
    types: { bytes: 'blob' },
    messageSearch: sqliteMessageSearch,
    threadConnection: file === ':memory:' ? null : { dialect: 'sqlite', file },
    async checkpoint() {
      database.pragma('wal_checkpoint(TRUNCATE)');
    },
    async close() {
      // Kysely's destroy() closes the handle; this is for callers that never built Kysely.
      if (database.open) database.close();
    },
  };
}

/**
 * Transactions take the write lock when they begin (`begin immediate`). The message writer
 * commits from a thread of its own, on a second connection: a deferred transaction that read
 * before that thread committed could not write any more and would fail at once with
 * SQLITE_BUSY, where an immediate one waits its turn (busy_timeout) like any other writer.
 */
class WriterFirstSqliteDialect extends SqliteDialect {
  constructor(private readonly config: SqliteDialectConfig) {
    super(config);
  }

  override createDriver(): SqliteDriver {
    return new ImmediateTransactionDriver(this.config);
  }
}

class ImmediateTransactionDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

const CACHED_STATEMENTS = 256;

/**
 * Prepared statements kept for reuse, by their SQL. Kysely asks better-sqlite3 to prepare every
 * query anew, and SQLite then parses and plans it each time: a multi-row insert of 200 messages
 * took longer to prepare than to run. The same query text is most of what a server sends.
 * A statement still being iterated (a streamed query) is busy and is not handed out twice.
 */
function withStatementCache(database: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => database.close(),
    prepare(sql) {
      const cached = cache.get(sql);
      if (cached && !cached.busy) {
        // most recently used last: the first key is the one to drop when full
        cache.delete(sql);
        cache.set(sql, cached);
        return cached;
      }
      const statement = database.prepare(sql);
      if (cached) return statement;
      if (cache.size >= CACHED_STATEMENTS) cache.delete(cache.keys().next().value!);
      cache.set(sql, statement);
      return statement;
    },
  };
}
