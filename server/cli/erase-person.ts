import { parseIdentifier, type Identifier } from '../../common/identifier.ts';
import type { Services } from '../services.ts';
import type { Receipt } from '../modules/privacy/erasure.service.ts';

/** Whom `lockstep erase` erases: a sign-in address or mobile number, or an account id. */
export type ErasureTarget = { identifier: Identifier } | { accountId: string };

const ACCOUNT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Read before anything is opened, so a typo fails at once. null: neither an address, a number nor an id. */
export function erasureTarget(raw: string): ErasureTarget | null {
  const trimmed = raw.trim();
  if (ACCOUNT_ID.test(trimmed)) return { accountId: trimmed.toLowerCase() };
  const identifier = parseIdentifier(trimmed);
  return identifier ? { identifier } : null;
}

/** A person the command cannot erase, said so that the operator knows what to do. */
export class ErasureRefused extends Error {}

export interface PersonErased {
  accountId: string;
  receipt: Receipt;
  signature: string;
  /** how the person was sent the link to their receipt, or null when they could not be */
  told: 'email' | 'sms' | null;
}

/**
 * Erases one person as a completed deletion request does (P8.3): every row the data map says is
 * theirs, their keys destroyed, a signed receipt, its one-time link sent to them. For operators
 * without the web, e.g. a request that came by post.
 */
export async function erasePerson(services: Services, target: ErasureTarget): Promise<PersonErased> {
  const account = 'accountId' in target ? await services.accounts.byId(target.accountId) : await services.accounts.findByIdentifier(target.identifier);
  if (!account) {
    const who = 'accountId' in target ? `the account ${target.accountId}` : target.identifier.value;
    throw new ErasureRefused(`No account is known as ${who}. (An erased person's address and number are no longer known: give the account id to check for an erasure.)`);
  }
  if (account.status === 'erased') throw new ErasureRefused(`The account ${account.id} was already erased: there is nothing left to erase.`);
  const { receipt, signature, told } = await services.accountErasure.eraseAndTell(account);
  return { accountId: account.id, receipt, signature, told };
}
