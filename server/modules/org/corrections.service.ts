import { randomUUID } from 'node:crypto';
import type { Clock } from '../../platform/clock.ts';
import type { Envelope } from '../../platform/crypto/envelope.ts';
import { AppError } from '../../errors.ts';
import { workStatuses, type EmployerField, type WorkStatus } from '../../../common/org.ts';
import type { OrgAccess, OrgContext } from './org-access.ts';
import type { CorrectionRow, MemberRow, OrgRepo } from './org.repo.ts';
import type { MemberChanges, MemberService } from './members.service.ts';
import type { MemberRules } from './member-rules.ts';
import { allow } from './org.policy.ts';
import { memberChangesBody } from './org.schema.ts';

export interface CorrectionView {
  row: CorrectionRow;
  proposed: string;
  note: string | null;
  decisionReason: string | null;
}

/**
 * Correction requests (P8.2): a member asks the employer to correct a field it manages; an admin
 * approves (the change is applied and audited) or rejects with a reason the member sees.
 */
export class CorrectionService {
  constructor(
    private readonly deps: { repo: OrgRepo; access: OrgAccess; members: MemberService; rules: MemberRules; envelope: Envelope; clock: Clock },
  ) {}

  async request(ctx: OrgContext, input: { field: EmployerField; proposedValue: string; note?: string | undefined }): Promise<CorrectionView> {
    await this.validate(ctx, input.field, input.proposedValue);
    const id = randomUUID();
    const seal = (name: string, value: string) => this.deps.envelope.seal(ctx.me.key_id, value, `correction_request.${name}:${id}`);
    const row: CorrectionRow = {
      id,
      org_id: ctx.org.id,
      member_id: ctx.me.id,
      field: input.field,
      proposed_enc: await seal('proposed_enc', input.proposedValue),
      note_enc: input.note ? await seal('note_enc', input.note) : null,
      status: 'pending',
      decided_by: null,
      decision_reason_enc: null,
      created_at: this.deps.clock.now(),
      decided_at: null,
    };
    await this.deps.repo.insertCorrection(row);
    return { row, proposed: input.proposedValue, note: input.note ?? null, decisionReason: null };
  }

  /** Admins see the organisation's queue; a member sees their own requests. */
  async list(ctx: OrgContext, scope: 'mine' | 'all', status?: string): Promise<CorrectionView[]> {
    if (scope === 'all') this.deps.access.authorize(ctx, 'correction.decide');
    const rows = await this.deps.repo.corrections(ctx.org.id, { ...(scope === 'mine' ? { memberId: ctx.me.id } : {}), ...(status ? { status } : {}) });
    return Promise.all(rows.map((row) => this.open(ctx, row)));
  }

  async get(ctx: OrgContext, id: string): Promise<CorrectionView> {
    const row = await this.deps.repo.correction(ctx.org.id, id);
    if (!row || (row.member_id !== ctx.me.id && !allow(ctx.me, 'correction.decide'))) throw new AppError('correction_not_found');
    return this.open(ctx, row);
  }

  async approve(ctx: OrgContext, id: string): Promise<CorrectionView> {
    this.deps.access.authorize(ctx, 'correction.decide');
    const view = await this.pending(ctx, id);
    const target = (await this.deps.repo.member(ctx.org.id, view.row.member_id)) as MemberRow;
    if (target.status !== 'active') throw new AppError('member_not_found');
    await this.deps.members.apply(ctx, target, changeFor(view.row.field as EmployerField, view.proposed));
    const decided = { status: 'approved', decided_by: ctx.me.id, decided_at: this.deps.clock.now() };
    if (!(await this.deps.repo.decideCorrection(ctx.org.id, id, decided))) throw new AppError('already_decided');
    await this.deps.access.audit(ctx, { action: 'correction.approved', targetMemberId: target.id, targetId: id, detail: { field: view.row.field as EmployerField } });
    return { ...view, row: { ...view.row, ...decided } };
  }

  async reject(ctx: OrgContext, id: string, reason: string): Promise<CorrectionView> {
    this.deps.access.authorize(ctx, 'correction.decide');
    const view = await this.pending(ctx, id);
    const target = (await this.deps.repo.member(ctx.org.id, view.row.member_id)) as MemberRow;
    const decided = {
      status: 'rejected',
      decided_by: ctx.me.id,
      decided_at: this.deps.clock.now(),
      decision_reason_enc: await this.deps.envelope.seal(target.key_id, reason, `correction_request.decision_reason_enc:${id}`),
    };
    if (!(await this.deps.repo.decideCorrection(ctx.org.id, id, decided))) throw new AppError('already_decided');
    await this.deps.access.audit(ctx, { action: 'correction.rejected', targetMemberId: target.id, targetId: id, detail: { field: view.row.field as EmployerField } });
    return { ...view, row: { ...view.row, ...decided }, decisionReason: reason };
  }

  private async pending(ctx: OrgContext, id: string): Promise<CorrectionView> {
    const row = await this.deps.repo.correction(ctx.org.id, id);
    if (!row) throw new AppError('correction_not_found');
    if (row.status !== 'pending') throw new AppError('already_decided');
    return this.open(ctx, row);
  }

  private async validate(ctx: OrgContext, field: EmployerField, value: string): Promise<void> {
    // the same limits as an admin's own edit of the field
    const shape = memberChangesBody.safeParse({ [field]: value });
    if (!shape.success) {
      throw new AppError('invalid_request', { issues: shape.error.issues.map((issue) => ({ path: 'body.proposedValue', message: issue.message })) }, `The request is not valid: ${shape.error.issues[0]?.message ?? 'the proposed value does not fit the field'}`);
    }
    if (field === 'workEmail') await this.deps.rules.workContact(value, null);
    if (field === 'workPhone') await this.deps.rules.workContact(null, value);
    if (field === 'departmentId') await this.deps.rules.department(ctx.org.id, value);
    if (field === 'supervisorId') await this.deps.rules.supervisor(ctx.org.id, ctx.me.id, value);
    if (field === 'workStatus' && !(workStatuses as readonly string[]).includes(value)) {
      throw new AppError('invalid_request', {}, `The request is not valid: work status must be one of ${workStatuses.join(', ')}`);
    }
  }

  private async open(ctx: OrgContext, row: CorrectionRow): Promise<CorrectionView> {
    const member = row.member_id === ctx.me.id ? ctx.me : await this.deps.repo.member(ctx.org.id, row.member_id);
    const open = async (value: Buffer | null, column: string) => {
      if (!value || !member) return null;
      try {
        return await this.deps.envelope.openText(value, `correction_request.${column}:${row.id}`);
      } catch {
        return null; // the member's key was destroyed: the request's text is erased
      }
    };
    return {
      row,
      proposed: (await open(row.proposed_enc, 'proposed_enc')) ?? '',
      note: await open(row.note_enc, 'note_enc'),
      decisionReason: await open(row.decision_reason_enc, 'decision_reason_enc'),
    };
  }
}

function changeFor(field: EmployerField, value: string): MemberChanges {
  if (field === 'workStatus') return { workStatus: value as WorkStatus };
  return { [field]: value } as MemberChanges;
}
