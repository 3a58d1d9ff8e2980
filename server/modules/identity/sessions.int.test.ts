import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adultBirthDate, latestCode, startTestPlatform, type TestPlatform } from '../../../test/harness.ts';
import { DAY, HOUR, MINUTE } from '../../platform/clock.ts';

let t: TestPlatform;
beforeEach(async () => {
  t = await startTestPlatform();
});
afterEach(async () => {
  await t.close();
});

async function signInRaw(identifier: string, keepSignedIn: boolean) {
  const sent = await t.request({ method: 'POST', url: '/api/auth/code', payload: { identifier } });
  const { challengeId } = sent.json() as { challengeId: string };
  const response = await t.request({
    method: 'POST',
    url: '/api/auth/verify',
    payload: { challengeId, code: latestCode(t.platform, identifier), name: 'Cookie Tester', birthDate: adultBirthDate, keepSignedIn },
  });
  expect(response.statusCode).toBe(200);
  return response;
}

const setCookie = (response: { headers: Record<string, unknown> }) =>
  ([] as string[]).concat(response.headers['set-cookie'] as string[]).find((cookie) => /lockstep_session=/.test(cookie)) ?? '';

describe('the sign-in cookie (P4.1)', () => {
  it('is HttpOnly, SameSite=Lax, path / and, without "keep me signed in", a browser-session cookie', async () => {
    const cookie = setCookie(await signInRaw('plain@example.com', false));
    expect(cookie).toMatch(/^lockstep_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).toContain('Path=/');
    expect(cookie).not.toMatch(/Max-Age|Expires/i);
  });

  it('with "keep me signed in" lasts exactly 15 days', async () => {
    const cookie = setCookie(await signInRaw('keep@example.com', true));
    expect(cookie).toContain(`Max-Age=${15 * 24 * 3600}`);
  });

  it('is __Host- prefixed and Secure when served over HTTPS', async () => {
    const secure = await startTestPlatform({ PUBLIC_URL: 'https://work.example.com' });
    try {
      const sent = await secure.request({ method: 'POST', url: '/api/auth/code', payload: { identifier: 'tls@example.com' } });
      const response = await secure.request({
        method: 'POST',
        url: '/api/auth/verify',
        payload: { challengeId: sent.json().challengeId, code: latestCode(secure.platform, 'tls@example.com'), name: 'TLS', birthDate: adultBirthDate },
      });
      const cookie = setCookie(response);
      expect(cookie).toMatch(/^__Host-lockstep_session=/);
      expect(cookie).toContain('Secure');
      expect(cookie).toContain('Path=/');
      expect(cookie).not.toContain('Domain=');
      expect(response.headers['strict-transport-security']).toBeTruthy();
    } finally {
      await secure.close();
    }
  });

  it('ends a kept session 15 days after sign-in even when used every day', async () => {
    const session = await t.signIn('daily@example.com', { keepSignedIn: true });
    for (let day = 1; day < 15; day++) {
      t.clock.advance(DAY);
      expect((await t.request({ method: 'GET', url: '/api/me', session })).statusCode).toBe(200);
    }
    t.clock.advance(DAY);
    const expired = await t.request({ method: 'GET', url: '/api/me', session });
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.code).toBe('not_signed_in');
  });

  it('ends a browser-session sign-in after the idle timeout, but not while it is used', async () => {
    const session = await t.signIn('idle@example.com');
    t.clock.advance(7 * HOUR);
    expect((await t.request({ method: 'GET', url: '/api/me', session })).statusCode).toBe(200);
    t.clock.advance(7 * HOUR);
    expect((await t.request({ method: 'GET', url: '/api/me', session })).statusCode).toBe(200);
    t.clock.advance(8 * HOUR + MINUTE);
    expect((await t.request({ method: 'GET', url: '/api/me', session })).statusCode).toBe(401);
  });

  it('refuses forged and malformed cookies with 401', async () => {
    for (const cookie of ['lockstep_session=forged', 'lockstep_session=' + 'A'.repeat(43), 'lockstep_session=' + 'x'.repeat(5000), 'garbage']) {
      const response = await t.request({ method: 'GET', url: '/api/me', headers: { cookie } });
      expect(response.statusCode).toBe(401);
      expect(response.json().error.code).toBe('not_signed_in');
    }
  });
});

