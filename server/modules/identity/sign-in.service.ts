import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../../database.ts';
import type { Config } from '../../config.ts';
import { DAY, HOUR, MINUTE, type Clock } from '../../platform/clock.ts';
import type { Envelope } from '../../platform/crypto/envelope.ts';
import { deviceIndex as deviceIndexOf, type BlindIndex } from '../../platform/crypto/blind-index.ts';
import { hmacHex, sameSecret } from '../../platform/crypto/derived-keys.ts';
import type { ClientInfo } from '../../platform/http/client-info.ts';
import type { Notifier } from '../../platform/notify/notifier.ts';
import { describeUserAgent } from '../../platform/http/user-agent.ts';
import { placeOfIp } from '../../platform/http/ip-place.ts';
import { parseIdentifier, type Identifier } from '../../../common/identifier.ts';
import { maskIdentifier, maskIp } from '../../../common/masking.ts';
import { readBirthDate, GUARDIAN_CONSENT_BELOW_AGE } from '../../../common/age.ts';
import type { Locale } from '../../../common/locale.ts';
import { AppError } from '../../errors.ts';
import type { RateCounters, Reservation } from '../security/rate-limits.ts';
import type { SecurityService } from '../security/security.service.ts';
import type { AccountRow, ChallengeRow, IdentityRepo, SessionRow } from './identity.repo.ts';
import type { AccountService } from './accounts.service.ts';
import { subjectOf, type SessionService } from './sessions.service.ts';
import { codeMessage, newDeviceMessage } from './sign-in.messages.ts';
import { failureKind } from '../../platform/failure-kind.ts';

export interface CodeRequested {
  challengeId: string;
  /** goes only into the requesting browser's sign-in cookie */
  bindingSecret: string;
  channel: 'email' | 'sms';
  maskedIdentifier: string;
  expiresAt: number;
  resendAvailableAt: number;
}

/**
 * A child under 14, signing up or signing in again before their guardian answered: the account
 * waits, without a session, for the guardian's consent (P11.1).
 */
export interface AwaitingGuardian {
  awaitingGuardian: true;
  account: AccountRow;
  newAccount: boolean;
}

/** A right code, not yet used: the challenge it answered and the person it was for. */
interface CheckedCode {
  challenge: ChallengeRow;
  identifier: Identifier;
  existing: AccountRow | undefined;
}

export interface SignedIn {
  awaitingGuardian?: false;
  account: AccountRow;
  session: SessionRow;
  token: string;
  newAccount: boolean;
  /** the sign-in ended a cancellation's grace period: the account stays */
  restored: boolean;
}

/**
 * Sign-in and sign-up by one-time code (P3.1). The answer to a code request is the same whether
 * or not an account exists (a code is sent either way: sign-up is the same flow plus a name).
 * A code is 6 digits from a CSPRNG, stored as an HMAC bound to its challenge, valid 10 minutes,
 * single use, with at most 5 guesses; failures are also limited per identifier and per IP.
 */
export class SignInService {
  constructor(
    private readonly deps: {
      db: Kysely<Database>;
      repo: IdentityRepo;
      accounts: AccountService;
      sessions: SessionService;
      security: SecurityService;
      envelope: Envelope;
      blindIndex: BlindIndex;
      rateCounters: RateCounters;
      notifier: Notifier;
      clock: Clock;
      config: Config;
      otpKey: Buffer;
      logger: Logger;
      /**
       * The privacy policy a sign-up accepts (P0.1, P9.1), wired by the privacy module: `check`
       * before anything is created (the version the page showed must be the one in force; it
       * answers the version to record, or undefined when none is published), `record` in the
       * transaction that creates the account.
       */
      signUpPolicy?: {
        check(shownVersionId: string | undefined): Promise<string | undefined>;
        record(account: AccountRow, versionId: string, language: Locale, executor: Kysely<Database>): Promise<void>;
      };
      /** asks the guardian of a child who signed up for consent, wired by the privacy module */
      onChildSignUp?: (child: AccountRow, guardian: Identifier, locale: Locale) => Promise<void>;
    },
  ) {}

