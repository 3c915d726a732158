import type { Static } from '@sinclair/typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/harness.js';
import { drawIndex } from '../observers.rules.js';
import type {
  DrawList,
  DrawReply,
  DrawResultReply,
  InspectionDetail,
  ObserverChangeReply,
  ObserverPoolReply,
  ReplayReply,
} from '../inspection.schemas.js';
import {
  CLEAR,
  expectError,
  ok,
  openTask,
  publishedTemplateId,
  seedInspectionStaff,
  userIdOf,
  type OpenedTask,
} from './inspection.fixtures.js';

type Draw = Static<typeof DrawReply>;
type DrawResult = Static<typeof DrawResultReply>;
type Change = Static<typeof ObserverChangeReply>;
type Detail = Static<typeof InspectionDetail>;
const UNKNOWN = '01890000-0000-7000-8000-000000000000';

describe('/api/licensing/inspections/:id/observer (指派观察员)', () => {
  let t: TestApp;
  let sheng: Session;
  let xian: Session;
  let baoji: Session;
  let xincheng: Session;
  let zhuanjia: Session;
  let ids: Record<string, string>;
  let task: OpenedTask;

  const url = (k: OpenedTask, rest = '') => `/api/licensing/inspections/${k.taskId}${rest}`;

  beforeAll(async () => {
    t = await createTestApp({ config: { loginRateLimit: 10000 } });
    await seedInspectionStaff(t.ctx);
    sheng = await t.login('sheng');
    xian = await t.login('xian');
    baoji = await t.login('baoji');
    xincheng = await t.login('xincheng');
    zhuanjia = await t.login('zhuanjia');
    ids = {};
    for (const u of [
      'sheng',
      'xian',
      'xincheng',
      'yanta',
      'zhuanjia',
      'qiye',
      'xa_li',
      'xa_wang',
      'yt_zhao',
      'xc_sun',
      'bj_ma',
      'yangling',
    ])
      ids[u] = await userIdOf(t.ctx, u);
    // A 西安 task: 组长 xian, 组员 xincheng and the expert; yt_zhao declares a conflict (recorded by xian).
    task = await openTask(t.ctx);
    ok(await sheng.put(url(task, '/template'), { templateId: await publishedTemplateId(t.ctx, 'EX-DXDL') }));
    ok(
      await xian.put(url(task, '/team'), {
        members: [
          { userId: ids.xian, role: 'leader', declaration: CLEAR },
          { userId: ids.xincheng, role: 'member', declaration: CLEAR },
          { userId: ids.zhuanjia, role: 'member', declaration: CLEAR },
        ],
      }),
    );
    ok(
      await xian.post(url(task, '/declarations'), {
        userId: ids.yt_zhao,
        ...CLEAR,
        consulted: true,
        note: '曾为该企业培训',
      }),
    );
  });
  afterAll(async () => t.close());

  it('answers 401, 403 and 404 (another city) on each route', async () => {
    const routes: Array<['GET' | 'POST' | 'PUT' | 'DELETE', string, object | undefined]> = [
      ['GET', '/observer/candidates', undefined],
      ['POST', '/observer/draw', undefined],
      ['PUT', '/observer', { userId: ids.xa_li }],
      ['DELETE', '/observer', undefined],
      ['GET', '/observer/draws', undefined],
      ['GET', `/observer/draws/${UNKNOWN}`, undefined],
      ['GET', `/observer/draws/${UNKNOWN}/replay`, undefined],
    ];
    for (const [method, path, payload] of routes) {
      expectError(await t.app.inject({ method, url: url(task, path), ...(payload ? { payload } : {}) }), 401);
      // 'licensing:observer' is the city bureaus' (the province officer, a county officer and an expert lack it).
      for (const s of [sheng, xincheng, zhuanjia])
        expectError(
          await s.request({ method, url: url(task, path), ...(payload ? { payload } : {}) }),
          403,
          'FORBIDDEN',
        );
      // 宝鸡's administrator cannot act on a 西安 task.
      expectError(
        await baoji.request({ method, url: url(task, path), ...(payload ? { payload } : {}) }),
        404,
        'INSPECTION_NOT_FOUND',
      );
    }
    expectError(await xian.put(url(task, '/observer'), { userId: 'nope' }), 400, 'VALIDATION', 'userId');
  });

  it("draws from the jurisdiction's bureau staff, leaving out the team and declared conflicts", async () => {
    const pool = ok<Static<typeof ObserverPoolReply>>(await xian.get(url(task, '/observer/candidates')));
    expect(pool.poolRegions).toContain('610100');
    expect(pool.poolRegions).toContain('610102');
    expect(pool.poolRegions).not.toContain('610302');
    const expected = [ids.xa_li, ids.xa_wang, ids.xc_sun, ids.yanta].sort();
    expect(pool.candidates.map((c) => c.userId)).toEqual(expected);
    expect(pool.excluded.map((e) => [e.userId, e.reason]).sort()).toEqual(
      [
        [ids.xian, 'team'],
        [ids.xincheng, 'team'],
        [ids.yt_zhao, 'conflict'],
      ].sort(),
    );
    expect(pool.note).toContain('待需求方提供');

    const d = ok<DrawResult>(await xian.post(url(task, '/observer/draw')));
    expect(d).toMatchObject({ taskId: task.taskId, algorithm: 'sha256-mod/v1', drawnBy: '李西安' });
    expect(d.seed).toMatch(/^[0-9a-f]{64}$/);
    expect(d.candidates.map((c) => c.userId)).toEqual(expected);
    expect(d.pickedUserId).toBe(expected[d.pickedIndex]);
    expect(d.excluded.map((e) => e.reasonLabel).sort()).toEqual(
      ['声明存在利害关系', '审查组成员', '审查组成员'].sort(),
    );
    // The pick is the rule applied to the record.
    expect(
      drawIndex(
        d.algorithm,
        d.seed,
        d.candidates.map((c) => c.userId),
      ),
    ).toBe(d.pickedIndex);
    const detail = ok<Static<typeof InspectionDetail>>(await xian.get(url(task)));
    expect(detail.observer).toMatchObject({
      userId: d.pickedUserId,
      role: 'observer',
      source: 'draw',
      drawId: d.id,
    });
    expect(detail.team).toHaveLength(3);

    const replay = ok<Static<typeof ReplayReply>>(
      await xian.get(url(task, `/observer/draws/${d.id}/replay`)),
    );
    expect(replay).toMatchObject({
      drawId: d.id,
      storedIndex: d.pickedIndex,
      storedUserId: d.pickedUserId,
      replayedIndex: d.pickedIndex,
      replayedUserId: d.pickedUserId,
      matches: true,
    });
    // The draw's reply adds the task's new version to the record.
    const { version, ...record } = d;
    expect(version).toBe(detail.version);
    expect(ok<Draw>(await xian.get(url(task, `/observer/draws/${d.id}`)))).toEqual(record);
  });

  it('every recorded draw replays to the same person; a redraw leaves out the current observer', async () => {
    for (let i = 0; i < 6; i++) ok(await xian.post(url(task, '/observer/draw')));
    const draws = ok<Static<typeof DrawList>>(await xian.get(url(task, '/observer/draws'))).items;
    expect(draws.length).toBeGreaterThanOrEqual(7);
    for (const [i, d] of draws.entries()) {
      const r = ok<Static<typeof ReplayReply>>(await xian.get(url(task, `/observer/draws/${d.id}/replay`)));
      expect(r.matches).toBe(true);
      expect(r.replayedUserId).toBe(d.pickedUserId);
      if (i > 0) {
        const previous = draws[i - 1]!.pickedUserId;
        expect(d.candidates.map((c) => c.userId)).not.toContain(previous);
        expect(d.excluded).toContainEqual(
          expect.objectContaining({ userId: previous, reason: 'current_observer' }),
        );
      }
    }
    // A tampered record no longer replays to its stored pick.
    const last = draws.at(-1)!;
    const other = last.candidates.find((c) => c.userId !== last.pickedUserId)!.userId;
    await t.ctx.db
      .updateTable('licensing_observer_draw')
      .set({ picked_user_id: other })
      .where('id', '=', last.id)
      .execute();
    const r = ok<Static<typeof ReplayReply>>(await xian.get(url(task, `/observer/draws/${last.id}/replay`)));
    expect(r).toMatchObject({ storedUserId: other, replayedUserId: last.pickedUserId, matches: false });
    expectError(
      await xian.get(url(task, `/observer/draws/${UNKNOWN}/replay`)),
      404,
      'OBSERVER_DRAW_NOT_FOUND',
    );
  });

  it('assigns by hand only someone eligible; the observer is not a member of the team', async () => {
    expectError(
      await xian.put(url(task, '/observer'), { userId: ids.xincheng }),
      400,
      'OBSERVER_INVALID',
      'userId',
    );
    expectError(
      await xian.put(url(task, '/observer'), { userId: ids.yt_zhao }),
      400,
      'OBSERVER_INVALID',
      'userId',
    );
    expectError(
      await xian.put(url(task, '/observer'), { userId: ids.qiye }),
      400,
      'OBSERVER_INVALID',
      'userId',
    );
    expectError(
      await xian.put(url(task, '/observer'), { userId: UNKNOWN }),
      400,
      'INSPECTION_USER_INVALID',
      'userId',
    );
    ok(await xian.put(url(task, '/observer'), { userId: ids.xa_li }));
    const d = ok<Static<typeof InspectionDetail>>(await xian.get(url(task)));
    expect(d.observer).toMatchObject({ userId: ids.xa_li, source: 'manual', drawId: null });
    // The team cannot take in the observer.
    expectError(
      await xian.put(url(task, '/team'), {
        members: [
          { userId: ids.xian, role: 'leader' },
          { userId: ids.xincheng, role: 'member' },
          { userId: ids.xa_li, role: 'member', declaration: CLEAR },
        ],
      }),
      400,
      'TEAM_OBSERVER_MEMBER',
      'members.2.userId',
    );
    // An observer who declares a conflict afterwards shows as a problem until replaced.
    const xaLi = await t.login('xa_li');
    const conflicted = ok<Static<typeof InspectionDetail>>(
      await xaLi.post(url(task, '/declarations'), { ...CLEAR, related: true }),
    );
    expect(conflicted.teamProblems.map((p) => [p.code, p.field])).toEqual([
      ['TEAM_OBSERVER_CONFLICT', 'observer'],
    ]);
    expect(conflicted.my.role).toBe('observer');
    const redraw = ok<Draw>(await xian.post(url(task, '/observer/draw')));
    expect(redraw.excluded).toContainEqual(
      expect.objectContaining({ userId: ids.xa_li, reason: 'current_observer' }),
    );
    expect(ok<Static<typeof InspectionDetail>>(await xian.get(url(task))).teamProblems).toEqual([]);
    ok(await xian.del(url(task, '/observer')));
    expect(ok<Static<typeof InspectionDetail>>(await xian.get(url(task))).observer).toBeNull();
  });

  it('checks the task version on draw, assign and remove, and answers the new version', async () => {
    const k = await openTask(t.ctx);
    const version = async () => ok<Detail>(await xian.get(url(k))).version;
    const draws = async () =>
      ok<Static<typeof DrawList>>(await xian.get(url(k, '/observer/draws'))).items.length;
    const v0 = await version();

    // A stale version is refused with nothing written (PUT /team and /plan do the same).
    expectError(
      await xian.post(url(k, '/observer/draw'), { expectedVersion: v0 + 1 }),
      409,
      'INSPECTION_VERSION_CONFLICT',
      'expectedVersion',
    );
    expect(await draws()).toBe(0);
    expect(await version()).toBe(v0);

    const d = ok<DrawResult>(await xian.post(url(k, '/observer/draw'), { expectedVersion: v0 }));
    expect(d.version).toBe(v0 + 1);
    expect(await version()).toBe(v0 + 1);
    expect(await draws()).toBe(1);
    // Without a version the draw still goes ahead (no check), and moves the version on.
    const d2 = ok<DrawResult>(await xian.post(url(k, '/observer/draw')));
    expect(d2.version).toBe(v0 + 2);

    const other = [ids.xa_li, ids.xa_wang].find((u) => u !== d2.pickedUserId)!;
    expectError(
      await xian.put(url(k, '/observer'), { userId: other, expectedVersion: v0 + 1 }),
      409,
      'INSPECTION_VERSION_CONFLICT',
      'expectedVersion',
    );
    expect(ok<Detail>(await xian.get(url(k))).observer?.userId).toBe(d2.pickedUserId);
    const a = ok<Change>(await xian.put(url(k, '/observer'), { userId: other, expectedVersion: v0 + 2 }));
    expect(a).toEqual({ ok: true, version: v0 + 3 });
    expect(await version()).toBe(v0 + 3);

    expectError(
      await xian.del(url(k, `/observer?expectedVersion=${v0 + 2}`)),
      409,
      'INSPECTION_VERSION_CONFLICT',
      'expectedVersion',
    );
    expect(ok<Detail>(await xian.get(url(k))).observer?.userId).toBe(other);
    const r = ok<Change>(await xian.del(url(k, `/observer?expectedVersion=${v0 + 3}`)));
    expect(r).toEqual({ ok: true, version: v0 + 4 });
    const after = ok<Detail>(await xian.get(url(k)));
    expect(after).toMatchObject({ version: v0 + 4, observer: null });
    // Without a version, assign and remove answer the new version as well.
    expect(ok<Change>(await xian.put(url(k, '/observer'), { userId: other })).version).toBe(v0 + 5);
    expect(ok<Change>(await xian.del(url(k, '/observer'))).version).toBe(v0 + 6);

    // Bad versions are 400 with the field.
    for (const bad of [0, -1, 1.5, 'x'])
      expectError(
        await xian.post(url(k, '/observer/draw'), { expectedVersion: bad }),
        400,
        'VALIDATION',
        'expectedVersion',
      );
    expectError(
      await xian.put(url(k, '/observer'), { userId: other, expectedVersion: 0 }),
      400,
      'VALIDATION',
      'expectedVersion',
    );
    expectError(await xian.del(url(k, '/observer?expectedVersion=0')), 400, 'VALIDATION', 'expectedVersion');
    expectError(
      await xian.del(url(k, '/observer?expectedVersion=abc')),
      400,
      'VALIDATION',
      'expectedVersion',
    );
    expectError(await xian.post(url(k, '/observer/draw'), { version: 1 }), 400, 'VALIDATION');
    expect(await version()).toBe(v0 + 6);
  });

  it('refuses a draw when nobody is eligible, and on a concluded task', async () => {
    // 杨凌示范区: its only bureau user declares a conflict.
    const yl = await openTask(t.ctx, { regionCode: '610403' });
    const yangling = await t.login('yangling');
    ok(await yangling.post(url(yl, '/declarations'), { ...CLEAR, other: true }));
    const pool = ok<Static<typeof ObserverPoolReply>>(await yangling.get(url(yl, '/observer/candidates')));
    expect(pool.poolRegions).toEqual(['610403']);
    expect(pool.candidates).toEqual([]);
    expectError(await yangling.post(url(yl, '/observer/draw')), 409, 'OBSERVER_NO_CANDIDATES');
    // 咸阳 does not supervise 杨陵区.
    const xianyang = await t.login('xianyang');
    expectError(await xianyang.post(url(yl, '/observer/draw')), 404);
    await t.ctx.db
      .updateTable('licensing_inspection_task')
      .set({ status: 'concluded' })
      .where('id', '=', yl.taskId)
      .execute();
    expectError(await yangling.put(url(yl, '/observer'), { userId: ids.yangling }), 409, 'INSPECTION_STATE');
  });
});
