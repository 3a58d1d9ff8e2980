import { sql, type Kysely, type Selectable, type Updateable } from 'kysely';
import type { Database } from '../../database.ts';
import type { MessageSearchDialect } from '../../platform/db/dialect-profile.ts';

export type ConversationRow = Selectable<Database['conversation']>;
export type ConversationMemberRow = Selectable<Database['conversation_member']>;
export type MessageRow = Selectable<Database['message']>;
export type ReactionRow = Selectable<Database['message_reaction']>;
export type AttachmentRow = Selectable<Database['attachment']>;

/** A person's seat in a chat, with what the chat needs of their organisation membership. */
export interface Seat {
  conversation: ConversationRow;
  seat: ConversationMemberRow;
  memberId: string;
  keyId: string;
}

/** A chat member as the chat shows them. */
export interface Participant {
  memberId: string;
  accountId: string | null;
  role: string;
  joinedAt: number;
  memberRole: string;
  memberStatus: string;
}

const CHUNK = 500;
/** search documents a statement: about 150 kB of tokens */
const DOCUMENTS_PER_INSERT = 200;
/** tokens a search query: a person in hundreds of chats needs one or two queries */
const TOKENS_PER_QUERY = 2000;

/** A message's search entries (keyed tokens); stored as one document, the tokens separated by spaces. */
export interface SearchDocument {
  message_id: string;
  tokens: string[];
}

/**
 * Writes search documents, a multi-row insert for up to 200 messages at a time; a message
 * without words gets none. Plain SQL on both databases: each keeps its full-text index in step
 * itself. Shared with the message writer, which inserts inside its own transaction.
 */
export async function insertSearchDocuments(executor: Kysely<Database>, documents: SearchDocument[]): Promise<void> {
  const rows = documents.filter((document) => document.tokens.length).map((document) => ({ message_id: document.message_id, tokens: [...new Set(document.tokens)].join(' ') }));
  for (let start = 0; start < rows.length; start += DOCUMENTS_PER_INSERT) {
    await executor.insertInto('message_search').values(rows.slice(start, start + DOCUMENTS_PER_INSERT)).execute();
  }
}

