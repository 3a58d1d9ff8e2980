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
import { REQUEST_ANSWER_DAYS, requestActionOf, type PrivacyRequestKind, type RefusalReason } from '../../../common/privacy-requests.ts';
import type { EmployerField } from '../../../common/org.ts';
import type { AccountRow } from '../identity/identity.repo.ts';
import type { AccountService } from '../identity/accounts.service.ts';
import type { SignInService } from '../identity/sign-in.service.ts';
import type { SecurityService } from '../security/security.service.ts';
import { failureKind } from '../../platform/failure-kind.ts';
import type { AccountErasure } from './account-erasure.service.ts';
import type { DataExportService } from './data-export.service.ts';

export type PrivacyRequestRow = Selectable<Database['privacy_request']>;

export interface Employer {
  id: string;
  name: string;
}

export interface PrivacyRequestView {
  row: PrivacyRequestRow;
  details: string | null;
  response: string | null;
  /** the employer a correction was routed to */
  routedTo: Employer | null;
  /** in the operator's queue, for an open correction: the person's employers it can be routed to */
  employers: Employer[] | null;
}

/** The organisation module's side of routing a correction to the employer (P8.2). */
export interface EmployerCorrections {
  /** the organisations the person is an active member of */
  of(account: AccountRow): Promise<Employer[]>;
  name(orgId: string): Promise<string | null>;
  /** files it in the employer's correction queue as the member's own request; answers its id */
  fileCorrection(account: AccountRow, orgId: string, correction: { field: EmployerField; proposedValue: string; note?: string | undefined }): Promise<string>;
}

export interface Completion {
  /** the operator's written answer: required where the system cannot carry the request out */
  response?: string | undefined;
  /** for a correction: what to file with which employer */
  correction?: { orgId: string; field: EmployerField; proposedValue: string } | undefined;
}

const REMIND_DAYS_BEFORE_DUE = 3;

