import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { authorize, requirePrincipal } from '../../platform/auth/auth.hooks.js';
import type { AppContext } from '../../platform/context.js';
import { sendXlsx } from '../../platform/documents/xlsx.js';
import { IdParams } from '../../platform/http/schemas.js';
import {
  APPLICATION_XLSX,
  presentApplicationDetail,
  presentApplicationItem,
  presentStats,
  presentStatsCounters,
  STATS_XLSX,
} from './applications.presenter.js';
import {
  AcceptBody,
  ApplicationDetailSchema,
  ApplicationListQuery,
  ApplicationPage,
  AttachBody,
  CommentBody,
  CreateApplicationBody,
  DeskPage,
  DeskQuery,
  MaterialParams,
  StatsPage,
  StatsQuery,
  SupplementBody,
  TerminateBody,
  UpdateApplicationBody,
} from './applications.schemas.js';
import { ApplicationsService } from './applications.service.js';
import {
  APPLICATION_VIEW_PERMISSIONS,
  LicensingPermissions as P,
  TERMINATE_PERMISSIONS,
} from './licensing.permissions.js';
// The process must be registered wherever applications are submitted or acted on (HTTP and worker).
import './licensing.workflow.js';
// The daily 视为受理 job runs wherever the worker runs (the HTTP and worker builds load these routes).
import './deemed-acceptance.jobs.js';

const tags = ['生产许可-申请'];

/** Login (and one of the permissions) checked before validation, so 401/403 come before 400. */
const guard = (permission?: string | readonly string[]) => ({
  preValidation: authorize(
    permission === undefined ? undefined : typeof permission === 'string' ? permission : [...permission],
  ),
});
const audit = (action: string) => ({ config: { audit: { action, targetType: 'licensing_application' } } });

/**
 * /api/licensing/applications: 生产许可申请 (企业平台 and 业务受理, seed 行政许可 1–2). The workflow actions
 * themselves go through /api/workflow/instances/:id/actions; the routes here carry what those cannot
 * (materials, the 核查 choice at 受理, the ground of 终止办理).
 */
export function applicationsRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const svc = new ApplicationsService(ctx);

    app.get(
      '',
      {
        schema: {
          tags,
          summary:
            '申请列表（企业看本企业，监管人员按辖区；含剩余工作日、视为受理；可按办理期限筛选；format=xlsx 导出）',
          querystring: ApplicationListQuery,
          response: { 200: ApplicationPage },
        },
        ...guard(APPLICATION_VIEW_PERMISSIONS),
      },
      async (req, reply) => {
        const { state, ...rest } = req.query;
        const {
          type,
          productUnitId,
          regionCode,
          keyword,
          submittedFrom,
          submittedTo,
          overdue,
          dueFrom,
          dueTo,
          dueWithinDays,
          ...q
        } = rest;
        const page = await svc.list(
          requirePrincipal(req),
          {
            type,
            states: state ? state.split(',') : undefined,
            productUnitId,
            regionCode,
            keyword,
            submittedFrom,
            submittedTo,
            overdue,
            dueFrom,
            dueTo,
            dueWithinDays,
          },
          q,
        );
        const items = page.items.map(presentApplicationItem);
        if (q.format === 'xlsx') return sendXlsx(reply, '生产许可申请', APPLICATION_XLSX, items);
        return { ...page, items };
      },
    );

    app.get(
      '/:id',
      {
        schema: {
          tags,
          summary: '申请详情（含材料清单与已上传材料）',
          params: IdParams,
          response: { 200: ApplicationDetailSchema },
        },
        ...guard(APPLICATION_VIEW_PERMISSIONS),
      },
      async (req) => presentApplicationDetail(await svc.detail(requirePrincipal(req), req.params.id)),
    );

    app.post(
      '',
      {
        schema: {
          tags,
          summary: '新建申请（草稿）：选择产品单元与申请类型',
          body: CreateApplicationBody,
          response: { 200: ApplicationDetailSchema },
        },
        ...guard(P.apply),
        ...audit('新建生产许可申请'),
      },
      async (req) => {
        const d = await svc.create(requirePrincipal(req), req.body);
        req.auditTarget = { id: d.row.id };
        return presentApplicationDetail(d);
      },
    );

    app.put(
      '/:id',
      {
        schema: {
          tags,
          summary: '修改申请表（草稿或补正中）',
          params: IdParams,
          body: UpdateApplicationBody,
          response: { 200: ApplicationDetailSchema },
        },
        ...guard(P.apply),
        ...audit('修改生产许可申请'),
      },
      async (req) =>
        presentApplicationDetail(await svc.update(requirePrincipal(req), req.params.id, req.body)),
    );

    app.post(
      '/:id/materials',
      {
        schema: {
          tags,
          summary: '上传申请材料（先 POST /api/files 上传文件，再按材料编码关联到申请）',
          params: IdParams,
          body: AttachBody,
          response: { 200: ApplicationDetailSchema },
        },
        ...guard(P.apply),
        ...audit('上传生产许可申请材料'),
      },
      async (req) =>
        presentApplicationDetail(await svc.attach(requirePrincipal(req), req.params.id, req.body)),
    );

    app.delete(
      '/:id/materials/:materialId',
      {
        schema: {
          tags,
          summary: '移除申请材料（草稿或补正中）',
          params: MaterialParams,
          response: { 200: ApplicationDetailSchema },
        },
        ...guard(P.apply),
        ...audit('移除生产许可申请材料'),
      },
      async (req) =>
        presentApplicationDetail(
          await svc.removeMaterial(requirePrincipal(req), req.params.id, req.params.materialId),
        ),
    );

    app.post(
      '/:id/submit',
      {
        schema: {
          tags,
          summary: '提交申请（材料校验后进入受理；补正中则提交补正材料；注销申请转注销审批）',
          params: IdParams,
          body: CommentBody,
          response: { 200: ApplicationDetailSchema },
        },
        ...guard(P.apply),
        ...audit('提交生产许可申请'),
      },
      async (req) =>
        presentApplicationDetail(await svc.submit(requirePrincipal(req), req.params.id, req.body.comment)),
    );

    app.post(
      '/:id/withdraw',
      {
        schema: {
          tags,
          summary: '撤回申请（作出许可决定之前）',
          params: IdParams,
          body: CommentBody,
          response: { 200: ApplicationDetailSchema },
        },
        ...guard(P.apply),
        ...audit('撤回生产许可申请'),
      },
      async (req) =>
        presentApplicationDetail(await svc.withdraw(requirePrincipal(req), req.params.id, req.body.comment)),
    );

    app.post(
      '/:id/accept',
      {
        schema: {
          tags,
          summary: '受理，并确定是否需要实地核查',
          params: IdParams,
          body: AcceptBody,
          response: { 200: ApplicationDetailSchema },
        },
        ...guard(P.accept),
        ...audit('受理生产许可申请'),
      },
      async (req) =>
        presentApplicationDetail(await svc.accept(requirePrincipal(req), req.params.id, req.body)),
    );

    app.post(
      '/:id/supplement',
      {
        schema: {
          tags,
          summary: '补正告知（按配置决定补正期间是否暂停计时）',
          params: IdParams,
          body: SupplementBody,
          response: { 200: ApplicationDetailSchema },
        },
        ...guard(P.accept),
        ...audit('生产许可补正告知'),
      },
      async (req) =>
        presentApplicationDetail(await svc.supplement(requirePrincipal(req), req.params.id, req.body)),
    );

    app.post(
      '/:id/terminate',
      {
        schema: {
          tags,
          summary: '终止办理（《办法》第三十二条）',
          params: IdParams,
          body: TerminateBody,
          response: { 200: ApplicationDetailSchema },
        },
        ...guard(TERMINATE_PERMISSIONS),
        ...audit('终止办理生产许可申请'),
      },
      async (req) =>
        presentApplicationDetail(await svc.terminate(requirePrincipal(req), req.params.id, req.body)),
    );
  };
}

