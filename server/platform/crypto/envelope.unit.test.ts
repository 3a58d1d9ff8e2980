import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.ts';
import { openKeyStore, type DatabaseHandle } from '../db/connect.ts';
import type { KeyStoreSchema } from './keys.tables.ts';
import { Envelope, KeyDestroyedError } from './envelope.ts';

let dataDir: string;
let database: DatabaseHandle<KeyStoreSchema>;
const kek = randomBytes(32);
const clock = new ManualClock();
/** a fresh instance has an empty key cache, like another server process */
const envelope = () => new Envelope(database.db, kek, clock);

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-envelope-'));
  database = await openKeyStore({ databaseUrl: null, dataDir, keysDir: path.join(dataDir, 'keys') });
});
afterAll(async () => {
  await database.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const context = 'account:email_enc:7d0c9a9e-0000-4000-8000-000000000001';

describe('Envelope (per-person data keys wrapped by the KEK)', () => {
  it('opens what it sealed, text and bytes', async () => {
    const keys = envelope();
    const keyId = await keys.createKey('account', 'owner-round-trip');
    expect(await keys.openText(await keys.seal(keyId, '林梅 <mei.lin@example.com>', context), context)).toBe('林梅 <mei.lin@example.com>');
    const bytes = randomBytes(300);
    expect(await keys.open(await keys.seal(keyId, bytes, context), context)).toEqual(bytes);
  });

  it('stores no trace of the plaintext, and seals the same text differently each time', async () => {
    const keys = envelope();
    const keyId = await keys.createKey('account', 'owner-opaque');
    const plaintext = 'mei.lin@example.com mei.lin@example.com mei.lin@example.com';
    const first = await keys.seal(keyId, plaintext, context);
    const second = await keys.seal(keyId, plaintext, context);
    expect(first.includes(Buffer.from(plaintext))).toBe(false);
    expect(first.includes(Buffer.from('mei.lin'))).toBe(false);
    expect(first.equals(second)).toBe(false);
  });

  it('refuses a ciphertext moved to another row or column', async () => {
    const keys = envelope();
    const keyId = await keys.createKey('account', 'owner-context');
    const sealed = await keys.seal(keyId, 'secret', context);
    await expect(keys.open(sealed, context.replace(/1$/, '2'))).rejects.toThrow();
    await expect(keys.open(sealed, 'account:phone_enc:7d0c9a9e-0000-4000-8000-000000000001')).rejects.toThrow();
  });

  it('refuses a ciphertext with any byte changed, header included', async () => {
    const keys = envelope();
    const keyId = await keys.createKey('account', 'owner-tamper');
    const sealed = await keys.seal(keyId, 'secret value', context);
    for (let index = 0; index < sealed.length; index++) {
      const tampered = Buffer.from(sealed);
      tampered[index] = (tampered[index] as number) ^ 0x01;
      await expect(keys.open(tampered, context), `byte ${index}`).rejects.toThrow();
    }
    await expect(keys.open(sealed.subarray(0, sealed.length - 1), context)).rejects.toThrow();
    expect(await keys.openText(sealed, context)).toBe('secret value');
  });

  it('cannot unwrap a data key under another KEK', async () => {
    const keyId = await envelope().createKey('account', 'owner-other-kek');
    const sealed = await envelope().seal(keyId, 'secret', context);
    const stranger = new Envelope(database.db, randomBytes(32), clock);
    await expect(stranger.open(sealed, context)).rejects.toThrow();
    await expect(stranger.seal(keyId, 'forged', context)).rejects.toThrow();
  });

  it('makes everything sealed under a destroyed key unreadable, with no cached copy surviving', async () => {
    const keys = envelope();
    const keyId = await keys.createKey('account', 'owner-shredded');
    const sealed = await keys.seal(keyId, 'secret', context);
    await keys.destroyKey(keyId);
    await expect(keys.open(sealed, context)).rejects.toBeInstanceOf(KeyDestroyedError);
    await expect(envelope().open(sealed, context)).rejects.toBeInstanceOf(KeyDestroyedError);
    await expect(keys.seal(keyId, 'more', context)).rejects.toBeInstanceOf(KeyDestroyedError);
  });

  it('gives one system key per purpose, in this instance and the next', async () => {
    const keys = envelope();
    const id = await keys.systemKey('otp');
    expect(await keys.systemKey('otp')).toBe(id);
    expect(await envelope().systemKey('otp')).toBe(id);
    expect(await keys.systemKey('blind-index')).not.toBe(id);
    const sealed = await keys.seal(id, '123456', 'otp_challenge:code');
    expect(await envelope().openText(sealed, 'otp_challenge:code')).toBe('123456');
  });
  it('gives an owner one live key however many ask at once, and a fresh one once it is destroyed', async () => {
    const asked = await Promise.all([envelope(), envelope(), envelope()].map((keys) => keys.ownedKey('conversation', 'group-1')));
    expect(new Set(asked).size).toBe(1);
    const [first] = asked as [string];
    expect(await envelope().ownedKey('conversation', 'group-1')).toBe(first);
    expect(await envelope().ownedKey('conversation', 'group-2')).not.toBe(first);
    await envelope().destroyKey(first);
    const fresh = await envelope().ownedKey('conversation', 'group-1');
    expect(fresh).not.toBe(first);
    expect(await envelope().openText(await envelope().seal(fresh, 'works', context), context)).toBe('works');
  });

  it('stops opening a key another process destroyed within a minute', async () => {
    const writer = envelope();
    const reader = envelope();
    const keyId = await writer.createKey('account', 'owner-other-process');
    const sealed = await writer.seal(keyId, 'still cached elsewhere', context);
    expect(await reader.openText(sealed, context)).toBe('still cached elsewhere');
    await writer.destroyKey(keyId);
    clock.advance(60_000);
    await expect(reader.open(sealed, context)).rejects.toBeInstanceOf(KeyDestroyedError);
  });

  it('gives a system purpose a fresh key after its old one was destroyed', async () => {
    const keys = envelope();
    const old = await keys.systemKey('rotating-purpose');
    await keys.destroyKey(old);
    const fresh = await keys.systemKey('rotating-purpose');
    expect(fresh).not.toBe(old);
    expect(await keys.openText(await keys.seal(fresh, 'works', context), context)).toBe('works');
    expect(await envelope().systemKey('rotating-purpose')).toBe(fresh);
  });
});
