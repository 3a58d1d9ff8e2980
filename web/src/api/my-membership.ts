import { useQuery } from '@tanstack/react-query';
import type { EmployerField } from '../../../common/org.ts';
import { api } from './client';
import type { Member } from './members';
import { queryKeys } from './query-keys';

/** My own record in one organisation (P8.1), with my contact data in full and what the employer manages. */
export interface MyMembership {
  member: Member;
  workEmail: string | null;
  workPhone: string | null;
  department: { id: string; name: string } | null;
  supervisor: { id: string; name: string } | null;
  employerManagedFields: EmployerField[];
  suppliedFields: string[];
  suppliedAt: string | null;
  account: { name: string; email: string | null; phone: string | null; avatarUrl: string | null };
}

export function useMyMembership(orgId: string) {
  return useQuery({
    queryKey: queryKeys.myMembership(orgId),
    queryFn: () => api.get<MyMembership>(`/api/orgs/${encodeURIComponent(orgId)}/me`),
  });
}
