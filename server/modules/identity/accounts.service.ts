import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../database.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Envelope } from '../../platform/crypto/envelope.ts';
import type { BlindIndex } from '../../platform/crypto/blind-index.ts';
import type { ClientInfo } from '../../platform/http/client-info.ts';
import type { Identifier } from '../../../common/identifier.ts';
import type { Locale } from '../../../common/locale.ts';
import { ageOn, GUARDIAN_CONSENT_BELOW_AGE } from '../../../common/age.ts';
import type { SecurityService } from '../security/security.service.ts';
import type { AccountRow, IdentityRepo } from './identity.repo.ts';
import { subjectOf } from './sessions.service.ts';
import { reencodeAvatar } from '../../platform/images/avatar-image.ts';
import type { JobRunner } from '../../platform/jobs/job-runner.ts';
import { accessEnded, type EventBus } from '../../platform/bus/event-bus.ts';

/** The job that erases an account when its cancellation's grace period is over. */
export const ERASE_ACCOUNT_JOB = 'account.erase';

export interface AccountView {
  row: AccountRow;
  name: string;
  email: string | null;
  phone: string | null;
}

/**
 * Accounts: every personal field is sealed under the person's own data key; email and phone are
 * found again only through their blind index.
 */
export class AccountService {
  constructor(
    private readonly deps: {
      repo: IdentityRepo;
      envelope: Envelope;
      blindIndex: BlindIndex;
      clock: Clock;
      security: SecurityService;
      jobs: JobRunner;
      /** where the end of every session of the account is announced: each server closes their sockets */
      bus: EventBus;
    },
  ) {}

  byId(id: string): Promise<AccountRow | undefined> {
    return this.deps.repo.accountById(id);
  }

  /**
   * Under each live blind-index epoch in turn: during a rotation the row may be under either
   * (decision 0016). The rotation can move the row between two of these queries (not yet under
   * the new epoch, then no longer under the old one), so a miss is asked once more: a row moves
   * only once a rotation, so the second pass finds it under the new epoch.
   */
  async findByIdentifier(identifier: Identifier): Promise<AccountRow | undefined> {
    const indexes = await this.deps.blindIndex.candidates(indexKind(identifier), identifier.value);
    for (let pass = 0; pass < (indexes.length > 1 ? 2 : 1); pass++) {
      for (const index of indexes) {
        const account = await this.deps.repo.accountByIndex(identifier.channel, index);
        if (account) return account;
      }
    }
    return undefined;
  }

  /** Creates the account and its data key inside the caller's transaction. */
  async create(
    identifier: Identifier,
    name: string,
    locale: Locale,
    executor: Kysely<Database>,
    options: { birthDate?: string | undefined; awaitingGuardian?: boolean } = {},
  ): Promise<AccountRow> {
    const id = randomUUID();
    const keyId = await this.deps.envelope.createKey('account', id);
    const sealed = (column: string, value: string) => this.deps.envelope.seal(keyId, value, `account.${column}_enc:${id}`);
    const now = this.deps.clock.now();
    const isEmail = identifier.channel === 'email';
    const row: AccountRow = {
      id,
      key_id: keyId,
      name_enc: await sealed('name', name),
      email_enc: isEmail ? await sealed('email', identifier.value) : null,
      email_index: isEmail ? await this.deps.blindIndex.of('email', identifier.value) : null,
      phone_enc: isEmail ? null : await sealed('phone', identifier.value),
      phone_index: isEmail ? null : await this.deps.blindIndex.of('phone', identifier.value),
      avatar_enc: null,
      avatar_version: 0,
      locale,
      status: options.awaitingGuardian ? 'awaiting_guardian' : 'active',
      birth_date_enc: options.birthDate ? await sealed('birth_date', options.birthDate) : null,
      cancel_after: null,
      created_at: now,
      updated_at: now,
    };
    await this.deps.repo.insertAccount(row, executor);
    return row;
  }

  async view(row: AccountRow): Promise<AccountView> {
    const open = async (column: string, value: Buffer | null) =>
      value ? this.deps.envelope.openText(value, `account.${column}_enc:${row.id}`) : null;
    return {
      row,
      name: (await open('name', row.name_enc)) ?? '',
      email: await open('email', row.email_enc),
      phone: await open('phone', row.phone_enc),
    };
  }

  /** Whether the person is a child under 14 by the date of birth they gave (null: never asked, as for accounts older than that question). */
  async isChild(row: AccountRow): Promise<boolean> {
    if (!row.birth_date_enc) return false;
    const birthDate = await this.deps.envelope.openText(row.birth_date_enc, `account.birth_date_enc:${row.id}`);
    const age = ageOn(birthDate, this.deps.clock.now());
    return age !== null && age < GUARDIAN_CONSENT_BELOW_AGE;
  }

