import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { KeyStoreSchema } from './keys.tables.ts';
import { randomPooled } from './random-pool.ts';
import type { Clock } from '../clock.ts';

/**
 * Envelope encryption. Each person (and each system purpose) has its own data key; data keys
 * are stored only wrapped by the KEK. A field is sealed as
 *   version(1) | key id(16) | iv(12) | tag(16) | ciphertext
 * with the header and the caller's context as associated data, so a ciphertext copied to another
 * row or column fails to open. The context is always `table.column:rowId` with the real column
 * name (`account.email_enc:<id>`): the export and erasure engines rebuild it from the data map.
 * Destroying a data key makes everything sealed under it unreadable: crypto-shredding.
 */
const VERSION = 1;
const HEADER = 1 + 16 + 12 + 16;
const CACHE_LIMIT = 20_000;
// Another process may destroy a key (erasure runs as a job); an unwrapped key is trusted from
// cache only this long, so shredding takes effect everywhere within a minute.
const CACHE_TTL_MS = 60_000;

export class KeyDestroyedError extends Error {
  constructor(keyId: string) {
    super(`data key ${keyId} has been destroyed`);
  }
}

/**
 * `conversation`: a group chat's own key, for its picture; it belongs to the group, not to a person.
 * `blind-index`: an epoch of the contact indexes' key (blind-index.ts), owned by its number.
 */
export type KeyScope = 'account' | 'member' | 'otp' | 'system' | 'conversation' | 'blind-index';

export class Envelope {
  private readonly cache = new Map<string, { dek: Buffer; at: number }>();
  private readonly derived = new Map<string, { dek: Buffer; at: number }>();
  private readonly systemKeys = new Map<string, string>();

  constructor(
    /** the key store: a database of its own, never part of the main database's backups */
    private readonly db: Kysely<KeyStoreSchema>,
    private readonly kek: Buffer,
    private readonly clock: Clock,
  ) {}

  async createKey(scope: KeyScope, ownerId: string): Promise<string> {
    const id = randomUUID();
    const dek = randomBytes(32);
    await this.db
      .insertInto('data_key')
      .values({ id, scope, owner_id: ownerId, wrapped: wrap(this.kek, id, dek), created_at: this.clock.now(), destroyed_at: null })
      .execute();
    this.remember(id, dek);
    return id;
  }

  /** The key for a system purpose (such as pending sign-in codes), created on first use. */
  async systemKey(purpose: string): Promise<string> {
    const known = this.systemKeys.get(purpose);
    if (known) return known;
    const id = await this.ownedKey('system', purpose);
    this.systemKeys.set(purpose, id);
    return id;
  }

  /**
   * The live key of an owner that gets its key on first use (a system purpose, a group chat),
   * created if it has none. Two processes asking at once get the same key: the store allows one
   * live key per scope and owner, and the one that loses the race uses the winner's.
   */
  async ownedKey(scope: KeyScope, ownerId: string): Promise<string> {
    const live = () =>
      this.db.selectFrom('data_key').select('id').where('scope', '=', scope).where('owner_id', '=', ownerId).where('destroyed_at', 'is', null).executeTakeFirst();
    const existing = await live();
    if (existing) return existing.id;
    try {
      return await this.createKey(scope, ownerId);
    } catch (error) {
      const raced = await live();
      if (!raced) throw error;
      return raced.id;
    }
  }

  async seal(keyId: string, plaintext: string | Buffer, context: string): Promise<Buffer> {
    const dek = await this.key(keyId);
    const iv = randomPooled(12);
    const header = Buffer.alloc(HEADER);
    header[0] = VERSION;
    uuidToBytes(keyId).copy(header, 1);
    iv.copy(header, 17);
    const cipher = createCipheriv('aes-256-gcm', dek, iv);
    cipher.setAAD(Buffer.concat([header.subarray(0, 29), Buffer.from(context)]));
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    cipher.getAuthTag().copy(header, 29);
    return Buffer.concat([header, body]);
  }

  async open(sealed: Buffer, context: string): Promise<Buffer> {
    if (sealed.length < HEADER || sealed[0] !== VERSION) throw new Error('not a sealed value');
    const keyId = bytesToUuid(sealed.subarray(1, 17));
    const dek = await this.key(keyId);
    const decipher = createDecipheriv('aes-256-gcm', dek, sealed.subarray(17, 29));
    decipher.setAAD(Buffer.concat([sealed.subarray(0, 29), Buffer.from(context)]));
    decipher.setAuthTag(sealed.subarray(29, HEADER));
    return Buffer.concat([decipher.update(sealed.subarray(HEADER)), decipher.final()]);
  }

