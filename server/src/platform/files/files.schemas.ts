import { Type } from '@sinclair/typebox';
import { Uuid } from '../http/schemas.js';

/** Metadata of a stored file as the API shows it. */
export const FileMeta = Type.Object(
  {
    id: Uuid,
    name: Type.String({ description: '原始文件名' }),
    size: Type.Integer({ description: '字节数' }),
    mime: Type.String({ description: '按内容识别的类型' }),
    ext: Type.String({ description: '按内容识别的扩展名' }),
    sha256: Type.String({ description: 'SHA-256（十六进制）' }),
    ownerType: Type.Union([Type.String(), Type.Null()], { description: '关联的业务记录类型；未关联为 null' }),
    ownerId: Type.Union([Type.String(), Type.Null()]),
    uploadedBy: Uuid,
    uploadedOrgId: Uuid,
    createdAt: Type.String({ format: 'date-time' }),
  },
  { description: '附件元数据' },
);

/** The multipart upload, for the OpenAPI document only (the route does not validate its body). */
export const UploadBody = Type.Unsafe<unknown>({
  type: 'object',
  description: 'multipart/form-data：字段 file 为文件（每次一个）',
  properties: { file: { type: 'string', format: 'binary', description: '文件' } },
  required: ['file'],
});

export const ContentQuery = Type.Object({
  inline: Type.Optional(Type.Boolean({ description: 'PDF、图片在浏览器内预览（否则下载）' })),
});
