import { Nullable } from '../http/schemas.js';
import { Type } from '@sinclair/typebox';
import { PageQuery } from '../http/schemas.js';

/** A string or null. */
export { Nullable } from '../http/schemas.js';
export const Iso = Type.String({ description: 'ISO 8601 时间' });

export const JobStatusSchema = Type.Union(
  [
    Type.Literal('queued'),
    Type.Literal('running'),
    Type.Literal('done'),
    Type.Literal('failed'),
    Type.Literal('dead'),
  ],
  { description: 'queued 排队 / running 执行中 / done 完成 / failed 等待重试 / dead 死信' },
);

export const JobListQuery = Type.Object(
  {
    status: Type.Optional(JobStatusSchema),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    ...PageQuery,
  },
  { additionalProperties: false },
);

export const JobReply = Type.Object({
  id: Type.String(),
  name: Type.String(),
  status: JobStatusSchema,
  statusLabel: Type.String(),
  attempts: Type.Integer(),
  maxAttempts: Type.Integer(),
  runAt: Nullable(Iso),
  lockedUntil: Nullable(Iso),
  lastError: Nullable(Type.String()),
  singletonKey: Nullable(Type.String()),
  createdAt: Iso,
  startedAt: Nullable(Iso),
  finishedAt: Nullable(Iso),
});
