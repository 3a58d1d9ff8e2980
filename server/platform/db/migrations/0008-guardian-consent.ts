import type { MigrationStep } from '../migrate.ts';

export const guardianConsent: MigrationStep = async (db, types) => {
  await db.schema.alterTable('account').addColumn('birth_date_enc', types.bytes).execute();
  await db.schema
    .createTable('guardian_consent')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('child_account_id', 'text', (c) => c.notNull().references('account.id'))
    .addColumn('guardian_enc', types.bytes, (c) => c.notNull())
    .addColumn('guardian_index', 'text', (c) => c.notNull())
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('guesses', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('decided_at', 'bigint')
    .execute();
  await db.schema.createIndex('guardian_consent_guardian').on('guardian_consent').columns(['guardian_index', 'status']).execute();
  await db.schema.createIndex('guardian_consent_child').on('guardian_consent').column('child_account_id').execute();
};
