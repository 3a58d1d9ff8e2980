import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../../database.ts';
import { MINUTE, HOUR, type Clock } from '../clock.ts';
import { failureKind } from '../failure-kind.ts';

export type JobRow = Selectable<Database['job']>;
export type JobHandler = (job: JobRow) => Promise<void>;

const LOCK_MS = 10 * MINUTE;
const MAX_ATTEMPTS = 10;

/**
 * Jobs kept in the database, so an erasure due in 15 days or tonight's retention run survives
 * restarts. Claiming is an update that succeeds for one process only, which works the same on
 * SQLite and PostgreSQL; a crashed run's lock expires and another process takes it over.
 * Recurring kinds are scheduled by every tick, so they run on an idle system too.
 */
export class JobRunner {
  private readonly handlers = new Map<string, JobHandler>();
  private readonly recurring = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<number> | null = null;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  register(kind: string, handler: JobHandler): void {
    this.handlers.set(kind, handler);
  }

  every(kind: string, intervalMs: number): void {
    this.recurring.set(kind, intervalMs);
  }

  /** `within` a caller's transaction, the job exists exactly when the rows it will work on do. */
  async enqueue(kind: string, runAt: number, subjectAccountId: string | null = null, within: Kysely<Database> = this.db): Promise<string> {
    const id = randomUUID();
    await within
      .insertInto('job')
      .values({ id, kind, subject_account_id: subjectAccountId, run_at: runAt, status: 'pending', attempts: 0, last_error: null, locked_until: null, created_at: this.clock.now(), finished_at: null })
      .execute();
    return id;
  }

  /** Withdraws pending jobs of a kind for a person (a cancellation undone by signing in). */
  async withdraw(kind: string, subjectAccountId: string): Promise<number> {
    const result = await this.db.deleteFrom('job').where('kind', '=', kind).where('subject_account_id', '=', subjectAccountId).where('status', '=', 'pending').executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Runs everything due now; answers how many jobs ran. Concurrent calls share one run. */
  tick(): Promise<number> {
    this.ticking ??= this.runDue().finally(() => (this.ticking = null));
    return this.ticking;
  }

  /**
   * Someone is waiting for a job just enqueued (their data export): run due jobs now rather than
   * at the next interval. A run already under way may have looked before the job existed, so a new
   * one follows it. Only once started: tests tick by hand, the CLI never runs jobs.
   */
  nudge(): void {
    if (!this.timer) return;
    const after = this.ticking ?? Promise.resolve(0);
    void after
      .catch(() => 0)
      .then(() => (this.timer ? this.tick() : 0))
      .catch((error: unknown) => this.logger.error({ failure: failureKind(error) }, 'job tick failed'));
  }

  start(intervalMs = MINUTE): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick().catch((error: unknown) => this.logger.error({ failure: failureKind(error) }, 'job tick failed')), intervalMs);
    this.timer.unref();
    void this.tick().catch(() => undefined);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.ticking;
  }

  private async runDue(): Promise<number> {
    await this.scheduleRecurring();
    const now = this.clock.now();
    const due = await this.db
      .selectFrom('job')
      .selectAll()
      .where('run_at', '<=', now)
      .where((eb) => eb.or([eb('status', '=', 'pending'), eb.and([eb('status', '=', 'running'), eb('locked_until', '<', now)])]))
      .orderBy('run_at')
      .limit(100)
      .execute();
    let ran = 0;
    for (const job of due) {
      const claimed = await this.db
        .updateTable('job')
        .set({ status: 'running', locked_until: now + LOCK_MS, attempts: job.attempts + 1 })
        .where('id', '=', job.id)
        .where('attempts', '=', job.attempts)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) continue;
      await this.run({ ...job, status: 'running', attempts: job.attempts + 1 });
      ran++;
    }
    // the next run of a recurring kind is on the books as soon as this one is done
    if (ran) await this.scheduleRecurring();
    return ran;
  }

  private async run(job: JobRow): Promise<void> {
    const handler = this.handlers.get(job.kind);
    try {
      if (!handler) throw Object.assign(new Error(`no handler for job kind ${job.kind}`), { code: 'no_handler' });
      await handler(job);
      await this.db.updateTable('job').set({ status: 'done', finished_at: this.clock.now(), locked_until: null }).where('id', '=', job.id).execute();
    } catch (error) {
      // a kind only: an error's message or a library's code may quote what the job worked on
      const failure = failureKind(error);
      const gaveUp = job.attempts >= MAX_ATTEMPTS;
      this.logger.error({ jobId: job.id, kind: job.kind, attempt: job.attempts, failure }, gaveUp ? 'job failed for good' : 'job failed; will retry');
      await this.db
        .updateTable('job')
        .set({
          status: gaveUp ? 'failed' : 'pending',
          last_error: failure,
          locked_until: null,
          run_at: this.clock.now() + Math.min(job.attempts * job.attempts * MINUTE, HOUR),
          finished_at: gaveUp ? this.clock.now() : null,
        })
        .where('id', '=', job.id)
        .execute();
    }
  }

  private async scheduleRecurring(): Promise<void> {
    for (const [kind, intervalMs] of this.recurring) {
      const open = await this.db.selectFrom('job').select('id').where('kind', '=', kind).where('status', 'in', ['pending', 'running']).executeTakeFirst();
      if (open) continue;
      const last = await this.db.selectFrom('job').select('finished_at').where('kind', '=', kind).where('status', '=', 'done').orderBy('finished_at', 'desc').limit(1).executeTakeFirst();
      await this.enqueue(kind, last?.finished_at ? last.finished_at + intervalMs : this.clock.now());
    }
  }
}
