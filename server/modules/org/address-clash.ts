import { AppError } from '../../errors.ts';
import type { OrgAccess, OrgContext } from './org-access.ts';
import type { WorkContact } from './member-rules.ts';

export interface LiveAddressHolder {
  id: string;
  status: string;
  work_email_index: string | null;
  work_phone_index: string | null;
}

/**
 * Refuses a write whose work address another live record holds. The refusal confirms that
 * record's full address to the admin who typed it, so it is audited like a reveal (P7.2): only
 * admins reach these writes, and they may reveal, but not unseen (decision 0014).
 */
export async function refuseAddressClash(access: OrgAccess, ctx: OrgContext, holder: LiveAddressHolder, contact: WorkContact, via: string): Promise<never> {
  const fields = [
    ...(contact.emailIndex && holder.work_email_index === contact.emailIndex ? ['workEmail'] : []),
    ...(contact.phoneIndex && holder.work_phone_index === contact.phoneIndex ? ['workPhone'] : []),
  ];
  await access.audit(ctx, { action: 'contact.matched', targetMemberId: holder.id, detail: { fields, via } });
  throw new AppError(holder.status === 'active' ? 'already_member' : 'already_invited');
}
