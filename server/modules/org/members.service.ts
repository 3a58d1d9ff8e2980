import type { Kysely } from 'kysely';
import type { Database } from '../../database.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Envelope } from '../../platform/crypto/envelope.ts';
import { accessEnded, type EventBus } from '../../platform/bus/event-bus.ts';
import { AppError } from '../../errors.ts';
import type { EmployerField, Role, WorkStatus } from '../../../common/org.ts';
import type { OrgAccess, OrgContext } from './org-access.ts';
import type { MemberRow, OrgRepo } from './org.repo.ts';
import type { MemberRules } from './member-rules.ts';
import { mayRevealContact } from './org.policy.ts';
import { refuseAddressClash } from './address-clash.ts';
import { openDetails, sealDetails, type MemberDetails } from './member-details.ts';

export interface MemberChanges {
  name?: string | undefined;
  workEmail?: string | null | undefined;
  workPhone?: string | null | undefined;
  workLocation?: string | null | undefined;
  position?: string | null | undefined;
  departmentId?: string | null | undefined;
  supervisorId?: string | null | undefined;
  workStatus?: WorkStatus | undefined;
  role?: Exclude<Role, 'owner'> | undefined;
}

export interface MemberView {
  row: MemberRow;
  details: MemberDetails;
}

/** The directory: browsing and searching colleagues, one's own record, and admins' edits and removals. */
export class MemberService {
  constructor(
    private readonly deps: { db: Kysely<Database>; repo: OrgRepo; access: OrgAccess; rules: MemberRules; envelope: Envelope; clock: Clock; bus: EventBus },
  ) {}

  async directory(ctx: OrgContext, filter: { q?: string | undefined; departmentId?: string | undefined }): Promise<MemberView[]> {
    this.deps.access.authorize(ctx, 'directory.read');
    let rows = await this.deps.repo.membersByStatus(ctx.org.id, ['active']);
    if (filter.departmentId) rows = rows.filter((row) => row.department_id === filter.departmentId);
    const views = await this.open(rows);
    const needle = filter.q?.normalize('NFKC').toLowerCase().trim();
    if (!needle) return views;
    // names are sealed, so search happens here, after opening: never through a plaintext index
    return views.filter(({ details }) => [details.name, details.position ?? ''].some((text) => text.normalize('NFKC').toLowerCase().includes(needle)));
  }

  async profile(ctx: OrgContext, memberId: string): Promise<MemberView> {
    this.deps.access.authorize(ctx, 'directory.read');
    const row = await this.deps.repo.member(ctx.org.id, memberId);
    if (!row || row.status !== 'active') throw new AppError('member_not_found');
    return { row, details: await openDetails(this.deps.envelope, row) };
  }

  /**
   * The full work email and phone of a colleague (P7.2). Allowed to admins, and to members when
   * the organisation shows full contact data; every view of someone else's is audited.
   */
  async revealContact(ctx: OrgContext, memberId: string): Promise<MemberDetails> {
    const view = await this.profile(ctx, memberId);
    if (memberId === ctx.me.id) return view.details;
    if (!mayRevealContact(ctx.org, ctx.me)) throw new AppError('forbidden');
    await this.deps.access.audit(ctx, { action: 'contact.viewed', targetMemberId: memberId, detail: { fields: ['workEmail', 'workPhone'] } });
    return view.details;
  }

  async update(ctx: OrgContext, memberId: string, changes: MemberChanges): Promise<MemberView> {
    const row = await this.deps.repo.member(ctx.org.id, memberId);
    if (!row || (row.status !== 'active' && row.status !== 'invited')) throw new AppError('member_not_found');
    this.deps.access.authorize(ctx, 'member.update', row);
    if (changes.role !== undefined && changes.role !== row.role) {
      // an organisation always has its owner: ownership moves only by a transfer, never by a demotion
      if (row.role === 'owner') throw new AppError('forbidden', {}, 'The owner’s role cannot be changed.');
      this.deps.access.authorize(ctx, 'member.grantAdmin', row);
    }
    const fields = Object.keys(changes).filter((field) => field !== 'role' && changes[field as keyof MemberChanges] !== undefined) as EmployerField[];
    const updated = await this.apply(ctx, row, changes, fields);
    if (fields.length) await this.deps.access.audit(ctx, { action: 'member.updated', targetMemberId: memberId, detail: { fields } });
    if (changes.role !== undefined && changes.role !== row.role) {
      await this.deps.access.audit(ctx, { action: 'member.roleChanged', targetMemberId: memberId, detail: { from: row.role as Role, to: changes.role } });
    }
    return updated;
  }

