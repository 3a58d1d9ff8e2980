import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY } from '../../platform/clock.ts';
import { startTestPlatform, type TestPlatform, type TestSession } from '../../../test/harness.ts';
import { addMember, auditEvents, createOrg, promoteToAdmin, uploadCsv, waitForImport } from '../../../test/org-fixtures.ts';
import { ContactGuesses, GUESSES_PER_MASK_PER_DAY, MATCH_REQUESTS_PER_DAY } from './contact-guesses.ts';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform({ OTP_IP_REQUESTS_PER_HOUR: '1000' });
});
afterAll(async () => {
  await t.close();
});

let counter = 0;
const address = (local: string) => `${local}.${++counter}@example.com`;
const TARGET_PHONE = '+8613812345678';

/** A masked organisation (the default) with an admin, a colleague to find and a member looking, who granted the address-book permission. */
async function organisation() {
  const owner = await t.signIn(address('owner'), { name: 'Olivia Owner' });
  const orgId = await createOrg(t, owner);
  const admin = await addMember(t, owner, orgId, address('admin'), { name: 'Adam Admin' });
  await promoteToAdmin(t, owner, orgId, admin.memberId);
  const targetEmail = address('alice');
  const target = await addMember(t, owner, orgId, targetEmail, { name: 'Alice Target', workPhone: TARGET_PHONE });
  const viewerEmail = address('viewer');
  const viewer = await addMember(t, owner, orgId, viewerEmail, { name: 'Vera Viewer' });
  for (const session of [viewer.session, admin.session]) {
    const granted = await t.request({ method: 'PUT', url: '/api/me/permissions/directory.match_contacts', payload: { granted: true }, session });
    expect(granted.statusCode, granted.body).toBe(200);
  }
  return { owner, orgId, admin, target, targetEmail, viewer, viewerEmail };
}

const match = (session: TestSession, orgId: string, payload: { phones?: string[]; emails?: string[] }) =>
  t.request({ method: 'POST', url: `/api/orgs/${orgId}/contact-matches`, payload, session });

/** Every number the mask "+86138****5678" could stand for, "0000" first. */
const fillingTheMask = () => Array.from({ length: 10_000 }, (_, n) => `+86138${String(n).padStart(4, '0')}5678`);

const matchEvents = async (owner: TestSession, orgId: string, action: string) => (await auditEvents(t, owner, orgId)).filter((event) => event.action === action);

