import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adultBirthDate, latestCode, startTestPlatform, type TestPlatform } from '../../../test/harness.ts';
import { HOUR, MINUTE } from '../../platform/clock.ts';

let t: TestPlatform;
beforeEach(async () => {
  t = await startTestPlatform();
});
afterEach(async () => {
  await t.close();
});

async function requestCode(identifier: string, headers: Record<string, string> = {}) {
  return t.request({ method: 'POST', url: '/api/auth/code', payload: { identifier }, headers });
}

async function verify(payload: Record<string, unknown>, headers: Record<string, string> = {}) {
  return t.request({ method: 'POST', url: '/api/auth/verify', payload, headers });
}

async function challengeFor(identifier: string, headers: Record<string, string> = {}) {
  const response = await requestCode(identifier, headers);
  expect(response.statusCode).toBe(202);
  return { challengeId: (response.json() as { challengeId: string }).challengeId, code: latestCode(t.platform, identifier) };
}

function signInCookieOf(response: { headers: Record<string, unknown> }): string {
  const cookie = ([] as string[]).concat(response.headers['set-cookie'] as string[]).find((value) => value.startsWith('lockstep_signin='));
  if (!cookie) throw new Error('no sign-in cookie');
  return cookie.split(';')[0]!;
}

/** A cookie cleared with the attributes it was set with: any other would leave the browser's copy. */
function expectCleared(cookie: string, name: string, sameSite: 'Strict' | 'Lax'): void {
  expect(cookie).toMatch(new RegExp(`^${name}=;`));
  for (const attribute of ['Path=/', 'HttpOnly', `SameSite=${sameSite}`]) expect(cookie).toContain(attribute);
  expect(cookie).toMatch(/Expires=Thu, 01 Jan 1970/);
}

const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

describe('sign-up and sign-in by one-time code (P3.1)', () => {
  it('signs up with a name, then signs in with a new code and no name', async () => {
    const first = await challengeFor('Mei.Lin@Example.com');
    const needsName = await verify(first);
    expect(needsName.statusCode).toBe(422);
    expect(needsName.json().error.code).toBe('name_required');

    const created = await verify({ ...first, name: '林梅', birthDate: adultBirthDate });
    expect(created.statusCode).toBe(200);
    expect(created.json()).toMatchObject({ newAccount: true, account: { name: '林梅', email: 'mei.lin@example.com', phone: null } });

    t.clock.advance(2 * MINUTE);
    const again = await challengeFor('mei.lin@example.com');
    const signedIn = await verify(again);
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json()).toMatchObject({ newAccount: false, account: { id: created.json().account.id } });
  });

  it('requires a date of birth to create an account (P11.1), each problem with its own answer, and keeps the code usable', async () => {
    const first = await challengeFor('new.person@example.com');
    const cases: [Record<string, unknown>, number, string][] = [
      [{}, 422, 'birth_date_required'],
      [{ birthDate: '' }, 422, 'birth_date_required'],
      [{ birthDate: '   ' }, 422, 'birth_date_required'],
      [{ birthDate: '2001-02-29' }, 400, 'birth_date_invalid'],
      [{ birthDate: '2001-13-01' }, 400, 'birth_date_invalid'],
      [{ birthDate: '12/05/2001' }, 400, 'birth_date_invalid'],
      [{ birthDate: '1850-01-01' }, 400, 'birth_date_invalid'],
      // the harness clock is 2026-11-02 09:00 UTC
      [{ birthDate: '2026-11-03' }, 400, 'birth_date_in_future'],
      [{ birthDate: '3026-01-01' }, 400, 'birth_date_in_future'],
    ];
    for (const [extra, status, code] of cases) {
      const response = await verify({ ...first, name: '新人', ...extra });
      expect(response.statusCode, JSON.stringify(extra)).toBe(status);
      expect(response.json().error.code, JSON.stringify(extra)).toBe(code);
      expect(response.json().error.message).toMatch(/date of birth/i);
    }
    expect(await t.platform.database.db.selectFrom('account').select('id').execute()).toEqual([]);
    // none of the answers above used the code up; 14 years old today needs no guardian
    const created = await verify({ ...first, name: '新人', birthDate: '2012-11-02' });
    expect(created.statusCode).toBe(200);
    const row = await t.platform.database.db.selectFrom('account').select('birth_date_enc').executeTakeFirstOrThrow();
    expect(await t.services.envelope.openText(row.birth_date_enc!, `account.birth_date_enc:${created.json().account.id}`)).toBe('2012-11-02');
  });

  it('does not ask an existing account for a date of birth when it signs in', async () => {
    await t.signIn('older.account@example.com');
    t.clock.advance(2 * MINUTE);
    const signedIn = await verify(await challengeFor('older.account@example.com'));
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json().newAccount).toBe(false);
  });

  it('accepts an E.164 mobile number written with spaces and dashes', async () => {
    const sent = await requestCode('+86 138-1234-5678');
    expect(sent.statusCode).toBe(202);
    expect(sent.json()).toMatchObject({ channel: 'sms', maskedIdentifier: '+86138****5678' });
    const message = t.services.outbox?.latestFor('+8613812345678');
    expect(message?.code).toMatch(/^\d{6}$/);
    expect(message?.text).toContain(message?.code);
  });

  it.each(['not-an-email', 'a@b', '13812345678', '+0123', '', 'x'.repeat(300) + '@example.com'])(
    'refuses the malformed identifier %j with invalid_identifier',
    async (identifier) => {
      const response = await requestCode(identifier);
      expect(response.statusCode).toBe(400);
      expect(['invalid_identifier', 'invalid_request']).toContain(response.json().error.code);
      expect(response.json().error.message).toBeTruthy();
    },
  );

  it('answers a code request the same way whether or not an account exists (no enumeration)', async () => {
    await t.signIn('known@example.com');
    const known = await requestCode('known@example.com');
    const unknown = await requestCode('unknown@example.com');
    expect(known.statusCode).toBe(unknown.statusCode);
    const shape = (body: Record<string, unknown>) => ({ ...body, challengeId: typeof body.challengeId, maskedIdentifier: typeof body.maskedIdentifier });
    expect(shape(known.json())).toEqual(shape(unknown.json()));
    expect(Object.keys(known.json()).sort()).toEqual(Object.keys(unknown.json()).sort());

    // a wrong guess, and the last one before the code is used up, answer alike too
    const guess = async (sent: typeof known, identifier: string) => {
      const payload = { challengeId: sent.json().challengeId, code: wrong(latestCode(t.platform, identifier)) };
      const answers = [];
      for (let n = 0; n < 6; n++) {
        const response = await verify(payload, { cookie: signInCookieOf(sent) });
        answers.push({ status: response.statusCode, body: response.body, retryAfter: response.headers['retry-after'] });
      }
      return answers;
    };
    expect(await guess(known, 'known@example.com')).toEqual(await guess(unknown, 'unknown@example.com'));
  });
});

