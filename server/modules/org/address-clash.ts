import type { z } from 'zod';
import { AppError } from '../../errors.ts';
import type { OrgAccess, OrgContext } from './org-access.ts';
import type { WorkContact } from './member-rules.ts';
import type { addressClashVia } from './audit-detail.ts';

export interface LiveAddressHolder {
  id: string;
  status: string;
  work_email_index: string | null;
  work_phone_index: string | null;
}

/**
 * Refuses a write whose work address another live record holds. The refusal confirms that
 * record's full address to the admin who typed it, so it is audited like a reveal (P7.2): only
 * admins reach these writes, and they may reveal, but not unseen (decision 0013).
 */
export async function refuseAddressClash(access: OrgAccess, ctx: OrgContext, holder: LiveAddressHolder, contact: WorkContact, via: z.infer<typeof addressClashVia>): Promise<never> {
  const fields: Array<'workEmail' | 'workPhone'> = [
    ...(holder.work_email_index && contact.lookup.email.includes(holder.work_email_index) ? (['workEmail'] as const) : []),
    ...(holder.work_phone_index && contact.lookup.phone.includes(holder.work_phone_index) ? (['workPhone'] as const) : []),
  ];
  await access.audit(ctx, { action: 'contact.matched', targetMemberId: holder.id, detail: { fields, via } });
  throw new AppError(holder.status === 'active' ? 'already_member' : 'already_invited');
}
