import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform, type TestSession } from '../../../test/harness.ts';
import { DAY } from '../../platform/clock.ts';

/**
 * The operator's policy editor over HTTP (P9.1, P12.1, P0.1): only operator staff may preview or
 * publish; both languages are required, the Chinese one prevailing; a version never comes into
 * force retroactively; a material one is announced to everyone at once and, in force, must be
 * accepted. The harness clock is 2026-11-02 09:00 UTC.
 */
let t: TestPlatform;
let operator: TestSession;
let person: TestSession;
let firstId: string;
const operatorEmail = 'policy.officer@lockstep.example';
const today = '2026-11-02';

const text = (marker: string) => ({ 'zh-CN': `# 隐私政策\n\n第一段。\n\n${marker}\n`, en: `# Privacy policy\n\nFirst paragraph.\n\n${marker}\n` });
const draft = (overrides: Record<string, unknown> = {}) => ({
  label: '2.0',
  body: text('新条款 / new clause'),
  summary: { 'zh-CN': '新增一条', en: 'A new clause' },
  material: true,
  effectiveOn: today,
  ...overrides,
});

beforeAll(async () => {
  t = await startTestPlatform({ LOCKSTEP_OPERATORS: operatorEmail });
  firstId = (
    await t.services.policy.publish({
      label: '1.0',
      bodyZh: text('原条款 / original clause')['zh-CN'],
      bodyEn: text('原条款 / original clause').en,
      summaryZh: '首版',
      summaryEn: 'First',
      material: false,
      updatedOn: '2026-11-01',
      effectiveAt: t.clock.now() - DAY,
    })
  ).id;
  operator = await t.signIn(operatorEmail, { name: 'Policy Officer', keepSignedIn: true });
  person = await t.signIn('policy.person@example.com', { name: 'Person', keepSignedIn: true });
});

afterAll(async () => {
  await t.close();
});

const preview = (payload: unknown, session: TestSession | null = operator) => t.request({ method: 'POST', url: '/api/operator/policy/preview', payload: payload as object, session: session ?? undefined });
const publish = (payload: unknown, session: TestSession | null = operator) => t.request({ method: 'POST', url: '/api/operator/policy/versions', payload: payload as object, session: session ?? undefined });
const versionCount = async () => (await t.platform.database.db.selectFrom('policy_version').select('id').execute()).length;

