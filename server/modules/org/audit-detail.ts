import { z } from 'zod';
import { contactVisibilities, employerFields, roles } from '../../../common/org.ts';

const id = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
const count = z.number().int().min(0);
const memberField = z.enum([...employerFields, 'role']);
/** a region code such as CN or CN-GD; the organisation's own free-text region is not copied here */
export const REGION_CODE = /^[A-Z]{2}(?:-[A-Z0-9]{1,3})?$/;
const none = z.undefined();
const contactField = z.enum(['workEmail', 'workPhone']);
/** the admin write whose collision with a live address confirmed it (decision 0013) */
export const addressClashVia = z.enum(['member.invite', 'member.update', 'member.import']);

/**
 * What each admin action may say in the audit log beyond who did it to whom: a closed set of keys
 * per action, each value a field name, a role, a setting or a count, never a value of a person's
 * (a name, an address, a number, an IP, a device). Validated before anything is written.
 */
export const auditDetails = {
  'audit.exported': z.object({ rows: count }).strict(),
  'correction.approved': z.object({ field: z.enum(employerFields) }).strict(),
  'correction.rejected': z.object({ field: z.enum(employerFields) }).strict(),
  'import.started': z.object({ rows: count }).strict(),
  'import.finished': z.object({ invited: count, skipped: count, failed: count }).strict(),
  'contact.viewed': z.object({ fields: z.array(contactField).min(1) }).strict(),
  'contact.matched': z.object({ fields: z.array(contactField).min(1), via: addressClashVia.optional() }).strict(),
  'contact.guessesRefused': z.object({ field: contactField }).strict(),
  'member.updated': z.object({ fields: z.array(memberField).min(1) }).strict(),
  'member.roleChanged': z.object({ from: z.enum(roles), to: z.enum(roles) }).strict(),
  'member.removed': none,
  'member.invited': z.object({ fields: z.array(memberField), role: z.enum(roles) }).strict(),
  'invitation.revoked': none,
  'invitation.accepted': none,
  'invitation.declined': none,
  'org.created': z.object({ region: z.string().regex(REGION_CODE).optional() }).strict(),
  'settings.changed': z.object({ fields: z.array(z.enum(['name', 'contactVisibility'])).min(1), contactVisibility: z.enum(contactVisibilities).optional() }).strict(),
  'department.created': none,
  'department.renamed': none,
  'department.moved': none,
  'department.deleted': none,
} as const;

export type AuditAction = keyof typeof auditDetails;

/** One entry of the audit log as a service writes it: the detail is the action's own. */
export type AuditEntry = {
  [A in AuditAction]: { action: A; targetMemberId?: string | null; targetId?: string | null } & (z.input<(typeof auditDetails)[A]> extends undefined
    ? { detail?: undefined }
    : { detail: z.input<(typeof auditDetails)[A]> });
}[AuditAction];

/** The entry's detail and target as stored, or a programming error when they are not of the action: never stored unchecked. */
export function storedAudit(entry: AuditEntry): { detail: string | null; targetId: string | null } {
  const schema = auditDetails[entry.action] as z.ZodType | undefined;
  if (!schema) throw Object.assign(new Error('unknown audit action'), { code: 'detail_invalid' });
  const parsed = schema.safeParse(entry.detail);
  const target = entry.targetId == null ? { success: true as const } : id.safeParse(entry.targetId);
  if (!parsed.success || !target.success) throw Object.assign(new Error(`audit detail not of its action ${entry.action}`), { code: 'detail_invalid' });
  return { detail: parsed.data === undefined ? null : JSON.stringify(parsed.data), targetId: entry.targetId ?? null };
}
