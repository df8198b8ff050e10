import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, data, setCsrfToken, setOnUnauthenticated } from '../api/client';
import type { paths } from '../api/schema';

export type Me = paths['/api/v1/me']['get']['responses'][200]['content']['application/json'];
export type Membership = Me['memberships'][number];

interface SessionState {
  /** undefined while loading; null when nobody is signed in. */
  me: Me | null | undefined;
  /** The structure the user is acting for (chosen in the header when they have several). */
  current: Membership | undefined;
  selectStructure(structureId: string): void;
  /** After sign-in, second factor or sign-out: reload who is signed in. */
  refresh(): Promise<void>;
  /** True once an API call answered 401 while we thought we were signed in. */
  expired: boolean;
}

const SessionContext = createContext<SessionState | undefined>(undefined);
const STRUCTURE_KEY = 'chorale.structure';

/** The structure chosen last on this browser (its id), if any. */
export function storedStructureId(): string | null {
  return localStorage.getItem(STRUCTURE_KEY);
}

async function loadMe(): Promise<Me | null> {
  try {
    const session = data(await api.GET('/api/v1/auth/session'));
    setCsrfToken(session.csrfToken);
    return data(await api.GET('/api/v1/me'));
  } catch (error) {
    if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
      setCsrfToken(undefined);
      return null;
    }
    throw error;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: ['me'], queryFn: loadMe, staleTime: 60_000 });
  const [structureId, setStructureId] = useState<string | null>(storedStructureId);
  const [expired, setExpired] = useState(false);
  const me = query.data;

  useEffect(() => {
    setOnUnauthenticated(() => {
      if (queryClient.getQueryData(['me'])) setExpired(true);
    });
    return () => setOnUnauthenticated(undefined);
  }, [queryClient]);

  const selectStructure = useCallback((id: string) => {
    localStorage.setItem(STRUCTURE_KEY, id);
    setStructureId(id);
  }, []);

  const refresh = useCallback(async () => {
    setExpired(false);
    await queryClient.invalidateQueries();
    await queryClient.refetchQueries({ queryKey: ['me'] });
  }, [queryClient]);

  const current = useMemo(() => {
    if (!me) return undefined;
    return (
      me.memberships.find((m) => m.structure.id === structureId) ?? me.memberships[0] ?? undefined
    );
  }, [me, structureId]);

  const value = useMemo<SessionState>(
    () => ({ me, current, selectStructure, refresh, expired }),
    [me, current, selectStructure, refresh, expired],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside SessionProvider');
  return state;
}

export type Space = Membership['rights'][number]['space'];

/** What the current structure lets the user do (the server checks again on every call). */
export function useAbilities() {
  const { current } = useSession();
  const has = (space: Space) => current?.rights.some((r) => r.space === space) ?? false;
  return {
    canSend: has('FACTURES_EMISES'),
    canReceive: has('FACTURES_RECUES'),
    /** Receives sollicitations (questions of suppliers) in the current structure. */
    canRequest: has('SOLLICITATIONS'),
    isGestionnaire: current?.role === 'GESTIONNAIRE_PRINCIPAL',
    /** Service codes the user may act on for received invoices; null = every service. */
    services: current?.rights
      .filter((r) => r.space === 'FACTURES_RECUES')
      .some((r) => r.serviceCode === null)
      ? null
      : (current?.rights
          .filter((r) => r.space === 'FACTURES_RECUES' && r.serviceCode !== null)
          .map((r) => r.serviceCode as string) ?? []),
  };
}
