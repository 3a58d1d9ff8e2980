import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { latestCode, startTestPlatform, type TestPlatform, type TestSession } from '../../../test/harness.ts';
import { DAY } from '../../platform/clock.ts';
import { AppError } from '../../errors.ts';
import { tallyOutcomes } from '../../../test/settled-outcomes.ts';

let t: TestPlatform;
beforeEach(async () => {
  t = await startTestPlatform();
});
afterEach(async () => {
  await t.close();
});

const childBirthDate = (t: TestPlatform, years: number) => {
  const now = new Date(t.clock.now());
  return `${now.getUTCFullYear() - years}-01-01`;
};

async function childSignUp(email: string, extra: Record<string, unknown>) {
  t.clock.advance(61_000);
  const sent = await t.request({ method: 'POST', url: '/api/auth/code', payload: { identifier: email } });
  const challenge = { challengeId: sent.json().challengeId, code: latestCode(t.platform, email) };
  return { challenge, verify: (more: Record<string, unknown> = {}) => t.request({ method: 'POST', url: '/api/auth/verify', payload: { ...challenge, name: '小明', ...extra, ...more } }) };
}

/** The consent id and code from the message the guardian received. */
function guardianMessage(guardian: string) {
  const message = t.services.outbox!.latestFor(guardian)!;
  return { consentId: /\/guardian\/([0-9a-f-]{36})/.exec(message.text)![1]!, code: message.code!, text: message.text };
}

async function freshCode(session: TestSession, email: string) {
  t.clock.advance(61_000);
  const sent = await t.request({ method: 'POST', url: '/api/me/verification-code', session });
  const cookie = ([] as string[]).concat(sent.headers['set-cookie'] as string[]).find((value) => value.startsWith('lockstep_signin='))!.split(';')[0]!;
  return { body: { challengeId: sent.json().challengeId, code: latestCode(t.platform, email) }, session: { ...session, cookie: `${session.cookie}; ${cookie}` } };
}

