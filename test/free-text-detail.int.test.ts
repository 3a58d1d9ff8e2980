import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform, type TestSession } from './harness.ts';
import { createOrg } from './org-fixtures.ts';
import type { AuditEntry, OrgContext } from '../server/modules/org/org-access.ts';
import type { SecurityEventType } from '../server/modules/security/security.service.ts';

/**
 * The free-text columns that record what happened (`security_event.detail`,
 * `org_audit_event.detail`) take only their type's closed set of keys and values, checked on
 * write: no caller can put an IP, a device id, a user agent, an email or a phone number there in
 * the clear, not even by casting past the types. (Failed jobs keep a kind only: see
 * server/platform/failure-kind.unit.test.ts and the at-rest canary test.)
 */
let t: TestPlatform;
let owner: TestSession;
let ctx: OrgContext;

const personal = ['203.0.113.9', 'canarydevice7731', 'Mozilla/5.0 (CanaryOS)', 'canary@example.com', '+8613911112222'];
const client = { ip: '203.0.113.9', userAgent: 'Mozilla/5.0', deviceId: null, timeZone: null, language: null };

beforeAll(async () => {
  t = await startTestPlatform();
  owner = await t.signIn('detail.owner@example.com', { name: 'Owner' });
  const orgId = await createOrg(t, owner);
  const account = await t.services.db.selectFrom('account').selectAll().where('id', '=', owner.accountId).executeTakeFirstOrThrow();
  const org = await t.services.db.selectFrom('organisation').selectAll().where('id', '=', orgId).executeTakeFirstOrThrow();
  const me = await t.services.db.selectFrom('member').selectAll().where('org_id', '=', orgId).where('account_id', '=', owner.accountId).executeTakeFirstOrThrow();
  ctx = { account, org, me };
});

afterAll(async () => {
  await t?.close();
});

const count = async (table: 'security_event' | 'org_audit_event') => Number((await t.services.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('security event detail: a closed set of keys per type, checked on write', () => {
  // past the types, as a careless caller could with a cast
  const record = (type: SecurityEventType, detail: unknown) =>
    (t.services.security.record as (type: SecurityEventType, subject: null, client: unknown, detail?: unknown) => Promise<void>).call(t.services.security, type, null, client, detail);

  it('takes the detail of its type', async () => {
    const before = await count('security_event');
    await record('sign_in.failed', { reason: 'wrong_code' });
    await record('session.ended', { sessionId: '0193f5d2-3f0b-7c3e-9a1b-2c3d4e5f6a7b', reason: 'sign_out' });
    await record('device.new', undefined);
    expect(await count('security_event')).toBe(before + 3);
  });

  it('refuses a personal value in any key, an unknown key, and detail on a type that has none; nothing is written', async () => {
    const before = await count('security_event');
    for (const value of personal) {
      await expect(record('sign_in.failed', { reason: value })).rejects.toMatchObject({ code: 'detail_invalid' });
      await expect(record('otp.requested', { channel: value })).rejects.toMatchObject({ code: 'detail_invalid' });
      await expect(record('session.started', { sessionId: value, persistent: true })).rejects.toMatchObject({ code: 'detail_invalid' });
      await expect(record('profile.changed', { fields: [value] })).rejects.toMatchObject({ code: 'detail_invalid' });
      await expect(record('sign_in.failed', { reason: 'wrong_code', ip: value })).rejects.toMatchObject({ code: 'detail_invalid' });
      await expect(record('device.new', { deviceId: value })).rejects.toMatchObject({ code: 'detail_invalid' });
    }
    await expect(record('account.cancellation_requested', { eraseAfter: 'tomorrow, ask canary@example.com' })).rejects.toMatchObject({ code: 'detail_invalid' });
    expect(await count('security_event')).toBe(before);
  });
});

describe('admin audit detail: a closed set of keys per action, checked on write', () => {
  const audit = (entry: unknown) => t.services.org.access.audit(ctx, entry as AuditEntry);

  it('takes the detail of its action', async () => {
    const before = await count('org_audit_event');
    await audit({ action: 'member.roleChanged', targetMemberId: ctx.me.id, detail: { from: 'member', to: 'admin' } });
    await audit({ action: 'department.created', targetId: '0193f5d2-3f0b-7c3e-9a1b-2c3d4e5f6a7b' });
    await audit({ action: 'import.finished', detail: { invited: 3, skipped: 0, failed: 1 } });
    expect(await count('org_audit_event')).toBe(before + 3);
  });

  it('refuses a personal value in any key or in the target id, an unknown key or action; nothing is written', async () => {
    const before = await count('org_audit_event');
    for (const value of personal) {
      await expect(audit({ action: 'member.updated', targetMemberId: ctx.me.id, detail: { fields: [value] } })).rejects.toMatchObject({ code: 'detail_invalid' });
      await expect(audit({ action: 'member.roleChanged', detail: { from: 'member', to: value } })).rejects.toMatchObject({ code: 'detail_invalid' });
      await expect(audit({ action: 'correction.approved', detail: { field: 'position', value } })).rejects.toMatchObject({ code: 'detail_invalid' });
      await expect(audit({ action: 'member.removed', detail: { email: value } })).rejects.toMatchObject({ code: 'detail_invalid' });
      await expect(audit({ action: 'department.renamed', targetId: value })).rejects.toMatchObject({ code: 'detail_invalid' });
      await expect(audit({ action: 'org.created', detail: { region: value } })).rejects.toMatchObject({ code: 'detail_invalid' });
    }
    await expect(audit({ action: 'anything.at.all', detail: { note: 'hello' } })).rejects.toMatchObject({ code: 'detail_invalid' });
    expect(await count('org_audit_event')).toBe(before);
  });

  it('keeps a free-text region out of the audit log (it stays on the organisation)', async () => {
    const created = await t.request({ method: 'POST', url: '/api/orgs', payload: { name: 'Region Co.', region: 'near 203.0.113.9' }, session: owner });
    expect(created.statusCode, created.body).toBe(201);
    const row = await t.services.db.selectFrom('org_audit_event').select('detail').where('org_id', '=', created.json().organisation.id).where('action', '=', 'org.created').executeTakeFirstOrThrow();
    expect(row.detail).toBe('{}');
  });
});
