import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { DialectProfile } from './dialect-profile.ts';

export type MigrationStep = (db: Kysely<any>, types: DialectProfile['types'], dialect: MigrationDialect) => Promise<void>;

/** DDL that differs by more than type names (an index only one database can build its way). */
export type MigrationDialect = Pick<DialectProfile, 'messageSearch'>;

/**
 * Migrations are code, listed in order; each gets the dialect's type names and its own DDL where
 * the two differ more, so none branches itself. `schema` names the PostgreSQL schema when it is
 * not the default: Kysely looks for its bookkeeping tables across all schemas otherwise.
 */
export async function migrateToLatest(
  db: Kysely<any>,
  profile: DialectProfile,
  migrations: Record<string, MigrationStep>,
  schema?: string,
): Promise<void> {
  const provider: MigrationProvider = {
    async getMigrations() {
      const all: Record<string, Migration> = {};
      for (const [name, step] of Object.entries(migrations)) {
        all[name] = { up: (target) => step(target, profile.types, profile) };
      }
      return all;
    },
  };
  const { error, results } = await new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) }).migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName;
    throw new Error(`Database migration ${failed ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
