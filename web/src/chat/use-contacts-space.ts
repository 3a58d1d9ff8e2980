import { useMemo } from 'react';
import { useConversation, useConversations } from '../api/chat';
import { useContacts } from '../api/contacts';
import { contactChatPath, type ChatSpace } from './chat-space';
import { myMemberId as rememberedMemberId } from './conversation-index';
import { myMemberIdIn, telltaleChat } from './my-place-in-contacts';

/**
 * The contacts space as the chat pages use it: its id from GET /api/contacts (null until my first
 * contact) and my member id in it, read off one of my chats there (my-place-in-contacts.ts).
 * `space` is null while either is still loading or there is no space yet.
 */
export function useContactsSpace() {
  const overview = useContacts();
  const spaceId = overview.data?.spaceId ?? null;
  const conversations = useConversations(spaceId ?? '', Boolean(spaceId));
  const telltale = conversations.data ? telltaleChat(conversations.data) : undefined;
  const detail = useConversation(spaceId ?? '', spaceId ? (telltale?.id ?? null) : null);
  const contactIds = useMemo(() => new Set(overview.data?.contacts.map((contact) => contact.id)), [overview.data]);
  // once known it stays known (my place in the space does not change), so a new chat does not reload the page;
  // with no chat yet, nothing on the page needs it until the first one exists
  const known = spaceId ? rememberedMemberId(spaceId) : undefined;
  const myMemberId = (detail.data && myMemberIdIn(detail.data, contactIds)) || known || '';
  const loading = overview.isPending || (Boolean(spaceId) && (conversations.isPending || (Boolean(telltale) && detail.isPending && !known)));
  const space = useMemo<ChatSpace | null>(
    () => (spaceId && !loading ? { id: spaceId, myMemberId, kind: 'contacts', chatBase: contactChatPath() } : null),
    [spaceId, myMemberId, loading],
  );
  return { overview, conversations, space, loading };
}
