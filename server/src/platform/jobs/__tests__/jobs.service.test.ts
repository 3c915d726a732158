import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, FixedClock, type TestContext } from '../../../../test/harness.js';
import { startWorkers } from '../../../worker.js';
import { uuidv7 } from '../../ids.js';
import {
  enqueue,
  registerJobHandler,
  registerSchedule,
  runDueJobs,
  runSchedules,
  type JobInfo,
} from '../jobs.service.js';

describe('jobs (SKIP LOCKED queue)', () => {
  let t: TestContext;
  const clock = new FixedClock(new Date('2026-03-16T09:00:00+08:00'));
  beforeAll(async () => {
    t = await createTestContext({ clock, demo: false, config: { workerPollMs: 20 } });
  });
  afterAll(async () => t.close());

  const job = (id: string) =>
    t.ctx.db.selectFrom('job').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('retries a failing job with exponential backoff, then succeeds', async () => {
    const seen: JobInfo[] = [];
    registerJobHandler<{ n: number }>('test.flaky', async (payload, info) => {
      expect(payload).toEqual({ n: 7 });
      seen.push(info);
      if (info.attempt < 3) throw new Error(`第 ${info.attempt} 次失败`);
    });
    const { id, created } = await enqueue(t.ctx.db, 'test.flaky', { n: 7 });
    expect(created).toBe(true);

    const start = clock.now().getTime();
    expect(await runDueJobs(t.ctx)).toMatchObject({ claimed: 1, retried: 1 });
    let row = await job(id);
    expect(row).toMatchObject({
      status: 'failed',
      attempts: 1,
      last_error: '第 1 次失败',
      locked_until: null,
    });
    expect(row.run_at!.getTime() - start).toBe(2000);

    // Not due before the backoff has passed.
    clock.advance(1999);
    expect((await runDueJobs(t.ctx)).claimed).toBe(0);
    clock.advance(1);
    expect(await runDueJobs(t.ctx)).toMatchObject({ claimed: 1, retried: 1 });
    row = await job(id);
    expect(row.run_at!.getTime() - clock.now().getTime()).toBe(4000);

    clock.advance(4000);
    expect(await runDueJobs(t.ctx)).toMatchObject({ claimed: 1, done: 1 });
    row = await job(id);
    expect(row).toMatchObject({ status: 'done', attempts: 3, last_error: null, locked_until: null });
    expect(row.finished_at?.getTime()).toBe(clock.now().getTime());
    expect(seen.map((s) => s.attempt)).toEqual([1, 2, 3]);
    expect(seen[0]).toMatchObject({ id, name: 'test.flaky', maxAttempts: 5 });
  });

  it('sends a job to dead after its max attempts', async () => {
    let calls = 0;
    registerJobHandler('test.broken', async () => {
      calls++;
      throw new Error('外部系统不可用');
    });
    const { id } = await enqueue(t.ctx.db, 'test.broken', null, { maxAttempts: 3 });
    const outcomes = [];
    for (let i = 0; i < 5; i++) {
      outcomes.push(await runDueJobs(t.ctx));
      clock.advance(60_000);
    }
    expect(calls).toBe(3);
    expect(outcomes.map((o) => [o.retried, o.dead])).toEqual([
      [1, 0],
      [1, 0],
      [0, 1],
      [0, 0],
      [0, 0],
    ]);
    expect(await job(id)).toMatchObject({ status: 'dead', attempts: 3, last_error: '外部系统不可用' });
  });

  it('never runs one job twice when two workers poll at the same time (SKIP LOCKED)', async () => {
    // On PostgreSQL the two calls use two connections and really overlap; on PGlite they take turns.
    const runs = new Map<string, number>();
    registerJobHandler('test.parallel', async (_p, info) => {
      runs.set(info.id, (runs.get(info.id) ?? 0) + 1);
      await sleep(15);
    });
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push((await enqueue(t.ctx.db, 'test.parallel', { i })).id);
    let claimedTotal = 0;
    for (let round = 0; round < 10 && claimedTotal < ids.length; round++) {
      const [a, b] = await Promise.all([runDueJobs(t.ctx, 5), runDueJobs(t.ctx, 5)]);
      claimedTotal += a.claimed + b.claimed;
    }
    expect(claimedTotal).toBe(12);
    expect([...runs.keys()].sort()).toEqual([...ids].sort());
    expect([...runs.values()].every((n) => n === 1)).toBe(true);
    const done = await t.ctx.db
      .selectFrom('job')
      .select('id')
      .where('name', '=', 'test.parallel')
      .where('status', '=', 'done')
      .execute();
    expect(done).toHaveLength(12);
  });

  // PGlite has one connection, so a second transaction cannot hold a lock meanwhile: PostgreSQL only.
  it.runIf(Boolean(process.env.DATABASE_URL))(
    'skips a job another transaction has locked instead of waiting for it',
    async () => {
      const ran: string[] = [];
      registerJobHandler('test.locked', async (_p, info) => {
        ran.push(info.id);
      });
      const a = await enqueue(t.ctx.db, 'test.locked', 'a');
      const b = await enqueue(t.ctx.db, 'test.locked', 'b');
      let release: () => void = () => undefined;
      const held = new Promise<void>((r) => (release = r));
      let locked: () => void = () => undefined;
      const isLocked = new Promise<void>((r) => (locked = r));
      const locker = t.ctx.db.transaction().execute(async (trx) => {
        await trx.selectFrom('job').select('id').where('id', '=', a.id).forUpdate().execute();
        locked();
        await held;
      });
      await isLocked;
      // Returns at once with the unlocked job, while `a` stays locked by the other transaction.
      expect(await runDueJobs(t.ctx)).toMatchObject({ claimed: 1, done: 1 });
      expect(ran).toEqual([b.id]);
      release();
      await locker;
      expect(await runDueJobs(t.ctx)).toMatchObject({ claimed: 1, done: 1 });
      expect(ran).toEqual([b.id, a.id]);
    },
  );

  it('takes over a job whose node died (lease expired), and kills it when it had no attempts left', async () => {
    registerJobHandler('test.orphan', async () => undefined, { leaseMs: 30_000 });
    const now = clock.now();
    const { id: retried } = await enqueue(t.ctx.db, 'test.orphan', 1);
    const { id: exhausted } = await enqueue(t.ctx.db, 'test.orphan', 2, { maxAttempts: 1 });
    const { id: alive } = await enqueue(t.ctx.db, 'test.orphan', 3);
    // As a crashed node leaves them: running, leases in the past (or still valid for `alive`).
    await t.ctx.db
      .updateTable('job')
      .set({ status: 'running', attempts: 1, locked_until: new Date(now.getTime() - 1) })
      .where('id', 'in', [retried, exhausted])
      .execute();
    await t.ctx.db
      .updateTable('job')
      .set({ status: 'running', attempts: 1, locked_until: new Date(now.getTime() + 10_000) })
      .where('id', '=', alive)
      .execute();
    expect(await runDueJobs(t.ctx)).toMatchObject({ claimed: 1, done: 1, expired: 1 });
    expect(await job(retried)).toMatchObject({ status: 'done', attempts: 2 });
    expect((await job(exhausted)).status).toBe('dead');
    expect((await job(exhausted)).last_error).toContain('租约过期');
    expect(await job(alive)).toMatchObject({ status: 'running', attempts: 1 });
    clock.advance(10_000);
    expect(await runDueJobs(t.ctx)).toMatchObject({ claimed: 1, done: 1 });
    expect(await job(alive)).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('a stale node cannot overwrite the result of the node that took its job over', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    let calls = 0;
    registerJobHandler(
      'test.slow',
      async () => {
        calls++;
        if (calls === 1) await gate;
      },
      { leaseMs: 1000 },
    );
    const { id } = await enqueue(t.ctx.db, 'test.slow', null);
    const first = runDueJobs(t.ctx); // holds the job past its lease
    await expect.poll(() => calls).toBe(1);
    clock.advance(1000);
    expect(await runDueJobs(t.ctx)).toMatchObject({ claimed: 1, done: 1 });
    release();
    expect(await first).toMatchObject({ claimed: 1, done: 0 });
    expect(await job(id)).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('keeps one active job per singleton key', async () => {
    registerJobHandler('test.single', async () => undefined);
    const a = await enqueue(t.ctx.db, 'test.single', 1, { singletonKey: 'single:1' });
    const b = await enqueue(t.ctx.db, 'test.single', 2, { singletonKey: 'single:1' });
    const other = await enqueue(t.ctx.db, 'test.single', 3, { singletonKey: 'single:2' });
    expect(a.created).toBe(true);
    expect(b).toEqual({ id: a.id, created: false });
    expect(other.created).toBe(true);
    await runDueJobs(t.ctx);
    // Finished jobs free the key.
    const c = await enqueue(t.ctx.db, 'test.single', 4, { singletonKey: 'single:1' });
    expect(c.created).toBe(true);
    expect(c.id).not.toBe(a.id);
    await runDueJobs(t.ctx);
  });

  it("enqueues inside the caller's transaction: a rollback leaves no job", async () => {
    const name = `test.tx.${uuidv7()}`;
    await expect(
      t.ctx.db.transaction().execute(async (trx) => {
        await enqueue(trx, name, null);
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    await t.ctx.db.transaction().execute(async (trx) => enqueue(trx, name, null));
    const rows = await t.ctx.db.selectFrom('job').select('id').where('name', '=', name).execute();
    expect(rows).toHaveLength(1);
  });

  it('refuses a bad max attempts', async () => {
    await expect(enqueue(t.ctx.db, 'test.x', null, { maxAttempts: 0 })).rejects.toMatchObject({
      code: 'JOB_MAX_ATTEMPTS_INVALID',
      field: 'maxAttempts',
    });
  });

  it('fires a schedule once per slot across nodes, and a missed run of slots once', async () => {
    clock.set(new Date('2026-03-16T09:01:00+08:00'));
    const fired: string[] = [];
    registerJobHandler<{ schedule: string; slot: string }>('test.patrol', async (p) => {
      fired.push(p.slot);
    });
    registerSchedule('test.patrol.every5', '*/5 * * * *', 'test.patrol');
    expect(await runSchedules(t.ctx)).toBe(0);
    const sched = () =>
      t.ctx.db
        .selectFrom('job_schedule')
        .selectAll()
        .where('name', '=', 'test.patrol.every5')
        .executeTakeFirstOrThrow();
    expect((await sched()).next_run_at.toISOString()).toBe('2026-03-16T01:05:00.000Z');

    clock.set(new Date('2026-03-16T09:05:00+08:00'));
    // Three "nodes" at the same moment: one wins the slot.
    const counts = await Promise.all([runSchedules(t.ctx), runSchedules(t.ctx), runSchedules(t.ctx)]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await runSchedules(t.ctx)).toBe(0);
    await runDueJobs(t.ctx);
    expect(fired).toEqual(['2026-03-16T01:05:00.000Z']);
    expect(await sched()).toMatchObject({
      last_run_at: new Date('2026-03-16T01:05:00.000Z'),
      next_run_at: new Date('2026-03-16T01:10:00.000Z'),
    });

    // The worker was down for an hour: the twelve missed slots fire once, then the schedule moves on.
    clock.set(new Date('2026-03-16T10:07:00+08:00'));
    expect(await runSchedules(t.ctx)).toBe(1);
    expect(await runSchedules(t.ctx)).toBe(0);
    await runDueJobs(t.ctx);
    expect(fired).toEqual(['2026-03-16T01:05:00.000Z', '2026-03-16T01:10:00.000Z']);
    expect((await sched()).next_run_at.toISOString()).toBe('2026-03-16T02:10:00.000Z');
  });

  it('skips a slot while the previous run of the schedule is still active', async () => {
    clock.set(new Date('2026-03-16T11:00:30+08:00'));
    registerSchedule('test.minutely', '* * * * *', 'test.unhandled-minutely');
    await runSchedules(t.ctx);
    clock.set(new Date('2026-03-16T11:01:00+08:00'));
    expect(await runSchedules(t.ctx)).toBe(1);
    clock.set(new Date('2026-03-16T11:02:00+08:00'));
    // No handler here, so the first run is still queued: this slot adds nothing.
    expect(await runSchedules(t.ctx)).toBe(0);
    const rows = await t.ctx.db
      .selectFrom('job')
      .select('status')
      .where('name', '=', 'test.unhandled-minutely')
      .execute();
    expect(rows).toEqual([{ status: 'queued' }]);
  });

  it('runs jobs from the worker loop and stops cleanly', async () => {
    let ran = 0;
    registerJobHandler('test.loop', async () => {
      ran++;
    });
    await enqueue(t.ctx.db, 'test.loop', null);
    const stop = startWorkers(t.ctx);
    try {
      await expect.poll(() => ran, { timeout: 5000 }).toBe(1);
    } finally {
      await stop();
    }
    await enqueue(t.ctx.db, 'test.loop', null);
    await sleep(100);
    expect(ran).toBe(1);
  });
});