describe('the operator’s policy editor', () => {
  it('refuses everyone but operator staff, before looking at the draft', async () => {
    for (const send of [preview, publish]) {
      const stranger = await send(draft(), person);
      expect(stranger.statusCode).toBe(403);
      expect(stranger.json().error.code).toBe('forbidden');
      expect((await send(draft(), null)).statusCode).toBe(401);
    }
    // without the CSRF token a cookie alone publishes nothing, even for the operator
    const forged = await t.request({ method: 'POST', url: '/api/operator/policy/versions', payload: draft(), session: { ...operator, csrfToken: '' }, headers: { 'x-csrf-token': '' } });
    expect(forged.statusCode).toBe(403);
    expect(await versionCount()).toBe(1);
  });

  it('previews the change against the version in force in both languages, publishing nothing', async () => {
    const answer = await preview(draft());
    expect(answer.statusCode).toBe(200);
    const body = answer.json();
    expect(body).toMatchObject({ against: { id: firstId, label: '1.0' }, effectiveAt: '2026-11-02T00:00:00.000Z', inForceAtOnce: true });
    expect(body.diff['zh-CN']).toEqual(expect.arrayContaining([{ op: 'removed', text: '原条款 / original clause' }, { op: 'added', text: '新条款 / new clause' }]));
    expect(body.diff.en).toEqual(expect.arrayContaining([{ op: 'same', text: 'First paragraph.' }, { op: 'added', text: '新条款 / new clause' }]));
    expect((await preview(draft({ effectiveOn: '2026-12-01' }))).json().inForceAtOnce).toBe(false);
    expect(await versionCount()).toBe(1);
  });

  it('explains each bad draft, field by field, and publishes none of them', async () => {
    const cases: [Record<string, unknown>, number, string, RegExp | null][] = [
      [{ body: { 'zh-CN': '', en: 'x' } }, 400, 'policy_text_required', /Chinese text is empty/],
      [{ body: { 'zh-CN': '  \n ', en: 'x' } }, 400, 'policy_text_required', /Chinese text is empty/],
      [{ body: { 'zh-CN': '中文' } }, 400, 'policy_text_required', /English translation is empty/],
      [{ body: undefined }, 400, 'policy_text_required', /Chinese/],
      [{ summary: { 'zh-CN': '摘要' } }, 400, 'policy_text_required', /in English what changed/],
      [{ summary: { en: 'Summary' } }, 400, 'policy_text_required', /in Chinese what changed/],
      [{ effectiveOn: '2026-11-01' }, 422, 'policy_effective_in_past', /past/],
      [{ effectiveOn: '2020-01-01', material: false }, 422, 'policy_effective_in_past', /past/],
      [{ effectiveOn: '2026-02-30' }, 400, 'policy_effective_date_invalid', /real day/],
      [{ effectiveOn: 'next week' }, 400, 'policy_effective_date_invalid', /YYYY-MM-DD/],
      [{ label: '1.0' }, 409, 'policy_label_taken', /label/],
      [{ label: '   ' }, 400, 'invalid_request', null],
      [{ material: 'yes' }, 400, 'invalid_request', null],
      [{ material: undefined }, 400, 'invalid_request', null],
      [{ body: { 'zh-CN': '中文', en: 'x', fr: 'texte' } }, 400, 'unknown_field', null],
      [{ body: text('原条款 / original clause') }, 422, 'policy_unchanged', /nothing to publish/],
    ];
    for (const [overrides, status, code, message] of cases) {
      for (const send of [preview, publish]) {
        const answer = await send(draft(overrides));
        expect(answer.statusCode, `${JSON.stringify(overrides)} ${answer.body}`).toBe(status);
        expect(answer.json().error.code, JSON.stringify(overrides)).toBe(code);
        if (message) expect(answer.json().error.message).toMatch(message);
      }
    }
    const missing = await publish(draft({ body: { 'zh-CN': '中文' } }));
    expect(missing.json().error.field).toBe('body.en');
    expect(await versionCount()).toBe(1);
  });

  it('publishes a material change effective today: announced to everyone, and to be accepted from now on', async () => {
    const published = await publish(draft({ label: ' 2.0 ' }));
    expect(published.statusCode).toBe(201);
    const version = published.json().policy;
    expect(version).toMatchObject({ label: '2.0', material: true, inForce: true, updatedOn: today, effectiveAt: '2026-11-02T00:00:00.000Z' });
    expect(version.body['zh-CN']).toContain('新条款');

    const notices = (await t.request({ method: 'GET', url: '/api/notices', session: person })).json().notices;
    expect(notices.find((notice: { kind: string }) => notice.kind === 'policy_changed')?.data).toMatchObject({ label: '2.0', versionId: version.id });
    expect((await t.request({ method: 'GET', url: '/api/privacy/policy' })).json().policy.label).toBe('2.0');
    expect((await t.request({ method: 'GET', url: '/api/me/policy', session: person })).json().acceptanceRequired).toMatchObject({ id: version.id, material: true });
    const accepted = await t.request({ method: 'POST', url: '/api/me/policy/acceptances', payload: { versionId: version.id, language: 'zh-CN' }, session: person });
    expect(accepted.statusCode).toBe(201);
    expect((await t.request({ method: 'GET', url: '/api/me/policy', session: person })).json().acceptanceRequired).toBeNull();

    // the same label twice is refused; the new version is what a next draft is compared with
    expect((await publish(draft({ label: '2.0', body: text('再改 / again') }))).json().error.code).toBe('policy_label_taken');
    expect((await preview(draft({ label: '2.1', body: text('再改 / again') }))).json().against.label).toBe('2.0');
  });

  it('publishes a minor change for a later day without asking anyone anything', async () => {
    const published = await publish(draft({ label: '2.1', body: text('措辞 / wording'), material: false, effectiveOn: '2026-11-10' }));
    expect(published.statusCode).toBe(201);
    expect(published.json().policy).toMatchObject({ material: false, inForce: false });
    expect((await t.request({ method: 'GET', url: '/api/me/policy', session: person })).json()).toMatchObject({ acceptanceRequired: null, upcoming: null });
    t.clock.advance(8 * DAY);
    expect((await t.request({ method: 'GET', url: '/api/privacy/policy' })).json().policy.label).toBe('2.1');
    expect((await t.request({ method: 'GET', url: '/api/me/policy', session: person })).json().acceptanceRequired).toBeNull();
  });
});
