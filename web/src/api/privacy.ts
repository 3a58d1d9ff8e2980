import { useQuery } from '@tanstack/react-query';
import type { Localized } from '../i18n/locales';
import { api } from './client';
import { queryKeys } from './query-keys';

export interface DataCategory {
  key: string;
  name: Localized;
  sensitive: boolean;
  purpose: Localized;
  legalBasis: Localized;
  retention: Localized;
  recipients: Localized[];
  fields: string[];
}

export interface PrivacyNotice {
  controller: Localized;
  updatedAt: string;
  categories: DataCategory[];
}

export function usePrivacyNotice() {
  return useQuery({
    queryKey: queryKeys.privacyNotice,
    queryFn: () => api.get<PrivacyNotice>('/api/privacy/notice'),
    staleTime: 10 * 60_000,
  });
}
