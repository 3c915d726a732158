import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requirePrincipal } from '../../platform/auth/auth.hooks.js';
import type { AppContext } from '../../platform/context.js';
import { IdParams } from '../../platform/http/schemas.js';
import { guard, mapPage, replyList } from './inspection.http.js';
import { DOCUMENT_XLSX, presentDocument, presentDocumentDetail } from './documents.presenter.js';
import { DocumentDetail, DocumentFileQuery, DocumentListQuery, DocumentPage } from './documents.schemas.js';
import { DocumentsService } from './documents.service.js';
import { APPLICATION_VIEW_PERMISSIONS } from './licensing.permissions.js';

const tags = ['生产许可-许可文书'];

const MIME = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;

/**
 * /api/licensing/documents: 许可文书 (受理通知书, 补正告知书, 不予受理决定书, 核查结论, 准予/不予许可决定书,
 * 终止办理通知书). The enterprise sees its own, officers those in their jurisdiction.
 */
export function documentsRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const svc = new DocumentsService(ctx);
    const G = guard([...APPLICATION_VIEW_PERMISSIONS]);

    app.get(
      '',
      {
        schema: {
          tags,
          summary: '许可文书列表（企业看本企业，监管人员按辖区；format=xlsx 导出）',
          querystring: DocumentListQuery,
          response: { 200: DocumentPage },
        },
        ...G,
      },
      async (req, reply) => {
        const { kind, applicationId, keyword, issuedFrom, issuedTo, ...q } = req.query;
        const page = mapPage(
          await svc.list(requirePrincipal(req), { kind, applicationId, keyword, issuedFrom, issuedTo }, q),
          presentDocument,
        );
        return replyList(reply, q.format, page, { filename: '许可文书', columns: DOCUMENT_XLSX });
      },
    );

    app.get(
      '/:id',
      {
        schema: {
          tags,
          summary: '许可文书内容（出具时固定，不随之后的修改变化）',
          params: IdParams,
          response: { 200: DocumentDetail },
        },
        ...G,
      },
      async (req) => presentDocumentDetail(await svc.get(requirePrincipal(req), req.params.id)),
    );

    app.get(
      '/:id/file',
      {
        schema: {
          tags,
          summary: '下载许可文书（PDF，或 Word 供存档编辑）',
          params: IdParams,
          querystring: DocumentFileQuery,
          produces: [MIME.pdf, MIME.docx],
        },
        ...G,
      },
      async (req, reply) => {
        const format = req.query.format ?? 'pdf';
        const { doc, body } = await svc.render(requirePrincipal(req), req.params.id, format);
        const name = `${doc.title}-${doc.doc_no}.${format}`;
        return reply
          .header('content-type', MIME[format])
          .header(
            'content-disposition',
            `attachment; filename="document.${format}"; filename*=UTF-8''${encodeURIComponent(name)}`,
          )
          .send(body);
      },
    );
  };
}
