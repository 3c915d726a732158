import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { authorize, requirePrincipal } from '../auth/auth.hooks.js';
import type { AppContext } from '../context.js';
import { notFound } from '../errors.js';
import { uuidv7 } from '../ids.js';
import { defineProcess, registerProcess } from './workflow.definition.js';
import { WorkflowService } from './workflow.service.js';

/**
 * 演示事项 — a general approval process that exists only in demo mode, so the workbench, the inbox and the
 * workflow pages can be tried (and browser-tested) before the business modules bring their real processes.
 * Any logged-in user submits; officers holding 'org:list' in the record's region accept and approve.
 */
export const DEMO_PROCESS = defineProcess({
  key: 'demo.approval',
  label: '演示事项审批',
  initial: 'accepting',
  viewPermissions: ['org:list'],
  states: {
    accepting: {
      label: '受理',
      due: { days: 5, kind: 'working' },
      actions: {
        accept: { label: '受理', to: 'reviewing', permission: 'org:list' },
        supplement: {
          label: '补正告知',
          kind: 'returnToApplicant',
          to: 'supplementing',
          permission: 'org:list',
        },
        refuse: { label: '不予受理', kind: 'terminate', permission: 'org:list' },
        transfer: { label: '转办', kind: 'transfer' },
        withdraw: { label: '撤回', kind: 'withdraw' },
      },
    },
    supplementing: {
      label: '补正',
      applicant: true,
      pauses: true,
      actions: {
        resubmit: {
          label: '提交补正材料',
          kind: 'returnToPrevious',
          applicant: true,
          requiresComment: false,
        },
        withdraw: { label: '撤回', kind: 'withdraw' },
      },
    },
    reviewing: {
      label: '审核',
      due: { days: 10, kind: 'working' },
      actions: {
        approve: { label: '审核通过', to: 'done', permission: 'org:list' },
        back: { label: '退回上一步', kind: 'returnToPrevious', permission: 'org:list' },
      },
    },
    done: { label: '办结', terminal: true, outcome: 'completed' },
  },
});

const StartBody = Type.Object(
  { title: Type.String({ minLength: 2, maxLength: 100, description: '事项名称' }) },
  { additionalProperties: false },
);

/** POST /api/workflow/demo — starts a 演示事项 for the caller's organisation; 404 outside demo mode. */
export function demoProcessRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  registerProcess(DEMO_PROCESS);
  return async (app) => {
    const wf = new WorkflowService(ctx);
    app.post(
      '/',
      {
        schema: {
          tags: ['流程待办'],
          summary: '发起演示事项（仅演示模式）',
          body: StartBody,
          response: { 200: Type.Object({ id: Type.String() }) },
        },
        preHandler: authorize(),
        config: { audit: { action: '发起演示事项', targetType: 'workflow' } },
      },
      async (req) => {
        if (!ctx.config.demo) throw notFound('DEMO_DISABLED', '演示事项仅在演示模式下可用');
        const p = requirePrincipal(req);
        const inst = await wf.start(undefined, p, {
          processKey: DEMO_PROCESS.key,
          businessType: 'demo',
          businessId: uuidv7(),
          title: req.body.title,
          regionCode: p.orgRegionCode,
          orgId: p.orgId,
        });
        req.auditTarget = { id: inst.id };
        return { id: inst.id };
      },
    );
  };
}
