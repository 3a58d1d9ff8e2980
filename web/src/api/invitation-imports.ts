import { useQuery } from '@tanstack/react-query';
import { api, request } from './client';
import { queryKeys } from './query-keys';

export interface InvitationImport {
  id: string;
  status: 'running' | 'finished' | 'failed' | 'interrupted';
  total: number;
  processed: number;
  invited: number;
  skipped: number;
  failed: number;
  /** the rows that were not invited, with the file's line number and why */
  problems: { line: number; reason: string }[];
  createdAt: string;
  finishedAt: string | null;
}

const importsPath = (orgId: string) => `/api/orgs/${encodeURIComponent(orgId)}/invitation-imports`;
const pollMs = 1000;

/** The file goes up as-is (text/csv); the server answers at once and works through it in the background. */
export function startInvitationImport(orgId: string, file: Blob, attestation: string) {
  return request<{ import: InvitationImport }>('POST', importsPath(orgId), { body: file, contentType: 'text/csv', query: { attestation } }).then(
    (answer) => answer.import,
  );
}

/** Polls while the import runs, and stops by itself once it has an outcome. */
export function useInvitationImport(orgId: string, importId: string | null) {
  return useQuery({
    queryKey: queryKeys.invitationImport(orgId, importId ?? ''),
    queryFn: () => api.get<{ import: InvitationImport }>(`${importsPath(orgId)}/${encodeURIComponent(importId ?? '')}`),
    select: (answer) => answer.import,
    enabled: Boolean(importId),
    refetchInterval: (query) => (query.state.data?.import.status === 'running' || !query.state.data ? pollMs : false),
  });
}
