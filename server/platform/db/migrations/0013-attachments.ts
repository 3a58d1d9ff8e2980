import type { MigrationStep } from '../migrate.ts';

export const attachments: MigrationStep = async (db, types) => {
  await db.schema
    .createTable('attachment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversation.id').onDelete('cascade'))
    .addColumn('uploader_member_id', 'text', (c) => c.notNull().references('member.id'))
    .addColumn('message_id', 'text', (c) => c.references('message.id'))
    .addColumn('name_enc', types.bytes, (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addColumn('blob_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('attachment_message').on('attachment').columns(['message_id']).execute();
  await db.schema.createIndex('attachment_uploader').on('attachment').columns(['uploader_member_id']).execute();
  await db.schema.createIndex('attachment_conversation').on('attachment').columns(['conversation_id']).execute();
};
