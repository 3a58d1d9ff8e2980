import { randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../../database.ts';
import type { Config } from '../../config.ts';
import { DAY, HOUR, type Clock } from '../../platform/clock.ts';
import type { Envelope } from '../../platform/crypto/envelope.ts';
import type { BlindIndex } from '../../platform/crypto/blind-index.ts';
import { hmacHex, sameSecret } from '../../platform/crypto/derived-keys.ts';
import type { ClientInfo } from '../../platform/http/client-info.ts';
import type { Notifier } from '../../platform/notify/notifier.ts';
import { AppError } from '../../errors.ts';
import type { Identifier } from '../../../common/identifier.ts';
import { maskIdentifier } from '../../../common/masking.ts';
import type { AccountRow } from '../identity/identity.repo.ts';
import type { AccountService } from '../identity/accounts.service.ts';
import { guardianFor } from '../identity/sign-in.service.ts';
import type { RateCounters } from '../security/rate-limits.ts';
import type { GuardianConsentRow } from './guardian.service.ts';
import { guardianRequestMessage } from './guardian.messages.ts';
import { failureKind } from '../../platform/failure-kind.ts';

/** Codes to a guardian per child and hour, resends and corrections together: no one is flooded. */
export const GUARDIAN_SENDS_PER_HOUR = 5;

export interface GuardianRequestState {
  maskedGuardian: string;
  sentAt: number;
  expiresAt: number;
  resendAvailableAt: number;
}

/** A pending request and the child it is for, as the child's wait token names them. */
export interface WaitingChild {
  child: AccountRow;
  request: GuardianConsentRow;
}

/**
 * The child's side of a pending guardian consent (P11.1, P11.2). The child has no session until the
 * guardian consents; proving their address with a code gives them a wait token instead, with
 * which they can see where the request went and when it lapses, send the guardian's code again
 * (after the same cooldown as a sign-in code, and within an hourly limit) and correct a mistyped
 * guardian address. The request's expiry never moves: data kept without consent is erased on
 * time whatever the child does.
 */
export class GuardianRequestService {
  constructor(
    private readonly deps: {
      db: Kysely<Database>;
      envelope: Envelope;
      blindIndex: BlindIndex;
      accounts: AccountService;
      rateCounters: RateCounters;
      notifier: Notifier;
      clock: Clock;
      config: Config;
      logger: Logger;
      codeKey: Buffer;
      publicUrl: string;
    },
  ) {}

  /** The child's pending request, for the answer to their sign-up or sign-in. */
  async pendingOf(child: AccountRow): Promise<GuardianConsentRow> {
    const row = await this.deps.db
      .selectFrom('guardian_consent')
      .selectAll()
      .where('child_account_id', '=', child.id)
      .where('status', '=', 'pending')
      .orderBy('requested_at', 'desc')
      .executeTakeFirst();
    if (!row || row.expires_at <= this.deps.clock.now()) throw new AppError('guardian_request_not_found');
    return row;
  }

  /**
   * A bearer token for the child's browser (an HttpOnly cookie), keyed to the request: it opens
   * only this request's state and actions, and only while the request is pending.
   */
  waitToken(request: GuardianConsentRow): string {
    return `${request.id}.${this.tokenMac(request)}`;
  }

  async byWaitToken(token: string | undefined): Promise<WaitingChild> {
    const [id, mac] = (token ?? '').split('.');
    if (!id || !mac || !/^[0-9a-f-]{36}$/.test(id)) throw new AppError('guardian_request_not_found');
    const request = await this.deps.db.selectFrom('guardian_consent').selectAll().where('id', '=', id).executeTakeFirst();
    if (!request || !sameSecret(this.tokenMac(request), mac)) throw new AppError('guardian_request_not_found');
    const child = await this.deps.accounts.byId(request.child_account_id);
    if (request.status !== 'pending' || request.expires_at <= this.deps.clock.now() || child?.status !== 'awaiting_guardian') {
      throw new AppError('guardian_request_not_found');
    }
    return { child, request };
  }

  async stateOf(request: GuardianConsentRow): Promise<GuardianRequestState> {
    const guardian = await this.guardianOf(request);
    return {
      maskedGuardian: maskIdentifier(guardian),
      sentAt: request.code_sent_at,
      expiresAt: request.expires_at,
      resendAvailableAt: request.code_sent_at + this.cooldownMs(),
    };
  }

  /** A new code to the same guardian, once the cooldown since the last one is over. */
  async resend({ child, request }: WaitingChild, client: ClientInfo): Promise<GuardianRequestState> {
    const now = this.deps.clock.now();
    const readyAt = request.code_sent_at + this.cooldownMs();
    if (now < readyAt) throw new AppError('resend_too_soon', { retryAfterSeconds: Math.ceil((readyAt - now) / 1000) });
    const guardian = parseStored(await this.guardianOf(request));
    return this.sendCode(child, request, guardian, client);
  }

  /** The guardian's address as it should have been typed: the new address gets a new code, the old code stops working. */
  async correctGuardian({ child, request }: WaitingChild, raw: string, client: ClientInfo): Promise<GuardianRequestState> {
    const view = await this.deps.accounts.view(child);
    const own: Identifier = view.email ? { channel: 'email', value: view.email } : { channel: 'sms', value: view.phone ?? '' };
    const guardian = guardianFor(raw, own);
    return this.sendCode(child, request, guardian, client);
  }

  private async sendCode(child: AccountRow, request: GuardianConsentRow, guardian: Identifier, client: ClientInfo): Promise<GuardianRequestState> {
    const { rateCounters, config } = this.deps;
    const perIp = await rateCounters.hit(rateCounters.bucket('otp-request-ip', client.ip), HOUR, config.otp.ipRequestsPerHour);
    if (!perIp.allowed) throw new AppError('rate_limited', { retryAfterSeconds: perIp.retryAfterSeconds });
    // a place among the hour's codes is taken before the code is written, and given back by a
    // request that another sent at the same moment beat to it: the count is of codes sent
    const perChild = await rateCounters.reserve(rateCounters.bucket('guardian-code-child', child.id), HOUR, GUARDIAN_SENDS_PER_HOUR);
    if (!perChild.allowed) throw new AppError('rate_limited', { retryAfterSeconds: perChild.retryAfterSeconds });

    const code = randomInt(0, 1_000_000).toString().padStart(6, '0');
    const now = this.deps.clock.now();
    const changes = {
      guardian_enc: await this.deps.envelope.seal(child.key_id, guardian.value, `guardian_consent.guardian_enc:${request.id}`),
      guardian_index: await this.deps.blindIndex.of(guardian.channel === 'email' ? 'email' : 'phone', guardian.value),
      code_hash: hmacHex(this.deps.codeKey, 'guardian', request.id, code),
      // a new code gets its own five guesses; the one it replaces stops working
      guesses: 0,
      code_sent_at: now,
    };
    const updated = await this.deps.db
      .updateTable('guardian_consent')
      .set(changes)
      .where('id', '=', request.id)
      .where('status', '=', 'pending')
      .where('code_sent_at', '=', request.code_sent_at)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) {
      await perChild.release();
      // another resend or correction got there first: this one came too soon after it
      const current = await this.deps.db.selectFrom('guardian_consent').select(['status', 'code_sent_at']).where('id', '=', request.id).executeTakeFirst();
      if (current?.status !== 'pending') throw new AppError('guardian_request_not_found');
      const readyAt = current.code_sent_at + this.cooldownMs();
      throw new AppError('resend_too_soon', { retryAfterSeconds: Math.max(1, Math.ceil((readyAt - now) / 1000)) });
    }

    const childName = (await this.deps.accounts.view(child)).name;
    // the deadline stays the first request's: the message says how many days are left of it
    const validDays = Math.max(1, Math.ceil((request.expires_at - now) / DAY));
    try {
      await this.deps.notifier.send(guardianRequestMessage({ to: guardian, childName, code, link: `${this.deps.publicUrl}/guardian/${request.id}`, validDays, locale: child.locale }));
    } catch (error) {
      this.deps.logger.warn({ failure: failureKind(error) }, 'guardian message not delivered');
      // like a sign-in code: an undelivered code neither replaces the one sent before nor holds the child to the cooldown
      const { guardian_enc, guardian_index, code_hash, guesses, code_sent_at } = request;
      await this.deps.db.updateTable('guardian_consent').set({ guardian_enc, guardian_index, code_hash, guesses, code_sent_at }).where('id', '=', request.id).where('code_sent_at', '=', now).execute();
      throw new AppError('delivery_failed');
    }
    return this.stateOf({ ...request, ...changes });
  }

  private async guardianOf(request: GuardianConsentRow): Promise<string> {
    return this.deps.envelope.openText(request.guardian_enc, `guardian_consent.guardian_enc:${request.id}`);
  }

  private tokenMac(request: GuardianConsentRow): string {
    return hmacHex(this.deps.codeKey, 'guardian-wait', request.id, request.child_account_id);
  }

  private cooldownMs(): number {
    return this.deps.config.otp.resendCooldownSeconds * 1000;
  }
}

function parseStored(value: string): Identifier {
  return value.includes('@') ? { channel: 'email', value } : { channel: 'sms', value };
}
