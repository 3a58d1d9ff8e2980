import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adultBirthDate, latestCode, startTestPlatform, type TestPlatform } from '../../../test/harness.ts';
import { DAY, MINUTE } from '../../platform/clock.ts';

let t: TestPlatform;
beforeEach(async () => {
  t = await startTestPlatform();
});
afterEach(async () => {
  await t.close();
});

const laptop = {
  'x-device-id': 'laptop-0001-aaaa',
  'x-time-zone': 'Asia/Shanghai',
  'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8',
  'user-agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
};
const phone = {
  'x-device-id': 'phone-0002-bbbb',
  'x-time-zone': 'Europe/Berlin',
  'accept-language': 'en-GB,en;q=0.9',
  'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1',
};

type SecurityEvent = { type: string; ipMasked: string; browser: string; os: string; timeZone: string | null; language: string | null; occurredAt: string };

describe('security log (P3.3)', () => {
  it('records code requests, failures, sign-ins, sessions and profile changes with time, IP, device, time zone and language', async () => {
    const sent = await t.request({ method: 'POST', url: '/api/auth/code', payload: { identifier: 'log@example.com' }, headers: laptop });
    const challengeId = sent.json().challengeId;
    const code = latestCode(t.platform, 'log@example.com');
    // sign up, then fail once on a second code, then sign in again
    await t.request({ method: 'POST', url: '/api/auth/verify', payload: { challengeId, code, name: 'Log', birthDate: adultBirthDate }, headers: laptop });
    t.clock.advance(61_000);
    const second = await t.request({ method: 'POST', url: '/api/auth/code', payload: { identifier: 'log@example.com' }, headers: laptop });
    const secondCode = latestCode(t.platform, 'log@example.com');
    const wrongCode = secondCode === '000000' ? '000001' : '000000';
    await t.request({ method: 'POST', url: '/api/auth/verify', payload: { challengeId: second.json().challengeId, code: wrongCode }, headers: laptop });
    t.clock.advance(61_000);
    const session = await t.signIn('log@example.com', { headers: laptop });
    await t.request({ method: 'PATCH', url: '/api/me', payload: { name: 'Log 2' }, session });
    await t.request({ method: 'POST', url: '/api/auth/sign-out', session });
    const again = await t.signIn('log@example.com', { headers: laptop });

    const events = (await t.request({ method: 'GET', url: '/api/security-events', session: again })).json().events as SecurityEvent[];
    const types = events.map((event) => event.type);
    for (const type of ['otp.requested', 'sign_in.failed', 'sign_in.succeeded', 'session.started', 'session.ended', 'profile.changed']) {
      expect(types, type).toContain(type);
    }
    const signedIn = events.find((event) => event.type === 'sign_in.succeeded')!;
    expect(signedIn).toMatchObject({ ipMasked: '127.0.0.*', timeZone: 'Asia/Shanghai', language: 'zh-CN', browser: 'Chrome 131', os: 'Windows 10' });
    expect(signedIn.occurredAt).toMatch(/Z$/);
  });

  it('shows a person only their own events', async () => {
    const alice = await t.signIn('alice-log@example.com');
    const bob = await t.signIn('bob-log@example.com');
    await t.request({ method: 'PATCH', url: '/api/me', payload: { name: 'Bob' }, session: bob });
    const aliceEvents = (await t.request({ method: 'GET', url: '/api/security-events', session: alice })).json().events as SecurityEvent[];
    expect(aliceEvents.some((event) => event.type === 'profile.changed')).toBe(false);
  });

  it('requires sign-in', async () => {
    const response = await t.request({ method: 'GET', url: '/api/security-events' });
    expect(response.statusCode).toBe(401);
  });
});

