import { useQuery } from '@tanstack/react-query';
import type { Locale } from '../i18n/locales';
import { isApiError } from './api-error';
import { api } from './client';
import { setCsrfToken } from './csrf';
import { queryKeys } from './query-keys';

export interface Account {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  avatarUrl: string | null;
  locale: Locale;
  createdAt: string;
}

interface MeAnswer {
  account: Account;
  csrfToken: string;
}

/** null means "not signed in", which is an ordinary state here and not an error */
async function fetchAccount(): Promise<Account | null> {
  try {
    const me = await api.get<MeAnswer>('/api/me');
    setCsrfToken(me.csrfToken);
    return me.account;
  } catch (error) {
    if (isApiError(error) && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export function useAccount() {
  return useQuery({ queryKey: queryKeys.me, queryFn: fetchAccount, staleTime: 60_000 });
}

export function updateProfile(changes: { name?: string; locale?: Locale }) {
  return api.patch<{ account: Account }>('/api/me', changes).then((answer) => answer.account);
}

export function uploadAvatar(image: Blob, contentType: string) {
  return api.put<{ account: Account }>('/api/me/avatar', image, contentType).then((answer) => answer.account);
}

export function removeAvatar() {
  return api.delete<{ account: Account }>('/api/me/avatar').then((answer) => answer.account);
}
