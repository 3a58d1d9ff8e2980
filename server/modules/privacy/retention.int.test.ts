import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform, type TestSession } from '../../../test/harness.ts';
import { addMember, createOrg } from '../../../test/org-fixtures.ts';
import { DAY } from '../../platform/clock.ts';

/**
 * Retention on an idle system (P6.2): nothing happens but time passing and the job runner's
 * ticks, and each kind of record leaves when its rule says, with its own keys.
 */
let t: TestPlatform;
let person: TestSession;
let removedMemberId: string;
let orgId: string;

const count = async (table: string) => Number((await t.platform.database.db.selectFrom(table as never).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  t = await startTestPlatform();
  const owner = await t.signIn('retention.owner@example.com', { name: 'Owner' });
  person = await t.signIn('retention.person@example.com', { name: 'Person', headers: { 'x-device-id': 'retention-device-a' } });
  await t.signIn('retention.person@example.com', { headers: { 'x-device-id': 'retention-device-b' } }); // a notice
  await t.request({ method: 'POST', url: '/api/crash-reports', payload: { message: 'old crash' }, session: person });
  orgId = await createOrg(t, owner);
  const { memberId } = await addMember(t, owner, orgId, 'retention.leaver@example.com', { position: 'Temporary' });
  removedMemberId = memberId;
  await t.request({ method: 'DELETE', url: `/api/orgs/${orgId}/members/${memberId}`, session: owner });
});

afterAll(async () => {
  await t.close();
});

describe('retention jobs on an idle system', () => {
  it('reports in a dry run what each rule would remove, removing nothing', async () => {
    t.clock.advance(2 * DAY);
    const report = await t.services.retention.run({ dryRun: true });
    const codes = report.find((line) => line.table === 'otp_challenge');
    expect(codes).toMatchObject({ days: 1, action: 'would delete' });
    expect(codes!.expired).toBeGreaterThan(0);
    expect(await count('otp_challenge')).toBe(codes!.expired);
  });

  it('removes sign-in codes after a day, with their keys', async () => {
    const keyIds = (await t.platform.database.db.selectFrom('otp_challenge').select('key_id').execute()).map((row) => row.key_id);
    expect(await t.services.jobs.tick()).toBeGreaterThan(0);
    expect(await count('otp_challenge')).toBe(0);
    const keys = await t.services.envelope.scopes(keyIds);
    expect([...keys.values()].every((key) => key.destroyed)).toBe(true);
    expect(await count('rate_counter')).toBe(0);
  });

  it('removes crash reports after 30 days and tombstones a departed member’s record with its key', async () => {
    const member = await t.platform.database.db.selectFrom('member').select('key_id').where('id', '=', removedMemberId).executeTakeFirstOrThrow();
    t.clock.advance(29 * DAY);
    await t.services.jobs.tick();
    expect(await count('crash_report')).toBe(0);
    const tombstone = await t.platform.database.db.selectFrom('member').selectAll().where('id', '=', removedMemberId).executeTakeFirstOrThrow();
    expect(tombstone).toMatchObject({ status: 'erased', work_email_enc: null, work_email_index: null, position_enc: null });
    expect((await t.services.envelope.scopes([member.key_id])).get(member.key_id)?.destroyed).toBe(true);
    // the person's own data is untouched: sessions (15 + 30 days) still stand, events too
    expect(await count('security_event')).toBeGreaterThan(0);
  });

  it('removes expired sessions after 45 days and security events after 180, while the account stays', async () => {
    t.clock.advance(15 * DAY);
    await t.services.jobs.tick();
    expect(await count('session')).toBe(0);
    expect(await count('security_event')).toBeGreaterThan(0);
    t.clock.advance(150 * DAY);
    await t.services.jobs.tick();
    expect(await count('security_event')).toBe(0);
    expect(await count('notice')).toBe(0);
    const account = await t.platform.database.db.selectFrom('account').select('status').where('id', '=', person.accountId).executeTakeFirstOrThrow();
    expect(account.status).toBe('active');
  });

  it('deletes the admin audit log a year on, keeping member tombstones it pointed at', async () => {
    expect(await count('org_audit_event')).toBeGreaterThan(0);
    t.clock.advance(200 * DAY);
    await t.services.jobs.tick();
    expect(await count('org_audit_event')).toBe(0);
    expect(await count('member')).toBeGreaterThan(0);
  });

  it('runs once a day, not on every tick', async () => {
    const runs = async () => (await t.platform.database.db.selectFrom('job').select('id').where('kind', '=', 'retention.daily').where('status', '=', 'done').execute()).length;
    const before = await runs();
    await t.services.jobs.tick();
    await t.services.jobs.tick();
    expect(await runs()).toBe(before);
    t.clock.advance(DAY);
    await t.services.jobs.tick();
    expect(await runs()).toBe(before + 1);
  });
});
