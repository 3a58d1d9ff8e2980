import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../../database.ts';
import type { Config } from '../../config.ts';
import { DAY, type Clock } from '../../platform/clock.ts';
import type { Envelope } from '../../platform/crypto/envelope.ts';
import type { BlindIndex } from '../../platform/crypto/blind-index.ts';
import type { ClientInfo } from '../../platform/http/client-info.ts';
import type { Notifier } from '../../platform/notify/notifier.ts';
import { AppError } from '../../errors.ts';
import { REQUEST_ANSWER_DAYS, type PrivacyRequestKind, type RefusalReason } from '../../../common/privacy-requests.ts';
import type { AccountRow } from '../identity/identity.repo.ts';
import type { SignInService } from '../identity/sign-in.service.ts';
import type { SecurityService } from '../security/security.service.ts';

export type PrivacyRequestRow = Selectable<Database['privacy_request']>;

export interface PrivacyRequestView {
  row: PrivacyRequestRow;
  details: string | null;
  response: string | null;
}

const REMIND_DAYS_BEFORE_DUE = 3;

/**
 * Requests about personal data (P8.3, P10.1): made after a fresh one-time code, answered by the
 * operator within 15 days of that verification, with a queue that shows the clock and reminders as
 * the due date nears. Repeated requests beyond a yearly limit are flagged and may be refused, but
 * only for one of the policy's reasons, which the person sees.
 */
export class PrivacyRequestService {
  constructor(
    private readonly deps: {
      db: Kysely<Database>;
      envelope: Envelope;
      blindIndex: BlindIndex;
      signIn: SignInService;
      security: SecurityService;
      notifier: Notifier;
      clock: Clock;
      config: Config;
      logger: Logger;
    },
  ) {}

  async submit(
    account: AccountRow,
    input: { kind: PrivacyRequestKind; details?: string | undefined },
    proof: { challengeId: string; code: string; bindingSecret: string | undefined },
    client: ClientInfo,
  ): Promise<PrivacyRequestView> {
    await this.deps.signIn.confirmIdentity(account, proof, client);
    const now = this.deps.clock.now();
    const earlier = await this.deps.db
      .selectFrom('privacy_request')
      .select('id')
      .where('account_id', '=', account.id)
      .where('kind', '=', input.kind)
      .where('created_at', '>', now - 365 * DAY)
      .execute();
    const id = randomUUID();
    const row: PrivacyRequestRow = {
      id,
      account_id: account.id,
      kind: input.kind,
      status: 'open',
      details_enc: input.details ? await this.deps.envelope.seal(account.key_id, input.details, `privacy_request.details_enc:${id}`) : null,
      repeated: earlier.length >= this.deps.config.requestsPerYear ? 1 : 0,
      verified_at: now,
      due_at: now + REQUEST_ANSWER_DAYS * DAY,
      reminded_at: null,
      refusal_reason: null,
      response_enc: null,
      created_at: now,
      closed_at: null,
    };
    await this.deps.db.insertInto('privacy_request').values(row).execute();
    await this.tellOperators(`Lockstep: a new ${input.kind} request is due by ${new Date(row.due_at).toISOString().slice(0, 10)} (request ${id}).`);
    return { row, details: input.details ?? null, response: null };
  }

  async mine(account: AccountRow): Promise<PrivacyRequestView[]> {
    const rows = await this.deps.db.selectFrom('privacy_request').selectAll().where('account_id', '=', account.id).orderBy('created_at', 'desc').execute();
    return Promise.all(rows.map((row) => this.open(row)));
  }

  async withdraw(account: AccountRow, id: string): Promise<void> {
    const result = await this.deps.db
      .updateTable('privacy_request')
      .set({ status: 'withdrawn', closed_at: this.deps.clock.now() })
      .where('id', '=', id)
      .where('account_id', '=', account.id)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new AppError('request_not_found');
  }

  async isOperator(account: AccountRow): Promise<boolean> {
    if (!account.email_index) return false;
    // under any live blind-index epoch: the account may not be re-indexed yet (decision 0019)
    for (const email of this.deps.config.operatorEmails) if ((await this.deps.blindIndex.candidates('email', email)).includes(account.email_index)) return true;
    return false;
  }

