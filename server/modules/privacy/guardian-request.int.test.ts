import type { LightMyRequestResponse } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { latestCode, startTestPlatform, type TestPlatform } from '../../../test/harness.ts';
import { DAY, HOUR, MINUTE } from '../../platform/clock.ts';
import { GUARDIAN_SENDS_PER_HOUR } from './guardian-request.service.ts';
import { tallyOutcomes } from '../../../test/settled-outcomes.ts';

/**
 * The child's side of a pending guardian consent (P11.1, P11.2): the request's state, sending the
 * code again, correcting a mistyped guardian address. The child has no session, only the wait
 * cookie of their sign-up (or of a later sign-in with a code).
 */
let t: TestPlatform;
beforeEach(async () => {
  t = await startTestPlatform();
});
afterEach(async () => {
  await t.close();
});

const tenYearsOld = () => `${new Date(t.clock.now()).getUTCFullYear() - 10}-01-01`;

function waitCookieOf(response: LightMyRequestResponse): string {
  const cookie = ([] as string[]).concat(response.headers['set-cookie'] ?? []).find((value) => value.startsWith('lockstep_guardian_wait='));
  if (!cookie) throw new Error(`no wait cookie: ${response.statusCode} ${response.body}`);
  return cookie;
}

/** A child signs up naming a guardian; answers the wait cookie ("name=value") and the 202 body. */
async function childSignsUp(email: string, guardian: string) {
  t.clock.advance(61_000);
  const sent = await t.request({ method: 'POST', url: '/api/auth/code', payload: { identifier: email } });
  const verified = await t.request({
    method: 'POST',
    url: '/api/auth/verify',
    payload: { challengeId: sent.json().challengeId, code: latestCode(t.platform, email), name: '小红', birthDate: tenYearsOld(), guardianIdentifier: guardian },
  });
  expect(verified.statusCode).toBe(202);
  return { cookie: waitCookieOf(verified).split(';')[0]!, setCookie: waitCookieOf(verified), body: verified.json() };
}

const state = (cookie?: string) => t.request({ method: 'GET', url: '/api/child/guardian-request', headers: cookie ? { cookie } : {} });
const resend = (cookie: string) => t.request({ method: 'POST', url: '/api/child/guardian-request/resend', headers: { cookie } });
const correct = (cookie: string, guardianIdentifier: unknown) =>
  t.request({ method: 'PUT', url: '/api/child/guardian-request/guardian', payload: { guardianIdentifier }, headers: { cookie } });

/** The consent id and code in the latest message to a guardian. */
function messageTo(guardian: string) {
  const message = t.services.outbox!.latestFor(guardian);
  if (!message) return null;
  return { consentId: /\/guardian\/([0-9a-f-]{36})/.exec(message.text)![1]!, code: message.code!, text: message.text };
}

const decide = (consentId: string, code: string) => t.request({ method: 'POST', url: `/api/guardian-consents/${consentId}/decision`, payload: { code, decision: 'approve' } });
const childStatus = async () => (await t.platform.database.db.selectFrom('account').select('status').executeTakeFirstOrThrow()).status;

