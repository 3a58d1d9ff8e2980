import type { QueryClient } from '@tanstack/react-query';
import type { ChatMessage, ConversationDetail, ConversationSummary, MessageWindow } from '../api/chat';
import { queryKeys } from '../api/query-keys';
import { queryClient as defaultClient } from '../query-client';
import { myMemberId } from './conversation-index';
import { addMessages, listWithMessage, listWithRead, listWithUpdate, replaceMessage } from './message-window';

/**
 * What the realtime socket, acks and HTTP answers change in the react-query cache. Lists and
 * windows are updated in place rather than refetched, so a message shows the moment it arrives.
 */

// the chat on screen while the tab is visible: its new messages are read, not unread
let viewing: string | null = null;

export function setViewing(conversationId: string | null): void {
  viewing = conversationId;
}

export function isViewing(conversationId: string): boolean {
  return viewing === conversationId;
}

const client = (): QueryClient => defaultClient;

export function messageWindow(orgId: string, conversationId: string): MessageWindow | undefined {
  return client().getQueryData<MessageWindow>(queryKeys.messages(orgId, conversationId));
}

/** Every chat whose history the client holds, for resuming after a reconnect. */
export function heldWindows(): Array<{ orgId: string; conversationId: string; window: MessageWindow }> {
  return client()
    .getQueriesData<MessageWindow>({ queryKey: ['personal', 'chat-messages'] })
    .flatMap(([key, window]) => (window ? [{ orgId: String(key[2]), conversationId: String(key[3]), window }] : []));
}

/** Adds messages to a held window; a window not loaded yet is left alone (its first fetch brings them). */
export function addToWindow(orgId: string, conversationId: string, messages: ChatMessage[], prefer: 'incoming' | 'current'): void {
  const key = queryKeys.messages(orgId, conversationId);
  if (!client().getQueryData(key)) return;
  client().setQueryData<MessageWindow>(key, (window) => addMessages(window, messages, prefer));
}

export function applyNewMessage(orgId: string, message: ChatMessage): void {
  addToWindow(orgId, message.conversationId, [message], 'current');
  const mine = message.senderMemberId === myMemberId(orgId);
  const listKey = queryKeys.conversations(orgId);
  const list = client().getQueryData<ConversationSummary[]>(listKey);
  if (!list) return;
  const next = listWithMessage(list, message, { mine, looking: isViewing(message.conversationId) && document.visibilityState === 'visible' });
  // a chat the list does not have yet (just created by someone else): fetch the list again
  if (next === null) void client().invalidateQueries({ queryKey: listKey, exact: true });
  else client().setQueryData(listKey, next);
}

export function applyUpdatedMessage(orgId: string, message: ChatMessage): void {
  const key = queryKeys.messages(orgId, message.conversationId);
  if (client().getQueryData(key)) client().setQueryData<MessageWindow>(key, (window) => (window ? replaceMessage(window, message) : window));
  const listKey = queryKeys.conversations(orgId);
  if (client().getQueryData(listKey)) client().setQueryData<ConversationSummary[]>(listKey, (list) => (list ? listWithUpdate(list, message) : list));
}

/** My own read position moved (here or on another device): the badge goes. */
export function applyMyRead(orgId: string, conversationId: string, seq: number): void {
  const listKey = queryKeys.conversations(orgId);
  if (client().getQueryData(listKey)) client().setQueryData<ConversationSummary[]>(listKey, (list) => (list ? listWithRead(list, conversationId, seq) : list));
}

/** Created, renamed, members or roles changed: fetched again over HTTP. */
export function conversationChanged(orgId: string | undefined, conversationId: string): void {
  if (!orgId) {
    // a chat the client never saw, e.g. someone just opened one with me: every list may need it
    void client().invalidateQueries({ predicate: (query) => query.queryKey[0] === 'personal' && query.queryKey[1] === 'orgs' && query.queryKey[3] === 'chats' });
    return;
  }
  void client().invalidateQueries({ queryKey: queryKeys.conversations(orgId), exact: true });
  void client().invalidateQueries({ queryKey: queryKeys.conversation(orgId, conversationId) });
}

/** Someone asked me to be a contact, or a contact came or went: the Contacts page, the header badge and the contacts' chat pickers ask again. */
export function contactsChanged(): void {
  void client().invalidateQueries({ queryKey: queryKeys.contacts, exact: true });
}

/** I left or was removed: the chat goes from the list and its history from memory. */
export function conversationLeft(orgId: string, conversationId: string): void {
  client().setQueryData<ConversationSummary[]>(queryKeys.conversations(orgId), (list) => list?.filter((conversation) => conversation.id !== conversationId));
  client().removeQueries({ queryKey: queryKeys.messages(orgId, conversationId) });
  void client().invalidateQueries({ queryKey: queryKeys.conversation(orgId, conversationId) });
}

/** After an HTTP change (rename, mute…), the answer is the chat as it is now. */
export function storeConversation(orgId: string, conversation: ConversationDetail): void {
  client().setQueryData(queryKeys.conversation(orgId, conversation.id), conversation);
  const listKey = queryKeys.conversations(orgId);
  const list = client().getQueryData<ConversationSummary[]>(listKey);
  if (list?.some((held) => held.id === conversation.id)) {
    const { participants: _participants, ...summary } = conversation;
    client().setQueryData<ConversationSummary[]>(listKey, list.map((held) => (held.id === conversation.id ? summary : held)));
  } else {
    void client().invalidateQueries({ queryKey: listKey, exact: true });
  }
}

/** After a reconnect: every list is fetched again, and the histories on screen too (edits and recalls made meanwhile). */
export function refreshAfterReconnect(): void {
  // a contacts_changed lost while the socket was down
  void client().invalidateQueries({ queryKey: queryKeys.contacts, exact: true });
  void client().invalidateQueries({ predicate: (query) => query.queryKey[0] === 'personal' && query.queryKey[1] === 'orgs' && query.queryKey[3] === 'chats' });
  void client().invalidateQueries({ queryKey: ['personal', 'chat-messages'], refetchType: 'active' });
}
