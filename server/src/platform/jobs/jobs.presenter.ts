import type { Static } from '@sinclair/typebox';
import type { XlsxColumn } from '../documents/xlsx.js';
import type { JobRow } from './jobs.repository.js';
import type { JobReply } from './jobs.schemas.js';
import type { JobStatus } from './jobs.tables.js';

export const JOB_STATUS_LABEL: Record<JobStatus, string> = {
  queued: '排队中',
  running: '执行中',
  done: '已完成',
  failed: '等待重试',
  dead: '死信',
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** job row → API shape (without the payload). */
export function presentJob(j: JobRow): Static<typeof JobReply> {
  return {
    id: j.id,
    name: j.name,
    status: j.status,
    statusLabel: JOB_STATUS_LABEL[j.status],
    attempts: j.attempts,
    maxAttempts: j.max_attempts,
    runAt: iso(j.run_at),
    lockedUntil: iso(j.locked_until),
    lastError: j.last_error,
    singletonKey: j.singleton_key,
    createdAt: j.created_at.toISOString(),
    startedAt: iso(j.started_at),
    finishedAt: iso(j.finished_at),
  };
}

type JobItem = Static<typeof JobReply>;

/** Columns of the 后台作业 export. */
export const JOB_COLUMNS: XlsxColumn<JobItem>[] = [
  { header: '作业编号', value: (r) => r.id, width: 38 },
  { header: '作业名称', value: (r) => r.name, width: 24 },
  { header: '状态', value: (r) => r.statusLabel },
  { header: '尝试次数', value: (r) => r.attempts },
  { header: '最大尝试次数', value: (r) => r.maxAttempts },
  { header: '计划执行时间', value: (r) => r.runAt, width: 26 },
  { header: '最近错误', value: (r) => r.lastError, width: 40 },
  { header: '创建时间', value: (r) => r.createdAt, width: 26 },
  { header: '完成时间', value: (r) => r.finishedAt, width: 26 },
];
