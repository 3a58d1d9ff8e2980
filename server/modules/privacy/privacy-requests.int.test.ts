import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestCode, startTestPlatform, type TestPlatform, type TestSession } from '../../../test/harness.ts';
import { DAY } from '../../platform/clock.ts';

let t: TestPlatform;
let person: TestSession;
let operator: TestSession;
const personEmail = 'asking.person@example.com';
const operatorEmail = 'dpo@lockstep.example';

beforeAll(async () => {
  t = await startTestPlatform({ LOCKSTEP_OPERATORS: `${operatorEmail}, other-staff@lockstep.example`, PRIVACY_REQUESTS_PER_YEAR: '2' });
  person = await t.signIn(personEmail, { name: 'Asking Person', keepSignedIn: true });
  operator = await t.signIn(operatorEmail, { name: 'Data Protection Officer', keepSignedIn: true });
});

afterAll(async () => {
  await t.close();
});

/** A request made with a fresh code, as the page does it. */
async function submit(session: TestSession, email: string, body: Record<string, unknown>) {
  t.clock.advance(61_000);
  const sent = await t.request({ method: 'POST', url: '/api/me/verification-code', session });
  const cookie = ([] as string[]).concat(sent.headers['set-cookie'] as string[]).find((value) => value.startsWith('lockstep_signin='))!.split(';')[0]!;
  return t.request({
    method: 'POST',
    url: '/api/me/requests',
    payload: { ...body, challengeId: sent.json().challengeId, code: latestCode(t.platform, email) },
    session: { ...session, cookie: `${session.cookie}; ${cookie}` },
  });
}

describe('requests about personal data and their 15-day clock (P10.1, P8.3)', () => {
  let requestId: string;

  it('takes a request only with a fresh code, and starts the clock at that verification', async () => {
    const refused = await t.request({ method: 'POST', url: '/api/me/requests', payload: { kind: 'access', challengeId: randomUUID(), code: '123456' }, session: person });
    expect(refused.statusCode).toBe(400);
    expect((await t.request({ method: 'GET', url: '/api/me/requests', session: person })).json().requests).toEqual([]);

    const response = await submit(person, personEmail, { kind: 'access', details: 'Which devices signed in to my account last month?' });
    expect(response.statusCode, response.body).toBe(201);
    const request = response.json().request;
    requestId = request.id;
    expect(request).toMatchObject({ kind: 'access', status: 'open', daysLeft: 15, repeated: false, dueAt: new Date(t.clock.now() + 15 * DAY).toISOString() });
    expect(t.services.outbox!.latestFor(operatorEmail)?.text).toContain(requestId);
  });

  it('tells the signed-in person whether they are operator staff, so the web links the queue only for them', async () => {
    expect((await t.request({ method: 'GET', url: '/api/me', session: person })).json().operator).toBe(false);
    expect((await t.request({ method: 'GET', url: '/api/me', session: operator })).json().operator).toBe(true);
    // the listed address, not a look-alike, makes someone staff
    const lookalike = await t.signIn(`x${operatorEmail}`, { name: 'Not Staff' });
    expect((await t.request({ method: 'GET', url: '/api/me', session: lookalike })).json().operator).toBe(false);
    expect((await t.request({ method: 'GET', url: '/api/operator/requests', session: lookalike })).statusCode).toBe(403);
  });

  it('shows the queue to the operator only, most urgent first', async () => {
    expect((await t.request({ method: 'GET', url: '/api/operator/requests', session: person })).statusCode).toBe(403);
    const queue = (await t.request({ method: 'GET', url: '/api/operator/requests', session: operator })).json().requests;
    expect(queue.map((request: { id: string }) => request.id)).toContain(requestId);
    expect(queue.find((request: { id: string }) => request.id === requestId).details).toBe('Which devices signed in to my account last month?');
  });

  it('reminds the operator once as the due date nears, also on an idle system', async () => {
    const before = t.services.outbox!.list().filter((message) => message.to === operatorEmail).length;
    t.clock.advance(11 * DAY);
    await t.services.jobs.tick();
    expect(t.services.outbox!.list().filter((message) => message.to === operatorEmail).length).toBe(before);
    t.clock.advance(DAY);
    await t.services.jobs.tick();
    const reminders = t.services.outbox!.list().filter((message) => message.to === operatorEmail && message.text.includes(`${requestId} is due by`));
    expect(reminders).toHaveLength(1);
    t.clock.advance(DAY);
    await t.services.jobs.tick();
    // the message that announced it, and one reminder: no second reminder
    expect(t.services.outbox!.list().filter((message) => message.to === operatorEmail && message.text.includes(requestId)).length).toBe(2);
  });

  it('lets the operator answer; the person sees the answer and a notice; deciding twice is refused', async () => {
    const done = await t.request({ method: 'POST', url: `/api/operator/requests/${requestId}/complete`, payload: { response: 'Two devices: a laptop and a phone.' }, session: operator });
    expect(done.statusCode).toBe(200);
    const mine = (await t.request({ method: 'GET', url: '/api/me/requests', session: person })).json().requests;
    expect(mine[0]).toMatchObject({ id: requestId, status: 'completed', response: 'Two devices: a laptop and a phone.' });
    const notices = (await t.request({ method: 'GET', url: '/api/notices', session: person })).json().notices;
    expect(notices.some((notice: { kind: string; data: { requestId: string } }) => notice.kind === 'privacy_request_closed' && notice.data.requestId === requestId)).toBe(true);
    const again = await t.request({ method: 'POST', url: `/api/operator/requests/${requestId}/refuse`, payload: { reason: 'unrealistic', explanation: 'x' }, session: operator });
    expect(again.statusCode).toBe(409);
  });

  it('flags requests beyond the yearly limit, which may be refused only for one of the policy’s reasons', async () => {
    await submit(person, personEmail, { kind: 'access' });
    const third = (await submit(person, personEmail, { kind: 'access' })).json().request;
    expect(third.repeated).toBe(true);
    const badReason = await t.request({ method: 'POST', url: `/api/operator/requests/${third.id}/refuse`, payload: { reason: 'too_busy', explanation: 'no' }, session: operator });
    expect(badReason.statusCode).toBe(400);
    const refused = await t.request({
      method: 'POST',
      url: `/api/operator/requests/${third.id}/refuse`,
      payload: { reason: 'unreasonable_repetition', explanation: 'You asked the same question three times this year; the earlier answers stand.' },
      session: operator,
    });
    expect(refused.json().request).toMatchObject({ status: 'refused', refusalReason: 'unreasonable_repetition' });
    const mine = (await t.request({ method: 'GET', url: '/api/me/requests', session: person })).json().requests;
    expect(mine.find((request: { id: string }) => request.id === third.id)).toMatchObject({ refusalReason: 'unreasonable_repetition', response: expect.stringContaining('earlier answers') });
  });

  it('lets a person withdraw their own open request, and no one else’s', async () => {
    const open = (await submit(person, personEmail, { kind: 'objection', details: 'Stop using my IP for analytics.' })).json().request;
    const stranger = await t.request({ method: 'POST', url: `/api/me/requests/${open.id}/withdraw`, session: operator });
    expect(stranger.statusCode).toBe(404);
    expect((await t.request({ method: 'POST', url: `/api/me/requests/${open.id}/withdraw`, session: person })).statusCode).toBe(204);
    expect((await t.request({ method: 'POST', url: `/api/me/requests/${open.id}/withdraw`, session: person })).statusCode).toBe(404);
  });
});
