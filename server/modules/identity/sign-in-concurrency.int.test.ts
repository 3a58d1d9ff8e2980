import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { latestCode, startTestPlatform, type TestPlatform } from '../../../test/harness.ts';
import { HOUR } from '../../platform/clock.ts';
import type { ClientInfo } from '../../platform/http/client-info.ts';
import { AppError } from '../../errors.ts';
import { tallyOutcomes } from '../../../test/settled-outcomes.ts';

// Concurrency is bad input (P3.1): every limit on one-time codes must hold exactly when the
// requests are sent at once, not only when they come one after another.

let t: TestPlatform;
beforeEach(async () => {
  t = await startTestPlatform();
});
afterEach(async () => {
  await t.close();
});

const IP = '127.0.0.1';

// The services are called directly, all in one go: each request's statements then interleave
// with the others' on SQLite too (its driver answers at once, and requests injected over HTTP
// would each run to the end before the next begins), as they do over PostgreSQL's pool.
function client(ip = IP): ClientInfo {
  return { ip, userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0 Safari/537.36', deviceId: null, timeZone: null, language: null };
}

async function challengeFor(platform: TestPlatform, identifier: string) {
  const sent = await platform.services.signIn.requestCode(identifier, 'en', client());
  return { challengeId: sent.challengeId, bindingSecret: sent.bindingSecret, code: latestCode(platform.platform, identifier) };
}

/** `count` different codes, none of them `code`. */
function wrongCodes(code: string, count: number): string[] {
  return Array.from({ length: count }, (_, n) => String((Number(code) + 1 + n) % 1_000_000).padStart(6, '0'));
}

type Challenge = Awaited<ReturnType<typeof challengeFor>>;

function verifyAll(platform: TestPlatform, challenge: Challenge, codes: string[], ipOf: (n: number) => string = () => IP) {
  return Promise.allSettled(
    codes.map((code, n) => platform.services.signIn.verifyCode({ challengeId: challenge.challengeId, bindingSecret: challenge.bindingSecret, code, locale: 'en' }, client(ipOf(n)))),
  );
}

const tally = (results: PromiseSettledResult<unknown>[]) => tallyOutcomes(results);

function refusals(results: PromiseSettledResult<unknown>[], code: string): AppError[] {
  return results.flatMap((result) => (result.status === 'rejected' && (result.reason as AppError).code === code ? [result.reason as AppError] : []));
}

async function failureCounters(platform: TestPlatform, email: string, ip = IP) {
  const { rateCounters, blindIndex } = platform.services;
  const limits = platform.config.otp;
  const perIp = await rateCounters.peek(rateCounters.bucket('otp-failure-ip', ip), HOUR, limits.ipFailuresPerHour);
  const perIdentifier = await rateCounters.peek(rateCounters.bucket('otp-failure-identifier', await blindIndex.of('email', email)), HOUR, limits.identifierFailuresPerHour);
  return { perIp: perIp.count, perIdentifier: perIdentifier.count };
}

async function guessesOn(platform: TestPlatform, challengeId: string): Promise<number> {
  const row = await platform.platform.database.db.selectFrom('otp_challenge').select('guesses').where('id', '=', challengeId).executeTakeFirstOrThrow();
  return Number(row.guesses);
}

async function failedSignIns(platform: TestPlatform): Promise<number> {
  const rows = await platform.platform.database.db.selectFrom('security_event').select('id').where('type', '=', 'sign_in.failed').execute();
  return rows.length;
}

describe('one-time code limits under guesses sent at once (P3.1)', () => {
  it('evaluates exactly 5 of 40 wrong guesses sent at once for one code, and counts exactly those as failures', async () => {
    await t.signIn('storm@example.com');
    const challenge = await challengeFor(t, 'storm@example.com');
    const results = await verifyAll(t, challenge, wrongCodes(challenge.code, 40));

    expect(tally(results)).toEqual({ otp_invalid: 5, otp_exhausted: 35 });
    expect(refusals(results, 'otp_invalid').map((error) => error.extra.attemptsLeft).sort()).toEqual([0, 1, 2, 3, 4]);
    expect(await guessesOn(t, challenge.challengeId)).toBe(5);
    expect(await failureCounters(t, 'storm@example.com')).toEqual({ perIp: 5, perIdentifier: 5 });
    expect(await failedSignIns(t)).toBe(5);
  });

  it.each([
    ['first', 0],
    ['in the middle', 20],
    ['last', 39],
  ])('signs in from 40 guesses at once, the right code %s, only if it was among the first 5 counted', async (_where, position) => {
    const account = await t.signIn('race@example.com');
    const challenge = await challengeFor(t, 'race@example.com');
    const codes = wrongCodes(challenge.code, 39);
    codes.splice(position, 0, challenge.code);
    const counts = tally(await verifyAll(t, challenge, codes));

    const wrongEvaluated = counts.otp_invalid ?? 0;
    const signedIn = counts.ok ?? 0;
    // the right code is a guess like any other: with it, at most 4 wrong ones were evaluated;
    // without it, exactly 5 (once it is used, the rest find the code used)
    expect(signedIn).toBeLessThanOrEqual(1);
    expect(signedIn + wrongEvaluated).toBeLessThanOrEqual(5);
    if (!signedIn) expect(wrongEvaluated).toBe(5);
    expect(wrongEvaluated + signedIn + (counts.otp_exhausted ?? 0) + (counts.otp_used ?? 0)).toBe(40);
    expect(await guessesOn(t, challenge.challengeId)).toBe(wrongEvaluated + signedIn);
    expect(await failureCounters(t, 'race@example.com')).toEqual({ perIp: wrongEvaluated, perIdentifier: wrongEvaluated });
    expect(await failedSignIns(t)).toBe(wrongEvaluated);
    const sessions = await t.platform.database.db.selectFrom('session').select('id').where('account_id', '=', account.accountId).execute();
    expect(sessions).toHaveLength(1 + signedIn);
  });

  it('signs in once from the right code sent 10 times at once', async () => {
    const account = await t.signIn('twin@example.com');
    const challenge = await challengeFor(t, 'twin@example.com');
    const counts = tally(await verifyAll(t, challenge, Array.from({ length: 10 }, () => challenge.code)));
    expect(counts.ok).toBe(1);
    expect((counts.otp_used ?? 0) + (counts.otp_exhausted ?? 0)).toBe(9);
    const sessions = await t.platform.database.db.selectFrom('session').select('id').where('account_id', '=', account.accountId).execute();
    expect(sessions).toHaveLength(2);
    expect(await failureCounters(t, 'twin@example.com')).toEqual({ perIp: 0, perIdentifier: 0 });
  });

  it('holds the per-IP failure limit exactly for wrong guesses sent at once', async () => {
    const limited = await startTestPlatform({ OTP_IP_FAILURES_PER_HOUR: '3' });
    try {
      const challenge = await challengeFor(limited, 'ip.storm@example.com');
      const results = await verifyAll(limited, challenge, wrongCodes(challenge.code, 40));
      expect(tally(results)).toEqual({ otp_invalid: 3, rate_limited: 37 });
      expect(await guessesOn(limited, challenge.challengeId)).toBe(3);
      expect(await failureCounters(limited, 'ip.storm@example.com')).toEqual({ perIp: 3, perIdentifier: 3 });
      // the right code from the same address waits for the hour like any other guess
      expect(tally(await verifyAll(limited, challenge, [challenge.code]))).toEqual({ rate_limited: 1 });
    } finally {
      await limited.close();
    }
  });

  it('holds the per-identifier failure limit exactly for wrong guesses sent at once, from many addresses', async () => {
    const identifier = 'id.storm@example.com';
    const limit = t.config.otp.identifierFailuresPerHour;
    let failures = 0;
    let round = 0;
    // 98 wrong guesses, five at once per code, each from its own address
    while (failures < limit - 2) {
      const challenge = await challengeFor(t, identifier);
      const batch = Math.min(5, limit - 2 - failures);
      const results = await verifyAll(t, challenge, wrongCodes(challenge.code, batch), (n) => `10.0.${round}.${n + 1}`);
      expect(tally(results)).toEqual({ otp_invalid: batch });
      failures += batch;
      round++;
      t.clock.advance(61_000);
    }
    const challenge = await challengeFor(t, identifier);
    const results = await verifyAll(t, challenge, wrongCodes(challenge.code, 5), (n) => `10.1.0.${n + 1}`);
    expect(tally(results)).toEqual({ otp_invalid: 2, rate_limited: 3 });
    expect((await failureCounters(t, identifier)).perIdentifier).toBe(limit);
    expect(await failedSignIns(t)).toBe(limit);
  });
});

describe('code requests sent at once (P3.1)', () => {
  const requestAll = (identifiers: string[]) => Promise.allSettled(identifiers.map((identifier) => t.services.signIn.requestCode(identifier, 'en', client())));
  const openChallenges = () => t.platform.database.db.selectFrom('otp_challenge').select('id').where('consumed_at', 'is', null).execute();

  it('sends one code for two requests at once for one identifier: the resend cooldown holds', async () => {
    const results = await requestAll(['pair@example.com', 'pair@example.com']);
    expect(tally(results)).toEqual({ ok: 1, resend_too_soon: 1 });
    expect(refusals(results, 'resend_too_soon')[0]!.extra.retryAfterSeconds).toBeGreaterThan(0);
    expect(t.services.outbox!.list().filter((entry) => entry.to === 'pair@example.com')).toHaveLength(1);
    expect(await openChallenges()).toHaveLength(1);
  });

  it('sends one code for ten requests at once for one identifier, also after the cooldown of an earlier code', async () => {
    await challengeFor(t, 'crowd@example.com');
    t.clock.advance(61_000);
    expect(tally(await requestAll(Array.from({ length: 10 }, () => 'crowd@example.com')))).toEqual({ ok: 1, resend_too_soon: 9 });
    expect(t.services.outbox!.list().filter((entry) => entry.to === 'crowd@example.com')).toHaveLength(2);
    expect(await openChallenges()).toHaveLength(1);
  });

  it('answers two code requests at once over HTTP with one 202 and one 429 with Retry-After', async () => {
    const responses = await Promise.all([0, 1].map(() => t.request({ method: 'POST', url: '/api/auth/code', payload: { identifier: 'http.pair@example.com' } })));
    expect(responses.map((response) => response.statusCode).sort()).toEqual([202, 429]);
    const refused = responses.find((response) => response.statusCode === 429)!;
    expect(refused.json().error.code).toBe('resend_too_soon');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('holds the per-IP code request limit exactly for requests sent at once', async () => {
    const limit = t.config.otp.ipRequestsPerHour;
    const results = await requestAll(Array.from({ length: limit + 10 }, (_, n) => `crowd-${n}@example.com`));
    expect(tally(results)).toEqual({ ok: limit, rate_limited: 10 });
    expect(t.services.outbox!.list()).toHaveLength(limit);
  });
});