describe('a child’s pending guardian request (P11.1, P11.2)', () => {
  it('answers the sign-up with when the request was sent and when it lapses, and a wait cookie that lasts as long', async () => {
    const signedUpAt = t.clock.now();
    const { body, setCookie } = await childSignsUp('kid.a@example.com', 'mum.a@example.com');
    expect(body).toEqual({
      status: 'awaiting_guardian',
      maskedGuardian: 'm***@example.com',
      sentAt: new Date(signedUpAt + 61_000).toISOString(),
      expiresAt: new Date(signedUpAt + 61_000 + 7 * DAY).toISOString(),
      resendAvailableAt: new Date(signedUpAt + 61_000 + 60_000).toISOString(),
    });
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect(setCookie).toContain(`Max-Age=${7 * 24 * 3600}`);
    expect(setCookie).not.toContain('lockstep_session');
  });

  it('shows the state to the wait cookie only, and to a child who signs in again with a code', async () => {
    const { cookie, body } = await childSignsUp('kid.b@example.com', 'dad.b@example.com');
    const shown = await state(cookie);
    expect(shown.statusCode).toBe(200);
    expect(shown.json()).toEqual(body);
    expect(shown.body).not.toContain('dad.b@example.com');

    for (const bad of [undefined, 'lockstep_guardian_wait=nonsense', `${cookie.slice(0, -4)}0000`, `lockstep_guardian_wait=${'0'.repeat(36)}.${'0'.repeat(64)}`]) {
      const refused = await state(bad);
      expect(refused.statusCode, bad).toBe(404);
      expect(refused.json().error.code).toBe('guardian_request_not_found');
    }

    // a new browser: the child proves their address with a code and gets the state and a cookie there
    t.clock.advance(61_000);
    const sent = await t.request({ method: 'POST', url: '/api/auth/code', payload: { identifier: 'kid.b@example.com' } });
    const again = await t.request({ method: 'POST', url: '/api/auth/verify', payload: { challengeId: sent.json().challengeId, code: latestCode(t.platform, 'kid.b@example.com') } });
    expect(again.statusCode).toBe(202);
    expect(again.json()).toEqual(body);
    expect((await state(waitCookieOf(again).split(';')[0])).statusCode).toBe(200);
    // that code is used up like any other
    const challenge = await t.platform.database.db.selectFrom('otp_challenge').select('consumed_at').where('id', '=', sent.json().challengeId).executeTakeFirstOrThrow();
    expect(challenge.consumed_at).not.toBeNull();
  });

  it('sends the guardian a new code after the cooldown; the old code stops working and the deadline stays', async () => {
    const { cookie, body } = await childSignsUp('kid.c@example.com', 'mum.c@example.com');
    const first = messageTo('mum.c@example.com')!;

    const tooSoon = await resend(cookie);
    expect(tooSoon.statusCode).toBe(429);
    expect(tooSoon.json().error).toMatchObject({ code: 'resend_too_soon', retryAfterSeconds: 60 });
    expect(tooSoon.headers['retry-after']).toBe('60');
    expect(messageTo('mum.c@example.com')!.code).toBe(first.code);

    t.clock.advance(60_000);
    const resent = await resend(cookie);
    expect(resent.statusCode).toBe(200);
    expect(resent.json()).toMatchObject({ maskedGuardian: 'm***@example.com', sentAt: new Date(t.clock.now()).toISOString(), expiresAt: body.expiresAt });
    const second = messageTo('mum.c@example.com')!;
    expect(second.consentId).toBe(first.consentId);
    expect(second.text).toContain('小红');
    if (second.code !== first.code) expect((await decide(first.consentId, first.code)).json().error.code).toBe('otp_invalid');
    expect((await decide(second.consentId, second.code)).json().status).toBe('approved');
    expect(await childStatus()).toBe('active');

    // answered: the cookie opens nothing any more
    expect((await state(cookie)).statusCode).toBe(404);
    expect((await resend(cookie)).statusCode).toBe(404);
  });

  it('limits codes to a guardian to a few an hour, like sign-in codes', async () => {
    const { cookie } = await childSignsUp('kid.d@example.com', 'mum.d@example.com');
    for (let sent = 0; sent < GUARDIAN_SENDS_PER_HOUR; sent++) {
      t.clock.advance(61_000);
      expect((await resend(cookie)).statusCode).toBe(200);
    }
    t.clock.advance(61_000);
    const limited = await resend(cookie);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('rate_limited');
    // corrections count too: no flooding of other addresses either
    expect((await correct(cookie, 'other.d@example.com')).json().error.code).toBe('rate_limited');
    expect(t.services.outbox!.latestFor('other.d@example.com')).toBeUndefined();
    t.clock.advance(HOUR);
    expect((await resend(cookie)).statusCode).toBe(200);
  });

  it('corrects a mistyped guardian address while pending: the right guardian gets a new code, the wrong one’s stops working', async () => {
    const { cookie, body } = await childSignsUp('kid.e@example.com', 'mum.typo@example.com');
    const mistyped = messageTo('mum.typo@example.com')!;

    const corrected = await correct(cookie, 'Mum.E@Example.com');
    expect(corrected.statusCode).toBe(200);
    expect(corrected.json()).toMatchObject({ maskedGuardian: 'm***@example.com', sentAt: new Date(t.clock.now()).toISOString(), expiresAt: body.expiresAt });
    const right = messageTo('mum.e@example.com')!;
    expect(right.consentId).toBe(mistyped.consentId);
    if (right.code !== mistyped.code) expect((await decide(mistyped.consentId, mistyped.code)).json().error.code).toBe('otp_invalid');

    // a phone number works as well, and the state shows where the request now is
    t.clock.advance(MINUTE);
    expect((await correct(cookie, '+86 139 0000 1111')).json().maskedGuardian).toBe('+86139****1111');
    expect((await state(cookie)).json().maskedGuardian).toBe('+86139****1111');
    const byPhone = messageTo('+8613900001111')!;
    expect((await decide(byPhone.consentId, byPhone.code)).json().status).toBe('approved');
    // the guardian the consent came from is the corrected one: the phone's account sees the child
    const consent = await t.platform.database.db.selectFrom('guardian_consent').selectAll().executeTakeFirstOrThrow();
    expect(consent.guardian_index).toBe(await t.services.blindIndex.of('phone', '+8613900001111'));
  });

  it('refuses a correction to the child’s own address, or to no address, with clear errors', async () => {
    const { cookie } = await childSignsUp('kid.f@example.com', 'mum.f@example.com');
    const own = await correct(cookie, ' KID.F@example.com ');
    expect(own.statusCode).toBe(422);
    expect(own.json().error).toMatchObject({ code: 'guardian_is_child', message: expect.stringContaining('not the child’s') });
    expect((await correct(cookie, 'not an address')).json().error.code).toBe('invalid_identifier');
    expect((await correct(cookie, '')).statusCode).toBe(400);
    expect((await t.request({ method: 'PUT', url: '/api/child/guardian-request/guardian', payload: {}, headers: { cookie } })).statusCode).toBe(400);
    expect((await state(cookie)).json().maskedGuardian).toBe('m***@example.com');
    expect(t.services.outbox!.latestFor('kid.f@example.com')!.code).not.toBeNull();
    expect(messageTo('mum.f@example.com')).not.toBeNull();
  });

  it('keeps the deadline whatever the child does: corrected at the last hour, the request still lapses and the account is erased', async () => {
    const { cookie } = await childSignsUp('kid.g@example.com', 'mum.typo.g@example.com');
    t.clock.advance(7 * DAY - HOUR);
    expect((await correct(cookie, 'mum.g@example.com')).statusCode).toBe(200);
    expect(messageTo('mum.g@example.com')!.text).toContain('1 天');
    t.clock.advance(HOUR);
    await t.services.jobs.tick();
    expect(await childStatus()).toBe('erased');
    expect((await state(cookie)).statusCode).toBe(404);
    expect((await correct(cookie, 'mum.g2@example.com')).statusCode).toBe(404);
  });
});

