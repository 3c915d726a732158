import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, FixedClock, type Session, type TestApp } from '../../../../test/harness.js';
import { startWorkers } from '../../../worker.js';
import type { Database } from '../../db/database.js';
import { readXlsx } from '../../documents/xlsx.js';
import { enqueue } from '../../jobs/jobs.service.js';
import { httpJsonDriver, registerOutboxDriver } from '../drivers.js';
import { deliverDue, publish } from '../outbox.service.js';
import { Receiver, type Received } from './receiver.js';

const MAX_ATTEMPTS = 6;

describe('transactional outbox', () => {
  let t: TestApp;
  const clock = new FixedClock(new Date('2026-03-16T09:00:00+08:00'));
  const receivers: Receiver[] = [];

  beforeAll(async () => {
    t = await createTestApp({ clock, config: { outboxMaxAttempts: MAX_ATTEMPTS } });
    // A stand-in business table: each publish happens in the transaction that changes it.
    // Warm up Node's fetch: its first call loads and compiles the HTTP client, which can outlast a timeout.
    const warm = new Receiver();
    await fetch(await warm.start(), { method: 'POST', body: '{}' });
    await warm.close();
    await sql`create table test_case (id varchar(100) primary key, step integer not null)`.execute(t.ctx.db);
  });
  afterAll(async () => {
    for (const r of receivers) await r.close();
    await t.close();
  });

  async function receiverFor(destination: string, timeoutMs = 2000): Promise<Receiver> {
    const r = new Receiver();
    receivers.push(r);
    registerOutboxDriver(destination, httpJsonDriver({ url: await r.start(), timeoutMs }));
    return r;
  }

  /** One business use case: move the case one step on, and publish that, in one transaction. */
  async function advanceCase(db: Database, caseId: string, destination: string, fail = false) {
    return db.transaction().execute(async (trx) => {
      const row = await sql<{ step: number }>`
        insert into test_case (id, step) values (${caseId}, 1)
        on conflict (id) do update set step = test_case.step + 1
        returning step`.execute(trx);
      const step = row.rows[0]!.step;
      const ev = await publish(trx, {
        aggregateType: 'test_case',
        aggregateId: caseId,
        eventType: 'case.step',
        destination,
        payload: { caseId, step, note: fail ? '将回滚' : '受理' },
      });
      if (fail) throw new Error('rolled back');
      return { ...ev, step };
    });
  }

  /** Runs the worker by hand until nothing is due, moving the clock to each next retry. */
  async function drain(max = 200): Promise<number> {
    let rounds = 0;
    for (; rounds < max; rounds++) {
      if ((await deliverDue(t.ctx, 20)).claimed > 0) continue;
      const next = await t.ctx.db
        .selectFrom('outbox_event')
        .select(sql<Date | null>`min(next_attempt_at)`.as('at'))
        .where('status', '=', 'pending')
        .where('next_attempt_at', '>', clock.now())
        .executeTakeFirst();
      if (!next?.at) break;
      clock.set(next.at);
    }
    return rounds;
  }

  // A fresh session each time: the tests move the clock past the session idle timeout.
  const asOps = (): Promise<Session> => t.login('yunwei');
  const inOrder = (rs: Received[], aggregateId: string) => rs.filter((r) => r.aggregateId === aggregateId);

  it('delivers every committed event exactly once, in order per aggregate, through failures and a timeout', async () => {
    const rx = await receiverFor('test-province', 1000);
    // Arrival 1 → 500, 2 → accepted but answered after the sender's timeout, 3 → 503, 4 → 429, then fine.
    rx.plan = (n) =>
      n === 1
        ? { status: 500 }
        : n === 2
          ? { status: 200, hangMs: 3000 }
          : n === 3
            ? { status: 503 }
            : n === 4
              ? { status: 429 }
              : undefined;
    const cases = ['(陕)XK16-001-00001', 'CASE-2', 'CASE-3'];
    const published: Array<{ id: string; seq: number; step: number; caseId: string }> = [];
    for (let i = 0; i < 20; i++) {
      const caseId = cases[i % 3]!;
      published.push({ ...(await advanceCase(t.ctx.db, caseId, 'test-province')), caseId });
      if (i === 7) {
        // A use case that fails after publishing: its event must never leave.
        await expect(advanceCase(t.ctx.db, 'CASE-2', 'test-province', true)).rejects.toThrow('rolled back');
      }
    }
    expect(new Set(published.map((p) => p.id)).size).toBe(20);

    await drain();

    // Zero duplicate *accepted* deliveries. The request that timed out was processed by the receiver, so the
    // sender's retry is a re-send: harmless, because it carries the same Idempotency-Key and is dropped.
    expect(rx.accepted).toHaveLength(20);
    expect(new Set(rx.accepted.map((a) => a.key)).size).toBe(20);
    expect(rx.duplicates).toHaveLength(1);
    expect(rx.accepted.map((a) => a.key).sort()).toEqual(published.map((p) => p.id).sort());
    for (const c of cases) {
      const got = inOrder(rx.accepted, c);
      const want = published.filter((p) => p.caseId === c);
      expect(got.map((g) => g.seq)).toEqual(want.map((w) => w.seq));
      expect(got.map((g) => g.seq)).toEqual(got.map((_g, i) => i + 1));
      expect(got.map((g) => (g.body as { step: number }).step)).toEqual(want.map((w) => w.step));
      expect(got.every((g) => g.eventType === 'case.step' && g.aggregateType === 'test_case')).toBe(true);
    }
    // The rolled-back step never left (and took no seq: the seqs above have no gap).
    expect(rx.accepted.filter((a) => (a.body as { note: string }).note === '将回滚')).toEqual([]);

    const events = await t.ctx.db
      .selectFrom('outbox_event')
      .selectAll()
      .where('destination', '=', 'test-province')
      .execute();
    expect(events).toHaveLength(20);
    expect(events.every((e) => e.status === 'delivered' && e.delivered_at !== null)).toBe(true);
    const attempts = await t.ctx.db
      .selectFrom('outbox_attempt')
      .innerJoin('outbox_event', 'outbox_event.id', 'outbox_attempt.event_id')
      .select(['outbox_attempt.ok', 'outbox_attempt.http_status', 'outbox_attempt.error'])
      .where('outbox_event.destination', '=', 'test-province')
      .execute();
    expect(attempts).toHaveLength(24);
    expect(attempts.filter((a) => a.ok)).toHaveLength(20);
    expect(
      attempts
        .filter((a) => !a.ok)
        .map((a) => a.http_status ?? a.error)
        .sort(),
    ).toEqual([429, 500, 503, '请求超时（1000 毫秒）'].sort());
  });

  it('does not publish a second event with the same idempotency key', async () => {
    const key = 'XK16-001-00009:受理:2026-03-16T09:00';
    const a = await publish(t.ctx.db, {
      aggregateType: 'test_case',
      aggregateId: 'CASE-9',
      eventType: 'case.accepted',
      destination: 'test-nowhere',
      payload: { a: 1 },
      idempotencyKey: key,
    });
    const b = await publish(t.ctx.db, {
      aggregateType: 'test_case',
      aggregateId: 'CASE-9',
      eventType: 'case.accepted',
      destination: 'test-nowhere',
      payload: { a: 1 },
      idempotencyKey: key,
    });
    expect(a).toMatchObject({ duplicate: false, seq: 1, idempotencyKey: key });
    expect(b).toEqual({ ...a, duplicate: true });
    await expect(
      publish(t.ctx.db, {
        aggregateType: 'test_case',
        aggregateId: '',
        eventType: 'x',
        destination: 'test-nowhere',
        payload: null,
      }),
    ).rejects.toMatchObject({ code: 'OUTBOX_EVENT_INVALID', field: 'aggregateId' });
  });

  it('dead-letters after max attempts, blocks the aggregate, and delivers in order after a replay', async () => {
    const rx = await receiverFor('test-national');
    let broken = true;
    // Case D is refused with 500 while broken; case F gets a 400 that no retry can fix; case E is fine.
    rx.plan = (_n, r) =>
      r.aggregateId === 'D' && broken ? { status: 500 } : r.aggregateId === 'F' ? { status: 400 } : undefined;
    const d = [];
    for (let i = 0; i < 3; i++) d.push(await advanceCase(t.ctx.db, 'D', 'test-national'));
    const e = await advanceCase(t.ctx.db, 'E', 'test-national');
    const f = await advanceCase(t.ctx.db, 'F', 'test-national');

    await drain();
    const get = (id: string) =>
      t.ctx.db.selectFrom('outbox_event').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(await get(d[0]!.id)).toMatchObject({ status: 'dead', attempts: MAX_ATTEMPTS });
    expect((await get(d[0]!.id)).last_error).toContain('HTTP 500');
    // Later events of D wait behind the dead letter; E is not held up by D.
    expect(await get(d[1]!.id)).toMatchObject({ status: 'pending', attempts: 0 });
    expect(await get(d[2]!.id)).toMatchObject({ status: 'pending', attempts: 0 });
    expect((await get(e.id)).status).toBe('delivered');
    // A 400 is final at once: no retries.
    expect(await get(f.id)).toMatchObject({ status: 'dead', attempts: 1 });
    clock.advance(24 * 3600_000);
    expect((await deliverDue(t.ctx)).claimed).toBe(0);

    const ops = await asOps();
    const detail = await ops.get(`/api/ops/outbox/events/${d[0]!.id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json().event).toMatchObject({
      status: 'dead',
      statusLabel: '死信',
      attempts: MAX_ATTEMPTS,
    });
    const d0 = detail.json<{ event: { payload: string }; attempts: unknown[] }>();
    expect(JSON.parse(d0.event.payload)).toMatchObject({ caseId: 'D', step: 1 });
    expect(d0.attempts).toHaveLength(MAX_ATTEMPTS);
    expect(d0.attempts[0]).toMatchObject({ attemptNo: 1, ok: false, httpStatus: 500 });

    broken = false;
    const replay = await ops.post(`/api/ops/outbox/events/${d[0]!.id}/replay`);
    expect(replay.statusCode).toBe(200);
    expect(replay.json()).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: null });
    const again = await ops.post(`/api/ops/outbox/events/${d[0]!.id}/replay`);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'OUTBOX_EVENT_NOT_DEAD' });
    expect(again.json().message).toContain('只有死信状态的消息可以重放');

    await drain();
    for (const ev of d) expect((await get(ev.id)).status).toBe('delivered');
    expect(inOrder(rx.accepted, 'D').map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(rx.duplicates).toHaveLength(0);
    const after = await ops.get(`/api/ops/outbox/events/${d[0]!.id}`);
    const a0 = after.json<{ attempts: unknown[] }>();
    expect(a0.attempts).toHaveLength(MAX_ATTEMPTS + 1);
    expect(a0.attempts.at(-1)).toMatchObject({ attemptNo: 1, ok: true, httpStatus: 200 });

    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'target_id', 'username', 'result'])
      .where('action', '=', '重放外发消息')
      .execute();
    expect(audit).toContainEqual({
      action: '重放外发消息',
      target_id: d[0]!.id,
      username: 'yunwei',
      result: 'success',
    });
  });

  it('a node that died mid-delivery: the lease expires and another attempt is made and logged', async () => {
    const rx = await receiverFor('test-lease');
    const ev = await advanceCase(t.ctx.db, 'L', 'test-lease');
    // As a crashed node leaves it: claimed (attempt 1), lease in the past.
    await t.ctx.db
      .updateTable('outbox_event')
      .set({ attempts: 1, locked_until: new Date(clock.now().getTime() - 1) })
      .where('id', '=', ev.id)
      .execute();
    expect(await deliverDue(t.ctx)).toMatchObject({ claimed: 1, delivered: 1 });
    expect(rx.accepted.map((r) => r.key)).toEqual([ev.id]);
    const attempts = await t.ctx.db
      .selectFrom('outbox_attempt')
      .select(['attempt_no', 'ok', 'error'])
      .where('event_id', '=', ev.id)
      .orderBy('attempt_no')
      .execute();
    expect(attempts).toHaveLength(2);
    expect(attempts[0]).toMatchObject({ attempt_no: 1, ok: false });
    expect(attempts[0]!.error).toContain('租约过期');
    expect(attempts[1]).toMatchObject({ attempt_no: 2, ok: true });
  });

  it('delivers from the worker loop and stops cleanly', async () => {
    const rx = await receiverFor('test-loop');
    const ev = await advanceCase(t.ctx.db, 'W', 'test-loop');
    const stop = startWorkers(t.ctx);
    try {
      await expect.poll(() => rx.accepted.length, { timeout: 5000 }).toBe(1);
    } finally {
      await stop();
    }
    expect(rx.accepted[0]!.key).toBe(ev.id);
  });

  describe('HTTP /api/ops/outbox', () => {
    it('answers 401 without a session', async () => {
      for (const [method, url] of [
        ['GET', '/api/ops/outbox/events'],
        ['GET', '/api/ops/outbox/jobs'],
        ['POST', `/api/ops/outbox/events/${'0'.repeat(8)}-0000-7000-8000-${'0'.repeat(12)}/replay`],
      ] as const) {
        const r = await t.app.inject({ method, url });
        expect(r.statusCode, url).toBe(401);
      }
    });

    it('answers 403 to a user without the outbox permissions', async () => {
      const sheng = await t.login('sheng');
      const ev = await t.ctx.db.selectFrom('outbox_event').select('id').executeTakeFirstOrThrow();
      for (const r of [
        await sheng.get('/api/ops/outbox/events'),
        await sheng.get(`/api/ops/outbox/events/${ev.id}`),
        await sheng.get('/api/ops/outbox/jobs'),
        await sheng.post(`/api/ops/outbox/events/${ev.id}/replay`),
      ]) {
        expect(r.statusCode).toBe(403);
        expect(r.json().code).toBe('FORBIDDEN');
      }
    });

    it('answers 400 with the offending field, and 404 for an unknown event', async () => {
      const ops = await asOps();
      const bad = [
        ['/api/ops/outbox/events?status=lost', 'status'],
        ['/api/ops/outbox/events?sort=payload', 'sort'],
        ['/api/ops/outbox/events?pageSize=0', 'pageSize'],
        ['/api/ops/outbox/events?colour=red', 'colour'],
        ['/api/ops/outbox/events/not-a-uuid', 'id'],
        ['/api/ops/outbox/jobs?status=lost', 'status'],
      ] as const;
      for (const [url, field] of bad) {
        const r = await ops.get(url);
        expect(r.statusCode, url).toBe(400);
        expect(r.json().field, url).toBe(field);
        expect(r.json().message, url).toMatch(/[\u4e00-\u9fa5]/);
      }
      const missing = await ops.post('/api/ops/outbox/events/01900000-0000-7000-8000-000000000000/replay');
      expect(missing.statusCode).toBe(404);
      expect(missing.json()).toMatchObject({ code: 'OUTBOX_EVENT_NOT_FOUND', message: '外发消息不存在' });
    });

    it('lists events filtered, paged and sorted, and exports them as xlsx', async () => {
      const ops = await asOps();
      const r = await ops.get(
        '/api/ops/outbox/events?destination=test-national&aggregateId=D&sort=seq&pageSize=2&page=1',
      );
      expect(r.statusCode).toBe(200);
      const body = r.json<{ items: Array<{ seq: number; payload?: string }> }>();
      expect(body).toMatchObject({ total: 3, page: 1, pageSize: 2 });
      expect(body.items.map((i) => i.seq)).toEqual([1, 2]);
      expect(body.items[0]).toMatchObject({
        aggregateType: 'test_case',
        aggregateId: 'D',
        destination: 'test-national',
        status: 'delivered',
        statusLabel: '已投递',
      });
      expect(body.items[0]?.payload).toBeUndefined();

      const dead = await ops.get('/api/ops/outbox/events?status=dead');
      expect(dead.json<{ items: Array<{ aggregateId: string }> }>().items.map((i) => i.aggregateId)).toEqual([
        'F',
      ]);

      const x = await ops.get('/api/ops/outbox/events?destination=test-province&format=xlsx');
      expect(x.statusCode).toBe(200);
      expect(x.headers['content-type']).toContain('spreadsheetml');
      const rows = await readXlsx(x.rawPayload);
      expect(rows[0]).toContain('业务编号');
      expect(rows).toHaveLength(21);
    });

    it('lists jobs', async () => {
      const ops = await asOps();
      await enqueue(t.ctx.db, 'test.listed', { a: 1 });
      const r = await ops.get('/api/ops/outbox/jobs?status=queued&name=test.listed');
      expect(r.statusCode).toBe(200);
      expect(r.json()).toMatchObject({ total: 1, items: [{ name: 'test.listed', statusLabel: '排队中' }] });
      const x = await ops.get('/api/ops/outbox/jobs?name=test.listed&format=xlsx');
      expect(x.statusCode).toBe(200);
      const rows = await readXlsx(x.rawPayload);
      expect(rows[0]).toContain('作业名称');
      expect(rows[1]).toContain('test.listed');
    });
  });
});
