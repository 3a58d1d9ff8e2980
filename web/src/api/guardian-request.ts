import { api, request } from './client';

/**
 * A child's consent request while their guardian has not answered. The child has no session: the
 * browser holds a wait cookie from the sign-up (or a later sign-in with a code) instead.
 */
export interface GuardianRequestState {
  status: 'awaiting_guardian';
  /** where the request went, e.g. p***@example.com */
  maskedGuardian: string;
  /** when the latest code went to the guardian */
  sentAt: string;
  /** unanswered by then, the account and its data are erased; resending or correcting never moves it */
  expiresAt: string;
  /** from when the code can be sent again */
  resendAvailableAt: string;
}

export function resendGuardianCode() {
  return api.post<GuardianRequestState>('/api/child/guardian-request/resend');
}

/** Sends the request to the right address instead; the mistyped one's code stops working. */
export function correctGuardian(guardianIdentifier: string) {
  return request<GuardianRequestState>('PUT', '/api/child/guardian-request/guardian', { json: { guardianIdentifier } });
}
