import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../../database.ts';
import { declaredTables } from '../../data-map.ts';
import { DAY, type Clock } from '../../platform/clock.ts';
import type { Envelope } from '../../platform/crypto/envelope.ts';
import { retentionRules } from '../../platform/datamap/retention.ts';
import type { TableSpec } from '../../platform/datamap/declare.ts';
import { eraseRows, removeBlobs, unlinkFromOthers } from './erase-rows.ts';
import type { BlobStore } from '../../platform/blobs/blob-store.ts';
import { keyColumnsOf } from './erasure.service.ts';
import type { Row } from './subject-graph.ts';

export interface RetentionLine {
  table: string;
  rule: string;
  days: number;
  expired: number;
  action: 'deleted' | 'shredded' | 'would delete' | 'would shred';
}

const PERSONAL_KEY_SCOPES = new Set(['member', 'otp']);

/**
 * Retention (P6.2): every table whose rule has a period loses the rows older than it, measured
 * from the table's `retainFrom` column; a table whose rows others point at (it declares
 * `erasedValues`) keeps them as tombstones instead, their personal columns cleared. Keys that belong to exactly one expired row
 * (a sign-in code's, a departed member's) are destroyed with it. Runs daily as a job, also on an
 * idle system, and as a dry run from the command line.
 */
export class RetentionService {
  constructor(private readonly deps: { db: Kysely<Database>; envelope: Envelope; blobs: BlobStore; clock: Clock; logger: Logger }) {}

  async run(options: { dryRun?: boolean } = {}, tables: TableSpec[] = declaredTables()): Promise<RetentionLine[]> {
    const now = this.deps.clock.now();
    const report: RetentionLine[] = [];
    for (const table of tables.filter((spec) => (spec.store ?? 'main') === 'main')) {
      const days = retentionRules[table.retention].days;
      if (days === null || !table.retainFrom) continue;
      const rows = await this.expiredRows(table, now - days * DAY);
      const deleting = !table.erasedValues;
      if (options.dryRun || rows.length === 0) {
        report.push({ table: table.name, rule: table.retention, days, expired: rows.length, action: deleting ? 'would delete' : 'would shred' });
        continue;
      }
      await this.deps.db.transaction().execute(async (trx) => {
        await eraseRows(trx, table, rows, deleting ? 'delete' : 'strategies');
        await unlinkFromOthers(trx, new Map([[table.name, rows]]), tables);
      });
      await removeBlobs(this.deps.blobs, table, rows);
      await this.destroyRowKeys(table, rows);
      report.push({ table: table.name, rule: table.retention, days, expired: rows.length, action: deleting ? 'deleted' : 'shredded' });
    }
    if (!options.dryRun) this.deps.logger.info({ tables: report.filter((line) => line.expired).length, rows: report.reduce((sum, line) => sum + line.expired, 0) }, 'retention run finished');
    return report;
  }

  private async expiredRows(table: TableSpec, cutoff: number): Promise<Row[]> {
    const column = table.retainFrom as string;
    const dynamic = this.deps.db as unknown as Kysely<Record<string, Row>>;
    let query = dynamic.selectFrom(table.name).selectAll().where(column, '<', cutoff);
    // a tombstone already carries its erased values: it is not expired again every day
    for (const [name, value] of Object.entries(table.erasedValues ?? {})) query = query.where(name, value === null ? 'is not' : '!=', value);
    return (await query.execute()) as Row[];
  }

  private async destroyRowKeys(table: TableSpec, rows: Row[]): Promise<void> {
    const keyIds = keyColumnsOf(table).flatMap((column) => rows.map((row) => row[column] as string | null)).filter((id): id is string => !!id);
    if (!keyIds.length) return;
    const rowIds = new Set(rows.map((row) => row.id));
    const scopes = await this.deps.envelope.scopes(keyIds);
    for (const [keyId, key] of scopes) {
      if (!key.destroyed && PERSONAL_KEY_SCOPES.has(key.scope) && rowIds.has(key.ownerId)) await this.deps.envelope.destroyKey(keyId);
    }
  }
}