  async updateProfile(account: AccountRow, changes: { name?: string; locale?: Locale }, client: ClientInfo): Promise<AccountRow> {
    const update: Partial<AccountRow> = { updated_at: this.deps.clock.now() };
    const fields: Array<'name' | 'locale'> = [];
    if (changes.name !== undefined) {
      update.name_enc = await this.deps.envelope.seal(account.key_id, changes.name, `account.name_enc:${account.id}`);
      fields.push('name');
    }
    if (changes.locale !== undefined) {
      update.locale = changes.locale;
      fields.push('locale');
    }
    if (fields.length === 0) return account;
    await this.deps.repo.updateAccount(account.id, update);
    await this.deps.security.record('profile.changed', subjectOf(account), client, { fields });
    return { ...account, ...update };
  }

  async setAvatar(account: AccountRow, image: Buffer, client: ClientInfo): Promise<AccountRow> {
    const clean = await reencodeAvatar(image);
    const update = {
      avatar_enc: await this.deps.envelope.seal(account.key_id, clean, `account.avatar_enc:${account.id}`),
      avatar_version: account.avatar_version + 1,
      updated_at: this.deps.clock.now(),
    };
    await this.deps.repo.updateAccount(account.id, update);
    await this.deps.security.record('profile.changed', subjectOf(account), client, { fields: ['avatar'] });
    return { ...account, ...update };
  }

  async removeAvatar(account: AccountRow, client: ClientInfo): Promise<AccountRow> {
    if (!account.avatar_enc) return account;
    const update = { avatar_enc: null, avatar_version: account.avatar_version + 1, updated_at: this.deps.clock.now() };
    await this.deps.repo.updateAccount(account.id, update);
    await this.deps.security.record('profile.changed', subjectOf(account), client, { fields: ['avatar'] });
    return { ...account, ...update };
  }

  /** Cancellation starts the grace period: signed out everywhere, erased at `eraseAfter` unless the person signs in. */
  async markCancelling(account: AccountRow, eraseAfter: number, client: ClientInfo): Promise<AccountRow> {
    const now = this.deps.clock.now();
    await this.deps.repo.updateAccount(account.id, { status: 'cancelling', cancel_after: eraseAfter, updated_at: now });
    await this.deps.repo.endAllSessions(account.id, now, 'account_cancelled');
    await this.deps.bus.publish(accessEnded(account.id, 'all'));
    await this.deps.jobs.enqueue(ERASE_ACCOUNT_JOB, eraseAfter, account.id);
    await this.deps.security.record('account.cancellation_requested', subjectOf(account), client, { eraseAfter: new Date(eraseAfter).toISOString() });
    return { ...account, status: 'cancelling', cancel_after: eraseAfter };
  }

  /** Signing in during the grace period keeps the account: the erasure is called off. */
  async restore(account: AccountRow, client: ClientInfo): Promise<AccountRow> {
    await this.deps.repo.updateAccount(account.id, { status: 'active', cancel_after: null, updated_at: this.deps.clock.now() });
    await this.deps.jobs.withdraw(ERASE_ACCOUNT_JOB, account.id);
    await this.deps.security.record('account.restored', subjectOf(account), client);
    return { ...account, status: 'active', cancel_after: null };
  }

  /** A child's account once the guardian consented. */
  async activate(account: AccountRow): Promise<AccountRow> {
    await this.deps.repo.updateAccount(account.id, { status: 'active', updated_at: this.deps.clock.now() });
    return { ...account, status: 'active' };
  }

  /** A disabled account cannot sign in, and every session it had ends at once. */
  async disable(account: AccountRow): Promise<void> {
    const now = this.deps.clock.now();
    await this.deps.repo.updateAccount(account.id, { status: 'disabled', updated_at: now });
    await this.deps.repo.endAllSessions(account.id, now, 'account_disabled');
    await this.deps.bus.publish(accessEnded(account.id, 'all'));
  }

  async avatarOf(accountId: string): Promise<Buffer | null> {
    const row = await this.deps.repo.accountById(accountId);
    if (!row?.avatar_enc || row.status !== 'active') return null;
    return this.deps.envelope.open(row.avatar_enc, `account.avatar_enc:${row.id}`);
  }
}

function indexKind(identifier: Identifier): 'email' | 'phone' {
  return identifier.channel === 'email' ? 'email' : 'phone';
}
