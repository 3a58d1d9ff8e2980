import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { FreshCodeProof } from './fresh-code';
import { queryKeys } from './query-keys';

/**
 * A download of someone's data (mine, or a child's as their guardian): asked for with a fresh code,
 * prepared on the server in the background, then fetched through a link that works until it expires.
 */
export interface DataExport {
  id: string;
  status: 'pending' | 'running' | 'ready' | 'failed' | 'expired';
  /** tables of the server's data map walked so far, of all that can hold the person's data */
  progress: { tablesDone: number; tablesTotal: number };
  requestedAt: string;
  readyAt: string | null;
  /** set once ready: the link stops working after it, and the file is deleted */
  expiresAt: string | null;
  bytes: number | null;
  /** a plain same-origin link: the browser downloads the ZIP itself, with the session cookie */
  downloadUrl: string | null;
}

const pollMs = 1000;
const underWay = (status: DataExport['status'] | undefined) => status === 'pending' || status === 'running';

/** Asks for all my data; while one is being prepared the server answers that one. */
export function requestMyDataExport(proof: FreshCodeProof) {
  return api.post<{ export: DataExport }>('/api/me/exports', proof).then((answer) => answer.export);
}

/** My latest downloads of my own data, newest first: one under way is picked up after a reload. */
export function useMyDataExports() {
  return useQuery({
    queryKey: queryKeys.myExports,
    queryFn: () => api.get<{ exports: DataExport[] }>('/api/me/exports'),
    select: (answer) => answer.exports,
  });
}

/** One download, polled while it is being prepared; it stops by itself once it has an outcome. */
export function useDataExport(exportId: string | null) {
  return useQuery({
    queryKey: queryKeys.dataExport(exportId ?? ''),
    queryFn: () => api.get<{ export: DataExport }>(`/api/exports/${encodeURIComponent(exportId ?? '')}`),
    select: (answer) => answer.export,
    enabled: Boolean(exportId),
    refetchInterval: (query) => (!query.state.data || underWay(query.state.data.export.status) ? pollMs : false),
  });
}
