import { sql } from 'kysely';
import type { MigrationStep } from '../migrate.ts';

/**
 * Search entries move under each sender's member key (decision 0016): a query needs the senders
 * of each chat, kept here, filled from the messages already written.
 */
export const searchUnderSenderKeys: MigrationStep = async (db) => {
  await db.schema
    .createTable('conversation_sender')
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversation.id').onDelete('cascade'))
    .addColumn('member_id', 'text', (c) => c.notNull().references('member.id'))
    .addColumn('first_sent_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('conversation_sender_pk', ['conversation_id', 'member_id'])
    .execute();
  await db.schema.createIndex('conversation_sender_member').on('conversation_sender').column('member_id').execute();
  await sql`insert into conversation_sender (conversation_id, member_id, first_sent_at)
    select conversation_id, sender_member_id, min(created_at) from message group by conversation_id, sender_member_id`.execute(db);
};
