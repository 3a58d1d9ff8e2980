import { sql } from 'kysely';
import type { MigrationStep } from '../migrate.ts';

/**
 * At most one open sign-in code per identifier, held by the database: two code requests sent at
 * once both passed the resend cooldown when each only looked for a recent code before writing
 * its own, and each code came with five guesses of its own. With this index the second insert
 * finds the first and writes nothing (issue 13). Codes left open side by side by that race
 * before now are closed first, all but the newest of each identifier.
 */
export const oneOpenCode: MigrationStep = async (db) => {
  await sql`
    update otp_challenge set consumed_at = created_at
    where consumed_at is null and exists (
      select 1 from otp_challenge newer
      where newer.identifier_index = otp_challenge.identifier_index
        and newer.consumed_at is null
        and (newer.created_at > otp_challenge.created_at or (newer.created_at = otp_challenge.created_at and newer.id > otp_challenge.id))
    )`.execute(db);
  await db.schema
    .createIndex('otp_challenge_one_open')
    .on('otp_challenge')
    .column('identifier_index')
    .unique()
    .where(sql<boolean>`consumed_at is null`)
    .execute();
};
