import type { Locale } from '../i18n/locales';
import type { Account } from './account';
import { api } from './client';
import { setCsrfToken } from './csrf';

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

export function requestCode(identifier: string, locale: Locale) {
  return api.post<Challenge>('/api/auth/code', { identifier, locale });
}

export async function verifyCode(input: { challengeId: string; code: string; name?: string; keepSignedIn: boolean }) {
  const verified = await api.post<Verified>('/api/auth/verify', input);
  setCsrfToken(verified.csrfToken);
  return verified;
}

export async function signOut() {
  try {
    await api.post<void>('/api/auth/sign-out');
  } finally {
    // even if the server could not be reached, this tab must stop acting as signed in
    setCsrfToken(null);
  }
}
