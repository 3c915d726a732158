import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requirePrincipal } from '../../platform/auth/auth.hooks.js';
import type { AppContext } from '../../platform/context.js';
import { IdParams } from '../../platform/http/schemas.js';
import { guard, mapPage, replyList } from './system.common.js';
import { presentUserDetail, presentUserItem, USER_XLSX } from './users.presenter.js';
import {
  AssignRolesBody,
  CreateUserBody,
  CreateUserReply,
  PasswordReply,
  UpdateUserBody,
  UserDetail,
  UserListQuery,
  UserPage,
} from './users.schemas.js';
import { UsersService } from './users.service.js';

const tags = ['系统管理-用户'];

/** /api/system/users: 用户管理. */
export function usersRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const users = new UsersService(ctx);
    const now = () => ctx.clock.now();

    app.get(
      '',
      {
        schema: {
          tags,
          summary: '用户列表（分页、筛选、导出 xlsx）',
          querystring: UserListQuery,
          response: { 200: UserPage },
        },
        ...guard('user:list'),
      },
      async (req, reply) => {
        const p = requirePrincipal(req, 'user:list');
        const { keyword, orgId, status, roleCode, ...q } = req.query;
        const page = await users.list(p, { keyword, orgId, status, roleCode }, q);
        return replyList(
          reply,
          q.format,
          mapPage(page, (u) => presentUserItem(u, now())),
          {
            filename: '用户列表',
            columns: USER_XLSX,
          },
        );
      },
    );

    app.get(
      '/:id',
      {
        schema: { tags, summary: '用户详情', params: IdParams, response: { 200: UserDetail } },
        ...guard('user:list'),
      },
      async (req) => presentUserDetail(await users.get(requirePrincipal(req), req.params.id), now()),
    );

    app.post(
      '',
      {
        schema: { tags, summary: '新增用户', body: CreateUserBody, response: { 200: CreateUserReply } },
        ...guard('user:write'),
        config: { audit: { action: '新增用户', targetType: 'user' } },
      },
      async (req) => {
        const r = await users.create(requirePrincipal(req), req.body);
        req.auditTarget = { id: r.user.id };
        return { user: presentUserDetail(r.user, now()), initialPassword: r.initialPassword };
      },
    );

    app.put(
      '/:id',
      {
        schema: {
          tags,
          summary: '修改用户',
          params: IdParams,
          body: UpdateUserBody,
          response: { 200: UserDetail },
        },
        ...guard('user:write'),
        config: { audit: { action: '修改用户', targetType: 'user' } },
      },
      async (req) =>
        presentUserDetail(await users.update(requirePrincipal(req), req.params.id, req.body), now()),
    );

    app.post(
      '/:id/disable',
      {
        schema: {
          tags,
          summary: '停用用户（同时结束其全部会话）',
          params: IdParams,
          response: { 200: UserDetail },
        },
        ...guard('user:write'),
        config: { audit: { action: '停用用户', targetType: 'user' } },
      },
      async (req) =>
        presentUserDetail(await users.setStatus(requirePrincipal(req), req.params.id, 'disabled'), now()),
    );

    app.post(
      '/:id/enable',
      {
        schema: { tags, summary: '启用用户', params: IdParams, response: { 200: UserDetail } },
        ...guard('user:write'),
        config: { audit: { action: '启用用户', targetType: 'user' } },
      },
      async (req) =>
        presentUserDetail(await users.setStatus(requirePrincipal(req), req.params.id, 'active'), now()),
    );

    app.post(
      '/:id/reset-password',
      {
        schema: {
          tags,
          summary: '重置密码（返回一次性密码，用户登录后须修改）',
          params: IdParams,
          response: { 200: PasswordReply },
        },
        ...guard('user:write'),
        config: { audit: { action: '重置用户密码', targetType: 'user' } },
      },
      async (req) => users.resetPassword(requirePrincipal(req), req.params.id),
    );

    app.post(
      '/:id/unlock',
      {
        schema: { tags, summary: '解锁用户', params: IdParams, response: { 200: UserDetail } },
        ...guard('user:unlock'),
        config: { audit: { action: '解锁用户', targetType: 'user' } },
      },
      async (req) => presentUserDetail(await users.unlock(requirePrincipal(req), req.params.id), now()),
    );

    app.put(
      '/:id/roles',
      {
        schema: {
          tags,
          summary: '用户授权（分配角色，安全管理员）',
          params: IdParams,
          body: AssignRolesBody,
          response: { 200: UserDetail },
        },
        ...guard('user:assign-role'),
        config: { audit: { action: '用户授权', targetType: 'user' } },
      },
      async (req) =>
        presentUserDetail(
          await users.assignRoles(requirePrincipal(req), req.params.id, req.body.roleIds),
          now(),
        ),
    );
  };
}
