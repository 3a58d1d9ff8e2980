import { sql, type Kysely } from 'kysely';
import type { Database } from '../../database.ts';
import type { Envelope } from '../../platform/crypto/envelope.ts';
import { timeOrderedId } from '../../platform/time-ordered-id.ts';
import { AppError } from '../../errors.ts';
import { insertSearchDocuments, type MessageRow, type SearchDocument } from './chat.repo.ts';
import { sealBody, type MessageBody } from './message-body.ts';
import { senderSearchTokens } from './search-keys.ts';

export interface SendRequest {
  /** null when the request does not name an organisation (WebSocket): the chat's own is used */
  orgId: string | null;
  accountId: string;
  conversationId: string;
  clientId: string;
  body: MessageBody;
  replyToId: string | null;
  /** files uploaded to this chat by the sender and not sent yet */
  attachmentIds: string[];
  /** when the server received it (the server's clock: a writer thread has no clock of its own) */
  at: number;
  /** the message's words for the search index; the writer keys them under the sender's member key (search-keys.ts) */
  searchTerms: string[];
}

export interface StoredMessage {
  message: MessageRow;
  body: MessageBody;
  /** the same client id was sent before: this is the message stored then */
  duplicate: boolean;
}

/** The sender's place in a chat, as one batch's checks need it; `closed`: a direct chat between ex-contacts. */
interface Seat {
  memberId: string;
  keyId: string;
  orgId: string;
  closed: boolean;
}

interface Pending {
  request: SendRequest;
  resolve: (stored: StoredMessage) => void;
  reject: (error: unknown) => void;
}

const MAX_BATCH = 2_000;

