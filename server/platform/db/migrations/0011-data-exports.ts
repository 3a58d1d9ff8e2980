import type { MigrationStep } from '../migrate.ts';

/** Downloads of a person's data prepared in the background, kept sealed until their link expires. */
export const dataExports: MigrationStep = async (db, types) => {
  await db.schema
    .createTable('data_export')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('account.id'))
    .addColumn('requested_by', 'text', (c) => c.references('account.id'))
    .addColumn('job_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('tables_done', 'integer', (c) => c.notNull())
    .addColumn('tables_total', 'integer', (c) => c.notNull())
    .addColumn('archive_enc', types.bytes)
    .addColumn('bytes', 'integer')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('ready_at', 'bigint')
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('data_export_account').on('data_export').columns(['account_id', 'requested_by', 'status']).execute();
  await db.schema.createIndex('data_export_job').on('data_export').column('job_id').execute();
  await db.schema.createIndex('data_export_expiry').on('data_export').column('expires_at').execute();
};
