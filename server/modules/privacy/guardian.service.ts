import { randomInt, randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../../database.ts';
import { DAY, type Clock } from '../../platform/clock.ts';
import type { Envelope } from '../../platform/crypto/envelope.ts';
import type { BlindIndex } from '../../platform/crypto/blind-index.ts';
import { hmacHex, sameSecret } from '../../platform/crypto/derived-keys.ts';
import type { Notifier } from '../../platform/notify/notifier.ts';
import type { JobRunner, JobRow } from '../../platform/jobs/job-runner.ts';
import { AppError } from '../../errors.ts';
import type { Identifier } from '../../../common/identifier.ts';
import type { Locale } from '../../../common/locale.ts';
import type { AccountRow } from '../identity/identity.repo.ts';
import type { AccountService } from '../identity/accounts.service.ts';
import type { ErasureService } from './erasure.service.ts';
import type { DataExportRow, DataExportService } from './data-export.service.ts';
import { guardianDecisionMessage, guardianRequestMessage } from './guardian.messages.ts';
import { failureKind } from '../../platform/failure-kind.ts';

export type GuardianConsentRow = Selectable<Database['guardian_consent']>;

export const GUARDIAN_EXPIRY_JOB = 'guardian.expire';
const CONSENT_VALID_DAYS = 7;
const MAX_GUESSES = 5;

/**
 * Children under 14 (P11.1–P11.3). The guardian gets a code at their own address; entering it
 * with their decision is the verifiable consent. Declined or left unanswered, the child's account
 * is erased with a receipt (P11.2). A guardian signed in with that address can later export or
 * erase the child's data (P11.3).
 */
export class GuardianService {
  constructor(
    private readonly deps: {
      db: Kysely<Database>;
      envelope: Envelope;
      blindIndex: BlindIndex;
      accounts: AccountService;
      erasure: ErasureService;
      dataExports: DataExportService;
      notifier: Notifier;
      jobs: JobRunner;
      clock: Clock;
      logger: Logger;
      codeKey: Buffer;
      publicUrl: string;
    },
  ) {}

  async requestConsent(child: AccountRow, guardian: Identifier, locale: Locale): Promise<GuardianConsentRow> {
    const id = randomUUID();
    const code = randomInt(0, 1_000_000).toString().padStart(6, '0');
    const now = this.deps.clock.now();
    const row: GuardianConsentRow = {
      id,
      child_account_id: child.id,
      guardian_enc: await this.deps.envelope.seal(child.key_id, guardian.value, `guardian_consent.guardian_enc:${id}`),
      guardian_index: await this.indexOf(guardian),
      code_hash: hmacHex(this.deps.codeKey, 'guardian', id, code),
      guesses: 0,
      status: 'pending',
      requested_at: now,
      code_sent_at: now,
      expires_at: now + CONSENT_VALID_DAYS * DAY,
      decided_at: null,
    };
    await this.deps.db.insertInto('guardian_consent').values(row).execute();
    await this.deps.jobs.enqueue(GUARDIAN_EXPIRY_JOB, row.expires_at, child.id);
    const childName = (await this.deps.accounts.view(child)).name;
    await this.send(guardianRequestMessage({ to: guardian, childName, code, link: `${this.deps.publicUrl}/guardian/${id}`, validDays: CONSENT_VALID_DAYS, locale }));
    return row;
  }

  /** The guardian's answer, proven by the code sent to them. */
  async decide(consentId: string, code: string, decision: 'approve' | 'decline'): Promise<{ status: 'approved' | 'declined'; receiptToken?: string }> {
    const row = await this.deps.db.selectFrom('guardian_consent').selectAll().where('id', '=', consentId).executeTakeFirst();
    if (!row || row.status !== 'pending' || row.expires_at <= this.deps.clock.now()) throw new AppError('guardian_consent_not_found');
    if (row.guesses >= MAX_GUESSES) throw new AppError('otp_exhausted');
    // The guess is counted before it is compared, in one conditional statement: of guesses sent at
    // once only as many as the code has left are compared, against the code they were counted for.
    const counted = await this.deps.db
      .updateTable('guardian_consent')
      .set((eb) => ({ guesses: eb('guesses', '+', 1) }))
      .where('id', '=', row.id)
      .where('status', '=', 'pending')
      .where('guesses', '<', MAX_GUESSES)
      .where('expires_at', '>', this.deps.clock.now())
      .returning(['guesses', 'code_hash'])
      .executeTakeFirst();
    if (!counted) {
      const current = await this.deps.db.selectFrom('guardian_consent').select(['status', 'expires_at']).where('id', '=', row.id).executeTakeFirst();
      if (current?.status !== 'pending' || current.expires_at <= this.deps.clock.now()) throw new AppError('guardian_consent_not_found');
      throw new AppError('otp_exhausted');
    }
    if (!sameSecret(hmacHex(this.deps.codeKey, 'guardian', row.id, code), counted.code_hash)) {
      throw new AppError('otp_invalid', { attemptsLeft: MAX_GUESSES - Number(counted.guesses) });
    }
    const status = decision === 'approve' ? 'approved' : 'declined';
    // one decision wins, and only with the code still in force (a resend meanwhile replaced it)
    const claimed = await this.deps.db
      .updateTable('guardian_consent')
      .set({ status, decided_at: this.deps.clock.now() })
      .where('id', '=', row.id)
      .where('status', '=', 'pending')
      .where('code_hash', '=', counted.code_hash)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) throw new AppError('guardian_consent_not_found');
    await this.deps.jobs.withdraw(GUARDIAN_EXPIRY_JOB, row.child_account_id);
    const child = await this.deps.accounts.byId(row.child_account_id);
    if (!child) throw new AppError('guardian_consent_not_found');
    const guardian = await this.guardianOf(row);
    if (status === 'approved') {
      await this.deps.accounts.activate(child);
      await this.send(guardianDecisionMessage({ to: guardian, approved: true, locale: child.locale }));
      return { status };
    }
    // Without the guardian's consent the child's data may not be kept: erased at once (P11.2).
    const { receiptToken } = await this.deps.erasure.erase(child.id);
    await this.send(guardianDecisionMessage({ to: guardian, approved: false, locale: child.locale, receiptLink: `${this.deps.publicUrl}/api/privacy/receipts/${receiptToken}` }));
    return { status, receiptToken };
  }

  /** The job: a request left unanswered erases the child's account. */
  async expireWhenDue(job: JobRow): Promise<void> {
    if (!job.subject_account_id) return;
    const pending = await this.deps.db
      .selectFrom('guardian_consent')
      .selectAll()
      .where('child_account_id', '=', job.subject_account_id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    const child = await this.deps.accounts.byId(job.subject_account_id);
    if (!pending || !child || child.status !== 'awaiting_guardian' || pending.expires_at > this.deps.clock.now()) return;
    await this.deps.db.updateTable('guardian_consent').set({ status: 'expired', decided_at: this.deps.clock.now() }).where('id', '=', pending.id).execute();
    await this.deps.erasure.erase(child.id);
  }

  /** Children whose guardian consent was given from this person's own verified address. */
  async childrenOf(guardian: AccountRow): Promise<AccountRow[]> {
    // from the guardian's sealed addresses under every live epoch, not their stored indexes: during
    // a blind-index rotation a consent and the account may be under different epochs (decision 0016)
    const indexes: string[] = [];
    for (const [column, kind] of [['email_enc', 'email'], ['phone_enc', 'phone']] as const) {
      const sealed = guardian[column];
      if (sealed) indexes.push(...(await this.deps.blindIndex.candidates(kind, await this.deps.envelope.openText(sealed, `account.${column}:${guardian.id}`))));
    }
    if (!indexes.length) return [];
    const consents = await this.deps.db
      .selectFrom('guardian_consent')
      .select('child_account_id')
      .where('guardian_index', 'in', indexes)
      .where('status', '=', 'approved')
      .execute();
    const children: AccountRow[] = [];
    for (const { child_account_id } of consents) {
      const child = await this.deps.accounts.byId(child_account_id);
      if (child && child.status === 'active') children.push(child);
    }
    return children;
  }

  /** The child's data prepared for download like one's own; the guardian is who may fetch it. */
  async requestChildExport(guardian: AccountRow, childId: string): Promise<DataExportRow> {
    const child = await this.childInCare(guardian, childId);
    return this.deps.dataExports.request(guardian, child);
  }

  async childExports(guardian: AccountRow, childId: string): Promise<DataExportRow[]> {
    const child = await this.childInCare(guardian, childId);
    return this.deps.dataExports.list(guardian, child.id);
  }

  async eraseChild(guardian: AccountRow, childId: string): Promise<string> {
    const child = await this.childInCare(guardian, childId);
    return (await this.deps.erasure.erase(child.id)).receiptToken;
  }

  async childInCare(guardian: AccountRow, childId: string): Promise<AccountRow> {
    const child = (await this.childrenOf(guardian)).find((candidate) => candidate.id === childId);
    if (!child) throw new AppError('child_not_found');
    return child;
  }

  private async guardianOf(row: GuardianConsentRow): Promise<Identifier | null> {
    try {
      const value = await this.deps.envelope.openText(row.guardian_enc, `guardian_consent.guardian_enc:${row.id}`);
      return value.includes('@') ? { channel: 'email', value } : { channel: 'sms', value };
    } catch {
      return null;
    }
  }

  private indexOf(identifier: Identifier): Promise<string> {
    return this.deps.blindIndex.of(identifier.channel === 'email' ? 'email' : 'phone', identifier.value);
  }

  private async send(message: Parameters<Notifier['send']>[0] | null): Promise<void> {
    if (!message) return;
    try {
      await this.deps.notifier.send(message);
    } catch (error) {
      this.deps.logger.warn({ failure: failureKind(error) }, 'guardian message not delivered');
    }
  }
}
