import type { Clock } from '../../platform/clock.ts';
import type { Envelope } from '../../platform/crypto/envelope.ts';
import type { EventBus } from '../../platform/bus/event-bus.ts';
import { timeOrderedId } from '../../platform/time-ordered-id.ts';
import { AppError } from '../../errors.ts';
import type { ChatRepo, MessageRow, Seat } from './chat.repo.ts';
import { presentMessage } from './chat.presenter.ts';
import type { ChatMessage } from '../../../common/chat.ts';
import { MAX_MESSAGE_CHARACTERS, openBody, sealBody, type MessageBody } from './message-body.ts';
import type { MessageWriting } from './message-writer.ts';
import { searchTerms, searchToken } from './message-search-terms.ts';
import { senderSearchKey, senderSearchTokens } from './search-keys.ts';
import { KeyDestroyedError } from '../../platform/crypto/envelope.ts';
import { mayRecall } from './chat.policy.ts';
import type { AttachmentService } from './attachments.service.ts';

export interface SendInput {
  clientMessageId: string;
  text: string;
  replyToId?: string | null | undefined;
  mentions?: string[] | undefined;
  attachmentIds?: string[] | undefined;
}

/** Who is acting: an account, and the organisation when the request names one (HTTP does, WebSocket does not). */
export interface Actor {
  accountId: string;
  orgId: string | null;
}

export const MAX_HISTORY_PAGE = 200;
const ALLOWED_REACTION = /^\p{Extended_Pictographic}(\u{FE0F}|\u{200D}\p{Extended_Pictographic}|\p{Emoji_Modifier})*$/u;

/** Sending, reading, editing, recalling, reacting to and searching messages. */
export class MessageService {
  constructor(
    private readonly deps: { repo: ChatRepo; writer: MessageWriting; envelope: Envelope; bus: EventBus; clock: Clock; attachments: AttachmentService },
  ) {}

  async seat(actor: Actor, conversationId: string): Promise<Seat> {
    const seat = await this.deps.repo.seat(actor.orgId, actor.accountId, conversationId);
    if (!seat) throw new AppError('conversation_not_found');
    return seat;
  }

  /**
   * The caller's seat in a chat that carries what they do to the others: a direct chat closed
   * because the two stopped being contacts (decision 0012) takes no new message, and no edit,
   * reaction or typing either; it stays readable, and a recall (or a reaction taken back) still
   * reaches the other.
   */
  private async openSeat(actor: Actor, conversationId: string): Promise<Seat> {
    const seat = await this.seat(actor, conversationId);
    if (seat.conversation.closed_at !== null) throw new AppError('conversation_closed');
    return seat;
  }

  /**
   * Sends a message. Resolves only once it is committed, so the caller's acknowledgement means
   * it is on disk; then every member's devices hear of it. A retried client message id returns
   * the message stored the first time and is not announced again.
   */
  async send(actor: Actor, conversationId: string, input: SendInput): Promise<{ message: ChatMessage; duplicate: boolean }> {
    const text = input.text.replace(/\r\n/g, '\n');
    const attachmentIds = [...new Set(input.attachmentIds ?? [])];
    if (!text.trim() && !attachmentIds.length) throw new AppError('message_empty');
    if ([...text].length > MAX_MESSAGE_CHARACTERS) throw new AppError('message_too_long');
    const stored = await this.deps.writer.send({
      attachmentIds,
      orgId: actor.orgId,
      accountId: actor.accountId,
      conversationId,
      clientId: input.clientMessageId,
      body: { text, mentions: await this.mentionable(conversationId, input.mentions ?? []) },
      replyToId: input.replyToId ?? null,
      at: this.deps.clock.now(),
      searchTerms: searchTerms(text),
    });
    const message =
      stored.duplicate || attachmentIds.length ? await this.present(stored.message) : presentMessage(stored.message, stored.body);
    if (!stored.duplicate) await this.deps.bus.publish({ conversationId, frame: { type: 'message', message } });
    return { message, duplicate: stored.duplicate };
  }

