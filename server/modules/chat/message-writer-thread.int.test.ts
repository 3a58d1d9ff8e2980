import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Worker } from 'node:worker_threads';
import { dialect, startTestPlatform, type TestPlatform, type TestSession } from '../../../test/harness.ts';
import { createOrg } from '../../../test/org-fixtures.ts';
import { MessageWriterThread } from './message-writer-thread.ts';
import type { SendRequest } from './message-writer.ts';
import { searchTerms } from './message-search-terms.ts';

/**
 * The message writer thread (SQLite only: on PostgreSQL the writer runs in the server's thread).
 * What a person would notice if the thread died under them: sends waiting on it fail, none is
 * stored twice when retried, and the chat goes on working.
 */
let t: TestPlatform;
let owner: TestSession;
let chat: string;

beforeAll(async () => {
  t = await startTestPlatform();
  owner = await t.signIn('owner@writer.example', { name: 'Owner' });
  const orgId = await createOrg(t, owner);
  const created = await t.request({ method: 'POST', url: `/api/orgs/${orgId}/conversations`, payload: { kind: 'group', name: 'Writer', memberIds: [] }, session: owner });
  expect(created.statusCode, created.body).toBe(201);
  chat = created.json().conversation.id;
}, 120_000);

afterAll(async () => {
  await t?.close();
});

const request = (clientId: string): SendRequest => ({
  orgId: null,
  accountId: owner.accountId,
  conversationId: chat,
  clientId,
  body: { text: `hello ${clientId}`, mentions: [] },
  replyToId: null,
  attachmentIds: [],
  at: Date.now(),
  searchTerms: searchTerms(`hello ${clientId}`),
});

describe.skipIf(dialect !== 'sqlite')('the message writer thread', () => {
  it('writes in a thread of its own on SQLite', () => {
    expect(t.services.messageWriter).toBeInstanceOf(MessageWriterThread);
  });

  it('fails the sends waiting on a thread that dies, stores none of them twice when retried, and starts a new thread', async () => {
    const writer = t.services.messageWriter as MessageWriterThread;
    await writer.send(request('before'));
    const ids = Array.from({ length: 1_000 }, (_, i) => `burst-${i}`);
    const outcomes = Promise.allSettled(ids.map((id) => writer.send(request(id))));
    // the thread dies while the burst is being written
    await new Promise((resolve) => setImmediate(resolve));
    await (writer as unknown as { worker: Worker }).worker.terminate();
    const settled = await outcomes;
    const failed = ids.filter((_, i) => settled[i]!.status === 'rejected');
    for (const outcome of settled) if (outcome.status === 'rejected') expect(String(outcome.reason)).toContain('the message writer stopped');

    // a client retries what was not acknowledged, with the same client ids
    const retried = await Promise.all(ids.map((id) => writer.send(request(id))));
    const stored = await t.services.db.selectFrom('message').select(['client_id', 'seq']).where('conversation_id', '=', chat).execute();
    expect(stored.filter((row) => row.client_id.startsWith('burst-'))).toHaveLength(ids.length);
    // what was acknowledged before the thread died is what the retry is told, and nothing else was doubled
    retried.forEach((outcome, i) => {
      if (settled[i]!.status === 'fulfilled') expect(outcome.duplicate).toBe(true);
    });
    const seqs = stored.map((row) => Number(row.seq)).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    // the test only means something if the thread died with sends waiting on it
    expect(failed.length).toBeGreaterThan(0);
  });
});
