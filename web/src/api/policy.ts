import { useQuery } from '@tanstack/react-query';
import type { Locale, Localized } from '../i18n/locales';
import { api } from './client';
import { queryKeys } from './query-keys';

export interface PolicyVersionSummary {
  id: string;
  label: string;
  /** the update date printed on the policy, a calendar day (YYYY-MM-DD) */
  updatedOn: string;
  effectiveAt: string;
  /** a material change: announced ahead, and to be accepted from its effective date */
  material: boolean;
  summary: Localized;
  inForce: boolean;
}

export interface PolicyVersion extends PolicyVersionSummary {
  /** Markdown; the Chinese text prevails where the two differ */
  body: Localized;
}

export interface DiffLine {
  op: 'same' | 'added' | 'removed';
  text: string;
}

export interface MyPolicyState {
  current: PolicyVersionSummary | null;
  /** a material version in force that I have not accepted: the app waits for my answer */
  acceptanceRequired: PolicyVersionSummary | null;
  /** a material version announced for a later date */
  upcoming: PolicyVersionSummary | null;
}

// a published version never changes, so its text and diffs can be kept for the whole visit
const published = { staleTime: Infinity };

export function usePolicyInForce() {
  return useQuery({
    queryKey: queryKeys.policyInForce,
    queryFn: () => api.get<{ policy: PolicyVersion | null }>('/api/privacy/policy'),
    select: (answer) => answer.policy,
    staleTime: 10 * 60_000,
  });
}

export function usePolicyVersions() {
  return useQuery({
    queryKey: queryKeys.policyVersions,
    queryFn: () => api.get<{ versions: PolicyVersionSummary[] }>('/api/privacy/policy/versions'),
    select: (answer) => answer.versions,
    staleTime: 10 * 60_000,
  });
}

export function usePolicyVersion(versionId: string | null) {
  return useQuery({
    queryKey: queryKeys.policyVersion(versionId ?? ''),
    queryFn: () => api.get<{ policy: PolicyVersion }>(`/api/privacy/policy/versions/${encodeURIComponent(versionId ?? '')}`),
    select: (answer) => answer.policy,
    enabled: Boolean(versionId),
    ...published,
  });
}

/** What changed from `fromVersionId` to `versionId`, line by line, in one language. */
export function usePolicyDiff(versionId: string | null, fromVersionId: string | null, language: Locale) {
  return useQuery({
    queryKey: queryKeys.policyDiff(versionId ?? '', fromVersionId ?? '', language),
    queryFn: () =>
      api.get<{ lines: DiffLine[] }>(`/api/privacy/policy/versions/${encodeURIComponent(versionId ?? '')}/diff`, {
        fromVersionId: fromVersionId ?? undefined,
        lang: language,
      }),
    select: (answer) => answer.lines,
    enabled: Boolean(versionId && fromVersionId),
    ...published,
  });
}

export function useMyPolicyState(enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.myPolicy,
    queryFn: () => api.get<MyPolicyState>('/api/me/policy'),
    enabled,
    staleTime: 60_000,
    // a material version comes into force at midnight UTC without anyone reloading
    refetchInterval: enabled ? 10 * 60_000 : false,
  });
}

/** Recorded with the language the person read it in. */
export function acceptPolicy(versionId: string, language: Locale) {
  return api.post<void>('/api/me/policy/acceptances', { versionId, language });
}