describe('matching one’s address book against the directory (P0.3, P7.2)', () => {
  it('does not turn a colleague’s masked number into the full one for a member who may not reveal it', async () => {
    const { owner, orgId, target, viewer, viewerEmail } = await organisation();
    const masked = (await t.request({ method: 'GET', url: `/api/orgs/${orgId}/members/${target.memberId}`, session: viewer.session })).json().member.workPhoneMasked;
    expect(masked).toBe('+86138****5678');
    expect((await t.request({ method: 'GET', url: `/api/orgs/${orgId}/members/${target.memberId}/contact`, session: viewer.session })).statusCode).toBe(403);

    // the attack: every candidate that fills the mask, 2,000 to a request
    const candidates = fillingTheMask();
    const found: string[] = [];
    let unanswered = 0;
    for (let start = 0; start < candidates.length; start += 2000) {
      const response = await match(viewer.session, orgId, { phones: candidates.slice(start, start + 2000) });
      expect(response.statusCode, response.body).toBe(200);
      found.push(...response.json().members.map((member: { id: string }) => member.id));
      unanswered += response.json().unanswered;
    }
    expect(found).not.toContain(target.memberId);
    // two guesses at that mask were compared today; all the rest were left unanswered
    expect(unanswered).toBe(candidates.length - GUESSES_PER_MASK_PER_DAY);
    // the refusal is in the audit log, naming whose number was guessed at, once a day
    const refused = await matchEvents(owner, orgId, 'contact.guessesRefused');
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ actorName: 'Vera Viewer', targetName: 'Alice Target', detail: { field: 'workPhone' } });
    expect(await matchEvents(owner, orgId, 'contact.matched')).toEqual([]);

    // the right number itself is not answered any more today, so the last request cannot confirm it either
    const direct = await match(viewer.session, orgId, { phones: [TARGET_PHONE] });
    expect(direct.json()).toEqual({ members: [], unanswered: 1 });

    // the next day: two more guesses, never enough to walk 10,000
    t.clock.advance(DAY);
    const nextDay = await match(await t.signIn(viewerEmail), orgId, { phones: candidates.slice(2, 2000) });
    expect(nextDay.json()).toMatchObject({ members: [], unanswered: 1998 - GUESSES_PER_MASK_PER_DAY });
  });

  it('finds colleagues from a real address book, every day and every time, each confirmation audited like a reveal', async () => {
    const { owner, orgId, target, targetEmail, viewer } = await organisation();
    const book = { phones: ['+86 138-1234-5678', '+8613999999999', '+8615000000000'], emails: ['someone@elsewhere.example'] };
    for (let sync = 0; sync < 5; sync++) {
      const response = await match(viewer.session, orgId, book);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({ members: [expect.objectContaining({ id: target.memberId, name: 'Alice Target', workPhoneMasked: '+86138****5678' })], unanswered: 0 });
      expect(response.body).not.toContain('12345678');
    }
    const matched = await matchEvents(owner, orgId, 'contact.matched');
    expect(matched).toHaveLength(5);
    for (const event of matched) expect(event).toMatchObject({ actorName: 'Vera Viewer', targetName: 'Alice Target', detail: { fields: ['workPhone'] } });

    // a colleague's work email, masked "a***@example.com", is not compared for a member who may not see it in full
    const byEmail = await match(viewer.session, orgId, { emails: [targetEmail] });
    expect(byEmail.json()).toEqual({ members: [], unanswered: 1 });
  });

  it('is a reveal for those who may reveal: an admin, or everyone once the organisation shows full contact data, emails too, audited', async () => {
    const { owner, orgId, admin, target, targetEmail, viewer } = await organisation();
    const byAdmin = await match(admin.session, orgId, { emails: [targetEmail], phones: fillingTheMask().slice(0, 2000) });
    expect(byAdmin.json()).toMatchObject({ members: [expect.objectContaining({ id: target.memberId })], unanswered: 0 });
    expect(await matchEvents(owner, orgId, 'contact.matched')).toEqual([expect.objectContaining({ actorName: 'Adam Admin', targetName: 'Alice Target', detail: { fields: ['workEmail', 'workPhone'] } })]);

    await t.request({ method: 'PATCH', url: `/api/orgs/${orgId}`, payload: { contactVisibility: 'full' }, session: admin.session });
    const byMember = await match(viewer.session, orgId, { emails: [targetEmail] });
    expect(byMember.json()).toMatchObject({ members: [expect.objectContaining({ id: target.memberId })], unanswered: 0 });
    expect((await matchEvents(owner, orgId, 'contact.matched'))[0]).toMatchObject({ actorName: 'Vera Viewer', targetName: 'Alice Target', detail: { fields: ['workEmail'] } });
  });

  it('holds both bounds exactly when the requests come at once: requests a day, and guesses at one mask', async () => {
    const { orgId, viewer } = await organisation();
    const guesses = fillingTheMask().filter((phone) => phone !== TARGET_PHONE);
    const total = MATCH_REQUESTS_PER_DAY + 10;
    const responses = await Promise.all(Array.from({ length: total }, (_, n) => match(viewer.session, orgId, { phones: [guesses[n]!] })));
    const statuses = responses.map((response) => response.statusCode);
    expect(statuses.filter((status) => status === 200)).toHaveLength(MATCH_REQUESTS_PER_DAY);
    const limited = responses.filter((response) => response.statusCode === 429);
    expect(limited).toHaveLength(10);
    for (const response of limited) expect(response.json().error.code).toBe('rate_limited');
    const answered = responses.filter((response) => response.statusCode === 200 && response.json().unanswered === 0);
    expect(answered).toHaveLength(GUESSES_PER_MASK_PER_DAY);
    expect(responses.flatMap((response) => (response.statusCode === 200 ? response.json().members : []))).toEqual([]);
    expect((await match(viewer.session, orgId, { phones: [TARGET_PHONE] })).statusCode).toBe(429);
  });

  it('takes exactly the budget from guesses checked at the same instant', async () => {
    // below HTTP, so that every check reaches the database before any is counted
    const guesses = new ContactGuesses(t.services.rateCounters);
    const taken = await Promise.all(Array.from({ length: 50 }, () => guesses.take('a-member', 'workPhone:+86138****5678', GUESSES_PER_MASK_PER_DAY)));
    expect(taken.filter(Boolean)).toHaveLength(GUESSES_PER_MASK_PER_DAY);
    // refused guesses stay counted: a confirmation later does not reopen the mask
    await guesses.confirmed('a-member', 'workPhone:+86138****5678');
    expect(await guesses.take('a-member', 'workPhone:+86138****5678', GUESSES_PER_MASK_PER_DAY)).toBe(false);
    const other = await Promise.all(Array.from({ length: 20 }, () => guesses.take('another-member', 'workPhone:+86138****5678', GUESSES_PER_MASK_PER_DAY)));
    expect(other.filter(Boolean)).toHaveLength(GUESSES_PER_MASK_PER_DAY);
  });

  it('lets no guess through alongside real confirmations sent at once', async () => {
    const { orgId, target, viewer } = await organisation();
    const guesses = fillingTheMask().filter((phone) => phone !== TARGET_PHONE);
    // half the requests carry the real number (free to confirm again), half a wrong one
    const payloads = Array.from({ length: MATCH_REQUESTS_PER_DAY }, (_, n) => ({ phones: [n % 2 ? guesses[n]! : TARGET_PHONE] }));
    const responses = await Promise.all(payloads.map((payload) => match(viewer.session, orgId, payload)));
    expect(responses.every((response) => response.statusCode === 200)).toBe(true);
    const wrongAnswered = responses.filter((response, n) => n % 2 === 1 && response.json().unanswered === 0);
    expect(wrongAnswered.length).toBeLessThanOrEqual(GUESSES_PER_MASK_PER_DAY);
    // whatever was answered about the real number is the truth
    for (const [n, response] of responses.entries()) {
      if (n % 2 === 0 && response.json().unanswered === 0) expect(response.json().members.map((member: { id: string }) => member.id)).toEqual([target.memberId]);
    }
  });
});

