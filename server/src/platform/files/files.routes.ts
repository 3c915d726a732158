import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { authorize, requirePrincipal } from '../auth/auth.hooks.js';
import type { AppContext } from '../context.js';
import { IdParams, OkReply } from '../http/schemas.js';
import { FileErrors } from './files.errors.js';
import { presentFile } from './files.presenter.js';
import { canPreviewInline, contentDisposition } from './files.rules.js';
import { ContentQuery, FileMeta, UploadBody } from './files.schemas.js';
import { FileService } from './files.service.js';

const TAGS = ['附件'];

/** POST /api/files (upload), GET /:id (metadata), GET /:id/content (download), DELETE /:id (own, unattached). */
export function filesRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const files = new FileService(ctx);
    await app.register(multipart, {
      // One file per request. One byte over the limit lets the service see the excess and answer
      // FILE_TOO_LARGE itself; busboy discards the rest, so the client's upload is drained.
      limits: {
        fileSize: ctx.config.fileMaxBytes + 1,
        files: 1,
        fields: 10,
        fieldSize: 4096,
        parts: 11,
        headerPairs: 100,
      },
    });

    app.post(
      '/',
      {
        schema: {
          tags: TAGS,
          summary: '上传附件',
          description:
            'multipart/form-data，文件字段名 file，每次一个文件。按文件内容识别类型（PDF、JPG、PNG、OFD、DOCX、XLSX、ZIP；' +
            'TXT、CSV 须为 UTF-8 文本），大小上限见配置 FILE_MAX_MB。上传后未关联业务记录前仅上传人可见。',
          consumes: ['multipart/form-data'],
          body: UploadBody,
          response: { 201: FileMeta },
        },
        // The multipart stream is read by the handler; the body schema only documents it in OpenAPI.
        validatorCompiler: () => () => true,
        preHandler: authorize('file:upload'),
        config: { audit: { action: '上传附件', targetType: 'file' } },
      },
      async (req, reply) => {
        const p = requirePrincipal(req, 'file:upload');
        if (!req.isMultipart()) throw FileErrors.missing();
        const part = await req.file();
        if (!part) throw FileErrors.missing();
        const row = await files.upload(p, { filename: part.filename, content: part.file });
        req.auditTarget = { type: 'file', id: row.id };
        return reply.status(201).send(presentFile(row));
      },
    );

    app.get(
      '/:id',
      {
        schema: { tags: TAGS, summary: '附件信息', params: IdParams, response: { 200: FileMeta } },
        preHandler: authorize(),
      },
      async (req) => presentFile(await files.getForRead(requirePrincipal(req), req.params.id)),
    );

    app.get(
      '/:id/content',
      {
        schema: {
          tags: TAGS,
          summary: '下载附件',
          description: '返回文件内容；响应头 x-content-sha256 为内容的 SHA-256。',
          params: IdParams,
          querystring: ContentQuery,
          response: {
            200: {
              description: '文件内容（Content-Type 为识别出的类型）',
              content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
            },
          },
        },
        preHandler: authorize(),
      },
      async (req, reply) => {
        const { file, stream } = await files.openForRead(requirePrincipal(req), req.params.id);
        const inline = req.query.inline === true && canPreviewInline(file.ext);
        return reply
          .header('content-type', file.mime)
          .header('content-length', file.size)
          .header('content-disposition', contentDisposition(file.original_name, inline))
          .header('x-content-sha256', file.sha256)
          .send(stream);
      },
    );

    app.delete(
      '/:id',
      {
        schema: {
          tags: TAGS,
          summary: '删除本人上传且未关联的附件',
          params: IdParams,
          response: { 200: OkReply },
        },
        preHandler: authorize(),
        config: { audit: { action: '删除附件', targetType: 'file' } },
      },
      async (req) => {
        await files.removeUnattached(requirePrincipal(req), req.params.id);
        return { ok: true };
      },
    );
  };
}
