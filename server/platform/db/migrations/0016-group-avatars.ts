import type { MigrationStep } from '../migrate.ts';

/**
 * Group chat pictures: the group's own data key and the tag of its current picture on the chat
 * row, the sealed picture in a table of its own (the chat row is read on every send).
 */
export const groupAvatars: MigrationStep = async (db, types) => {
  await db.schema.alterTable('conversation').addColumn('key_id', 'text').execute();
  await db.schema.alterTable('conversation').addColumn('avatar_tag', 'text').execute();
  await db.schema
    .createTable('conversation_avatar')
    .addColumn('id', 'text', (c) => c.primaryKey().references('conversation.id').onDelete('cascade'))
    .addColumn('image_enc', types.bytes, (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
};
