import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Database } from '../../database.ts';
import type { Clock } from '../../platform/clock.ts';
import { hmacHex } from '../../platform/crypto/derived-keys.ts';

/**
 * Fixed-window counters kept in the database, so limits hold across restarts and across
 * several server processes. Buckets are keyed hashes: the table never holds an IP address or
 * an identifier.
 */
export interface LimitVerdict {
  allowed: boolean;
  count: number;
  retryAfterSeconds: number;
}

/** A place taken within a limit; `release` gives it back (once) when the event did not count after all. */
export interface Reservation extends LimitVerdict {
  release(): Promise<void>;
}

export class RateCounters {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly key: Buffer,
  ) {}

  bucket(kind: string, value: string): string {
    return `${kind}:${hmacHex(this.key, kind, value).slice(0, 40)}`;
  }

  /** Count one more event and say whether it stays within the limit. */
  async hit(bucket: string, windowMs: number, limit: number): Promise<LimitVerdict> {
    const windowStart = this.windowStart(windowMs);
    return this.verdict(await this.increment(bucket, windowStart), limit, windowStart, windowMs, true);
  }

  /**
   * Takes one place within the limit before the event it counts, so that requests sent at once
   * cannot all pass a look at the counter taken before any of them was counted (as `peek` and a
   * later `hit` would let them). A refused reservation is given back at once: the counter then
   * holds exactly the events that were let through. An event that turns out not to count (a right
   * code is no failure) gives its place back with `release`. While places are held, a request may
   * be refused that would have passed one after another; never the other way round.
   */
  async reserve(bucket: string, windowMs: number, limit: number): Promise<Reservation> {
    const windowStart = this.windowStart(windowMs);
    const verdict = this.verdict(await this.increment(bucket, windowStart), limit, windowStart, windowMs, true);
    // the same window the place was taken in, even if the clock has moved into the next one
    const giveBack = async () => {
      await this.db
        .updateTable('rate_counter')
        .set({ count: sql`rate_counter.count - 1` })
        .where('bucket', '=', bucket)
        .where('window_start', '=', windowStart)
        .where('count', '>', 0)
        .execute();
    };
    if (!verdict.allowed) {
      await giveBack();
      return { ...verdict, count: verdict.count - 1, release: async () => {} };
    }
    let held = true;
    return {
      ...verdict,
      release: async () => {
        if (!held) return;
        held = false;
        await giveBack();
      },
    };
  }

  /** Say whether the limit is already reached, without counting. */
  async peek(bucket: string, windowMs: number, limit: number): Promise<LimitVerdict> {
    const windowStart = this.windowStart(windowMs);
    const row = await this.db
      .selectFrom('rate_counter')
      .select('count')
      .where('bucket', '=', bucket)
      .where('window_start', '=', windowStart)
      .executeTakeFirst();
    return this.verdict(row?.count ?? 0, limit, windowStart, windowMs, false);
  }

  /** One atomic statement on both databases: concurrent increments each see their own count. */
  private async increment(bucket: string, windowStart: number): Promise<number> {
    const row = await this.db
      .insertInto('rate_counter')
      .values({ bucket, window_start: windowStart, count: 1 })
      .onConflict((conflict) => conflict.columns(['bucket', 'window_start']).doUpdateSet({ count: sql`rate_counter.count + 1` }))
      .returning('count')
      .executeTakeFirstOrThrow();
    return row.count;
  }

  private windowStart(windowMs: number): number {
    const now = this.clock.now();
    return now - (now % windowMs);
  }

  private verdict(count: number, limit: number, windowStart: number, windowMs: number, counted: boolean): LimitVerdict {
    const allowed = counted ? count <= limit : count < limit;
    const retryAfterSeconds = Math.max(1, Math.ceil((windowStart + windowMs - this.clock.now()) / 1000));
    return { allowed, count, retryAfterSeconds };
  }
}
