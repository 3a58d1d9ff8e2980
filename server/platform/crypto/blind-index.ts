import type { Kysely } from 'kysely';
import type { Clock } from '../clock.ts';
import { hmacHex } from './derived-keys.ts';
import type { Envelope } from './envelope.ts';
import type { KeyStoreSchema } from './keys.tables.ts';

/**
 * Keyed blind indexes of email addresses and phone numbers: lookups compare HMACs, so the
 * database never holds the plaintext and one holding only the database cannot test guesses.
 *
 * The key lives in the key store, never in a backup, and is replaced after erasures (decision
 * 0019): each key is an *epoch*, a data key of scope `blind-index` whose owner is its number. A
 * value is written as `<epoch>.<hmac>`. After an erasure a new epoch is made; the live rows are
 * re-indexed under it (contact-index-rotation.ts) and the old key is destroyed, so the indexes in
 * a backup taken before the erasure match nothing anyone can compute any more. While two epochs
 * live, lookups try each (`candidates`), so a lookup is right at every moment of a rotation.
 *
 * Every process writes under the same epoch at the same moment: a new epoch becomes the one
 * written only SWITCH_MS after it was made, and each process reloads the epochs at least every
 * REFRESH_MS, so every process looks up under a new epoch before any row is written under it.
 *
 * Epoch 0 is the key derived from the KEK that indexes were made with before epochs existed
 * (written without a prefix); it is live only until the first rotation has re-indexed its rows.
 */
export type BlindIndexKind = 'email' | 'phone';

export const REFRESH_MS = 10_000;
export const SWITCH_MS = 30_000;
const SCOPE = 'blind-index';
const LABEL = 'blind-index';

export interface Epoch {
  number: number;
  keyId: string;
  createdAt: number;
}

export class BlindIndex {
  private loaded: { at: number; epochs: Array<Epoch & { secret: Buffer }> } | null = null;

  constructor(
    private readonly deps: {
      keystore: Kysely<KeyStoreSchema>;
      envelope: Envelope;
      clock: Clock;
      /** the KEK-derived key of epoch 0 */
      legacyKey: Buffer;
      /** whether rows indexed before epochs may exist (the main database holds any account) */
      mayHoldLegacyRows: () => Promise<boolean>;
    },
  ) {}

  /**
   * The value to store: under the epoch every process writes now. `device` serves a device seen
   * with no account (a sign-up's first code): never looked up, so never re-indexed, it simply
   * stops being computable when its epoch's key is destroyed.
   */
  async of(kind: BlindIndexKind | 'device', normalisedValue: string): Promise<string> {
    return format(writingEpoch(await this.epochs(), this.deps.clock.now()), kind, normalisedValue);
  }

  /** Every value a row may hold for this identifier now: one per live epoch, the written one first. */
  async candidates(kind: BlindIndexKind, normalisedValue: string): Promise<string[]> {
    const epochs = await this.epochs();
    const writing = writingEpoch(epochs, this.deps.clock.now());
    return [writing, ...epochs.filter((epoch) => epoch !== writing)].map((epoch) => format(epoch, kind, normalisedValue));
  }

  /** The value under one epoch (re-indexing). */
  async under(epochNumber: number, kind: BlindIndexKind, normalisedValue: string): Promise<string> {
    const epoch = (await this.epochs(true)).find((candidate) => candidate.number === epochNumber);
    if (!epoch) throw new Error(`blind index epoch ${epochNumber} is not live`);
    return format(epoch, kind, normalisedValue);
  }

  /** The prefix of values under an epoch ('' for epoch 0). */
  static prefixOf(epochNumber: number): string {
    return epochNumber === 0 ? '' : `${epochNumber}.`;
  }

  /** The live epochs, oldest first; `fresh` reads the key store now. Creates epoch 1 on a store that has none. */
  async epochs(fresh = false): Promise<Array<Epoch & { secret: Buffer }>> {
    const now = this.deps.clock.now();
    if (!fresh && this.loaded && now - this.loaded.at < REFRESH_MS) return this.loaded.epochs;
    let rows = await this.liveRows();
    if (!rows.length) {
      // a new installation, or one from before epochs: epoch 1 is written at once; on the latter
      // epoch 0 stays live (for lookups) until the first rotation has moved the rows it made
      if (await this.deps.mayHoldLegacyRows()) await this.deps.envelope.ownedKey('system', 'blind-index-legacy');
      await this.deps.envelope.ownedKey(SCOPE, '1');
      rows = await this.liveRows();
    }
    const legacy = await this.deps.keystore
      .selectFrom('data_key')
      .select(['id', 'created_at'])
      .where('scope', '=', 'system')
      .where('owner_id', '=', 'blind-index-legacy')
      .where('destroyed_at', 'is', null)
      .executeTakeFirst();
    const epochs: Array<Epoch & { secret: Buffer }> = [];
    // epoch 0 counts as made long ago: it is never the one written once another exists
    if (legacy) epochs.push({ number: 0, keyId: legacy.id, createdAt: -Infinity, secret: this.deps.legacyKey });
    for (const row of rows) {
      epochs.push({ number: Number(row.owner_id), keyId: row.id, createdAt: row.created_at, secret: await this.deps.envelope.derive(row.id, LABEL) });
    }
    epochs.sort((a, b) => a.number - b.number);
    this.loaded = { at: now, epochs };
    return epochs;
  }

  /** Forgets the loaded epochs (after this process rotated them). */
  forget(): void {
    this.loaded = null;
  }

  private liveRows() {
    return this.deps.keystore.selectFrom('data_key').select(['id', 'owner_id', 'created_at']).where('scope', '=', SCOPE).where('destroyed_at', 'is', null).execute();
  }
}

/**
 * When the newest epoch becomes the one written: SWITCH_MS after it was made, or at once when it
 * follows epoch 0 (made at the start of a version that writes epochs, before any row is written).
 */
export function switchAt(epochs: readonly Epoch[]): number {
  const newest = epochs[epochs.length - 1]!;
  const previous = epochs[epochs.length - 2];
  return !previous || previous.number === 0 ? newest.createdAt : newest.createdAt + SWITCH_MS;
}

/** The epoch written now: the newest from its switch on, the one before until then. */
export function writingEpoch<E extends Epoch>(epochs: E[], now: number): E {
  return now >= switchAt(epochs) ? epochs[epochs.length - 1]! : epochs[epochs.length - 2]!;
}

function format(epoch: Epoch & { secret: Buffer }, kind: BlindIndexKind | 'device', value: string): string {
  return `${BlindIndex.prefixOf(epoch.number)}${hmacHex(epoch.secret, kind, value)}`;
}

/**
 * A device's identifier, indexed under a key derived from its account's data key (or, for an
 * event of no account, the security system key): looked up only within the account, and dead
 * with the account's key, so an erased person's devices cannot be confirmed from a backup.
 */
export async function deviceIndex(envelope: Envelope, keyId: string, deviceId: string): Promise<string> {
  return hmacHex(await envelope.derive(keyId, 'device-index'), 'device', deviceId);
}
