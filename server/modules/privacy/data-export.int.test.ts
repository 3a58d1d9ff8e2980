import { randomUUID } from 'node:crypto';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { latestCode, startTestPlatform, type TestPlatform, type TestSession } from '../../../test/harness.ts';
import { HOUR } from '../../platform/clock.ts';
import { subjectTables } from './subject-graph.ts';

/**
 * Downloads of my data as background work (P8.1, P8.3): asked for with a fresh code, prepared by a
 * job with progress, sealed at rest under my data key, fetched by me alone through a link that
 * expires (here after 2 hours: LOCKSTEP_EXPORT_LINK_HOURS), deleted at expiry and on erasure.
 */
let t: TestPlatform;

beforeAll(async () => {
  t = await startTestPlatform({ LOCKSTEP_EXPORT_LINK_HOURS: '2' });
});
afterAll(async () => {
  await t.close();
});
afterEach(() => {
  vi.restoreAllMocks();
});

async function freshCode(session: TestSession, email: string) {
  t.clock.advance(61_000);
  const sent = await t.request({ method: 'POST', url: '/api/me/verification-code', session });
  const cookie = ([] as string[]).concat(sent.headers['set-cookie'] as string[]).find((value) => value.startsWith('lockstep_signin='))!.split(';')[0]!;
  return { body: { challengeId: sent.json().challengeId as string, code: latestCode(t.platform, email) }, session: { ...session, cookie: `${session.cookie}; ${cookie}` } };
}

async function askForExport(session: TestSession, email: string) {
  const proof = await freshCode(session, email);
  return t.request({ method: 'POST', url: '/api/me/exports', payload: proof.body, session: proof.session });
}

const rowsOf = (accountId: string) => t.platform.database.db.selectFrom('data_export').selectAll().where('account_id', '=', accountId).execute();
const unzipped = (bytes: Uint8Array) => Object.fromEntries(Object.entries(unzipSync(bytes)).map(([name, content]) => [name, strFromU8(content)]));

