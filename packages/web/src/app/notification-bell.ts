import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';

/** How often the header asks for the unread count while a page stays open. */
const BELL_REFRESH_MS = 60_000;

/**
 * The unread count of the header's bell ("99+" beyond 99), shared with the notifications page
 * through the ['notifications'] query key: marking read there refreshes the bell. Undefined
 * while signed out or unknown.
 */
export function useUnreadCount(signedIn: boolean): string | undefined {
  const query = useQuery({
    queryKey: ['notifications', 'bell'],
    enabled: signedIn,
    refetchInterval: BELL_REFRESH_MS,
    queryFn: async () => {
      const res = await api.GET('/api/v1/me/notifications', { params: { query: { limit: 1 } } });
      if (!res.data) return null;
      return res.data.unread > 0 ? `${res.data.unread}${res.data.unreadCapped ? '+' : ''}` : null;
    },
  });
  return query.data ?? undefined;
}
