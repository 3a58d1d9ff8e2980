import { useQuery } from '@tanstack/react-query';
import { rememberConversation } from '../chat/conversation-index';
import { api, request } from './client';
import { queryKeys } from './query-keys';

// The wire contract is shared with the server (common/chat.ts); these are its names here.
export type { ChatAttachment, ChatMessage, ChatParticipant, ChatRole, ConversationDetail, ConversationSummary } from '../../../common/chat.ts';
import type { ChatMessage, ConversationDetail, ConversationSummary } from '../../../common/chat.ts';

/** The messages of one chat the client holds: a contiguous run of sequence numbers, oldest first. */
export interface MessageWindow {
  messages: ChatMessage[];
  lastSeq: number;
}

export const HISTORY_PAGE = 50;

const orgPath = (orgId: string) => `/api/orgs/${encodeURIComponent(orgId)}`;
export const conversationPath = (orgId: string, conversationId: string) => `${orgPath(orgId)}/conversations/${encodeURIComponent(conversationId)}`;

export function useConversations(orgId: string, enabled = true) {
  return useQuery({
    queryKey: queryKeys.conversations(orgId),
    enabled,
    queryFn: async ({ signal }) => {
      const answer = await api.get<{ conversations: ConversationSummary[] }>(`${orgPath(orgId)}/conversations`, undefined, signal);
      for (const conversation of answer.conversations) rememberConversation(conversation.id, orgId);
      return answer.conversations;
    },
    // the realtime socket keeps it current; a reconnect fetches it again
    staleTime: 60_000,
  });
}

export function useConversation(orgId: string, conversationId: string | null) {
  return useQuery({
    queryKey: queryKeys.conversation(orgId, conversationId ?? ''),
    queryFn: async ({ signal }) => {
      const answer = await api.get<{ conversation: ConversationDetail }>(conversationPath(orgId, conversationId ?? ''), undefined, signal);
      rememberConversation(answer.conversation.id, orgId);
      return answer.conversation;
    },
    enabled: Boolean(conversationId),
    staleTime: 60_000,
  });
}

export function fetchHistory(orgId: string, conversationId: string, page: { beforeSeq?: number; afterSeq?: number; limit?: number }, signal?: AbortSignal) {
  const query = {
    beforeSeq: page.beforeSeq === undefined ? undefined : String(page.beforeSeq),
    afterSeq: page.afterSeq === undefined ? undefined : String(page.afterSeq),
    limit: String(page.limit ?? HISTORY_PAGE),
  };
  return api.get<{ messages: ChatMessage[]; lastSeq: number }>(`${conversationPath(orgId, conversationId)}/messages`, query, signal);
}

export function openDirectChat(orgId: string, memberId: string) {
  return api.post<{ conversation: ConversationDetail }>(`${orgPath(orgId)}/conversations`, { kind: 'direct', memberId }).then((answer) => answer.conversation);
}

export function createGroup(orgId: string, name: string, memberIds: string[]) {
  return api.post<{ conversation: ConversationDetail }>(`${orgPath(orgId)}/conversations`, { kind: 'group', name, memberIds }).then((answer) => answer.conversation);
}

export function renameGroup(orgId: string, conversationId: string, name: string) {
  return api.patch<{ conversation: ConversationDetail }>(conversationPath(orgId, conversationId), { name }).then((answer) => answer.conversation);
}

/** Sets a group's picture (owner and admins): the raw image, judged and re-encoded by the server. */
export function setGroupAvatar(orgId: string, conversationId: string, image: Blob, contentType: string) {
  return api.put<{ conversation: ConversationDetail }>(`${conversationPath(orgId, conversationId)}/avatar`, image, contentType).then((answer) => answer.conversation);
}

export function removeGroupAvatar(orgId: string, conversationId: string) {
  return api.delete<{ conversation: ConversationDetail }>(`${conversationPath(orgId, conversationId)}/avatar`).then((answer) => answer.conversation);
}

export function changeChatSettings(orgId: string, conversationId: string, changes: { muted?: boolean; archived?: boolean }) {
  return request<{ conversation: ConversationDetail }>('PUT', `${conversationPath(orgId, conversationId)}/settings`, { json: changes }).then((answer) => answer.conversation);
}

export function addChatMembers(orgId: string, conversationId: string, memberIds: string[]) {
  return api.post<{ conversation: ConversationDetail }>(`${conversationPath(orgId, conversationId)}/members`, { memberIds }).then((answer) => answer.conversation);
}

/** Removes someone from a group; with my own member id, leaves the chat. */
export function removeChatMember(orgId: string, conversationId: string, memberId: string) {
  return api.delete<void>(`${conversationPath(orgId, conversationId)}/members/${encodeURIComponent(memberId)}`);
}

export function setChatRole(orgId: string, conversationId: string, memberId: string, role: 'admin' | 'member') {
  return request<{ conversation: ConversationDetail }>('PUT', `${conversationPath(orgId, conversationId)}/members/${encodeURIComponent(memberId)}/role`, { json: { role } })
    .then((answer) => answer.conversation);
}

export interface SendInput {
  clientMessageId: string;
  text: string;
  replyToId?: string | null;
  mentions?: string[];
  attachmentIds?: string[];
}

/** The HTTP way to send, for when the socket is down: the same clientMessageId never stores twice. */
export function sendMessageOverHttp(orgId: string, conversationId: string, input: SendInput) {
  return api.post<{ message: ChatMessage; duplicate: boolean }>(`${conversationPath(orgId, conversationId)}/messages`, input);
}

export function editMessage(orgId: string, conversationId: string, messageId: string, text: string) {
  return api.patch<{ message: ChatMessage }>(`${conversationPath(orgId, conversationId)}/messages/${encodeURIComponent(messageId)}`, { text }).then((answer) => answer.message);
}

export function recallMessage(orgId: string, conversationId: string, messageId: string) {
  return api.delete<{ message: ChatMessage }>(`${conversationPath(orgId, conversationId)}/messages/${encodeURIComponent(messageId)}`).then((answer) => answer.message);
}

export function setReaction(orgId: string, conversationId: string, messageId: string, emoji: string, on: boolean) {
  const path = `${conversationPath(orgId, conversationId)}/messages/${encodeURIComponent(messageId)}/reactions/${encodeURIComponent(emoji)}`;
  return request<{ message: ChatMessage }>(on ? 'PUT' : 'DELETE', path).then((answer) => answer.message);
}

export function markReadOverHttp(orgId: string, conversationId: string, seq: number) {
  return api.post<{ lastReadSeq: number }>(`${conversationPath(orgId, conversationId)}/read`, { seq });
}

export function useMessageSearch(orgId: string, q: string) {
  return useQuery({
    queryKey: queryKeys.messageSearch(orgId, q),
    queryFn: ({ signal }) => api.get<{ messages: ChatMessage[] }>(`${orgPath(orgId)}/message-search`, { q }, signal),
    select: (answer) => answer.messages,
    enabled: q.trim().length > 0,
  });
}