describe('a child’s resends and corrections sent at once (P11.1)', () => {
  const client = { ip: '127.0.0.1', userAgent: 'test', deviceId: null, timeZone: null, language: null };
  const tally = (results: PromiseSettledResult<unknown>[]) => tallyOutcomes(results);
  const sentTo = (guardian: string) => t.services.outbox!.list().filter((entry) => entry.to === guardian).length;
  // The service is called directly, all at once, each call with the request as read before any
  // wrote (as concurrent requests would): their statements interleave on SQLite as on PostgreSQL.
  const waiting = (cookie: string) => t.services.guardianRequests.byWaitToken(decodeURIComponent(cookie.split('=')[1]!));

  it('sends one code for ten resends at once, and the others neither send nor use up the hour’s codes', async () => {
    const { cookie } = await childSignsUp('kid.r1@example.com', 'mum.r1@example.com');
    t.clock.advance(61_000);
    const child = await waiting(cookie);
    const counts = tally(await Promise.allSettled(Array.from({ length: 10 }, () => t.services.guardianRequests.resend(child, client))));
    // one wins; the others came too soon after it, or found the hour's places held meanwhile
    expect(counts.ok).toBe(1);
    expect((counts.resend_too_soon ?? 0) + (counts.rate_limited ?? 0)).toBe(9);
    expect(sentTo('mum.r1@example.com')).toBe(2);
    // the hour holds exactly its codes: the four left are there, then none
    for (let sent = 1; sent < GUARDIAN_SENDS_PER_HOUR; sent++) {
      t.clock.advance(61_000);
      expect((await resend(cookie)).statusCode).toBe(200);
    }
    t.clock.advance(61_000);
    expect((await resend(cookie)).json().error.code).toBe('rate_limited');
    expect(sentTo('mum.r1@example.com')).toBe(1 + GUARDIAN_SENDS_PER_HOUR);
  });

  it('sends one code for resends and corrections sent at once, to one address', async () => {
    const { cookie } = await childSignsUp('kid.r2@example.com', 'mum.r2@example.com');
    t.clock.advance(61_000);
    const child = await waiting(cookie);
    const others = Array.from({ length: 5 }, (_, n) => `other${n}.r2@example.com`);
    const results = await Promise.allSettled([
      ...Array.from({ length: 5 }, () => t.services.guardianRequests.resend(child, client)),
      ...others.map((address) => t.services.guardianRequests.correctGuardian(child, address, client)),
    ]);
    const counts = tally(results);
    expect(counts.ok).toBe(1);
    expect((counts.resend_too_soon ?? 0) + (counts.rate_limited ?? 0)).toBe(9);
    expect(sentTo('mum.r2@example.com') - 1 + others.reduce((sum, address) => sum + sentTo(address), 0)).toBe(1);
    const counter = await t.services.rateCounters.peek(t.services.rateCounters.bucket('guardian-code-child', child.child.id), HOUR, GUARDIAN_SENDS_PER_HOUR);
    expect(counter.count).toBe(1);
  });

  it('answers two resends at once over HTTP with one code and one 429 with Retry-After', async () => {
    const { cookie } = await childSignsUp('kid.r3@example.com', 'mum.r3@example.com');
    t.clock.advance(61_000);
    const responses = await Promise.all([resend(cookie), resend(cookie)]);
    expect(responses.map((response) => response.statusCode).sort()).toEqual([200, 429]);
    const refused = responses.find((response) => response.statusCode === 429)!;
    expect(refused.json().error.code).toBe('resend_too_soon');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(sentTo('mum.r3@example.com')).toBe(2);
  });
});
