import type { MigrationStep } from '../migrate.ts';

export const jobsAndCancellation: MigrationStep = async (db) => {
  await db.schema.alterTable('account').addColumn('cancel_after', 'bigint').execute();
  await db.schema
    .createTable('job')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject_account_id', 'text', (c) => c.references('account.id'))
    .addColumn('run_at', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('locked_until', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('finished_at', 'bigint')
    .execute();
  await db.schema.createIndex('job_due').on('job').columns(['status', 'run_at']).execute();
};
