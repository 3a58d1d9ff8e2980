import type { MigrationStep } from '../migrate.ts';

export const consentEvents: MigrationStep = async (db) => {
  await db.schema
    .createTable('consent_event')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('account.id'))
    .addColumn('permission', 'text', (c) => c.notNull())
    .addColumn('function_key', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('policy_version_id', 'text', (c) => c.references('policy_version.id'))
    .addColumn('occurred_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('consent_event_account').on('consent_event').columns(['account_id', 'function_key', 'occurred_at']).execute();
};
