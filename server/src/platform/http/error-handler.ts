import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError, type ErrorBody } from '../errors.js';

interface PgError {
  code?: string;
  constraint?: string;
  column?: string;
  detail?: string;
  table?: string;
}

const FORMAT_LABEL: Record<string, string> = {
  email: '电子邮箱',
  uuid: 'UUID',
  date: '日期 (YYYY-MM-DD)',
  'date-time': '日期时间',
  uri: '网址',
};

/** Translates one AJV validation error into a Chinese message and field path. */
export function translateValidation(err: FastifyError): { field: string; message: string } {
  const v = err.validation?.[0];
  if (!v) return { field: '', message: '请求参数不正确' };
  const base = (v.instancePath || '').replace(/^\//, '').replace(/\//g, '.');
  const p = v.params;
  const ctx =
    err.validationContext === 'querystring'
      ? '查询参数'
      : err.validationContext === 'params'
        ? '路径参数'
        : '';
  switch (v.keyword) {
    case 'required': {
      const f = [base, String(p.missingProperty)].filter(Boolean).join('.');
      return { field: f, message: `${ctx}缺少必填项: ${f}` };
    }
    case 'additionalProperties': {
      const f = [base, String(p.additionalProperty)].filter(Boolean).join('.');
      return { field: f, message: `${ctx}不允许的字段: ${f}` };
    }
    case 'minLength':
      return { field: base, message: `${base} 长度不能少于 ${String(p.limit)} 个字符` };
    case 'maxLength':
      return { field: base, message: `${base} 长度不能超过 ${String(p.limit)} 个字符` };
    case 'minimum':
      return { field: base, message: `${base} 不能小于 ${String(p.limit)}` };
    case 'maximum':
      return { field: base, message: `${base} 不能大于 ${String(p.limit)}` };
    case 'pattern':
      return { field: base, message: `${base} 格式不正确` };
    case 'format':
      return {
        field: base,
        message: `${base} 应为${FORMAT_LABEL[String(p.format)] ?? String(p.format)}格式`,
      };
    case 'type':
      return { field: base, message: `${base || '请求体'} 类型不正确，应为 ${String(p.type)}` };
    case 'enum':
    case 'const':
    case 'anyOf':
      return { field: base, message: `${base} 取值不在允许范围内` };
    case 'minItems':
      return { field: base, message: `${base} 至少需要 ${String(p.limit)} 项` };
    case 'maxItems':
      return { field: base, message: `${base} 最多允许 ${String(p.limit)} 项` };
    default:
      return { field: base, message: `${base || '请求参数'} 不符合要求` };
  }
}

/** Maps PostgreSQL SQLSTATE codes to client errors, once, for every module. */
export function translatePgError(e: PgError): AppError | undefined {
  switch (e.code) {
    case '23505':
      return new AppError('DUPLICATE', 409, '数据重复：已存在相同的记录', e.column ?? e.constraint, {
        constraint: e.constraint,
      });
    case '23503':
      return new AppError(
        'REFERENCE_INVALID',
        409,
        '关联数据不存在或仍被引用，操作无法完成',
        e.column ?? e.constraint,
        {
          constraint: e.constraint,
        },
      );
    case '23514':
      return new AppError('CHECK_VIOLATION', 400, '数据不符合约束条件', e.constraint);
    case '23502':
      return new AppError('REQUIRED', 400, `缺少必填项: ${e.column ?? ''}`, e.column);
    case '22P02':
    case '22007':
    case '22008':
      return new AppError('INVALID_VALUE', 400, '数据格式不正确');
    case '22001':
      return new AppError('VALUE_TOO_LONG', 400, '输入内容超过允许长度', e.column);
    case '22003':
      return new AppError('VALUE_OUT_OF_RANGE', 400, '数值超出允许范围', e.column);
    case '40001':
    case '40P01':
      return new AppError('CONCURRENT_UPDATE', 409, '数据正在被其他人修改，请稍后重试');
    default:
      return undefined;
  }
}

/** Installs the one error handler: no stack trace ever reaches a client; every body has the request id. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError & PgError, req, reply) => {
    let status = 500;
    let body: Omit<ErrorBody, 'requestId'>;
    if (err instanceof AppError) {
      status = err.status;
      body = { code: err.code, message: err.message };
      if (err.field) body.field = err.field;
      if (err.details) body.details = err.details;
    } else if (err.validation) {
      status = 400;
      const t = translateValidation(err);
      body = { code: 'VALIDATION', message: t.message, field: t.field };
    } else if (typeof err.code === 'string' && /^[0-9A-Z]{5}$/.test(err.code) && translatePgError(err)) {
      const t = translatePgError(err)!;
      status = t.status;
      body = { code: t.code, message: t.message };
      if (t.field) body.field = t.field;
    } else if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      status = err.statusCode;
      const known: Record<string, string> = {
        FST_ERR_CTP_INVALID_MEDIA_TYPE: '不支持的请求内容类型',
        FST_ERR_CTP_BODY_TOO_LARGE: '请求内容过大',
        FST_ERR_CTP_EMPTY_JSON_BODY: '请求体不能为空',
        FST_REQ_FILE_TOO_LARGE: '上传文件超过大小限制',
        FST_ERR_CTP_INVALID_JSON_BODY: '请求体不是合法的 JSON',
      };
      body = {
        code: err.code ?? 'BAD_REQUEST',
        // A module's own Chinese 4xx (e.g. the login rate limit's "请 N 秒后再试") is kept as it is.
        message:
          known[err.code] ??
          (/[\u4e00-\u9fa5]/.test(err.message)
            ? err.message
            : status === 429
              ? '请求过于频繁，请稍后再试'
              : '请求不正确'),
      };
      if (err instanceof SyntaxError) body = { code: 'INVALID_JSON', message: '请求体不是合法的 JSON' };
    } else {
      req.log.error({ err }, 'unhandled error');
      body = { code: 'INTERNAL', message: '系统内部错误，请联系管理员并提供请求编号' };
    }
    if (status >= 500) status = 500;
    return reply.status(status).send({ ...body, requestId: req.id });
  });
  app.setNotFoundHandler((req, reply) =>
    reply.status(404).send({
      code: 'NOT_FOUND',
      message: `接口不存在: ${req.method} ${req.url.split('?')[0]}`,
      requestId: req.id,
    }),
  );
}
