import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../../database.ts';
import { MINUTE, type Clock } from '../../platform/clock.ts';
import { BlindIndex, switchAt } from '../../platform/crypto/blind-index.ts';
import { KeyDestroyedError, type Envelope } from '../../platform/crypto/envelope.ts';
import type { KeyStoreSchema } from '../../platform/crypto/keys.tables.ts';

export const CONTACT_INDEX_ROTATION_JOB = 'contact-indexes.rotate';

/**
 * Every column holding a blind index of an email address or phone number, with the sealed column
 * it is re-made from. The data-map test checks that no such column is missing here.
 */
export const CONTACT_INDEXES = [
  { table: 'account', index: 'email_index', sealed: 'email_enc', nullable: true },
  { table: 'account', index: 'phone_index', sealed: 'phone_enc', nullable: true },
  { table: 'member', index: 'work_email_index', sealed: 'work_email_enc', nullable: true },
  { table: 'member', index: 'work_phone_index', sealed: 'work_phone_enc', nullable: true },
  { table: 'otp_challenge', index: 'identifier_index', sealed: 'identifier_enc', nullable: false },
  { table: 'guardian_consent', index: 'guardian_index', sealed: 'guardian_enc', nullable: false },
] as const;

/** After the switch, how long a write computed under the old epoch may still be on its way to the database. */
export const SETTLE_MS = MINUTE;
const BATCH = 500;
/** one run of the job works this long at most, then the next run goes on */
const RUN_BUDGET_MS = 20_000;

export type RotationStep = 'idle' | 'started' | 'waiting' | 'reindexed' | 'retired';

type Row = { id: string; index: string | null; sealed: Buffer | null };

/**
 * Replaces the blind-index key after erasures (decision 0016), so that the email and phone
 * indexes of an erased person in a backup taken before the erasure match nothing anyone can
 * compute. One step at a time, each resumable from the key store and the rows alone:
 * 1. an erasure happened since the newest epoch was made: a new epoch is made (one rotation
 *    covers every erasure until it starts);
 * 2. from the epoch's switch on, live rows not under it are re-indexed from their sealed value,
 *    each update conditional on the row still holding what was read;
 * 3. once a pass finds none, and a write computed before the switch can no longer be arriving,
 *    the older epochs' keys are destroyed. Lookups try every live epoch throughout.
 */
export class ContactIndexRotation {
  constructor(
    private readonly deps: {
      db: Kysely<Database>;
      keystore: Kysely<KeyStoreSchema>;
      envelope: Envelope;
      blindIndex: BlindIndex;
      clock: Clock;
      logger: Logger;
    },
  ) {}

  async step(): Promise<RotationStep> {
    const { blindIndex, clock, envelope } = this.deps;
    const epochs = await blindIndex.epochs(true);
    const newest = epochs[epochs.length - 1]!;
    if (epochs.length === 1) {
      // a person erased before the epoch was made never had a row under it (their rows were gone first)
      const erased = await this.deps.keystore.selectFrom('erasure_log').select('account_id').where('erased_at', '>', newest.createdAt).executeTakeFirst();
      if (!erased) return 'idle';
      await envelope.ownedKey('blind-index', String(newest.number + 1));
      blindIndex.forget();
      this.deps.logger.info({ epoch: newest.number + 1 }, 'contact index rotation started');
      return 'started';
    }
    const switched = switchAt(epochs);
    const now = clock.now();
    if (now < switched) return 'waiting';
    if ((await this.reindex(newest.number)) > 0) return 'reindexed';
    if (now < switched + SETTLE_MS) return 'waiting';
    for (const old of epochs.slice(0, -1)) await envelope.destroyKey(old.keyId);
    blindIndex.forget();
    this.deps.logger.info({ epoch: newest.number, retired: epochs.length - 1 }, 'contact index rotation finished');
    return 'retired';
  }

  /** The job: steps until there is nothing to do now, or its time is up. */
  async run(): Promise<RotationStep> {
    const started = Date.now();
    let step: RotationStep;
    do step = await this.step();
    while (step !== 'idle' && step !== 'waiting' && Date.now() - started < RUN_BUDGET_MS);
    return step;
  }

  /**
   * Re-indexes every row not under the newest epoch, at start: a main database restored from a
   * backup holds indexes under epochs destroyed since, which no lookup would find.
   */
  async repairRestored(): Promise<number> {
    const epochs = await this.deps.blindIndex.epochs(true);
    if (epochs.length > 1) return 0; // a rotation is under way: its job moves every older row anyway
    let total = 0;
    for (let moved = await this.reindex(epochs[0]!.number); moved > 0; moved = await this.reindex(epochs[0]!.number)) total += moved;
    if (total) this.deps.logger.warn({ rows: total }, 're-indexed contact indexes of a restored database');
    return total;
  }

  /** Re-indexes up to a batch of rows of each column that are not under the epoch; how many it changed. */
  private async reindex(epoch: number): Promise<number> {
    const prefix = BlindIndex.prefixOf(epoch);
    const dynamic = this.deps.db as unknown as Kysely<Record<string, Record<string, unknown>>>;
    let changed = 0;
    for (const column of CONTACT_INDEXES) {
      const rows = (await dynamic
        .selectFrom(column.table)
        .select(['id', `${column.index} as index`, `${column.sealed} as sealed`])
        .where(column.index, 'is not', null)
        .where(column.index, 'not like', `${prefix}%`)
        .limit(BATCH)
        .execute()) as Row[];
      for (const row of rows) {
        const value = await this.valueUnder(epoch, column.table, column.sealed, row);
        const where = dynamic.updateTable(column.table).where('id', '=', row.id).where(column.index, '=', row.index);
        if (value !== null) await where.set({ [column.index]: value }).execute();
        else if (column.nullable) await where.set({ [column.index]: null }).execute();
        else await dynamic.deleteFrom(column.table).where('id', '=', row.id).where(column.index, '=', row.index).execute();
        changed++;
      }
    }
    return changed;
  }

  /** The row's index under the epoch, from its sealed value; null when that can no longer be opened. */
  private async valueUnder(epoch: number, table: string, sealedColumn: string, row: Row): Promise<string | null> {
    if (!row.sealed) return null;
    let plaintext: string;
    try {
      plaintext = await this.deps.envelope.openText(Buffer.from(row.sealed), `${table}.${sealedColumn}:${row.id}`);
    } catch (error) {
      // the row's key is destroyed: nothing can look it up by this value any more, and nothing should
      if (error instanceof KeyDestroyedError) return null;
      throw error;
    }
    return this.deps.blindIndex.under(epoch, plaintext.includes('@') ? 'email' : 'phone', plaintext);
  }
}