  /**
   * Checks and writes changes to a member record; shared by admin edits and approved corrections.
   * Whatever the employer writes becomes part of what it supplied, so the member sees it (P0.2).
   */
  async apply(ctx: OrgContext, row: MemberRow, changes: MemberChanges, suppliedNow: string[] = Object.keys(changes).filter((field) => field !== 'role')): Promise<MemberView> {
    const current = await openDetails(this.deps.envelope, row);
    const details: Partial<MemberDetails> = {};
    if (changes.name !== undefined) details.name = changes.name.trim();
    if (changes.workLocation !== undefined) details.workLocation = changes.workLocation?.trim() || null;
    if (changes.position !== undefined) details.position = changes.position?.trim() || null;
    const update: Partial<MemberRow> = { updated_at: this.deps.clock.now() };

    if (changes.workEmail !== undefined || changes.workPhone !== undefined) {
      const contact = await this.deps.rules.workContact(
        changes.workEmail !== undefined ? changes.workEmail : current.workEmail,
        changes.workPhone !== undefined ? changes.workPhone : current.workPhone,
      );
      if (!contact.email && !contact.phone && row.role !== 'owner') throw new AppError('contact_required');
      const clash = await this.deps.repo.liveMemberWithAddress(ctx.org.id, contact.lookup);
      if (clash && clash.id !== row.id) await refuseAddressClash(this.deps.access, ctx, clash, contact, 'member.update');
      details.workEmail = contact.email;
      details.workPhone = contact.phone;
      update.work_email_index = contact.emailIndex;
      update.work_phone_index = contact.phoneIndex;
    }
    if (changes.departmentId !== undefined) {
      await this.deps.rules.department(ctx.org.id, changes.departmentId);
      update.department_id = changes.departmentId;
    }
    if (changes.supervisorId !== undefined) {
      await this.deps.rules.supervisor(ctx.org.id, row.id, changes.supervisorId);
      update.supervisor_id = changes.supervisorId;
    }
    if (changes.workStatus !== undefined) update.work_status = changes.workStatus;
    if (changes.role !== undefined) update.role = changes.role;
    if (suppliedNow.length) {
      const supplied = new Set([...(JSON.parse(row.supplied_fields) as string[]), ...suppliedNow]);
      Object.assign(update, { supplied_fields: JSON.stringify([...supplied]), supplied_at: update.updated_at, supplied_by: ctx.account.id });
    }
    Object.assign(update, await sealDetails(this.deps.envelope, row.key_id, row.id, details));
    await this.deps.repo.updateMember(ctx.org.id, row.id, update);
    return { row: { ...row, ...update }, details: { ...current, ...details } };
  }

  async remove(ctx: OrgContext, memberId: string): Promise<void> {
    const row = await this.deps.repo.member(ctx.org.id, memberId);
    if (!row || row.status !== 'active') throw new AppError('member_not_found');
    if (row.role === 'owner') throw new AppError('forbidden', {}, 'The owner cannot be removed from the organisation.');
    this.deps.access.authorize(ctx, 'member.remove', row);
    const now = this.deps.clock.now();
    if (!(await this.deps.repo.transitionMember(ctx.org.id, memberId, 'active', { status: 'removed', removed_at: now, updated_at: now }))) {
      throw new AppError('member_not_found');
    }
    // every server forgets the chat members it remembered with them: their open sockets hear no more (P7.2)
    if (row.account_id) await this.deps.bus.publish(accessEnded(row.account_id, null));
    await this.deps.repo.clearSupervisor(ctx.org.id, memberId, now);
    await this.deps.access.audit(ctx, { action: 'member.removed', targetMemberId: memberId });
  }

  /** Names of members of this organisation, whatever their status (a chat shows people who left). */
  async names(orgId: string, memberIds: string[]): Promise<Map<string, { name: string; gone: boolean }>> {
    const rows = await this.deps.repo.membersByIds(orgId, [...new Set(memberIds)]);
    const views = await this.open(rows);
    return new Map(views.map(({ row, details }) => [row.id, { name: details.name, gone: details.erased || row.status !== 'active' }]));
  }

  async open(rows: MemberRow[]): Promise<MemberView[]> {
    await this.deps.envelope.warm(rows.map((row) => row.key_id));
    return Promise.all(rows.map(async (row) => ({ row, details: await openDetails(this.deps.envelope, row) })));
  }
}
