import { useQuery } from '@tanstack/react-query';
import { useAccount } from './account';
import { api } from './client';
import { queryKeys } from './query-keys';

/**
 * Whether I am one of the operator's staff who answer requests about personal data. Kept apart
 * from the account in the cache, which sign-in and profile edits overwrite with answers that do
 * not carry it. Only for showing the way: the server checks on every queue request.
 */
export function useIsOperator(): boolean {
  const account = useAccount();
  const role = useQuery({
    queryKey: queryKeys.operatorRole,
    queryFn: () => api.get<{ operator?: boolean }>('/api/me'),
    select: (me) => me.operator === true,
    enabled: Boolean(account.data),
    staleTime: 10 * 60_000,
  });
  return Boolean(account.data) && role.data === true;
}
