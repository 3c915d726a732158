import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { forbidden, unauthorized } from '../errors.js';
import type { Principal } from '../access/principal.js';
import { appendAudit } from '../audit/audit.service.js';
import type { AppContext } from '../context.js';
import { AuthErrors } from './auth.errors.js';
import { AuthService } from './auth.service.js';

export const SESSION_COOKIE = 'samr_sid';
export const CSRF_COOKIE = 'samr_csrf';
export const CSRF_HEADER = 'x-csrf-token';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function tokenOf(req: FastifyRequest): { token: string; via: 'cookie' | 'bearer' } | undefined {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return { token: auth.slice(7).trim(), via: 'bearer' };
  const c = req.cookies[SESSION_COOKIE];
  return c ? { token: c, via: 'cookie' } : undefined;
}

/**
 * Resolves the session on every /api request (a bad token on a public route is simply anonymous),
 * and enforces CSRF (double-submit header) on cookie-authenticated writes.
 */
export function installAuthHooks(app: FastifyInstance, ctx: AppContext): void {
  const auth = new AuthService(ctx);
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/')) return;
    const t = tokenOf(req);
    if (!t) return;
    let resolved;
    try {
      resolved = await auth.authenticate(t.token);
    } catch (e) {
      // Remember why, so authorize() can tell "expired" from "never logged in".
      (req as FastifyRequest & { authError?: unknown }).authError = e;
      return;
    }
    req.principal = resolved.principal;
    req.authVia = t.via;
    // Login does not use the old session, so a stale cookie must not block it.
    const csrfExempt = req.url.split('?')[0] === '/api/auth/login';
    if (
      t.via === 'cookie' &&
      UNSAFE.has(req.method) &&
      !csrfExempt &&
      req.headers[CSRF_HEADER] !== resolved.csrfToken
    ) {
      throw AuthErrors.csrf();
    }
  });

  // Every state-changing request is audited (who, organisation, when, what, target, IP, result), written
  // before the reply leaves, so a client that sees the answer finds the entry. Not in the business
  // transaction: a failed audit write is logged, the change itself stands.
  app.addHook('onSend', async (req, reply, payload) => {
    if (!UNSAFE.has(req.method) || !req.url.startsWith('/api/')) return payload;
    const cfg = req.routeOptions.config.audit;
    if (cfg === false) return payload;
    const p = req.principal;
    const params = (req.params ?? {}) as Record<string, unknown>;
    try {
      await appendAudit(ctx, {
        userId: p?.userId ?? null,
        username: p?.username ?? null,
        orgId: p?.orgId ?? null,
        orgName: p?.orgName ?? null,
        action: cfg?.action ?? `${req.method} ${req.routeOptions.url ?? req.url}`,
        method: req.method,
        path: req.url.split('?')[0]!.slice(0, 300),
        targetType: req.auditTarget?.type ?? cfg?.targetType ?? null,
        targetId: req.auditTarget?.id ?? (typeof params.id === 'string' ? params.id : null),
        ip: req.ip,
        result: reply.statusCode < 400 ? 'success' : 'failure',
        statusCode: reply.statusCode,
        requestId: req.id,
        detail: redact(req.body),
      });
    } catch (err) {
      req.log.error({ err }, 'audit append failed');
    }
    return payload;
  });
}

const SECRET_KEY = /password|token|secret|passwd/i;

/** Copies a request body for the audit detail with secrets masked. */
export function redact(body: unknown): unknown {
  if (body === null || typeof body !== 'object') return body;
  if (Array.isArray(body)) return body.slice(0, 50).map(redact);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    out[k] = SECRET_KEY.test(k) ? '***' : redact(v);
  }
  return out;
}

export interface AuthorizeOptions {
  /** Routes a user who must change the password may still call (me, logout, change password). */
  allowPasswordChangePending?: boolean;
}

/** preHandler: 401 without a valid session, 403 without the permission (or with a pending password change). */
export function authorize(
  permission?: string | string[],
  opts: AuthorizeOptions = {},
): preHandlerAsyncHookHandler {
  return async (req: FastifyRequest, _reply: FastifyReply) => {
    requirePrincipal(req, permission, opts);
  };
}

/** The Principal of a request that passed authorize(); throws otherwise. */
export function requirePrincipal(
  req: FastifyRequest,
  permission?: string | string[],
  opts: AuthorizeOptions = {},
): Principal {
  const p = req.principal;
  if (!p) {
    const e = (req as FastifyRequest & { authError?: unknown }).authError;
    throw e instanceof Error ? e : unauthorized();
  }
  if (p.mustChangePassword && !opts.allowPasswordChangePending) throw AuthErrors.passwordChangeRequired();
  if (permission) {
    const needed = Array.isArray(permission) ? permission : [permission];
    if (!needed.some((c) => p.permissions.has(c))) {
      throw forbidden('FORBIDDEN', `没有权限执行此操作（需要权限：${needed.join(' 或 ')}）`);
    }
  }
  return p;
}