describe('new-device sign-in notice', () => {
  it('raises a notice (in the app and by message) when a known account signs in on a new device, not on sign-up or a known device', async () => {
    const first = await t.signIn('devices@example.com', { headers: laptop });
    expect((await t.request({ method: 'GET', url: '/api/notices', session: first })).json().notices).toEqual([]);
    await t.signIn('devices@example.com', { headers: laptop });
    expect((await t.request({ method: 'GET', url: '/api/notices', session: first })).json().notices).toEqual([]);

    const messagesBefore = t.services.outbox!.list().length;
    await t.signIn('devices@example.com', { headers: phone });
    const notices = (await t.request({ method: 'GET', url: '/api/notices', session: first })).json().notices;
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ kind: 'new_device_sign_in', readAt: null, data: { os: 'iOS 17.0', ipMasked: '127.0.0.*' } });
    const sentSince = t.services.outbox!.list().slice(0, t.services.outbox!.list().length - messagesBefore);
    expect(sentSince.some((message) => message.to === 'devices@example.com' && !message.code && /new device|新设备/.test(message.text))).toBe(true);

    const read = await t.request({ method: 'POST', url: `/api/notices/${notices[0].id}/read`, session: first });
    expect(read.statusCode).toBe(204);
    const after = (await t.request({ method: 'GET', url: '/api/notices', session: first })).json().notices;
    expect(after[0].readAt).not.toBeNull();
  });

  it('honours a device id for 15 days from when it was first seen, no longer (P4.1): an older one is a new device', async () => {
    const first = await t.signIn('fortnight@example.com', { headers: laptop, keepSignedIn: true });
    const noticesOf = async () => (await t.request({ method: 'GET', url: '/api/notices', session: latest })).json().notices as Array<{ kind: string }>;
    let latest = first;
    t.clock.advance(14 * DAY);
    latest = await t.signIn('fortnight@example.com', { headers: laptop, keepSignedIn: true });
    expect(await noticesOf()).toEqual([]);

    // a browser keeps its id at most 15 days after its sign-in: one presented later is not trusted as known
    t.clock.advance(1 * DAY + MINUTE);
    latest = await t.signIn('fortnight@example.com', { headers: laptop, keepSignedIn: true });
    expect((await noticesOf()).map((notice) => notice.kind)).toEqual(['new_device_sign_in']);
    // from then on it is a device seen today
    latest = await t.signIn('fortnight@example.com', { headers: laptop, keepSignedIn: true });
    expect(await noticesOf()).toHaveLength(1);
  });

  it('answers 404 for another person’s notice', async () => {
    const owner = await t.signIn('owner@example.com', { headers: laptop });
    await t.signIn('owner@example.com', { headers: phone });
    const noticeId = (await t.request({ method: 'GET', url: '/api/notices', session: owner })).json().notices[0].id;
    const stranger = await t.signIn('stranger@example.com');
    const response = await t.request({ method: 'POST', url: `/api/notices/${noticeId}/read`, session: stranger });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('notice_not_found');
  });
});

describe('crash reports', () => {
  it('stores a crash report, sealed, from an anonymous or signed-in client', async () => {
    const anonymous = await t.request({ method: 'POST', url: '/api/crash-reports', payload: { message: 'TypeError: x is undefined', stack: 'at App (main.js:1:1)', url: '/products' } });
    expect(anonymous.statusCode).toBe(202);
    const session = await t.signIn('crash@example.com');
    expect((await t.request({ method: 'POST', url: '/api/crash-reports', payload: { message: 'boom' }, session })).statusCode).toBe(202);
    const rows = await t.platform.database.db.selectFrom('crash_report').selectAll().execute();
    expect(rows).toHaveLength(2);
    expect(rows.some((row) => row.account_id === session.accountId)).toBe(true);
    expect(rows.every((row) => !row.report_enc.includes(Buffer.from('TypeError')))).toBe(true);
  });

  it('refuses oversized and malformed reports, and limits them per address', async () => {
    const big = await t.request({ method: 'POST', url: '/api/crash-reports', payload: { message: 'x', stack: 'y'.repeat(20_000) } });
    expect(big.statusCode).toBe(413);
    const malformed = await t.request({ method: 'POST', url: '/api/crash-reports', payload: { stack: 'no message' } });
    expect(malformed.statusCode).toBe(400);
    for (let n = 0; n < 20; n++) {
      expect((await t.request({ method: 'POST', url: '/api/crash-reports', payload: { message: `crash ${n}` } })).statusCode).toBe(202);
    }
    const limited = await t.request({ method: 'POST', url: '/api/crash-reports', payload: { message: 'one too many' } });
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
  });
});
