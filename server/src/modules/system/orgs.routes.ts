import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requirePrincipal } from '../../platform/auth/auth.hooks.js';
import type { AppContext } from '../../platform/context.js';
import { IdParams } from '../../platform/http/schemas.js';
import { ORG_XLSX, presentJurisdiction, presentOrg, presentOrgTree } from './orgs.presenter.js';
import {
  CreateOrgBody,
  JurisdictionBody,
  JurisdictionReply,
  OrgItem,
  OrgListQuery,
  OrgPage,
  OrgTree,
  OrgTreeQuery,
  UpdateOrgBody,
} from './orgs.schemas.js';
import { OrgsService } from './orgs.service.js';
import { guard, mapPage, replyList } from './system.common.js';

const tags = ['系统管理-组织机构'];

/** /api/system/orgs: 组织机构 and 管辖关系. */
export function orgsRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const orgs = new OrgsService(ctx);

    app.get(
      '/tree',
      {
        schema: {
          tags,
          summary: '机构树（数据范围内）',
          querystring: OrgTreeQuery,
          response: { 200: OrgTree },
        },
        ...guard('org:list'),
      },
      async (req) => ({
        items: (await orgs.tree(requirePrincipal(req), req.query.status)).map(presentOrgTree),
      }),
    );

    app.get(
      '',
      {
        schema: { tags, summary: '机构列表', querystring: OrgListQuery, response: { 200: OrgPage } },
        ...guard('org:list'),
      },
      async (req, reply) => {
        const { keyword, type, status, parentId, regionCode, ...q } = req.query;
        const page = await orgs.list(
          requirePrincipal(req),
          { keyword, type, status, parentId, regionCode },
          q,
        );
        return replyList(
          reply,
          q.format,
          mapPage(page, (o) => presentOrg(o)),
          { filename: '组织机构', columns: ORG_XLSX },
        );
      },
    );

    app.get(
      '/:id',
      {
        schema: { tags, summary: '机构详情', params: IdParams, response: { 200: OrgItem } },
        ...guard('org:list'),
      },
      async (req) => presentOrg(await orgs.get(requirePrincipal(req), req.params.id), true),
    );

    app.post(
      '',
      {
        schema: { tags, summary: '新增机构', body: CreateOrgBody, response: { 200: OrgItem } },
        ...guard('org:write'),
        config: { audit: { action: '新增机构', targetType: 'organization' } },
      },
      async (req) => {
        const o = await orgs.create(requirePrincipal(req), req.body);
        req.auditTarget = { id: o.id };
        return presentOrg(o, true);
      },
    );

    app.put(
      '/:id',
      {
        schema: {
          tags,
          summary: '修改机构',
          params: IdParams,
          body: UpdateOrgBody,
          response: { 200: OrgItem },
        },
        ...guard('org:write'),
        config: { audit: { action: '修改机构', targetType: 'organization' } },
      },
      async (req) => presentOrg(await orgs.update(requirePrincipal(req), req.params.id, req.body), true),
    );

    app.post(
      '/:id/disable',
      {
        schema: {
          tags,
          summary: '停用机构（须无正常用户和下级机构）',
          params: IdParams,
          response: { 200: OrgItem },
        },
        ...guard('org:write'),
        config: { audit: { action: '停用机构', targetType: 'organization' } },
      },
      async (req) => presentOrg(await orgs.setStatus(requirePrincipal(req), req.params.id, 'disabled'), true),
    );

    app.post(
      '/:id/enable',
      {
        schema: { tags, summary: '启用机构', params: IdParams, response: { 200: OrgItem } },
        ...guard('org:write'),
        config: { audit: { action: '启用机构', targetType: 'organization' } },
      },
      async (req) => presentOrg(await orgs.setStatus(requirePrincipal(req), req.params.id, 'active'), true),
    );

    app.get(
      '/:id/jurisdiction',
      {
        schema: {
          tags,
          summary: '管辖关系（机构管辖的区划）',
          params: IdParams,
          response: { 200: JurisdictionReply },
        },
        ...guard('org:list'),
      },
      async (req) => presentJurisdiction(await orgs.jurisdiction(requirePrincipal(req), req.params.id)),
    );

    app.put(
      '/:id/jurisdiction',
      {
        schema: {
          tags,
          summary: '替换管辖关系',
          params: IdParams,
          body: JurisdictionBody,
          response: { 200: JurisdictionReply },
        },
        ...guard('org:write'),
        config: { audit: { action: '修改管辖关系', targetType: 'organization' } },
      },
      async (req) =>
        presentJurisdiction(
          await orgs.replaceJurisdiction(requirePrincipal(req), req.params.id, req.body.items),
        ),
    );
  };
}
