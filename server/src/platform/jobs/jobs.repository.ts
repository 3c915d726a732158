import { sql, type Insertable, type Selectable } from 'kysely';
import type { Database } from '../db/database.js';
import type { JobScheduleTable, JobStatus, JobTable } from './jobs.tables.js';

export type JobRow = Selectable<JobTable>;
export type JobScheduleRow = Selectable<JobScheduleTable>;

/** Statuses of a job that still has work ahead (the partial indexes cover them). */
export const ACTIVE_JOB_STATUSES: JobStatus[] = ['queued', 'running', 'failed'];

export interface JobListFilter {
  status?: JobStatus | undefined;
  name?: string | undefined;
}

/** The job queue's tables. The only Kysely user in jobs; `db` may be a caller's transaction. */
export class JobsRepository {
  constructor(private readonly db: Database) {}

  /** Inserts a job; with a singleton key already active, inserts nothing and returns undefined. */
  async insert(row: Insertable<JobTable>): Promise<string | undefined> {
    const r = await this.db
      .insertInto('job')
      .values(row)
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst();
    return r?.id;
  }

  async findActiveBySingletonKey(key: string): Promise<string | undefined> {
    const r = await this.db
      .selectFrom('job')
      .select('id')
      .where('singleton_key', '=', key)
      .where('status', 'in', ACTIVE_JOB_STATUSES)
      .executeTakeFirst();
    return r?.id;
  }