describe('the privacy policy a sign-up accepts (P0.1, P9.1)', () => {
  it('creates no account without an explicit acceptance of the version in force, keeps the code usable, and asks nothing of a sign-in', async () => {
    const inForce = await t.services.policy.publish({ label: 'S1', bodyZh: '# 隐私政策\n', bodyEn: '# Privacy policy\n', summaryZh: '首版', summaryEn: 'First', material: false, updatedOn: '2026-11-01', effectiveAt: t.clock.now() - HOUR });
    const first = await challengeFor('consenting@example.com');
    const details = { ...first, name: '同意者', birthDate: adultBirthDate };

    const unasked = await verify(details);
    expect(unasked.statusCode).toBe(422);
    expect(unasked.json().error).toMatchObject({ code: 'policy_acceptance_required', currentVersionId: inForce.id, label: 'S1' });
    expect(unasked.json().error.message).toMatch(/privacy policy/i);
    const wrongVersion = await verify({ ...details, acceptedPolicyVersionId: '00000000-0000-4000-8000-000000000000' });
    expect(wrongVersion.statusCode).toBe(409);
    expect(wrongVersion.json().error.code).toBe('policy_version_outdated');
    expect(await t.platform.database.db.selectFrom('account').select('id').execute()).toEqual([]);
    expect(await t.platform.database.db.selectFrom('policy_acceptance').select('id').execute()).toEqual([]);

    const created = await verify({ ...details, acceptedPolicyVersionId: inForce.id });
    expect(created.statusCode, created.body).toBe(200);
    expect(await t.platform.database.db.selectFrom('policy_acceptance').select(['account_id', 'version_id', 'occasion']).execute()).toEqual([
      { account_id: created.json().account.id, version_id: inForce.id, occasion: 'sign_up' },
    ]);

    t.clock.advance(2 * MINUTE);
    const signedIn = await verify(await challengeFor('consenting@example.com'));
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json().newAccount).toBe(false);
  });
});

