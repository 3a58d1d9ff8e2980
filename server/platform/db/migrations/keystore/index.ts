import type { MigrationStep } from '../../migrate.ts';

/** The key store's own schema history, separate from the main database's. */
export const keystoreMigrations: Record<string, MigrationStep> = {
  '0001-data-keys': async (db, types) => {
    await db.schema
      .createTable('data_key')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('owner_id', 'text')
      .addColumn('wrapped', types.bytes, (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('destroyed_at', 'bigint')
      .addUniqueConstraint('data_key_scope_owner', ['scope', 'owner_id'])
      .execute();
  },
  // Kept with the keys, not in the main database: restoring an old backup re-applies it.
  '0002-erasure-log': async (db) => {
    await db.schema
      .createTable('erasure_log')
      .addColumn('account_id', 'text', (c) => c.primaryKey())
      .addColumn('erased_at', 'bigint', (c) => c.notNull())
      .addColumn('receipt_id', 'text', (c) => c.notNull())
      .execute();
  },
  // Kept with the keys too: restoring an old backup must not forget the backups taken since.
  '0003-backup-records': async (db) => {
    await db.schema
      .createTable('backup_record')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('file_name', 'text', (c) => c.notNull())
      .addColumn('bytes', 'bigint')
      .addColumn('taken_at', 'bigint', (c) => c.notNull())
      .addColumn('clears_at', 'bigint', (c) => c.notNull())
      .execute();
  },
};
