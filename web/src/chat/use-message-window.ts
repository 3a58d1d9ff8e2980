import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef, useState } from 'react';
import { fetchHistory, HISTORY_PAGE, type MessageWindow } from '../api/chat';
import { queryKeys } from '../api/query-keys';
import { addMessages, hasOlder } from './message-window';

/**
 * The history of one chat the client holds. The first fetch brings the latest page; a refetch
 * (after a reconnect) brings the latest page again and merges it, so older pages the person
 * scrolled to stay; `loadOlder` fetches the page before the first message held.
 */
export function useMessageWindow(orgId: string, conversationId: string) {
  const queryClient = useQueryClient();
  const key = queryKeys.messages(orgId, conversationId);
  const query = useQuery({
    queryKey: key,
    queryFn: async ({ signal }) => {
      const page = await fetchHistory(orgId, conversationId, {}, signal);
      const held = queryClient.getQueryData<MessageWindow>(key);
      // the latest page is authoritative for what it covers (edits and recalls included)
      return addMessages(held ? { ...held, lastSeq: Math.max(held.lastSeq, page.lastSeq) } : { messages: [], lastSeq: page.lastSeq }, page.messages, 'incoming');
    },
    staleTime: Infinity,
    gcTime: 10 * 60_000,
  });

  const [loadingOlder, setLoadingOlder] = useState(false);
  const inFlight = useRef(false);
  const loadOlder = useCallback(
    async (untilSeq?: number) => {
      if (inFlight.current) return;
      inFlight.current = true;
      setLoadingOlder(true);
      try {
        // several pages when a search result far back is to be shown
        for (let pages = 0; pages < 20; pages++) {
          const held = queryClient.getQueryData<MessageWindow>(key);
          const first = held?.messages[0];
          if (!held || !first || !hasOlder(held)) return;
          const page = await fetchHistory(orgId, conversationId, { beforeSeq: first.seq, limit: HISTORY_PAGE });
          queryClient.setQueryData<MessageWindow>(key, (current) => addMessages(current, page.messages, 'incoming'));
          if (untilSeq === undefined || page.messages.length === 0 || (page.messages[0]?.seq ?? 0) <= untilSeq) return;
        }
      } finally {
        inFlight.current = false;
        setLoadingOlder(false);
      }
    },
    // the key is derived from orgId and conversationId
    [orgId, conversationId, queryClient],
  );

  return { query, loadOlder, loadingOlder };
}