  /**
   * A secret for one purpose (an HMAC key) derived from a data key, so it dies with it: search
   * entries under a sender's member key, contact indexes under an epoch key. Nothing derived is
   * stored; destroying the data key leaves nothing that recomputes it.
   */
  async derive(keyId: string, label: string): Promise<Buffer> {
    const name = `${keyId}|${label}`;
    const cached = this.derived.get(name);
    // trusted as long as the data key itself would be (CACHE_TTL_MS): a destroyed key stops deriving
    if (cached && this.clock.now() - cached.at < CACHE_TTL_MS && this.cache.has(keyId)) return cached.dek;
    const dek = await this.key(keyId);
    const secret = Buffer.from(hkdfSync('sha256', dek, Buffer.alloc(0), `lockstep:${label}:v1`, 32));
    if (this.derived.size >= CACHE_LIMIT) this.derived.delete(this.derived.keys().next().value as string);
    this.derived.set(name, { dek: secret, at: this.cache.get(keyId)?.at ?? this.clock.now() });
    return secret;
  }

  async openText(sealed: Buffer, context: string): Promise<string> {
    return (await this.open(sealed, context)).toString('utf8');
  }

  async destroyKey(keyId: string): Promise<void> {
    // owner_id is cleared so that a system purpose can get a fresh key under the same name.
    await this.db
      .updateTable('data_key')
      .set({ wrapped: Buffer.alloc(0), owner_id: null, destroyed_at: this.clock.now() })
      .where('id', '=', keyId)
      .execute();
    this.cache.delete(keyId);
    for (const name of this.derived.keys()) if (name.startsWith(`${keyId}|`)) this.derived.delete(name);
    for (const [purpose, id] of this.systemKeys) if (id === keyId) this.systemKeys.delete(purpose);
  }

  /** The scope of each key id that exists (destroyed keys included). */
  async scopes(keyIds: readonly string[]): Promise<Map<string, { scope: string; ownerId: string | null; destroyed: boolean }>> {
    const scopes = new Map<string, { scope: string; ownerId: string | null; destroyed: boolean }>();
    const unique = [...new Set(keyIds)];
    for (let start = 0; start < unique.length; start += 500) {
      const rows = await this.db.selectFrom('data_key').select(['id', 'scope', 'owner_id', 'destroyed_at']).where('id', 'in', unique.slice(start, start + 500)).execute();
      for (const row of rows) scopes.set(row.id, { scope: row.scope, ownerId: row.owner_id, destroyed: row.destroyed_at !== null });
    }
    return scopes;
  }

  /** Loads many data keys in a few queries, so a directory page does not ask once per person. */
  async warm(keyIds: readonly string[]): Promise<void> {
    const now = this.clock.now();
    const missing = [...new Set(keyIds)].filter((id) => {
      const cached = this.cache.get(id);
      return !cached || now - cached.at >= CACHE_TTL_MS;
    });
    for (let start = 0; start < missing.length; start += 500) {
      const rows = await this.db
        .selectFrom('data_key')
        .select(['id', 'wrapped', 'destroyed_at'])
        .where('id', 'in', missing.slice(start, start + 500))
        .execute();
      for (const row of rows) if (row.destroyed_at === null) this.remember(row.id, unwrap(this.kek, row.id, row.wrapped));
    }
  }

  private async key(keyId: string): Promise<Buffer> {
    const cached = this.cache.get(keyId);
    if (cached && this.clock.now() - cached.at < CACHE_TTL_MS) return cached.dek;
    const row = await this.db.selectFrom('data_key').select(['wrapped', 'destroyed_at']).where('id', '=', keyId).executeTakeFirst();
    if (!row || row.destroyed_at !== null) throw new KeyDestroyedError(keyId);
    const dek = unwrap(this.kek, keyId, row.wrapped);
    this.remember(keyId, dek);
    return dek;
  }

  private remember(keyId: string, dek: Buffer): void {
    this.cache.delete(keyId);
    if (this.cache.size >= CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(keyId, { dek, at: this.clock.now() });
  }
}

function wrap(kek: Buffer, keyId: string, dek: Buffer): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kek, iv);
  cipher.setAAD(Buffer.from(`data_key:${keyId}`));
  const body = Buffer.concat([cipher.update(dek), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

function unwrap(kek: Buffer, keyId: string, wrapped: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', kek, wrapped.subarray(0, 12));
  decipher.setAAD(Buffer.from(`data_key:${keyId}`));
  decipher.setAuthTag(wrapped.subarray(12, 28));
  return Buffer.concat([decipher.update(wrapped.subarray(28)), decipher.final()]);
}

function uuidToBytes(id: string): Buffer {
  return Buffer.from(id.replace(/-/g, ''), 'hex');
}

function bytesToUuid(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
