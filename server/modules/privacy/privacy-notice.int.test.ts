import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../../test/harness.ts';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(async () => {
  await t.close();
});

describe('privacy notice generated from the data map (P0.1, P2.7)', () => {
  it('is readable without an account and lists each personal category with purpose, basis, retention and fields', async () => {
    const response = await t.request({ method: 'GET', url: '/api/privacy/notice' });
    expect(response.statusCode).toBe(200);
    const notice = response.json();
    const email = notice.categories.find((category: { key: string }) => category.key === 'user.contact.email');
    expect(email.fields).toContain('account.email_enc');
    expect(email.purpose.en).toMatch(/Authentication/);
    expect(email.retention['zh-CN']).toBeTruthy();
    const ip = notice.categories.find((category: { key: string }) => category.key === 'user.network.ip');
    expect(ip.fields).toEqual(expect.arrayContaining(['session.ip_enc', 'security_event.ip_enc']));
    // non-personal categories are not part of the notice
    expect(notice.categories.some((category: { key: string }) => category.key.startsWith('system.'))).toBe(false);
  });
});
