import { AppError, badRequest, conflict, forbidden, notFound } from '../errors.js';
import { ALLOWED_LABELS, formatBytes } from './files.rules.js';

export const FileErrors = {
  tooLarge: (maxBytes: number) =>
    new AppError('FILE_TOO_LARGE', 413, `文件超过 ${formatBytes(maxBytes)} 上限`, 'file', { maxBytes }),
  typeNotAllowed: (what: string, detected?: string) =>
    badRequest(
      'FILE_TYPE_NOT_ALLOWED',
      `不支持的文件类型：${what}（允许：${ALLOWED_LABELS.join('、')}）`,
      'file',
      detected ? { allowed: ALLOWED_LABELS, detected } : { allowed: ALLOWED_LABELS },
    ),
  empty: () => badRequest('FILE_EMPTY', '文件为空（0 字节），请重新选择文件', 'file'),
  missing: () => badRequest('FILE_MISSING', '请选择要上传的文件（表单字段 file）', 'file'),
  notFound: () => notFound('FILE_NOT_FOUND', '文件不存在或已删除'),
  forbidden: () => forbidden('FILE_FORBIDDEN', '没有权限查看此文件'),
  deleteForbidden: () => forbidden('FILE_FORBIDDEN', '只能删除本人上传的附件'),
  attached: () => conflict('FILE_ATTACHED', '附件已关联到业务记录，不能删除'),
  attachInvalid: (fileIds: string[]) =>
    badRequest(
      'FILE_ATTACH_INVALID',
      `有 ${fileIds.length} 个附件不存在、已删除、已关联到其他记录或不是本人上传，请重新上传`,
      undefined,
      { fileIds },
    ),
};
