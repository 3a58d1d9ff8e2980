import type { MigrationStep } from '../migrate.ts';

/** A sign-in code answers only to the browser that asked for it. */
export const signInBinding: MigrationStep = async (db) => {
  await db.schema.alterTable('otp_challenge').addColumn('binding_hash', 'text').execute();
};
