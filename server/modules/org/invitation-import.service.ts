import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Clock } from '../../platform/clock.ts';
import { AppError } from '../../errors.ts';
import type { OrgAccess, OrgContext } from './org-access.ts';
import type { ImportRow, OrgRepo } from './org.repo.ts';
import type { CheckedInvitation, InvitationService } from './invitations.service.ts';
import type { MemberRules } from './member-rules.ts';
import { CsvSyntaxError, decodeUtf8, parseCsv, type CsvRecord } from './csv.ts';

export const IMPORT_MAX_ROWS = 10_000;
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
const BATCH = 100;

/** Column names an admin may use, in English or Chinese, case and spacing ignored. */
const columnAliases: Record<string, string[]> = {
  name: ['name', '姓名'],
  workEmail: ['work_email', 'email', 'corporate_email', '企业邮箱', '邮箱'],
  workPhone: ['work_phone', 'phone', 'mobile', '工作电话', '手机号', '手机'],
  department: ['department', '部门'],
  position: ['position', 'title', '职位'],
  workLocation: ['work_location', 'location', '工作地点'],
  supervisorEmail: ['supervisor_email', 'manager_email', '上级邮箱', '直属上级邮箱'],
};

export interface RowProblem {
  line: number;
  reason: string;
}

/**
 * Bulk invitation from a CSV file. Every row is checked; good rows are invited, bad rows are
 * reported with their line and reason, progress is kept in the database, and running the same
 * file again invites nobody twice (already-invited addresses are skipped).
 */
export class InvitationImportService {
  constructor(
    private readonly deps: { repo: OrgRepo; access: OrgAccess; invitations: InvitationService; rules: MemberRules; clock: Clock; logger: Logger },
  ) {}

  async start(ctx: OrgContext, bytes: Buffer, attestationVersion: string | undefined): Promise<{ run: ImportRow; finished: Promise<void> }> {
    this.deps.access.authorize(ctx, 'member.invite');
    const text = decodeUtf8(bytes);
    if (text === null) throw new AppError('csv_invalid', {}, 'The file is not UTF-8 text. Save it from your spreadsheet as "CSV UTF-8" and try again.');
    let records: CsvRecord[];
    try {
      records = parseCsv(text);
    } catch (error) {
      if (error instanceof CsvSyntaxError) throw new AppError('csv_invalid', {}, `The file is not a valid CSV: ${error.message}.`);
      throw error;
    }
    const [header, ...rows] = records;
    if (!header || rows.length === 0) throw new AppError('csv_invalid', {}, 'The file has no rows to import under its header line.');
    if (rows.length > IMPORT_MAX_ROWS) throw new AppError('csv_invalid', {}, `The file has ${rows.length} rows; one import takes at most ${IMPORT_MAX_ROWS}.`);
    const columns = columnIndexes(header.cells);
    const attestation = await this.deps.invitations.attest(ctx, attestationVersion);

    const now = this.deps.clock.now();
    const run: ImportRow = {
      id: randomUUID(),
      org_id: ctx.org.id,
      started_by: ctx.me.id,
      status: 'running',
      total: rows.length,
      processed: 0,
      invited: 0,
      skipped: 0,
      failed: 0,
      report: '[]',
      created_at: now,
      finished_at: null,
    };
    await this.deps.repo.insertImport(run);
    await this.deps.access.audit(ctx, { action: 'import.started', targetId: run.id, detail: { rows: rows.length } });
    const finished = this.process(ctx, run, rows, columns, attestation.id).catch(async (error: unknown) => {
      this.deps.logger.error({ importId: run.id, failure: (error as Error).name }, 'invitation import failed');
      await this.deps.repo.updateImport(run.id, { status: 'failed', finished_at: this.deps.clock.now() });
    });
    return { run, finished };
  }

  async status(ctx: OrgContext, id: string): Promise<ImportRow> {
    this.deps.access.authorize(ctx, 'member.invite');
    const run = await this.deps.repo.importRun(ctx.org.id, id);
    if (!run) throw new AppError('import_not_found');
    return run;
  }

