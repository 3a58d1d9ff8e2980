import { timeOrderedId } from '../../platform/time-ordered-id.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../../database.ts';
import type { Clock } from '../../platform/clock.ts';
import { AppError } from '../../errors.ts';
import type { AccountRow } from '../identity/identity.repo.ts';
import { allow, type OrgAction } from './org.policy.ts';
import type { MemberRow, OrganisationRow, OrgRepo } from './org.repo.ts';
import { storedAudit, type AuditEntry } from './audit-detail.ts';

/** Who is acting, in which organisation, as which member. */
export interface OrgContext {
  account: AccountRow;
  org: OrganisationRow;
  me: MemberRow;
}

export type { AuditEntry } from './audit-detail.ts';

/**
 * The gate of every organisation route: the caller must be an active member. A removed member
 * loses access with their next request, whatever sessions they hold; an organisation one is not
 * a member of answers exactly like one that does not exist.
 */
export class OrgAccess {
  constructor(
    private readonly repo: OrgRepo,
    private readonly clock: Clock,
  ) {}

  async enter(account: AccountRow, orgId: string): Promise<OrgContext> {
    const ctx = await this.enterChats(account, orgId);
    // the contacts space (decision 0012) is no organisation: no directory, settings or audit of it
    if (ctx.org.kind !== 'company') throw new AppError('org_not_found');
    return ctx;
  }

  /** The gate of the chat and attachment routes, which also serve chats between contacts (decision 0012). */
  async enterChats(account: AccountRow, orgId: string): Promise<OrgContext> {
    const me = await this.repo.activeMembership(orgId, account.id);
    const org = me ? await this.repo.organisation(orgId) : undefined;
    if (!me || !org) throw new AppError('org_not_found');
    return { account, org, me };
  }

  authorize(ctx: OrgContext, action: OrgAction, target?: { role: string }): void {
    if (!allow(ctx.me, action, target)) throw new AppError('forbidden');
  }

  async audit(ctx: OrgContext, entry: AuditEntry, executor?: Kysely<Database>): Promise<void> {
    const { detail, targetId } = storedAudit(entry);
    await this.repo.insertAudit(
      {
        id: timeOrderedId(this.clock.now()),
        org_id: ctx.org.id,
        actor_member_id: ctx.me.id,
        action: entry.action,
        target_member_id: entry.targetMemberId ?? null,
        target_id: targetId,
        detail,
        occurred_at: this.clock.now(),
      },
      executor,
    );
  }
}