  findById(id: string) {
    return this.db.selectFrom('job').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /**
   * Claims up to `limit` due jobs of the given names in one short transaction with FOR UPDATE SKIP LOCKED,
   * so concurrent workers never take the same job. A job whose lease expired (its node died) is due
   * again; when it has no attempts left it goes to dead instead. Returns the claimed rows.
   */
  async claimDue(
    names: string[],
    now: Date,
    limit: number,
    leaseMsFor: (name: string) => number,
  ): Promise<{ claimed: JobRow[]; expired: number }> {
    if (names.length === 0 || limit < 1) return { claimed: [], expired: 0 };
    return this.db.transaction().execute(async (trx) => {
      const due = await trx
        .selectFrom('job')
        .select(['id', 'name', 'status', 'attempts', 'max_attempts'])
        .where('name', 'in', names)
        .where((eb) =>
          eb.or([
            eb.and([
              eb('status', 'in', ['queued', 'failed']),
              eb.or([eb('run_at', 'is', null), eb('run_at', '<=', now)]),
            ]),
            eb.and([eb('status', '=', 'running'), eb('locked_until', '<=', now)]),
          ]),
        )
        .orderBy('id')
        .limit(limit)
        .forUpdate()
        .skipLocked()
        .execute();
      const exhausted = due.filter((j) => j.status === 'running' && j.attempts >= j.max_attempts);
      if (exhausted.length) {
        await trx
          .updateTable('job')
          .set({
            status: 'dead',
            locked_until: null,
            finished_at: now,
            last_error: '执行超时或节点中断（租约过期），已达最大尝试次数',
          })
          .where(
            'id',
            'in',
            exhausted.map((j) => j.id),
          )
          .execute();
      }
      const byLease = new Map<number, string[]>();
      for (const j of due) {
        if (exhausted.includes(j)) continue;
        const lease = leaseMsFor(j.name);
        byLease.set(lease, [...(byLease.get(lease) ?? []), j.id]);
      }
      const claimed: JobRow[] = [];
      for (const [lease, ids] of byLease) {
        const rows = await trx
          .updateTable('job')
          .set((eb) => ({
            status: 'running',
            attempts: eb('attempts', '+', 1),
            locked_until: new Date(now.getTime() + lease),
            started_at: now,
          }))
          .where('id', 'in', ids)
          .returningAll()
          .execute();
        claimed.push(...rows);
      }
      claimed.sort((a, b) => (a.id < b.id ? -1 : 1));
      return { claimed, expired: exhausted.length };
    });
  }

  /**
   * Marks a claimed job done. Fenced by the attempt number: a node whose lease ran out and whose job
   * was taken over changes nothing. Returns false in that case.
   */
  async markDone(id: string, attempt: number, now: Date): Promise<boolean> {
    const r = await this.db
      .updateTable('job')
      .set({ status: 'done', locked_until: null, finished_at: now, last_error: null })
      .where('id', '=', id)
      .where('status', '=', 'running')
      .where('attempts', '=', attempt)
      .executeTakeFirst();
    return r.numUpdatedRows > 0n;
  }

  /** Records a failed attempt: retry at `retryAt`, or dead when `dead`. Fenced like markDone. */
  async markFailed(
    id: string,
    attempt: number,
    error: string,
    now: Date,
    dead: boolean,
    retryAt: Date,
  ): Promise<boolean> {
    const r = await this.db
      .updateTable('job')
      .set({
        status: dead ? 'dead' : 'failed',
        locked_until: null,
        last_error: error,
        run_at: dead ? undefined : retryAt,
        finished_at: dead ? now : null,
      })
      .where('id', '=', id)
      .where('status', '=', 'running')
      .where('attempts', '=', attempt)
      .executeTakeFirst();
    return r.numUpdatedRows > 0n;
  }

  /** Filtered list query for paging (platform/http/paging.ts). */
  listQuery(f: JobListFilter) {
    let q = this.db.selectFrom('job').selectAll();
    if (f.status) q = q.where('status', '=', f.status);
    if (f.name) q = q.where('name', '=', f.name);
    return q;
  }

  /** Active and dead jobs by status (done jobs are history, not backlog). */
  async countBacklog(): Promise<Array<{ status: JobStatus; n: number }>> {
    const rows = await this.db
      .selectFrom('job')
      .select(['status', sql<string>`count(*)`.as('n')])
      .where('status', 'in', [...ACTIVE_JOB_STATUSES, 'dead'])
      .groupBy('status')
      .execute();
    return rows.map((r) => ({ status: r.status, n: Number(r.n) }));
  }

  /**
   * Creates the schedule row or updates its cron and job; the next run is recomputed only when the
   * cron changed, so restarts and other nodes do not move a pending slot.
   */
  async upsertSchedule(row: { name: string; cron: string; job_name: string; next_run_at: Date }) {
    await this.db
      .insertInto('job_schedule')
      .values(row)
      .onConflict((oc) =>
        oc.column('name').doUpdateSet({
          job_name: (eb) => eb.ref('excluded.job_name'),
          cron: (eb) => eb.ref('excluded.cron'),
          next_run_at: sql<Date>`case when job_schedule.cron <> excluded.cron
            then excluded.next_run_at else job_schedule.next_run_at end`,
        }),
      )
      .execute();
  }

  dueSchedules(names: string[], now: Date): Promise<JobScheduleRow[]> {
    if (names.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('job_schedule')
      .selectAll()
      .where('name', 'in', names)
      .where('enabled', '=', true)
      .where('next_run_at', '<=', now)
      .orderBy('next_run_at')
      .execute();
  }

  /**
   * Moves a schedule from the slot `expected` to `next` only if no other node did so first (a conditional
   * UPDATE): true means this caller owns the slot and must enqueue its job in the same transaction.
   */
  async advanceSchedule(name: string, expected: Date, next: Date): Promise<boolean> {
    const r = await this.db
      .updateTable('job_schedule')
      .set({ last_run_at: expected, next_run_at: next })
      .where('name', '=', name)
      .where('next_run_at', '=', expected)
      .where('enabled', '=', true)
      .executeTakeFirst();
    return r.numUpdatedRows > 0n;
  }

  findSchedule(name: string) {
    return this.db.selectFrom('job_schedule').selectAll().where('name', '=', name).executeTakeFirst();
  }
}
