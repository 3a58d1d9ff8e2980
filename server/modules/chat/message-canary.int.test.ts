import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialect, startTestPlatform, type TestPlatform, type TestSession } from '../../../test/harness.ts';
import { addMember, createOrg } from '../../../test/org-fixtures.ts';
import { RealtimeClient } from '../../../test/realtime-client.ts';

/**
 * The canary test of issue #4 (P7.3): after messages (over HTTP and the WebSocket), an edit, a
 * search and files, no canary is in plaintext in the database files and WAL (or any PostgreSQL
 * column), the blob store, or the logs.
 */
let t: TestPlatform;
const canaries = {
  text: 'MSG-CANARY-LATIN-5150 lighthouse',
  chinese: '金丝雀消息八三二一',
  edited: 'EDIT-CANARY-9942 harbour',
  socket: 'WS-CANARY-6623 beacon',
  file: 'FILE-CANARY-4410 ledger',
  fileName: 'CANARY-FILENAME-7781.txt',
  query: 'lighthouse',
};
const secrets = Object.values(canaries);

function allFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? allFiles(path.join(dir, entry.name)) : [path.join(dir, entry.name)]));
}

beforeAll(async () => {
  t = await startTestPlatform({ LOG_LEVEL: 'trace' });
  const owner: TestSession = await t.signIn('owner@canary-chat.example', { name: 'Owner' });
  const orgId = await createOrg(t, owner);
  const alice = await addMember(t, owner, orgId, 'alice@canary-chat.example');
  const chat = (await t.request({ method: 'POST', url: `/api/orgs/${orgId}/conversations`, payload: { kind: 'group', name: 'Canary', memberIds: [alice.memberId] }, session: owner })).json().conversation.id;
  const base = `/api/orgs/${orgId}/conversations/${chat}`;
  const say = (text: string, session = owner) => t.request({ method: 'POST', url: `${base}/messages`, payload: { clientMessageId: `c-${text.length}-${Math.random()}`, text }, session });
  expect((await say(canaries.text)).statusCode).toBe(201);
  expect((await say(canaries.chinese, alice.session)).statusCode).toBe(201);
  const toEdit = (await say('to be edited')).json().message.id;
  expect((await t.request({ method: 'PATCH', url: `${base}/messages/${toEdit}`, payload: { text: canaries.edited }, session: owner })).statusCode).toBe(200);
  const file = await t.request({ method: 'POST', url: `${base}/attachments?name=${canaries.fileName}`, payload: canaries.file, headers: { 'content-type': 'text/plain' }, session: owner });
  expect(file.statusCode).toBe(201);
  expect((await t.request({ method: 'POST', url: `${base}/messages`, payload: { clientMessageId: 'file', text: '', attachmentIds: [file.json().attachment.id] }, session: owner })).statusCode).toBe(201);
  const found = await t.request({ method: 'GET', url: `/api/orgs/${orgId}/message-search?q=${canaries.query}`, session: alice.session });
  expect(found.json().messages.map((m: { text: string }) => m.text)).toEqual([canaries.text]);

  await t.app.listen({ host: '127.0.0.1', port: 0 });
  const socket = await RealtimeClient.open(`ws://127.0.0.1:${(t.app.server.address() as net.AddressInfo).port}/api/realtime`, { cookie: owner.cookie });
  expect(await socket.request({ type: 'send', conversationId: chat, clientMessageId: 'ws', text: canaries.socket })).toMatchObject({ type: 'ack' });
  socket.close();
});

afterAll(async () => {
  await t?.close();
});

describe('no plaintext message, file or search canary at rest or in logs', () => {
  it.runIf(dialect === 'sqlite')('the database files, WAL, key store and blob store hold none', () => {
    const files = allFiles(t.dataDir);
    expect(files.some((file) => file.endsWith('lockstep.db-wal'))).toBe(true);
    expect(files.some((file) => file.includes(`${path.sep}blobs${path.sep}`))).toBe(true);
    for (const file of files) {
      const bytes = fs.readFileSync(file);
      for (const secret of secrets) {
        expect(bytes.includes(Buffer.from(secret)), `${secret} in ${file}`).toBe(false);
        expect(bytes.includes(Buffer.from(secret, 'utf16le')), `${secret} (UTF-16) in ${file}`).toBe(false);
      }
    }
  });

  it.runIf(dialect === 'postgres')('no PostgreSQL column, and no blob on disk, holds any', async () => {
    const tables = (await t.platform.database.db.introspection.getTables()).filter((table) => table.schema === t.schemas?.main);
    expect(tables.map((table) => table.name)).toEqual(expect.arrayContaining(['message', 'message_search', 'attachment']));
    for (const table of tables) {
      const rows = await t.platform.database.db.selectFrom(table.name as never).selectAll().execute();
      const dump = JSON.stringify(rows, (_key, value) => (value?.type === 'Buffer' ? Buffer.from(value.data).toString('latin1') : value));
      for (const secret of secrets) expect(dump.includes(secret), `${secret} in ${table.name}`).toBe(false);
    }
    for (const file of allFiles(t.dataDir)) for (const secret of secrets) expect(fs.readFileSync(file).includes(Buffer.from(secret)), `${secret} in ${file}`).toBe(false);
  });

  it('the logs hold none', () => {
    expect(t.logs.length).toBeGreaterThan(10);
    const all = t.logs.join('\n');
    for (const secret of secrets) expect(all.includes(secret), secret).toBe(false);
  });

  it('the canaries were really sent and can be read back by members (the test can fail)', async () => {
    const rows = await t.services.db.selectFrom('message').select(['id', 'body_enc']).execute();
    const opened = await Promise.all(rows.filter((row) => row.body_enc).map(async (row) => (await t.services.envelope.open(row.body_enc!, `message.body_enc:${row.id}`)).toString()));
    for (const secret of [canaries.text, canaries.chinese, canaries.edited, canaries.socket]) expect(opened.join('\n')).toContain(secret);
  });
});
