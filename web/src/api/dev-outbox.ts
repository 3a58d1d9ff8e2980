import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import { queryKeys } from './query-keys';

export interface OutboxMessage {
  id: string;
  channel: 'email' | 'sms';
  recipient: string;
  subject: string | null;
  text: string;
  code: string | null;
  createdAt: string;
}

export function useDevOutbox() {
  return useQuery({
    queryKey: queryKeys.outbox,
    queryFn: () => api.get<{ messages: OutboxMessage[] }>('/api/dev/outbox'),
    select: (answer) => answer.messages,
    refetchInterval: 3000,
    // the page's whole point is to watch codes arrive while signing in in another tab
    refetchIntervalInBackground: true,
  });
}