describe('children under 14 and their guardians (P11.1–P11.3)', () => {
  it('keeps a child’s account waiting, without a session, until the guardian consents with their own code', async () => {
    const signUp = await childSignUp('child.one@example.com', { birthDate: childBirthDate(t, 10) });
    const needsGuardian = await signUp.verify();
    expect(needsGuardian.statusCode).toBe(422);
    expect(needsGuardian.json().error.code).toBe('guardian_required');

    const waiting = await signUp.verify({ guardianIdentifier: 'parent.one@example.com' });
    expect(waiting.statusCode).toBe(202);
    expect(waiting.json()).toMatchObject({ status: 'awaiting_guardian', maskedGuardian: 'p***@example.com', expiresAt: new Date(t.clock.now() + 7 * DAY).toISOString() });
    expect(String(waiting.headers['set-cookie'] ?? '')).not.toContain('lockstep_session=');

    // signing in again before the guardian answers shows the request, still without a session
    const again = await childSignUp('child.one@example.com', {});
    const stillWaiting = await again.verify();
    expect(stillWaiting.statusCode).toBe(202);
    expect(stillWaiting.json()).toMatchObject({ status: 'awaiting_guardian', maskedGuardian: 'p***@example.com' });
    expect(String(stillWaiting.headers['set-cookie'] ?? '')).not.toContain('lockstep_session=');

    const { consentId, code, text } = guardianMessage('parent.one@example.com');
    expect(text).toContain('小明');
    const wrong = await t.request({ method: 'POST', url: `/api/guardian-consents/${consentId}/decision`, payload: { code: code === '000000' ? '000001' : '000000', decision: 'approve' } });
    expect(wrong.json().error).toMatchObject({ code: 'otp_invalid', attemptsLeft: 4 });
    const approved = await t.request({ method: 'POST', url: `/api/guardian-consents/${consentId}/decision`, payload: { code, decision: 'approve' } });
    expect(approved.json()).toEqual({ status: 'approved', receiptUrl: null });

    t.clock.advance(61_000);
    const child = await t.signIn('child.one@example.com');
    expect((await t.request({ method: 'GET', url: '/api/me', session: child })).json().account.name).toBe('小明');
    const consent = await t.platform.database.db.selectFrom('guardian_consent').selectAll().where('id', '=', consentId).executeTakeFirstOrThrow();
    expect(consent.status).toBe('approved');
    expect(consent.decided_at).not.toBeNull();
  });

  it('lets the guardian see, export and erase the child’s data, and no one else', async () => {
    const signUp = await childSignUp('child.two@example.com', { birthDate: childBirthDate(t, 12), guardianIdentifier: 'parent.two@example.com' });
    await signUp.verify();
    const { consentId, code } = guardianMessage('parent.two@example.com');
    await t.request({ method: 'POST', url: `/api/guardian-consents/${consentId}/decision`, payload: { code, decision: 'approve' } });

    const parent = await t.signIn('parent.two@example.com', { name: 'Parent Two' });
    const children = (await t.request({ method: 'GET', url: '/api/guardian/children', session: parent })).json().children;
    expect(children).toEqual([{ id: expect.any(String), name: '小明' }]);
    const childId = children[0].id;

    const stranger = await t.signIn('stranger.parent@example.com', { name: 'Stranger' });
    expect((await t.request({ method: 'GET', url: '/api/guardian/children', session: stranger })).json().children).toEqual([]);
    const strangerCode = await freshCode(stranger, 'stranger.parent@example.com');
    const refused = await t.request({ method: 'POST', url: `/api/guardian/children/${childId}/exports`, payload: strangerCode.body, session: strangerCode.session });
    expect(refused.statusCode).toBe(404);
    expect((await t.request({ method: 'GET', url: `/api/guardian/children/${childId}/exports`, session: stranger })).statusCode).toBe(404);

    // prepared in the background like one's own; the guardian asked, so the guardian fetches it
    const exportCode = await freshCode(parent, 'parent.two@example.com');
    const asked = await t.request({ method: 'POST', url: `/api/guardian/children/${childId}/exports`, payload: exportCode.body, session: exportCode.session });
    expect(asked.statusCode).toBe(202);
    expect(asked.json().export.status).toBe('pending');
    await t.services.jobs.tick();
    const [ready] = (await t.request({ method: 'GET', url: `/api/guardian/children/${childId}/exports`, session: parent })).json().exports;
    expect(ready).toMatchObject({ id: asked.json().export.id, status: 'ready' });
    const exported = await t.request({ method: 'GET', url: ready.downloadUrl, session: parent });
    expect(exported.headers['content-type']).toBe('application/zip');
    expect(exported.headers['content-disposition']).toMatch(/^attachment; filename="lockstep-child-data-\d{4}-\d{2}-\d{2}\.zip"$/);
    expect(strFromU8(unzipSync(new Uint8Array(exported.rawPayload))['data/user.name.json']!)).toContain('小明');
    // sealed under the child's key: it is the child's data
    const sealed = await t.platform.database.db.selectFrom('data_export').selectAll().where('id', '=', ready.id).executeTakeFirstOrThrow();
    expect(sealed).toMatchObject({ account_id: childId, requested_by: parent.accountId });
    expect((await t.request({ method: 'GET', url: ready.downloadUrl, session: stranger })).statusCode).toBe(404);

    const eraseCode = await freshCode(parent, 'parent.two@example.com');
    const erased = await t.request({ method: 'POST', url: `/api/guardian/children/${childId}/erasure`, payload: eraseCode.body, session: eraseCode.session });
    expect(erased.statusCode).toBe(200);
    expect((await t.request({ method: 'GET', url: erased.json().receiptUrl })).statusCode).toBe(200);
    const account = await t.platform.database.db.selectFrom('account').select('status').where('id', '=', childId).executeTakeFirstOrThrow();
    expect(account.status).toBe('erased');
    // the child's erasure takes the download of their data with it
    expect(await t.platform.database.db.selectFrom('data_export').select('id').where('account_id', '=', childId).execute()).toEqual([]);
    expect((await t.request({ method: 'GET', url: ready.downloadUrl, session: parent })).statusCode).toBe(404);
  });

  it('erases a child’s account at once when the guardian refuses, with a receipt for the guardian', async () => {
    const signUp = await childSignUp('child.three@example.com', { birthDate: childBirthDate(t, 8), guardianIdentifier: '+8613900001234' });
    const childId = (await t.platform.database.db.selectFrom('account').select('id').execute()).length;
    expect(childId).toBe(0);
    await signUp.verify();
    const { consentId, code } = guardianMessage('+8613900001234');
    const declined = await t.request({ method: 'POST', url: `/api/guardian-consents/${consentId}/decision`, payload: { code, decision: 'decline' } });
    expect(declined.json().status).toBe('declined');
    const rows = await t.platform.database.db.selectFrom('account').select('status').execute();
    expect(rows.map((row) => row.status)).toEqual(['erased']);
    expect(t.services.outbox!.latestFor('+8613900001234')!.text).toMatch(/receipts\//);
    expect((await t.request({ method: 'POST', url: `/api/guardian-consents/${consentId}/decision`, payload: { code, decision: 'approve' } })).statusCode).toBe(404);
  });

  it('erases a child’s account when the guardian does not answer within 7 days, on an idle system', async () => {
    const signUp = await childSignUp('child.four@example.com', { birthDate: childBirthDate(t, 13), guardianIdentifier: 'parent.four@example.com' });
    await signUp.verify();
    t.clock.advance(7 * DAY - 1000);
    await t.services.jobs.tick();
    expect((await t.platform.database.db.selectFrom('account').select('status').executeTakeFirstOrThrow()).status).toBe('awaiting_guardian');
    t.clock.advance(1000);
    await t.services.jobs.tick();
    expect((await t.platform.database.db.selectFrom('account').select('status').executeTakeFirstOrThrow()).status).toBe('erased');
  });

  it('signs up a person of 14 or more as usual, and refuses impossible dates and a child naming themself as guardian', async () => {
    const adult = await childSignUp('adult.person@example.com', { birthDate: childBirthDate(t, 20) });
    expect((await adult.verify()).statusCode).toBe(200);
    for (const birthDate of ['2999-01-01', '2020-02-30', '01-01-2020']) {
      const odd = await childSignUp(`odd.${birthDate}@example.com`, { birthDate });
      expect((await odd.verify()).statusCode, birthDate).toBe(400);
    }
    const self = await childSignUp('self.guardian@example.com', { birthDate: childBirthDate(t, 9), guardianIdentifier: 'Self.Guardian@example.com' });
    const refused = await self.verify();
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({ code: 'guardian_is_child', message: expect.stringContaining('not the child’s') });
  });
});

describe('the guardian’s code under guesses sent at once (P11.1)', () => {
  /** each decision by the status it left, each refusal by its code */
  const tally = (results: PromiseSettledResult<{ status: string }>[]) => tallyOutcomes(results, (value) => value.status);
  const wrongCodes = (code: string, count: number) => Array.from({ length: count }, (_, n) => String((Number(code) + 1 + n) % 1_000_000).padStart(6, '0'));
  // the service is called directly, all at once: the statements of the calls interleave on SQLite as on PostgreSQL
  const decideAll = (consentId: string, codes: string[], decision: 'approve' | 'decline' = 'approve') =>
    Promise.allSettled(codes.map((code) => t.services.guardians.decide(consentId, code, decision)));
  const consentRow = (consentId: string) => t.platform.database.db.selectFrom('guardian_consent').selectAll().where('id', '=', consentId).executeTakeFirstOrThrow();

  async function pendingConsent(email: string, guardian: string) {
    const signUp = await childSignUp(email, { birthDate: childBirthDate(t, 10), guardianIdentifier: guardian });
    expect((await signUp.verify()).statusCode).toBe(202);
    return guardianMessage(guardian);
  }

  it('compares exactly 5 of 40 wrong codes sent at once', async () => {
    const { consentId, code } = await pendingConsent('storm.child@example.com', 'storm.parent@example.com');
    const results = await decideAll(consentId, wrongCodes(code, 40));
    expect(tally(results)).toEqual({ otp_invalid: 5, otp_exhausted: 35 });
    const left = results.flatMap((result) => (result.status === 'rejected' && (result.reason as AppError).code === 'otp_invalid' ? [(result.reason as AppError).extra.attemptsLeft] : []));
    expect(left.sort()).toEqual([0, 1, 2, 3, 4]);
    expect(await consentRow(consentId)).toMatchObject({ guesses: 5, status: 'pending' });
    // the right code after them is refused like a sixth guess
    expect(tally(await decideAll(consentId, [code]))).toEqual({ otp_exhausted: 1 });
  });

  it.each([
    ['first', 0],
    ['in the middle', 20],
    ['last', 39],
  ])('approves from 40 codes at once, the right one %s, only if it was among the first 5 counted', async (_where, position) => {
    const { consentId, code } = await pendingConsent('race.child@example.com', 'race.parent@example.com');
    const codes = wrongCodes(code, 39);
    codes.splice(position, 0, code);
    const counts = tally(await decideAll(consentId, codes));
    const wrong = counts.otp_invalid ?? 0;
    const approved = counts.approved ?? 0;
    expect(approved).toBeLessThanOrEqual(1);
    expect(approved + wrong).toBeLessThanOrEqual(5);
    if (!approved) expect(wrong).toBe(5);
    const row = await consentRow(consentId);
    expect(Number(row.guesses)).toBe(wrong + approved);
    expect(row.status).toBe(approved ? 'approved' : 'pending');
  });

  it('takes one decision from an approval and a refusal sent at once with the right code', async () => {
    const { consentId, code } = await pendingConsent('split.child@example.com', 'split.parent@example.com');
    const results = await Promise.allSettled([...Array.from({ length: 3 }, () => t.services.guardians.decide(consentId, code, 'approve')), ...Array.from({ length: 3 }, () => t.services.guardians.decide(consentId, code, 'decline'))]);
    const counts = tally(results);
    expect((counts.approved ?? 0) + (counts.declined ?? 0)).toBe(1);
    expect(counts.guardian_consent_not_found).toBe(5);
    const row = await consentRow(consentId);
    const child = await t.platform.database.db.selectFrom('account').select('status').where('id', '=', row.child_account_id).executeTakeFirstOrThrow();
    expect(child.status).toBe(row.status === 'approved' ? 'active' : 'erased');
  });
});
