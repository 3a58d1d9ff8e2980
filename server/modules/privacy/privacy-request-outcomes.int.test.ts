import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestCode, startTestPlatform, type TestPlatform, type TestSession } from '../../../test/harness.ts';
import { addMember, createOrg } from '../../../test/org-fixtures.ts';
import { DAY } from '../../platform/clock.ts';

let t: TestPlatform;
let operator: TestSession;
const operatorEmail = 'dpo@lockstep.example';

beforeAll(async () => {
  t = await startTestPlatform({ LOCKSTEP_OPERATORS: operatorEmail, PRIVACY_REQUESTS_PER_YEAR: '2' });
  operator = await t.signIn(operatorEmail, { name: 'Data Protection Officer', keepSignedIn: true });
});

afterAll(async () => {
  await t.close();
});

/** A fresh code and the browser cookie bound to it, as the page asks for one. */
async function freshCode(session: TestSession, email: string) {
  t.clock.advance(61_000);
  const sent = await t.request({ method: 'POST', url: '/api/me/verification-code', session });
  const cookie = ([] as string[]).concat(sent.headers['set-cookie'] as string[]).find((value) => value.startsWith('lockstep_signin='))!.split(';')[0]!;
  return { challengeId: sent.json().challengeId as string, code: latestCode(t.platform, email), session: { ...session, cookie: `${session.cookie}; ${cookie}` } };
}

async function submit(session: TestSession, email: string, body: Record<string, unknown>) {
  const proof = await freshCode(session, email);
  const response = await t.request({ method: 'POST', url: '/api/me/requests', payload: { ...body, challengeId: proof.challengeId, code: proof.code }, session: proof.session });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().request as { id: string };
}

const complete = (id: string, payload: Record<string, unknown>) => t.request({ method: 'POST', url: `/api/operator/requests/${id}/complete`, payload, session: operator });
const operatorView = async (id: string, status = 'completed') =>
  ((await t.request({ method: 'GET', url: `/api/operator/requests?status=${status}`, session: operator })).json().requests as Array<Record<string, unknown>>).find((request) => request.id === id);