describe('one-time code limits', () => {
  it('expires a code after 10 minutes', async () => {
    const challenge = await challengeFor('late@example.com');
    t.clock.advance(10 * MINUTE);
    const response = await verify({ ...challenge, name: 'Late', birthDate: adultBirthDate });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('otp_expired');
  });

  it('accepts a code just before it expires', async () => {
    const challenge = await challengeFor('ontime@example.com');
    t.clock.advance(10 * MINUTE - 1000);
    expect((await verify({ ...challenge, name: 'On Time', birthDate: adultBirthDate })).statusCode).toBe(200);
  });

  it('keeps the sign-in cookie to this site and script-proof, as long as the code, and clears it the same way', async () => {
    const sent = await requestCode('cookie.shape@example.com');
    const set = ([] as string[]).concat(sent.headers['set-cookie'] as string[]).find((value) => value.startsWith('lockstep_signin='))!;
    expect(set).toMatch(/lockstep_signin=[^;]{16,}/);
    expect(set).toContain('Path=/');
    expect(set).toContain('HttpOnly');
    expect(set).toContain('SameSite=Strict');
    expect(set).toContain(`Max-Age=${10 * 60}`);
    const challenge = { challengeId: sent.json().challengeId, code: latestCode(t.platform, 'cookie.shape@example.com') };
    const done = await verify({ ...challenge, name: 'Cookie Shape', birthDate: adultBirthDate });
    const cleared = ([] as string[]).concat(done.headers['set-cookie'] as string[]).find((value) => value.startsWith('lockstep_signin='))!;
    // a clearing with other attributes than the setting would leave the browser's copy in place
    expectCleared(cleared, 'lockstep_signin', 'Strict');

    const session = { cookie: (([] as string[]).concat(done.headers['set-cookie'] as string[]).find((value) => value.startsWith('lockstep_session=')) ?? '').split(';')[0]! };
    // a read needs no CSRF token; a write does
    expect((await t.request({ method: 'GET', url: '/api/me', headers: { cookie: session.cookie } })).statusCode).toBe(200);
    expect((await t.request({ method: 'POST', url: '/api/auth/sign-out', headers: { cookie: session.cookie } })).statusCode).toBe(403);
    const out = await t.request({ method: 'POST', url: '/api/auth/sign-out', headers: { cookie: session.cookie, 'x-csrf-token': done.json().csrfToken } });
    const sessionCleared = ([] as string[]).concat(out.headers['set-cookie'] as string[]).find((value) => value.startsWith('lockstep_session='))!;
    expectCleared(sessionCleared, 'lockstep_session', 'Lax');
  });

  it('uses a code only once, even replayed with the sign-in cookie it was issued with', async () => {
    const sent = await requestCode('once@example.com');
    const cookie = signInCookieOf(sent);
    const challenge = { challengeId: sent.json().challengeId, code: latestCode(t.platform, 'once@example.com') };
    const first = await verify({ ...challenge, name: 'Once', birthDate: adultBirthDate });
    expect(first.statusCode).toBe(200);
    expect(String(first.headers['set-cookie'])).toMatch(/lockstep_signin=;/);
    const replay = await verify({ ...challenge, name: 'Once', birthDate: adultBirthDate }, { cookie });
    expect(replay.statusCode).toBe(400);
    expect(replay.json().error.code).toBe('otp_used');
  });

  it('answers to the browser that asked for the code only: elsewhere it is as if there were none', async () => {
    const sent = await requestCode('elsewhere@example.com');
    const challengeId = sent.json().challengeId;
    const code = latestCode(t.platform, 'elsewhere@example.com');
    const unknown = await verify({ challengeId: '5b0f3b55-8a47-4f8f-9d43-2f3c1e0b7a11', code, name: 'E', birthDate: adultBirthDate }, { cookie: 'lockstep_signin=someone-else' });
    const otherBrowser = await verify({ challengeId, code, name: 'E', birthDate: adultBirthDate }, { cookie: 'lockstep_signin=someone-else' });
    expect(otherBrowser.statusCode).toBe(unknown.statusCode);
    expect(otherBrowser.body).toBe(unknown.body);
    // no guess was spent: the asking browser still signs in with the same code
    expect((await verify({ challengeId, code, name: 'E', birthDate: adultBirthDate })).statusCode).toBe(200);
  });

  it('binds a code to the request it was issued for', async () => {
    const mine = await challengeFor('bound-a@example.com');
    const other = await challengeFor('bound-b@example.com');
    const response = await verify({ challengeId: other.challengeId, code: mine.code, name: 'X', birthDate: adultBirthDate });
    // Both codes are 6 random digits; in the one-in-a-million case they coincide the test says so.
    if (mine.code !== other.code) {
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('otp_invalid');
    }
  });

  it('a newer code replaces the older one', async () => {
    const sent = await requestCode('twice@example.com');
    const older = { challengeId: sent.json().challengeId, code: latestCode(t.platform, 'twice@example.com') };
    const olderCookie = signInCookieOf(sent);
    t.clock.advance(2 * MINUTE);
    await challengeFor('twice@example.com');
    const response = await verify({ ...older, name: 'Twice', birthDate: adultBirthDate }, { cookie: olderCookie });
    expect(response.json().error.code).toBe('otp_used');
  });

  it('allows 5 guesses per code, then refuses even the right code', async () => {
    const challenge = await challengeFor('guess@example.com');
    for (let attempt = 1; attempt <= 5; attempt++) {
      const response = await verify({ challengeId: challenge.challengeId, code: wrong(challenge.code), name: 'G', birthDate: adultBirthDate });
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toMatchObject({ code: 'otp_invalid', attemptsLeft: 5 - attempt });
    }
    const right = await verify({ ...challenge, name: 'G', birthDate: adultBirthDate });
    expect(right.statusCode).toBe(400);
    expect(right.json().error.code).toBe('otp_exhausted');
  });

  it('enforces a resend cooldown with Retry-After', async () => {
    await challengeFor('cool@example.com');
    t.clock.advance(30_000);
    const response = await requestCode('cool@example.com');
    expect(response.statusCode).toBe(429);
    expect(response.json().error.code).toBe('resend_too_soon');
    expect(Number(response.headers['retry-after'])).toBe(30);
    t.clock.advance(30_000);
    expect((await requestCode('cool@example.com')).statusCode).toBe(202);
  });

  it('locks an identifier for the hour after 100 wrong guesses, across many codes and addresses', async () => {
    const identifier = 'target@example.com';
    let failures = 0;
    while (failures < 100) {
      const challenge = await challengeFor(identifier);
      for (let guess = 0; guess < 5 && failures < 100; guess++, failures++) {
        const response = await verify({ challengeId: challenge.challengeId, code: wrong(challenge.code), name: 'T', birthDate: adultBirthDate });
        expect(response.json().error.code).toBe('otp_invalid');
      }
      t.clock.advance(61_000);
    }
    const blocked = await requestCode(identifier);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('rate_limited');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);

    t.clock.advance(HOUR);
    expect((await requestCode(identifier)).statusCode).toBe(202);
  });

  it('limits code requests per IP address with 429 and Retry-After', async () => {
    const limit = t.config.otp.ipRequestsPerHour;
    for (let n = 0; n < limit; n++) {
      expect((await requestCode(`ip-${n}@example.com`)).statusCode).toBe(202);
    }
    const blocked = await requestCode('one-more@example.com');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('rate_limited');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('limits wrong guesses per IP address', async () => {
    const limited = await startTestPlatform({ OTP_IP_FAILURES_PER_HOUR: '3' });
    try {
      const sent = await limited.request({ method: 'POST', url: '/api/auth/code', payload: { identifier: 'ipf@example.com' } });
      const { challengeId } = sent.json() as { challengeId: string };
      const code = latestCode(limited.platform, 'ipf@example.com');
      for (let n = 0; n < 3; n++) {
        const response = await limited.request({ method: 'POST', url: '/api/auth/verify', payload: { challengeId, code: wrong(code), name: 'I', birthDate: adultBirthDate } });
        expect(response.json().error.code).toBe('otp_invalid');
      }
      const blocked = await limited.request({ method: 'POST', url: '/api/auth/verify', payload: { challengeId, code, name: 'I', birthDate: adultBirthDate } });
      expect(blocked.statusCode).toBe(429);
      expect(blocked.json().error.code).toBe('rate_limited');
    } finally {
      await limited.close();
    }
  });
});

describe('bad input to sign-in', () => {
  it.each([
    [{ challengeId: 'nope', code: '123456' }, 'invalid_request'],
    [{ challengeId: '5b0f3b55-8a47-4f8f-9d43-2f3c1e0b7a11', code: '12345' }, 'invalid_request'],
    [{ challengeId: '5b0f3b55-8a47-4f8f-9d43-2f3c1e0b7a11', code: '123456', admin: true }, 'unknown_field'],
    [{ challengeId: '5b0f3b55-8a47-4f8f-9d43-2f3c1e0b7a11', code: '123456' }, 'otp_invalid'],
  ])('answers %j with %s', async (payload, code) => {
    const response = await verify(payload);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe(code);
  });

  it('answers malformed JSON and oversized bodies with 4xx, never 500', async () => {
    const malformed = await t.request({ method: 'POST', url: '/api/auth/code', payload: '{"identifier":', headers: { 'content-type': 'application/json' } });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('invalid_request');
    const huge = await t.request({ method: 'POST', url: '/api/auth/code', payload: { identifier: 'x'.repeat(200_000) } });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('payload_too_large');
  });
});
