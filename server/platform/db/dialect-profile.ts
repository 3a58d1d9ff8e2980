import type { Dialect } from 'kysely';

/** What differs between the two supported databases; nothing outside dialect/ branches on it. */
export interface DialectProfile {
  name: 'sqlite' | 'postgres';
  dialect: Dialect;
  types: { bytes: 'blob' | 'bytea' };
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
