import { hasPermission, type Principal } from '../access/principal.js';
import type { AppContext } from '../context.js';
import type { Database } from '../db/database.js';
import { forbidden } from '../errors.js';
import { paginate, type ListQuery, type Page } from '../http/paging.js';
import { uuidv7 } from '../ids.js';
import { registerWorkerLoop } from '../../worker.js';
import { backoffMs } from './backoff.rules.js';
import { nextCronTime, parseCron } from './cron.rules.js';
import { JobErrors } from './jobs.errors.js';
import { JobsRepository, type JobListFilter, type JobRow } from './jobs.repository.js';
import { startPollLoop } from './poll-loop.js';

/** What a handler learns about the job it runs. */
export interface JobInfo {
  id: string;
  name: string;
  /** 1 on the first run. */
  attempt: number;
  maxAttempts: number;
}

/** A job handler: throw to fail the attempt (it is retried with backoff until max attempts). */
export type JobHandler<P = unknown> = (payload: P, job: JobInfo, ctx: AppContext) => Promise<void>;

export interface JobHandlerOptions {
  /** How long a claimed job is ours; after it another node may run it again. Default 5 minutes. */
  leaseMs?: number;
}

export interface EnqueueOptions {
  /** Not before this time; default as soon as possible. */
  runAt?: Date;
  /** Attempts before the job goes dead; default 5. */
  maxAttempts?: number;
  /** While a job with this key is queued, running or waiting for a retry, enqueue adds nothing. */
  singletonKey?: string;
}

export interface Enqueued {
  id: string;
  /** False when an active job with the same singleton key already existed (its id is returned). */
  created: boolean;
}

export interface RunSummary {
  claimed: number;
  done: number;
  retried: number;
  dead: number;
  /** Jobs whose lease expired with no attempts left (their node died on the last attempt). */
  expired: number;
}

export const DEFAULT_JOB_MAX_ATTEMPTS = 5;
export const DEFAULT_JOB_LEASE_MS = 5 * 60_000;
/** Jobs claimed per worker round. */
export const JOB_BATCH = 10;
const MAX_ERROR_CHARS = 2000;

const handlers = new Map<string, { handler: JobHandler; leaseMs: number }>();
const schedules = new Map<string, { cron: string; jobName: string }>();
let scheduleVersion = 0;
const syncedSchedules = new WeakMap<Database, number>();

/** Registers the handler of a job name (once per process, at module load). A later call replaces it. */
export function registerJobHandler<P>(
  name: string,
  handler: JobHandler<P>,
  opts: JobHandlerOptions = {},
): void {
  handlers.set(name, { handler: handler as JobHandler, leaseMs: opts.leaseMs ?? DEFAULT_JOB_LEASE_MS });
}

/**
 * Adds a job. Pass the caller's transaction to make the job part of the business change: it exists
 * only if that transaction commits. Inside a transaction pass that transaction, never ctx.db (on PGlite,
 * one connection, ctx.db would wait forever).
 */
export async function enqueue(
  db: Database,
  name: string,
  payload: unknown,
  opts: EnqueueOptions = {},
): Promise<Enqueued> {
  if (!name || name.length > 100) throw JobErrors.badName(name);
  const maxAttempts = opts.maxAttempts ?? DEFAULT_JOB_MAX_ATTEMPTS;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > 100) {
    throw JobErrors.badMaxAttempts(maxAttempts);
  }
  const repo = new JobsRepository(db);
  const text = JSON.stringify(payload ?? null);
  // Twice: the active job holding the singleton key may finish between the insert and the lookup.
  for (let round = 0; round < 2; round++) {
    const id = await repo.insert({
      id: uuidv7(),
      name,
      payload: text,
      max_attempts: maxAttempts,
      run_at: opts.runAt ?? null,
      locked_until: null,
      last_error: null,
      singleton_key: opts.singletonKey ?? null,
      started_at: null,
      finished_at: null,
    });
    if (id) return { id, created: true };
    if (!opts.singletonKey) break;
    const existing = await repo.findActiveBySingletonKey(opts.singletonKey);
    if (existing) return { id: existing, created: false };
  }
  throw JobErrors.insertFailed(name);
}

function errorText(err: unknown): string {
  const s = err instanceof Error ? err.message || err.name : String(err);
  return s.length > MAX_ERROR_CHARS ? s.slice(0, MAX_ERROR_CHARS) + '…' : s;
}

async function runOne(ctx: AppContext, job: JobRow, sum: RunSummary): Promise<void> {
  const repo = new JobsRepository(ctx.db);
  const h = handlers.get(job.name);
  const info: JobInfo = { id: job.id, name: job.name, attempt: job.attempts, maxAttempts: job.max_attempts };
  try {
    if (!h) throw new Error(`没有注册作业处理器: ${job.name}`);
    await h.handler(JSON.parse(job.payload) as unknown, info, ctx);
  } catch (err) {
    const now = ctx.clock.now();
    const dead = job.attempts >= job.max_attempts;
    const retryAt = new Date(now.getTime() + backoffMs(job.attempts));
    const recorded = await repo.markFailed(job.id, job.attempts, errorText(err), now, dead, retryAt);
    if (!recorded) {
      ctx.logger.warn({ jobId: job.id, job: job.name }, 'job lease lost before its failure was recorded');
    } else if (dead) {
      sum.dead++;
      ctx.logger.error({ err, jobId: job.id, job: job.name, attempt: job.attempts }, 'job dead');
    } else {
      sum.retried++;
      ctx.logger.warn({ err, jobId: job.id, job: job.name, attempt: job.attempts, retryAt }, 'job failed');
    }
    return;
  }
  if (await repo.markDone(job.id, job.attempts, ctx.clock.now())) sum.done++;
  else ctx.logger.warn({ jobId: job.id, job: job.name }, 'job lease lost before it finished');
}