describe('other ways of turning a masked value into a full one', () => {
  it('an admin’s invitation or edit that collides with a colleague’s address confirms it: audited like a reveal', async () => {
    const { owner, orgId, admin, targetEmail } = await organisation();
    const clash = await t.request({
      method: 'POST',
      url: `/api/orgs/${orgId}/invitations`,
      payload: { name: 'Probe', workEmail: address('probe'), workPhone: TARGET_PHONE, attestation: 'v1' },
      session: admin.session,
    });
    expect(clash.statusCode, clash.body).toBe(409);
    const edit = await t.request({ method: 'PATCH', url: `/api/orgs/${orgId}/members/${admin.memberId}`, payload: { workEmail: targetEmail }, session: admin.session });
    expect(edit.statusCode, edit.body).toBe(409);
    const started = await uploadCsv(t, admin.session, orgId, `name,work_email\r\nProbe,${targetEmail}\r\n`);
    expect(started.statusCode, started.body).toBe(202);
    expect(await waitForImport(t, admin.session, orgId, started.json().import.id)).toMatchObject({ invited: 0, skipped: 1 });
    const matched = await matchEvents(owner, orgId, 'contact.matched');
    expect(matched).toEqual([
      expect.objectContaining({ actorName: 'Adam Admin', targetName: 'Alice Target', detail: { fields: ['workEmail'], via: 'member.import' } }),
      expect.objectContaining({ actorName: 'Adam Admin', targetName: 'Alice Target', detail: { fields: ['workEmail'], via: 'member.update' } }),
      expect.objectContaining({ actorName: 'Adam Admin', targetName: 'Alice Target', detail: { fields: ['workPhone'], via: 'member.invite' } }),
    ]);
  });
});
