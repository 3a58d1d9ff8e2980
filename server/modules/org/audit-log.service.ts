import type { Envelope } from '../../platform/crypto/envelope.ts';
import type { OrgAccess, OrgContext } from './org-access.ts';
import type { AuditRow, OrgRepo } from './org.repo.ts';
import { openDetails } from './member-details.ts';

export interface AuditView {
  row: AuditRow;
  actorName: string | null;
  targetName: string | null;
}

const EXPORT_LIMIT = 50_000;

/** The organisation's admin audit log, for admins to read and export. */
export class AuditLogService {
  constructor(private readonly deps: { repo: OrgRepo; access: OrgAccess; envelope: Envelope }) {}

  async list(ctx: OrgContext, options: { limit: number; before?: number | undefined }): Promise<AuditView[]> {
    this.deps.access.authorize(ctx, 'audit.read');
    return this.withNames(ctx, await this.deps.repo.auditEvents(ctx.org.id, options.limit, options.before));
  }

  async exportCsv(ctx: OrgContext): Promise<string> {
    this.deps.access.authorize(ctx, 'audit.read');
    const views = await this.withNames(ctx, await this.deps.repo.auditEvents(ctx.org.id, EXPORT_LIMIT));
    await this.deps.access.audit(ctx, { action: 'audit.exported', detail: { rows: views.length } });
    const lines = [['time_utc', 'action', 'actor', 'target', 'detail'].join(',')];
    for (const view of views) {
      lines.push(
        [new Date(view.row.occurred_at).toISOString(), view.row.action, view.actorName ?? '', view.targetName ?? view.row.target_id ?? '', view.row.detail ?? '']
          .map(csvCell)
          .join(','),
      );
    }
    return lines.join('\r\n') + '\r\n';
  }

  private async withNames(ctx: OrgContext, rows: AuditRow[]): Promise<AuditView[]> {
    const ids = [...new Set(rows.flatMap((row) => [row.actor_member_id, row.target_member_id]).filter((id): id is string => !!id))];
    const names = new Map<string, string | null>();
    for (const id of ids) {
      const member = await this.deps.repo.member(ctx.org.id, id);
      let name: string | null = null;
      try {
        name = member ? (await openDetails(this.deps.envelope, member)).name : null;
      } catch {
        name = null; // erased member
      }
      names.set(id, name);
    }
    return rows.map((row) => ({ row, actorName: names.get(row.actor_member_id) ?? null, targetName: row.target_member_id ? (names.get(row.target_member_id) ?? null) : null }));
  }
}

/** Quotes a CSV cell and defuses spreadsheet formulas (a name like "=HYPERLINK(…)"). */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n']/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
