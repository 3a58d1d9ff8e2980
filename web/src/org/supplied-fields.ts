import { employerFields, type WorkStatus } from '../../../common/org.ts';
import type { InviteeInvitation } from '../api/invitations';

export interface SuppliedEntry {
  field: string;
  value: string | null;
  /** set when the value is a work status, which pages show in words */
  workStatus?: WorkStatus;
}

const order = (field: string) => {
  const index = (employerFields as readonly string[]).indexOf(field);
  return index === -1 ? employerFields.length : index;
};

/**
 * Exactly the fields the employer supplied, in the record's usual order, each with its value.
 * Fields the employer left out are not listed at all: the point is to show what was handed over.
 */
export function suppliedEntries(invitation: Pick<InviteeInvitation, 'suppliedFields' | 'supplied'>): SuppliedEntry[] {
  const { supplied } = invitation;
  return [...new Set(invitation.suppliedFields)]
    .sort((a, b) => order(a) - order(b))
    .map((field): SuppliedEntry => {
      switch (field) {
        case 'name':
        case 'workEmail':
        case 'workPhone':
        case 'workLocation':
        case 'position':
          return { field, value: supplied[field] };
        case 'departmentId':
          return { field, value: supplied.department };
        case 'supervisorId':
          return { field, value: supplied.supervisor };
        case 'workStatus':
          return { field, value: supplied.workStatus, workStatus: supplied.workStatus };
        default:
          return { field, value: null };
      }
    });
}
