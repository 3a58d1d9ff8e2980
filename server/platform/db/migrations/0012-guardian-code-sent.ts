import { sql } from 'kysely';
import type { MigrationStep } from '../migrate.ts';

/**
 * When the guardian's latest code was sent: a child can send it again (after a cooldown) or send
 * it to a corrected address, and sees when it last went out.
 */
export const guardianCodeSent: MigrationStep = async (db) => {
  await db.schema.alterTable('guardian_consent').addColumn('code_sent_at', 'bigint', (c) => c.notNull().defaultTo(0)).execute();
  await sql`update guardian_consent set code_sent_at = requested_at`.execute(db);
};