/** /api/licensing/acceptance-desk: 受理台 — applications waiting for 受理 in scope, with their due dates. */
export function acceptanceDeskRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const svc = new ApplicationsService(ctx);
    app.get(
      '',
      {
        schema: {
          tags,
          summary: '受理台（待受理的申请，默认按期限排序；format=xlsx 导出）',
          querystring: DeskQuery,
          response: { 200: DeskPage },
        },
        ...guard(P.accept),
      },
      async (req, reply) => {
        const { productUnitId, regionCode, keyword, type, overdue, ...q } = req.query;
        const page = await svc.desk(
          requirePrincipal(req),
          { productUnitId, regionCode, keyword, type, overdue },
          q,
        );
        const items = page.items.map(presentApplicationItem);
        if (q.format === 'xlsx') return sendXlsx(reply, '受理台', APPLICATION_XLSX, items);
        return { ...page, items };
      },
    );
  };
}

/** /api/licensing/statistics: counts by city, product, type or state, with the overdue ones. */
export function statisticsRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const svc = new ApplicationsService(ctx);
    app.get(
      '',
      {
        schema: {
          tags,
          summary:
            '生产许可申请统计（按设区市、产品、类型、状态；含超期数、视为受理数和全部数据的合计；format=xlsx 导出）',
          querystring: StatsQuery,
          response: { 200: StatsPage },
        },
        ...guard(P.stats),
      },
      async (req, reply) => {
        const { groupBy, type, state, productUnitId, regionCode, submittedFrom, submittedTo, ...q } =
          req.query;
        const page = await svc.stats(
          requirePrincipal(req),
          groupBy,
          {
            type,
            states: state ? state.split(',') : undefined,
            productUnitId,
            regionCode,
            submittedFrom,
            submittedTo,
          },
          q,
        );
        const items = page.items.map((r) => presentStats(groupBy, r));
        const totals = presentStatsCounters(page.totals);
        if (q.format === 'xlsx')
          return sendXlsx(reply, '生产许可统计', STATS_XLSX, [
            ...items,
            { key: '', label: '合计', ...totals },
          ]);
        return { items, total: page.total, page: page.page, pageSize: page.pageSize, totals };
      },
    );
  };
}
