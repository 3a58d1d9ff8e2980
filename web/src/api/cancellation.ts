import { api } from './client';
import type { FreshCodeProof } from './fresh-code';

export interface Cancellation {
  /** signing in again before this keeps the account; afterwards it is erased */
  eraseAfter: string;
  graceDays: number;
}

/**
 * The server does not tell the client its grace period before a cancellation (it is configurable,
 * CANCELLATION_GRACE_DAYS): this is its default, used in the explanation; the answer to the
 * cancellation carries the real figure.
 */
export const defaultGraceDays = 15;

/** Starts the grace period and ends every session of the account, this one included. */
export function cancelAccount(proof: FreshCodeProof) {
  return api.post<Cancellation>('/api/me/cancellation', proof);
}
