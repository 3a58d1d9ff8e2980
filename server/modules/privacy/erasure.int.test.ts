import fs from 'node:fs';
import path from 'node:path';
import { createHmac } from 'node:crypto';
import sharp from 'sharp';
import { Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialect, latestCode, startTestPlatform, type TestPlatform, type TestSession } from '../../../test/harness.ts';
import { addMember, createDepartment, createOrg, invite } from '../../../test/org-fixtures.ts';
import { declaredTables } from '../../data-map.ts';
import { sqliteProfile } from '../../platform/db/dialect/sqlite.ts';
import { ReceiptSigner } from '../../platform/crypto/receipt-signer.ts';
import { DerivedKeys, hmacHex } from '../../platform/crypto/derived-keys.ts';
import { KeyDestroyedError } from '../../platform/crypto/envelope.ts';
import type { Database } from '../../database.ts';
import { rowsOfSubject } from './subject-graph.ts';
import { SETTLE_MS } from './contact-index-rotation.ts';

/**
 * A person with data in every table the data map gives a subject is erased; afterwards no column
 * holds their name, phone or email in plaintext, and nothing sealed for them opens, not even from
 * a backup taken just before the erasure (P6.2, P8.3, P8.5).
 */
let t: TestPlatform;
let person: TestSession;
let colleague: TestSession;
let orgId: string;
let backupFile: string | null = null;
/** on PostgreSQL, what a dump of the main schema holds: every row of every table, taken before the erasure */
let pgDump: Map<string, Row[]> | null = null;
let personalKeysBefore: string[] = [];
let backupClearsAt = 0;
let groupId = '';
let fileBlobId = '';
let searchTokens: string[] = [];
const messageCanary = 'MESSAGE-CANARY-5521';
const deviceOne = 'e1a5e000-0000-4000-8000-000000005521';
const canary = { name: 'Erasable Canary Qian', email: 'erase.canary.5521@example.com', phone: '+8613700005521', workEmail: 'erase.work.5521@corp.example', note: 'CORRECTION-NOTE-CANARY-5521' };

