import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';

/** An error answered by the server (or the network), in the server's one error model. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly details?: Record<string, unknown>,
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface ErrorBody {
  code?: string;
  message?: string;
  field?: string;
  details?: Record<string, unknown>;
  requestId?: string;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const AUTH_LOST = new Set(['UNAUTHENTICATED', 'SESSION_EXPIRED', 'SESSION_REVOKED']);

/** The CSRF token the server set in a readable cookie at login (double submit). */
export function csrfToken(): string {
  const m = /(?:^|;\s*)samr_csrf=([^;]+)/.exec(document.cookie);
  return m ? decodeURIComponent(m[1]!) : '';
}

/** Fired when the session is gone, so the app can send the user to the login page and back. */
export const AUTH_LOST_EVENT = 'samr:auth-lost';

const csrf: Middleware = {
  onRequest({ request }) {
    if (UNSAFE.has(request.method)) request.headers.set('x-csrf-token', csrfToken());
    return request;
  },
};

/** The typed client generated from server/openapi.json (no hand-written request types). */
export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
api.use(csrf);

/** Turns an error reply into an ApiError and announces a lost session. */
export function toApiError(status: number, body: unknown): ApiError {
  const b = (body ?? {}) as ErrorBody;
  const err = new ApiError(
    status,
    b.code ?? `HTTP_${status}`,
    b.message ?? (status >= 500 ? '系统内部错误，请稍后重试' : '请求失败'),
    b.field,
    b.details,
    b.requestId,
  );
  if (status === 401 && AUTH_LOST.has(err.code)) {
    window.dispatchEvent(new CustomEvent(AUTH_LOST_EVENT, { detail: err }));
  }
  return err;
}

/**
 * Awaits an openapi-fetch call and returns its data, or throws an ApiError (network loss included):
 * `const me = await call(api.GET('/api/auth/me'))`.
 */
export async function call<T>(p: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let r: { data?: T; error?: unknown; response: Response };
  try {
    r = await p;
  } catch (e) {
    if (e instanceof ApiError) throw e;
    throw new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试');
  }
  if (!r.response.ok) throw toApiError(r.response.status, r.error);
  return r.data as T;
}

/** Downloads a GET endpoint as a file (xlsx exports, documents), keeping the server's file name. */
export async function download(url: string, fallbackName: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch(url, { credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试');
  }
  if (!res.ok) throw toApiError(res.status, await res.json().catch(() => ({})));
  const cd = res.headers.get('content-disposition') ?? '';
  const m = /filename\*=UTF-8''([^;]+)/.exec(cd);
  const name = m ? decodeURIComponent(m[1]!) : fallbackName;
  const blob = await res.blob();
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}

/** Builds a query string from defined values only. */
export function qs(params: Record<string, string | number | boolean | undefined | null>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== '') u.set(k, String(v));
  const s = u.toString();
  return s ? `?${s}` : '';
}
