import { api } from './client';

/**
 * A one-time code sent to my own address, proving again that I control it before something that
 * must not rest on a session alone (downloading my data, cancelling my account). The server also
 * sets a short-lived cookie binding the code to this browser; same-origin fetches carry it.
 */
export interface FreshChallenge {
  challengeId: string;
  channel: 'email' | 'sms';
  maskedIdentifier: string;
  expiresAt: string;
}

/** What a sensitive request carries: the challenge and the code typed from the message. */
export interface FreshCodeProof {
  challengeId: string;
  code: string;
}

export function requestFreshCode() {
  return api.post<FreshChallenge>('/api/me/verification-code');
}