describe('CSRF protection', () => {
  it('refuses a cookie-authenticated write without the CSRF token', async () => {
    const session = await t.signIn('csrf@example.com');
    const response = await t.request({ method: 'PATCH', url: '/api/me', payload: { name: 'Hacked' }, session, headers: { 'x-csrf-token': '' } });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('csrf_failed');
    const me = await t.request({ method: 'GET', url: '/api/me', session });
    expect(me.json().account.name).toBe('Test Person');
  });

  it('refuses a write whose Origin is another site', async () => {
    const session = await t.signIn('origin@example.com');
    const response = await t.request({ method: 'PATCH', url: '/api/me', payload: { name: 'Hacked' }, session, headers: { origin: 'https://evil.example' } });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('csrf_failed');
  });

  it('accepts the write with the token', async () => {
    const session = await t.signIn('csrf-ok@example.com');
    const response = await t.request({ method: 'PATCH', url: '/api/me', payload: { name: '王小明' }, session });
    expect(response.statusCode).toBe(200);
    expect(response.json().account.name).toBe('王小明');
  });
});

describe('session list and ending sessions', () => {
  it('lists both sessions of a person and ends the other one server-side', async () => {
    const laptop = await t.signIn('two@example.com', { headers: { 'x-device-id': 'laptop-device-0001' } });
    const phone = await t.signIn('two@example.com', {
      headers: { 'x-device-id': 'phone-device-0002', 'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Safari/604.1' },
    });
    const listed = await t.request({ method: 'GET', url: '/api/sessions', session: laptop });
    const sessions = listed.json().sessions as Array<{ id: string; current: boolean; ipMasked: string; place: string; os: string }>;
    expect(sessions).toHaveLength(2);
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    expect(sessions[0]?.ipMasked).toBe('127.0.0.*');
    expect(sessions[0]?.place).toBe('local');
    const other = sessions.find((s) => !s.current);
    expect(other?.os).toContain('iOS');

    const ended = await t.request({ method: 'DELETE', url: `/api/sessions/${other?.id}`, session: laptop });
    expect(ended.statusCode).toBe(204);
    expect((await t.request({ method: 'GET', url: '/api/me', session: phone })).statusCode).toBe(401);
    expect((await t.request({ method: 'GET', url: '/api/me', session: laptop })).statusCode).toBe(200);
  });

  it('cannot end another person’s session: it answers as if there were none', async () => {
    const alice = await t.signIn('alice@example.com');
    const bob = await t.signIn('bob@example.com');
    const bobSessions = await t.request({ method: 'GET', url: '/api/sessions', session: bob });
    const bobsId = bobSessions.json().sessions[0].id as string;
    const attempt = await t.request({ method: 'DELETE', url: `/api/sessions/${bobsId}`, session: alice });
    const missing = await t.request({ method: 'DELETE', url: '/api/sessions/00000000-0000-4000-8000-000000000000', session: alice });
    expect(attempt.statusCode).toBe(404);
    expect(attempt.body).toBe(missing.body);
    expect((await t.request({ method: 'GET', url: '/api/me', session: bob })).statusCode).toBe(200);
  });

  it('signs out server-side: the old cookie no longer works', async () => {
    const session = await t.signIn('out@example.com');
    const out = await t.request({ method: 'POST', url: '/api/auth/sign-out', session });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/lockstep_session=;/);
    expect((await t.request({ method: 'GET', url: '/api/me', session })).statusCode).toBe(401);
  });

  it('disabling an account ends its sessions', async () => {
    const session = await t.signIn('disabled@example.com');
    const account = await t.services.accounts.findByIdentifier({ channel: 'email', value: 'disabled@example.com' });
    await t.services.accounts.disable(account!);
    expect((await t.request({ method: 'GET', url: '/api/me', session })).statusCode).toBe(401);
    const sessions = await t.platform.database.db.selectFrom('session').select(['ended_at', 'end_reason']).where('account_id', '=', account!.id).execute();
    expect(sessions.every((row) => row.ended_at !== null && row.end_reason === 'account_disabled')).toBe(true);
    // and it cannot sign in again
    const sent = await t.request({ method: 'POST', url: '/api/auth/code', payload: { identifier: 'disabled@example.com' } });
    const again = await t.request({ method: 'POST', url: '/api/auth/verify', payload: { challengeId: sent.json().challengeId, code: latestCode(t.platform, 'disabled@example.com') } });
    expect(again.statusCode).toBe(403);
    expect(again.json().error.code).toBe('account_disabled');
  });
});
