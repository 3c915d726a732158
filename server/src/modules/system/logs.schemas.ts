import { Type } from '@sinclair/typebox';
import { PageQuery, Paged } from '../../platform/http/schemas.js';
import { Nullable } from './system.common.js';

const DateTime = (description: string) => Type.String({ format: 'date-time', description });
const Result = Type.Union([Type.Literal('success'), Type.Literal('failure')]);

export const AuditListQuery = Type.Object({
  username: Type.Optional(Type.String({ maxLength: 64, description: '操作人用户名（精确）' })),
  action: Type.Optional(Type.String({ maxLength: 100, description: '操作（模糊）' })),
  result: Type.Optional(Result),
  from: Type.Optional(DateTime('开始时间（含）')),
  to: Type.Optional(DateTime('结束时间（含）')),
  targetType: Type.Optional(Type.String({ maxLength: 48 })),
  targetId: Type.Optional(Type.String({ maxLength: 100 })),
  ...PageQuery,
});

export const AuditItem = Type.Object({
  id: Type.String(),
  seq: Type.String(),
  at: Type.String(),
  userId: Nullable(Type.String()),
  username: Nullable(Type.String()),
  orgName: Nullable(Type.String()),
  action: Type.String(),
  method: Nullable(Type.String()),
  path: Nullable(Type.String()),
  targetType: Nullable(Type.String()),
  targetId: Nullable(Type.String()),
  ip: Nullable(Type.String()),
  result: Result,
  statusCode: Nullable(Type.Integer()),
  requestId: Nullable(Type.String()),
});

export const AuditDetail = Type.Object({
  ...AuditItem.properties,
  detail: Nullable(Type.String({ description: '请求内容（口令等已脱敏）' })),
  prevHash: Type.String(),
  hash: Type.String(),
});

export const AuditPage = Paged(AuditItem);

export const VerifyReply = Type.Object({
  ok: Type.Boolean(),
  checked: Type.Integer(),
  message: Type.String(),
  problem: Type.Optional(
    Type.Object({
      seq: Type.String(),
      kind: Type.Union([Type.Literal('changed'), Type.Literal('deleted'), Type.Literal('relinked')]),
      message: Type.String(),
    }),
  ),
});

export const LoginLogQuery = Type.Object({
  username: Type.Optional(Type.String({ maxLength: 64, description: '用户名（模糊）' })),
  result: Type.Optional(
    Type.String({ maxLength: 24, description: 'success / bad_password / locked / disabled …' }),
  ),
  ip: Type.Optional(Type.String({ maxLength: 64 })),
  from: Type.Optional(DateTime('开始时间（含）')),
  to: Type.Optional(DateTime('结束时间（含）')),
  ...PageQuery,
});

export const LoginLogItem = Type.Object({
  id: Type.String(),
  username: Type.String(),
  userId: Nullable(Type.String()),
  orgName: Nullable(Type.String()),
  ip: Nullable(Type.String()),
  userAgent: Nullable(Type.String()),
  result: Type.String(),
  resultLabel: Type.String(),
  message: Nullable(Type.String()),
  createdAt: Type.String(),
});

export const LoginLogPage = Paged(LoginLogItem);
