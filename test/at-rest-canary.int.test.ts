import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialect, latestCode, startTestPlatform, type TestPlatform } from './harness.ts';

/**
 * After real sign-ups and sign-ins, the database files (main file and WAL) and every log line
 * must not contain a plaintext email, phone number, name, date of birth, code, session token, IP
 * address, device id or user agent (P7.3): not in a column of their own, and not in the free text
 * of security events, the admin audit log or a failed job either.
 */
let t: TestPlatform;
const email = 'canary.person.7731@example.com';
const phone = '+8613987654321';
const name = 'Canaryname Zhou';
const birthDate = '1987-06-05';
const ip = '203.0.113.177';
// the device id as sent, and as the server normalises it (dashes dropped)
const deviceId = 'canary-device-7731';
const userAgent = 'CanaryBrowser/77.31.0 (CanaryOS 7731; Canaryphone)';
const colleagueEmail = 'colleague.canary.7731@example.com';
const secrets: string[] = [email, phone, '13987654321', name, birthDate, colleagueEmail, 'Canarycolleague Li', '13912340077', ip, deviceId, deviceId.replace(/-/g, ''), userAgent, 'CanaryBrowser', 'CanaryOS'];
/** every request comes from the same distinctive client */
const client = { 'x-forwarded-for': ip, 'x-device-id': deviceId, 'user-agent': userAgent, 'x-time-zone': 'Asia/Shanghai' };

beforeAll(async () => {
  // the address is the one the proxy says (TRUST_PROXY is read when the app is built)
  const trustProxy = process.env.TRUST_PROXY;
  process.env.TRUST_PROXY = '1';
  try {
    t = await startTestPlatform({ LOG_LEVEL: 'trace' });
  } finally {
    if (trustProxy === undefined) delete process.env.TRUST_PROXY;
    else process.env.TRUST_PROXY = trustProxy;
  }
  const sessions: Array<{ cookie: string; csrf: string }> = [];
  for (const identifier of [email, phone]) {
    const sent = await t.request({ method: 'POST', url: '/api/auth/code', payload: { identifier }, headers: client });
    const code = latestCode(t.platform, identifier);
    secrets.push(code);
    const verified = await t.request({
      method: 'POST',
      url: '/api/auth/verify',
      payload: { challengeId: sent.json().challengeId, code, name, birthDate, keepSignedIn: true },
      headers: client,
    });
    expect(verified.statusCode).toBe(200);
    const cookie = String(verified.headers['set-cookie']).split(';')[0]!;
    secrets.push(cookie.split('=')[1]!);
    const me = await t.request({ method: 'GET', url: '/api/me', headers: { ...client, cookie } });
    expect(me.json().account.name).toBe(name);
    // a wrong guess and a profile change are logged too
    await t.request({ method: 'PATCH', url: '/api/me', headers: { ...client, cookie, 'x-csrf-token': verified.json().csrfToken }, payload: { name } });
    sessions.push({ cookie, csrf: verified.json().csrfToken });
  }
  const wrong = await t.request({ method: 'POST', url: '/api/auth/code', payload: { identifier: email }, headers: client });
  expect(wrong.statusCode).toBe(429); // cooldown: still logged as a request
  // the security log really saw the address
  const events = await t.request({ method: 'GET', url: '/api/security-events', headers: { ...client, cookie: sessions[0]!.cookie } });
  expect(events.json().events[0].ipMasked).toMatch(/^203\.0\./);

  // the admin audit log: an organisation created, a colleague invited, a contact viewed, a setting changed
  const admin = { ...client, cookie: sessions[0]!.cookie, 'x-csrf-token': sessions[0]!.csrf };
  const org = await t.request({ method: 'POST', url: '/api/orgs', payload: { name: 'Canary Audit Co.', region: 'CN' }, headers: admin });
  expect(org.statusCode, org.body).toBe(201);
  const orgId = org.json().organisation.id;
  const invited = await t.request({ method: 'POST', url: `/api/orgs/${orgId}/invitations`, payload: { attestation: 'v1', name: 'Canarycolleague Li', workEmail: colleagueEmail, workPhone: '+8613912340077' }, headers: admin });
  expect(invited.statusCode, invited.body).toBe(201);
  await t.request({ method: 'GET', url: `/api/orgs/${orgId}/members/${invited.json().invitation.id}/contact`, headers: admin });
  expect((await t.request({ method: 'GET', url: `/api/orgs/${orgId}/audit-events`, headers: admin })).json().events.length).toBeGreaterThanOrEqual(2);

  // a crash report from the same browser
  expect((await t.request({ method: 'POST', url: '/api/crash-reports', payload: { message: 'TypeError: x is undefined' }, headers: admin })).statusCode).toBeLessThan(300);

  // a job that fails with an error quoting what it was working on
  t.services.jobs.register('canary.fails', async () => {
    throw Object.assign(new Error(`could not deliver to ${email} (${phone}) from ${ip}, device ${deviceId}, ${userAgent}`), { code: `rejected ${email}` });
  });
  await t.services.jobs.enqueue('canary.fails', t.clock.now());
  await t.services.jobs.tick();
  const failed = await t.services.db.selectFrom('job').select(['status', 'last_error']).where('kind', '=', 'canary.fails').executeTakeFirstOrThrow();
  expect(failed.status).toBe('pending');
  expect(failed.last_error).not.toBeNull();
});

