import type { MigrationStep } from '../migrate.ts';

export const foundation: MigrationStep = async (db, types) => {
  await db.schema
    .createTable('account')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('name_enc', types.bytes, (c) => c.notNull())
    .addColumn('email_enc', types.bytes)
    .addColumn('email_index', 'text', (c) => c.unique())
    .addColumn('phone_enc', types.bytes)
    .addColumn('phone_index', 'text', (c) => c.unique())
    .addColumn('avatar_enc', types.bytes)
    .addColumn('avatar_version', 'integer', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('otp_challenge')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('identifier_index', 'text', (c) => c.notNull())
    .addColumn('identifier_enc', types.bytes, (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('guesses', 'integer', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('consumed_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('otp_challenge_identifier').on('otp_challenge').columns(['identifier_index', 'created_at']).execute();

  await db.schema
    .createTable('session')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('account.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('persistent', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('ended_at', 'bigint')
    .addColumn('end_reason', 'text')
    .addColumn('ip_enc', types.bytes, (c) => c.notNull())
    .addColumn('device_index', 'text')
    .addColumn('user_agent', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text')
    .addColumn('language', 'text')
    .execute();
  await db.schema.createIndex('session_account').on('session').columns(['account_id', 'ended_at']).execute();

  await db.schema
    .createTable('known_device')
    .addColumn('account_id', 'text', (c) => c.notNull().references('account.id').onDelete('cascade'))
    .addColumn('device_index', 'text', (c) => c.notNull())
    .addColumn('first_seen_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('known_device_pk', ['account_id', 'device_index'])
    .execute();

  await db.schema
    .createTable('security_event')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.references('account.id').onDelete('cascade'))
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'bigint', (c) => c.notNull())
    .addColumn('ip_enc', types.bytes, (c) => c.notNull())
    .addColumn('device_index', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('time_zone', 'text')
    .addColumn('language', 'text')
    .addColumn('detail', 'text')
    .execute();
  await db.schema.createIndex('security_event_account').on('security_event').columns(['account_id', 'occurred_at']).execute();
  await db.schema.createIndex('security_event_time').on('security_event').column('occurred_at').execute();

  await db.schema
    .createTable('crash_report')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.references('account.id').onDelete('cascade'))
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .addColumn('report_enc', types.bytes, (c) => c.notNull())
    .addColumn('user_agent', 'text')
    .execute();

  await db.schema
    .createTable('notice')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('account.id').onDelete('cascade'))
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('read_at', 'bigint')
    .addColumn('data_enc', types.bytes, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('notice_account').on('notice').columns(['account_id', 'created_at']).execute();

  await db.schema
    .createTable('rate_counter')
    .addColumn('bucket', 'text', (c) => c.notNull())
    .addColumn('window_start', 'bigint', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('rate_counter_pk', ['bucket', 'window_start'])
    .execute();

  await db.schema
    .createTable('catalog_category')
    .addColumn('slug', 'text', (c) => c.primaryKey())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('catalog_product')
    .addColumn('slug', 'text', (c) => c.primaryKey())
    .addColumn('category_slug', 'text', (c) => c.notNull().references('catalog_category.slug'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('summary_zh', 'text', (c) => c.notNull())
    .addColumn('summary_en', 'text', (c) => c.notNull())
    .addColumn('description_zh', 'text', (c) => c.notNull())
    .addColumn('description_en', 'text', (c) => c.notNull())
    .addColumn('features_json', 'text', (c) => c.notNull())
    .addColumn('specs_json', 'text', (c) => c.notNull())
    .addColumn('image', 'text', (c) => c.notNull())
    .addColumn('search_text', 'text', (c) => c.notNull())
    .execute();
};
