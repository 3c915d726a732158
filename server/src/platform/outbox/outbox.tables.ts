import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Timestamp } from '../db/schema.js';

/** bigint: read as a string on both drivers, written as a number or string. */
export type BigIntColumn = ColumnType<string, string | number, string | number>;

export type OutboxStatus = 'pending' | 'delivered' | 'dead';

export interface OutboxSequenceTable {
  aggregate_type: string;
  aggregate_id: string;
  last_seq: BigIntColumn;
}

export interface OutboxEventTable {
  id: string;
  aggregate_type: string;
  aggregate_id: string;
  seq: BigIntColumn;
  event_type: string;
  destination: string;
  /** JSON text, sent as the request body. */
  payload: string;
  idempotency_key: string;
  status: Generated<OutboxStatus>;
  attempts: Generated<number>;
  /** Null: as soon as possible. */
  next_attempt_at: Timestamp | null;
  locked_until: Timestamp | null;
  last_error: string | null;
  created_at: CreatedAt;
  delivered_at: Timestamp | null;
}

export interface OutboxAttemptTable {
  id: string;
  event_id: string;
  attempt_no: number;
  at: Timestamp;
  duration_ms: number;
  ok: boolean;
  http_status: number | null;
  error: string | null;
}

/** Tables of the transactional outbox (migration 202611280040-jobs-outbox). */
export interface OutboxTables {
  outbox_sequence: OutboxSequenceTable;
  outbox_event: OutboxEventTable;
  outbox_attempt: OutboxAttemptTable;
}
