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

/** A new version as the operator writes it: both languages (Chinese prevails), what changed, and when it comes into force. */
export interface PolicyDraft {
  label: string;
  body: Localized;
  summary: Localized;
  material: boolean;
  /** YYYY-MM-DD, from 00:00 UTC; today or later */
  effectiveOn: string;
}

export interface PolicyPreview {
  /** the version in force the draft is compared with */
  against: PolicyVersionSummary | null;
  effectiveAt: string;
  /** effective today: in force as soon as it is published */
  inForceAtOnce: boolean;
  diff: Record<Locale, DiffLine[]>;
}

/** Checks the draft as publishing would and shows what it changes; publishes nothing. Operator staff only. */
export function previewPolicy(draft: PolicyDraft) {
  return api.post<PolicyPreview>('/api/operator/policy/preview', draft);
}

/** Operator staff only; a material version is announced to every account at once. */
export function publishPolicy(draft: PolicyDraft) {
  return api.post<{ policy: PolicyVersion }>('/api/operator/policy/versions', draft).then((answer) => answer.policy);
}
