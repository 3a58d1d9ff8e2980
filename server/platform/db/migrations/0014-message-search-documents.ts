import type { MigrationStep } from '../migrate.ts';

/**
 * Message search as one document a message (its keyed tokens separated by spaces) under each
 * database's full-text index, in place of a row per word and message: those rows, keyed by HMAC,
 * landed all over their index and capped writes at about 2,500 messages a second on SQLite.
 */
export const messageSearchDocuments: MigrationStep = async (db, _types, dialect) => {
  await db.schema
    .createTable('message_search')
    .addColumn('message_id', 'text', (c) => c.primaryKey().references('message.id').onDelete('cascade'))
    .addColumn('tokens', 'text', (c) => c.notNull())
    .execute();
  await db
    .insertInto('message_search')
    .columns(['message_id', 'tokens'])
    .expression(db.selectFrom('message_search_token').select(['message_id', dialect.messageSearch.joinTokens('token').as('tokens')]).groupBy('message_id'))
    .execute();
  await db.schema.dropTable('message_search_token').execute();
  await dialect.messageSearch.createIndex(db);
};
