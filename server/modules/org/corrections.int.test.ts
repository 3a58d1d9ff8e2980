import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform, type TestSession } from '../../../test/harness.ts';
import { addMember, auditEvents, createDepartment, createOrg, promoteToAdmin } from '../../../test/org-fixtures.ts';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform({ OTP_IP_REQUESTS_PER_HOUR: '1000' });
});
afterAll(async () => {
  await t.close();
});

let counter = 0;
const address = (local: string) => `${local}.${++counter}@example.com`;

/** An organisation with an admin (not the owner) and two plain members. */
async function newOrg() {
  const owner = await t.signIn(address('owner'), { name: 'Olivia Owner' });
  const orgId = await createOrg(t, owner);
  const admin = await addMember(t, owner, orgId, address('admin'), { name: 'Adam Admin' });
  await promoteToAdmin(t, owner, orgId, admin.memberId);
  const member = await addMember(t, owner, orgId, address('mei'), { name: 'Mei Member', position: 'Engineer', workStatus: 'working' });
  const colleague = await addMember(t, owner, orgId, address('colleague'), { name: 'Colin Colleague' });
  return { owner, orgId, admin: admin.session, member, colleague };
}

const requestCorrection = (session: TestSession, orgId: string, payload: Record<string, unknown>) =>
  t.request({ method: 'POST', url: `/api/orgs/${orgId}/corrections`, payload, session });
const decide = (session: TestSession, orgId: string, id: string, decision: 'approve' | 'reject', reason?: unknown) =>
  t.request({
    method: 'POST',
    url: `/api/orgs/${orgId}/corrections/${id}/${decision}`,
    ...(decision === 'reject' ? { payload: reason === undefined ? {} : { reason } } : {}),
    session,
  });
const get = (session: TestSession, url: string) => t.request({ method: 'GET', url, session });

async function asked(session: TestSession, orgId: string, payload: Record<string, unknown>) {
  const response = await requestCorrection(session, orgId, payload);
  expect(response.statusCode, response.body).toBe(201);
  return response.json().correction as { id: string; status: string; memberId: string };
}

