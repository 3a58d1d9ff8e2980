import { useQuery } from '@tanstack/react-query';
import type { ContactVisibility, Role } from '../../../common/org.ts';
import type { Localized } from '../i18n/locales';
import { api } from './client';
import { queryKeys } from './query-keys';

export interface Organisation {
  id: string;
  name: string;
  region: string;
  contactVisibility: ContactVisibility;
  createdAt: string;
  myRole: Role;
  myMemberId: string;
}

export interface AttestationText {
  version: string;
  text: Localized;
}

export function useOrganisations(enabled = true) {
  return useQuery({
    queryKey: queryKeys.organisations,
    queryFn: () => api.get<{ organisations: Organisation[] }>('/api/orgs'),
    select: (answer) => answer.organisations,
    enabled,
    staleTime: 60_000,
  });
}

export function useOrganisation(orgId: string) {
  return useQuery({
    queryKey: queryKeys.organisation(orgId),
    queryFn: () => api.get<{ organisation: Organisation }>(`/api/orgs/${encodeURIComponent(orgId)}`),
    select: (answer) => answer.organisation,
    staleTime: 60_000,
  });
}

export function createOrganisation(input: { name: string; region: string }) {
  return api.post<{ organisation: Organisation }>('/api/orgs', input).then((answer) => answer.organisation);
}

export function changeOrganisationSettings(orgId: string, changes: { name?: string; contactVisibility?: ContactVisibility }) {
  return api.patch<{ organisation: Organisation }>(`/api/orgs/${encodeURIComponent(orgId)}`, changes).then((answer) => answer.organisation);
}

/** The wording an admin ticks before inviting; fetched, so the version sent is the one shown. */
export function useAttestationText() {
  return useQuery({
    queryKey: queryKeys.attestationText,
    queryFn: () => api.get<AttestationText>('/api/attestation-text'),
    staleTime: Infinity,
  });
}

export function isAdminRole(role: Role | undefined): boolean {
  return role === 'owner' || role === 'admin';
}
