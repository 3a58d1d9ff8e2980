import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../../database.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Envelope } from '../../platform/crypto/envelope.ts';
import type { Notifier } from '../../platform/notify/notifier.ts';
import { AppError } from '../../errors.ts';
import { attestationTexts, type AttestationVersion, type EmployerField, type Role, type WorkStatus } from '../../../common/org.ts';
import type { AccountRow } from '../identity/identity.repo.ts';
import type { OrgAccess, OrgContext } from './org-access.ts';
import type { AttestationRow, MemberRow, OrganisationRow, OrgRepo } from './org.repo.ts';
import type { MemberRules, WorkContact } from './member-rules.ts';
import { openDetails, sealDetails, type MemberDetails } from './member-details.ts';
import { invitationMessage } from './invitation.messages.ts';
import { refuseAddressClash } from './address-clash.ts';
import type { MemberChanges } from './members.service.ts';
import { failureKind } from '../../platform/failure-kind.ts';

/** An invitation carries the same fields an admin can later change, and a name is required. */
export interface InvitationInput extends Omit<MemberChanges, 'name'> {
  name: string;
}

/** An invitation already checked against the directory's rules. */
export interface CheckedInvitation {
  /** set in advance when other rows must refer to this one before it is written (bulk import) */
  id?: string;
  details: MemberDetails;
  contact: WorkContact;
  departmentId: string | null;
  supervisorId: string | null;
  workStatus: WorkStatus;
  role: Exclude<Role, 'owner'>;
  suppliedFields: EmployerField[];
}

export interface InvitationForInvitee {
  member: MemberRow;
  org: OrganisationRow;
  details: MemberDetails;
  suppliedBy: string | null;
  attestation: AttestationRow | null;
}

/**
 * Invitations to a corporate account (P0.2): the admin supplies the fields and attests that the
 * employer informed the person and obtained consent; the invitee, signed in with the invited
 * address, sees exactly what was supplied, by whom and when, and accepts or declines.
 */
export class InvitationService {
  constructor(
    private readonly deps: {
      db: Kysely<Database>;
      repo: OrgRepo;
      access: OrgAccess;
      rules: MemberRules;
      envelope: Envelope;
      notifier: Notifier;
      clock: Clock;
      logger: Logger;
      publicUrl: string;
    },
  ) {}

  async invite(ctx: OrgContext, input: InvitationInput, attestationVersion: string | undefined): Promise<MemberRow> {
    this.deps.access.authorize(ctx, 'member.invite');
    if (input.role === 'admin') this.deps.access.authorize(ctx, 'member.grantAdmin');
    if (!attestationVersion || !(attestationVersion in attestationTexts)) throw new AppError('attestation_required');
    const checked = await this.check(input);
    await this.deps.rules.department(ctx.org.id, checked.departmentId);
    await this.deps.rules.supervisor(ctx.org.id, null, checked.supervisorId);
    const existing = await this.deps.repo.liveMemberWithAddress(ctx.org.id, checked.contact.lookup);
    if (existing) await refuseAddressClash(this.deps.access, ctx, existing, checked.contact, 'member.invite');
    // written in the invitation's own transaction, so a refused one leaves no attestation behind,
    // also when the same address was invited at the same moment and the unique index refused it
    const attestation = this.attestation(ctx, attestationVersion);
    const member = await this.create(ctx, checked, attestation.id, attestation);
    await this.sendInvitation(ctx, checked);
    return member;
  }

  /** Records the admin's attestation (who, when, which wording); refuses an unknown or missing one. */
  async attest(ctx: OrgContext, version: string | undefined): Promise<AttestationRow> {
    const row = this.attestation(ctx, version);
    await this.deps.repo.insertAttestation(row);
    return row;
  }

  private attestation(ctx: OrgContext, version: string | undefined): AttestationRow {
    if (!version || !(version in attestationTexts)) throw new AppError('attestation_required');
    return { id: randomUUID(), org_id: ctx.org.id, attested_by: ctx.account.id, text_version: version, attested_at: this.deps.clock.now() };
  }

