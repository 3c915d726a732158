import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requirePrincipal } from '../../platform/auth/auth.hooks.js';
import type { AppContext } from '../../platform/context.js';
import { sendXlsx } from '../../platform/documents/xlsx.js';
import { IdParams } from '../../platform/http/schemas.js';
import { CERTIFICATE_READ } from './certificates.service.js';
import { guard, mapPage, replyList } from './inspection.http.js';
import { LicensingPermissions } from './licensing.permissions.js';
import {
  presentSelfInspection,
  presentSelfInspectionDetail,
  presentStatus,
  SELF_INSPECTION_XLSX,
  statusXlsx,
} from './self-inspection.presenter.js';
import {
  SelfInspectionBody,
  SelfInspectionDetail,
  SelfInspectionListQuery,
  SelfInspectionPage,
  SelfInspectionStatusPage,
  SelfInspectionStatusQuery,
} from './self-inspection.schemas.js';
import { SelfInspectionService } from './self-inspection.service.js';

const tags = ['生产许可-年度自查报告'];

/** /api/licensing/self-inspections: 年度自查报告 (《办法》第四十八条). */
export function selfInspectionRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const svc = new SelfInspectionService(ctx);
    const read = guard([...CERTIFICATE_READ]);

    app.get(
      '',
      {
        schema: {
          tags,
          summary: '已提交的自查报告（企业看本企业，监管人员按辖区；format=xlsx 导出）',
          querystring: SelfInspectionListQuery,
          response: { 200: SelfInspectionPage },
        },
        ...read,
      },
      async (req, reply) => {
        const { year, certificateId, late, keyword, regionCode, ...q } = req.query;
        const page = mapPage(
          await svc.list(requirePrincipal(req), { year, certificateId, late, keyword, regionCode }, q),
          presentSelfInspection,
        );
        return replyList(reply, q.format, page, { filename: '年度自查报告', columns: SELF_INSPECTION_XLSX });
      },
    );

    app.get(
      '/status',
      {
        schema: {
          tags,
          summary:
            '某年度各有效证书的自查报告提交情况（应交未交的责令改正，《办法》第五十一条；format=xlsx 导出）',
          querystring: SelfInspectionStatusQuery,
          response: { 200: SelfInspectionStatusPage },
        },
        ...read,
      },
      async (req, reply) => {
        const { year, status, keyword, regionCode, ...q } = req.query;
        const page = await svc.status(requirePrincipal(req), { year, status, keyword, regionCode }, q);
        const items = page.items.map(presentStatus);
        if (q.format === 'xlsx')
          return sendXlsx(reply, `${year}年度自查报告提交情况`, statusXlsx(page.deadline), items);
        return { ...page, items };
      },
    );

    app.get(
      '/:id',
      {
        schema: { tags, summary: '自查报告内容', params: IdParams, response: { 200: SelfInspectionDetail } },
        ...read,
      },
      async (req) => presentSelfInspectionDetail(await svc.get(requirePrincipal(req), req.params.id)),
    );

    app.post(
      '',
      {
        schema: {
          tags,
          summary: '提交年度自查报告（企业；每证每年一份，提交后不可修改）',
          body: SelfInspectionBody,
          response: { 200: SelfInspectionDetail },
        },
        ...guard(LicensingPermissions.apply),
        config: { audit: { action: '提交年度自查报告', targetType: 'licensing.self-inspection' } },
      },
      async (req) => presentSelfInspectionDetail(await svc.submit(requirePrincipal(req), req.body)),
    );
  };
}
