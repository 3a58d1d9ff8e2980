import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import { queryKeys } from './query-keys';

export interface ServerConfig {
  devMode: boolean;
}

export function useServerConfig() {
  return useQuery({
    queryKey: queryKeys.config,
    queryFn: () => api.get<ServerConfig>('/api/config'),
    staleTime: Infinity,
  });
}
