import type { Logger } from 'pino';
import type { Config } from '../../config.ts';
import { DAY, type Clock } from '../../platform/clock.ts';
import type { ClientInfo } from '../../platform/http/client-info.ts';
import type { Notifier } from '../../platform/notify/notifier.ts';
import type { JobRow } from '../../platform/jobs/job-runner.ts';
import { AppError } from '../../errors.ts';
import type { AccountRow } from '../identity/identity.repo.ts';
import type { AccountService } from '../identity/accounts.service.ts';
import type { SignInService } from '../identity/sign-in.service.ts';
import type { AccountErasure } from './account-erasure.service.ts';
import { cancellationMessage } from './privacy.messages.ts';
import { failureKind } from '../../platform/failure-kind.ts';

/**
 * Account cancellation (P6.2, P8.3): after a fresh one-time code the account enters a grace
 * period (15 days by default) during which signing in keeps it; then the erasure job erases it
 * and the person gets the link to their signed receipt at the address they used.
 */
export class CancellationService {
  constructor(
    private readonly deps: {
      accounts: AccountService;
      signIn: SignInService;
      accountErasure: AccountErasure;
      notifier: Notifier;
      clock: Clock;
      config: Config;
      logger: Logger;
    },
  ) {}

  async cancel(account: AccountRow, proof: { challengeId: string; code: string; bindingSecret: string | undefined }, client: ClientInfo): Promise<number> {
    if (account.status !== 'active') throw new AppError('account_disabled');
    await this.deps.signIn.confirmIdentity(account, proof, client);
    const eraseAfter = this.deps.clock.now() + this.deps.config.cancellationGraceDays * DAY;
    await this.deps.accounts.markCancelling(account, eraseAfter, client);
    const view = await this.deps.accounts.view(account);
    await this.deliver(view, (channel, to) => cancellationMessage({ channel, to, eraseAfter, locale: account.locale }));
    return eraseAfter;
  }

  /** The job: erase unless the person came back in time. */
  async eraseWhenDue(job: JobRow): Promise<void> {
    const account = job.subject_account_id ? await this.deps.accounts.byId(job.subject_account_id) : undefined;
    if (!account || account.status !== 'cancelling' || (account.cancel_after ?? Infinity) > this.deps.clock.now()) return;
    await this.deps.accountErasure.eraseAndTell(account);
  }

  private async deliver(
    view: { email: string | null; phone: string | null },
    message: (channel: 'email' | 'sms', to: string) => Parameters<Notifier['send']>[0],
  ): Promise<void> {
    const channel = view.email ? 'email' : 'sms';
    const to = view.email ?? view.phone;
    if (!to) return;
    try {
      await this.deps.notifier.send(message(channel, to));
    } catch (error) {
      this.deps.logger.warn({ channel, failure: failureKind(error) }, 'privacy message not delivered');
    }
  }
}