async function me(session: TestSession, orgId: string) {
  const response = await get(session, `/api/orgs/${orgId}/me`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

describe('correction requests (P8.2)', () => {
  it('a member asks, the admin queue shows it, approval applies the new value to the member’s record', async () => {
    const { owner, orgId, admin, member } = await newOrg();
    expect((await me(member.session, orgId)).employerManagedFields).toContain('position');
    const correction = await asked(member.session, orgId, { field: 'position', proposedValue: 'Senior Engineer', note: '升职了 / promoted in March' });
    expect(correction).toMatchObject({ status: 'pending', memberId: member.memberId, field: 'position', proposedValue: 'Senior Engineer', note: '升职了 / promoted in March', decisionReason: null, decidedAt: null });

    const mine = (await get(member.session, `/api/orgs/${orgId}/corrections`)).json().corrections;
    expect(mine.map((c: { id: string }) => c.id)).toEqual([correction.id]);
    const queue = await get(admin, `/api/orgs/${orgId}/corrections?scope=all&status=pending`);
    expect(queue.statusCode, queue.body).toBe(200);
    expect(queue.json().corrections).toEqual([expect.objectContaining({ id: correction.id, memberId: member.memberId, proposedValue: 'Senior Engineer', status: 'pending' })]);
    const forbidden = await get(member.session, `/api/orgs/${orgId}/corrections?scope=all`);
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().error.code).toBe('forbidden');
    // a member cannot decide, not even their own request
    expect((await decide(member.session, orgId, correction.id, 'approve')).statusCode).toBe(403);
    expect((await me(member.session, orgId)).member.position).toBe('Engineer');

    t.clock.advance(60_000);
    const approved = await decide(admin, orgId, correction.id, 'approve');
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().correction).toMatchObject({ status: 'approved', decidedAt: new Date(t.clock.now()).toISOString() });

    const after = await me(member.session, orgId);
    expect(after.member.position).toBe('Senior Engineer');
    expect(after.suppliedFields).toContain('position');
    expect((await get(member.session, `/api/orgs/${orgId}/corrections/${correction.id}`)).json().correction.status).toBe('approved');
    expect((await get(admin, `/api/orgs/${orgId}/corrections?scope=all&status=pending`)).json().corrections).toEqual([]);
    expect((await auditEvents(t, owner, orgId))[0]).toMatchObject({ action: 'correction.approved', actorName: 'Adam Admin', targetName: 'Mei Member', detail: { field: 'position' } });
  });

  it('applies each kind of field: email, phone, department, superior, work status', async () => {
    const { orgId, admin, member, colleague } = await newOrg();
    const department = await createDepartment(t, admin, orgId, '市场部');
    const newEmail = address('mei.new');
    const proposals: Array<[string, string]> = [
      ['workEmail', newEmail.toUpperCase()],
      ['workPhone', '+86 139 0000 1111'],
      ['departmentId', department],
      ['supervisorId', colleague.memberId],
      ['workStatus', 'business_trip'],
      ['workLocation', '上海'],
      ['name', '梅 Member'],
    ];
    for (const [field, proposedValue] of proposals) {
      const correction = await asked(member.session, orgId, { field, proposedValue });
      const approved = await decide(admin, orgId, correction.id, 'approve');
      expect(approved.statusCode, `${field}: ${approved.body}`).toBe(200);
    }
    const after = await me(member.session, orgId);
    expect(after.workEmail).toBe(newEmail);
    expect(after.workPhone).toBe('+8613900001111');
    expect(after.department).toEqual({ id: department, name: '市场部' });
    expect(after.supervisor).toEqual({ id: colleague.memberId, name: 'Colin Colleague' });
    expect(after.member).toMatchObject({ workStatus: 'business_trip', workLocation: '上海', name: '梅 Member' });
  });

  it('rejection needs a reason, which the member then sees with the status; the record is unchanged', async () => {
    const { orgId, admin, member } = await newOrg();
    const correction = await asked(member.session, orgId, { field: 'position', proposedValue: 'CEO' });
    for (const reason of [undefined, '', '   ']) {
      const response = await decide(admin, orgId, correction.id, 'reject', reason);
      expect(response.statusCode, `reason ${JSON.stringify(reason)}`).toBe(400);
      expect(response.json().error.code).toBe('invalid_request');
    }
    expect((await get(member.session, `/api/orgs/${orgId}/corrections/${correction.id}`)).json().correction.status).toBe('pending');

    const rejected = await decide(admin, orgId, correction.id, 'reject', '职位以人事系统为准 / HR records say Engineer');
    expect(rejected.statusCode, rejected.body).toBe(200);
    const seen = (await get(member.session, `/api/orgs/${orgId}/corrections/${correction.id}`)).json().correction;
    expect(seen).toMatchObject({ status: 'rejected', decisionReason: '职位以人事系统为准 / HR records say Engineer', proposedValue: 'CEO' });
    expect((await get(member.session, `/api/orgs/${orgId}/corrections`)).json().corrections[0]).toMatchObject({ status: 'rejected', decisionReason: '职位以人事系统为准 / HR records say Engineer' });
    expect((await me(member.session, orgId)).member.position).toBe('Engineer');
  });

  it('is decided once: a second decision answers 409 already_decided and changes nothing', async () => {
    const { orgId, admin, owner, member } = await newOrg();
    const approvedFirst = await asked(member.session, orgId, { field: 'position', proposedValue: 'Lead' });
    expect((await decide(admin, orgId, approvedFirst.id, 'approve')).statusCode).toBe(200);
    const rejectedFirst = await asked(member.session, orgId, { field: 'position', proposedValue: 'Chief' });
    expect((await decide(admin, orgId, rejectedFirst.id, 'reject', 'no')).statusCode).toBe(200);

    for (const [id, decision, session] of [
      [approvedFirst.id, 'approve', admin],
      [approvedFirst.id, 'reject', owner],
      [rejectedFirst.id, 'approve', owner],
      [rejectedFirst.id, 'reject', admin],
    ] as const) {
      const response = await decide(session, orgId, id, decision, 'changed my mind');
      expect(response.statusCode, `${decision} ${response.body}`).toBe(409);
      expect(response.json().error.code).toBe('already_decided');
    }
    expect((await me(member.session, orgId)).member.position).toBe('Lead');
    const stored = (await get(member.session, `/api/orgs/${orgId}/corrections/${rejectedFirst.id}`)).json().correction;
    expect(stored).toMatchObject({ status: 'rejected', decisionReason: 'no' });
  });

  it('refuses invalid proposed values when asked, and records nothing', async () => {
    const { orgId, member, colleague } = await newOrg();
    const other = await t.signIn(address('other-owner'));
    const otherOrg = await createOrg(t, other, 'Other Org');
    const foreignDepartment = await createDepartment(t, other, otherOrg, 'Foreign');
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ field: 'workEmail', proposedValue: 'not-an-email' }, 400, 'invalid_request'],
      [{ field: 'workPhone', proposedValue: '12345' }, 400, 'invalid_request'],
      [{ field: 'workStatus', proposedValue: 'sleeping' }, 400, 'invalid_request'],
      [{ field: 'departmentId', proposedValue: randomUUID() }, 404, 'department_not_found'],
      [{ field: 'departmentId', proposedValue: 'Sales' }, 400, 'invalid_request'],
      [{ field: 'departmentId', proposedValue: foreignDepartment }, 404, 'department_not_found'],
      [{ field: 'supervisorId', proposedValue: randomUUID() }, 404, 'member_not_found'],
      [{ field: 'supervisorId', proposedValue: member.memberId }, 422, 'supervisor_cycle'],
      [{ field: 'salary', proposedValue: '1000000' }, 400, 'invalid_request'],
      [{ field: 'role', proposedValue: 'admin' }, 400, 'invalid_request'],
      [{ field: 'position', proposedValue: '' }, 400, 'invalid_request'],
      [{ field: 'position', proposedValue: 'x', memberId: colleague.memberId }, 400, 'unknown_field'],
    ];
    for (const [payload, status, code] of cases) {
      const response = await requestCorrection(member.session, orgId, payload);
      expect(response.statusCode, `${JSON.stringify(payload)} → ${response.body}`).toBe(status);
      expect(response.json().error.code, JSON.stringify(payload)).toBe(code);
    }
    expect((await get(member.session, `/api/orgs/${orgId}/corrections`)).json().corrections).toEqual([]);
  });

  it('is private to its member: another member gets 404, exactly as for an id that does not exist', async () => {
    const { orgId, admin, member, colleague } = await newOrg();
    const correction = await asked(member.session, orgId, { field: 'workLocation', proposedValue: 'Home office' });
    const missing = await get(colleague.session, `/api/orgs/${orgId}/corrections/${randomUUID()}`);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('correction_not_found');
    const peek = await get(colleague.session, `/api/orgs/${orgId}/corrections/${correction.id}`);
    expect(peek.statusCode).toBe(404);
    expect(peek.body).toBe(missing.body);
    expect((await get(colleague.session, `/api/orgs/${orgId}/corrections`)).json().corrections).toEqual([]);
    expect((await get(colleague.session, `/api/orgs/${orgId}/corrections?scope=all`)).statusCode).toBe(403);
    // the admin can read it
    expect((await get(admin, `/api/orgs/${orgId}/corrections/${correction.id}`)).json().correction.proposedValue).toBe('Home office');
  });
});