/**
 * Requests about personal data (P8.3, P10.1): made after a fresh one-time code, answered by the
 * operator within 15 days of that verification, with a queue that shows the clock, reminders as
 * the due date nears and an escalation once it has passed. Completing a request carries out its
 * kind. Repeated requests beyond a yearly limit are flagged and may be refused, but only for one
 * of the policy's reasons, which the person sees.
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
      accounts: AccountService;
      accountErasure: AccountErasure;
      dataExports: DataExportService;
      employers: EmployerCorrections;
    },
  ) {}

  async submit(
    account: AccountRow,
    input: { kind: PrivacyRequestKind; details?: string | undefined },
    proof: { challengeId: string; code: string; bindingSecret: string | undefined },
    client: ClientInfo,
  ): Promise<PrivacyRequestView> {
    await this.deps.signIn.confirmIdentity(account, proof, client);
    return this.file(account, input);
  }

  /**
   * Files a request whose maker's identity was just verified. Counting the earlier requests and
   * writing the new one are one transaction that first takes the person's account row: requests
   * filed at once are counted one after another, so each beyond the yearly limit is flagged.
   */
  async file(account: AccountRow, input: { kind: PrivacyRequestKind; details?: string | undefined }): Promise<PrivacyRequestView> {
    const now = this.deps.clock.now();
    const id = randomUUID();
    const details = input.details ? await this.deps.envelope.seal(account.key_id, input.details, `privacy_request.details_enc:${id}`) : null;
    const row = await this.deps.db.transaction().execute(async (trx) => {
      // a write that changes nothing, for its lock: PostgreSQL holds it until the commit; SQLite has one writer
      await trx.updateTable('account').set((eb) => ({ status: eb.ref('status') })).where('id', '=', account.id).execute();
      const earlier = await trx
        .selectFrom('privacy_request')
        .select((eb) => eb.fn.countAll<number | string>().as('count'))
        .where('account_id', '=', account.id)
        .where('kind', '=', input.kind)
        .where('created_at', '>', now - 365 * DAY)
        .executeTakeFirstOrThrow();
      const fresh: PrivacyRequestRow = {
        id,
        account_id: account.id,
        kind: input.kind,
        status: 'open',
        details_enc: details,
        repeated: Number(earlier.count) >= this.deps.config.requestsPerYear ? 1 : 0,
        verified_at: now,
        due_at: now + REQUEST_ANSWER_DAYS * DAY,
        reminded_at: null,
        refusal_reason: null,
        response_enc: null,
        created_at: now,
        closed_at: null,
        receipt_id: null,
        export_id: null,
        correction_id: null,
        routed_org_id: null,
        escalated_at: null,
      };
      await trx.insertInto('privacy_request').values(fresh).execute();
      return fresh;
    });
    await this.tellOperators(`Lockstep: a new ${input.kind} request is due by ${day(row.due_at)} (request ${id}).`);
    return { row, details: input.details ?? null, response: null, routedTo: null, employers: null };
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
    // under any live blind-index epoch: the account may not be re-indexed yet (decision 0016)
    for (const email of this.deps.config.operatorEmails) if ((await this.deps.blindIndex.candidates('email', email)).includes(account.email_index)) return true;
    return false;
  }

  /** The operator's queue, the most urgent first. */
  async queue(operator: AccountRow, status: string): Promise<PrivacyRequestView[]> {
    await this.assertOperator(operator);
    const rows = await this.deps.db.selectFrom('privacy_request').selectAll().where('status', '=', status).orderBy('due_at').limit(500).execute();
    return Promise.all(rows.map((row) => this.open(row, { employers: true })));
  }

  /**
   * Completing a request carries out its kind (`requestActionOf`): a deletion erases the person
   * at once, with a signed receipt whose link they are sent; an access request prepares their
   * download; a correction is filed in the employer's queue or, with no employer (or when the
   * operator chooses), answered in writing; the other kinds need the operator's written answer.
   * The request is claimed before anything is carried out, so it is carried out once however
   * many times it is completed at once; if carrying it out fails, it is open again.
   */
  async complete(operator: AccountRow, id: string, input: Completion): Promise<PrivacyRequestView> {
    const { row, person } = await this.decidable(operator, id);
    const action = requestActionOf[row.kind as PrivacyRequestKind] ?? 'answer';
    if (input.correction && action !== 'route') throw new AppError('invalid_request', {}, 'The request is not valid: only a correction request can be routed to an employer.');
    if (action === 'erase') return this.erase(row, person);

    const routing = input.correction;
    if (routing) {
      const employers = await this.deps.employers.of(person);
      if (employers.length === 0) throw new AppError('request_no_employer');
      if (!employers.some((employer) => employer.id === routing.orgId)) throw new AppError('org_not_found');
    }
    if (!input.response && (action === 'answer' || (action === 'route' && !routing))) throw new AppError('request_answer_required');

    await this.claim(row, 'completed');
    try {
      const outcome: Partial<PrivacyRequestRow> = {};
      if (action === 'export') outcome.export_id = (await this.deps.dataExports.request(person, person)).id;
      if (routing) {
        outcome.correction_id = await this.deps.employers.fileCorrection(person, routing.orgId, { field: routing.field, proposedValue: routing.proposedValue, note: input.response });
        outcome.routed_org_id = routing.orgId;
      }
      return await this.close(row, person, { status: 'completed', response: input.response ?? null, reason: null, outcome });
    } catch (error) {
      await this.reopen(row);
      throw error;
    }
  }

  async refuse(operator: AccountRow, id: string, reason: RefusalReason, explanation: string): Promise<PrivacyRequestView> {
    const { row, person } = await this.decidable(operator, id);
    await this.claim(row, 'refused');
    return this.close(row, person, { status: 'refused', response: explanation, reason, outcome: {} });
  }

  /**
   * Daily: tell the staff about open requests whose due date is near, once each, and about those
   * past it, once each again: an overdue request escalates. Each message is claimed by writing its
   * time first, so two runs at once send it once.
   */
  async remindDue(): Promise<number> {
    const now = this.deps.clock.now();
    const open = () => this.deps.db.selectFrom('privacy_request').select(['id', 'kind', 'due_at']).where('status', '=', 'open');
    const nearing = await open().where('reminded_at', 'is', null).where('due_at', '<=', now + REMIND_DAYS_BEFORE_DUE * DAY).where('due_at', '>=', now).execute();
    const overdue = await open().where('escalated_at', 'is', null).where('due_at', '<', now).execute();
    let sent = 0;
    for (const request of nearing) {
      const claimed = await this.deps.db.updateTable('privacy_request').set({ reminded_at: now }).where('id', '=', request.id).where('reminded_at', 'is', null).executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) continue;
      await this.tellOperators(`Lockstep: the ${request.kind} request ${request.id} is due by ${day(request.due_at)}.`);
      sent++;
    }
    for (const request of overdue) {
      const claimed = await this.deps.db.updateTable('privacy_request').set({ escalated_at: now }).where('id', '=', request.id).where('escalated_at', 'is', null).executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) continue;
      await this.tellOperators(
        `Lockstep: the ${request.kind} request ${request.id} is OVERDUE since ${day(request.due_at)}: the privacy policy promises an answer within ${REQUEST_ANSWER_DAYS} days of the person's verification. Answer it now.`,
      );
      sent++;
    }
    return sent;
  }

  private async decidable(operator: AccountRow, id: string): Promise<{ row: PrivacyRequestRow; person: AccountRow }> {
    await this.assertOperator(operator);
    const row = await this.deps.db.selectFrom('privacy_request').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('request_not_found');
    if (row.status !== 'open') throw new AppError('already_decided');
    const person = await this.deps.accounts.byId(row.account_id);
    if (!person) throw new AppError('request_not_found');
    return { row, person };
  }

  /** The deletion: claimed, the person erased with a receipt, and the request kept as the record of it. */
  private async erase(row: PrivacyRequestRow, person: AccountRow): Promise<PrivacyRequestView> {
    await this.claim(row, 'completed');
    let receiptId: string;
    try {
      receiptId = (await this.deps.accountErasure.eraseAndTell(person)).receipt.receiptId;
    } catch (error) {
      await this.reopen(row);
      throw error;
    }
    // The erasure deleted the person's requests with the rest of their data, this one too. It is
    // written again without what anyone wrote in it (sealed under a key that is gone), as the
    // record that it was carried out, when, and by which receipt.
    const record: PrivacyRequestRow = { ...row, status: 'completed', details_enc: null, response_enc: null, closed_at: this.deps.clock.now(), receipt_id: receiptId };
    await this.deps.db.insertInto('privacy_request').values(record).execute();
    return { row: record, details: null, response: null, routedTo: null, employers: null };
  }

  /** Open → decided, by one caller only: the others are told it is already decided. */
  private async claim(row: PrivacyRequestRow, status: 'completed' | 'refused'): Promise<void> {
    const result = await this.deps.db.updateTable('privacy_request').set({ status, closed_at: this.deps.clock.now() }).where('id', '=', row.id).where('status', '=', 'open').executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new AppError('already_decided');
  }

  private async reopen(row: PrivacyRequestRow): Promise<void> {
    await this.deps.db.updateTable('privacy_request').set({ status: 'open', closed_at: null }).where('id', '=', row.id).execute();
  }

  private async close(
    row: PrivacyRequestRow,
    person: AccountRow,
    decision: { status: 'completed' | 'refused'; response: string | null; reason: RefusalReason | null; outcome: Partial<PrivacyRequestRow> },
  ): Promise<PrivacyRequestView> {
    const changes = {
      ...decision.outcome,
      status: decision.status,
      refusal_reason: decision.reason,
      response_enc: decision.response === null ? null : await this.deps.envelope.seal(person.key_id, decision.response, `privacy_request.response_enc:${row.id}`),
      closed_at: this.deps.clock.now(),
    };
    await this.deps.db.updateTable('privacy_request').set(changes).where('id', '=', row.id).execute();
    await this.deps.security.notify({ id: person.id, keyId: person.key_id }, 'privacy_request_closed', { requestId: row.id, kind: row.kind, status: decision.status });
    return this.open({ ...row, ...changes });
  }

  private async assertOperator(account: AccountRow): Promise<void> {
    if (!(await this.isOperator(account))) throw new AppError('forbidden');
  }

  private async open(row: PrivacyRequestRow, options: { employers?: boolean } = {}): Promise<PrivacyRequestView> {
    const read = async (value: Buffer | null, column: string) => {
      if (!value) return null;
      try {
        return await this.deps.envelope.openText(value, `privacy_request.${column}:${row.id}`);
      } catch {
        return null; // erased
      }
    };
    const routable = options.employers && row.kind === 'correction' && row.status === 'open' ? await this.deps.accounts.byId(row.account_id) : undefined;
    return {
      row,
      details: await read(row.details_enc, 'details_enc'),
      response: await read(row.response_enc, 'response_enc'),
      routedTo: row.routed_org_id ? { id: row.routed_org_id, name: (await this.deps.employers.name(row.routed_org_id)) ?? '' } : null,
      employers: routable ? await this.deps.employers.of(routable) : null,
    };
  }

  private async tellOperators(text: string): Promise<void> {
    for (const to of this.deps.config.operatorEmails) {
      try {
        await this.deps.notifier.send({ channel: 'email', to, subject: 'Lockstep: personal data requests', text });
      } catch (error) {
        this.deps.logger.warn({ failure: failureKind(error) }, 'operator message not delivered');
      }
    }
  }
}

function day(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
