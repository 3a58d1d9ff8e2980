import { useQuery } from '@tanstack/react-query';
import { api, requestFile } from './client';
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

/** Everything the server holds about the child, as the same kind of ZIP as my own data. */
export function downloadChildData(childId: string, proof: FreshCodeProof) {
  return requestFile('POST', `/api/guardian/children/${encodeURIComponent(childId)}/export`, {
    json: proof,
    accept: 'application/zip, application/json',
    fallbackName: 'lockstep-child-data.zip',
  });
}

/** Erases the child's account and data at once (no grace period) and answers with the receipt's one-time link. */
export function eraseChildAccount(childId: string, proof: FreshCodeProof) {
  return api.post<{ receiptUrl: string }>(`/api/guardian/children/${encodeURIComponent(childId)}/erasure`, proof);
}