describe('completing a request carries out its kind (P8.3, P10.1)', () => {
  it('a deletion request, completed, erases the person, shows the receipt in the request and sends the person the receipt link', async () => {
    const email = 'erase.me@example.com';
    const person = await t.signIn(email, { name: 'Erase Me', keepSignedIn: true });
    const request = await submit(person, email, { kind: 'deletion', details: 'I no longer use the service.' });

    const done = await complete(request.id, { response: 'Erased as you asked.' });
    expect(done.statusCode, done.body).toBe(200);
    const account = await t.platform.database.db.selectFrom('account').select('status').where('id', '=', person.accountId).executeTakeFirstOrThrow();
    expect(account.status).toBe('erased');
    expect((await t.request({ method: 'GET', url: '/api/me', session: person })).statusCode).toBe(401);

    const receiptId = done.json().request.receiptId as string;
    expect(receiptId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await operatorView(request.id)).toMatchObject({ status: 'completed', kind: 'deletion', receiptId, details: null });
    const receipt = await t.platform.database.db.selectFrom('erasure_receipt').select('id').where('id', '=', receiptId).executeTakeFirst();
    expect(receipt).toBeDefined();

    const message = t.services.outbox!.latestFor(email)!;
    expect(message.text).toContain(receiptId);
    const link = /\/api\/privacy\/receipts\/([\w-]+)/.exec(message.text)!;
    const fetched = await t.request({ method: 'GET', url: link[0] });
    expect(fetched.statusCode).toBe(200);
    expect(fetched.body).toContain(receiptId);
  });

  it('erases once when two operators complete the same deletion request at once', async () => {
    const email = 'erase.once@example.com';
    const person = await t.signIn(email, { name: 'Erase Once' });
    const request = await submit(person, email, { kind: 'deletion' });
    const receiptsBefore = (await t.platform.database.db.selectFrom('erasure_receipt').select('id').execute()).length;
    const answers = await Promise.all([1, 2, 3, 4].map(() => complete(request.id, {})));
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([200, 409, 409, 409]);
    expect((await t.platform.database.db.selectFrom('erasure_receipt').select('id').execute()).length).toBe(receiptsBefore + 1);
  });

  it('an access request, completed, prepares the person’s download and tells them where it is', async () => {
    const email = 'access.me@example.com';
    const person = await t.signIn(email, { name: 'Access Me' });
    const request = await submit(person, email, { kind: 'access' });
    const done = await complete(request.id, {});
    expect(done.statusCode, done.body).toBe(200);
    const exportId = done.json().request.exportId as string;
    expect(exportId).toMatch(/^[0-9a-f-]{36}$/);

    await t.services.jobs.tick();
    const mine = (await t.request({ method: 'GET', url: '/api/me/requests', session: person })).json().requests;
    expect(mine[0]).toMatchObject({ id: request.id, status: 'completed', exportId });
    const ready = (await t.request({ method: 'GET', url: `/api/exports/${exportId}`, session: person })).json().export;
    expect(ready.status).toBe('ready');
    const download = await t.request({ method: 'GET', url: `/api/exports/${exportId}/download`, session: person });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/zip');
    const notices = (await t.request({ method: 'GET', url: '/api/notices', session: person })).json().notices;
    expect(notices.some((notice: { kind: string; data: { requestId: string } }) => notice.kind === 'privacy_request_closed' && notice.data.requestId === request.id)).toBe(true);
  });

  it('a correction request is routed to the employer’s correction queue, where the admin decides it', async () => {
    const owner = await t.signIn('employer.owner@example.com', { name: 'Employer Owner' });
    const orgId = await createOrg(t, owner, 'Routing Co.');
    const email = 'correct.me@example.com';
    const { session: member, memberId } = await addMember(t, owner, orgId, email, { position: 'Engineer' });
    const request = await submit(member, email, { kind: 'correction', details: 'My position is Senior Engineer, not Engineer.' });
    expect((await operatorView(request.id, 'open'))?.organisations).toEqual([{ id: orgId, name: 'Routing Co.' }]);

    const wrongOrg = await complete(request.id, { correction: { orgId: '00000000-0000-4000-8000-000000000000', field: 'position', proposedValue: 'Senior Engineer' } });
    expect(wrongOrg.statusCode).toBe(404);
    expect(wrongOrg.json().error.code).toBe('org_not_found');

    const done = await complete(request.id, { correction: { orgId, field: 'position', proposedValue: 'Senior Engineer' } });
    expect(done.statusCode, done.body).toBe(200);
    const correctionId = done.json().request.correctionId as string;
    const queue = (await t.request({ method: 'GET', url: `/api/orgs/${orgId}/corrections?scope=all`, session: owner })).json().corrections;
    expect(queue.find((correction: { id: string }) => correction.id === correctionId)).toMatchObject({ field: 'position', proposedValue: 'Senior Engineer', status: 'pending', memberId });
    const mine = (await t.request({ method: 'GET', url: '/api/me/requests', session: member })).json().requests;
    expect(mine[0]).toMatchObject({ id: request.id, status: 'completed', correctionId, routedTo: { id: orgId, name: 'Routing Co.' } });
  });

  it('a correction for someone with no employer cannot be routed: the operator answers in writing', async () => {
    const email = 'no.employer@example.com';
    const person = await t.signIn(email, { name: 'No Employer' });
    const request = await submit(person, email, { kind: 'correction', details: 'Fix my position.' });
    const routed = await complete(request.id, { correction: { orgId: '00000000-0000-4000-8000-000000000000', field: 'position', proposedValue: 'Boss' } });
    expect(routed.statusCode).toBe(409);
    expect(routed.json().error.code).toBe('request_no_employer');
    const silent = await complete(request.id, {});
    expect(silent.statusCode).toBe(422);
    expect(silent.json().error.code).toBe('request_answer_required');
    const answered = await complete(request.id, { response: 'You are not in any organisation: edit your name in your profile.' });
    expect(answered.statusCode).toBe(200);
    expect(answered.json().request).toMatchObject({ status: 'completed', correctionId: null, response: expect.stringContaining('profile') });
  });

  it('kinds that cannot be carried out automatically need the operator’s written answer', async () => {
    const email = 'objects@example.com';
    const person = await t.signIn(email, { name: 'Objects' });
    for (const kind of ['objection', 'withdraw_consent', 'other']) {
      const request = await submit(person, email, { kind });
      expect((await operatorView(request.id, 'open'))?.action).toBe('answer');
      const silent = await complete(request.id, {});
      expect(silent.statusCode, kind).toBe(422);
      expect(silent.json().error.code).toBe('request_answer_required');
      expect((await complete(request.id, { response: 'Done by hand.' })).statusCode).toBe(200);
      // a quota of two per kind a year: the third kind starts afresh
    }
  });
});

