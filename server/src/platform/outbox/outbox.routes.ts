import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { authorize, requirePrincipal } from '../auth/auth.hooks.js';
import type { AppContext } from '../context.js';
import { sendXlsx } from '../documents/xlsx.js';
import { IdParams, Paged } from '../http/schemas.js';
import { JOB_COLUMNS, presentJob } from '../jobs/jobs.presenter.js';
import { JobListQuery, JobReply } from '../jobs/jobs.schemas.js';
import { JobsService } from '../jobs/jobs.service.js';
import { EVENT_COLUMNS, presentEvent, presentEventDetail } from './outbox.presenter.js';
import { EventListQuery, OutboxEventDetailReply, OutboxEventReply } from './outbox.schemas.js';
import { OutboxService } from './outbox.service.js';

const TAGS = ['运维'];

/** GET /api/ops/outbox/events, /events/:id, /jobs; POST /events/:id/replay. */
export function outboxRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const outbox = new OutboxService(ctx);
    const jobs = new JobsService(ctx);

    app.get(
      '/events',
      {
        schema: {
          tags: TAGS,
          summary: '外发消息列表（可导出 xlsx）',
          querystring: EventListQuery,
          response: { 200: Paged(OutboxEventReply) },
        },
        preHandler: authorize('outbox:list'),
      },
      async (req, reply) => {
        const p = requirePrincipal(req, 'outbox:list');
        const { status, destination, aggregateType, aggregateId, ...q } = req.query;
        const page = await outbox.list(p, { status, destination, aggregateType, aggregateId }, q);
        const items = page.items.map(presentEvent);
        if (q.format === 'xlsx') return sendXlsx(reply, '外发消息', EVENT_COLUMNS, items);
        return { ...page, items };
      },
    );

    app.get(
      '/events/:id',
      {
        schema: {
          tags: TAGS,
          summary: '外发消息详情（含每次投递记录）',
          params: IdParams,
          response: { 200: OutboxEventDetailReply },
        },
        preHandler: authorize('outbox:list'),
      },
      async (req) => {
        const d = await outbox.get(requirePrincipal(req, 'outbox:list'), req.params.id);
        return presentEventDetail(d.event, d.attempts);
      },
    );

    app.post(
      '/events/:id/replay',
      {
        schema: {
          tags: TAGS,
          summary: '重放死信消息（沿用原幂等键）',
          params: IdParams,
          response: { 200: OutboxEventReply },
        },
        preHandler: authorize('outbox:replay'),
        config: { audit: { action: '重放外发消息', targetType: 'outbox_event' } },
      },
      async (req) => presentEvent(await outbox.replay(requirePrincipal(req, 'outbox:replay'), req.params.id)),
    );

    app.get(
      '/jobs',
      {
        schema: {
          tags: TAGS,
          summary: '后台作业列表（可导出 xlsx）',
          querystring: JobListQuery,
          response: { 200: Paged(JobReply) },
        },
        preHandler: authorize('outbox:list'),
      },
      async (req, reply) => {
        const p = requirePrincipal(req, 'outbox:list');
        const { status, name, ...q } = req.query;
        const page = await jobs.list(p, { status, name }, q);
        const items = page.items.map(presentJob);
        if (q.format === 'xlsx') return sendXlsx(reply, '后台作业', JOB_COLUMNS, items);
        return { ...page, items };
      },
    );
  };
}
