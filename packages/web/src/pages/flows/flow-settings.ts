import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, data } from '../../api/client';

/**
 * The server's syntaxes, states and limits of flows (GET /flows/settings), asked once: they
 * change only with a new server version, so they stay fresh for the session.
 */
export const flowSettingsQuery = queryOptions({
  queryKey: ['flow-settings'],
  queryFn: async () => data(await api.GET('/api/v1/flows/settings')),
  staleTime: Infinity,
  gcTime: Infinity,
});

export function useFlowSettings() {
  return useQuery(flowSettingsQuery);
}
