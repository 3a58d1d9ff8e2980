import type { Dialect, Kysely, RawBuilder } from 'kysely';

/** What differs between the two supported databases; nothing outside dialect/ branches on it. */
export interface DialectProfile {
  name: 'sqlite' | 'postgres';
  dialect: Dialect;
  types: { bytes: 'blob' | 'bytea' };
  /** The message search index over `message_search` (one document of keyed tokens a message). */
  messageSearch: MessageSearchDialect;
  /**
   * Set where the driver runs statements, and a commit's fsync, on the calling thread
   * (better-sqlite3): a busy writer then works in a worker thread over a connection of its own,
   * so the event loop never waits for the disk. null where the driver is asynchronous (pg).
   */
  threadConnection: ThreadConnection | null;
  checkpoint(): Promise<void>;
  close(): Promise<void>;
}

/** How a worker thread opens its own connection to the same database; passed to it as worker data. */
export interface ThreadConnection {
  dialect: 'sqlite';
  file: string;
}

/**
 * How each database indexes `message_search`: a message's document is its keyed tokens (base64url,
 * no spaces) separated by single spaces, and a search asks for the documents holding every token
 * of one group (the query's words keyed for one chat).
 */
export interface MessageSearchDialect {
  /**
   * Tables the database keeps for the index itself, derived from `message_search` and rebuilt
   * from it: index internals, not data of their own (SQLite's FTS5 table and its shadow tables).
   */
  indexTables: readonly string[];
  /** One message's entries of the former per-entry table as one document (migration 0014). */
  joinTokens(column: string): RawBuilder<string>;
  /** Creates the index over `message_search` and indexes the rows already there (migration 0014). */
  createIndex(db: Kysely<any>): Promise<void>;
  /** Ids of messages whose document holds every token of at least one group: newest first, at most `limit`. */
  matching(groups: string[][], limit: number): RawBuilder<{ message_id: string }>;
}
