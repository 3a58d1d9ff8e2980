import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../database.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Envelope } from '../../platform/crypto/envelope.ts';
import type { ContactVisibility } from '../../../common/org.ts';
import type { AccountRow } from '../identity/identity.repo.ts';
import type { OrgAccess, OrgContext } from './org-access.ts';
import type { MemberRow, OrganisationRow, OrgRepo } from './org.repo.ts';
import { sealDetails } from './member-details.ts';
import { selfSuppliedMember } from './self-supplied-member.ts';
import { REGION_CODE } from './audit-detail.ts';

/** Registering an organisation and changing its settings. */
export class OrganisationService {
  constructor(
    private readonly deps: { db: Kysely<Database>; repo: OrgRepo; access: OrgAccess; envelope: Envelope; clock: Clock },
  ) {}

  /** The registering person becomes the owner: an active member whose record they supplied themself. */
  async create(
    account: AccountRow,
    owner: { name: string; email: string | null; phone: string | null },
    input: { name: string; region: string },
  ): Promise<{ org: OrganisationRow; me: MemberRow }> {
    const now = this.deps.clock.now();
    const org: OrganisationRow = { id: randomUUID(), name: input.name, region: input.region, contact_visibility: 'masked', kind: 'company', created_at: now, updated_at: now };
    const memberId = randomUUID();
    const me = await this.deps.db.transaction().execute(async (trx) => {
      await this.deps.repo.insertOrganisation(org, trx);
      const keyId = await this.deps.envelope.createKey('member', memberId);
      // The owner's work contact is the address they signed in with; they can change it later.
      const sealed = await sealDetails(this.deps.envelope, keyId, memberId, { name: owner.name, workEmail: owner.email, workPhone: owner.phone });
      const row = selfSuppliedMember(
        {
          id: memberId,
          org_id: org.id,
          account_id: account.id,
          key_id: keyId,
          role: 'owner',
          name_enc: sealed.name_enc as Buffer,
          work_email_enc: sealed.work_email_enc ?? null,
          work_email_index: account.email_index,
          work_phone_enc: sealed.work_phone_enc ?? null,
          work_phone_index: account.phone_index,
        },
        now,
      );
      await this.deps.repo.insertMember(row, trx);
      await this.deps.access.audit({ account, org, me: row }, { action: 'org.created', detail: REGION_CODE.test(input.region) ? { region: input.region } : {} }, trx);
      return row;
    });
    return { org, me };
  }

  mine(account: AccountRow) {
    return this.deps.repo.organisationsOf(account.id);
  }

  async changeSettings(ctx: OrgContext, changes: { name?: string | undefined; contactVisibility?: ContactVisibility | undefined }): Promise<OrganisationRow> {
    this.deps.access.authorize(ctx, 'settings.change');
    const update: Partial<OrganisationRow> = { updated_at: this.deps.clock.now() };
    const fields: Array<'name' | 'contactVisibility'> = [];
    if (changes.name !== undefined && changes.name !== ctx.org.name) {
      update.name = changes.name;
      fields.push('name');
    }
    if (changes.contactVisibility !== undefined && changes.contactVisibility !== ctx.org.contact_visibility) {
      update.contact_visibility = changes.contactVisibility;
      fields.push('contactVisibility');
    }
    if (fields.length === 0) return ctx.org;
    await this.deps.repo.updateOrganisation(ctx.org.id, update);
    await this.deps.access.audit(ctx, { action: 'settings.changed', detail: { fields, ...(update.contact_visibility ? { contactVisibility: update.contact_visibility as ContactVisibility } : {}) } });
    return { ...ctx.org, ...update };
  }
}
