import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import { queryKeys } from './query-keys';

export interface Notice {
  id: string;
  kind: 'new_device_sign_in';
  createdAt: string;
  readAt: string | null;
  data: { browser: string; os: string; place: string; ipMasked: string };
}

export function useNotices(enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.notices,
    queryFn: () => api.get<{ notices: Notice[] }>('/api/notices'),
    select: (answer) => answer.notices,
    enabled,
    // a sign-in elsewhere should show up without a reload
    refetchInterval: enabled ? 60_000 : false,
  });
}

export function markNoticeRead(id: string) {
  return api.post<void>(`/api/notices/${encodeURIComponent(id)}/read`);
}
