import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requirePrincipal } from '../../platform/auth/auth.hooks.js';
import type { AppContext } from '../../platform/context.js';
import { OkReply } from '../../platform/http/schemas.js';
import { DICT_XLSX, presentDictItem, presentDictType } from './dicts.presenter.js';
import {
  CreateDictItemBody,
  CreateDictTypeBody,
  DictCodeParams,
  DictItem,
  DictItemParams,
  DictItemsQuery,
  DictItemsReply,
  DictListQuery,
  DictTypeItem,
  DictTypePage,
  UpdateDictItemBody,
  UpdateDictTypeBody,
} from './dicts.schemas.js';
import { DictsService } from './dicts.service.js';
import { guard, mapPage, replyList } from './system.common.js';

const tags = ['系统管理-数据字典'];

/** /api/system/dicts: 数据字典. */
export function dictsRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const dicts = new DictsService(ctx);

    app.get(
      '',
      {
        schema: {
          tags,
          summary: '字典类型列表',
          querystring: DictListQuery,
          response: { 200: DictTypePage },
        },
        ...guard('dict:list'),
      },
      async (req, reply) => {
        const { keyword, status, ...q } = req.query;
        const page = mapPage(
          await dicts.list(requirePrincipal(req), { keyword, status }, q),
          presentDictType,
        );
        return replyList(reply, q.format, page, { filename: '数据字典', columns: DICT_XLSX });
      },
    );

    app.get(
      '/:code',
      {
        schema: { tags, summary: '字典类型详情', params: DictCodeParams, response: { 200: DictTypeItem } },
        ...guard('dict:list'),
      },
      async (req) => presentDictType(await dicts.getType(requirePrincipal(req), req.params.code)),
    );

    app.post(
      '',
      {
        schema: { tags, summary: '新增字典类型', body: CreateDictTypeBody, response: { 200: DictTypeItem } },
        ...guard('dict:write'),
        config: { audit: { action: '新增字典类型', targetType: 'dict_type' } },
      },
      async (req) => {
        const t = await dicts.createType(requirePrincipal(req), req.body);
        req.auditTarget = { id: t.code };
        return presentDictType(t);
      },
    );

    app.put(
      '/:code',
      {
        schema: {
          tags,
          summary: '修改字典类型',
          params: DictCodeParams,
          body: UpdateDictTypeBody,
          response: { 200: DictTypeItem },
        },
        ...guard('dict:write'),
        config: { audit: { action: '修改字典类型', targetType: 'dict_type' } },
      },
      async (req) => {
        req.auditTarget = { id: req.params.code };
        return presentDictType(await dicts.updateType(requirePrincipal(req), req.params.code, req.body));
      },
    );

    app.delete(
      '/:code',
      {
        schema: {
          tags,
          summary: '删除字典类型（内置字典不能删除）',
          params: DictCodeParams,
          response: { 200: OkReply },
        },
        ...guard('dict:write'),
        config: { audit: { action: '删除字典类型', targetType: 'dict_type' } },
      },
      async (req) => {
        req.auditTarget = { id: req.params.code };
        await dicts.deleteType(requirePrincipal(req), req.params.code);
        return { ok: true };
      },
    );

    app.get(
      '/:code/items',
      {
        schema: {
          tags,
          summary: '字典项（表单使用，登录即可；停用项需 dict:list）',
          params: DictCodeParams,
          querystring: DictItemsQuery,
          response: { 200: DictItemsReply },
        },
        ...guard(),
      },
      async (req) => {
        const r = await dicts.items(
          requirePrincipal(req),
          req.params.code,
          req.query.includeDisabled ?? false,
        );
        return { code: r.type.code, name: r.type.name, items: r.items.map(presentDictItem) };
      },
    );

    app.post(
      '/:code/items',
      {
        schema: {
          tags,
          summary: '新增字典项',
          params: DictCodeParams,
          body: CreateDictItemBody,
          response: { 200: DictItem },
        },
        ...guard('dict:write'),
        config: { audit: { action: '新增字典项', targetType: 'dict_item' } },
      },
      async (req) => {
        const i = await dicts.createItem(requirePrincipal(req), req.params.code, req.body);
        req.auditTarget = { id: i.id };
        return presentDictItem(i);
      },
    );

    app.put(
      '/:code/items/:id',
      {
        schema: {
          tags,
          summary: '修改字典项',
          params: DictItemParams,
          body: UpdateDictItemBody,
          response: { 200: DictItem },
        },
        ...guard('dict:write'),
        config: { audit: { action: '修改字典项', targetType: 'dict_item' } },
      },
      async (req) =>
        presentDictItem(
          await dicts.updateItem(requirePrincipal(req), req.params.code, req.params.id, req.body),
        ),
    );

    app.delete(
      '/:code/items/:id',
      {
        schema: {
          tags,
          summary: '删除字典项（内置字典不能删除）',
          params: DictItemParams,
          response: { 200: OkReply },
        },
        ...guard('dict:write'),
        config: { audit: { action: '删除字典项', targetType: 'dict_item' } },
      },
      async (req) => {
        await dicts.deleteItem(requirePrincipal(req), req.params.code, req.params.id);
        return { ok: true };
      },
    );
  };
}
