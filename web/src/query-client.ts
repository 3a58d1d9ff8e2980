import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from './api/api-error';
import { setCsrfToken } from './api/csrf';
import { queryKeys } from './api/query-keys';

/** The session was ended elsewhere (another device, expiry): stop showing personal pages. */
function forgetOnSignedOut(error: unknown): void {
  if (isApiError(error) && error.status === 401) {
    setCsrfToken(null);
    queryClient.setQueryData(queryKeys.me, null);
    queryClient.removeQueries({ queryKey: queryKeys.personal });
  }
}

export const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: forgetOnSignedOut }),
  mutationCache: new MutationCache({ onError: forgetOnSignedOut }),
  defaultOptions: {
    queries: {
      // a 4xx will not get better by asking again
      retry: (failures, error) => !(isApiError(error) && error.status >= 400 && error.status < 500) && failures < 2,
      refetchOnWindowFocus: false,
    },
  },
});
