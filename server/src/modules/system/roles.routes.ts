import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requirePrincipal } from '../../platform/auth/auth.hooks.js';
import type { AppContext } from '../../platform/context.js';
import { IdParams } from '../../platform/http/schemas.js';
import {
  presentCatalogue,
  presentRole,
  presentRoleDetail,
  presentRolePermissions,
  ROLE_XLSX,
} from './roles.presenter.js';
import {
  CreateRoleBody,
  PermissionCatalogue,
  RoleDetail,
  RoleListQuery,
  RolePage,
  RolePermissionTree,
  SetPermissionsBody,
  UpdateRoleBody,
} from './roles.schemas.js';
import { RolesService } from './roles.service.js';
import { guard, mapPage, replyList } from './system.common.js';

const tags = ['系统管理-角色'];

/** /api/system/roles: 角色管理. */
export function rolesRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const roles = new RolesService(ctx);

    app.get(
      '',
      {
        schema: { tags, summary: '角色列表', querystring: RoleListQuery, response: { 200: RolePage } },
        ...guard('role:list'),
      },
      async (req, reply) => {
        const { keyword, status, ...q } = req.query;
        const page = mapPage(await roles.list(requirePrincipal(req), { keyword, status }, q), presentRole);
        return replyList(reply, q.format, page, { filename: '角色列表', columns: ROLE_XLSX });
      },
    );

    app.get(
      '/:id',
      {
        schema: { tags, summary: '角色详情', params: IdParams, response: { 200: RoleDetail } },
        ...guard('role:list'),
      },
      async (req) => presentRoleDetail(await roles.get(requirePrincipal(req), req.params.id)),
    );

    app.post(
      '',
      {
        schema: { tags, summary: '新增角色', body: CreateRoleBody, response: { 200: RoleDetail } },
        ...guard('role:write'),
        config: { audit: { action: '新增角色', targetType: 'role' } },
      },
      async (req) => {
        const r = await roles.create(requirePrincipal(req), req.body);
        req.auditTarget = { id: r.id };
        return presentRoleDetail(r);
      },
    );

    app.put(
      '/:id',
      {
        schema: {
          tags,
          summary: '修改角色',
          params: IdParams,
          body: UpdateRoleBody,
          response: { 200: RoleDetail },
        },
        ...guard('role:write'),
        config: { audit: { action: '修改角色', targetType: 'role' } },
      },
      async (req) => presentRoleDetail(await roles.update(requirePrincipal(req), req.params.id, req.body)),
    );

    app.post(
      '/:id/disable',
      {
        schema: { tags, summary: '停用角色', params: IdParams, response: { 200: RoleDetail } },
        ...guard('role:write'),
        config: { audit: { action: '停用角色', targetType: 'role' } },
      },
      async (req) =>
        presentRoleDetail(await roles.setStatus(requirePrincipal(req), req.params.id, 'disabled')),
    );

    app.post(
      '/:id/enable',
      {
        schema: { tags, summary: '启用角色', params: IdParams, response: { 200: RoleDetail } },
        ...guard('role:write'),
        config: { audit: { action: '启用角色', targetType: 'role' } },
      },
      async (req) => presentRoleDetail(await roles.setStatus(requirePrincipal(req), req.params.id, 'active')),
    );

    app.get(
      '/:id/permissions',
      {
        schema: {
          tags,
          summary: '角色的权限（按模块分组的权限树）',
          params: IdParams,
          response: { 200: RolePermissionTree },
        },
        ...guard('role:list'),
      },
      async (req) => presentRolePermissions(await roles.permissions(requirePrincipal(req), req.params.id)),
    );

    app.put(
      '/:id/permissions',
      {
        schema: {
          tags,
          summary: '设置角色权限（三员分立校验）',
          params: IdParams,
          body: SetPermissionsBody,
          response: { 200: RolePermissionTree },
        },
        ...guard('role:write'),
        config: { audit: { action: '设置角色权限', targetType: 'role' } },
      },
      async (req) =>
        presentRolePermissions(
          await roles.setPermissions(requirePrincipal(req), req.params.id, req.body.codes),
        ),
    );
  };
}

/** /api/system/permissions: the permission catalogue tree. */
export function permissionsRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const roles = new RolesService(ctx);
    app.get(
      '',
      {
        schema: { tags, summary: '权限目录（按模块分组）', response: { 200: PermissionCatalogue } },
        ...guard('role:list'),
      },
      async (req) => presentCatalogue(await roles.catalogue(requirePrincipal(req))),
    );
  };
}
