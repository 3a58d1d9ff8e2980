import type { MigrationStep } from '../migrate.ts';

/**
 * A browser's user agent is sealed like the address it came from (issue 13): the session, the
 * security log and crash reports keep it as `user_agent_enc` under the person's (or the system's)
 * data key. The plaintext column goes; a migration holds no key, so the user agents recorded before
 * are not carried over (those sessions and events show "unknown browser").
 */
export const sealedUserAgents: MigrationStep = async (db, types) => {
  for (const table of ['session', 'security_event', 'crash_report']) {
    await db.schema.alterTable(table).addColumn('user_agent_enc', types.bytes).execute();
    await db.schema.alterTable(table).dropColumn('user_agent').execute();
  }
};
