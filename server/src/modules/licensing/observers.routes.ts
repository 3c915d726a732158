import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requirePrincipal } from '../../platform/auth/auth.hooks.js';
import type { AppContext } from '../../platform/context.js';
import { guard } from './inspection.http.js';
import { OBSERVER_NOTE, presentDraw, presentPool, presentReplay } from './inspection.presenter.js';
import {
  AssignObserverBody,
  DrawList,
  DrawObserverBody,
  DrawParams,
  DrawReply,
  DrawResultReply,
  ObserverChangeReply,
  ObserverPoolReply,
  RemoveObserverQuery,
  ReplayReply,
  TaskParams,
} from './inspection.schemas.js';
import { OBSERVER_PERMISSION } from './inspection.service.js';
import { ObserversService } from './observers.service.js';

const tags = ['生产许可-指派观察员'];
const audit = (action: string) => ({ audit: { action, targetType: 'licensing.inspection' } });

/**
 * /api/licensing/inspections/:id/observer…: 指派观察员 by a city-bureau administrator (seed 行政许可 3): the pool,
 * a recorded random draw, manual assignment, and the replay of a draw from its record.
 */
export function observerRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const svc = new ObserversService(ctx);
    const G = guard(OBSERVER_PERMISSION);

    app.get(
      '/:id/observer/candidates',
      {
        schema: {
          tags,
          summary: '观察员抽取范围（辖区人员，已排除审查组成员和利害关系人）',
          description: OBSERVER_NOTE,
          params: TaskParams,
          response: { 200: ObserverPoolReply },
        },
        ...G,
      },
      async (req) => presentPool(await svc.pool(requirePrincipal(req), req.params.id)),
    );

    app.post(
      '/:id/observer/draw',
      {
        schema: {
          tags,
          summary: '随机抽取观察员（记录种子、算法与候选名单）',
          description: OBSERVER_NOTE,
          params: TaskParams,
          body: DrawObserverBody,
          response: { 200: DrawResultReply },
        },
        ...G,
        config: audit('随机抽取观察员'),
      },
      async (req) => {
        const r = await svc.draw(requirePrincipal(req), req.params.id, req.body?.expectedVersion);
        return { ...presentDraw(r.view), version: r.version };
      },
    );

    app.put(
      '/:id/observer',
      {
        schema: {
          tags,
          summary: '人工指派观察员',
          description: OBSERVER_NOTE,
          params: TaskParams,
          body: AssignObserverBody,
          response: { 200: ObserverChangeReply },
        },
        ...G,
        config: audit('人工指派观察员'),
      },
      async (req) => {
        const version = await svc.assign(
          requirePrincipal(req),
          req.params.id,
          req.body.userId,
          req.body.expectedVersion,
        );
        return { ok: true, version };
      },
    );

    app.delete(
      '/:id/observer',
      {
        schema: {
          tags,
          summary: '撤销观察员',
          params: TaskParams,
          querystring: RemoveObserverQuery,
          response: { 200: ObserverChangeReply },
        },
        ...G,
        config: audit('撤销观察员'),
      },
      async (req) => {
        const version = await svc.remove(requirePrincipal(req), req.params.id, req.query.expectedVersion);
        return { ok: true, version };
      },
    );

    app.get(
      '/:id/observer/draws',
      {
        schema: { tags, summary: '观察员抽取记录', params: TaskParams, response: { 200: DrawList } },
        ...G,
      },
      async (req) => ({ items: (await svc.draws(requirePrincipal(req), req.params.id)).map(presentDraw) }),
    );

    app.get(
      '/:id/observer/draws/:drawId',
      {
        schema: { tags, summary: '一次抽取的记录', params: DrawParams, response: { 200: DrawReply } },
        ...G,
      },
      async (req) => presentDraw(await svc.getDraw(requirePrincipal(req), req.params.id, req.params.drawId)),
    );

    app.get(
      '/:id/observer/draws/:drawId/replay',
      {
        schema: {
          tags,
          summary: '复算抽取结果（由记录的种子与候选名单重新计算，应与原结果一致）',
          params: DrawParams,
          response: { 200: ReplayReply },
        },
        ...G,
      },
      async (req) => presentReplay(await svc.replay(requirePrincipal(req), req.params.id, req.params.drawId)),
    );
  };
}
