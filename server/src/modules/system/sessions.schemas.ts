import { Type } from '@sinclair/typebox';
import { PageQuery, Paged } from '../../platform/http/schemas.js';
import { Nullable } from './system.common.js';

export const SessionListQuery = Type.Object({
  keyword: Type.Optional(Type.String({ maxLength: 64, description: '用户名或姓名（模糊）' })),
  orgId: Type.Optional(Type.String({ format: 'uuid', description: '所属机构（含下级机构）' })),
  ...PageQuery,
});

export const SessionParams = Type.Object({
  id: Type.String({ pattern: '^[0-9a-f]{64}$', description: '会话编号（令牌的 SHA-256，不是令牌本身）' }),
});

export const SessionItem = Type.Object({
  id: Type.String(),
  userId: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  orgName: Type.String(),
  ip: Nullable(Type.String()),
  userAgent: Nullable(Type.String()),
  loginAt: Type.String(),
  lastSeenAt: Type.String(),
  expiresAt: Type.String(),
  current: Type.Boolean({ description: '是否为当前请求所用的会话' }),
});

export const SessionPage = Paged(SessionItem);

export const RevokeReply = Type.Object({
  ok: Type.Boolean(),
  userId: Type.String(),
  username: Type.String(),
});
