import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requirePrincipal } from '../../platform/auth/auth.hooks.js';
import type { AppContext } from '../../platform/context.js';
import { OkReply } from '../../platform/http/schemas.js';
import {
  presentTemplateDetail,
  presentTemplateListItem,
  TEMPLATE_XLSX,
} from './checklist.templates.presenter.js';
import {
  ChapterBody,
  ChapterParams,
  CreateTemplateBody,
  ItemBody,
  ItemParams,
  TemplateDetail,
  TemplateIdParams,
  TemplateListQuery,
  TemplateOrderBody,
  TemplatePage,
  UpdateChapterBody,
  UpdateItemBody,
  UpdateTemplateBody,
} from './checklist.templates.schemas.js';
import {
  ChecklistTemplatesService,
  TEMPLATE_PERMISSION,
  TEMPLATE_READ_PERMISSIONS,
  type TemplateFull,
} from './checklist.templates.service.js';
import { guard, mapPage, replyList } from './inspection.http.js';

const tags = ['生产许可-核查模板'];
const detail = (f: TemplateFull) => presentTemplateDetail(f.template, f.chapters, f.items);
const audit = (action: string) => ({ audit: { action, targetType: 'licensing.checklist_template' } });

/** /api/licensing/checklist-templates: the editor of the 核查模板 (template → chapters → items, rule, versions). */
export function checklistTemplateRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const svc = new ChecklistTemplatesService(ctx);
    const W = guard(TEMPLATE_PERMISSION);

    app.get(
      '',
      {
        schema: {
          tags,
          summary: '核查模板列表',
          querystring: TemplateListQuery,
          response: { 200: TemplatePage },
        },
        ...guard(TEMPLATE_READ_PERMISSIONS),
      },
      async (req, reply) => {
        const { keyword, status, code, varietyId, productUnitId, isExample, latestOnly, ...q } = req.query;
        const page = mapPage(
          await svc.list(
            requirePrincipal(req),
            { keyword, status, code, varietyId, productUnitId, isExample, latestOnly },
            q,
          ),
          presentTemplateListItem,
        );
        return replyList(reply, q.format, page, { filename: '核查模板', columns: TEMPLATE_XLSX });
      },
    );

    app.get(
      '/:id',
      {
        schema: {
          tags,
          summary: '核查模板详情（章节与条款）',
          params: TemplateIdParams,
          response: { 200: TemplateDetail },
        },
        ...guard(TEMPLATE_READ_PERMISSIONS),
      },
      async (req) => detail(await svc.get(requirePrincipal(req), req.params.id)),
    );

    app.post(
      '',
      {
        schema: {
          tags,
          summary: '新建核查模板（草稿，可一并导入章节与条款）',
          body: CreateTemplateBody,
          response: { 200: TemplateDetail },
        },
        ...W,
        config: audit('新建核查模板'),
      },
      async (req) => {
        const f = await svc.create(requirePrincipal(req), req.body);
        req.auditTarget = { id: f.template.id };
        return detail(f);
      },
    );

    app.put(
      '/:id',
      {
        schema: {
          tags,
          summary: '修改模板信息与判定规则（仅草稿）',
          params: TemplateIdParams,
          body: UpdateTemplateBody,
          response: { 200: TemplateDetail },
        },
        ...W,
        config: audit('修改核查模板'),
      },
      async (req) => detail(await svc.update(requirePrincipal(req), req.params.id, req.body)),
    );

    app.delete(
      '/:id',
      {
        schema: { tags, summary: '删除草稿模板', params: TemplateIdParams, response: { 200: OkReply } },
        ...W,
        config: audit('删除核查模板草稿'),
      },
      async (req) => {
        await svc.deleteDraft(requirePrincipal(req), req.params.id);
        return { ok: true };
      },
    );

    app.post(
      '/:id/chapters',
      {
        schema: {
          tags,
          summary: '新增章节',
          params: TemplateIdParams,
          body: ChapterBody,
          response: { 200: TemplateDetail },
        },
        ...W,
        config: audit('新增核查模板章节'),
      },
      async (req) => detail(await svc.addChapter(requirePrincipal(req), req.params.id, req.body)),
    );

    app.put(
      '/:id/chapters/:chapterId',
      {
        schema: {
          tags,
          summary: '修改章节',
          params: ChapterParams,
          body: UpdateChapterBody,
          response: { 200: TemplateDetail },
        },
        ...W,
        config: audit('修改核查模板章节'),
      },
      async (req) =>
        detail(await svc.updateChapter(requirePrincipal(req), req.params.id, req.params.chapterId, req.body)),
    );

    app.delete(
      '/:id/chapters/:chapterId',
      {
        schema: {
          tags,
          summary: '删除章节（含其条款）',
          params: ChapterParams,
          response: { 200: TemplateDetail },
        },
        ...W,
        config: audit('删除核查模板章节'),
      },
      async (req) =>
        detail(await svc.deleteChapter(requirePrincipal(req), req.params.id, req.params.chapterId)),
    );

    app.post(
      '/:id/items',
      {
        schema: {
          tags,
          summary: '新增核查条款',
          params: TemplateIdParams,
          body: ItemBody,
          response: { 200: TemplateDetail },
        },
        ...W,
        config: audit('新增核查条款'),
      },
      async (req) => detail(await svc.addItem(requirePrincipal(req), req.params.id, req.body)),
    );

    app.put(
      '/:id/items/:itemId',
      {
        schema: {
          tags,
          summary: '修改核查条款',
          params: ItemParams,
          body: UpdateItemBody,
          response: { 200: TemplateDetail },
        },
        ...W,
        config: audit('修改核查条款'),
      },
      async (req) =>
        detail(await svc.updateItem(requirePrincipal(req), req.params.id, req.params.itemId, req.body)),
    );

    app.delete(
      '/:id/items/:itemId',
      {
        schema: { tags, summary: '删除核查条款', params: ItemParams, response: { 200: TemplateDetail } },
        ...W,
        config: audit('删除核查条款'),
      },
      async (req) => detail(await svc.deleteItem(requirePrincipal(req), req.params.id, req.params.itemId)),
    );

    app.put(
      '/:id/order',
      {
        schema: {
          tags,
          summary:
            '调整章节与条款顺序（仅草稿；一次提交全部章节及其条款，可将条款移到其他章节；条款编号不变）',
          params: TemplateIdParams,
          body: TemplateOrderBody,
          response: { 200: TemplateDetail },
        },
        ...W,
        config: audit('调整核查模板章节与条款顺序'),
      },
      async (req) => detail(await svc.reorder(requirePrincipal(req), req.params.id, req.body)),
    );

    app.post(
      '/:id/publish',
      {
        schema: {
          tags,
          summary: '发布模板（发布后只读，原发布版本被替代）',
          params: TemplateIdParams,
          response: { 200: TemplateDetail },
        },
        ...W,
        config: audit('发布核查模板'),
      },
      async (req) => detail(await svc.publish(requirePrincipal(req), req.params.id)),
    );

    app.post(
      '/:id/versions',
      {
        schema: {
          tags,
          summary: '基于已发布模板创建新版本（草稿）',
          params: TemplateIdParams,
          response: { 200: TemplateDetail },
        },
        ...W,
        config: audit('创建核查模板新版本'),
      },
      async (req) => {
        const f = await svc.newVersion(requirePrincipal(req), req.params.id);
        req.auditTarget = { id: f.template.id };
        return detail(f);
      },
    );
  };
}
