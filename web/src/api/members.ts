import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Role, WorkStatus } from '../../../common/org.ts';
import { api } from './client';
import { queryKeys } from './query-keys';

/** A colleague as the directory shows them: work email and phone arrive masked. */
export interface Member {
  id: string;
  name: string;
  role: Role;
  position: string | null;
  workLocation: string | null;
  departmentId: string | null;
  supervisorId: string | null;
  workStatus: WorkStatus;
  workEmailMasked: string | null;
  workPhoneMasked: string | null;
  avatarUrl: string | null;
}

export interface MemberChanges {
  name?: string;
  workEmail?: string | null;
  workPhone?: string | null;
  workLocation?: string | null;
  position?: string | null;
  departmentId?: string | null;
  supervisorId?: string | null;
  workStatus?: WorkStatus;
  role?: 'admin' | 'member';
}

export interface FullContact {
  workEmail: string | null;
  workPhone: string | null;
}

const membersPath = (orgId: string) => `/api/orgs/${encodeURIComponent(orgId)}/members`;
const memberPath = (orgId: string, memberId: string) => `${membersPath(orgId)}/${encodeURIComponent(memberId)}`;

/** Without q and departmentId: everyone, which pages also use to turn ids into names. `enabled` false: not asked (a space without a directory). */
export function useMembers(orgId: string, filter: { q?: string; departmentId?: string } = {}, enabled = true) {
  const q = filter.q ?? '';
  const departmentId = filter.departmentId ?? '';
  return useQuery({
    enabled,
    queryKey: queryKeys.members(orgId, q, departmentId),
    queryFn: ({ signal }) =>
      api.get<{ members: Member[] }>(membersPath(orgId), { q: q || undefined, departmentId: departmentId || undefined }, signal),
    select: (answer) => answer.members,
    // the old list stays on screen while a search runs, instead of a spinner per keystroke
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

export function useMember(orgId: string, memberId: string | null) {
  return useQuery({
    queryKey: queryKeys.member(orgId, memberId ?? ''),
    queryFn: () => api.get<{ member: Member }>(memberPath(orgId, memberId ?? '')),
    select: (answer) => answer.member,
    enabled: Boolean(memberId),
  });
}

/** The full values; the server records every look at someone else's in the audit log. */
export function revealContact(orgId: string, memberId: string) {
  return api.get<FullContact>(`${memberPath(orgId, memberId)}/contact`);
}

export function updateMember(orgId: string, memberId: string, changes: MemberChanges) {
  return api.patch<{ member: Member }>(memberPath(orgId, memberId), changes).then((answer) => answer.member);
}

export function removeMember(orgId: string, memberId: string) {
  return api.delete<void>(memberPath(orgId, memberId));
}
