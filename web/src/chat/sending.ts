import { isApiError } from '../api/api-error';
import { markReadOverHttp, sendMessageOverHttp, type ChatAttachment, type ChatMessage } from '../api/chat';
import { applyMyRead, applyNewMessage, messageWindow } from './chat-cache';
import { myMemberId } from './conversation-index';
import { outbox, type PendingMessage } from './outbox';
import { realtime } from './realtime-connection';

/**
 * Sending over the realtime socket (the fast path), over HTTP when the socket is down, and the
 * bookkeeping of acknowledgements. A message leaves the outbox only when the server said it is
 * stored; a retry re-sends the same clientMessageId, which the server never stores twice.
 */

/** No ack after this long: shown as failed, with a retry (the server may still have it: a retry then just confirms it). */
const ACK_TIMEOUT_MS = 20_000;
const ackTimers = new Map<string, ReturnType<typeof setTimeout>>();

export function newClientMessageId(): string {
  return typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

export interface Draft {
  orgId: string;
  conversationId: string;
  text: string;
  replyToId: string | null;
  mentions: string[];
  attachments: ChatAttachment[];
}

export function sendDraft(draft: Draft): PendingMessage {
  const entry: PendingMessage = { ...draft, clientMessageId: newClientMessageId(), createdAt: new Date().toISOString(), status: 'sending', error: null };
  outbox.add(entry);
  transmit(entry);
  return entry;
}

export function retry(clientMessageId: string): void {
  const entry = outbox.get(clientMessageId);
  if (!entry) return;
  outbox.update(clientMessageId, { status: 'sending', error: null });
  transmit(entry);
}

export function discard(clientMessageId: string): void {
  clearTimeout(ackTimers.get(clientMessageId));
  ackTimers.delete(clientMessageId);
  outbox.remove(clientMessageId);
}

function transmit(entry: PendingMessage): void {
  const body = {
    clientMessageId: entry.clientMessageId,
    text: entry.text,
    ...(entry.replyToId ? { replyToId: entry.replyToId } : {}),
    ...(entry.mentions.length ? { mentions: entry.mentions } : {}),
    ...(entry.attachments.length ? { attachmentIds: entry.attachments.map((attachment) => attachment.id) } : {}),
  };
  // the ref is the clientMessageId, so an error frame names the message it is about
  if (realtime.send({ type: 'send', ref: entry.clientMessageId, conversationId: entry.conversationId, ...body })) {
    clearTimeout(ackTimers.get(entry.clientMessageId));
    ackTimers.set(
      entry.clientMessageId,
      setTimeout(() => {
        ackTimers.delete(entry.clientMessageId);
        if (outbox.get(entry.clientMessageId)?.status === 'sending') outbox.update(entry.clientMessageId, { status: 'failed', error: null });
      }, ACK_TIMEOUT_MS),
    );
    return;
  }
  sendMessageOverHttp(entry.orgId, entry.conversationId, body).then(
    ({ message }) => acknowledged(entry, message),
    (error: unknown) => {
      const known = isApiError(error) && error.status > 0 ? { code: error.code, message: error.message } : null;
      outbox.update(entry.clientMessageId, { status: 'failed', error: known });
    },
  );
}

/** The server stored it: it takes its place in the history, and the pending copy goes. */
function acknowledged(entry: PendingMessage, message: ChatMessage): void {
  clearTimeout(ackTimers.get(entry.clientMessageId));
  ackTimers.delete(entry.clientMessageId);
  applyNewMessage(entry.orgId, message);
  outbox.remove(entry.clientMessageId);
}

/** An `ack` frame: built into the message it confirms (the `message` event brings the same, whichever comes first). */
export function handleAck(frame: { clientMessageId: string; conversationId: string; messageId: string; seq: number; createdAt: string }): void {
  const entry = outbox.get(frame.clientMessageId);
  if (!entry) return;
  acknowledged(entry, {
    id: frame.messageId,
    conversationId: frame.conversationId,
    seq: frame.seq,
    senderMemberId: myMemberId(entry.orgId) ?? '',
    clientMessageId: entry.clientMessageId,
    text: entry.text,
    mentions: entry.mentions,
    replyToId: entry.replyToId,
    state: 'live',
    createdAt: frame.createdAt,
    editedAt: null,
    reactions: [],
    attachments: entry.attachments,
  });
}

/** An `error` frame answering a send (its ref is the clientMessageId). */
export function handleSendError(ref: string, error: { code: string; message: string }): boolean {
  if (!outbox.get(ref)) return false;
  clearTimeout(ackTimers.get(ref));
  ackTimers.delete(ref);
  outbox.update(ref, { status: 'failed', error });
  return true;
}

/** A `message` event of my own (another device, or this one before its ack): no longer pending. */
export function settledByEvent(message: ChatMessage): void {
  const entry = outbox.get(message.clientMessageId);
  if (entry && entry.conversationId === message.conversationId && message.senderMemberId === myMemberId(entry.orgId)) {
    clearTimeout(ackTimers.get(entry.clientMessageId));
    ackTimers.delete(entry.clientMessageId);
    outbox.remove(entry.clientMessageId);
  }
}

/** After a reconnect, everything still waiting is sent again (the protocol's rule: re-send what has no ack). */
export function resendWaiting(): void {
  for (const entry of outbox.all()) if (entry.status === 'sending') transmit(entry);
}

const readSent = new Map<string, number>();

/** Marks the chat read up to `seq`, once per position: over the socket when it is open, else over HTTP. */
export function markRead(orgId: string, conversationId: string, seq: number): void {
  if (seq <= 0 || (readSent.get(conversationId) ?? 0) >= seq) return;
  readSent.set(conversationId, seq);
  applyMyRead(orgId, conversationId, seq);
  if (realtime.send({ type: 'read', conversationId, seq })) return;
  markReadOverHttp(orgId, conversationId, seq).catch(() => readSent.delete(conversationId));
}

const typingSent = new Map<string, number>();
const TYPING_EVERY_MS = 3_000;

/** Tells the chat I am typing, at most every few seconds; lost when offline, which is fine. */
export function sendTyping(conversationId: string): void {
  const now = Date.now();
  if (now - (typingSent.get(conversationId) ?? 0) < TYPING_EVERY_MS) return;
  typingSent.set(conversationId, now);
  realtime.send({ type: 'typing', conversationId });
}

/** Asks for what came after the last message held (after a reconnect, or a gap noticed). */
export function requestSync(orgId: string, conversationId: string, afterSeq: number): void {
  if (!messageWindow(orgId, conversationId)) return;
  realtime.send({ type: 'sync', ref: `sync:${conversationId}`, conversationId, afterSeq });
}

export function forgetSending(): void {
  for (const timer of ackTimers.values()) clearTimeout(timer);
  ackTimers.clear();
  readSent.clear();
  typingSent.clear();
}