  /** A page of history, oldest first. */
  async history(actor: Actor, conversationId: string, page: { beforeSeq?: number | undefined; afterSeq?: number | undefined; limit?: number | undefined }): Promise<{ messages: ChatMessage[]; lastSeq: number }> {
    const seat = await this.seat(actor, conversationId);
    const lastSeq = Number(seat.conversation.last_seq);
    if (page.afterSeq !== undefined && page.afterSeq > lastSeq) throw new AppError('sequence_ahead', { lastSeq });
    const limit = Math.min(page.limit ?? 50, MAX_HISTORY_PAGE);
    const rows = await this.deps.repo.messages(conversationId, {
      ...(page.beforeSeq !== undefined ? { beforeSeq: page.beforeSeq } : {}),
      ...(page.afterSeq !== undefined ? { afterSeq: page.afterSeq } : {}),
      limit,
    });
    return { messages: await this.presentAll(rows), lastSeq };
  }

  async edit(actor: Actor, conversationId: string, messageId: string, text: string): Promise<ChatMessage> {
    const seat = await this.openSeat(actor, conversationId);
    const row = await this.deps.repo.message(conversationId, messageId);
    if (!row) throw new AppError('message_not_found');
    if (row.sender_member_id !== seat.memberId) throw new AppError('not_message_sender');
    if (row.state !== 'live') throw new AppError('message_recalled');
    const clean = text.replace(/\r\n/g, '\n');
    if (!clean.trim()) throw new AppError('message_empty');
    if ([...clean].length > MAX_MESSAGE_CHARACTERS) throw new AppError('message_too_long');
    const before = await openBody(this.deps.envelope, row.id, row.body_enc);
    const body: MessageBody = { text: clean, mentions: before?.mentions ?? [] };
    const now = this.deps.clock.now();
    const sealed = await sealBody(this.deps.envelope, seat.keyId, row.id, body);
    await this.deps.repo.transaction(async (trx) => {
      await this.deps.repo.updateMessage(row.id, { body_enc: sealed, edited_at: now }, trx);
      await this.deps.repo.replaceSearchTokens(row.id, await this.tokensOf(seat.keyId, conversationId, clean), trx);
    });
    const message = await this.present({ ...row, body_enc: sealed, edited_at: now });
    await this.deps.bus.publish({ conversationId, frame: { type: 'message_updated', message } });
    return message;
  }

  /**
   * Recall: the content is erased, not hidden. The sealed body is cleared, the search entries go,
   * reactions go; what stays is a tombstone saying a message was recalled.
   */
  async recall(actor: Actor, conversationId: string, messageId: string): Promise<ChatMessage> {
    const seat = await this.seat(actor, conversationId);
    const row = await this.deps.repo.message(conversationId, messageId);
    if (!row) throw new AppError('message_not_found');
    if (!mayRecall(seat.seat.role, seat.conversation.kind, row.sender_member_id === seat.memberId)) throw new AppError('forbidden', {}, 'Only the sender, or a group’s owner or admins, can recall a message.');
    if (row.state === 'recalled' || row.state === 'erased') return this.present(row);
    const files = await this.deps.repo.attachmentsOf([row.id]);
    await this.deps.repo.transaction(async (trx) => {
      await this.deps.repo.updateMessage(row.id, { body_enc: null, state: 'recalled' }, trx);
      await this.deps.repo.deleteAttachments(files.map((file) => file.id), trx);
      await this.deps.repo.replaceSearchTokens(row.id, [], trx);
      await trx.deleteFrom('message_reaction').where('message_id', '=', row.id).execute();
    });
    await this.deps.attachments.deleteRows(files);
    const message = presentMessage({ ...row, body_enc: null, state: 'recalled' }, null);
    await this.deps.bus.publish({ conversationId, frame: { type: 'message_updated', message } });
    return message;
  }

  async react(actor: Actor, conversationId: string, messageId: string, emoji: string, on: boolean): Promise<ChatMessage> {
    if (!ALLOWED_REACTION.test(emoji) || emoji.length > 16) throw new AppError('invalid_request', {}, 'A reaction is a single emoji.');
    // taking a reaction back is allowed in a closed chat, as a recall is
    const seat = on ? await this.openSeat(actor, conversationId) : await this.seat(actor, conversationId);
    const row = await this.deps.repo.message(conversationId, messageId);
    if (!row) throw new AppError('message_not_found');
    if (row.state === 'recalled' || row.state === 'erased') throw new AppError('message_recalled');
    if (on) await this.deps.repo.addReaction({ id: timeOrderedId(this.deps.clock.now()), message_id: row.id, member_id: seat.memberId, emoji, created_at: this.deps.clock.now() });
    else await this.deps.repo.removeReaction(row.id, seat.memberId, emoji);
    const message = await this.present(row);
    await this.deps.bus.publish({ conversationId, frame: { type: 'message_updated', message } });
    return message;
  }

