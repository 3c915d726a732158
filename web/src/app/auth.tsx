import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { api, ApiError, AUTH_LOST_EVENT, call } from '../api/client';

type Me = NonNullable<Awaited<ReturnType<typeof fetchMe>>>;

async function fetchMe() {
  try {
    return await call(api.GET('/api/auth/me'));
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

interface AuthState {
  me: Me | null;
  loading: boolean;
  hasPerm: (code?: string | string[]) => boolean;
  refresh: () => Promise<void>;
  /** Why the session was lost (SESSION_REVOKED …): the shell passes it on to the login page. */
  lostReason: string | null;
  logout: () => Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

/** Holds "who am I"; sends the user to /login (and back afterwards) when the session is lost. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const q = useQuery({ queryKey: ['me'], queryFn: fetchMe, staleTime: 60_000, retry: false });
  const [lostReason, setLostReason] = useState<string | null>(null);

  useEffect(() => {
    const onLost = (ev: Event) => {
      const code = ((ev as CustomEvent).detail as ApiError | undefined)?.code ?? 'SESSION_EXPIRED';
      setLostReason(code);
      qc.setQueryData(['me'], null);
      if (location.pathname === '/login') return;
      const back = location.pathname + location.search;
      void navigate(`/login?redirect=${encodeURIComponent(back)}&reason=${code}`, { replace: true });
    };
    window.addEventListener(AUTH_LOST_EVENT, onLost);
    return () => window.removeEventListener(AUTH_LOST_EVENT, onLost);
  }, [qc, navigate, location]);

  const refresh = useCallback(async () => {
    await qc.invalidateQueries({ queryKey: ['me'] });
    await qc.refetchQueries({ queryKey: ['me'] });
  }, [qc]);

  const logout = useCallback(async () => {
    try {
      await call(api.POST('/api/auth/logout'));
    } finally {
      qc.clear();
      qc.setQueryData(['me'], null);
      void navigate('/login', { replace: true });
    }
  }, [qc, navigate]);

  const value = useMemo<AuthState>(() => {
    const perms = new Set(q.data?.permissions ?? []);
    return {
      me: q.data ?? null,
      loading: q.isLoading,
      hasPerm: (code) => !code || (Array.isArray(code) ? code.some((c) => perms.has(c)) : perms.has(code)),
      refresh,
      logout,
      lostReason,
    };
  }, [q.data, q.isLoading, refresh, logout, lostReason]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

/** The current user and permission checks (the same codes the server checks). */
export function useAuth(): AuthState {
  const c = useContext(AuthContext);
  if (!c) throw new Error('useAuth outside AuthProvider');
  return c;
}
