import type { ChatMessage, ConversationSummary, MessageWindow } from '../api/chat';

/**
 * Pure operations on the history the client holds of one chat. Sequence numbers are the order and
 * the identity: a chat numbers its messages 1, 2, 3… with no gaps, so a message is put in its place
 * by its number and never held twice, whichever way it arrived (HTTP page, realtime event, ack).
 */

/**
 * `prefer: 'incoming'` for what is authoritative and newer (an HTTP page, an edit, a recall);
 * `prefer: 'current'` for announcements of a new message, which must not undo an edit that
 * overtook them.
 */
export function mergeMessages(current: readonly ChatMessage[], incoming: readonly ChatMessage[], prefer: 'incoming' | 'current'): ChatMessage[] {
  if (!incoming.length) return current as ChatMessage[];
  const bySeq = new Map<number, ChatMessage>();
  for (const message of current) bySeq.set(message.seq, message);
  let changed = false;
  for (const message of incoming) {
    if (prefer === 'current' && bySeq.has(message.seq)) continue;
    bySeq.set(message.seq, message);
    changed = true;
  }
  if (!changed) return current as ChatMessage[];
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/** An update replaces only a message the window holds: one outside it is fetched when it is scrolled to. */
export function replaceMessage(window: MessageWindow, message: ChatMessage): MessageWindow {
  const index = window.messages.findIndex((held) => held.id === message.id);
  if (index < 0) return window;
  const messages = window.messages.slice();
  messages[index] = message;
  return { ...window, messages };
}

export function addMessages(window: MessageWindow | undefined, incoming: readonly ChatMessage[], prefer: 'incoming' | 'current'): MessageWindow {
  const messages = mergeMessages(window?.messages ?? [], incoming, prefer);
  const lastSeq = Math.max(window?.lastSeq ?? 0, ...incoming.map((message) => message.seq));
  return messages === window?.messages && lastSeq === window.lastSeq ? window : { messages, lastSeq };
}

/** The highest number up to which the window holds every message: where a resume starts. */
export function contiguousEnd(window: MessageWindow): number {
  const { messages } = window;
  if (!messages.length) return 0;
  let end = messages[0]!.seq;
  for (const message of messages.slice(1)) {
    if (message.seq !== end + 1) break;
    end = message.seq;
  }
  return end;
}

/** More history exists before the first message held. */
export function hasOlder(window: MessageWindow): boolean {
  const first = window.messages[0];
  return first ? first.seq > 1 : window.lastSeq > 0;
}

/** A new message in the chat list: it moves up, shows as the latest, and counts as unread unless it is mine or I am looking. */
export function listWithMessage(list: readonly ConversationSummary[], message: ChatMessage, options: { mine: boolean; looking: boolean }): ConversationSummary[] | null {
  const index = list.findIndex((conversation) => conversation.id === message.conversationId);
  if (index < 0) return null;
  const conversation = list[index]!;
  if (conversation.lastSeq >= message.seq) {
    // already counted (the ack and the event both bring it); only refresh an older copy of the latest message
    if (conversation.lastMessage?.id !== message.id) return list as ConversationSummary[];
    const next = list.slice();
    next[index] = { ...conversation, lastMessage: message };
    return next;
  }
  const counts = !options.mine && !options.looking;
  const updated: ConversationSummary = {
    ...conversation,
    lastSeq: message.seq,
    lastMessageAt: message.createdAt,
    lastMessage: message,
    unread: counts ? conversation.unread + 1 : conversation.unread,
  };
  return sortConversations([...list.slice(0, index), updated, ...list.slice(index + 1)]);
}

export function listWithUpdate(list: readonly ConversationSummary[], message: ChatMessage): ConversationSummary[] {
  return list.map((conversation) => (conversation.lastMessage?.id === message.id ? { ...conversation, lastMessage: message } : conversation));
}

export function listWithRead(list: readonly ConversationSummary[], conversationId: string, seq: number): ConversationSummary[] {
  return list.map((conversation) => {
    if (conversation.id !== conversationId || seq <= conversation.lastReadSeq) return conversation;
    return { ...conversation, lastReadSeq: seq, unread: Math.max(0, Math.min(conversation.unread, conversation.lastSeq - seq)) };
  });
}

/** Most recently active first; a chat without messages counts from when it was made. */
export function sortConversations(list: ConversationSummary[]): ConversationSummary[] {
  const at = (conversation: ConversationSummary) => conversation.lastMessageAt ?? conversation.createdAt;
  return list.sort((a, b) => (at(a) < at(b) ? 1 : at(a) > at(b) ? -1 : 0));
}
