import { useQuery } from '@tanstack/react-query';
import type { EmployerField } from '../../../common/org.ts';
import { api } from './client';
import { queryKeys } from './query-keys';

export type CorrectionStatus = 'pending' | 'approved' | 'rejected';

/**
 * A member's request to correct a field the employer manages. For departmentId and supervisorId
 * the proposed value is an id; pages turn it into a name.
 */
export interface Correction {
  id: string;
  memberId: string;
  field: EmployerField;
  proposedValue: string;
  note: string | null;
  status: CorrectionStatus;
  decisionReason: string | null;
  createdAt: string;
  decidedAt: string | null;
}

const correctionsPath = (orgId: string) => `/api/orgs/${encodeURIComponent(orgId)}/corrections`;

/** scope "mine": my own requests; "all": the organisation's queue (admins). */
export function useCorrections(orgId: string, scope: 'mine' | 'all', status: CorrectionStatus | '' = '') {
  return useQuery({
    queryKey: queryKeys.corrections(orgId, scope, status),
    queryFn: () => api.get<{ corrections: Correction[] }>(correctionsPath(orgId), { scope, status: status || undefined }),
    select: (answer) => answer.corrections,
  });
}

export function requestCorrection(orgId: string, input: { field: EmployerField; proposedValue: string; note?: string }) {
  return api.post<{ correction: Correction }>(correctionsPath(orgId), input).then((answer) => answer.correction);
}

export function approveCorrection(orgId: string, correctionId: string) {
  return api.post<{ correction: Correction }>(`${correctionsPath(orgId)}/${encodeURIComponent(correctionId)}/approve`).then((answer) => answer.correction);
}

export function rejectCorrection(orgId: string, correctionId: string, reason: string) {
  return api
    .post<{ correction: Correction }>(`${correctionsPath(orgId)}/${encodeURIComponent(correctionId)}/reject`, { reason })
    .then((answer) => answer.correction);
}
