import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requirePrincipal } from '../../platform/auth/auth.hooks.js';
import type { AppContext } from '../../platform/context.js';
import { presentRegion, presentRegionTree, REGION_SOURCE_NOTE, REGION_XLSX } from './regions.presenter.js';
import { RegionListQuery, RegionPage, RegionTree, RegionTreeQuery } from './regions.schemas.js';
import { RegionsService } from './regions.service.js';
import { guard, mapPage, replyList } from './system.common.js';

const tags = ['系统管理-行政区划'];

/** /api/system/regions: 行政区划 (read-only). */
export function regionsRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const regions = new RegionsService(ctx);

    app.get(
      '/tree',
      {
        schema: {
          tags,
          summary: '行政区划树（含 ※ 待核对说明；scoped=true 限本人数据范围）',
          querystring: RegionTreeQuery,
          response: { 200: RegionTree },
        },
        ...guard('region:list'),
      },
      async (req) => ({
        items: (await regions.tree(requirePrincipal(req), req.query.scoped === true)).map(presentRegionTree),
        note: REGION_SOURCE_NOTE,
      }),
    );

    app.get(
      '',
      {
        schema: {
          tags,
          summary: '行政区划列表',
          querystring: RegionListQuery,
          response: { 200: RegionPage },
        },
        ...guard('region:list'),
      },
      async (req, reply) => {
        const { keyword, level, parentCode, ...q } = req.query;
        const page = mapPage(
          await regions.list(requirePrincipal(req), { keyword, level, parentCode }, q),
          presentRegion,
        );
        return replyList(reply, q.format, page, { filename: '行政区划', columns: REGION_XLSX });
      },
    );
  };
}
