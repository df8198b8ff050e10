import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, data, type paths } from '../../api/client';

export type StructureSummary =
  paths['/api/v1/structures']['get']['responses'][200]['content']['application/json']['items'][number];
export type StructureDetail =
  paths['/api/v1/structures/{identifier}']['get']['responses'][200]['content']['application/json'];

export { SEARCH_MAX_LENGTH } from './limits';

/** One page of the public directory (keyset pages: `cursor` is the API's `nextCursor`). */
export function useStructureSearch(options: {
  q: string;
  includePrivate?: boolean;
  cursor?: string | undefined;
  limit?: number;
  enabled?: boolean;
}) {
  const { q, includePrivate = false, cursor, limit = 20, enabled = true } = options;
  return useQuery({
    queryKey: ['directory', q, includePrivate, cursor ?? null, limit],
    queryFn: async () =>
      data(
        await api.GET('/api/v1/structures', {
          params: {
            query: {
              q: q || undefined,
              includePrivate: includePrivate ? 'true' : undefined,
              cursor,
              limit,
            },
          },
        }),
      ),
    enabled,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

/** What an invoice to this structure must carry, as one short code for labels. */
export type Requirement =
  'service' | 'commitment' | 'serviceOrCommitment' | 'serviceAndCommitment' | 'none';

export function requirementOf(flags: {
  serviceCodeRequired: boolean;
  commitmentRequired: boolean;
  serviceOrCommitmentRequired: boolean;
}): Requirement {
  if (flags.serviceCodeRequired && flags.commitmentRequired) return 'serviceAndCommitment';
  if (flags.serviceCodeRequired) return 'service';
  if (flags.commitmentRequired) return 'commitment';
  if (flags.serviceOrCommitmentRequired) return 'serviceOrCommitment';
  return 'none';
}
