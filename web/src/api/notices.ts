import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import { queryKeys } from './query-keys';

interface NoticeBase {
  id: string;
  createdAt: string;
  readAt: string | null;
}

export interface NewDeviceNotice extends NoticeBase {
  kind: 'new_device_sign_in';
  data: { browser: string; os: string; place: string; ipMasked: string };
}

/** A material change of the privacy policy, announced to every account when it is published. */
export interface PolicyChangedNotice extends NoticeBase {
  kind: 'policy_changed';
  data: { label: string; effectiveAt: string; updatedOn: string; versionId: string };
}

/** The operator answered or refused one of my requests about my personal information. */
export interface RequestClosedNotice extends NoticeBase {
  kind: 'privacy_request_closed';
  data: { requestId: string; kind: string; status: string };
}

/** A kind this client does not know yet (a newer server): shown plainly, never dropped. */
export interface OtherNotice extends NoticeBase {
  kind: string & {};
  data: Record<string, string>;
}

export type Notice = NewDeviceNotice | PolicyChangedNotice | RequestClosedNotice | OtherNotice;

export function isNewDeviceNotice(notice: Notice): notice is NewDeviceNotice {
  return notice.kind === 'new_device_sign_in';
}

export function isPolicyChangedNotice(notice: Notice): notice is PolicyChangedNotice {
  return notice.kind === 'policy_changed';
}

export function isRequestClosedNotice(notice: Notice): notice is RequestClosedNotice {
  return notice.kind === 'privacy_request_closed';
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
