import type { Generated } from 'kysely';
import type { CreatedAt, Timestamp } from '../db/schema.js';

export type JobStatus = 'queued' | 'running' | 'done' | 'failed' | 'dead';

export interface JobTable {
  id: string;
  name: string;
  /** JSON text. */
  payload: string;
  status: Generated<JobStatus>;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  /** Null: as soon as possible. */
  run_at: Timestamp | null;
  locked_until: Timestamp | null;
  last_error: string | null;
  singleton_key: string | null;
  created_at: CreatedAt;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
}

export interface JobScheduleTable {
  name: string;
  cron: string;
  job_name: string;
  last_run_at: Timestamp | null;
  next_run_at: Timestamp;
  enabled: Generated<boolean>;
}

/** Tables of the job queue (migration 202611280040-jobs-outbox). */
export interface JobsTables {
  job: JobTable;
  job_schedule: JobScheduleTable;
}
