import { createContext, useContext } from 'react';

/**
 * Where chats live: an organisation, or the contacts space (decision 0012), which the server
 * answers for on its chat routes only. The chat components read the space from here, so the
 * same ones serve both; what only an organisation has (its directory) they leave out for contacts.
 */
export interface ChatSpace {
  /** the organisation id the chat routes take: for chats between contacts, the contacts space's */
  id: string;
  myMemberId: string;
  kind: 'organisation' | 'contacts';
  /** the messages page of the space; a chat's id follows it */
  chatBase: string;
}

export const ChatSpaceContext = createContext<ChatSpace | null>(null);

export function useChatSpace(): ChatSpace {
  const space = useContext(ChatSpaceContext);
  if (!space) throw new Error('useChatSpace must be used inside a messages page');
  return space;
}

/** Chats between contacts have pages of their own, outside any organisation's. */
export function contactChatPath(conversationId?: string): string {
  return conversationId ? `/contacts/chat/${encodeURIComponent(conversationId)}` : '/contacts/chat';
}

export function orgChatPath(orgId: string): string {
  return `/org/${encodeURIComponent(orgId)}/chat`;
}
