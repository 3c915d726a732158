import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requirePrincipal } from '../../platform/auth/auth.hooks.js';
import type { AppContext } from '../../platform/context.js';
import { IdParams, OkReply } from '../../platform/http/schemas.js';
import { NOTICE_XLSX, presentMyNotice, presentNotice, presentNoticeDetail } from './notices.presenter.js';
import {
  CreateNoticeBody,
  MyNoticesQuery,
  MyNoticesReply,
  NoticeDetail,
  NoticeListQuery,
  NoticePage,
  UpdateNoticeBody,
} from './notices.schemas.js';
import { NoticesService } from './notices.service.js';
import { guard, mapPage, replyList } from './system.common.js';

const tags = ['系统管理-通知公告'];

/** /api/system/notices: 通知公告. */
export function noticesRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const notices = new NoticesService(ctx);

    app.get(
      '/mine',
      {
        schema: {
          tags,
          summary: '我的公告（已发布，含已读标记）',
          querystring: MyNoticesQuery,
          response: { 200: MyNoticesReply },
        },
        ...guard(),
      },
      async (req) => {
        const { unreadOnly, ...q } = req.query;
        const r = await notices.mine(requirePrincipal(req), unreadOnly ?? false, q);
        return { ...r, items: r.items.map(presentMyNotice) };
      },
    );

    app.post(
      '/:id/read',
      {
        schema: { tags, summary: '标记公告已读', params: IdParams, response: { 200: OkReply } },
        ...guard(),
        config: { audit: { action: '阅读公告', targetType: 'notice' } },
      },
      async (req) => {
        await notices.markRead(requirePrincipal(req), req.params.id);
        return { ok: true };
      },
    );

    app.get(
      '',
      {
        schema: {
          tags,
          summary: '公告管理列表',
          querystring: NoticeListQuery,
          response: { 200: NoticePage },
        },
        ...guard('notice:write'),
      },
      async (req, reply) => {
        const { keyword, type, status, ...q } = req.query;
        const page = mapPage(
          await notices.list(requirePrincipal(req), { keyword, type, status }, q),
          presentNotice,
        );
        return replyList(reply, q.format, page, { filename: '通知公告', columns: NOTICE_XLSX });
      },
    );

    app.get(
      '/:id',
      {
        schema: { tags, summary: '公告详情', params: IdParams, response: { 200: NoticeDetail } },
        ...guard('notice:write'),
      },
      async (req) => presentNoticeDetail(await notices.get(requirePrincipal(req), req.params.id)),
    );

    app.post(
      '',
      {
        schema: {
          tags,
          summary: '新增公告（草稿）',
          body: CreateNoticeBody,
          response: { 200: NoticeDetail },
        },
        ...guard('notice:write'),
        config: { audit: { action: '新增公告', targetType: 'notice' } },
      },
      async (req) => {
        const n = await notices.create(requirePrincipal(req), req.body);
        req.auditTarget = { id: n.id };
        return presentNoticeDetail(n);
      },
    );

    app.put(
      '/:id',
      {
        schema: {
          tags,
          summary: '修改公告（草稿或已撤回）',
          params: IdParams,
          body: UpdateNoticeBody,
          response: { 200: NoticeDetail },
        },
        ...guard('notice:write'),
        config: { audit: { action: '修改公告', targetType: 'notice' } },
      },
      async (req) =>
        presentNoticeDetail(await notices.update(requirePrincipal(req), req.params.id, req.body)),
    );

    app.delete(
      '/:id',
      {
        schema: { tags, summary: '删除公告（仅草稿）', params: IdParams, response: { 200: OkReply } },
        ...guard('notice:write'),
        config: { audit: { action: '删除公告', targetType: 'notice' } },
      },
      async (req) => {
        await notices.delete(requirePrincipal(req), req.params.id);
        return { ok: true };
      },
    );

    app.post(
      '/:id/publish',
      {
        schema: { tags, summary: '发布公告', params: IdParams, response: { 200: NoticeDetail } },
        ...guard('notice:write'),
        config: { audit: { action: '发布公告', targetType: 'notice' } },
      },
      async (req) => presentNoticeDetail(await notices.publish(requirePrincipal(req), req.params.id)),
    );

    app.post(
      '/:id/withdraw',
      {
        schema: { tags, summary: '撤回公告', params: IdParams, response: { 200: NoticeDetail } },
        ...guard('notice:write'),
        config: { audit: { action: '撤回公告', targetType: 'notice' } },
      },
      async (req) => presentNoticeDetail(await notices.withdraw(requirePrincipal(req), req.params.id)),
    );
  };
}
