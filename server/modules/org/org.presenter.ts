import { maskEmail, maskPhone } from '../../../common/masking.ts';
import { attestationTexts, employerFields, type AttestationVersion, type ContactVisibility, type Role, type WorkStatus } from '../../../common/org.ts';
import type { AuditView } from './audit-log.service.ts';
import type { CorrectionView } from './corrections.service.ts';
import type { InvitationForInvitee } from './invitations.service.ts';
import type { MemberDetails } from './member-details.ts';
import type { DepartmentRow, ImportRow, MemberRow, OrganisationRow } from './org.repo.ts';
import type { EmployerField } from '../../../common/org.ts';

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

export function presentOrganisation(org: OrganisationRow, me: { id: string; role: string }) {
  return {
    id: org.id,
    name: org.name,
    region: org.region,
    contactVisibility: org.contact_visibility as ContactVisibility,
    createdAt: iso(org.created_at),
    myRole: me.role as Role,
    myMemberId: me.id,
  };
}

/** A colleague as the directory shows them: contact data masked (P7.2); full values only through the audited reveal. */
export function presentMember(orgId: string, row: MemberRow, details: MemberDetails, avatarVersions: Map<string, number>) {
  const avatarVersion = row.account_id ? avatarVersions.get(row.account_id) : undefined;
  return {
    id: row.id,
    name: details.name,
    role: row.role as Role,
    position: details.position,
    workLocation: details.workLocation,
    departmentId: row.department_id,
    supervisorId: row.supervisor_id,
    workStatus: row.work_status as WorkStatus,
    workEmailMasked: details.workEmail ? maskEmail(details.workEmail) : null,
    workPhoneMasked: details.workPhone ? maskPhone(details.workPhone) : null,
    avatarUrl: avatarVersion !== undefined ? `/api/orgs/${orgId}/members/${row.id}/avatar?v=${avatarVersion}` : null,
  };
}

export function presentPendingInvitation(row: MemberRow, details: MemberDetails) {
  return {
    id: row.id,
    status: row.status as 'invited' | 'declined',
    name: details.name,
    role: row.role as Role,
    workEmailMasked: details.workEmail ? maskEmail(details.workEmail) : null,
    workPhoneMasked: details.workPhone ? maskPhone(details.workPhone) : null,
    departmentId: row.department_id,
    invitedAt: isoOrNull(row.invited_at),
    respondedAt: isoOrNull(row.responded_at),
  };
}

/** Exactly what the employer supplied, in full, to the person it is about (P0.2). */
export function presentInviteeInvitation(invitation: InvitationForInvitee, names: { department: string | null; supervisor: string | null }) {
  const { member, org, details, attestation } = invitation;
  return {
    id: member.id,
    organisation: { id: org.id, name: org.name },
    role: member.role as Role,
    suppliedFields: JSON.parse(member.supplied_fields) as string[],
    supplied: {
      name: details.name,
      workEmail: details.workEmail,
      workPhone: details.workPhone,
      workLocation: details.workLocation,
      position: details.position,
      department: names.department,
      supervisor: names.supervisor,
      workStatus: member.work_status as WorkStatus,
    },
    suppliedAt: isoOrNull(member.supplied_at),
    suppliedBy: invitation.suppliedBy,
    attestation: attestation
      ? { version: attestation.text_version, text: attestationTexts[attestation.text_version as AttestationVersion], attestedAt: iso(attestation.attested_at) }
      : null,
  };
}

export function presentDepartment(row: DepartmentRow) {
  return { id: row.id, name: row.name, parentId: row.parent_id, createdAt: iso(row.created_at) };
}

export function presentCorrection(view: CorrectionView) {
  return {
    id: view.row.id,
    memberId: view.row.member_id,
    field: view.row.field as EmployerField,
    proposedValue: view.proposed,
    note: view.note,
    status: view.row.status as 'pending' | 'approved' | 'rejected',
    decisionReason: view.decisionReason,
    createdAt: iso(view.row.created_at),
    decidedAt: isoOrNull(view.row.decided_at),
  };
}

export function presentAuditEvent(view: AuditView) {
  return {
    id: view.row.id,
    action: view.row.action,
    actorName: view.actorName,
    targetName: view.targetName,
    targetId: view.row.target_id,
    detail: view.row.detail ? (JSON.parse(view.row.detail) as Record<string, unknown>) : null,
    occurredAt: iso(view.row.occurred_at),
  };
}

export function presentImport(row: ImportRow) {
  return {
    id: row.id,
    status: row.status as 'running' | 'finished' | 'failed' | 'interrupted',
    total: row.total,
    processed: row.processed,
    invited: row.invited,
    skipped: row.skipped,
    failed: row.failed,
    problems: JSON.parse(row.report) as Array<{ line: number; reason: string }>,
    createdAt: iso(row.created_at),
    finishedAt: isoOrNull(row.finished_at),
  };
}

export const employerManagedFields = [...employerFields];
