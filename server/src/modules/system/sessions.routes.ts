import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requirePrincipal } from '../../platform/auth/auth.hooks.js';
import type { AppContext } from '../../platform/context.js';
import { presentSession, SESSION_XLSX } from './sessions.presenter.js';
import { RevokeReply, SessionListQuery, SessionPage, SessionParams } from './sessions.schemas.js';
import { SessionsService } from './sessions.service.js';
import { guard, mapPage, replyList } from './system.common.js';

const tags = ['安全审计'];

/** /api/system/sessions: 在线用户 and 强制下线. */
export function sessionsRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const sessions = new SessionsService(ctx);

    app.get(
      '',
      {
        schema: { tags, summary: '在线用户', querystring: SessionListQuery, response: { 200: SessionPage } },
        ...guard('session:list'),
      },
      async (req, reply) => {
        const p = requirePrincipal(req);
        const { keyword, orgId, ...q } = req.query;
        const page = mapPage(await sessions.list(p, { keyword, orgId }, q), (s) =>
          presentSession(s, p.sessionId),
        );
        return replyList(reply, q.format, page, { filename: '在线用户', columns: SESSION_XLSX });
      },
    );

    app.delete(
      '/:id',
      {
        schema: { tags, summary: '强制下线', params: SessionParams, response: { 200: RevokeReply } },
        ...guard('session:revoke'),
        config: { audit: { action: '强制下线', targetType: 'user' } },
      },
      async (req) => {
        const s = await sessions.revoke(requirePrincipal(req), req.params.id);
        req.auditTarget = { type: 'user', id: s.user_id };
        return { ok: true, userId: s.user_id, username: s.username };
      },
    );
  };
}