  async requestCode(rawIdentifier: string, locale: Locale, client: ClientInfo): Promise<CodeRequested> {
    const { config, clock, rateCounters, repo } = this.deps;
    const identifier = parseIdentifier(rawIdentifier);
    if (!identifier) throw new AppError('invalid_identifier');
    // during a blind-index rotation the address's earlier codes and counters may be under the old epoch
    const indexes = await this.identifierIndexes(identifier);
    const identifierIndex = indexes[0]!;

    const perIp = await rateCounters.hit(rateCounters.bucket('otp-request-ip', client.ip), HOUR, config.otp.ipRequestsPerHour);
    if (!perIp.allowed) throw new AppError('rate_limited', { retryAfterSeconds: perIp.retryAfterSeconds });
    for (const index of indexes) await this.assertIdentifierNotLocked(index);

    const now = clock.now();
    const cooldownMs = config.otp.resendCooldownSeconds * 1000;
    for (const index of indexes) await this.assertCooledDown(index, now, cooldownMs);

    const code = randomInt(0, 1_000_000).toString().padStart(6, '0');
    const challengeId = randomUUID();
    const bindingSecret = randomBytes(32).toString('base64url');
    // a key per code request: erasing a person, or the retention job, shreds exactly these
    const keyId = await this.deps.envelope.createKey('otp', challengeId);
    const expiresAt = now + config.otp.ttlMinutes * MINUTE;
    for (const index of indexes) await repo.retireOpenChallenges(index, now, now - cooldownMs);
    const written = await repo.insertChallenge({
      id: challengeId,
      key_id: keyId,
      identifier_index: identifierIndex,
      identifier_enc: await this.deps.envelope.seal(keyId, identifier.value, `otp_challenge.identifier_enc:${challengeId}`),
      channel: identifier.channel,
      code_hash: this.codeHash(challengeId, code),
      binding_hash: sha256(bindingSecret),
      guesses: 0,
      expires_at: expiresAt,
      consumed_at: null,
      created_at: now,
    });
    if (!written) {
      // a request sent at the same moment wrote its code first: this one is the resend too soon
      await this.deps.envelope.destroyKey(keyId);
      await this.assertCooledDown(identifierIndex, now, cooldownMs);
      throw new AppError('resend_too_soon', { retryAfterSeconds: Math.max(1, config.otp.resendCooldownSeconds) });
    }

    const account = await this.deps.accounts.findByIdentifier(identifier);
    try {
      await this.deps.notifier.send(codeMessage(identifier, code, locale, config.otp.ttlMinutes));
    } catch (error) {
      // Only the failure's kind is logged: transport messages often quote the recipient.
      this.deps.logger.error({ channel: identifier.channel, failure: failureKind(error) }, 'sign-in code delivery failed');
      // An undelivered code must not hold the person to the resend cooldown.
      await repo.deleteChallenge(challengeId);
      throw new AppError('delivery_failed');
    }
    await this.deps.security.record('otp.requested', account ? subjectOf(account) : null, client, { channel: identifier.channel });
    return {
      challengeId,
      bindingSecret,
      channel: identifier.channel,
      maskedIdentifier: maskIdentifier(identifier.value),
      expiresAt,
      resendAvailableAt: now + cooldownMs,
    };
  }

  async verifyCode(
    input: {
      challengeId: string;
      code: string;
      name?: string | undefined;
      birthDate?: string | undefined;
      guardianIdentifier?: string | undefined;
      keepSignedIn?: boolean | undefined;
      /** the version of the privacy policy the sign-up page showed, its box ticked */
      acceptedPolicyVersionId?: string | undefined;
      locale: Locale;
      bindingSecret: string | undefined;
    },
    client: ClientInfo,
  ): Promise<SignedIn | AwaitingGuardian> {
    const checked = await this.checkCode(input, client);
    try {
      return await this.signInWith(checked, input, client);
    } catch (error) {
      // refused for what the page still has to ask (a name, a date of birth): the right code was
      // no guess, and the person sends it again (harmless once the code is used up)
      await this.deps.repo.giveBackGuess(checked.challenge.id);
      throw error;
    }
  }

