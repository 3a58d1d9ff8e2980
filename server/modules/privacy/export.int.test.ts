import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform, type TestSession } from '../../../test/harness.ts';
import { createOrg, invite } from '../../../test/org-fixtures.ts';
import { col, table } from '../../platform/datamap/declare.ts';

/**
 * A table a later module might add, declared here and nowhere else: the export and erasure
 * engines must find it through the data map alone.
 */
const favouriteLockTable = table('favourite_lock', {
  subject: { via: 'account_id' },
  purpose: { 'zh-CN': '测试', en: 'Test' },
  legalBasis: { 'zh-CN': '测试', en: 'Test' },
  retention: 'account.whileActive',
  recipients: [],
  columns: {
    id: col.id(),
    account_id: col.ref('account'),
    key_id: col.ref('data_key', { category: 'system.keys' }),
    nickname_enc: col.encrypted({ category: 'user.preference' }),
    chosen_at: col.time(),
  },
});

let t: TestPlatform;
let person: TestSession;

beforeAll(async () => {
  t = await startTestPlatform();
  person = await t.signIn('export.person@example.com', { name: '导出 <b>Person</b>' });
  const avatar = await sharp({ create: { width: 32, height: 32, channels: 3, background: '#ff0000' } }).png().toBuffer();
  await t.request({ method: 'PUT', url: '/api/me/avatar', payload: avatar, headers: { 'content-type': 'image/png' }, session: person });
  const owner = await t.signIn('export.owner@example.com');
  const orgId = await createOrg(t, owner);
  const memberId = await invite(t, owner, orgId, { name: 'Export Person', workEmail: 'export.person@example.com', workPhone: '+8613600001111', position: 'Lock designer' });
  await t.request({ method: 'POST', url: `/api/invitations/${memberId}/accept`, session: person });

  const db = t.platform.database.db;
  await db.schema
    .createTable(favouriteLockTable.name)
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('nickname_enc', t.platform.database.profile.types.bytes, (c) => c.notNull())
    .addColumn('chosen_at', 'bigint', (c) => c.notNull())
    .execute();
  const account = await db.selectFrom('account').select('key_id').where('id', '=', person.accountId).executeTakeFirstOrThrow();
  const id = randomUUID();
  await (db as any)
    .insertInto(favouriteLockTable.name)
    .values({ id, account_id: person.accountId, key_id: account.key_id, nickname_enc: await t.services.envelope.seal(account.key_id, 'Front door K21', `favourite_lock.nickname_enc:${id}`), chosen_at: t.clock.now() })
    .execute();
});

afterAll(async () => {
  await t.close();
});

describe('export walks the data map (P8.1, P8.3)', () => {
  it('gives the person an archive with one JSON file per category, their files and a readable summary', async () => {
    const files = unzipSync(new Uint8Array(await t.services.personalData.archive(person.accountId)));
    const names = Object.keys(files);
    expect(names).toEqual(expect.arrayContaining(['index.html', 'manifest.json', 'data/user.name.json', 'data/user.contact.email.json', 'data/user.contact.phone.json', 'data/user.network.ip.json']));
    const emails = JSON.parse(strFromU8(files['data/user.contact.email.json']!)) as Array<{ table: string; fields: Record<string, string> }>;
    expect(emails.find((record) => record.table === 'account')?.fields.email).toBe('export.person@example.com');
    expect(emails.find((record) => record.table === 'member')?.fields.work_email).toBe('export.person@example.com');
    const phones = strFromU8(files['data/user.contact.phone.json']!);
    expect(phones).toContain('+8613600001111');
    const avatarFile = names.find((name) => name.startsWith('files/account-avatar-'));
    expect(avatarFile).toBeTruthy();
    expect((await sharp(Buffer.from(files[avatarFile!]!)).metadata()).format).toBe('webp');
    // keyed hashes and key ids mean nothing to the person and are left out
    const everything = names.filter((name) => name.endsWith('.json')).map((name) => strFromU8(files[name]!)).join('\n');
    expect(everything).not.toMatch(/"(email_index|phone_index|token_hash|key_id|code_hash)"/);
    // the summary is readable and never renders stored text as markup
    const html = strFromU8(files['index.html']!);
    expect(html).toContain('导出 &lt;b&gt;Person&lt;/b&gt;');
    expect(html).not.toContain('<b>Person</b>');
  });

  it('exports and erases a newly declared table with no change to either engine', async () => {
    const bundle = await t.services.personalData.collect(person.accountId);
    const preferences = bundle.categories['user.preference'] ?? [];
    expect(preferences.find((record) => record.table === 'favourite_lock')?.fields.nickname).toBe('Front door K21');

    const { receipt } = await t.services.erasure.erase(person.accountId);
    expect(receipt.erased.find((entry) => entry.table === 'favourite_lock')).toMatchObject({ rows: 1, action: 'shredded' });
    const afterwards = await t.services.personalData.collect(person.accountId);
    expect(JSON.stringify(afterwards.categories)).not.toContain('Front door K21');
  });
});

// Asking for it over HTTP, the background job, the link and its expiry: data-export.int.test.ts
