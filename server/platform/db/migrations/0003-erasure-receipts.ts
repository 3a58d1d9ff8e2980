import type { MigrationStep } from '../migrate.ts';

export const erasureReceipts: MigrationStep = async (db) => {
  await db.schema
    .createTable('erasure_receipt')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('fetched_at', 'bigint')
    .execute();
};