/**
 * Claims up to `limit` due jobs (SKIP LOCKED, short transaction), runs their handlers outside that
 * transaction, and records done, retry with exponential backoff (2^n s, capped) or dead.
 */
export async function runDueJobs(ctx: AppContext, limit = JOB_BATCH): Promise<RunSummary> {
  const repo = new JobsRepository(ctx.db);
  const { claimed, expired } = await repo.claimDue(
    [...handlers.keys()],
    ctx.clock.now(),
    limit,
    (name) => handlers.get(name)?.leaseMs ?? DEFAULT_JOB_LEASE_MS,
  );
  const sum: RunSummary = { claimed: claimed.length, done: 0, retried: 0, dead: 0, expired };
  await Promise.all(
    claimed.map((job) =>
      // A failure to record (database gone) leaves the lease to expire; the job then runs again.
      runOne(ctx, job, sum).catch((err: unknown) =>
        ctx.logger.error({ err, jobId: job.id }, 'job result could not be recorded'),
      ),
    ),
  );
  return sum;
}

/**
 * Runs `jobName` at every slot of a 5-field cron (Asia/Shanghai). Each slot fires once across all nodes;
 * a slot is skipped while the previous run of the same schedule is still active.
 */
export function registerSchedule(name: string, cron: string, jobName: string): void {
  parseCron(cron);
  schedules.set(name, { cron, jobName });
  scheduleVersion++;
}

/** Writes the registered schedules to job_schedule (once per database and registry version). */
async function syncSchedules(ctx: AppContext): Promise<void> {
  if (syncedSchedules.get(ctx.db) === scheduleVersion) return;
  const version = scheduleVersion;
  const repo = new JobsRepository(ctx.db);
  const now = ctx.clock.now();
  for (const [name, s] of schedules) {
    await repo.upsertSchedule({
      name,
      cron: s.cron,
      job_name: s.jobName,
      next_run_at: nextCronTime(s.cron, now),
    });
  }
  syncedSchedules.set(ctx.db, version);
}

/**
 * Fires the due schedules: a conditional UPDATE moves next_run_at, and only the node whose update
 * succeeded enqueues the job, in the same transaction. Missed slots (worker down) fire once, not each.
 * Returns the number of jobs enqueued.
 */
export async function runSchedules(ctx: AppContext): Promise<number> {
  if (schedules.size === 0) return 0;
  await syncSchedules(ctx);
  const now = ctx.clock.now();
  const due = await new JobsRepository(ctx.db).dueSchedules([...schedules.keys()], now);
  let fired = 0;
  for (const s of due) {
    let next: Date;
    try {
      next = nextCronTime(s.cron, now);
    } catch (err) {
      ctx.logger.error({ err, schedule: s.name, cron: s.cron }, 'schedule cron invalid');
      continue;
    }
    const created = await ctx.db.transaction().execute(async (trx) => {
      if (!(await new JobsRepository(trx).advanceSchedule(s.name, s.next_run_at, next))) return false;
      const r = await enqueue(
        trx,
        s.job_name,
        { schedule: s.name, slot: s.next_run_at.toISOString() },
        { singletonKey: `schedule:${s.name}` },
      );
      return r.created;
    });
    if (created) fired++;
  }
  return fired;
}

/** Active and dead jobs by status, for /metrics. */
export function jobBacklog(ctx: Pick<AppContext, 'db'>) {
  return new JobsRepository(ctx.db).countBacklog();
}

/** Jobs list for the operations page (permission outbox:list). */
export class JobsService {
  constructor(private readonly ctx: AppContext) {}

  /** Paged, filtered job list. */
  async list(principal: Principal, filter: JobListFilter, q: ListQuery): Promise<Page<JobRow>> {
    if (!hasPermission(principal, 'outbox:list')) throw forbidden();
    const repo = new JobsRepository(this.ctx.db);
    return paginate(
      this.ctx.db,
      repo.listQuery(filter),
      q,
      { createdAt: 'created_at', runAt: 'run_at', name: 'name', status: 'status', attempts: 'attempts' },
      '-createdAt',
    );
  }
}

registerWorkerLoop('jobs', (ctx) =>
  startPollLoop({
    name: 'jobs',
    intervalMs: ctx.config.workerPollMs,
    logger: ctx.logger,
    tick: async () => {
      await runSchedules(ctx);
      const r = await runDueJobs(ctx, JOB_BATCH);
      return r.claimed >= JOB_BATCH;
    },
  }),
);
