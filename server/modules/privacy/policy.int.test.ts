import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adultBirthDate, latestCode, startTestPlatform, type TestPlatform, type TestSession } from '../../../test/harness.ts';
import { DAY } from '../../platform/clock.ts';

let t: TestPlatform;
let reader: TestSession;
let firstId: string;

const body = (marker: string) => ({
  bodyZh: `# 隐私政策\n\n第一段。\n\n${marker}\n`,
  bodyEn: `# Privacy policy\n\nFirst paragraph.\n\n${marker}\n`,
});

beforeAll(async () => {
  t = await startTestPlatform();
  // the texts shipped with the product may already be version 1.0: these are the test's own
  const first = await t.services.policy.publish({ label: 'T1', ...body('原条款 / original clause'), summaryZh: '首版', summaryEn: 'First', material: false, updatedOn: '2026-11-01', effectiveAt: t.clock.now() - DAY });
  firstId = first.id;
  reader = await t.signIn('policy.reader@example.com', { name: 'Reader', keepSignedIn: true });
});

afterAll(async () => {
  await t.close();
});

const get = (url: string, session?: TestSession) => t.request({ method: 'GET', url, session });

describe('the published privacy policy and its versions (P0.1, P9.1, P12.1)', () => {
  it('is readable without an account, in both languages, with its update and effective dates', async () => {
    const response = await get('/api/privacy/policy');
    expect(response.statusCode).toBe(200);
    expect(response.headers['set-cookie']).toBeUndefined();
    expect(response.json().policy).toMatchObject({ label: 'T1', updatedOn: '2026-11-01', inForce: true, body: { 'zh-CN': expect.stringContaining('原条款'), en: expect.stringContaining('original clause') } });
  });

  it('records the version in force as accepted when a person signs up', async () => {
    const state = (await get('/api/me/policy', reader)).json();
    expect(state).toMatchObject({ current: { label: 'T1' }, acceptanceRequired: null, upcoming: null });
    const rows = await t.platform.database.db.selectFrom('policy_acceptance').selectAll().where('account_id', '=', reader.accountId).execute();
    expect(rows.map((row) => row.version_id)).toContain(firstId);
    expect(rows.find((row) => row.version_id === firstId)?.occasion).toBe('sign_up');
  });

  it('announces a material change to every account, then from its effective date requires acceptance', async () => {
    const material = await t.services.policy.publish({ label: 'T2', ...body('新条款 / new clause'), summaryZh: '新增条款', summaryEn: 'A new clause', material: true, updatedOn: '2026-11-10', effectiveAt: t.clock.now() + 10 * DAY });
    const notices = (await get('/api/notices', reader)).json().notices;
    expect(notices.find((notice: { kind: string }) => notice.kind === 'policy_changed')?.data).toMatchObject({ label: 'T2', versionId: material.id });

    expect((await get('/api/me/policy', reader)).json()).toMatchObject({ acceptanceRequired: null, upcoming: { label: 'T2' } });
    expect((await get('/api/privacy/policy')).json().policy.label).toBe('T1');

    t.clock.advance(10 * DAY);
    expect((await get('/api/privacy/policy')).json().policy.label).toBe('T2');
    expect((await get('/api/me/policy', reader)).json().acceptanceRequired).toMatchObject({ label: 'T2', material: true });

    const accepted = await t.request({ method: 'POST', url: '/api/me/policy/acceptances', payload: { versionId: material.id, language: 'en' }, session: reader });
    expect(accepted.statusCode).toBe(201);
    expect((await get('/api/me/policy', reader)).json().acceptanceRequired).toBeNull();
    const row = await t.platform.database.db.selectFrom('policy_acceptance').selectAll().where('account_id', '=', reader.accountId).where('version_id', '=', material.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ language: 'en', occasion: 'signed_in' });

    const diff = (await get(`/api/privacy/policy/versions/${material.id}/diff?fromVersionId=${firstId}&lang=zh-CN`)).json().lines;
    expect(diff).toEqual(expect.arrayContaining([{ op: 'removed', text: '原条款 / original clause' }, { op: 'added', text: '新条款 / new clause' }]));
    const versions = (await get('/api/privacy/policy/versions')).json().versions.map((version: { label: string }) => version.label);
    expect(versions.slice(0, 2)).toEqual(['T2', 'T1']);
  });

  it('asks nothing of anyone for a minor change', async () => {
    await t.services.policy.publish({ label: 'T3', ...body('措辞调整 / wording'), summaryZh: '措辞', summaryEn: 'Wording', material: false, updatedOn: '2026-11-20', effectiveAt: t.clock.now() });
    t.clock.advance(1000);
    const state = (await get('/api/me/policy', reader)).json();
    expect(state.current.label).toBe('T3');
    expect(state.acceptanceRequired).toBeNull();
  });

  it('answers unknown versions and bad input with clear 4xx errors', async () => {
    expect((await get(`/api/privacy/policy/versions/${randomUUID()}`)).json().error.code).toBe('policy_version_not_found');
    expect((await get(`/api/privacy/policy/versions/${firstId}/diff?fromVersionId=${randomUUID()}`)).statusCode).toBe(404);
    expect((await get(`/api/privacy/policy/versions/not-a-uuid`)).statusCode).toBe(400);
    const badLanguage = await t.request({ method: 'POST', url: '/api/me/policy/acceptances', payload: { versionId: firstId, language: 'fr' }, session: reader });
    expect(badLanguage.statusCode).toBe(400);
    const unknown = await t.request({ method: 'POST', url: '/api/me/policy/acceptances', payload: { versionId: randomUUID(), language: 'en' }, session: reader });
    expect(unknown.statusCode).toBe(404);
  });
});

