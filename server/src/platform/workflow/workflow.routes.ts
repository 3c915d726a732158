import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { authorize, requirePrincipal } from '../auth/auth.hooks.js';
import type { AppContext } from '../context.js';
import { sendXlsx } from '../documents/xlsx.js';
import { IdParams } from '../http/schemas.js';
import {
  INBOX_XLSX_COLUMNS,
  presentHistory,
  presentInboxItem,
  presentInstance,
} from './workflow.presenter.js';
import {
  ActBody,
  HistoryReply,
  InboxQuerySchema,
  InboxReply,
  InstanceDetailReply,
  TransferCandidatesReply,
} from './workflow.schemas.js';
import { WorkflowService } from './workflow.service.js';

const TAGS = ['流程待办'];

/** GET /api/workflow/inbox, /instances/:id, /instances/:id/history; POST /instances/:id/actions. */
export function workflowRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const wf = new WorkflowService(ctx);

    app.get(
      '/inbox',
      {
        schema: {
          tags: TAGS,
          summary: '我的待办（跨所有流程；format=xlsx 导出）',
          querystring: InboxQuerySchema,
          response: { 200: InboxReply },
        },
        preHandler: authorize(),
      },
      async (req, reply) => {
        const page = await wf.inbox(requirePrincipal(req), req.query);
        const items = page.items.map(presentInboxItem);
        if (req.query.format === 'xlsx') return sendXlsx(reply, '待办事项', INBOX_XLSX_COLUMNS, items);
        return { ...page, items };
      },
    );

    app.get(
      '/instances/:id',
      {
        schema: {
          tags: TAGS,
          summary: '流程事项详情（含当前用户可执行的操作）',
          params: IdParams,
          response: { 200: InstanceDetailReply },
        },
        preHandler: authorize(),
      },
      async (req) => presentInstance(await wf.detail(requirePrincipal(req), req.params.id)),
    );

    app.get(
      '/instances/:id/history',
      {
        schema: {
          tags: TAGS,
          summary: '办理过程（时间线）',
          params: IdParams,
          response: { 200: HistoryReply },
        },
        preHandler: authorize(),
      },
      async (req) => ({
        items: (await wf.history(requirePrincipal(req), req.params.id)).map(presentHistory),
      }),
    );

    app.get(
      '/instances/:id/transfer-candidates',
      {
        schema: {
          tags: TAGS,
          summary: '可转办人员（有该环节办理权限且在数据范围内）',
          params: IdParams,
          response: { 200: TransferCandidatesReply },
        },
        preHandler: authorize(),
      },
      async (req) => ({ items: await wf.transferCandidates(requirePrincipal(req), req.params.id) }),
    );

    app.post(
      '/instances/:id/actions',
      {
        schema: {
          tags: TAGS,
          summary: '办理（受理、审核、退回、补正、撤回、转办、终止等）',
          params: IdParams,
          body: ActBody,
          response: { 200: InstanceDetailReply },
        },
        preHandler: authorize(),
        config: { audit: { action: '流程办理', targetType: 'wf_instance' } },
      },
      async (req) => {
        const p = requirePrincipal(req);
        const { action, ...input } = req.body;
        await wf.act(p, req.params.id, action, input);
        return presentInstance(await wf.detail(p, req.params.id));
      },
    );
  };
}
