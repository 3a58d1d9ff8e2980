import type { MigrationStep } from '../migrate.ts';

/**
 * How each acceptance of the privacy policy was given (P0.1, P9.1): `sign_up` when the sign-up
 * page showed the version and the person ticked it, `signed_in` when a signed-in person accepted
 * it in the app. Rows from before this migration cannot say: until then a sign-up recorded the
 * version in force without showing it, so they stay `unrecorded` rather than being called consent.
 */
export const policyAcceptanceOccasion: MigrationStep = async (db) => {
  await db.schema.alterTable('policy_acceptance').addColumn('occasion', 'text', (c) => c.notNull().defaultTo('unrecorded')).execute();
};
