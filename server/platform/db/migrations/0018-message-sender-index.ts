import type { MigrationStep } from '../migrate.ts';

/**
 * One index for a sender's messages in place of two: the idempotency lookup (sender, chat,
 * client id) and the walk of a sender's messages by erasure and export (its first column) share
 * it. Every index whose entries land per chat or per sender costs a commit about one page a
 * message in the log, and again in the checkpoint (bench/messaging/write-amplification.ts): a
 * third of those pages went to the index this drops. The unique index is built before the old
 * one goes, so no moment allows a second message under one client id.
 */
export const messageSenderIndex: MigrationStep = async (db) => {
  await db.schema.createIndex('message_sender_client_id').on('message').columns(['sender_member_id', 'conversation_id', 'client_id']).unique().execute();
  await db.schema.dropIndex('message_client_id').execute();
  await db.schema.dropIndex('message_sender').execute();
};
