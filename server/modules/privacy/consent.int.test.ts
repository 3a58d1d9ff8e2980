import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform, type TestSession } from '../../../test/harness.ts';
import { addMember, createOrg } from '../../../test/org-fixtures.ts';

let t: TestPlatform;
let person: TestSession;
let orgId: string;

beforeAll(async () => {
  t = await startTestPlatform();
  const owner = await t.signIn('consent.owner@example.com', { name: 'Owner' });
  orgId = await createOrg(t, owner);
  person = (await addMember(t, owner, orgId, 'consent.person@example.com')).session;
  await addMember(t, owner, orgId, 'colleague.in.book@example.com', { workPhone: '+8613811112222' });
});

afterAll(async () => {
  await t.close();
});

const permissions = async () => (await t.request({ method: 'GET', url: '/api/me/permissions', session: person })).json().permissions as Array<{ permission: string; functions: Array<{ function: string; granted: boolean; purpose: { en: string } }> }>;
const match = () =>
  t.request({ method: 'POST', url: `/api/orgs/${orgId}/contact-matches`, payload: { phones: ['+86 138-1111-2222', '+8613999999999'], emails: ['nobody@example.com'] }, session: person });

describe('device permissions, granted per function (P0.3)', () => {
  it('lists all five permissions, every one off by default, each function with its purpose', async () => {
    const list = await permissions();
    expect(list.map((entry) => entry.permission)).toEqual(['address_book', 'location', 'camera', 'microphone', 'photo_album']);
    expect(list.flatMap((entry) => entry.functions).every((fn) => fn.granted === false)).toBe(true);
    expect(list.find((entry) => entry.permission === 'address_book')!.functions[0]!.purpose.en).toMatch(/address book/);
  });

  it('refuses work that needs an ungranted permission, naming it', async () => {
    const refused = await match();
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toMatchObject({ code: 'consent_required', permission: 'address_book', function: 'directory.match_contacts' });
  });

  it('does the work once granted, and stops as soon as the grant is withdrawn; the history keeps both', async () => {
    const granted = await t.request({ method: 'PUT', url: '/api/me/permissions/directory.match_contacts', payload: { granted: true }, session: person });
    expect(granted.json().permissions[0].functions[0]).toMatchObject({ granted: true, since: expect.any(String) });
    const matched = await match();
    expect(matched.statusCode).toBe(200);
    expect(matched.json().members.map((member: { name: string }) => member.name)).toEqual(['colleague.in.book']);

    t.clock.advance(1000);
    await t.request({ method: 'PUT', url: '/api/me/permissions/directory.match_contacts', payload: { granted: false }, session: person });
    expect((await match()).json().error.code).toBe('consent_required');
    const history = (await t.request({ method: 'GET', url: '/api/me/permissions/history', session: person })).json().history;
    expect(history.map((entry: { action: string }) => entry.action)).toEqual(['withdraw', 'grant']);
  });

  it('stores nothing of the address book it compared', async () => {
    await t.request({ method: 'PUT', url: '/api/me/permissions/directory.match_contacts', payload: { granted: true }, session: person });
    await match();
    const everything = [];
    for (const table of ['consent_event', 'security_event', 'org_audit_event']) everything.push(JSON.stringify(await t.platform.database.db.selectFrom(table as never).selectAll().execute()));
    expect(everything.join('\n')).not.toContain('13999999999');
    expect(t.logs.join('\n')).not.toContain('13999999999');
  });

  it('deletes what a function kept when it is withdrawn: a job enqueued with the withdrawal, retried until done; none for a function that keeps nothing', async () => {
    const jobs = () => t.services.db.selectFrom('job').select(['kind', 'status', 'last_error']).where('subject_account_id', '=', person.accountId).orderBy('created_at').execute();
    // the address book was never stored: its withdrawals (above) set off nothing
    expect(await jobs()).toEqual([]);
    const list = await permissions();
    expect(list.find((entry) => entry.permission === 'address_book')!.functions[0]).toMatchObject({ withdrawal: { en: expect.stringContaining('nothing of it to delete') } });

    const chat = (await t.request({ method: 'POST', url: `/api/orgs/${orgId}/conversations`, payload: { kind: 'group', name: 'Mine', memberIds: [] }, session: person })).json().conversation.id;
    await t.request({ method: 'PUT', url: '/api/me/permissions/chat.photo_location', payload: { granted: true }, session: person });
    const photo = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#123' } })
      .jpeg()
      .withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '31/1 14/1 1234/100', GPSLongitudeRef: 'E', GPSLongitude: '121/1 28/1 4321/100' } })
      .toBuffer();
    const uploaded = await t.request({ method: 'POST', url: `/api/orgs/${orgId}/conversations/${chat}/attachments?name=a.jpg`, payload: photo, headers: { 'content-type': 'image/jpeg' }, session: person });
    expect(uploaded.json().attachment.location).not.toBeNull();

    // the blob store fails once: the deletion is not lost, it is retried and completes
    const blobs = t.services.blobs;
    const get = blobs.get.bind(blobs);
    let failures = 1;
    blobs.get = async (id) => {
      if (failures-- > 0) throw Object.assign(new Error('disk unavailable'), { code: 'EIO' });
      return get(id);
    };
    try {
      t.clock.advance(1000);
      await t.request({ method: 'PUT', url: '/api/me/permissions/chat.photo_location', payload: { granted: false }, session: person });
      expect(await jobs()).toEqual([{ kind: 'attachments.forget_photo_places', status: 'pending', last_error: null }]);
      await t.services.jobs.tick();
      expect(await jobs()).toEqual([{ kind: 'attachments.forget_photo_places', status: 'pending', last_error: 'EIO' }]);
      t.clock.advance(60 * 60 * 1000);
      await t.services.jobs.tick();
    } finally {
      blobs.get = get;
    }
    expect((await jobs()).map((job) => job.status)).toEqual(['done']);
    const row = await t.services.db.selectFrom('attachment').select('location_enc').where('id', '=', uploaded.json().attachment.id).executeTakeFirstOrThrow();
    expect(row.location_enc).toBeNull();
  });

  it('refuses unknown functions and malformed grants with 400', async () => {
    expect((await t.request({ method: 'PUT', url: '/api/me/permissions/spy.on.everything', payload: { granted: true }, session: person })).statusCode).toBe(400);
    expect((await t.request({ method: 'PUT', url: '/api/me/permissions/directory.match_contacts', payload: { granted: 'yes' }, session: person })).statusCode).toBe(400);
  });
});
