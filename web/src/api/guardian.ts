import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { DataExport } from './data-exports';
import type { FreshCodeProof } from './fresh-code';
import { queryKeys } from './query-keys';

/**
 * How long a guardian has to answer before the child's account is erased. The server does not
 * send it (it is fixed there, CONSENT_VALID_DAYS in guardian.service.ts): this copy is only for
 * the explanations.
 */
export const consentValidDays = 7;

export type GuardianDecision = 'approve' | 'decline';

export interface ConsentOutcome {
  status: 'approved' | 'declined';
  /** after a refusal: the one-time link to the signed deletion receipt of the child's account */
  receiptUrl: string | null;
}

/** The guardian's answer, proven by the code sent to them; no account is needed. */
export function decideConsent(consentId: string, input: { code: string; decision: GuardianDecision }) {
  return api.post<ConsentOutcome>(`/api/guardian-consents/${encodeURIComponent(consentId)}/decision`, input);
}

export interface ChildInCare {
  id: string;
  name: string;
}

/** The children whose consent was given from my own verified address; empty for almost everyone. */
export function useChildrenInCare() {
  return useQuery({
    queryKey: queryKeys.childrenInCare,
    queryFn: () => api.get<{ children: ChildInCare[] }>('/api/guardian/children'),
    select: (answer) => answer.children,
  });
}

/** Asks for everything the server holds about the child, prepared like my own data; the code goes to my address. */
export function requestChildDataExport(childId: string, proof: FreshCodeProof) {
  return api.post<{ export: DataExport }>(`/api/guardian/children/${encodeURIComponent(childId)}/exports`, proof).then((answer) => answer.export);
}

/** My latest downloads of the child's data, newest first. */
export function useChildDataExports(childId: string) {
  return useQuery({
    queryKey: queryKeys.childExports(childId),
    queryFn: () => api.get<{ exports: DataExport[] }>(`/api/guardian/children/${encodeURIComponent(childId)}/exports`),
    select: (answer) => answer.exports,
  });
}

/** Erases the child's account and data at once (no grace period) and answers with the receipt's one-time link. */
export function eraseChildAccount(childId: string, proof: FreshCodeProof) {
  return api.post<{ receiptUrl: string }>(`/api/guardian/children/${encodeURIComponent(childId)}/erasure`, proof);
}
