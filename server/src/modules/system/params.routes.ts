import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requirePrincipal } from '../../platform/auth/auth.hooks.js';
import type { AppContext } from '../../platform/context.js';
import { PARAM_XLSX, presentParam } from './params.presenter.js';
import { ParamItem, ParamKeyParams, ParamListQuery, ParamPage, UpdateParamBody } from './params.schemas.js';
import { ParamsService } from './params.service.js';
import { guard, mapPage, replyList } from './system.common.js';

const tags = ['系统管理-参数'];

/** /api/system/params: 系统参数. */
export function paramsRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const params = new ParamsService(ctx);

    app.get(
      '',
      {
        schema: { tags, summary: '系统参数列表', querystring: ParamListQuery, response: { 200: ParamPage } },
        ...guard('param:list'),
      },
      async (req, reply) => {
        const { keyword, ...q } = req.query;
        const page = mapPage(await params.list(requirePrincipal(req), keyword, q), presentParam);
        return replyList(reply, q.format, page, { filename: '系统参数', columns: PARAM_XLSX });
      },
    );

    app.get(
      '/:key',
      {
        schema: { tags, summary: '系统参数详情', params: ParamKeyParams, response: { 200: ParamItem } },
        ...guard('param:list'),
      },
      async (req) => presentParam(await params.get(requirePrincipal(req), req.params.key)),
    );

    app.put(
      '/:key',
      {
        schema: {
          tags,
          summary: '修改系统参数（按类型校验）',
          params: ParamKeyParams,
          body: UpdateParamBody,
          response: { 200: ParamItem },
        },
        ...guard('param:write'),
        config: { audit: { action: '修改系统参数', targetType: 'sys_param' } },
      },
      async (req) => {
        req.auditTarget = { id: req.params.key };
        return presentParam(await params.update(requirePrincipal(req), req.params.key, req.body.value));
      },
    );
  };
}
