import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requirePrincipal } from '../../platform/auth/auth.hooks.js';
import type { AppContext } from '../../platform/context.js';
import { IdParams } from '../../platform/http/schemas.js';
import {
  AUDIT_XLSX,
  LOGIN_LOG_XLSX,
  presentAudit,
  presentAuditDetail,
  presentLoginLog,
  presentVerify,
} from './logs.presenter.js';
import {
  AuditDetail,
  AuditListQuery,
  AuditPage,
  LoginLogPage,
  LoginLogQuery,
  VerifyReply,
} from './logs.schemas.js';
import { LogsService } from './logs.service.js';
import { guard, mapPage, replyList } from './system.common.js';

const tags = ['安全审计'];

/** /api/system/audit: 审计日志 query, detail and chain verification (audit administrator). */
export function auditRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const logs = new LogsService(ctx);

    app.get(
      '',
      {
        schema: { tags, summary: '审计日志查询', querystring: AuditListQuery, response: { 200: AuditPage } },
        ...guard('audit:list'),
      },
      async (req, reply) => {
        const { username, action, result, from, to, targetType, targetId, ...q } = req.query;
        const page = mapPage(
          await logs.audit(
            requirePrincipal(req),
            { username, action, result, from, to, targetType, targetId },
            q,
          ),
          presentAudit,
        );
        return replyList(reply, q.format, page, { filename: '审计日志', columns: AUDIT_XLSX });
      },
    );

    app.get(
      '/:id',
      {
        schema: { tags, summary: '审计日志详情', params: IdParams, response: { 200: AuditDetail } },
        ...guard('audit:list'),
      },
      async (req) => presentAuditDetail(await logs.auditEntry(requirePrincipal(req), req.params.id)),
    );

    app.post(
      '/verify',
      {
        schema: { tags, summary: '审计日志完整性校验（哈希链）', response: { 200: VerifyReply } },
        ...guard('audit:verify'),
        config: { audit: { action: '审计日志完整性校验', targetType: 'audit_log' } },
      },
      async (req) => presentVerify(await logs.verify(requirePrincipal(req))),
    );
  };
}

/** /api/system/login-logs: 登录日志. */
export function loginLogRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const logs = new LogsService(ctx);
    app.get(
      '',
      {
        schema: {
          tags,
          summary: '登录日志查询',
          querystring: LoginLogQuery,
          response: { 200: LoginLogPage },
        },
        ...guard('loginlog:list'),
      },
      async (req, reply) => {
        const { username, result, ip, from, to, ...q } = req.query;
        const page = mapPage(
          await logs.logins(requirePrincipal(req), { username, result, ip, from, to }, q),
          presentLoginLog,
        );
        return replyList(reply, q.format, page, { filename: '登录日志', columns: LOGIN_LOG_XLSX });
      },
    );
  };
}
