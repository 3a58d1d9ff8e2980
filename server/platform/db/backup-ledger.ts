import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { KeyStoreSchema } from '../crypto/keys.tables.ts';
import { DAY, type Clock } from '../clock.ts';

export interface PendingBackups {
  /** backups taken before the moment asked about that are still within their retention period */
  count: number;
  /** when the last of them is due to be deleted; null when there are none */
  lastClearsAt: number | null;
}

/**
 * The list of backups taken (P8.5): when, and the file's base name, nothing about anyone. It lives
 * in the key store, apart from the main database, so restoring an old backup does not forget the
 * backups taken since. Deletion receipts read it to say truthfully how many backups from before an
 * erasure still exist and when the last of them is gone. A record is dropped once its backup's
 * retention period has passed.
 */
export class BackupLedger {
  constructor(
    private readonly keystore: Kysely<KeyStoreSchema>,
    private readonly clock: Clock,
    private readonly retentionDays: number,
  ) {}

  async record(file: string, bytes: number | null): Promise<{ id: string; clearsAt: number }> {
    await this.prune();
    const id = randomUUID();
    const takenAt = this.clock.now();
    const clearsAt = takenAt + this.retentionDays * DAY;
    await this.keystore.insertInto('backup_record').values({ id, file_name: path.basename(file), bytes, taken_at: takenAt, clears_at: clearsAt }).execute();
    return { id, clearsAt };
  }

  async pendingBefore(moment: number): Promise<PendingBackups> {
    const row = await this.keystore
      .selectFrom('backup_record')
      .select((eb) => [eb.fn.countAll<number | string>().as('count'), eb.fn.max('clears_at').as('last')])
      .where('taken_at', '<=', moment)
      .where('clears_at', '>', this.clock.now())
      .executeTakeFirst();
    const count = Number(row?.count ?? 0);
    return { count, lastClearsAt: count ? Number(row?.last) : null };
  }

  /** Forgets backups past their retention period: the operator has deleted them by then. */
  async prune(): Promise<number> {
    const result = await this.keystore.deleteFrom('backup_record').where('clears_at', '<=', this.clock.now()).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  get retention(): number {
    return this.retentionDays;
  }
}