describe('correction requests that the record could not hold', () => {
  // Regression, fixed: CorrectionService.validate (corrections.service.ts:96-104) checks only the shape of emails, phones,
  // departments, superiors and work statuses; the request body allows any field up to 254 characters
  // (org.schema.ts:121), while a member's name and position hold at most 100 (org.schema.ts:45,49,59,63).
  // A 200-character name is accepted as a request and, once approved, written into the record, although an
  // admin could never have entered it. Fix: validate the proposed value with the same rules as an admin edit,
  // e.g. memberChangesBody.pick({ [field]: true }).parse({ [field]: value }) in validate(), before inserting.
  it('refuses a proposed name longer than an admin could enter', async () => {
    const { orgId, admin, member } = await newOrg();
    const tooLong = 'N'.repeat(101);
    const byAdmin = await t.request({ method: 'PATCH', url: `/api/orgs/${orgId}/members/${member.memberId}`, payload: { name: tooLong }, session: admin });
    expect(byAdmin.statusCode).toBe(400);
    const response = await requestCorrection(member.session, orgId, { field: 'name', proposedValue: tooLong });
    if (response.statusCode === 201) await decide(admin, orgId, response.json().correction.id, 'approve');
    expect((await me(member.session, orgId)).member.name).toBe('Mei Member');
    expect(response.statusCode).toBe(400);
  });
});
