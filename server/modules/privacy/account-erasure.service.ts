import type { Logger } from 'pino';
import type { Notifier } from '../../platform/notify/notifier.ts';
import type { AccountRow } from '../identity/identity.repo.ts';
import type { AccountService } from '../identity/accounts.service.ts';
import type { ErasureResult, ErasureService } from './erasure.service.ts';
import { erasureDoneMessage } from './privacy.messages.ts';
import { failureKind } from '../../platform/failure-kind.ts';

export interface AccountErasureResult extends ErasureResult {
  /** how the person was sent the link to their receipt; null when there was no address or it failed */
  told: 'email' | 'sms' | null;
}

/**
 * Erasing one person and telling them (P8.3): the same step whether their cancellation's grace
 * period ran out, the operator completed their deletion request, or an operator ran
 * `lockstep erase`. Their address is read before the erasure (afterwards nothing can open it) and
 * gets the one-time link to the signed receipt.
 */
export class AccountErasure {
  constructor(
    private readonly deps: {
      accounts: AccountService;
      erasure: ErasureService;
      notifier: Notifier;
      logger: Logger;
      publicUrl: string;
    },
  ) {}

  async eraseAndTell(account: AccountRow): Promise<AccountErasureResult> {
    const view = await this.deps.accounts.view(account);
    const result = await this.deps.erasure.erase(account.id);
    const link = `${this.deps.publicUrl}/api/privacy/receipts/${result.receiptToken}`;
    const channel = view.email ? 'email' : 'sms';
    const to = view.email ?? view.phone;
    if (!to) return { ...result, told: null };
    try {
      await this.deps.notifier.send(erasureDoneMessage({ channel, to, link, receiptId: result.receipt.receiptId, locale: account.locale }));
      return { ...result, told: channel };
    } catch (error) {
      this.deps.logger.warn({ channel, failure: failureKind(error) }, 'privacy message not delivered');
      return { ...result, told: null };
    }
  }
}
