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
    const row = await this.db
      .insertInto('rate_counter')
      .values({ bucket, window_start: windowStart, count: 1 })
      .onConflict((conflict) => conflict.columns(['bucket', 'window_start']).doUpdateSet({ count: sql`rate_counter.count + 1` }))
      .returning('count')
      .executeTakeFirstOrThrow();
    return this.verdict(row.count, limit, windowStart, windowMs, true);
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
