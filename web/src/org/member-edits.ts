import type { WorkStatus } from '../../../common/org.ts';
import type { Member, MemberChanges } from '../api/members';

/** The edit drawer's fields. Work email and phone start empty: an empty field keeps the current value. */
export interface MemberFields {
  name: string;
  position?: string;
  departmentId?: string | null;
  supervisorId?: string | null;
  workStatus: WorkStatus;
  workLocation?: string;
  workEmail?: string;
  workPhone?: string;
  role?: 'admin' | 'member';
}

export function fieldsOf(member: Member): MemberFields {
  return {
    name: member.name,
    position: member.position ?? '',
    departmentId: member.departmentId,
    supervisorId: member.supervisorId,
    workStatus: member.workStatus,
    workLocation: member.workLocation ?? '',
    workEmail: '',
    workPhone: '',
    role: member.role === 'owner' ? undefined : member.role,
  };
}

const text = (value: string | undefined) => value?.trim() || null;

/**
 * Only what actually changed goes to the server: every field sent is recorded as supplied by the
 * employer and audited, so an untouched field must not be sent back as if it were edited.
 */
export function changesBetween(member: Member, fields: MemberFields, mayChangeRole: boolean): MemberChanges {
  const changes: MemberChanges = {};
  if (fields.name.trim() !== member.name) changes.name = fields.name.trim();
  if (text(fields.position) !== member.position) changes.position = text(fields.position);
  if ((fields.departmentId ?? null) !== member.departmentId) changes.departmentId = fields.departmentId ?? null;
  if ((fields.supervisorId ?? null) !== member.supervisorId) changes.supervisorId = fields.supervisorId ?? null;
  if (fields.workStatus !== member.workStatus) changes.workStatus = fields.workStatus;
  if (text(fields.workLocation) !== member.workLocation) changes.workLocation = text(fields.workLocation);
  if (text(fields.workEmail)) changes.workEmail = text(fields.workEmail);
  if (text(fields.workPhone)) changes.workPhone = text(fields.workPhone);
  if (mayChangeRole && fields.role && member.role !== 'owner' && fields.role !== member.role) changes.role = fields.role;
  return changes;
}