/** All SQL of the chat module. */
export class ChatRepo {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly search: MessageSearchDialect,
  ) {}

  transaction<T>(work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(work);
  }

  /**
   * The caller's seat in a chat of this organisation, only while they are an active member of the
   * organisation: a removed colleague loses every chat with their next request.
   */
  async seat(orgId: string | null, accountId: string, conversationId: string, executor: Kysely<Database> = this.db): Promise<Seat | undefined> {
    let query = executor
      .selectFrom('conversation_member as cm')
      .innerJoin('member as m', 'm.id', 'cm.member_id')
      .innerJoin('conversation as c', 'c.id', 'cm.conversation_id')
      .selectAll('cm')
      .select(['m.key_id as key_id', 'c.org_id as c_org_id'])
      .where('cm.conversation_id', '=', conversationId)
      .whereRef('m.org_id', '=', 'c.org_id')
      .where('m.account_id', '=', accountId)
      .where('m.status', '=', 'active');
    if (orgId !== null) query = query.where('c.org_id', '=', orgId);
    const row = await query.executeTakeFirst();
    if (!row) return undefined;
    const conversation = await executor.selectFrom('conversation').selectAll().where('id', '=', conversationId).executeTakeFirstOrThrow();
    const { key_id, c_org_id: _org, ...seat } = row;
    return { conversation, seat, memberId: seat.member_id, keyId: key_id };
  }

  conversation(orgId: string, id: string, executor: Kysely<Database> = this.db): Promise<ConversationRow | undefined> {
    return executor.selectFrom('conversation').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
  }

  directConversation(orgId: string, directKey: string, executor: Kysely<Database> = this.db): Promise<ConversationRow | undefined> {
    return executor.selectFrom('conversation').selectAll().where('org_id', '=', orgId).where('direct_key', '=', directKey).executeTakeFirst();
  }

  async insertConversation(row: ConversationRow, seats: ConversationMemberRow[], executor: Kysely<Database> = this.db): Promise<void> {
    await executor.insertInto('conversation').values(row).execute();
    await this.insertSeats(seats, executor);
  }

  async insertSeats(seats: ConversationMemberRow[], executor: Kysely<Database> = this.db): Promise<void> {
    for (let start = 0; start < seats.length; start += 200) {
      await executor.insertInto('conversation_member').values(seats.slice(start, start + 200)).execute();
    }
  }

  async updateConversation(id: string, changes: Updateable<Database['conversation']>, executor: Kysely<Database> = this.db): Promise<void> {
    await executor.updateTable('conversation').set(changes).where('id', '=', id).execute();
  }

  async deleteConversation(id: string, executor: Kysely<Database> = this.db): Promise<void> {
    // children first: SQLite's cascades need foreign keys on, PostgreSQL's follow the schema; do it by hand for both
    const messageIds = executor.selectFrom('message').select('id').where('conversation_id', '=', id);
    await executor.deleteFrom('attachment').where('conversation_id', '=', id).execute();
    await executor.deleteFrom('message_search').where('message_id', 'in', messageIds).execute();
    await executor.deleteFrom('message_reaction').where('message_id', 'in', messageIds).execute();
    await executor.updateTable('message').set({ reply_to_id: null }).where('conversation_id', '=', id).execute();
    await executor.deleteFrom('message').where('conversation_id', '=', id).execute();
    await executor.deleteFrom('conversation_member').where('conversation_id', '=', id).execute();
    await executor.deleteFrom('conversation_avatar').where('id', '=', id).execute();
    await executor.deleteFrom('conversation').where('id', '=', id).execute();
  }

  /** A group's sealed picture, if it has one. */
  async avatar(conversationId: string): Promise<Buffer | undefined> {
    return (await this.db.selectFrom('conversation_avatar').select('image_enc').where('id', '=', conversationId).executeTakeFirst())?.image_enc;
  }

  /** Stores a group's picture (replacing any) and the tag its address carries, with the key it is sealed under. */
  async setAvatar(conversationId: string, picture: { keyId: string; imageEnc: Buffer; tag: string; at: number }): Promise<void> {
    await this.transaction(async (trx) => {
      await trx
        .insertInto('conversation_avatar')
        .values({ id: conversationId, image_enc: picture.imageEnc, updated_at: picture.at })
        .onConflict((oc) => oc.column('id').doUpdateSet({ image_enc: picture.imageEnc, updated_at: picture.at }))
        .execute();
      await this.updateConversation(conversationId, { key_id: picture.keyId, avatar_tag: picture.tag, updated_at: picture.at }, trx);
    });
  }

  /** Removes a group's picture; its key stays for the next one, and goes with the group. */
  async removeAvatar(conversationId: string, at: number): Promise<void> {
    await this.transaction(async (trx) => {
      await trx.deleteFrom('conversation_avatar').where('id', '=', conversationId).execute();
      await this.updateConversation(conversationId, { avatar_tag: null, updated_at: at }, trx);
    });
  }

  async updateSeat(id: string, changes: Updateable<Database['conversation_member']>, executor: Kysely<Database> = this.db): Promise<void> {
    await executor.updateTable('conversation_member').set(changes).where('id', '=', id).execute();
  }

  async deleteSeat(id: string, executor: Kysely<Database> = this.db): Promise<void> {
    await executor.deleteFrom('conversation_member').where('id', '=', id).execute();
  }

  /** Everyone in a chat, oldest seat first. */
  participants(conversationId: string, executor: Kysely<Database> = this.db): Promise<Participant[]> {
    return executor
      .selectFrom('conversation_member as cm')
      .innerJoin('member as m', 'm.id', 'cm.member_id')
      .select(['cm.member_id as memberId', 'm.account_id as accountId', 'cm.role as role', 'cm.joined_at as joinedAt', 'm.role as memberRole', 'm.status as memberStatus'])
      .where('cm.conversation_id', '=', conversationId)
      .orderBy('cm.joined_at')
      .orderBy('cm.id')
      .execute();
  }

  /**
   * The accounts a chat's live events go to: seated members who are still active members of the
   * chat's organisation. A colleague removed from the organisation keeps their seat (the chat
   * shows who was in it) but from then on hears nothing: `m.status = 'active'` is what says so.
   */
  async recipients(conversationId: string, executor: Kysely<Database> = this.db): Promise<string[]> {
    const rows = await executor
      .selectFrom('conversation_member as cm')
      .innerJoin('member as m', 'm.id', 'cm.member_id')
      .innerJoin('conversation as c', 'c.id', 'cm.conversation_id')
      .select('m.account_id')
      .where('cm.conversation_id', '=', conversationId)
      .whereRef('m.org_id', '=', 'c.org_id')
      .where('m.status', '=', 'active')
      .where('m.account_id', 'is not', null)
      .execute();
    return rows.map((row) => row.account_id as string);
  }

  seatOf(conversationId: string, memberId: string, executor: Kysely<Database> = this.db): Promise<ConversationMemberRow | undefined> {
    return executor.selectFrom('conversation_member').selectAll().where('conversation_id', '=', conversationId).where('member_id', '=', memberId).executeTakeFirst();
  }

  async seatCount(conversationId: string, executor: Kysely<Database> = this.db): Promise<number> {
    const row = await executor.selectFrom('conversation_member').select((eb) => eb.fn.countAll<number>().as('n')).where('conversation_id', '=', conversationId).executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** Active members of the organisation among the given ids. */
  async activeMembers(orgId: string, memberIds: string[]): Promise<Array<{ id: string; account_id: string | null }>> {
    const found: Array<{ id: string; account_id: string | null }> = [];
    for (let start = 0; start < memberIds.length; start += CHUNK) {
      const chunk = memberIds.slice(start, start + CHUNK);
      found.push(
        ...(await this.db.selectFrom('member').select(['id', 'account_id']).where('org_id', '=', orgId).where('status', '=', 'active').where('id', 'in', chunk).execute()),
      );
    }
    return found;
  }

  /** The chats of a member (or the one named), most recently active first, with the unread count of each. */
  async conversationsOf(memberId: string, only?: string): Promise<Array<{ conversation: ConversationRow; seat: ConversationMemberRow; unread: number }>> {
    const rows = await this.db
      .selectFrom('conversation_member as cm')
      .innerJoin('conversation as c', 'c.id', 'cm.conversation_id')
      .selectAll('c')
      .select([
        'cm.id as seat_id',
        'cm.role as seat_role',
        'cm.last_read_seq as seat_last_read_seq',
        'cm.muted as seat_muted',
        'cm.archived as seat_archived',
        'cm.joined_at as seat_joined_at',
        (eb) =>
          eb
            .selectFrom('message as msg')
            .select((inner) => inner.fn.countAll<number>().as('n'))
            .whereRef('msg.conversation_id', '=', 'c.id')
            .whereRef('msg.seq', '>', 'cm.last_read_seq')
            .where('msg.sender_member_id', '!=', memberId)
            .where('msg.state', 'in', ['live', 'edited'])
            .as('unread'),
      ])
      .where('cm.member_id', '=', memberId)
      .$if(only !== undefined, (query) => query.where('cm.conversation_id', '=', only as string))
      .orderBy(sql`coalesce(c.last_message_at, c.created_at)`, 'desc')
      .orderBy('c.id')
      .execute();
    return rows.map((row) => {
      const { seat_id, seat_role, seat_last_read_seq, seat_muted, seat_archived, seat_joined_at, unread, ...conversation } = row;
      return {
        conversation,
        seat: {
          id: seat_id,
          conversation_id: conversation.id,
          member_id: memberId,
          role: seat_role,
          last_read_seq: Number(seat_last_read_seq),
          muted: Number(seat_muted),
          archived: Number(seat_archived),
          joined_at: Number(seat_joined_at),
        },
        unread: Number(unread ?? 0),
      };
    });
  }

  /** The latest message of each chat. */
  async lastMessages(conversations: ConversationRow[]): Promise<Map<string, MessageRow>> {
    const latest = new Map<string, MessageRow>();
    const keyed = conversations.filter((c) => Number(c.last_seq) > 0);
    for (let start = 0; start < keyed.length; start += 200) {
      const chunk = keyed.slice(start, start + 200);
      const rows = await this.db
        .selectFrom('message')
        .selectAll()
        .where((eb) => eb.or(chunk.map((c) => eb.and([eb('conversation_id', '=', c.id), eb('seq', '=', Number(c.last_seq))]))))
        .execute();
      for (const row of rows) latest.set(row.conversation_id, row);
    }
    return latest;
  }

  /** A page of a chat's history: before a sequence (scrolling back) or after one (catching up). */
  messages(conversationId: string, page: { beforeSeq?: number; afterSeq?: number; limit: number }): Promise<MessageRow[]> {
    let query = this.db.selectFrom('message').selectAll().where('conversation_id', '=', conversationId);
    if (page.afterSeq !== undefined) return query.where('seq', '>', page.afterSeq).orderBy('seq', 'asc').limit(page.limit).execute();
    if (page.beforeSeq !== undefined) query = query.where('seq', '<', page.beforeSeq);
    return query
      .orderBy('seq', 'desc')
      .limit(page.limit)
      .execute()
      .then((rows) => rows.reverse());
  }

  message(conversationId: string, id: string, executor: Kysely<Database> = this.db): Promise<MessageRow | undefined> {
    return executor.selectFrom('message').selectAll().where('conversation_id', '=', conversationId).where('id', '=', id).executeTakeFirst();
  }

  async messagesByIds(ids: string[]): Promise<MessageRow[]> {
    const rows: MessageRow[] = [];
    for (let start = 0; start < ids.length; start += CHUNK) {
      const chunk = ids.slice(start, start + CHUNK);
      if (chunk.length) rows.push(...(await this.db.selectFrom('message').selectAll().where('id', 'in', chunk).execute()));
    }
    return rows;
  }

  async updateMessage(id: string, changes: Updateable<Database['message']>, executor: Kysely<Database> = this.db): Promise<void> {
    await executor.updateTable('message').set(changes).where('id', '=', id).execute();
  }

  /** A message's search document replaced (an edit), or removed when there are no tokens (a recall). */
  async replaceSearchTokens(messageId: string, tokens: string[], executor: Kysely<Database> = this.db): Promise<void> {
    await executor.deleteFrom('message_search').where('message_id', '=', messageId).execute();
    await insertSearchDocuments(executor, [{ message_id: messageId, tokens }]);
  }

  /** Who has written in these chats, with the member key their search entries are made under. */
  async sendersOf(conversationIds: string[]): Promise<Array<{ conversationId: string; memberId: string; keyId: string }>> {
    const senders: Array<{ conversationId: string; memberId: string; keyId: string }> = [];
    for (let start = 0; start < conversationIds.length; start += CHUNK) {
      const chunk = conversationIds.slice(start, start + CHUNK);
      if (!chunk.length) continue;
      const rows = await this.db
        .selectFrom('conversation_sender as s')
        .innerJoin('member as m', 'm.id', 's.member_id')
        .select(['s.conversation_id', 's.member_id', 'm.key_id'])
        .where('s.conversation_id', 'in', chunk)
        .execute();
      for (const row of rows) senders.push({ conversationId: row.conversation_id, memberId: row.member_id, keyId: row.key_id });
    }
    return senders;
  }

  /**
   * Messages holding every term of a query, newest first. `tokenGroups` has one group per chat and
   * sender (the query's terms keyed for that chat under that sender's key); a message's document
   * can only hold its own chat's and sender's group, so "every token of one group" is "every term,
   * in this message's chat". Whole groups
   * are batched into one full-text query of up to 2,000 tokens; each batch brings its newest
   * `limit`, and the newest of those are the answer.
   */
  async messagesMatching(tokenGroups: string[][], limit: number): Promise<string[]> {
    const ids: string[] = [];
    let batch: string[][] = [];
    let tokens = 0;
    const flush = async () => {
      if (!batch.length) return;
      const { rows } = await this.search.matching(batch, limit).execute(this.db);
      for (const row of rows) ids.push(row.message_id);
      batch = [];
      tokens = 0;
    };
    for (const group of tokenGroups) {
      if (!group.length) continue;
      if (tokens + group.length > TOKENS_PER_QUERY) await flush();
      batch.push(group);
      tokens += group.length;
    }
    await flush();
    // ids are time-ordered: newest first
    return [...new Set(ids)].sort().reverse().slice(0, limit);
  }

  reactions(messageIds: string[]): Promise<ReactionRow[]> {
    if (!messageIds.length) return Promise.resolve([]);
    return this.db.selectFrom('message_reaction').selectAll().where('message_id', 'in', messageIds).orderBy('created_at').orderBy('id').execute();
  }

  async addReaction(row: ReactionRow): Promise<void> {
    await this.db
      .insertInto('message_reaction')
      .values(row)
      .onConflict((oc) => oc.columns(['message_id', 'member_id', 'emoji']).doNothing())
      .execute();
  }

  async removeReaction(messageId: string, memberId: string, emoji: string): Promise<void> {
    await this.db.deleteFrom('message_reaction').where('message_id', '=', messageId).where('member_id', '=', memberId).where('emoji', '=', emoji).execute();
  }

  /** Moves a read position forward only: a late "read up to 5" never undoes "read up to 9". */
  async markRead(seatId: string, seq: number): Promise<void> {
    await this.db.updateTable('conversation_member').set({ last_read_seq: seq }).where('id', '=', seatId).where('last_read_seq', '<', seq).execute();
  }

  async insertAttachment(row: AttachmentRow): Promise<void> {
    await this.db.insertInto('attachment').values(row).execute();
  }

  attachment(conversationId: string, id: string): Promise<AttachmentRow | undefined> {
    return this.db.selectFrom('attachment').selectAll().where('conversation_id', '=', conversationId).where('id', '=', id).executeTakeFirst();
  }

  attachmentsOf(messageIds: string[], executor: Kysely<Database> = this.db): Promise<AttachmentRow[]> {
    if (!messageIds.length) return Promise.resolve([]);
    return executor.selectFrom('attachment').selectAll().where('message_id', 'in', messageIds).orderBy('created_at').orderBy('id').execute();
  }

  async deleteAttachments(ids: string[], executor: Kysely<Database> = this.db): Promise<void> {
    if (ids.length) await executor.deleteFrom('attachment').where('id', 'in', ids).execute();
  }

  /** An account's photos, in any organisation, that still hold the place they were taken, uploaded up to a moment; with the key they are sealed under. */
  placedPhotosOf(accountId: string, upTo: number, limit: number): Promise<Array<AttachmentRow & { key_id: string }>> {
    return this.db
      .selectFrom('attachment as a')
      .innerJoin('member as m', 'm.id', 'a.uploader_member_id')
      .selectAll('a')
      .select('m.key_id as key_id')
      .where('m.account_id', '=', accountId)
      .where('a.location_enc', 'is not', null)
      .where('a.created_at', '<=', upTo)
      .orderBy('a.id')
      .limit(limit)
      .execute();
  }

  /** Empties a photo's place, with its new picture if it has one, unless the row changed since it was read; answers whether it did. */
  async forgetPlace(id: string, fromBlobId: string, to: { blobId: string; size: number } | null): Promise<boolean> {
    const result = await this.db
      .updateTable('attachment')
      .set({ location_enc: null, ...(to ? { blob_id: to.blobId, size: to.size } : {}) })
      .where('id', '=', id)
      .where('blob_id', '=', fromBlobId)
      .where('location_enc', 'is not', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  unsentBefore(cutoff: number): Promise<AttachmentRow[]> {
    return this.db.selectFrom('attachment').selectAll().where('message_id', 'is', null).where('created_at', '<', cutoff).limit(1000).execute();
  }
}