describe('the acceptance a sign-up gives (P0.1, P9.1)', () => {
  const signUpDetails = async (email: string) => {
    const sent = await t.request({ method: 'POST', url: '/api/auth/code', payload: { identifier: email } });
    expect(sent.statusCode).toBe(202);
    t.clock.advance(61_000);
    return { challengeId: sent.json().challengeId as string, code: latestCode(t.platform, email), name: 'New Reader', birthDate: adultBirthDate, locale: 'en' as const };
  };
  const verify = (payload: Record<string, unknown>) => t.request({ method: 'POST', url: '/api/auth/verify', payload });

  it('records the version the page showed, in the language it showed it, as given at sign-up', async () => {
    const shown = (await get('/api/privacy/policy')).json().policy as { id: string; label: string };
    const created = await verify({ ...(await signUpDetails('english.reader@example.com')), acceptedPolicyVersionId: shown.id });
    expect(created.statusCode, created.body).toBe(200);
    const rows = await t.platform.database.db.selectFrom('policy_acceptance').selectAll().where('account_id', '=', created.json().account.id).execute();
    expect(rows).toEqual([expect.objectContaining({ version_id: shown.id, language: 'en', occasion: 'sign_up', accepted_at: t.clock.now() })]);
  });

  it('asks again when a version came into force while the sign-up page was open, and creates the account only then', async () => {
    const shown = (await get('/api/privacy/policy')).json().policy as { id: string };
    const details = await signUpDetails('slow.reader@example.com');
    const newer = await t.services.policy.publish({ label: 'T4', ...body('又一条 / one more'), summaryZh: '又改', summaryEn: 'Changed again', material: false, updatedOn: '2026-11-25', effectiveAt: t.clock.now() });
    const stale = await verify({ ...details, acceptedPolicyVersionId: shown.id });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'policy_version_outdated', currentVersionId: newer.id, label: 'T4' });
    expect(stale.json().error.message).toMatch(/privacy policy/i);
    expect(await t.platform.database.db.selectFrom('account').select('id').where('locale', '=', 'en').execute()).toHaveLength(1);

    // the code was not used up: the page shows the new version, the person accepts it
    const created = await verify({ ...details, acceptedPolicyVersionId: newer.id });
    expect(created.statusCode, created.body).toBe(200);
    const row = await t.platform.database.db.selectFrom('policy_acceptance').selectAll().where('account_id', '=', created.json().account.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ version_id: newer.id, occasion: 'sign_up' });
  });

  it('takes no acceptance of a version not yet in force, nor of an unknown one, nor none at all', async () => {
    const upcoming = await t.services.policy.publish({ label: 'T5', ...body('将来 / later'), summaryZh: '将来', summaryEn: 'Later', material: false, updatedOn: '2026-11-25', effectiveAt: t.clock.now() + DAY });
    const details = await signUpDetails('careful.reader@example.com');
    for (const [accepted, status, code] of [
      [undefined, 422, 'policy_acceptance_required'],
      [upcoming.id, 409, 'policy_version_outdated'],
      [randomUUID(), 409, 'policy_version_outdated'],
      ['not-a-version', 400, 'invalid_request'],
    ] as const) {
      const refused = await verify({ ...details, ...(accepted === undefined ? {} : { acceptedPolicyVersionId: accepted }) });
      expect(refused.statusCode, String(accepted)).toBe(status);
      expect(refused.json().error.code, String(accepted)).toBe(code);
    }
    expect(await t.platform.database.db.selectFrom('account').select('id').where('locale', '=', 'en').execute()).toHaveLength(2);
  });
});

describe('publishing', () => {
  it('refuses a second version with the same label, clearly', async () => {
    await expect(
      t.services.policy.publish({ label: 'T1', bodyZh: 'x', bodyEn: 'x', summaryZh: 'x', summaryEn: 'x', material: false, updatedOn: '2026-11-01', effectiveAt: t.clock.now() }),
    ).rejects.toMatchObject({ code: 'policy_label_taken' });
  });

  it('publishes the policy shipped with the product on a server start into an empty table', async () => {
    const fresh = await startTestPlatform();
    try {
      const { fileURLToPath } = await import('node:url');
      const texts = fileURLToPath(new URL('./policy-texts', import.meta.url));
      expect(await fresh.services.policy.seedIfEmpty(texts)).toBe(true);
      const policy = (await fresh.request({ method: 'GET', url: '/api/privacy/policy' })).json().policy;
      expect(policy.label).toBe('1.0');
      for (let section = 1; section <= 12; section++) {
        expect(policy.body['zh-CN']).toContain(`<a id="s${section}"></a>`);
        expect(policy.body.en).toContain(`<a id="s${section}"></a>`);
      }
      expect(policy.body['zh-CN']).toContain('14');
      expect(await fresh.services.policy.seedIfEmpty(texts)).toBe(false);
    } finally {
      await fresh.close();
    }
  });

  it('publishes it once when two servers start on one empty database at the same moment, and both start', async () => {
    const fresh = await startTestPlatform();
    try {
      const { fileURLToPath } = await import('node:url');
      const texts = fileURLToPath(new URL('./policy-texts', import.meta.url));
      const outcomes = await Promise.all([fresh.services.policy.seedIfEmpty(texts), fresh.services.policy.seedIfEmpty(texts)]);
      expect(outcomes.sort()).toEqual([false, true]);
      const versions = await fresh.services.db.selectFrom('policy_version').select('label').execute();
      expect(versions).toEqual([{ label: '1.0' }]);
    } finally {
      await fresh.close();
    }
  });
});
