import { queryOptions } from '@tanstack/react-query';
import { api, data } from '../api/client';

/**
 * A structure of the directory (name, address, services, flags) by its identifier. Every page
 * that needs one asks through these options: one cache key, one way of fetching it, so pages
 * share what is already loaded. Callers add `enabled`, `staleTime` or `select` as they need.
 */
export function structureQuery(identifier: string | undefined) {
  return queryOptions({
    queryKey: ['structure', identifier],
    queryFn: async () =>
      data(
        await api.GET('/api/v1/structures/{identifier}', {
          params: { path: { identifier: identifier! } },
        }),
      ),
  });
}
