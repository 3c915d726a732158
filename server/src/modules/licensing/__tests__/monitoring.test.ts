import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testClock, type Session, type TestApp } from '../../../../test/harness.js';
import type { FixedClock } from '../../../platform/clock.js';
import { readXlsx } from '../../../platform/documents/xlsx.js';
import { enqueue, runDueJobs } from '../../../platform/jobs/jobs.service.js';
import { ApplicationsService } from '../applications.service.js';
import { DEEMED_ACCEPTANCE_JOB } from '../deemed-acceptance.jobs.js';
import {
  act,
  detail,
  events,
  expectError,
  nodeId,
  ok,
  submitted,
  TEST_CONFIG,
  type Detail,
} from './applications.fixtures.js';

/**
 * 超期监控 and 许可统计 over the application list: working days left, the due-date filters and the window of
 * N working days, the totals of the statistics, and 视为受理 (《办法》第十二条) marked by the daily job.
 */

const at = (iso: string) => new Date(`${iso}T10:00:00+08:00`);

interface Page<T> {
  items: T[];
  total: number;
}

interface Item {
  id: string;
  applicationNo: string | null;
  state: string;
  stateLabel: string;
  dueDate: string | null;
  overdue: boolean;
  daysLeft: number | null;
  deemedAcceptedOn: string | null;
  acceptedDate: string | null;
}

interface Counters {
  total: number;
  inProgress: number;
  approved: number;
  refused: number;
  endedOtherwise: number;
  overdue: number;
  deemedAccepted: number;
}

interface Stats extends Page<Counters & { key: string; label: string }> {
  totals: Counters;
}

