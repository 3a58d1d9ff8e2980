import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialect, latestCode, startTestPlatform, type TestPlatform } from './harness.ts';

/**
 * After real sign-ups and sign-ins, the database files (main file and WAL) and every log line
 * must not contain a plaintext email, phone number, name, date of birth, code or session token (P7.3).
 */
let t: TestPlatform;
const email = 'canary.person.7731@example.com';
const phone = '+8613987654321';
const name = 'Canaryname Zhou';
const birthDate = '1987-06-05';
const secrets: string[] = [email, phone, '13987654321', name, birthDate];

beforeAll(async () => {
  t = await startTestPlatform({ LOG_LEVEL: 'trace' });
  for (const identifier of [email, phone]) {
    const sent = await t.request({ method: 'POST', url: '/api/auth/code', payload: { identifier } });
    const code = latestCode(t.platform, identifier);
    secrets.push(code);
    const verified = await t.request({
      method: 'POST',
      url: '/api/auth/verify',
      payload: { challengeId: sent.json().challengeId, code, name, birthDate, keepSignedIn: true },
      headers: { 'x-device-id': 'canary-device-123', 'x-time-zone': 'Asia/Shanghai' },
    });
    expect(verified.statusCode).toBe(200);
    const cookie = String(verified.headers['set-cookie']).split(';')[0]!;
    secrets.push(cookie.split('=')[1]!);
    const me = await t.request({ method: 'GET', url: '/api/me', headers: { cookie } });
    expect(me.json().account.name).toBe(name);
    // a wrong guess and a profile change are logged too
    await t.request({ method: 'PATCH', url: '/api/me', headers: { cookie, 'x-csrf-token': verified.json().csrfToken }, payload: { name } });
  }
  const wrong = await t.request({ method: 'POST', url: '/api/auth/code', payload: { identifier: email } });
  expect(wrong.statusCode).toBe(429); // cooldown: still logged as a request
});

afterAll(async () => {
  await t.close();
});

describe('no plaintext personal data at rest or in logs', () => {
  it.runIf(dialect === 'sqlite')('the SQLite database file and WAL hold none of the canaries', () => {
    const files = fs.readdirSync(t.dataDir).filter((file) => /\.db(-wal)?$/.test(file));
    expect(files).toEqual(expect.arrayContaining(['lockstep.db', 'lockstep.db-wal']));
    for (const file of files) {
      const bytes = fs.readFileSync(path.join(t.dataDir, file));
      expect(bytes.length).toBeGreaterThan(0);
      for (const secret of secrets) {
        expect(bytes.includes(Buffer.from(secret)), `${secret} in ${file}`).toBe(false);
        expect(bytes.includes(Buffer.from(secret, 'utf16le')), `${secret} (UTF-16) in ${file}`).toBe(false);
      }
    }
  });

  it.runIf(dialect === 'postgres')('no PostgreSQL column holds any of the canaries', async () => {
    const tables = (await t.platform.database.db.introspection.getTables()).filter((table) => table.schema === t.schemas?.main);
    expect(tables.length).toBeGreaterThan(10);
    for (const table of tables) {
      const rows = await t.platform.database.db.selectFrom(table.name as never).selectAll().execute();
      const dump = JSON.stringify(rows, (_key, value) => (value?.type === 'Buffer' ? Buffer.from(value.data).toString('latin1') : value));
      for (const secret of secrets) expect(dump.includes(secret), `${secret} in ${table.name}`).toBe(false);
    }
  });

  it('the logs hold none of the canaries', () => {
    expect(t.logs.length).toBeGreaterThan(5);
    const all = t.logs.join('\n');
    for (const secret of secrets) expect(all.includes(secret), secret).toBe(false);
  });

  it('the canaries were really used (the test can fail)', async () => {
    const outbox = JSON.stringify(t.services.outbox?.list());
    expect(outbox).toContain(email);
    expect(outbox).toContain(phone);
  });
});
