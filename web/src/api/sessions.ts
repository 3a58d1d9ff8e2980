import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import { queryKeys } from './query-keys';

export interface Session {
  id: string;
  current: boolean;
  browser: string;
  os: string;
  deviceType: string;
  place: string;
  ipMasked: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string | null;
  persistent: boolean;
}

export function useSessions() {
  return useQuery({
    queryKey: queryKeys.sessions,
    queryFn: () => api.get<{ sessions: Session[] }>('/api/sessions'),
    select: (answer) => answer.sessions,
  });
}

export function endSession(id: string) {
  return api.delete<void>(`/api/sessions/${encodeURIComponent(id)}`);
}
