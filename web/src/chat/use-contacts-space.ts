import { useEffect, useMemo, useState } from 'react';
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
  // my place in the space does not change, so once known it stays known; with no chat yet, nothing
  // on the page needs it until the first one exists
  const known = spaceId ? rememberedMemberId(spaceId) : undefined;
  const myMemberId = (detail.data && myMemberIdIn(detail.data, contactIds)) || known || '';
  // only the first load waits for it: a first chat arriving later must not blank the page
  const [shown, setShown] = useState(false);
  const waitingForMe = Boolean(telltale) && detail.isPending && !known && !shown;
  const loading = overview.isPending || (Boolean(spaceId) && (conversations.isPending || waitingForMe));
  useEffect(() => {
    if (spaceId && !loading) setShown(true);
  }, [spaceId, loading]);
  const space = useMemo<ChatSpace | null>(
    () => (spaceId && !loading ? { id: spaceId, myMemberId, kind: 'contacts', chatBase: contactChatPath() } : null),
    [spaceId, myMemberId, loading],
  );
  return { overview, conversations, space, loading };
}
