import { useQuery } from '@tanstack/react-query';
import type { Role, WorkStatus } from '../../../common/org.ts';
import type { Localized } from '../i18n/locales';
import { api } from './client';
import type { Organisation } from './organisations';
import { queryKeys } from './query-keys';

/** An invitation as the admin sees it in the list of open and declined ones. */
export interface PendingInvitation {
  id: string;
  status: 'invited' | 'declined';
  name: string;
  role: Role;
  workEmailMasked: string | null;
  workPhoneMasked: string | null;
  departmentId: string | null;
  invitedAt: string | null;
  respondedAt: string | null;
}

export interface InvitationInput {
  name: string;
  workEmail?: string | null;
  workPhone?: string | null;
  workLocation?: string | null;
  position?: string | null;
  departmentId?: string | null;
  supervisorId?: string | null;
  workStatus?: WorkStatus;
  role?: 'admin' | 'member';
}

/** An invitation as the invitee sees it: exactly what the employer supplied, by whom, when, under which attestation. */
export interface InviteeInvitation {
  id: string;
  organisation: { id: string; name: string };
  role: Role;
  /** the member-record field names, e.g. departmentId, whose values are in `supplied` */
  suppliedFields: string[];
  supplied: {
    name: string;
    workEmail: string | null;
    workPhone: string | null;
    workLocation: string | null;
    position: string | null;
    department: string | null;
    supervisor: string | null;
    workStatus: WorkStatus;
  };
  suppliedAt: string | null;
  suppliedBy: string | null;
  attestation: { version: string; text: Localized; attestedAt: string } | null;
}

const invitationsPath = (orgId: string) => `/api/orgs/${encodeURIComponent(orgId)}/invitations`;

export function useOrgInvitations(orgId: string) {
  return useQuery({
    queryKey: queryKeys.orgInvitations(orgId),
    queryFn: () => api.get<{ invitations: PendingInvitation[] }>(invitationsPath(orgId)),
    select: (answer) => answer.invitations,
  });
}

export function invite(orgId: string, input: InvitationInput, attestation: string) {
  return api.post<{ invitation: PendingInvitation }>(invitationsPath(orgId), { ...input, attestation }).then((answer) => answer.invitation);
}

export function withdrawInvitation(orgId: string, memberId: string) {
  return api.delete<void>(`${invitationsPath(orgId)}/${encodeURIComponent(memberId)}`);
}

export function useMyInvitations(enabled = true) {
  return useQuery({
    queryKey: queryKeys.myInvitations,
    queryFn: () => api.get<{ invitations: InviteeInvitation[] }>('/api/invitations'),
    select: (answer) => answer.invitations,
    enabled,
    // an invitation sent while the page is open should show up in the header without a reload
    refetchInterval: enabled ? 60_000 : false,
  });
}

export function acceptInvitation(memberId: string) {
  return api.post<{ organisation: Organisation }>(`/api/invitations/${encodeURIComponent(memberId)}/accept`).then((answer) => answer.organisation);
}

export function declineInvitation(memberId: string) {
  return api.post<void>(`/api/invitations/${encodeURIComponent(memberId)}/decline`);
}