describe('超期监控, statistics totals and 视为受理', () => {
  let t: TestApp;
  let clock: FixedClock;
  let qiye: Session;
  let qiye2: Session;
  let sheng: Session;
  let xian: Session;
  const unit: Record<string, string> = {};

  const ids = (p: Page<{ id: string }>) => p.items.map((i) => i.id).sort();
  const list = async (s: Session, query: string) =>
    ok<Page<Item>>(await s.get(`/api/licensing/applications?${query}`));
  const itemOf = async (s: Session, id: string) => ok<Item>(await s.get(`/api/licensing/applications/${id}`));

  beforeAll(async () => {
    clock = testClock('2026-03-02T09:00:00+08:00');
    t = await createTestApp({ clock, config: TEST_CONFIG });
    [qiye, qiye2, sheng, xian] = await Promise.all([
      t.login('qiye'),
      t.login('qiye2'),
      t.login('sheng'),
      t.login('xian'),
    ]);
    for (const code of ['C02-V01', 'C03-V01', 'C04-V01', 'C12-V01', 'C13-V01', 'C14-V01'])
      unit[code] = await nodeId(t, code);
  });
  afterAll(async () => t.close());

  // Runs first: the job must find nothing but what this test sets up.
  it('视为受理: the daily job marks exactly the applications past the 受理 limit, once, and ignores 补正', async () => {
    // Mon 2 March: submitted; the 受理 limit is the 5th working day, Mon 9 March (《办法》第十二条)
    clock.set(at('2026-03-02'));
    const waiting = await submitted(qiye, unit['C12-V01']!);
    expect(waiting.dueDate).toBe('2026-03-09');
    const inSupplement = await submitted(qiye2, unit['C12-V01']!);
    const accepted = await submitted(qiye, unit['C13-V01']!);
    // 补正 with the clock running: past its limit too, but the enterprise has the file, not the bureau
    ok(await sheng.put('/api/licensing/settings/supplement.pausesClock', { value: 'false' }));
    let running: Detail;
    try {
      running = await submitted(qiye, unit['C14-V01']!);
      running = ok<Detail>(
        await sheng.post(`/api/licensing/applications/${running.id}/supplement`, {
          comment: '请补正营业执照',
        }),
      );
    } finally {
      ok(await sheng.put('/api/licensing/settings/supplement.pausesClock', { value: 'true' }));
    }
    expect(running).toMatchObject({ state: 'supplementing_running', dueDate: '2026-03-09' });
    clock.set(at('2026-03-03'));
    ok(await sheng.post(`/api/licensing/applications/${inSupplement.id}/supplement`, { comment: '请补正' }));
    clock.set(at('2026-03-04'));
    ok(await sheng.post(`/api/licensing/applications/${accepted.id}/accept`, { inspectionRequired: true }));
    // Fri 6 March: its limit is Fri 13 March, not passed on the 10th
    clock.set(at('2026-03-06'));
    const notYet = await submitted(qiye2, unit['C13-V01']!);
    expect(notYet.dueDate).toBe('2026-03-13');

    // On its last day nothing is marked yet
    clock.set(at('2026-03-09'));
    const svc = new ApplicationsService(t.ctx);
    expect(await svc.markDeemedAccepted('2026-03-09')).toBe(0);

    // Tue 10 March, through the job queue as the worker runs it
    clock.set(at('2026-03-10'));
    await enqueue(t.ctx.db, DEEMED_ACCEPTANCE_JOB, { today: '2026-03-10' });
    expect(await runDueJobs(t.ctx)).toMatchObject({ done: 1 });
    const marked = await t.ctx.db
      .selectFrom('licensing_application')
      .select(['id', 'deemed_accepted_on', 'state'])
      .where('deemed_accepted_on', 'is not', null)
      .execute();
    expect(marked).toEqual([{ id: waiting.id, deemed_accepted_on: '2026-03-02', state: 'accepting' }]);

    // shown on the detail, the list and the 受理台; the state does not change
    const d = await itemOf(sheng, waiting.id);
    expect(d).toMatchObject({ state: 'accepting', acceptedDate: null, deemedAcceptedOn: '2026-03-02' });
    expect((await itemOf(qiye, waiting.id)).deemedAcceptedOn).toBe('2026-03-02');
    const byUnit = await list(sheng, `productUnitId=${unit['C12-V01']}`);
    expect(byUnit.items.find((i) => i.id === waiting.id)!.deemedAcceptedOn).toBe('2026-03-02');
    expect(byUnit.items.find((i) => i.id === inSupplement.id)!.deemedAcceptedOn).toBeNull();
    const desk = ok<Page<Item>>(await sheng.get('/api/licensing/acceptance-desk?pageSize=500'));
    expect(desk.items.find((i) => i.id === waiting.id)!.deemedAcceptedOn).toBe('2026-03-02');
    expect(desk.items.find((i) => i.id === notYet.id)!.deemedAcceptedOn).toBeNull();
    const x = await sheng.get(`/api/licensing/applications?productUnitId=${unit['C12-V01']}&format=xlsx`);
    const rows = await readXlsx(x.rawPayload);
    const col = rows[0]!.indexOf('视为受理');
    expect(col).toBeGreaterThan(0);
    expect(rows.slice(1).map((r) => r[col])).toContain('2026-03-02');

    // one outbox event, for the 办件 push
    const deemedEvents = (await events(t, waiting.id)).filter((e) => e.event_type === 'deemedAccepted');
    expect(deemedEvents).toHaveLength(1);
    expect(JSON.parse(deemedEvents[0]!.payload)).toMatchObject({
      applicationId: waiting.id,
      state: 'accepting',
      deemedAcceptedOn: '2026-03-02',
      actionLabel: '视为受理',
    });
    for (const other of [inSupplement, accepted, running, notYet])
      expect((await events(t, other.id)).map((e) => e.event_type)).not.toContain('deemedAccepted');

    // idempotent: a rerun (the same day or later) marks nothing again and publishes nothing more
    expect(await svc.markDeemedAccepted('2026-03-10')).toBe(0);
    clock.set(at('2026-03-11'));
    expect(await svc.markDeemedAccepted('2026-03-11')).toBe(0);
    expect((await events(t, waiting.id)).filter((e) => e.event_type === 'deemedAccepted')).toHaveLength(1);

    // counted by the statistics
    const stats = ok<Stats>(
      await sheng.get(`/api/licensing/statistics?groupBy=state&productUnitId=${unit['C12-V01']}`),
    );
    expect(stats.totals).toMatchObject({ total: 2, deemedAccepted: 1 });
    expect(stats.items.find((i) => i.key === 'accepting')!.deemedAccepted).toBe(1);
    expect(stats.items.find((i) => i.key === 'supplementing')!.deemedAccepted).toBe(0);

    // the officer still records the 受理: accepted_date is the real day, the deemed day stays
    ok(await sheng.post(`/api/licensing/applications/${waiting.id}/accept`, { inspectionRequired: true }));
    expect(await detail(sheng, waiting.id)).toMatchObject({
      state: 'inspecting',
      acceptedDate: '2026-03-11',
      deemedAcceptedOn: '2026-03-02',
    });
  });

  it('lists the working days left and filters by due date and by a window of working days', async () => {
    // Mon 16 March (西安, due Mon 23) and Thu 19 March (宝鸡, due Thu 26)
    clock.set(at('2026-03-16'));
    const a = await submitted(qiye, unit['C02-V01']!);
    clock.set(at('2026-03-19'));
    const b = await submitted(qiye2, unit['C02-V01']!);
    expect([a.dueDate, b.dueDate]).toEqual(['2026-03-23', '2026-03-26']);
    const q = `productUnitId=${unit['C02-V01']}`;

    clock.set(at('2026-03-20'));
    const all = await list(sheng, q);
    expect(all.items.map((i) => [i.id, i.daysLeft, i.overdue])).toEqual(
      expect.arrayContaining([
        [a.id, 1, false],
        [b.id, 4, false],
      ]),
    );
    expect(ids(await list(sheng, `${q}&dueWithinDays=1`))).toEqual([a.id]);
    expect(ids(await list(sheng, `${q}&dueWithinDays=4`))).toEqual([a.id, b.id].sort());
    expect(ids(await list(sheng, `${q}&dueFrom=2026-03-24`))).toEqual([b.id]);
    expect(ids(await list(sheng, `${q}&dueTo=2026-03-23`))).toEqual([a.id]);
    expect(ids(await list(sheng, `${q}&dueFrom=2026-03-23&dueTo=2026-03-23`))).toEqual([a.id]);
    // a window and a range together: both hold
    expect(ids(await list(sheng, `${q}&dueWithinDays=10&dueFrom=2026-03-24`))).toEqual([b.id]);
    // data scope: the city bureau of 西安 and the enterprise see only their own
    expect(ids(await list(xian, `${q}&dueWithinDays=10`))).toEqual([a.id]);
    expect(ids(await list(qiye2, `${q}&dueWithinDays=10`))).toEqual([b.id]);

    // Wed 25 March: a is 2 working days overdue, b due tomorrow
    clock.set(at('2026-03-25'));
    const later = await list(sheng, q);
    expect(later.items.find((i) => i.id === a.id)).toMatchObject({ overdue: true, daysLeft: -2 });
    expect(later.items.find((i) => i.id === b.id)).toMatchObject({ overdue: false, daysLeft: 1 });
    expect((await itemOf(sheng, a.id)).daysLeft).toBe(-2);
    // the 受理台 counts them with the same code
    const desk = ok<Page<Item>>(await sheng.get(`/api/licensing/acceptance-desk?${q}`));
    expect(desk.items.find((i) => i.id === a.id)!.daysLeft).toBe(-2);
    // within the window: not the overdue ones, unless they are asked for too
    expect(ids(await list(sheng, `${q}&dueWithinDays=2`))).toEqual([b.id]);
    expect(ids(await list(sheng, `${q}&dueWithinDays=2&overdue=false`))).toEqual([b.id]);
    expect(ids(await list(sheng, `${q}&dueWithinDays=2&overdue=true`))).toEqual([a.id, b.id].sort());
    expect(ids(await list(sheng, `${q}&overdue=true`))).toEqual([a.id]);
    // closed applications have no due date and never fall in a window
    ok(await qiye2.post(`/api/licensing/applications/${b.id}/withdraw`, {}));
    expect(ids(await list(sheng, `${q}&dueWithinDays=2`))).toEqual([]);
    expect((await list(sheng, `${q}&state=withdrawn`)).items[0]).toMatchObject({ id: b.id, daysLeft: null });

    // the window exports like any list: c (due Wed 1 April) is in it, the overdue a is not
    const c = await submitted(qiye2, unit['C03-V01']!);
    expect(c.dueDate).toBe('2026-04-01');
    const x = await sheng.get(`/api/licensing/applications?dueWithinDays=5&format=xlsx`);
    expect(x.headers['content-type']).toContain('spreadsheetml');
    const rows = await readXlsx(x.rawPayload);
    expect(rows[0]).toEqual(expect.arrayContaining(['申请编号', '当前环节期限', '剩余工作日']));
    const noCol = rows[0]!.indexOf('申请编号');
    expect(rows.slice(1).map((r) => r[noCol])).toContain(c.applicationNo);
    expect(rows.slice(1).map((r) => r[noCol])).not.toContain(a.applicationNo);
  });

  it('answers 400 with the field for bad due-date filters', async () => {
    for (const v of ['0', '61', '1.5', 'x'])
      expectError(
        await sheng.get(`/api/licensing/applications?dueWithinDays=${v}`),
        400,
        'VALIDATION',
        'dueWithinDays',
      );
    expectError(
      await sheng.get('/api/licensing/applications?dueFrom=2026-13-01'),
      400,
      'VALIDATION',
      'dueFrom',
    );
    expectError(await sheng.get('/api/licensing/applications?dueTo=yesterday'), 400, 'VALIDATION', 'dueTo');
    expectError(
      await sheng.get('/api/licensing/applications?dueFrom=2026-03-10&dueTo=2026-03-09'),
      400,
      'LICENSING_DUE_RANGE_INVALID',
      'dueTo',
    );
    expectError(
      await sheng.get('/api/licensing/statistics?groupBy=state&state=Bad'),
      400,
      'VALIDATION',
      'state',
    );
    expectError(await sheng.get('/api/licensing/acceptance-desk?dueWithinDays=3'), 400, 'VALIDATION');
  });

  it('statistics: totals over every row of the query, a state filter, the two kinds of 补正 apart', async () => {
    clock.set(at('2026-04-13'));
    const pausing = await submitted(qiye, unit['C04-V01']!);
    const running = await submitted(qiye2, unit['C04-V01']!);
    ok(await sheng.post(`/api/licensing/applications/${pausing.id}/supplement`, { comment: '请补正' }));
    ok(await sheng.put('/api/licensing/settings/supplement.pausesClock', { value: 'false' }));
    try {
      ok(await act(sheng, running.instanceId!, 'supplementClockRunning', { comment: '请补正' }));
    } finally {
      ok(await sheng.put('/api/licensing/settings/supplement.pausesClock', { value: 'true' }));
    }
    const other = await submitted(qiye, unit['C03-V01']!);
    ok(await qiye.post(`/api/licensing/applications/${other.id}/withdraw`, {}));
    const q = `productUnitId=${unit['C04-V01']}`;

    const byState = ok<Stats>(await sheng.get(`/api/licensing/statistics?groupBy=state&${q}&sort=key`));
    expect(byState.items.map((i) => [i.key, i.label, i.total])).toEqual([
      ['supplementing', '补正中', 1],
      ['supplementing_running', '补正中（继续计时）', 1],
    ]);
    expect((await detail(sheng, running.id)).stateLabel).toBe('补正中（继续计时）');
    expect((await detail(sheng, pausing.id)).stateLabel).toBe('补正中');

    // the totals count every row of the query, whatever the page
    const all = ok<Stats>(await sheng.get('/api/licensing/statistics?groupBy=state&pageSize=500'));
    const sum = (k: keyof Counters) => all.items.reduce((n, i) => n + i[k], 0);
    const expected: Counters = {
      total: sum('total'),
      inProgress: sum('inProgress'),
      approved: sum('approved'),
      refused: sum('refused'),
      endedOtherwise: sum('endedOtherwise'),
      overdue: sum('overdue'),
      deemedAccepted: sum('deemedAccepted'),
    };
    expect(all.items.length).toBeGreaterThan(2);
    expect(all.totals).toEqual(expected);
    expect(expected.deemedAccepted).toBe(1);
    const onePage = ok<Stats>(await sheng.get('/api/licensing/statistics?groupBy=state&pageSize=1&page=2'));
    expect(onePage.items).toHaveLength(1);
    expect(onePage.totals).toEqual(expected);

    // pages are stable when counts tie (the key breaks ties): one group a page, each exactly once
    const keys: string[] = [];
    for (let page = 1; page <= all.items.length; page++)
      keys.push(
        ...ok<Stats>(
          await sheng.get(`/api/licensing/statistics?groupBy=state&pageSize=1&page=${page}`),
        ).items.map((i) => i.key),
      );
    expect(keys.sort()).toEqual(all.items.map((i) => i.key).sort());
    const byLabel = ok<Stats>(
      await sheng.get('/api/licensing/statistics?groupBy=state&sort=label&pageSize=500'),
    );
    expect(byLabel.items.map((i) => i.key)).toEqual(all.items.map((i) => i.key).sort());

    // the state filter narrows the groups and the totals alike
    const sup = ok<Stats>(
      await sheng.get(
        `/api/licensing/statistics?groupBy=city&state=supplementing,supplementing_running&${q}`,
      ),
    );
    expect(sup.totals).toMatchObject({ total: 2, inProgress: 2, approved: 0 });
    expect(sup.items.map((i) => [i.key, i.total]).sort()).toEqual([
      ['610100', 1],
      ['610300', 1],
    ]);
    const withdrawn = ok<Stats>(await sheng.get('/api/licensing/statistics?groupBy=type&state=withdrawn'));
    expect(withdrawn.totals).toMatchObject({ endedOtherwise: withdrawn.totals.total, inProgress: 0 });
    expect(withdrawn.totals.total).toBeGreaterThanOrEqual(2);

    // within the data scope: 西安 counts only its own
    const xianSup = ok<Stats>(
      await xian.get(`/api/licensing/statistics?groupBy=city&state=supplementing,supplementing_running&${q}`),
    );
    expect(xianSup.totals.total).toBe(1);
    expect(xianSup.items.map((i) => i.key)).toEqual(['610100']);

    // sorting by the new counters, and the export ends with the 合计 row
    ok(await sheng.get('/api/licensing/statistics?groupBy=city&sort=-deemedAccepted'));
    const x = await sheng.get(`/api/licensing/statistics?groupBy=state&${q}&sort=key&format=xlsx`);
    const rows = await readXlsx(x.rawPayload);
    expect(rows[0]).toEqual([
      '统计项',
      '申请件数',
      '办理中',
      '准予许可',
      '不予许可',
      '其他办结',
      '超期',
      '视为受理',
    ]);
    expect(rows.slice(1).map((r) => r[0])).toEqual(['补正中', '补正中（继续计时）', '合计']);
    expect(rows.at(-1)!.slice(1)).toEqual(['2', '2', '0', '0', '0', '0', '0']);
  });
});