/** What the chat services need of a writer: this one in the server's own thread, or one in a thread of its own. */
export interface MessageWriting {
  /** Readies the writer before the first send (a server calls it before it listens). */
  start(): Promise<void>;
  send(request: SendRequest): Promise<StoredMessage>;
  /** Resolves once everything queued so far is written (used at shutdown). */
  flushed(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Group commit. Sends queue up while a transaction is being written and go together into the
 * next one: one fsync for many messages, where one transaction per message would cap a durable
 * chat at the disk's fsyncs per second. Each sender's promise settles only after the commit, so
 * an acknowledgement always means the message is on disk.
 */
export class MessageWriter implements MessageWriting {
  private queue: Pending[] = [];
  private writing = false;
  private idle: Array<() => void> = [];

  constructor(
    private readonly deps: { db: Kysely<Database>; envelope: Envelope; maxBatch?: number },
  ) {}

  start(): Promise<void> {
    return Promise.resolve();
  }

  send(request: SendRequest): Promise<StoredMessage> {
    return new Promise((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  /** Resolves once everything queued so far is written (used at shutdown). */
  flushed(): Promise<void> {
    if (!this.writing && !this.queue.length) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  async close(): Promise<void> {
    await this.flushed();
  }

  private async drain(): Promise<void> {
    this.writing = true;
    try {
      // Let the event loop read what has arrived before each batch: the sends waiting in sockets
      // join this transaction. Without it a batch would hold only what arrived within one chunk,
      // and on SQLite, whose commit blocks the loop, mostly a single message.
      await new Promise((resolve) => setImmediate(resolve));
      while (this.queue.length) {
        const batch = this.queue.splice(0, this.deps.maxBatch ?? MAX_BATCH);
        try {
          await this.commit(batch);
          await new Promise((resolve) => setImmediate(resolve));
        } catch (error) {
          // One bad send (a race on a client id with another server) must not fail its neighbours:
          // write them one by one.
          if (batch.length === 1) batch[0]!.reject(error);
          else for (const pending of batch) await this.commit([pending]).catch(pending.reject);
        }
      }
    } finally {
      this.writing = false;
      for (const resolve of this.idle.splice(0)) resolve();
    }
  }

  private async commit(batch: Pending[]): Promise<void> {
    // the batch's time is its newest send's: sequence, ids and times then agree in order
    let now = 0;
    for (const pending of batch) now = Math.max(now, pending.request.at);
    const outcomes = await this.deps.db.transaction().execute(async (trx) => {
      const seats = await this.seats(trx, batch);
      const existing = await this.previouslyStored(trx, batch, seats);
      const replyTargets = await this.replyTargets(trx, batch);
      const uploads = await this.uploads(trx, batch);
      const claimed = new Set<string>();

      const results = new Map<Pending, StoredMessage | AppError>();
      const fresh = new Map<string, Pending[]>();
      const firstOfKey = new Map<string, Pending>();
      for (const pending of batch) {
        const { request } = pending;
        const seat = seats.get(`${request.conversationId}|${request.accountId}`);
        // a chat of another organisation than the one the request names looks like no chat at all
        if (!seat || (request.orgId !== null && seat.orgId !== request.orgId)) {
          results.set(pending, new AppError('conversation_not_found'));
          continue;
        }
        const key = `${request.conversationId}|${seat.memberId}|${request.clientId}`;
        const before = existing.get(key);
        if (before) {
          results.set(pending, before);
          continue;
        }
        if (seat.closed) {
          results.set(pending, new AppError('conversation_closed'));
          continue;
        }
        if (firstOfKey.has(key)) continue; // settled with the first one below
        if (request.replyToId && replyTargets.get(request.replyToId) !== request.conversationId) {
          results.set(pending, new AppError('message_not_found', {}, 'The message you reply to is not in this chat.'));
          continue;
        }
        const unusable = request.attachmentIds.find((id) => {
          const upload = uploads.get(id);
          return !upload || upload.conversation_id !== request.conversationId || upload.uploader_member_id !== seat.memberId || upload.message_id !== null || claimed.has(id);
        });
        if (unusable) {
          results.set(pending, new AppError('attachment_not_found', {}, 'A file of this message is not one you uploaded to this chat, or it was already sent.'));
          continue;
        }
        for (const id of request.attachmentIds) claimed.add(id);
        firstOfKey.set(key, pending);
        const list = fresh.get(request.conversationId) ?? [];
        list.push(pending);
        fresh.set(request.conversationId, list);
      }

      const rows: MessageRow[] = [];
      const documents: SearchDocument[] = [];
      const senders = new Map<string, { conversation_id: string; member_id: string; first_sent_at: number }>();
      const lastSeqs = await this.advanceSequences(trx, fresh, now);
      for (const [conversationId, sends] of fresh) {
        let seq = lastSeqs.get(conversationId)! - sends.length;
        for (const pending of sends) {
          const { request } = pending;
          const seat = seats.get(`${conversationId}|${request.accountId}`)!;
          const id = timeOrderedId(now);
          const row: MessageRow = {
            id,
            conversation_id: conversationId,
            seq: ++seq,
            sender_member_id: seat.memberId,
            client_id: request.clientId,
            body_enc: await sealBody(this.deps.envelope, seat.keyId, id, request.body),
            reply_to_id: request.replyToId,
            state: 'live',
            created_at: now,
            edited_at: null,
          };
          rows.push(row);
          documents.push({ message_id: id, tokens: await senderSearchTokens(this.deps.envelope, seat.keyId, conversationId, request.searchTerms) });
          senders.set(`${conversationId}|${seat.memberId}`, { conversation_id: conversationId, member_id: seat.memberId, first_sent_at: now });
          results.set(pending, { message: row, body: request.body, duplicate: false });
        }
      }
      for (let start = 0; start < rows.length; start += 200) await trx.insertInto('message').values(rows.slice(start, start + 200)).execute();
      await insertSearchDocuments(trx, documents);
      // a chat's senders, whose keys a search computes its tokens with; a known sender writes nothing
      if (senders.size) await trx.insertInto('conversation_sender').values([...senders.values()]).onConflict((conflict) => conflict.columns(['conversation_id', 'member_id']).doNothing()).execute();
      for (const [pending, outcome] of results) {
        if (outcome instanceof AppError || outcome.duplicate || !pending.request.attachmentIds.length) continue;
        await trx.updateTable('attachment').set({ message_id: outcome.message.id }).where('id', 'in', pending.request.attachmentIds).execute();
      }
      return results;
    });

    for (const pending of batch) {
      const { request } = pending;
      let outcome = outcomes.get(pending);
      if (!outcome) {
        // a second send of the same client id within one batch: it gets the first one's message
        const twin = batch.find(
          (other) => other !== pending && outcomes.has(other) && other.request.conversationId === request.conversationId && other.request.accountId === request.accountId && other.request.clientId === request.clientId,
        );
        const stored = twin ? outcomes.get(twin) : undefined;
        outcome = stored && !(stored instanceof AppError) ? { ...stored, duplicate: true } : new AppError('conversation_not_found');
      }
      if (outcome instanceof AppError) pending.reject(outcome);
      else pending.resolve(outcome);
    }
  }

  /**
   * Moves each chat's sequence on by its number of new messages, in one statement for the whole
   * batch (one per chat cost a statement each: 200 a batch at saturation), under the rows' locks
   * so that several servers never hand out the same numbers. Returns each chat's new last number.
   */
  private async advanceSequences(trx: Kysely<Database>, fresh: Map<string, Pending[]>, now: number): Promise<Map<string, number>> {
    const lastSeqs = new Map<string, number>();
    const counts = [...fresh].map(([conversationId, sends]) => [conversationId, sends.length] as const);
    for (let start = 0; start < counts.length; start += 300) {
      const chunk = counts.slice(start, start + 300);
      const step = sql<number>`case ${sql.join(
        chunk.map(([conversationId, count]) => sql`when ${sql.ref('id')} = ${conversationId} then cast(${count} as integer)`),
        sql` `,
      )} else 0 end`;
      const rows = await trx
        .updateTable('conversation')
        .set((eb) => ({ last_seq: eb('last_seq', '+', step), last_message_at: now }))
        .where('id', 'in', chunk.map(([conversationId]) => conversationId))
        .returning(['id', 'last_seq'])
        .execute();
      for (const row of rows) lastSeqs.set(row.id, Number(row.last_seq));
    }
    return lastSeqs;
  }

  /**
   * The sender's seat in each chat of the batch, only for active members of the organisation.
   * Three narrow lookups, each on its own index, joined here: one join in SQL let the planner read
   * every member of the organisation for each chat.
   */
  private async seats(trx: Kysely<Database>, batch: Pending[]): Promise<Map<string, Seat>> {
    const conversationIds = [...new Set(batch.map((p) => p.request.conversationId))];
    const accountIds = [...new Set(batch.map((p) => p.request.accountId))];
    const members = await trx.selectFrom('member').select(['id', 'account_id', 'key_id', 'org_id']).where('account_id', 'in', accountIds).where('status', '=', 'active').execute();
    if (!members.length) return new Map();
    const chats = new Map(
      (await trx.selectFrom('conversation').select(['id', 'org_id', 'closed_at']).where('id', 'in', conversationIds).execute()).map((row) => [row.id, row]),
    );
    const memberById = new Map(members.map((member) => [member.id, member]));
    const membersOfAccount = new Map<string, string[]>();
    for (const member of members) if (member.account_id) membersOfAccount.set(member.account_id, [...(membersOfAccount.get(member.account_id) ?? []), member.id]);
    const pairs = new Map<string, [string, string]>();
    for (const { request } of batch) {
      for (const memberId of membersOfAccount.get(request.accountId) ?? []) pairs.set(`${request.conversationId}|${memberId}`, [request.conversationId, memberId]);
    }
    // exact (chat, member) pairs: two IN lists made SQLite try every combination of them
    const rows: Array<{ conversation_id: string; member_id: string }> = [];
    const wanted = [...pairs.values()];
    for (let start = 0; start < wanted.length; start += 400) {
      const chunk = wanted.slice(start, start + 400);
      rows.push(
        ...(await trx
          .selectFrom('conversation_member')
          .select(['conversation_id', 'member_id'])
          .where(({ eb, refTuple, tuple }) => eb(refTuple('conversation_id', 'member_id'), 'in', chunk.map(([chat, member]) => tuple(chat, member))))
          .execute()),
      );
    }
    const seats = new Map<string, Seat>();
    for (const row of rows) {
      const member = memberById.get(row.member_id);
      const chat = chats.get(row.conversation_id);
      if (!member || !chat || member.org_id !== chat.org_id) continue;
      seats.set(`${row.conversation_id}|${member.account_id}`, { memberId: member.id, keyId: member.key_id, orgId: chat.org_id, closed: chat.closed_at !== null });
    }
    return seats;
  }

  private async previouslyStored(
    trx: Kysely<Database>,
    batch: Pending[],
    seats: Map<string, Seat>,
  ): Promise<Map<string, StoredMessage>> {
    const keys: Array<[string, string, string]> = [];
    for (const { request } of batch) {
      const seat = seats.get(`${request.conversationId}|${request.accountId}`);
      if (seat) keys.push([request.conversationId, seat.memberId, request.clientId]);
    }
    if (!keys.length) return new Map();
    // Exact (sender, chat, client id) triples, each one probe of the unique index, in its column
    // order. Three separate IN lists made SQLite try every combination of them: 60 ms for a batch
    // of 500, 3.5 ms so.
    const rows: MessageRow[] = [];
    for (let start = 0; start < keys.length; start += 300) {
      const chunk = keys.slice(start, start + 300);
      rows.push(
        ...(await trx
          .selectFrom('message')
          .selectAll()
          .where(({ eb, refTuple, tuple }) => eb(refTuple('sender_member_id', 'conversation_id', 'client_id'), 'in', chunk.map(([chat, sender, client]) => tuple(sender, chat, client))))
          .execute()),
      );
    }
    const found = new Map<string, StoredMessage>();
    const bodies = new Map(batch.map((p) => [`${p.request.conversationId}|${seats.get(`${p.request.conversationId}|${p.request.accountId}`)?.memberId}|${p.request.clientId}`, p.request.body]));
    for (const row of rows) {
      const key = `${row.conversation_id}|${row.sender_member_id}|${row.client_id}`;
      const body = bodies.get(key);
      if (body) found.set(key, { message: row, body, duplicate: true });
    }
    return found;
  }

  private async uploads(trx: Kysely<Database>, batch: Pending[]): Promise<Map<string, { conversation_id: string; uploader_member_id: string; message_id: string | null }>> {
    const ids = [...new Set(batch.flatMap((p) => p.request.attachmentIds))];
    if (!ids.length) return new Map();
    const rows = await trx.selectFrom('attachment').select(['id', 'conversation_id', 'uploader_member_id', 'message_id']).where('id', 'in', ids).execute();
    return new Map(rows.map((row) => [row.id, row]));
  }

  private async replyTargets(trx: Kysely<Database>, batch: Pending[]): Promise<Map<string, string>> {
    const ids = [...new Set(batch.map((p) => p.request.replyToId).filter((id): id is string => !!id))];
    if (!ids.length) return new Map();
    const rows = await trx.selectFrom('message').select(['id', 'conversation_id']).where('id', 'in', ids).execute();
    return new Map(rows.map((row) => [row.id, row.conversation_id]));
  }
}