  private async signInWith(
    { challenge, identifier, existing }: CheckedCode,
    input: Parameters<SignInService['verifyCode']>[0],
    client: ClientInfo,
  ): Promise<SignedIn | AwaitingGuardian> {
    const now = this.deps.clock.now();
    if (existing?.status === 'awaiting_guardian') {
      // still no session: the code only shows the child where their guardian's consent stands
      if (!(await this.deps.repo.consumeChallenge(challenge.id, now))) throw new AppError('otp_used');
      return { awaitingGuardian: true, account: existing, newAccount: false };
    }
    if (existing && existing.status !== 'active' && existing.status !== 'cancelling') throw new AppError('account_disabled');
    const name = input.name?.trim();
    // The code stays valid: the page asks for a name and date of birth and sends the same code again.
    if (!existing && !name) throw new AppError('name_required');
    const guardian = existing ? null : this.guardianNeeded(input.birthDate, input.guardianIdentifier, identifier);
    // Consent really given: the account exists only with the acceptance of the version shown (P0.1).
    const acceptedVersionId = existing ? undefined : await this.deps.signUpPolicy?.check(input.acceptedPolicyVersionId);

    const signedInAccount = await this.deps.db.transaction().execute(async (trx) => {
      if (!(await this.deps.repo.consumeChallenge(challenge.id, now, trx))) throw new AppError('otp_used');
      if (existing) return existing;
      const created = await this.deps.accounts.create(identifier, name as string, input.locale, trx, { birthDate: input.birthDate?.trim(), awaitingGuardian: !!guardian });
      // the language recorded is the page's, in which the policy was named and linked
      if (acceptedVersionId) await this.deps.signUpPolicy?.record(created, acceptedVersionId, input.locale, trx);
      return created;
    });
    if (guardian) {
      await this.deps.onChildSignUp?.(signedInAccount, guardian, input.locale);
      return { awaitingGuardian: true, account: signedInAccount, newAccount: true };
    }
    // Signing in during a cancellation's grace period keeps the account (P8.3).
    const restored = signedInAccount.status === 'cancelling';
    const account = restored ? await this.deps.accounts.restore(signedInAccount, client) : signedInAccount;

    const { token, session } = await this.deps.sessions.start(account, client, input.keepSignedIn === true);
    await this.deps.security.record('sign_in.succeeded', subjectOf(account), client, { channel: identifier.channel, sessionId: session.id });
    await this.noticeNewDevice(account, identifier, client, input.locale);
    return { account, session, token, newAccount: !existing, restored };
  }

  /**
   * A fresh proof that the signed-in person still controls their address, for what must not rest
   * on a session alone (cancelling the account). The code is used up.
   */
  async confirmIdentity(account: AccountRow, input: { challengeId: string; code: string; bindingSecret: string | undefined }, client: ClientInfo): Promise<void> {
    const { challenge, existing } = await this.checkCode(input, client);
    if (existing?.id !== account.id) throw new AppError('otp_invalid', { attemptsLeft: 0 });
    if (!(await this.deps.repo.consumeChallenge(challenge.id, this.deps.clock.now()))) throw new AppError('otp_used');
  }

  /**
   * For a sign-up: the date of birth is required of everyone (P11.1: the age decides whether a
   * guardian must consent, and only the person can say it); the guardian to ask when it says the
   * person is under 14, else null.
   */
  private guardianNeeded(birthDate: string | undefined, guardianRaw: string | undefined, child: Identifier): Identifier | null {
    if (!birthDate?.trim()) throw new AppError('birth_date_required');
    const read = readBirthDate(birthDate.trim(), this.deps.clock.now());
    if ('problem' in read) throw new AppError(read.problem === 'in_future' ? 'birth_date_in_future' : 'birth_date_invalid');
    if (read.age >= GUARDIAN_CONSENT_BELOW_AGE) return null;
    if (!guardianRaw) throw new AppError('guardian_required');
    return guardianFor(guardianRaw, child);
  }

  /**
   * Every limit a code is held to, the right code, and who it was for. Each guess first takes its
   * place within every limit (the code's 5 guesses, the failures per IP and per identifier), and
   * only then is compared: of guesses sent at once, no more are evaluated than the limits allow.
   * A right code gives back its places among the failures; it keeps its guess while it is used.
   */
  private async checkCode(input: { challengeId: string; code: string; bindingSecret: string | undefined }, client: ClientInfo): Promise<CheckedCode> {
    const { config, clock, rateCounters, repo } = this.deps;
    const found = await repo.challengeById(input.challengeId);
    // Presented from another browser, someone's code in progress is indistinguishable from none:
    // no guess is counted against it and nothing is written to its owner's log.
    const challenge = found && input.bindingSecret && sameSecret(sha256(input.bindingSecret), found.binding_hash ?? '') ? found : undefined;
    if (!challenge) throw new AppError('otp_invalid', { attemptsLeft: 0 });
    this.assertOpen(challenge, clock.now());

    const held: Reservation[] = [];
    let guessTaken = false;
    let failed = false;
    try {
      const perIp = await rateCounters.reserve(rateCounters.bucket('otp-failure-ip', client.ip), HOUR, config.otp.ipFailuresPerHour);
      if (!perIp.allowed) throw new AppError('rate_limited', { retryAfterSeconds: perIp.retryAfterSeconds });
      held.push(perIp);
      const perIdentifier = await rateCounters.reserve(this.identifierFailureBucket(challenge.identifier_index), HOUR, config.otp.identifierFailuresPerHour);
      if (!perIdentifier.allowed) throw new AppError('rate_limited', { retryAfterSeconds: perIdentifier.retryAfterSeconds });
      held.push(perIdentifier);

      const guesses = await repo.takeGuess(challenge.id, config.otp.maxGuesses, clock.now());
      if (guesses === null) {
        // used, expired or used up since it was read: say which, as a single request would hear
        const current = await repo.challengeById(challenge.id);
        if (current) this.assertOpen(current, clock.now());
        throw new AppError('otp_exhausted');
      }
      guessTaken = true;

      const identifier = parseIdentifier(
        await this.deps.envelope.openText(challenge.identifier_enc, `otp_challenge.identifier_enc:${challenge.id}`),
      ) as Identifier;
      const existing = await this.deps.accounts.findByIdentifier(identifier);

      if (!sameSecret(this.codeHash(challenge.id, input.code), challenge.code_hash)) {
        failed = true;
        await this.deps.security.record('sign_in.failed', existing ? subjectOf(existing) : null, client, { reason: 'wrong_code' });
        throw new AppError('otp_invalid', { attemptsLeft: config.otp.maxGuesses - guesses });
      }
      return { challenge, identifier, existing };
    } catch (error) {
      // a guess that failed before it was compared spent nothing
      if (guessTaken && !failed) await repo.giveBackGuess(challenge.id);
      throw error;
    } finally {
      // only a wrong code counts as a failure
      if (!failed) for (const place of held) await place.release();
    }
  }