describe('asking for a download of my data', () => {
  it('prepares it in the background with its progress, seals it at rest, and serves the same ZIP as an attachment', async () => {
    const email = 'export.progress@example.com';
    const person = await t.signIn(email, { name: 'Progress Person' });

    // a wrong code starts nothing
    const wrong = await freshCode(person, email);
    const refused = await t.request({ method: 'POST', url: '/api/me/exports', payload: { ...wrong.body, code: wrong.body.code === '000000' ? '000001' : '000000' }, session: wrong.session });
    expect(refused.statusCode).toBe(400);
    expect(await rowsOf(person.accountId)).toEqual([]);

    const asked = await askForExport(person, email);
    expect(asked.statusCode).toBe(202);
    const pending = asked.json().export;
    const total = subjectTables().length;
    expect(pending).toMatchObject({ status: 'pending', progress: { tablesDone: 0, tablesTotal: total }, readyAt: null, expiresAt: null, downloadUrl: null });
    const statusUrl = `/api/exports/${pending.id}`;
    const notYet = await t.request({ method: 'GET', url: `${statusUrl}/download`, session: person });
    expect(notYet.statusCode).toBe(409);
    expect(notYet.json().error.code).toBe('export_not_ready');

    // what the person sees while the job walks the data map, table after table
    const seen: Array<{ status: string; progress: { tablesDone: number; tablesTotal: number } }> = [];
    const { personalData } = t.services;
    const archive = personalData.archive.bind(personalData);
    let produced: Buffer | null = null;
    vi.spyOn(personalData, 'archive').mockImplementation(async (accountId, tables, onTable) => {
      produced = await archive(accountId, tables, async (done, all) => {
        await onTable?.(done, all);
        if (done === 1 || done === all) seen.push((await t.request({ method: 'GET', url: statusUrl, session: person })).json().export);
      });
      return produced;
    });
    await t.services.jobs.tick();
    expect(seen).toMatchObject([
      { status: 'running', progress: { tablesDone: 1, tablesTotal: total } },
      { status: 'running', progress: { tablesDone: total, tablesTotal: total } },
    ]);

    const ready = (await t.request({ method: 'GET', url: statusUrl, session: person })).json().export;
    expect(ready).toMatchObject({ status: 'ready', progress: { tablesDone: total, tablesTotal: total }, downloadUrl: `${statusUrl}/download` });
    expect(Date.parse(ready.expiresAt) - Date.parse(ready.readyAt)).toBe(2 * HOUR);
    expect((await t.request({ method: 'GET', url: '/api/me/exports', session: person })).json().exports.map((e: { id: string }) => e.id)).toEqual([pending.id]);

    const download = await t.request({ method: 'GET', url: ready.downloadUrl, session: person });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/zip');
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename="lockstep-my-data-\d{4}-\d{2}-\d{2}\.zip"$/);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.headers['cache-control']).toBe('no-store');
    // byte for byte the archive the export engine made, laid out as the direct download was
    expect(produced).not.toBeNull();
    expect(download.rawPayload.equals(produced!)).toBe(true);
    const files = unzipped(new Uint8Array(download.rawPayload));
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['index.html', 'manifest.json', 'data/user.name.json', 'data/user.contact.email.json']));
    expect(files['data/user.name.json']).toContain('Progress Person');
    expect(files['data/user.contact.email.json']).toContain(email);
    // an earlier download is never packed into a later one
    expect(files['data/user.export.json']).toBeUndefined();

    // at rest only ciphertext, bound to its row, under the person's own key
    const [row] = await rowsOf(person.accountId);
    expect(row!.archive_enc!.includes(download.rawPayload.subarray(0, 64))).toBe(false);
    expect((await t.services.envelope.open(row!.archive_enc!, `data_export.archive_enc:${row!.id}`)).equals(download.rawPayload)).toBe(true);
    await expect(t.services.envelope.open(row!.archive_enc!, `data_export.archive_enc:${randomUUID()}`)).rejects.toThrow();
    const account = await t.platform.database.db.selectFrom('account').select('key_id').where('id', '=', person.accountId).executeTakeFirstOrThrow();
    expect(row!.archive_enc!.subarray(1, 17).toString('hex')).toBe(account.key_id.replace(/-/g, ''));
  });

  it('answers 410 once the link has expired, and deletes the file and its row at expiry', async () => {
    const email = 'export.expiry@example.com';
    const person = await t.signIn(email, { name: 'Expiry Person' });
    const id = (await askForExport(person, email)).json().export.id;
    await t.services.jobs.tick();
    const url = `/api/exports/${id}`;
    expect((await t.request({ method: 'GET', url: `${url}/download`, session: person })).statusCode).toBe(200);

    // valid up to and including its expiry time, not a moment after
    t.clock.advance(2 * HOUR);
    expect((await t.request({ method: 'GET', url: `${url}/download`, session: person })).statusCode).toBe(200);
    t.clock.advance(1);
    const expired = await t.request({ method: 'GET', url: `${url}/download`, session: person });
    expect(expired.statusCode).toBe(410);
    expect(expired.json().error).toMatchObject({ code: 'export_expired', expiredAt: expect.any(String) });
    expect((await t.request({ method: 'GET', url, session: person })).json().export).toMatchObject({ status: 'expired', downloadUrl: null });

    // the expiry job is retention of this table: the row and the sealed ZIP are gone
    await t.services.jobs.tick();
    expect(await rowsOf(person.accountId)).toEqual([]);
    const gone = await t.request({ method: 'GET', url, session: person });
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error.code).toBe('export_not_found');
  });

  it('answers the export under way when asked twice, and starts a new one once it is done', async () => {
    const email = 'export.twice@example.com';
    const person = await t.signIn(email, { name: 'Twice Person' });
    const first = (await askForExport(person, email)).json().export;
    const second = await askForExport(person, email);
    expect(second.statusCode).toBe(202);
    expect(second.json().export.id).toBe(first.id);
    expect(await rowsOf(person.accountId)).toHaveLength(1);
    const jobs = await t.platform.database.db.selectFrom('job').select('id').where('kind', '=', 'data_export.build').where('subject_account_id', '=', person.accountId).execute();
    expect(jobs).toHaveLength(1);

    await t.services.jobs.tick();
    const third = (await askForExport(person, email)).json().export;
    expect(third.id).not.toBe(first.id);
    expect(third.status).toBe('pending');
  });

  it('says when preparing failed, and lets the person ask again', async () => {
    const email = 'export.failure@example.com';
    const person = await t.signIn(email, { name: 'Failure Person' });
    const { personalData } = t.services;
    const archive = personalData.archive.bind(personalData);
    let failures = 0;
    vi.spyOn(personalData, 'archive').mockImplementation(async (accountId, tables, onTable) => {
      if (accountId === person.accountId && failures++ === 0) throw new Error('disk full');
      return archive(accountId, tables, onTable);
    });
    const failed = (await askForExport(person, email)).json().export;
    await t.services.jobs.tick();
    expect((await t.request({ method: 'GET', url: `/api/exports/${failed.id}`, session: person })).json().export.status).toBe('failed');
    expect((await t.request({ method: 'GET', url: `/api/exports/${failed.id}/download`, session: person })).json().error.code).toBe('export_not_ready');
    const again = (await askForExport(person, email)).json().export;
    expect(again.id).not.toBe(failed.id);
    await t.services.jobs.tick();
    expect((await t.request({ method: 'GET', url: `/api/exports/${again.id}`, session: person })).json().export.status).toBe('ready');
  });

  it('shows someone else’s export exactly like one that does not exist', async () => {
    const owner = await t.signIn('export.owner@example.com', { name: 'Owner Person' });
    const id = (await askForExport(owner, 'export.owner@example.com')).json().export.id;
    await t.services.jobs.tick();
    const other = await t.signIn('export.other@example.com', { name: 'Other Person' });
    for (const suffix of ['', '/download']) {
      const theirs = await t.request({ method: 'GET', url: `/api/exports/${id}${suffix}`, session: other });
      const missing = await t.request({ method: 'GET', url: `/api/exports/${randomUUID()}${suffix}`, session: other });
      expect(theirs.statusCode).toBe(404);
      expect(theirs.body).toBe(missing.body);
      expect(theirs.body).not.toContain('Owner Person');
    }
    expect((await t.request({ method: 'GET', url: '/api/me/exports', session: other })).json().exports).toEqual([]);
    expect((await t.request({ method: 'GET', url: `/api/exports/${id}` })).statusCode).toBe(401);
    expect((await t.request({ method: 'GET', url: `/api/exports/${id}`, session: owner })).statusCode).toBe(200);
  });

  it('deletes the export with the person when they are erased', async () => {
    const email = 'export.erased@example.com';
    const person = await t.signIn(email, { name: 'Erased Person' });
    const ready = (await askForExport(person, email)).json().export.id;
    await t.services.jobs.tick();
    const underWay = (await askForExport(person, email)).json().export.id;
    expect(await rowsOf(person.accountId)).toHaveLength(2);

    const { receipt } = await t.services.erasure.erase(person.accountId);
    expect(receipt.erased).toContainEqual(expect.objectContaining({ table: 'data_export', rows: 2, action: 'deleted' }));
    expect(await rowsOf(person.accountId)).toEqual([]);
    // the job that was to prepare the second one finds nothing to do
    await t.services.jobs.tick();
    expect(await rowsOf(person.accountId)).toEqual([]);
    expect(ready).not.toBe(underWay);
  });
});