  /** Shape checks that need no database: names, addresses, which fields were supplied. */
  async check(input: InvitationInput): Promise<CheckedInvitation> {
    const contact = await this.deps.rules.workContact(input.workEmail, input.workPhone);
    if (!contact.email && !contact.phone) throw new AppError('contact_required');
    const details: MemberDetails = {
      erased: false,
      name: input.name.trim(),
      workEmail: contact.email,
      workPhone: contact.phone,
      workLocation: input.workLocation?.trim() || null,
      position: input.position?.trim() || null,
    };
    const suppliedFields: EmployerField[] = [
      'name',
      ...(contact.email ? (['workEmail'] as const) : []),
      ...(contact.phone ? (['workPhone'] as const) : []),
      ...(details.workLocation ? (['workLocation'] as const) : []),
      ...(details.position ? (['position'] as const) : []),
      ...(input.departmentId ? (['departmentId'] as const) : []),
      ...(input.supervisorId ? (['supervisorId'] as const) : []),
      ...(input.workStatus ? (['workStatus'] as const) : []),
    ];
    return {
      details,
      contact,
      departmentId: input.departmentId ?? null,
      supervisorId: input.supervisorId ?? null,
      workStatus: input.workStatus ?? 'working',
      role: input.role ?? 'member',
      suppliedFields,
    };
  }

  /** Writes one invitation; a live record with the same work address makes it a conflict, not a duplicate. */
  async create(ctx: OrgContext, checked: CheckedInvitation, attestationId: string, newAttestation?: AttestationRow): Promise<MemberRow> {
    const existing = await this.deps.repo.liveMemberWithAddress(ctx.org.id, checked.contact.lookup);
    if (existing) await refuseAddressClash(this.deps.access, ctx, existing, checked.contact, 'member.invite');
    const [row] = await this.createBatch(ctx, [checked], attestationId, newAttestation);
    return row as MemberRow;
  }

  /**
   * Writes several checked invitations in one transaction (bulk import: one commit per batch, not
   * per row), with the attestation they rest on when it is new.
   */
  async createBatch(ctx: OrgContext, batch: CheckedInvitation[], attestationId: string, newAttestation?: AttestationRow): Promise<MemberRow[]> {
    const now = this.deps.clock.now();
    try {
      return await this.deps.db.transaction().execute(async (trx) => {
        if (newAttestation) await this.deps.repo.insertAttestation(newAttestation, trx);
        const rows: MemberRow[] = [];
        for (const checked of batch) {
          const id = checked.id ?? randomUUID();
          const keyId = await this.deps.envelope.createKey('member', id);
          const sealed = await sealDetails(this.deps.envelope, keyId, id, checked.details);
          const row: MemberRow = {
            id,
            org_id: ctx.org.id,
            account_id: null,
            key_id: keyId,
            role: checked.role,
            status: 'invited',
            name_enc: sealed.name_enc as Buffer,
            work_email_enc: sealed.work_email_enc ?? null,
            work_email_index: checked.contact.emailIndex,
            work_phone_enc: sealed.work_phone_enc ?? null,
            work_phone_index: checked.contact.phoneIndex,
            work_location_enc: sealed.work_location_enc ?? null,
            position_enc: sealed.position_enc ?? null,
            department_id: checked.departmentId,
            supervisor_id: checked.supervisorId,
            work_status: checked.workStatus,
            supplied_fields: JSON.stringify(checked.suppliedFields),
            supplied_at: now,
            supplied_by: ctx.account.id,
            attestation_id: attestationId,
            invited_at: now,
            responded_at: null,
            removed_at: null,
            created_at: now,
            updated_at: now,
          };
          await this.deps.repo.insertMember(row, trx);
          await this.deps.access.audit(ctx, { action: 'member.invited', targetMemberId: id, detail: { fields: checked.suppliedFields, role: checked.role } }, trx);
          rows.push(row);
        }
        return rows;
      });
    } catch (error) {
      // the partial unique index caught a concurrent invitation of the same address
      if (/unique/i.test(String((error as Error).message))) throw new AppError('already_invited');
      throw error;
    }
  }