  /** The answer for a code that takes no more guesses, read from its row. */
  private assertOpen(challenge: ChallengeRow, now: number): void {
    if (challenge.consumed_at !== null) throw new AppError('otp_used');
    if (now >= challenge.expires_at) throw new AppError('otp_expired');
    if (challenge.guesses >= this.deps.config.otp.maxGuesses) throw new AppError('otp_exhausted');
  }

  /** The resend cooldown: no new code while the last one to this identifier is younger than it. */
  private async assertCooledDown(identifierIndex: string, now: number, cooldownMs: number): Promise<void> {
    const latest = await this.deps.repo.latestChallengeFor(identifierIndex);
    if (latest && now - latest.created_at < cooldownMs) {
      throw new AppError('resend_too_soon', { retryAfterSeconds: Math.ceil((latest.created_at + cooldownMs - now) / 1000) });
    }
  }

  /**
   * A sign-in from a device this account has not used before raises a notice, unless it is the
   * very first device (sign-up). A device id lives no longer than a sign-in cookie may (P4.1):
   * the web client makes one at sign-in and drops it at sign-out or 15 days later at most, so an
   * id first seen longer ago than a session can last is not honoured as known.
   */
  private async noticeNewDevice(account: AccountRow, identifier: Identifier, client: ClientInfo, locale: Locale): Promise<void> {
    if (!client.deviceId) return;
    const deviceIndex = await deviceIndexOf(this.deps.envelope, account.key_id, client.deviceId);
    const known = await this.deps.repo.knownDevices(account.id);
    const now = this.deps.clock.now();
    const honouredSince = now - this.deps.config.session.maxDays * DAY;
    if (known.some((device) => device.device_index === deviceIndex && device.first_seen_at > honouredSince)) return;
    await this.deps.repo.rememberDevice(account.id, deviceIndex, now);
    if (known.length === 0) return;
    const device = describeUserAgent(client.userAgent);
    const data = { browser: device.browser, os: device.os, place: placeOfIp(client.ip), ipMasked: maskIp(client.ip) };
    await this.deps.security.record('device.new', subjectOf(account), client);
    await this.deps.security.notify(subjectOf(account), 'new_device_sign_in', data);
    await this.deps.notifier.send(newDeviceMessage(identifier, data, locale));
  }

  private async assertIdentifierNotLocked(identifierIndex: string): Promise<void> {
    const verdict = await this.deps.rateCounters.peek(
      this.identifierFailureBucket(identifierIndex),
      HOUR,
      this.deps.config.otp.identifierFailuresPerHour,
    );
    if (!verdict.allowed) throw new AppError('rate_limited', { retryAfterSeconds: verdict.retryAfterSeconds });
  }

  /** The address's blind index under each live epoch, the one written now first. */
  private identifierIndexes(identifier: Identifier): Promise<string[]> {
    return this.deps.blindIndex.candidates(identifier.channel === 'email' ? 'email' : 'phone', identifier.value);
  }

  private identifierFailureBucket(identifierIndex: string): string {
    return this.deps.rateCounters.bucket('otp-failure-identifier', identifierIndex);
  }

  private codeHash(challengeId: string, code: string): string {
    return hmacHex(this.deps.otpKey, challengeId, code);
  }
}

/** A child's guardian's address, as given: a real address, and not the child's own. */
export function guardianFor(raw: string, child: Identifier): Identifier {
  const guardian = parseIdentifier(raw);
  if (!guardian) throw new AppError('invalid_identifier');
  if (guardian.value === child.value) throw new AppError('guardian_is_child');
  return guardian;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
