import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { latestCode, startTestPlatform, type TestPlatform, type TestSession } from '../../../test/harness.ts';
import { DAY, HOUR } from '../../platform/clock.ts';
import { ReceiptSigner } from '../../platform/crypto/receipt-signer.ts';

let t: TestPlatform;
let person: TestSession;
const email = 'leaving.person@example.com';

beforeEach(async () => {
  t = await startTestPlatform();
  person = await t.signIn(email, { name: 'Leaving Person' });
});
afterEach(async () => {
  await t.close();
});

/** Asks for a fresh code to the person's own address and cancels with it. */
async function cancel(session: TestSession) {
  const sent = await t.request({ method: 'POST', url: '/api/me/verification-code', session });
  expect(sent.statusCode, sent.body).toBe(202);
  const cookie = ([] as string[]).concat(sent.headers['set-cookie'] as string[]).find((value) => value.startsWith('lockstep_signin='))!.split(';')[0]!;
  return t.request({
    method: 'POST',
    url: '/api/me/cancellation',
    payload: { challengeId: sent.json().challengeId, code: latestCode(t.platform, email) },
    headers: { cookie: `${session.cookie}; ${cookie}` },
    session: { ...session, cookie: `${session.cookie}; ${cookie}` },
  });
}

describe('account cancellation with a grace period (P8.3, P6.2)', () => {
  it('needs a fresh one-time code: a wrong one changes nothing', async () => {
    const sent = await t.request({ method: 'POST', url: '/api/me/verification-code', session: person });
    const wrong = latestCode(t.platform, email) === '000000' ? '000001' : '000000';
    const refused = await t.request({ method: 'POST', url: '/api/me/cancellation', payload: { challengeId: sent.json().challengeId, code: wrong }, session: person });
    expect(refused.statusCode).toBe(400);
    expect((await t.request({ method: 'GET', url: '/api/me', session: person })).statusCode).toBe(200);
    const missing = await t.request({ method: 'POST', url: '/api/me/cancellation', payload: {}, session: person });
    expect(missing.statusCode).toBe(400);
  });

  it('signs the person out everywhere and schedules the erasure 15 days later', async () => {
    const response = await cancel(person);
    expect(response.statusCode, response.body).toBe(202);
    expect(response.json()).toMatchObject({ graceDays: 15, eraseAfter: new Date(t.clock.now() + 15 * DAY).toISOString() });
    expect((await t.request({ method: 'GET', url: '/api/me', session: person })).statusCode).toBe(401);
    const job = await t.platform.database.db.selectFrom('job').selectAll().where('subject_account_id', '=', person.accountId).executeTakeFirstOrThrow();
    expect(job).toMatchObject({ kind: 'account.erase', status: 'pending', run_at: t.clock.now() + 15 * DAY });
    expect(t.services.outbox!.latestFor(email)?.text).toMatch(/cancel|注销/);
  });

  it('keeps the account when the person signs in during the grace period', async () => {
    await cancel(person);
    t.clock.advance(10 * DAY);
    const sent = await t.request({ method: 'POST', url: '/api/auth/code', payload: { identifier: email } });
    const back = await t.request({ method: 'POST', url: '/api/auth/verify', payload: { challengeId: sent.json().challengeId, code: latestCode(t.platform, email) } });
    expect(back.statusCode).toBe(200);
    expect(back.json()).toMatchObject({ restored: true, newAccount: false, account: { id: person.accountId, name: 'Leaving Person' } });
    t.clock.advance(10 * DAY);
    expect(await t.services.jobs.tick()).toBeGreaterThanOrEqual(0);
    const account = await t.platform.database.db.selectFrom('account').select(['status', 'cancel_after']).where('id', '=', person.accountId).executeTakeFirstOrThrow();
    expect(account).toEqual({ status: 'active', cancel_after: null });
  });

  it('erases the account once the grace period is over, even on an idle system, and sends the receipt link once', async () => {
    await cancel(person);
    t.clock.advance(15 * DAY - HOUR);
    await t.services.jobs.tick();
    expect((await t.platform.database.db.selectFrom('account').select('status').where('id', '=', person.accountId).executeTakeFirstOrThrow()).status).toBe('cancelling');

    t.clock.advance(HOUR);
    await t.services.jobs.tick();
    expect((await t.platform.database.db.selectFrom('account').select('status').where('id', '=', person.accountId).executeTakeFirstOrThrow()).status).toBe('erased');

    const message = t.services.outbox!.latestFor(email)!;
    const link = /\/api\/privacy\/receipts\/([A-Za-z0-9_-]+)/.exec(message.text)![1]!;
    const receipt = await t.request({ method: 'GET', url: `/api/privacy/receipts/${link}` });
    expect(receipt.statusCode).toBe(200);
    const body = receipt.json();
    expect(ReceiptSigner.verify(body.publicKey, JSON.stringify(body.receipt), body.signature)).toBe(true);
    expect(body.receipt.keysDestroyed.length).toBeGreaterThan(0);
    expect((await t.request({ method: 'GET', url: `/api/privacy/receipts/${link}` })).statusCode).toBe(404);

    // after the grace period the address belongs to nobody: signing in with it is a new sign-up
    const sent = await t.request({ method: 'POST', url: '/api/auth/code', payload: { identifier: email } });
    const again = await t.request({ method: 'POST', url: '/api/auth/verify', payload: { challengeId: sent.json().challengeId, code: latestCode(t.platform, email) } });
    expect(again.json().error.code).toBe('name_required');
  });

  it('answers a second cancellation from the ended session with 401, not a second erasure', async () => {
    await cancel(person);
    const again = await t.request({ method: 'POST', url: '/api/me/verification-code', session: person });
    expect(again.statusCode).toBe(401);
    const jobs = await t.platform.database.db.selectFrom('job').select('id').where('subject_account_id', '=', person.accountId).execute();
    expect(jobs).toHaveLength(1);
  });
});