  async sendInvitation(ctx: OrgContext, checked: CheckedInvitation): Promise<void> {
    const channel = checked.contact.email ? 'email' : 'sms';
    const to = (checked.contact.email ?? checked.contact.phone) as string;
    try {
      await this.deps.notifier.send(invitationMessage({ channel, to, orgName: ctx.org.name, url: `${this.deps.publicUrl}/invitations` }));
    } catch (error) {
      // The invitation stands; the invitee also finds it on signing in with that address.
      this.deps.logger.warn({ channel, failure: failureKind(error) }, 'invitation message not delivered');
    }
  }

  async pending(ctx: OrgContext): Promise<Array<{ row: MemberRow; details: MemberDetails }>> {
    this.deps.access.authorize(ctx, 'member.invite');
    const rows = await this.deps.repo.membersByStatus(ctx.org.id, ['invited', 'declined']);
    await this.deps.envelope.warm(rows.map((row) => row.key_id));
    return Promise.all(rows.map(async (row) => ({ row, details: await openDetails(this.deps.envelope, row) })));
  }

  async revoke(ctx: OrgContext, memberId: string): Promise<void> {
    this.deps.access.authorize(ctx, 'member.invite');
    const now = this.deps.clock.now();
    if (!(await this.deps.repo.transitionMember(ctx.org.id, memberId, 'invited', { status: 'revoked', removed_at: now, updated_at: now }))) {
      throw new AppError('invitation_not_found');
    }
    await this.deps.access.audit(ctx, { action: 'invitation.revoked', targetMemberId: memberId });
  }

  /** Open invitations addressed to this person's own verified email or phone. */
  async forInvitee(account: AccountRow): Promise<InvitationForInvitee[]> {
    const rows = await this.deps.repo.invitationsFor(await this.deps.rules.accountIndexes(account));
    const invitations: InvitationForInvitee[] = [];
    for (const member of rows) {
      const org = await this.deps.repo.organisation(member.org_id);
      if (!org) continue;
      const supplier = member.supplied_by ? await this.deps.repo.activeMembership(org.id, member.supplied_by) : undefined;
      invitations.push({
        member,
        org,
        details: await openDetails(this.deps.envelope, member),
        suppliedBy: supplier ? (await openDetails(this.deps.envelope, supplier)).name : null,
        attestation: member.attestation_id ? ((await this.deps.repo.attestation(member.attestation_id)) ?? null) : null,
      });
    }
    return invitations;
  }

  async respond(account: AccountRow, memberId: string, answer: 'accept' | 'decline'): Promise<MemberRow> {
    const invitation = (await this.deps.repo.invitationsFor(await this.deps.rules.accountIndexes(account))).find((row) => row.id === memberId);
    if (!invitation) throw new AppError('invitation_not_found');
    const now = this.deps.clock.now();
    if (answer === 'accept' && (await this.deps.repo.activeMembership(invitation.org_id, account.id))) throw new AppError('already_member');
    const changes =
      answer === 'accept'
        ? { status: 'active', account_id: account.id, responded_at: now, updated_at: now }
        : { status: 'declined', responded_at: now, removed_at: now, updated_at: now };
    if (!(await this.deps.repo.transitionMember(invitation.org_id, memberId, 'invited', changes))) throw new AppError('invitation_not_found');
    const org = (await this.deps.repo.organisation(invitation.org_id)) as OrganisationRow;
    const member = { ...invitation, ...changes };
    await this.deps.access.audit({ account, org, me: member }, { action: answer === 'accept' ? 'invitation.accepted' : 'invitation.declined', targetMemberId: memberId });
    return member;
  }
}
