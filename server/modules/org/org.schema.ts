import { z } from 'zod';
import { isoTime, localisedText } from '../../../common/api-schemas.ts';
import { contactVisibilities, employerFields, roles, workStatuses } from '../../../common/org.ts';

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
const id = z.string().uuid();

export const orgParams = z.object({ orgId: id }).strict();
export const memberParams = z.object({ orgId: id, memberId: id }).strict();
export const departmentParams = z.object({ orgId: id, departmentId: id }).strict();
export const correctionParams = z.object({ orgId: id, correctionId: id }).strict();
export const importParams = z.object({ orgId: id, importId: id }).strict();
export const invitationParams = z.object({ memberId: id }).strict();

export const createOrgBody = z.object({ name: text(100), region: text(50).describe('Where the deployment keeps this organisation’s data, e.g. CN') }).strict();
export const orgSettingsBody = z.object({ name: text(100).optional(), contactVisibility: z.enum(contactVisibilities).optional() }).strict();

export const organisationResponse = z.object({
  id: z.string(),
  name: z.string(),
  region: z.string(),
  contactVisibility: z.enum(contactVisibilities),
  createdAt: isoTime,
  myRole: z.enum(roles),
  myMemberId: z.string(),
});

export const memberResponse = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(roles),
  position: z.string().nullable(),
  workLocation: z.string().nullable(),
  departmentId: z.string().nullable(),
  supervisorId: z.string().nullable(),
  workStatus: z.enum(workStatuses),
  workEmailMasked: z.string().nullable(),
  workPhoneMasked: z.string().nullable(),
  avatarUrl: z.string().nullable(),
});

/** The fields of a member record an employer supplies, as an admin edits them or invites with them. */
const employerSuppliedFields = {
  workEmail: optionalText(254),
  workPhone: optionalText(32),
  workLocation: optionalText(200),
  position: optionalText(100),
  departmentId: id.nullable().optional(),
  supervisorId: id.nullable().optional(),
  workStatus: z.enum(workStatuses).optional(),
  role: z.enum(['admin', 'member']).optional(),
};

export const memberChangesBody = z.object({ name: text(100).optional(), ...employerSuppliedFields }).strict();

export const invitationBody = z
  .object({
    name: text(100),
    ...employerSuppliedFields,
    attestation: z.string().max(20).optional().describe('The version of the attestation text the admin ticked, e.g. v1'),
  })
  .strict();

export const pendingInvitationResponse = z.object({
  id: z.string(),
  status: z.enum(['invited', 'declined']),
  name: z.string(),
  role: z.enum(roles),
  workEmailMasked: z.string().nullable(),
  workPhoneMasked: z.string().nullable(),
  departmentId: z.string().nullable(),
  invitedAt: isoTime.nullable(),
  respondedAt: isoTime.nullable(),
});

export const inviteeInvitationResponse = z.object({
  id: z.string(),
  organisation: z.object({ id: z.string(), name: z.string() }),
  role: z.enum(roles),
  suppliedFields: z.array(z.string()),
  supplied: z.object({
    name: z.string(),
    workEmail: z.string().nullable(),
    workPhone: z.string().nullable(),
    workLocation: z.string().nullable(),
    position: z.string().nullable(),
    department: z.string().nullable(),
    supervisor: z.string().nullable(),
    workStatus: z.enum(workStatuses),
  }),
  suppliedAt: isoTime.nullable(),
  suppliedBy: z.string().nullable(),
  attestation: z.object({ version: z.string(), text: localisedText, attestedAt: isoTime }).nullable(),
});

export const myMembershipResponse = z.object({
  member: memberResponse,
  workEmail: z.string().nullable(),
  workPhone: z.string().nullable(),
  department: z.object({ id: z.string(), name: z.string() }).nullable(),
  supervisor: z.object({ id: z.string(), name: z.string() }).nullable(),
  employerManagedFields: z.array(z.enum(employerFields)),
  suppliedFields: z.array(z.string()),
  suppliedAt: isoTime.nullable(),
  account: z.object({ name: z.string(), email: z.string().nullable(), phone: z.string().nullable(), avatarUrl: z.string().nullable() }),
});

export const departmentBody = z.object({ name: text(100), parentId: id.nullable().optional() }).strict();
export const departmentChangesBody = z.object({ name: text(100).optional(), parentId: id.nullable().optional() }).strict();
export const departmentResponse = z.object({ id: z.string(), name: z.string(), parentId: z.string().nullable(), createdAt: isoTime });

export const correctionBody = z
  .object({ field: z.enum(employerFields), proposedValue: text(254), note: z.string().trim().max(500).optional() })
  .strict();
export const rejectionBody = z.object({ reason: text(500) }).strict();
export const correctionResponse = z.object({
  id: z.string(),
  memberId: z.string(),
  field: z.enum(employerFields),
  proposedValue: z.string(),
  note: z.string().nullable(),
  status: z.enum(['pending', 'approved', 'rejected']),
  decisionReason: z.string().nullable(),
  createdAt: isoTime,
  decidedAt: isoTime.nullable(),
});

export const auditEventResponse = z.object({
  id: z.string(),
  action: z.string(),
  actorName: z.string().nullable(),
  targetName: z.string().nullable(),
  targetId: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()).nullable(),
  occurredAt: isoTime,
});

export const importResponse = z.object({
  id: z.string(),
  status: z.enum(['running', 'finished', 'failed', 'interrupted']),
  total: z.number(),
  processed: z.number(),
  invited: z.number(),
  skipped: z.number(),
  failed: z.number(),
  problems: z.array(z.object({ line: z.number(), reason: z.string() })),
  createdAt: isoTime,
  finishedAt: isoTime.nullable(),
});