  /** Marks the chat read up to a sequence; the person's other devices and the chat see it. */
  async markRead(actor: Actor, conversationId: string, seq: number): Promise<{ lastReadSeq: number }> {
    const seat = await this.seat(actor, conversationId);
    const lastSeq = Number(seat.conversation.last_seq);
    if (seq > lastSeq) throw new AppError('sequence_ahead', { lastSeq });
    await this.deps.repo.markRead(seat.seat.id, seq);
    const lastReadSeq = Math.max(Number(seat.seat.last_read_seq), seq);
    // in a closed chat the other no longer learns what one reads; one's own devices still follow
    const closed = seat.conversation.closed_at !== null;
    await this.deps.bus.publish({ conversationId, frame: { type: 'read', conversationId, memberId: seat.memberId, seq: lastReadSeq }, ...(closed ? { accountIds: [actor.accountId] } : {}) });
    return { lastReadSeq };
  }

  /** "Someone is typing": not stored, only passed on to the chat's other members. */
  async typing(actor: Actor, conversationId: string): Promise<void> {
    const seat = await this.openSeat(actor, conversationId);
    await this.deps.bus.publish({ conversationId, frame: { type: 'typing', conversationId, memberId: seat.memberId } });
  }

  /**
   * Search over the chats the person is in now. Entries are keyed per chat and per sender (under
   * the sender's member key), so the query's words are keyed once for each sender of each chat
   * and the database is asked only about HMACs; a sender whose key is destroyed has no entries
   * left to find. Results are opened and shown newest first.
   */
  async search(actor: Actor & { orgId: string }, memberId: string, query: string, limit = 50): Promise<ChatMessage[]> {
    const terms = searchTerms(query).slice(0, 16);
    if (!terms.length) return [];
    const conversations = (await this.deps.repo.conversationsOf(memberId)).map((row) => row.conversation.id);
    const senders = await this.deps.repo.sendersOf(conversations);
    await this.deps.envelope.warm(senders.map((sender) => sender.keyId));
    const groups: string[][] = [];
    for (const sender of senders) {
      let key: Buffer;
      try {
        key = await senderSearchKey(this.deps.envelope, sender.keyId);
      } catch (error) {
        if (error instanceof KeyDestroyedError) continue;
        throw error;
      }
      groups.push(terms.map((term) => searchToken(key, sender.conversationId, term)));
    }
    const ids = await this.deps.repo.messagesMatching(groups, limit);
    const rows = (await this.deps.repo.messagesByIds(ids)).filter((row) => conversations.includes(row.conversation_id) && (row.state === 'live'));
    rows.sort((a, b) => (a.id < b.id ? 1 : -1));
    return this.presentAll(rows);
  }

  /** A text's entries as a sender with this member key writes them in this chat. */
  tokensOf(memberKeyId: string, conversationId: string, text: string): Promise<string[]> {
    return senderSearchTokens(this.deps.envelope, memberKeyId, conversationId, searchTerms(text));
  }

  private async mentionable(conversationId: string, mentions: string[]): Promise<string[]> {
    if (!mentions.length) return [];
    const present = new Set((await this.deps.repo.participants(conversationId)).map((p) => p.memberId));
    return [...new Set(mentions)].filter((id) => present.has(id)).slice(0, 100);
  }

  private async present(row: MessageRow): Promise<ChatMessage> {
    return (await this.presentAll([row]))[0]!;
  }

  private async presentAll(rows: MessageRow[]): Promise<ChatMessage[]> {
    const ids = rows.map((row) => row.id);
    const reactions = await this.deps.repo.reactions(ids);
    const files = await this.deps.repo.attachmentsOf(ids);
    return Promise.all(
      rows.map(async (row) =>
        presentMessage(
          row,
          await openBody(this.deps.envelope, row.id, row.body_enc),
          reactions.filter((reaction) => reaction.message_id === row.id),
          await this.deps.attachments.present(files.filter((file) => file.message_id === row.id)),
        ),
      ),
    );
  }
}
