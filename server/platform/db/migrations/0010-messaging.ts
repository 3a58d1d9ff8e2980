import type { MigrationStep } from '../migrate.ts';

export const messaging: MigrationStep = async (db, types) => {
  await db.schema
    .createTable('conversation')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisation.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('direct_key', 'text')
    .addColumn('created_by', 'text', (c) => c.references('member.id'))
    .addColumn('last_seq', 'bigint', (c) => c.notNull())
    .addColumn('last_message_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('conversation_direct').on('conversation').columns(['org_id', 'direct_key']).unique().execute();

  await db.schema
    .createTable('conversation_member')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversation.id').onDelete('cascade'))
    .addColumn('member_id', 'text', (c) => c.notNull().references('member.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('last_read_seq', 'bigint', (c) => c.notNull())
    .addColumn('muted', 'integer', (c) => c.notNull())
    .addColumn('archived', 'integer', (c) => c.notNull())
    .addColumn('joined_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('conversation_member_unique').on('conversation_member').columns(['conversation_id', 'member_id']).unique().execute();
  await db.schema.createIndex('conversation_member_by_member').on('conversation_member').columns(['member_id']).execute();

  await db.schema
    .createTable('message')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversation.id').onDelete('cascade'))
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('sender_member_id', 'text', (c) => c.notNull().references('member.id'))
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('body_enc', types.bytes)
    .addColumn('reply_to_id', 'text', (c) => c.references('message.id'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('edited_at', 'bigint')
    .execute();
  // The sequence is the chat's order and the resume point: unique, so no number is given twice.
  await db.schema.createIndex('message_sequence').on('message').columns(['conversation_id', 'seq']).unique().execute();
  // A retried send (same client id) lands once.
  await db.schema.createIndex('message_client_id').on('message').columns(['conversation_id', 'sender_member_id', 'client_id']).unique().execute();
  await db.schema.createIndex('message_sender').on('message').columns(['sender_member_id']).execute();

  await db.schema
    .createTable('message_reaction')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('message_id', 'text', (c) => c.notNull().references('message.id').onDelete('cascade'))
    .addColumn('member_id', 'text', (c) => c.notNull().references('member.id'))
    .addColumn('emoji', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('message_reaction_unique').on('message_reaction').columns(['message_id', 'member_id', 'emoji']).unique().execute();
  await db.schema.createIndex('message_reaction_member').on('message_reaction').columns(['member_id']).execute();

  await db.schema
    .createTable('message_search_token')
    .addColumn('message_id', 'text', (c) => c.notNull().references('message.id').onDelete('cascade'))
    .addColumn('token', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('message_search_token_token').on('message_search_token').columns(['token']).execute();
  await db.schema.createIndex('message_search_token_message').on('message_search_token').columns(['message_id']).execute();
};