beforeAll(async () => {
  t = await startTestPlatform({ OTP_RESEND_COOLDOWN_SECONDS: '0' });
  // a policy in force, so signing up records an acceptance
  await t.services.policy.publish({ label: 'E1', bodyZh: '政策', bodyEn: 'Policy', summaryZh: '首版', summaryEn: 'First', material: false, updatedOn: '2026-11-01', effectiveAt: t.clock.now() - 1000 });
  const owner = await t.signIn('owner.erasure@corp.example', { name: 'Owner' });
  orgId = await createOrg(t, owner);
  const department = await createDepartment(t, owner, orgId, 'Research');

  // the person: an account, sessions on two devices (notice, known devices), a crash report, an avatar
  person = await t.signIn(canary.email, { name: canary.name, headers: { 'x-device-id': deviceOne } });
  await t.signIn(canary.email, { headers: { 'x-device-id': 'e1a5e000-0000-4000-8000-000000005522' } });
  await t.request({ method: 'POST', url: '/api/crash-reports', payload: { message: `crash for ${canary.name}` }, session: person });
  const avatar = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#123456' } }).png().toBuffer();
  await t.request({ method: 'PUT', url: '/api/me/avatar', payload: avatar, headers: { 'content-type': 'image/png' }, session: person });

  // a member of an organisation, also an admin who invited and imported (attestation, audit, import rows)
  const memberId = await invite(t, owner, orgId, { name: canary.name, workEmail: canary.email, workPhone: canary.phone, departmentId: department, position: 'Canary position' });
  await t.request({ method: 'POST', url: `/api/invitations/${memberId}/accept`, session: person });
  await t.request({ method: 'PATCH', url: `/api/orgs/${orgId}/members/${memberId}`, payload: { role: 'admin' }, session: owner });
  colleague = (await addMember(t, person, orgId, 'colleague.erasure@corp.example', { supervisorId: memberId })).session;
  const imported = await t.request({
    method: 'POST',
    url: `/api/orgs/${orgId}/invitation-imports?attestation=v1`,
    payload: 'name,work_email\nImported Person,imported.erasure@corp.example\n',
    headers: { 'content-type': 'text/csv' },
    session: person,
  });
  expect(imported.statusCode).toBe(202);
  for (let tries = 0; tries < 50; tries++) {
    const run = await t.request({ method: 'GET', url: `/api/orgs/${orgId}/invitation-imports/${imported.json().import.id}`, session: person });
    if (run.json().import.status !== 'running') break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await t.request({ method: 'POST', url: `/api/orgs/${orgId}/corrections`, payload: { field: 'position', proposedValue: 'Chief Canary', note: canary.note }, session: person });
  // a pending sign-in code for the person's address, and a job about them
  await t.request({ method: 'POST', url: '/api/auth/code', payload: { identifier: canary.email } });
  await t.services.jobs.enqueue('account.erase', t.clock.now() + 365 * 24 * 3600_000, person.accountId);
  // a request about their data, with its fresh code
  const client = { ip: '127.0.0.1', userAgent: 'erasure test', deviceId: null, timeZone: null, language: null };
  const sentForRequest = await t.services.signIn.requestCode(canary.email, 'en', client);
  const account = (await t.services.accounts.byId(person.accountId))!;
  // a device permission granted, and a guardian's consent record about them (as for a child)
  await t.services.consents.set(account, 'directory.match_contacts', true);
  await t.services.guardians.requestConsent(account, { channel: 'email', value: 'guardian.of.canary@example.com' }, 'en');
  await t.services.privacyRequests.submit(account, { kind: 'access', details: `${canary.note} request` }, { challengeId: sentForRequest.challengeId, code: latestCode(t.platform, canary.email), bindingSecret: sentForRequest.bindingSecret }, client);

  // chats: a group with a colleague where the person writes, reacts and is searchable
  const colleagueMemberId = (await t.request({ method: 'GET', url: `/api/orgs/${orgId}/me`, session: colleague })).json().member.id as string;
  const group = await t.request({ method: 'POST', url: `/api/orgs/${orgId}/conversations`, payload: { kind: 'group', name: 'Erasure group', memberIds: [colleagueMemberId] }, session: person });
  groupId = group.json().conversation.id;
  const said = await t.request({ method: 'POST', url: `/api/orgs/${orgId}/conversations/${groupId}/messages`, payload: { clientMessageId: 'erase-1', text: `${messageCanary} from ${canary.name}` }, session: person });
  await t.request({ method: 'POST', url: `/api/orgs/${orgId}/conversations/${groupId}/messages`, payload: { clientMessageId: 'colleague-1', text: 'A colleague answers' }, session: colleague });
  await t.request({ method: 'PUT', url: `/api/orgs/${orgId}/conversations/${groupId}/messages/${said.json().message.id}/reactions/${encodeURIComponent('👍')}`, session: person });
  const file = await t.request({
    method: 'POST',
    url: `/api/orgs/${orgId}/conversations/${groupId}/attachments?name=${encodeURIComponent(`${canary.name}.txt`)}`,
    payload: `${messageCanary} in a file`,
    headers: { 'content-type': 'text/plain' },
    session: person,
  });
  expect(file.statusCode, file.body).toBe(201);
  await t.request({ method: 'POST', url: `/api/orgs/${orgId}/conversations/${groupId}/messages`, payload: { clientMessageId: 'erase-2', text: '', attachmentIds: [file.json().attachment.id] }, session: person });
  fileBlobId = (await t.services.db.selectFrom('attachment').select('blob_id').where('id', '=', file.json().attachment.id).executeTakeFirstOrThrow()).blob_id;
  expect(said.statusCode, said.body).toBe(201);
  searchTokens = (await t.services.db.selectFrom('message_search').select('tokens').where('message_id', '=', said.json().message.id).executeTakeFirstOrThrow()).tokens.split(' ');

  // a contact (the colleague, as individuals) and a line in their chat (P2.5)
  expect((await t.request({ method: 'POST', url: '/api/contacts/requests', payload: { identifier: 'colleague.erasure@corp.example' }, session: person })).statusCode).toBe(202);
  const contactRequest = (await t.request({ method: 'GET', url: '/api/contacts', session: colleague })).json().incoming[0].id as string;
  const befriended = await t.request({ method: 'POST', url: `/api/contacts/requests/${contactRequest}/accept`, session: colleague });
  expect(befriended.statusCode, befriended.body).toBe(200);
  const contactChat = (await t.request({ method: 'POST', url: `/api/contacts/${befriended.json().contact.id}/chat`, session: colleague })).json().conversation.id as string;
  const toContact = await t.request({ method: 'POST', url: `/api/orgs/${befriended.json().spaceId}/conversations/${contactChat}/messages`, payload: { clientMessageId: 'contact-1', text: `${messageCanary} to a contact` }, session: person });
  expect(toContact.statusCode, toContact.body).toBe(201);

  // a download of their data, prepared and sealed under their key
  const prepared = await t.services.dataExports.request(account, account);
  await t.services.dataExports.build(await t.platform.database.db.selectFrom('job').selectAll().where('id', '=', prepared.job_id).executeTakeFirstOrThrow());

  if (dialect === 'sqlite') {
    await t.platform.database.profile.checkpoint();
    backupFile = path.join(t.dataDir, 'backup-before-erasure.db');
    fs.copyFileSync(path.join(t.dataDir, 'lockstep.db'), backupFile);
  } else {
    pgDump = new Map();
    for (const table of mainTables()) pgDump.set(table.name, (await t.platform.database.db.selectFrom(table.name as never).selectAll().execute()) as Row[]);
  }
  personalKeysBefore = await keysOfPerson(await readBackup());
  // the ledger knows of a backup taken before the erasure, whichever database (pg_dump is recorded by hand)
  backupClearsAt = (await t.services.backups.record(backupFile ?? 'pg-dump-before-erasure.sql', null)).clearsAt;
});

afterAll(async () => {
  await t.close();
});

type Row = Record<string, unknown>;

function mainTables() {
  return declaredTables().filter((spec) => (spec.store ?? 'main') === 'main');
}

/** Every row of every table of the backup taken before the erasure: the SQLite file, or the PostgreSQL dump. */
async function readBackup(): Promise<Map<string, Row[]>> {
  if (pgDump) return pgDump;
  const backup = new Kysely<Database>({ dialect: sqliteProfile(backupFile!).dialect });
  try {
    const rows = new Map<string, Row[]>();
    for (const table of mainTables()) rows.set(table.name, (await backup.selectFrom(table.name as never).selectAll().execute()) as Row[]);
    return rows;
  } finally {
    await backup.destroy();
  }
}

/** The data keys the backup names for the person: their account's, their member record's and their sign-in codes'. */
async function keysOfPerson(backup: Map<string, Row[]>): Promise<string[]> {
  const account = backup.get('account')!.find((row) => row.id === person.accountId)!;
  const members = backup.get('member')!.filter((row) => row.account_id === person.accountId);
  const indexes = [account.email_index, account.phone_index].filter(Boolean);
  const codes = backup.get('otp_challenge')!.filter((row) => indexes.includes(row.identifier_index));
  return [account, ...members, ...codes].map((row) => row.key_id as string);
}

/**
 * What someone holding the backup and every key that still exists can compute keys with: each key
 * the KEK derives, and each purpose's secret under every data key of the key store not destroyed.
 */
async function keysThatStillExist(): Promise<Buffer[]> {
  const derived = Object.values(new DerivedKeys(t.services.kek)).filter((value): value is Buffer => Buffer.isBuffer(value));
  const live = await t.platform.keystore.db.selectFrom('data_key').select('id').where('destroyed_at', 'is', null).execute();
  const secrets: Buffer[] = [...derived];
  for (const { id } of live) for (const label of ['message-search', 'blind-index', 'device-index']) secrets.push(await t.services.envelope.derive(id, label));
  return secrets;
}

/** What of the person's the backup confirms with these keys: a blind index of a guess, or a search entry of a word of theirs. */
async function confirmedFromBackup(keys: Buffer[]): Promise<string[]> {
  const backup = await readBackup();
  const dump = JSON.stringify([...backup.entries()].filter(([name]) => name !== 'message_search'));
  const documents = backup.get('message_search')!.map((row) => ` ${row.tokens as string} `).join('\n');
  const chats = backup.get('conversation')!.map((row) => row.id as string);
  const confirmed = new Set<string>();
  for (const key of keys) {
    for (const [kind, value] of [['email', canary.email], ['phone', canary.phone], ['device', deviceOne.replaceAll('-', '')]] as const) {
      if (dump.includes(hmacHex(key, kind, value))) confirmed.add(`${kind} ${value}`);
    }
    for (const word of ['canary', 'erasable']) {
      for (const chat of chats) {
        const token = createHmac('sha256', key).update(chat).update('\x1f').update(word).digest('base64url').slice(0, 22);
        if (documents.includes(` ${token} `)) confirmed.add(`word ${word}`);
      }
    }
  }
  return [...confirmed].sort();
}

/** Runs the blind-index rotation job's steps, letting the clock pass its waits, until nothing is left to do. */
async function rotateContactIndexes(): Promise<void> {
  for (let steps = 0; steps < 50; steps++) {
    const step = await t.services.contactIndexRotation.step();
    if (step === 'idle') return;
    if (step === 'waiting') t.clock.advance(SETTLE_MS);
  }
  throw new Error('the rotation did not finish');
}

/** SQLite's full-text index pages, where a token's last 16 characters (lower case) show while it is indexed. */
async function ftsPages(): Promise<Buffer> {
  const { rows } = await sql<{ block: Buffer }>`select block from message_search_fts_data`.execute(t.services.db);
  return Buffer.concat(rows.map((row) => Buffer.from(row.block)));
}

/** The key id in a sealed value's header (envelope.ts). */
function keyIdOf(sealed: Buffer): string {
  const hex = sealed.subarray(1, 17).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const plaintextCanaries = [canary.name, canary.email, canary.phone, '13700005521', canary.note, 'Canary position', 'Chief Canary', messageCanary];

describe('erasure driven by the data map', () => {
  it('has the person’s data in every table with a subject before erasing', async () => {
    // the check below is not vacuous: before the erasure, the backup and the keys of the day confirm it all
    expect(await confirmedFromBackup(await keysThatStillExist())).toEqual(['device e1a5e000000040008000000000005521', 'email erase.canary.5521@example.com', 'phone +8613700005521', 'word canary', 'word erasable']);
    expect(personalKeysBefore.length).toBeGreaterThanOrEqual(3);
    if (dialect === 'sqlite') {
      const pages = await ftsPages();
      for (const token of searchTokens) expect(pages.includes(token.slice(-16).toLowerCase()), token).toBe(true);
    }
    const graph = await rowsOfSubject(t.platform.database.db, person.accountId);
    const empty = graph.filter(({ rows }) => rows.length === 0).map(({ table }) => table.name);
    expect(empty).toEqual([]);
    expect(graph.map(({ table }) => table.name).sort()).toEqual(
      declaredTables()
        .filter((table) => table.subject && (table.store ?? 'main') === 'main')
        .map((table) => table.name)
        .sort(),
    );
  });

  it('erases: no plaintext left in any column, sessions gone, keys destroyed, a signed receipt', async () => {
    const result = await t.services.erasure.erase(person.accountId);
    expect(result.receipt.keysDestroyed.length).toBeGreaterThanOrEqual(3); // account, member, sign-in codes
    expect(ReceiptSigner.verify(t.services.receiptSigner.publicKeyPem, JSON.stringify(result.receipt), result.signature)).toBe(true);
    expect(result.receipt.erased.map((entry) => entry.table)).toEqual(expect.arrayContaining(['account', 'session', 'security_event', 'member', 'correction_request', 'otp_challenge', 'data_export']));
    // the backup taken before is counted, with the day it is gone, and said to be unreadable
    expect(result.receipt.backups).toMatchObject({ containKeys: false, takenBeforeErasure: 1, lastClearsAt: new Date(backupClearsAt).toISOString(), retentionDays: 30 });
    expect(result.receipt.backups.statement).toMatch(/^1 backup taken before this erasure still exists.*keys that opened this person’s data were destroyed/);

    // every column of every table, decrypting nothing: no canary in plaintext
    for (const table of declaredTables().filter((spec) => (spec.store ?? 'main') === 'main')) {
      const rows = await t.platform.database.db.selectFrom(table.name as never).selectAll().execute();
      const dump = JSON.stringify(rows, (_key, value) => (value?.type === 'Buffer' ? Buffer.from(value.data).toString('latin1') : value));
      for (const secret of plaintextCanaries) expect(dump.includes(secret), `${secret} in ${table.name}`).toBe(false);
    }

    // signed out everywhere; the address is free again; the account is a tombstone
    expect((await t.request({ method: 'GET', url: '/api/me', session: person })).statusCode).toBe(401);
    expect(await t.services.accounts.findByIdentifier({ channel: 'email', value: canary.email })).toBeUndefined();
    const tombstone = await t.platform.database.db.selectFrom('account').selectAll().where('id', '=', person.accountId).executeTakeFirstOrThrow();
    expect(tombstone).toMatchObject({ status: 'erased', email_enc: null, email_index: null, avatar_enc: null });
  });

  it.runIf(dialect === 'sqlite')('leaves none of their search entries in the full-text index’s pages', async () => {
    expect(searchTokens.length).toBeGreaterThan(3);
    const pages = await ftsPages();
    for (const token of searchTokens) expect(pages.includes(token.slice(-16).toLowerCase()), token).toBe(false);
  });

  it('shows the person’s group messages to everyone as from a deleted user, content erased', async () => {
    const history = await t.request({ method: 'GET', url: `/api/orgs/${orgId}/conversations/${groupId}/messages`, session: colleague });
    expect(history.statusCode, history.body).toBe(200);
    const messages = history.json().messages as Array<{ text: string | null; state: string; reactions: unknown[] }>;
    expect(messages.map((m) => [m.state, m.text])).toEqual([
      ['erased', null],
      ['live', 'A colleague answers'],
      ['erased', null],
    ]);
    expect(history.body).not.toContain(messageCanary);
    // their file is gone from the blob store, ciphertext and all
    expect(await t.services.blobs.get(fileBlobId)).toBeNull();
    const found = await t.request({ method: 'GET', url: `/api/orgs/${orgId}/message-search?q=${messageCanary}`, session: colleague });
    expect(found.json().messages).toEqual([]);
  });

  it('leaves colleagues’ views whole: the directory and a report’s superior still answer', async () => {
    const directory = await t.request({ method: 'GET', url: `/api/orgs/${orgId}/members`, session: colleague });
    expect(directory.statusCode).toBe(200);
    expect(directory.body).not.toContain(canary.name);
    const me = await t.request({ method: 'GET', url: `/api/orgs/${orgId}/me`, session: colleague });
    expect(me.statusCode).toBe(200);
    expect(me.body).not.toContain(canary.name);
  });

  it('destroys the person’s data keys in the key store, their member key among them', async () => {
    const backup = await readBackup();
    const memberKey = backup.get('member')!.find((row) => row.account_id === person.accountId)!.key_id as string;
    expect(personalKeysBefore).toContain(memberKey);
    const stored = await t.platform.keystore.db.selectFrom('data_key').selectAll().where('id', 'in', personalKeysBefore).execute();
    expect(stored.map((row) => row.id).sort()).toEqual([...new Set(personalKeysBefore)].sort());
    for (const row of stored) {
      expect(row.destroyed_at, `${row.scope} key ${row.id}`).not.toBeNull();
      expect(Buffer.from(row.wrapped).length, `${row.scope} key ${row.id}`).toBe(0);
    }
  });

  it('decrypts nothing of the person from a backup taken before the erasure, because their keys are destroyed', async () => {
    const backup = await readBackup();
    const theirs = new Set(personalKeysBefore);
    let sealed = 0;
    let shredded = 0;
    for (const table of mainTables()) {
      const encrypted = Object.entries(table.columns).filter(([, column]) => column.encrypted).map(([name]) => name);
      for (const row of encrypted.length ? backup.get(table.name)! : []) {
        for (const column of encrypted) {
          const value = row[column] as Buffer | null;
          if (!value) continue;
          sealed++;
          const keyId = keyIdOf(Buffer.from(value));
          let opened: string;
          try {
            opened = (await t.services.envelope.open(Buffer.from(value), `${table.name}.${column}:${row.id}`)).toString('latin1');
          } catch (error) {
            // only a destroyed key of this person is an acceptable reason: any other failure is a defect
            expect(error, `${table.name}.${column}`).toBeInstanceOf(KeyDestroyedError);
            expect(theirs.has(keyId), `${table.name}.${column} under a destroyed key that is not the person's`).toBe(true);
            shredded++;
            continue;
          }
          for (const secret of plaintextCanaries) expect(opened.includes(secret), `${secret} opened from ${table.name}.${column}`).toBe(false);
        }
      }
    }
    expect(sealed).toBeGreaterThan(10);
    expect(shredded).toBeGreaterThan(5);
  });

  it('confirms nothing about the person from that backup with every key that still exists', async () => {
    const receipt = (await t.services.erasure.erase(person.accountId)).receipt.contactIndexes;
    // the blind-index keys in use at the erasure are still there until the rotation ends ...
    expect(receipt.keysInUse.length).toBeGreaterThan(0);
    expect(receipt.legacyKeyInUse).toBe(false);
    expect(receipt.statement).toContain(receipt.keysInUse[0]);
    // (a device first seen signing up, before the account existed, is indexed under the epoch too)
    expect(await confirmedFromBackup(await keysThatStillExist())).toEqual(['device e1a5e000000040008000000000005521', 'email erase.canary.5521@example.com', 'phone +8613700005521']);
    await rotateContactIndexes();
    // ... which destroys them, no earlier than the receipt says
    const keys = await t.platform.keystore.db.selectFrom('data_key').select(['id', 'destroyed_at']).where('id', 'in', receipt.keysInUse).execute();
    for (const key of keys) expect(key.destroyed_at).toBeGreaterThanOrEqual(Date.parse(receipt.destroyedNotBefore));
    expect(await confirmedFromBackup(await keysThatStillExist())).toEqual([]);
  });

  it('hands out the receipt once through its one-time link', async () => {
    const { receiptToken } = await t.services.erasure.erase(person.accountId); // erasing again is harmless
    const first = await t.services.erasure.fetchReceipt(receiptToken);
    expect(first?.signature).toBeTruthy();
    expect(await t.services.erasure.fetchReceipt(receiptToken)).toBeNull();
  });

  it('erases again, at start, a person found alive in a restored database', async () => {
    // simulate a restore: the account row comes back as it was before the erasure
    await t.platform.database.db.updateTable('account').set({ status: 'active' }).where('id', '=', person.accountId).execute();
    expect(await t.services.erasure.reapplyErasureLog()).toBe(1);
    const row = await t.platform.database.db.selectFrom('account').select('status').where('id', '=', person.accountId).executeTakeFirstOrThrow();
    expect(row.status).toBe('erased');
  });
});