describe('an overdue request escalates (P10.1)', () => {
  it('shows as overdue to the person and the operator, and tells the staff once', async () => {
    const email = 'waiting.long@example.com';
    const person = await t.signIn(email, { name: 'Waiting Long' });
    const request = await submit(person, email, { kind: 'objection', details: 'Stop.' });
    expect((await operatorView(request.id, 'open'))?.overdue).toBe(false);
    t.clock.advance(16 * DAY);
    await t.services.jobs.tick();
    const escalations = () => t.services.outbox!.list().filter((message) => message.to === operatorEmail && message.text.includes(request.id) && message.text.includes('OVERDUE'));
    expect(escalations()).toHaveLength(1);
    // sessions lapse in 16 days: both sign in again
    operator = await t.signIn(operatorEmail, { keepSignedIn: true });
    expect(await operatorView(request.id, 'open')).toMatchObject({ overdue: true, escalatedAt: expect.any(String) });
    const again = await t.signIn(email);
    const mine = (await t.request({ method: 'GET', url: '/api/me/requests', session: again })).json().requests;
    expect(mine.find((item: { id: string }) => item.id === request.id)).toMatchObject({ overdue: true });
    t.clock.advance(DAY);
    await t.services.jobs.tick();
    await Promise.all([t.services.privacyRequests.remindDue(), t.services.privacyRequests.remindDue()]);
    expect(escalations()).toHaveLength(1);
  });
});

describe('the limits of requests hold when they are sent at once (P10.1)', () => {
  it('one fresh code files one request, however many are sent with it at once', async () => {
    const email = 'same.code@example.com';
    const person = await t.signIn(email, { name: 'Same Code' });
    const proof = await freshCode(person, email);
    const answers = await Promise.all(
      [1, 2, 3, 4, 5].map(() => t.request({ method: 'POST', url: '/api/me/requests', payload: { kind: 'access', challengeId: proof.challengeId, code: proof.code }, session: proof.session })),
    );
    expect(answers.filter((answer) => answer.statusCode === 201)).toHaveLength(1);
    expect((await t.request({ method: 'GET', url: '/api/me/requests', session: person })).json().requests).toHaveLength(1);
  });

  it('flags every request beyond the yearly limit, also when they are filed at once', async () => {
    const email = 'many.at.once@example.com';
    await t.signIn(email, { name: 'Many At Once' });
    const account = (await t.services.accounts.findByIdentifier({ channel: 'email', value: email }))!;
    // each with a verified identity already: the filing step alone, five at once
    const filed = await Promise.all([1, 2, 3, 4, 5].map(() => t.services.privacyRequests.file(account, { kind: 'access' })));
    expect(filed.filter((view) => view.row.repeated === 1)).toHaveLength(3);
  });
});
