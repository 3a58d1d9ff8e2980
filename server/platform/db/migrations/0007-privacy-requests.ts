import type { MigrationStep } from '../migrate.ts';

export const privacyRequests: MigrationStep = async (db, types) => {
  await db.schema
    .createTable('privacy_request')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('account.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('details_enc', types.bytes)
    .addColumn('repeated', 'integer', (c) => c.notNull())
    .addColumn('verified_at', 'bigint', (c) => c.notNull())
    .addColumn('due_at', 'bigint', (c) => c.notNull())
    .addColumn('reminded_at', 'bigint')
    .addColumn('refusal_reason', 'text')
    .addColumn('response_enc', types.bytes)
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('closed_at', 'bigint')
    .execute();
  await db.schema.createIndex('privacy_request_queue').on('privacy_request').columns(['status', 'due_at']).execute();
  await db.schema.createIndex('privacy_request_account').on('privacy_request').columns(['account_id', 'kind', 'created_at']).execute();
};
