import { useMemo } from 'react';
import { useConversations } from '../api/chat';
import { useContacts } from '../api/contacts';
import { contactChatPath, type ChatSpace } from './chat-space';

/**
 * The contacts space as the chat pages use it: its id and my member id in it, both from
 * GET /api/contacts. `space` is null while loading, and while I have no place there (no contact
 * yet), when there are no chats of mine to show.
 */
export function useContactsSpace() {
  const overview = useContacts();
  const spaceId = overview.data?.spaceId ?? null;
  const myMemberId = overview.data?.myMemberId ?? null;
  const mine = Boolean(spaceId && myMemberId);
  const conversations = useConversations(spaceId ?? '', mine);
  const loading = overview.isPending || (mine && conversations.isPending);
  const space = useMemo<ChatSpace | null>(
    () => (spaceId && myMemberId && !loading ? { id: spaceId, myMemberId, kind: 'contacts', chatBase: contactChatPath() } : null),
    [spaceId, myMemberId, loading],
  );
  return { overview, conversations, space, loading };
}
