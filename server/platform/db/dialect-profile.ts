import type { Dialect } from 'kysely';

/** What differs between the two supported databases; nothing outside dialect/ branches on it. */
export interface DialectProfile {
  name: 'sqlite' | 'postgres';
  dialect: Dialect;
  types: { bytes: 'blob' | 'bytea' };
  checkpoint(): Promise<void>;
  close(): Promise<void>;
}
