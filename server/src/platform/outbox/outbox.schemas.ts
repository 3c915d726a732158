import { Type } from '@sinclair/typebox';
import { PageQuery } from '../http/schemas.js';

import { Iso, Nullable } from '../jobs/jobs.schemas.js';

export const OutboxStatusSchema = Type.Union(
  [Type.Literal('pending'), Type.Literal('delivered'), Type.Literal('dead')],
  { description: 'pending 待投递 / delivered 已投递 / dead 死信' },
);

export const EventListQuery = Type.Object(
  {
    status: Type.Optional(OutboxStatusSchema),
    destination: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    aggregateType: Type.Optional(Type.String({ minLength: 1, maxLength: 48 })),
    aggregateId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    ...PageQuery,
  },
  { additionalProperties: false },
);

export const OutboxEventReply = Type.Object({
  id: Type.String(),
  aggregateType: Type.String(),
  aggregateId: Type.String(),
  seq: Type.Integer(),
  eventType: Type.String(),
  destination: Type.String(),
  idempotencyKey: Type.String(),
  status: OutboxStatusSchema,
  statusLabel: Type.String(),
  attempts: Type.Integer(),
  nextAttemptAt: Nullable(Iso),
  lastError: Nullable(Type.String()),
  createdAt: Iso,
  deliveredAt: Nullable(Iso),
});

export const OutboxAttemptReply = Type.Object({
  attemptNo: Type.Integer(),
  at: Iso,
  durationMs: Type.Integer(),
  ok: Type.Boolean(),
  httpStatus: Type.Union([Type.Integer(), Type.Null()]),
  error: Nullable(Type.String()),
});

export const OutboxEventDetailReply = Type.Object({
  event: Type.Composite([OutboxEventReply, Type.Object({ payload: Type.String({ description: 'JSON' }) })]),
  attempts: Type.Array(OutboxAttemptReply),
});