  private async process(ctx: OrgContext, run: ImportRow, rows: CsvRecord[], columns: Columns, attestationId: string): Promise<void> {
    const departments = await this.departmentPaths(ctx.org.id);
    const live = await this.deps.repo.membersByStatus(ctx.org.id, ['invited', 'active']);
    const liveByEmail = new Map(live.filter((m) => m.work_email_index).map((m) => [m.work_email_index as string, m.id]));
    const liveByPhone = new Map(live.filter((m) => m.work_phone_index).map((m) => [m.work_phone_index as string, m.id]));
    const seenInFile = new Map<string, number>();
    const problems: RowProblem[] = [];
    let invited = 0;
    let skipped = 0;

    for (let start = 0; start < rows.length; start += BATCH) {
      const batch: CheckedInvitation[] = [];
      for (const record of rows.slice(start, start + BATCH)) {
        const cell = (key: keyof Columns) => (columns[key] === undefined ? '' : (record.cells[columns[key] as number] ?? '').trim());
        const reject = (reason: string) => problems.push({ line: record.line, reason });
        const name = cell('name');
        if (!name) {
          reject('the name is empty');
          continue;
        }
        if (name.length > 100) {
          reject('the name is longer than 100 characters');
          continue;
        }
        let checked: CheckedInvitation;
        try {
          const department = cell('department');
          const departmentId = department ? departments.get(normalisePath(department)) : undefined;
          if (department && !departmentId) {
            reject('there is no department with that name');
            continue;
          }
          checked = await this.deps.invitations.check({
            name,
            workEmail: cell('workEmail') || null,
            workPhone: cell('workPhone') || null,
            position: cell('position').slice(0, 100) || null,
            workLocation: cell('workLocation').slice(0, 200) || null,
            departmentId: departmentId ?? null,
          });
        } catch (error) {
          reject(error instanceof AppError ? error.message : 'the row could not be read');
          continue;
        }
        const supervisorEmail = cell('supervisorEmail');
        if (supervisorEmail) {
          let supervisorIndexes: string[] = [];
          try {
            supervisorIndexes = (await this.deps.rules.workContact(supervisorEmail, null)).lookup.email;
          } catch {
            reject('the superior’s email is not a valid email address');
            continue;
          }
          // under any live blind-index epoch: a record may not be re-indexed yet (decision 0016)
          const supervisorId = supervisorIndexes.map((index) => liveByEmail.get(index)).find((id) => id !== undefined);
          if (!supervisorId) {
            reject('the superior’s email is not a member or invitee of this organisation (list superiors above the people who report to them)');
            continue;
          }
          checked.supervisorId = supervisorId;
          checked.suppliedFields.push('supervisorId');
        }
        const keys = [checked.contact.emailIndex, checked.contact.phoneIndex].filter((key): key is string => !!key);
        const earlier = keys.map((key) => seenInFile.get(key)).find((line) => line !== undefined);
        if (earlier !== undefined) {
          reject(`the same address appears on line ${earlier}`);
          continue;
        }
        // noted before the already-invited check, so a re-run still reports a repeated address
        for (const key of keys) seenInFile.set(key, record.line);
        const holders = new Map<string, Array<'workEmail' | 'workPhone'>>();
        const emailHolder = checked.contact.lookup.email.map((key) => liveByEmail.get(key)).find((holder) => holder !== undefined);
        if (emailHolder) holders.set(emailHolder, ['workEmail']);
        const phoneHolder = checked.contact.lookup.phone.map((key) => liveByPhone.get(key)).find((holder) => holder !== undefined);
        if (phoneHolder) holders.set(phoneHolder, [...(holders.get(phoneHolder) ?? []), 'workPhone']);
        if (holders.size) {
          // a skip confirms that record's full address to the admin: audited like a reveal (decision 0013)
          for (const [holder, fields] of holders) await this.deps.access.audit(ctx, { action: 'contact.matched', targetMemberId: holder, detail: { fields, via: 'member.import' } });
          skipped++;
          continue;
        }
        // known at once, so a later row of the same batch can name this person as its superior
        checked.id = randomUUID();
        if (checked.contact.emailIndex) liveByEmail.set(checked.contact.emailIndex, checked.id);
        if (checked.contact.phoneIndex) liveByPhone.set(checked.contact.phoneIndex, checked.id);
        batch.push(checked);
      }
      if (batch.length) {
        const created = await this.deps.invitations.createBatch(ctx, batch, attestationId);
        invited += created.length;
        for (const checked of batch) await this.deps.invitations.sendInvitation(ctx, checked);
      }
      await this.deps.repo.updateImport(run.id, {
        processed: Math.min(start + BATCH, rows.length),
        invited,
        skipped,
        failed: problems.length,
        report: JSON.stringify(problems.slice(0, 1000)),
      });
    }
    await this.deps.repo.updateImport(run.id, { status: 'finished', finished_at: this.deps.clock.now() });
    await this.deps.access.audit(ctx, { action: 'import.finished', targetId: run.id, detail: { invited, skipped, failed: problems.length } });
  }

  /** "Engineering/Platform" → the id of Platform under Engineering; a unique plain name works too. */
  private async departmentPaths(orgId: string): Promise<Map<string, string>> {
    const departments = await this.deps.repo.departments(orgId);
    const byId = new Map(departments.map((d) => [d.id, d]));
    const paths = new Map<string, string>();
    const nameCount = new Map<string, number>();
    for (const department of departments) {
      const names: string[] = [];
      for (let cursor: typeof department | undefined = department; cursor; cursor = cursor.parent_id ? byId.get(cursor.parent_id) : undefined) names.unshift(cursor.name);
      paths.set(normalisePath(names.join('/')), department.id);
      const plain = normalisePath(department.name);
      nameCount.set(plain, (nameCount.get(plain) ?? 0) + 1);
    }
    for (const department of departments) {
      const plain = normalisePath(department.name);
      if (nameCount.get(plain) === 1 && !paths.has(plain)) paths.set(plain, department.id);
    }
    return paths;
  }
}

type Columns = Partial<Record<keyof typeof columnAliases, number>>;

function columnIndexes(header: string[]): Columns {
  const normalised = header.map((cell) => cell.replace(/^\uFEFF/, '').trim().toLowerCase().replace(/\s+/g, '_'));
  const columns: Columns = {};
  for (const [key, aliases] of Object.entries(columnAliases)) {
    const index = normalised.findIndex((cell) => aliases.includes(cell));
    if (index >= 0) columns[key] = index;
  }
  if (columns.name === undefined || (columns.workEmail === undefined && columns.workPhone === undefined)) {
    throw new AppError('csv_invalid', {}, 'The header line must name the columns: name, and work_email or work_phone (department, position, work_location and supervisor_email are optional).');
  }
  return columns;
}

function normalisePath(path: string): string {
  return path
    .split('/')
    .map((part) => part.normalize('NFKC').trim().toLowerCase())
    .join('/');
}
