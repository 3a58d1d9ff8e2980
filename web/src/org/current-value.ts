import type { EmployerField } from '../../../common/org.ts';
import type { Member } from '../api/members';

/**
 * What the directory holds now for a field, in the same form a proposed value takes (ids for
 * department and superior), so the queue can show both side by side. Contacts are masked here.
 */
export function currentValue(member: Member | undefined, field: EmployerField): string | null {
  if (!member) return null;
  switch (field) {
    case 'name':
      return member.name;
    case 'workEmail':
      return member.workEmailMasked;
    case 'workPhone':
      return member.workPhoneMasked;
    case 'workLocation':
      return member.workLocation;
    case 'position':
      return member.position;
    case 'departmentId':
      return member.departmentId;
    case 'supervisorId':
      return member.supervisorId;
    case 'workStatus':
      return member.workStatus;
  }
}
