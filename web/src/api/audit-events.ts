import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from './client';
import { queryKeys } from './query-keys';

export interface AuditEvent {
  id: string;
  /** a string, not a closed list: a newer server may record actions this client does not know yet */
  action: string;
  actorName: string | null;
  targetName: string | null;
  targetId: string | null;
  detail: Record<string, unknown> | null;
  occurredAt: string;
}

const pageSize = 100;
const auditPath = (orgId: string) => `/api/orgs/${encodeURIComponent(orgId)}/audit-events`;

/** Newest first, a page at a time: the next page is everything before the oldest event shown. */
export function useAuditEvents(orgId: string) {
  return useInfiniteQuery({
    queryKey: queryKeys.auditEvents(orgId),
    queryFn: ({ pageParam }) => api.get<{ events: AuditEvent[] }>(auditPath(orgId), { limit: String(pageSize), before: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => (last.events.length === pageSize ? last.events[last.events.length - 1]?.occurredAt : undefined),
  });
}

/** A plain link: the browser downloads it with the session cookie, and the server records the export. */
export function auditCsvUrl(orgId: string): string {
  return `${auditPath(orgId)}.csv`;
}
