import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requirePrincipal } from '../../platform/auth/auth.hooks.js';
import type { AppContext } from '../../platform/context.js';
import { guard, mapPage, replyList } from './inspection.http.js';
import {
  INSPECTION_XLSX,
  presentInspectionDetail,
  presentInspectionListItem,
  presentTeamCandidates,
  TEAM_NOTE,
} from './inspection.presenter.js';
import {
  ConcludeBody,
  DeclareBody,
  InspectionDetail,
  InspectionListQuery,
  InspectionPage,
  ItemBody,
  ItemsBody,
  PlanBody,
  TaskItemParams,
  TaskParams,
  TeamBody,
  TeamCandidatesQuery,
  TeamCandidatesReply,
  TemplateChoiceBody,
} from './inspection.schemas.js';
import { INSPECT_PERMISSION, InspectionService } from './inspection.service.js';

const tags = ['生产许可-现场核查'];
const audit = (action: string) => ({ audit: { action, targetType: 'licensing.inspection' } });

/**
 * /api/licensing/inspections: 现场核查 tasks. Officers see tasks in their data scope; the team and the observer
 * see their own tasks. The whole task (template snapshot, records, suggestion) comes in one GET for tablets.
 */
export function inspectionRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const svc = new InspectionService(ctx);

    app.get(
      '',
      {
        schema: {
          tags,
          summary: '核查任务列表（数据范围内；审查组成员和观察员看本人任务）',
          description:
            '每条带申请编号、产品、核查期限（《办法》第十八条）和是否超期；可按核查期限（inspectionDueDate）、计划开始日期（planStart）排序，按 overdue=true 筛选超期任务。',
          querystring: InspectionListQuery,
          response: { 200: InspectionPage },
        },
        ...guard(),
      },
      async (req, reply) => {
        const { status, keyword, regionCode, applicationId, finalResult, mine, overdue, ...q } = req.query;
        const page = mapPage(
          await svc.list(
            requirePrincipal(req),
            { status, keyword, regionCode, applicationId, finalResult, mine, overdue },
            q,
          ),
          presentInspectionListItem,
        );
        return replyList(reply, q.format, page, { filename: '现场核查任务', columns: INSPECTION_XLSX });
      },
    );

    app.get(
      '/:id',
      {
        schema: {
          tags,
          summary: '核查任务全部内容（模板快照、审查组、记录、建议结论）',
          params: TaskParams,
          response: { 200: InspectionDetail },
        },
        ...guard(),
      },
      async (req) => presentInspectionDetail(await svc.detail(requirePrincipal(req), req.params.id)),
    );

    app.get(
      '/:id/team/candidates',
      {
        schema: {
          tags,
          summary: '审查组人员候选（数据范围内的监管、检验人员及已登记的核查人员、专家）',
          description: TEAM_NOTE,
          params: TaskParams,
          querystring: TeamCandidatesQuery,
          response: { 200: TeamCandidatesReply },
        },
        ...guard(INSPECT_PERMISSION),
      },
      async (req) =>
        presentTeamCandidates(
          await svc.teamCandidates(requirePrincipal(req), req.params.id, req.query.keyword),
        ),
    );

    app.put(
      '/:id/team',
      {
        schema: {
          tags,
          summary: '组建审查组（2–4 人，1 名组长，不得全部来自同一单位，利害关系声明）',
          params: TaskParams,
          body: TeamBody,
          response: { 200: InspectionDetail },
        },
        ...guard(INSPECT_PERMISSION),
        config: audit('组建审查组'),
      },
      async (req) =>
        presentInspectionDetail(await svc.setTeam(requirePrincipal(req), req.params.id, req.body)),
    );

    app.post(
      '/:id/declarations',
      {
        schema: {
          tags,
          summary: '登记利害关系声明（本人声明，或管理人员代为登记）',
          params: TaskParams,
          body: DeclareBody,
          response: { 200: InspectionDetail },
        },
        ...guard(),
        config: audit('登记利害关系声明'),
      },
      async (req) =>
        presentInspectionDetail(await svc.declare(requirePrincipal(req), req.params.id, req.body)),
    );

    app.put(
      '/:id/plan',
      {
        schema: {
          tags,
          summary: '核查计划（日期、通知企业日期）',
          params: TaskParams,
          body: PlanBody,
          response: { 200: InspectionDetail },
        },
        ...guard(INSPECT_PERMISSION),
        config: audit('制定核查计划'),
      },
      async (req) =>
        presentInspectionDetail(await svc.setPlan(requirePrincipal(req), req.params.id, req.body)),
    );

    app.put(
      '/:id/template',
      {
        schema: {
          tags,
          summary: '选定核查模板（已发布版本，开始记录前）',
          params: TaskParams,
          body: TemplateChoiceBody,
          response: { 200: InspectionDetail },
        },
        ...guard(INSPECT_PERMISSION),
        config: audit('选定核查模板'),
      },
      async (req) =>
        presentInspectionDetail(
          await svc.setTemplate(requirePrincipal(req), req.params.id, req.body.templateId),
        ),
    );

    app.put(
      '/:id/items',
      {
        schema: {
          tags,
          summary: '批量保存核查记录（审查组成员）',
          description:
            '每条可带 expectedRecordedAt（打开时的 recordedAt，尚无记录为 null）：该条已被他人修改时整体不保存，返回 409，字段 items.N.expectedRecordedAt。判“不符合”“基本符合”须填写问题描述和整改要求。',
          params: TaskParams,
          body: ItemsBody,
          response: { 200: InspectionDetail },
        },
        ...guard(),
        config: audit('填写核查记录'),
      },
      async (req) =>
        presentInspectionDetail(await svc.saveItems(requirePrincipal(req), req.params.id, req.body.items)),
    );

    app.put(
      '/:id/items/:itemId',
      {
        schema: {
          tags,
          summary: '保存一条核查记录（审查组成员）',
          description:
            '带 expectedRecordedAt（打开时的 recordedAt，尚无记录为 null）时，该条已被他人修改则返回 409。不传 evidenceFileIds 保留已有证据附件。',
          params: TaskItemParams,
          body: ItemBody,
          response: { 200: InspectionDetail },
        },
        ...guard(),
        config: audit('填写核查记录'),
      },
      async (req) =>
        presentInspectionDetail(
          await svc.saveItems(
            requirePrincipal(req),
            req.params.id,
            [{ itemId: req.params.itemId, ...req.body }],
            '',
          ),
        ),
    );

    app.post(
      '/:id/conclude',
      {
        schema: {
          tags,
          summary: '组长作出核查结论（推进许可审批流程）',
          params: TaskParams,
          body: ConcludeBody,
          response: { 200: InspectionDetail },
        },
        ...guard(),
        config: audit('作出核查结论'),
      },
      async (req) =>
        presentInspectionDetail(await svc.conclude(requirePrincipal(req), req.params.id, req.body)),
    );
  };
}