  /** The operator's queue, the most urgent first. */
  async queue(operator: AccountRow, status: string): Promise<PrivacyRequestView[]> {
    await this.assertOperator(operator);
    const rows = await this.deps.db.selectFrom('privacy_request').selectAll().where('status', '=', status).orderBy('due_at').limit(500).execute();
    return Promise.all(rows.map((row) => this.open(row)));
  }

  async complete(operator: AccountRow, id: string, response: string): Promise<PrivacyRequestView> {
    return this.close(operator, id, { status: 'completed', response, reason: null });
  }

  async refuse(operator: AccountRow, id: string, reason: RefusalReason, explanation: string): Promise<PrivacyRequestView> {
    return this.close(operator, id, { status: 'refused', response: explanation, reason });
  }

  /** Daily: tell the operator about open requests whose due date is near, once each. */
  async remindDue(): Promise<number> {
    const now = this.deps.clock.now();
    const due = await this.deps.db
      .selectFrom('privacy_request')
      .select(['id', 'kind', 'due_at'])
      .where('status', '=', 'open')
      .where('reminded_at', 'is', null)
      .where('due_at', '<=', now + REMIND_DAYS_BEFORE_DUE * DAY)
      .execute();
    for (const request of due) {
      const overdue = request.due_at < now;
      await this.tellOperators(
        `Lockstep: the ${request.kind} request ${request.id} ${overdue ? 'is OVERDUE since' : 'is due by'} ${new Date(request.due_at).toISOString().slice(0, 10)}.`,
      );
      await this.deps.db.updateTable('privacy_request').set({ reminded_at: now }).where('id', '=', request.id).execute();
    }
    return due.length;
  }

  private async close(operator: AccountRow, id: string, outcome: { status: 'completed' | 'refused'; response: string; reason: RefusalReason | null }): Promise<PrivacyRequestView> {
    await this.assertOperator(operator);
    const row = await this.deps.db.selectFrom('privacy_request').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('request_not_found');
    if (row.status !== 'open') throw new AppError('already_decided');
    const keyId = await this.keyOf(row.account_id);
    const changes = {
      status: outcome.status,
      refusal_reason: outcome.reason,
      response_enc: await this.deps.envelope.seal(keyId, outcome.response, `privacy_request.response_enc:${id}`),
      closed_at: this.deps.clock.now(),
    };
    const result = await this.deps.db.updateTable('privacy_request').set(changes).where('id', '=', id).where('status', '=', 'open').executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new AppError('already_decided');
    await this.deps.security.notify({ id: row.account_id, keyId }, 'privacy_request_closed', { requestId: id, kind: row.kind, status: outcome.status });
    return { row: { ...row, ...changes }, details: (await this.open(row)).details, response: outcome.response };
  }

  private async assertOperator(account: AccountRow): Promise<void> {
    if (!(await this.isOperator(account))) throw new AppError('forbidden');
  }

  private async keyOf(accountId: string): Promise<string> {
    const account = await this.deps.db.selectFrom('account').select('key_id').where('id', '=', accountId).executeTakeFirstOrThrow();
    return account.key_id;
  }

  private async open(row: PrivacyRequestRow): Promise<PrivacyRequestView> {
    const read = async (value: Buffer | null, column: string) => {
      if (!value) return null;
      try {
        return await this.deps.envelope.openText(value, `privacy_request.${column}:${row.id}`);
      } catch {
        return null; // erased
      }
    };
    return { row, details: await read(row.details_enc, 'details_enc'), response: await read(row.response_enc, 'response_enc') };
  }

  private async tellOperators(text: string): Promise<void> {
    for (const to of this.deps.config.operatorEmails) {
      try {
        await this.deps.notifier.send({ channel: 'email', to, subject: 'Lockstep: personal data requests', text });
      } catch (error) {
        this.deps.logger.warn({ failure: (error as { code?: string }).code ?? (error as Error).name }, 'operator message not delivered');
      }
    }
  }
}