afterAll(async () => {
  await t.close();
});

describe('no plaintext personal data at rest or in logs', () => {
  it.runIf(dialect === 'sqlite')('the SQLite database file and WAL hold none of the canaries', () => {
    const files = fs.readdirSync(t.dataDir).filter((file) => /\.db(-wal)?$/.test(file));
    expect(files).toEqual(expect.arrayContaining(['lockstep.db', 'lockstep.db-wal']));
    const found: string[] = [];
    for (const file of files) {
      const bytes = fs.readFileSync(path.join(t.dataDir, file));
      expect(bytes.length).toBeGreaterThan(0);
      for (const secret of secrets) {
        if (bytes.includes(Buffer.from(secret))) found.push(`${secret} in ${file}`);
        if (bytes.includes(Buffer.from(secret, 'utf16le'))) found.push(`${secret} (UTF-16) in ${file}`);
      }
    }
    expect(found).toEqual([]);
  });

  it.runIf(dialect === 'postgres')('no PostgreSQL column holds any of the canaries', async () => {
    const tables = (await t.platform.database.db.introspection.getTables()).filter((table) => table.schema === t.schemas?.main);
    expect(tables.length).toBeGreaterThan(10);
    const found: string[] = [];
    for (const table of tables) {
      const rows = await t.platform.database.db.selectFrom(table.name as never).selectAll().execute();
      const dump = JSON.stringify(rows, (_key, value) => (value?.type === 'Buffer' ? Buffer.from(value.data).toString('latin1') : value));
      for (const secret of secrets) if (dump.includes(secret)) found.push(`${secret} in ${table.name}`);
    }
    expect(found).toEqual([]);
  });

  it('the logs hold none of the canaries', () => {
    expect(t.logs.length).toBeGreaterThan(5);
    const all = t.logs.join('\n');
    expect(secrets.filter((secret) => all.includes(secret))).toEqual([]);
  });

  it('the canaries were really used (the test can fail)', async () => {
    const outbox = JSON.stringify(t.services.outbox?.list());
    expect(outbox).toContain(email);
    expect(outbox).toContain(phone);
    // the client's address, device and browser reached the server and were recorded, sealed
    const event = await t.services.db.selectFrom('security_event').selectAll().where('type', '=', 'sign_in.succeeded').executeTakeFirstOrThrow();
    expect(await t.services.envelope.openText(event.ip_enc, `security_event.ip_enc:${event.id}`)).toBe(ip);
    expect(event.device_index).not.toBeNull();
  });
});
