import type { DialectProfile, ThreadConnection } from '../dialect-profile.ts';
import { sqliteProfile } from './sqlite.ts';

/** A worker thread's own connection to the database the server opened (and migrated) already. */
export function openThreadConnection(connection: ThreadConnection): DialectProfile {
  return sqliteProfile(connection.file);
}
