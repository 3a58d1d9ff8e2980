import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../../database.ts';
import { AppError } from '../../errors.ts';
import { HOUR, type Clock } from '../../platform/clock.ts';
import { KeyDestroyedError, type Envelope } from '../../platform/crypto/envelope.ts';
import type { JobRow, JobRunner } from '../../platform/jobs/job-runner.ts';
import type { AccountRow } from '../identity/identity.repo.ts';
import type { ExportService } from './export.service.ts';
import type { RetentionService } from './retention.service.ts';
import { dataExportTable } from './privacy.tables.ts';
import { subjectTables } from './subject-graph.ts';
import { failureKind } from '../../platform/failure-kind.ts';

export type DataExportRow = Selectable<Database['data_export']>;

export const EXPORT_BUILD_JOB = 'data_export.build';
export const EXPORT_EXPIRY_JOB = 'data_export.expire';
const UNDER_WAY = ['pending', 'running'];

/**
 * Downloads of a person's data (P8.1, P8.3) as background work: asking (after a fresh code, in the
 * routes) queues a job and answers at once; the job walks the data map table by table, recording
 * its progress, and seals the ZIP under the data key of the person it is about, so it is never
 * plaintext at rest and erasing them makes it unreadable at once. Only whoever asked (the person,
 * or a child's guardian) can see or download it, until its link expires; then retention deletes it.
 */
export class DataExportService {
  constructor(
    private readonly deps: {
      db: Kysely<Database>;
      envelope: Envelope;
      personalData: ExportService;
      retention: RetentionService;
      jobs: JobRunner;
      clock: Clock;
      logger: Logger;
      linkHours: number;
    },
  ) {}

  /** Asking again while one is being prepared answers that one: a person never has two under way. */
  async request(requester: AccountRow, subject: AccountRow): Promise<DataExportRow> {
    const row = await this.deps.db.transaction().execute(async (trx) => {
      const underWay = await trx
        .selectFrom('data_export')
        .selectAll()
        .where('account_id', '=', subject.id)
        .where('requested_by', '=', requester.id)
        .where('status', 'in', UNDER_WAY)
        .orderBy('created_at', 'desc')
        .executeTakeFirst();
      if (underWay) return underWay;
      const now = this.deps.clock.now();
      // the job and its row are written together: neither exists without the other
      const jobId = await this.deps.jobs.enqueue(EXPORT_BUILD_JOB, now, subject.id, trx);
      const fresh: DataExportRow = {
        id: randomUUID(),
        account_id: subject.id,
        requested_by: requester.id,
        job_id: jobId,
        status: 'pending',
        tables_done: 0,
        tables_total: subjectTables().length,
        archive_enc: null,
        bytes: null,
        created_at: now,
        ready_at: null,
        // an export that never gets ready is removed like a ready one nobody fetched
        expires_at: now + this.linkMs,
      };
      await trx.insertInto('data_export').values(fresh).execute();
      return fresh;
    });
    this.deps.jobs.nudge();
    return row;
  }

  /** One of the exports I asked for; anyone else's looks exactly like one that does not exist. */
  async get(requester: AccountRow, exportId: string): Promise<DataExportRow> {
    const row = await this.deps.db.selectFrom('data_export').selectAll().where('id', '=', exportId).where('requested_by', '=', requester.id).executeTakeFirst();
    if (!row) throw new AppError('export_not_found');
    return row;
  }

  /** The latest exports I asked for of one person's data (mine, or a child's), newest first. */
  async list(requester: AccountRow, subjectId: string): Promise<DataExportRow[]> {
    return this.deps.db
      .selectFrom('data_export')
      .selectAll()
      .where('account_id', '=', subjectId)
      .where('requested_by', '=', requester.id)
      .orderBy('created_at', 'desc')
      .limit(5)
      .execute();
  }

  /** The ZIP, opened for its owner while the link is valid: 410 once it has expired. */
  async download(requester: AccountRow, exportId: string): Promise<{ row: DataExportRow; archive: Buffer }> {
    const row = await this.get(requester, exportId);
    if (row.expires_at < this.deps.clock.now()) throw new AppError('export_expired', { expiredAt: new Date(row.expires_at).toISOString() });
    if (row.status !== 'ready' || !row.archive_enc) throw new AppError('export_not_ready', { status: row.status });
    try {
      return { row, archive: await this.deps.envelope.open(row.archive_enc, `data_export.archive_enc:${row.id}`) };
    } catch (error) {
      // the person was erased a moment ago: their data is gone, this row with it
      if (error instanceof KeyDestroyedError) throw new AppError('export_not_found');
      throw error;
    }
  }

  /** The job: walk, pack, seal. Run again after a crash, it starts over; a finished one is left alone. */
  async build(job: JobRow): Promise<void> {
    const row = await this.deps.db.selectFrom('data_export').selectAll().where('job_id', '=', job.id).executeTakeFirst();
    if (!row || !UNDER_WAY.includes(row.status)) return;
    const progress = (set: Partial<DataExportRow>) => this.deps.db.updateTable('data_export').set(set).where('id', '=', row.id).execute();
    try {
      await progress({ status: 'running', tables_done: 0 });
      const archive = await this.deps.personalData.archive(row.account_id, undefined, async (done, total) => {
        await progress({ tables_done: done, tables_total: total });
      });
      const subject = await this.deps.db.selectFrom('account').select('key_id').where('id', '=', row.account_id).executeTakeFirstOrThrow();
      const sealed = await this.deps.envelope.seal(subject.key_id, archive, `data_export.archive_enc:${row.id}`);
      const readyAt = this.deps.clock.now();
      const expiresAt = readyAt + this.linkMs;
      await progress({ status: 'ready', archive_enc: sealed, bytes: archive.length, ready_at: readyAt, expires_at: expiresAt });
      // deleted as soon as the link stops working (retention removes rows whose expiry has passed),
      // not at the next daily retention run
      await this.deps.jobs.enqueue(EXPORT_EXPIRY_JOB, expiresAt + 1, row.account_id);
      this.deps.logger.info({ exportId: row.id, bytes: archive.length }, 'data export ready');
    } catch (error) {
      // the person can ask again; a failure is not retried in a loop
      this.deps.logger.error({ exportId: row.id, failure: failureKind(error) }, 'data export failed');
      await progress({ status: 'failed' });
    }
  }

  /** Retention of this one table, run when a link expires: the row and its sealed ZIP go. */
  async removeExpired(): Promise<number> {
    const report = await this.deps.retention.run({}, [dataExportTable]);
    return report.reduce((sum, line) => sum + line.expired, 0);
  }

  private get linkMs(): number {
    return this.deps.linkHours * HOUR;
  }
}
