import type { Locale } from '../i18n/locales';
import type { Account } from './account';
import { api, request } from './client';
import { setCsrfToken } from './csrf';
import { deviceIdForSignIn, forgetDeviceId } from './device-id';
import type { GuardianRequestState } from './guardian-request';

export interface Challenge {
  challengeId: string;
  channel: 'email' | 'sms';
  maskedIdentifier: string;
  expiresAt: string;
  resendAvailableAt: string;
}

export interface Verified {
  account: Account;
  csrfToken: string;
  newAccount: boolean;
  /** this sign-in came within the grace period of a cancellation and called it off */
  restored: boolean;
}

/**
 * A child under 14 who signed up, or signed in again before their guardian answered: the account
 * waits for their parent or guardian's consent, and there is no session (nor CSRF token) until then.
 */
export type AwaitingGuardian = GuardianRequestState;

export function isAwaitingGuardian(answer: Verified | AwaitingGuardian): answer is AwaitingGuardian {
  return 'status' in answer && answer.status === 'awaiting_guardian';
}

export function requestCode(identifier: string, locale: Locale) {
  return api.post<Challenge>('/api/auth/code', { identifier, locale });
}

export interface VerifyInput {
  challengeId: string;
  code: string;
  keepSignedIn: boolean;
  /** the sign-up's details, sent again with the same code once the server asked for them */
  name?: string;
  /** YYYY-MM-DD */
  birthDate?: string;
  /** the parent or guardian's email or mobile number, for a child under 14 */
  guardianIdentifier?: string;
  /** the version of the privacy policy the sign-up showed, its box ticked */
  acceptedPolicyVersionId?: string;
  /** the page's language: the policy was named and linked in it */
  locale?: Locale;
}

export async function verifyCode(input: VerifyInput) {
  const answer = await request<Verified | AwaitingGuardian>('POST', '/api/auth/verify', { json: input, deviceId: deviceIdForSignIn() });
  if (!isAwaitingGuardian(answer)) setCsrfToken(answer.csrfToken);
  return answer;
}

export async function signOut() {
  try {
    await api.post<void>('/api/auth/sign-out');
  } finally {
    // even if the server could not be reached, this tab must stop acting as signed in
    setCsrfToken(null);
    forgetDeviceId();
  }
}
