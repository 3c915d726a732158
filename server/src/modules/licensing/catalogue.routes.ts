import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { authorize, requirePrincipal } from '../../platform/auth/auth.hooks.js';
import type { AppContext } from '../../platform/context.js';
import { sendXlsx } from '../../platform/documents/xlsx.js';
import { IdParams, OkReply } from '../../platform/http/schemas.js';
import {
  NODE_XLSX,
  presentChecklistItem,
  presentNode,
  presentNodeDetail,
  presentRequirement,
  presentSetting,
  presentTerminationGround,
  REQUIREMENT_XLSX,
} from './catalogue.presenter.js';
import {
  CatalogueAllReply,
  CatalogueListQuery,
  CatalogueNodeDetail,
  CataloguePage,
  ChecklistQuery,
  ChecklistReply,
  CreateNodeBody,
  CreateRequirementBody,
  RequirementListQuery,
  RequirementPage,
  RequirementSchema,
  SettingParams,
  SettingSchema,
  SettingsReply,
  TerminationGroundsReply,
  UpdateNodeBody,
  UpdateRequirementBody,
  UpdateSettingBody,
} from './catalogue.schemas.js';
import { CatalogueService } from './catalogue.service.js';
import { LicensingPermissions as P } from './licensing.permissions.js';

const tags = ['生产许可-产品目录与规则'];

/** Login (and the permission) checked before validation, so 401/403 come before 400. */
const guard = (permission?: string) => ({ preValidation: authorize(permission) });

/** /api/licensing/catalogue: 产品目录 (类别 → 品种 → 产品单元); read by everyone logged in. */
export function catalogueRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const svc = new CatalogueService(ctx);

    app.get(
      '',
      {
        schema: {
          tags,
          summary: '产品目录列表（分页、筛选；format=xlsx 导出）',
          querystring: CatalogueListQuery,
          response: { 200: CataloguePage },
        },
        ...guard(),
      },
      async (req, reply) => {
        const { level, parentId, status, keyword, applicable, ...q } = req.query;
        const page = await svc.list({ level, parentId, status, keyword, applicable }, q);
        const items = page.items.map(presentNode);
        if (q.format === 'xlsx') return sendXlsx(reply, '生产许可产品目录', NODE_XLSX, items);
        return { ...page, items };
      },
    );

    app.get(
      '/all',
      {
        schema: {
          tags,
          summary: '完整产品目录（按层级排列，供树形选择）',
          response: { 200: CatalogueAllReply },
        },
        ...guard(),
      },
      async () => ({ items: (await svc.all()).map(presentNode) }),
    );

    app.get(
      '/:id',
      {
        schema: {
          tags,
          summary: '目录节点详情（含继承的编号与审批模式）',
          params: IdParams,
          response: { 200: CatalogueNodeDetail },
        },
        ...guard(),
      },
      async (req) => presentNodeDetail(await svc.get(req.params.id)),
    );

    app.post(
      '',
      {
        schema: {
          tags,
          summary: '新增目录节点',
          body: CreateNodeBody,
          response: { 200: CatalogueNodeDetail },
        },
        ...guard(P.catalogue),
        config: { audit: { action: '新增生产许可产品目录', targetType: 'licensing_catalogue' } },
      },
      async (req) => {
        const v = await svc.create(requirePrincipal(req), req.body);
        req.auditTarget = { id: v.id };
        return presentNodeDetail(v);
      },
    );

    app.put(
      '/:id',
      {
        schema: {
          tags,
          summary: '修改目录节点',
          params: IdParams,
          body: UpdateNodeBody,
          response: { 200: CatalogueNodeDetail },
        },
        ...guard(P.catalogue),
        config: { audit: { action: '修改生产许可产品目录', targetType: 'licensing_catalogue' } },
      },
      async (req) => presentNodeDetail(await svc.update(requirePrincipal(req), req.params.id, req.body)),
    );

    app.delete(
      '/:id',
      {
        schema: {
          tags,
          summary: '删除目录节点（仅未被使用的；否则请停用）',
          params: IdParams,
          response: { 200: OkReply },
        },
        ...guard(P.catalogue),
        config: { audit: { action: '删除生产许可产品目录', targetType: 'licensing_catalogue' } },
      },
      async (req) => {
        await svc.delete(requirePrincipal(req), req.params.id);
        return { ok: true };
      },
    );
  };
}

