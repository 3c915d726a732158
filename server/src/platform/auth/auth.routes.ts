import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../context.js';
import { OkReply } from '../http/schemas.js';
import { authorize, CSRF_COOKIE, requirePrincipal, SESSION_COOKIE } from './auth.hooks.js';
import { presentMe } from './auth.presenter.js';
import { ChangePasswordBody, LoginBody, LoginReply, MeReply } from './auth.schemas.js';
import { AuthService } from './auth.service.js';

const pending = { allowPasswordChangePending: true };

/** POST /api/auth/login, /logout, /password; GET /api/auth/me. */
export function authRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const auth = new AuthService(ctx);
    await app.register(rateLimit, {
      global: false,
      errorResponseBuilder: (_req, c) => ({
        statusCode: 429,
        code: 'RATE_LIMITED',
        message: `登录尝试过于频繁，请 ${Math.ceil(c.ttl / 1000)} 秒后再试`,
      }),
    });
    const cookieOpts = {
      path: '/',
      sameSite: 'lax' as const,
      secure: ctx.config.cookieSecure,
    };

    app.post(
      '/login',
      {
        schema: { tags: ['认证'], summary: '登录', body: LoginBody, response: { 200: LoginReply } },
        config: { audit: false, rateLimit: { max: ctx.config.loginRateLimit, timeWindow: '1 minute' } },
      },
      async (req, reply) => {
        const r = await auth.login(req.body.username.trim(), req.body.password, {
          ip: req.ip,
          userAgent: req.headers['user-agent'] ?? null,
          requestId: req.id,
        });
        const maxAge = ctx.config.sessionAbsoluteHours * 3600;
        reply.setCookie(SESSION_COOKIE, r.token, { ...cookieOpts, httpOnly: true, maxAge });
        reply.setCookie(CSRF_COOKIE, r.csrfToken, { ...cookieOpts, httpOnly: false, maxAge });
        return { user: presentMe(r.principal), csrfToken: r.csrfToken, token: r.token };
      },
    );

    app.post(
      '/logout',
      {
        schema: { tags: ['认证'], summary: '退出登录', response: { 200: OkReply } },
        config: { audit: { action: '退出登录' } },
      },
      async (req, reply) => {
        if (req.principal) await auth.logout(req.principal.sessionId);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        reply.clearCookie(CSRF_COOKIE, { path: '/' });
        return { ok: true };
      },
    );

    app.get(
      '/me',
      {
        schema: { tags: ['认证'], summary: '当前用户', response: { 200: MeReply } },
        preHandler: authorize(undefined, pending),
      },
      async (req) => presentMe(requirePrincipal(req, undefined, pending)),
    );

    app.post(
      '/password',
      {
        schema: {
          tags: ['认证'],
          summary: '修改本人密码',
          body: ChangePasswordBody,
          response: { 200: OkReply },
        },
        preHandler: authorize(undefined, pending),
        config: { audit: { action: '修改本人密码', targetType: 'user' } },
      },
      async (req) => {
        const p = requirePrincipal(req, undefined, pending);
        await auth.changePassword(p, req.body.oldPassword, req.body.newPassword);
        return { ok: true };
      },
    );
  };
}
