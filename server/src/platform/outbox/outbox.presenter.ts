import type { Static } from '@sinclair/typebox';
import type { XlsxColumn } from '../documents/xlsx.js';
import { OUTBOX_STATUS_LABEL } from './outbox.errors.js';
import type { OutboxAttemptRow, OutboxEventRow } from './outbox.repository.js';
import type { OutboxAttemptReply, OutboxEventDetailReply, OutboxEventReply } from './outbox.schemas.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** outbox_event row → API shape (without the payload). */
export function presentEvent(e: OutboxEventRow): Static<typeof OutboxEventReply> {
  return {
    id: e.id,
    aggregateType: e.aggregate_type,
    aggregateId: e.aggregate_id,
    seq: Number(e.seq),
    eventType: e.event_type,
    destination: e.destination,
    idempotencyKey: e.idempotency_key,
    status: e.status,
    statusLabel: OUTBOX_STATUS_LABEL[e.status],
    attempts: e.attempts,
    nextAttemptAt: iso(e.next_attempt_at),
    lastError: e.last_error,
    createdAt: e.created_at.toISOString(),
    deliveredAt: iso(e.delivered_at),
  };
}

/** outbox_attempt row → API shape. */
export function presentAttempt(a: OutboxAttemptRow): Static<typeof OutboxAttemptReply> {
  return {
    attemptNo: a.attempt_no,
    at: a.at.toISOString(),
    durationMs: a.duration_ms,
    ok: a.ok,
    httpStatus: a.http_status,
    error: a.error,
  };
}

/** An event with its payload and attempts. */
export function presentEventDetail(
  e: OutboxEventRow,
  attempts: OutboxAttemptRow[],
): Static<typeof OutboxEventDetailReply> {
  return { event: { ...presentEvent(e), payload: e.payload }, attempts: attempts.map(presentAttempt) };
}

type EventItem = Static<typeof OutboxEventReply>;

/** Columns of the 外发消息 export. */
export const EVENT_COLUMNS: XlsxColumn<EventItem>[] = [
  { header: '消息编号', value: (r) => r.id, width: 38 },
  { header: '业务类型', value: (r) => r.aggregateType, width: 20 },
  { header: '业务编号', value: (r) => r.aggregateId, width: 30 },
  { header: '序号', value: (r) => r.seq },
  { header: '事件类型', value: (r) => r.eventType, width: 20 },
  { header: '投递目标', value: (r) => r.destination, width: 20 },
  { header: '状态', value: (r) => r.statusLabel },
  { header: '尝试次数', value: (r) => r.attempts },
  { header: '下次投递时间', value: (r) => r.nextAttemptAt, width: 26 },
  { header: '最近错误', value: (r) => r.lastError, width: 40 },
  { header: '创建时间', value: (r) => r.createdAt, width: 26 },
  { header: '投递成功时间', value: (r) => r.deliveredAt, width: 26 },
  { header: '幂等键', value: (r) => r.idempotencyKey, width: 38 },
];