/** /api/licensing/material-requirements: 申请材料清单 per application type and catalogue node. */
export function materialRequirementRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const svc = new CatalogueService(ctx);

    app.get(
      '',
      {
        schema: {
          tags,
          summary: '申请材料要求列表（format=xlsx 导出）',
          querystring: RequirementListQuery,
          response: { 200: RequirementPage },
        },
        ...guard(),
      },
      async (req, reply) => {
        const { catalogueNodeId, applicationType, keyword, ...q } = req.query;
        const page = await svc.listRequirements(
          {
            catalogueNodeId: catalogueNodeId === 'default' ? null : catalogueNodeId,
            applicationType,
            keyword: keyword?.trim() || undefined,
          },
          q,
        );
        const items = page.items.map(presentRequirement);
        if (q.format === 'xlsx') return sendXlsx(reply, '申请材料要求', REQUIREMENT_XLSX, items);
        return { ...page, items };
      },
    );

    app.get(
      '/checklist',
      {
        schema: {
          tags,
          summary: '某产品单元、某申请类型的材料清单（默认清单叠加目录节点的配置）',
          querystring: ChecklistQuery,
          response: { 200: ChecklistReply },
        },
        ...guard(),
      },
      async (req) => ({
        items: (await svc.checklistPreview(req.query.productUnitId, req.query.type)).map(
          presentChecklistItem,
        ),
      }),
    );

    app.post(
      '',
      {
        schema: {
          tags,
          summary: '新增材料要求',
          body: CreateRequirementBody,
          response: { 200: RequirementSchema },
        },
        ...guard(P.catalogue),
        config: { audit: { action: '新增生产许可材料要求', targetType: 'licensing_requirement' } },
      },
      async (req) => {
        const r = await svc.createRequirement(requirePrincipal(req), req.body);
        req.auditTarget = { id: r.id };
        return presentRequirement(r);
      },
    );

    app.put(
      '/:id',
      {
        schema: {
          tags,
          summary: '修改材料要求',
          params: IdParams,
          body: UpdateRequirementBody,
          response: { 200: RequirementSchema },
        },
        ...guard(P.catalogue),
        config: { audit: { action: '修改生产许可材料要求', targetType: 'licensing_requirement' } },
      },
      async (req) =>
        presentRequirement(await svc.updateRequirement(requirePrincipal(req), req.params.id, req.body)),
    );

    app.delete(
      '/:id',
      {
        schema: { tags, summary: '删除材料要求', params: IdParams, response: { 200: OkReply } },
        ...guard(P.catalogue),
        config: { audit: { action: '删除生产许可材料要求', targetType: 'licensing_requirement' } },
      },
      async (req) => {
        await svc.deleteRequirement(requirePrincipal(req), req.params.id);
        return { ok: true };
      },
    );
  };
}

/** /api/licensing/settings: the rules licensing.md marks 【待确认】, as data with their defaults. */
export function licensingSettingsRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const svc = new CatalogueService(ctx);

    app.get(
      '',
      { schema: { tags, summary: '许可规则配置', response: { 200: SettingsReply } }, ...guard() },
      async () => ({ items: (await svc.settingRows()).map(presentSetting) }),
    );

    app.put(
      '/:key',
      {
        schema: {
          tags,
          summary: '修改许可规则配置（只影响之后的办理）',
          params: SettingParams,
          body: UpdateSettingBody,
          response: { 200: SettingSchema },
        },
        ...guard(P.catalogue),
        config: { audit: { action: '修改生产许可规则配置', targetType: 'licensing_setting' } },
      },
      async (req) => {
        req.auditTarget = { id: req.params.key };
        return presentSetting(await svc.updateSetting(requirePrincipal(req), req.params.key, req.body.value));
      },
    );
  };
}

/** /api/licensing/termination-grounds: 《办法》第三十二条 终止办理的情形. */
export function terminationGroundRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const svc = new CatalogueService(ctx);
    app.get(
      '',
      { schema: { tags, summary: '终止办理情形', response: { 200: TerminationGroundsReply } }, ...guard() },
      async () => ({ items: (await svc.terminationGrounds()).map(presentTerminationGround) }),
    );
  };
}
