import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, FixedClock, type TestContext } from '../../../../test/harness.js';
import { CalendarService } from '../../calendar/calendar.service.js';
import type { AppError } from '../../errors.js';
import { uuidv7 } from '../../ids.js';
import { WorkflowService } from '../workflow.service.js';
import { principalOf, seedWorkflowFixtures, startTestInstance } from './workflow.fixtures.js';

/** Moves the business clock to a Shanghai date and time. */
const at = (clock: FixedClock, day: string, time = '09:00') => clock.set(new Date(`${day}T${time}:00+08:00`));

async function rejects(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    return e as AppError;
  }
  throw new Error('expected a rejection');
}

describe('workflow engine (service)', () => {
  let t: TestContext;
  let wf: WorkflowService;
  const clock = new FixedClock(new Date('2026-04-02T09:00:00+08:00'));
  beforeAll(async () => {
    t = await createTestContext({ clock });
    await seedWorkflowFixtures(t.ctx);
    wf = new WorkflowService(t.ctx);
  });
  afterAll(async () => t.close());

  const p = (username: string) => principalOf(t.ctx, username);

  it('runs the happy path and records every step with actor, organisation, comment and due date', async () => {
    at(clock, '2026-04-02'); // Thursday before 清明 (4–6 April)
    const id = await startTestInstance(t.ctx);
    const qiye = await p('qiye');
    let r = await wf.act(qiye, id, 'submit');
    expect(r.instance.state).toBe('accepting');
    // 5 working days from Thursday: Fri 3, (清明 4–6), Tue 7, Wed 8, Thu 9, Fri 10.
    expect(r.instance.dueDate).toBe('2026-04-10');
    expect(r.instance.dueKind).toBe('working');
    at(clock, '2026-04-03');
    r = await wf.act(await p('wf_xa1'), id, 'accept', { comment: '材料齐全，予以受理' });
    expect(r.instance.state).toBe('reviewing');
    expect(r.instance.dueDate).toBe('2026-04-20'); // 10 working days from Friday 3 April
    r = await wf.act(await p('wf_xa2'), id, 'pass', { comment: '审核通过' });
    expect(r.instance.state).toBe('approving');
    r = await wf.act(await p('wf_sheng'), id, 'approve', { comment: '同意' });
    expect(r.instance).toMatchObject({ state: 'done', status: 'completed', dueDate: null });
    expect(r.instance.completedAt).not.toBeNull();
    // The effect wrote in the same transaction.
    const row = await t.ctx.db
      .selectFrom('wf_instance')
      .select('title')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.title).toMatch(/（已批准）$/);

    const history = await wf.history(await p('wf_sheng'), id);
    expect(history.map((h) => [h.action, h.fromState, h.toState])).toEqual([
      ['start', null, 'draft'],
      ['submit', 'draft', 'accepting'],
      ['accept', 'accepting', 'reviewing'],
      ['pass', 'reviewing', 'approving'],
      ['approve', 'approving', 'done'],
    ]);
    expect(history[2]).toMatchObject({
      actionLabel: '受理',
      fromStateLabel: '受理',
      toStateLabel: '审核',
      actorName: 'wf_xa1',
      actorOrgName: '西安市市场监督管理局',
      comment: '材料齐全，予以受理',
      dueDateAfter: '2026-04-20',
    });
    expect(history.map((h) => h.seq)).toEqual([1, 2, 3, 4, 5]);
    // Closed: nothing more can be done.
    const closed = await rejects(wf.act(await p('wf_sheng'), id, 'approve'));
    expect(closed.code).toBe('WF_INSTANCE_CLOSED');
  });

  it('returns to the previous step and to its previous handler', async () => {
    at(clock, '2026-04-07');
    const id = await startTestInstance(t.ctx);
    await wf.act(await p('qiye'), id, 'submit');
    await wf.act(await p('wf_xa1'), id, 'accept');
    const noComment = await rejects(wf.act(await p('wf_xa2'), id, 'back'));
    expect(noComment).toMatchObject({ code: 'WF_COMMENT_REQUIRED', field: 'comment', status: 400 });
    const r = await wf.act(await p('wf_xa2'), id, 'back', { comment: '受理意见不完整' });
    expect(r.instance.state).toBe('accepting');
    const xa1 = await p('wf_xa1');
    expect(r.instance.assigneeUserId).toBe(xa1.userId);
    // Only the previous handler may now act on it.
    const other = await rejects(wf.act(await p('wf_xa2'), id, 'accept'));
    expect(other).toMatchObject({ code: 'WF_ASSIGNED_TO_OTHER', status: 403 });
    await wf.act(xa1, id, 'accept');
    await wf.act(await p('wf_xa2'), id, 'pass');
    // Two returns in a row walk back along the path, not back and forth.
    await wf.act(await p('wf_sheng'), id, 'back', { comment: '请补充审核意见' });
    const r2 = await wf.act(await p('wf_xa2'), id, 'back', { comment: '退回受理' });
    expect(r2.instance.state).toBe('accepting');
  });

  it('pauses the 受理 clock during 补正 and resumes it with the remaining working days', async () => {
    at(clock, '2026-04-02'); // Thursday
    const id = await startTestInstance(t.ctx);
    const qiye = await p('qiye');
    await wf.act(qiye, id, 'submit');
    at(clock, '2026-04-03', '16:00'); // Friday: one working day used
    const back = await wf.act(await p('wf_xa1'), id, 'supplement', { comment: '请补正营业执照副本' });
    expect(back.instance).toMatchObject({ state: 'supplementing', dueDate: null, clock: { accepting: 1 } });
    const paused = await wf.detail(qiye, id);
    expect(paused.paused).toBe(true);
    expect(paused.clocks).toEqual([
      { name: 'accepting', label: '受理', kind: 'working', limit: 5, used: 1, remaining: 4, running: false },
    ]);
    expect(paused.allowedActions.map((a) => a.action)).toEqual(['resubmit', 'withdraw']);
    // The applicant resubmits on Wednesday after 清明: 4 days remain → Thu 9, Fri 10, Mon 13, Tue 14.
    at(clock, '2026-04-08', '10:00');
    const r = await wf.act(qiye, id, 'resubmit', { comment: '已补正' });
    expect(r.instance.state).toBe('accepting');
    expect(r.instance.dueDate).toBe('2026-04-14');
    const cal = new CalendarService(t.ctx);
    expect(r.instance.dueDate).toBe(await cal.addWorkingDays('2026-04-08', 4));
    // Without the pause it would have been 10 April; restarting would give 15 April.
    expect(r.instance.dueDate).not.toBe(await cal.addWorkingDays('2026-04-02', 5));
    // Back to the clerk who asked for the 补正.
    expect(r.instance.assigneeUserId).toBe((await p('wf_xa1')).userId);
    at(clock, '2026-04-10');
    const running = await wf.detail(await p('wf_xa1'), id);
    expect(running.clocks[0]).toMatchObject({ used: 3, remaining: 2, running: true });
    expect(running.daysLeft).toBe(2);
    expect(running.overdue).toBe(false);
  });

  it('lets only the applicant withdraw, and only from the states that allow it', async () => {
    at(clock, '2026-04-13');
    const id = await startTestInstance(t.ctx);
    await wf.act(await p('qiye'), id, 'submit');
    const byClerk = await rejects(wf.act(await p('wf_xa1'), id, 'withdraw'));
    expect(byClerk).toMatchObject({ code: 'WF_ACTION_NOT_ALLOWED', status: 403 });
    const r = await wf.act(await p('qiye'), id, 'withdraw', { comment: '不再申请' });
    expect(r.instance).toMatchObject({ state: 'withdrawn', status: 'withdrawn' });

    const id2 = await startTestInstance(t.ctx);
    await wf.act(await p('qiye'), id2, 'submit');
    await wf.act(await p('wf_xa1'), id2, 'accept');
    const late = await rejects(wf.act(await p('qiye'), id2, 'withdraw'));
    expect(late).toMatchObject({ code: 'WF_STATE_MISMATCH', status: 409 });
    expect(late.message).toContain('审核');
  });

  it('transfers a task to another user in scope, after which only that user may act', async () => {
    at(clock, '2026-04-14');
    const id = await startTestInstance(t.ctx);
    await wf.act(await p('qiye'), id, 'submit');
    const xa1 = await p('wf_xa1');
    const xc = await p('wf_xc');
    const noTarget = await rejects(wf.act(xa1, id, 'transfer'));
    expect(noTarget).toMatchObject({ code: 'WF_TRANSFER_TARGET_REQUIRED', field: 'transferTo' });
    const outOfScope = await rejects(wf.act(xa1, id, 'transfer', { transferTo: (await p('wf_bj')).userId }));
    expect(outOfScope).toMatchObject({ code: 'WF_TRANSFER_TARGET_INVALID', field: 'transferTo' });
    const noPermission = await rejects(wf.act(xa1, id, 'transfer', { transferTo: (await p('xian')).userId }));
    expect(noPermission.message).toContain('没有办理该环节的权限');
    const candidates = await wf.transferCandidates(xa1, id);
    expect(candidates.map((c) => c.displayName).sort()).toEqual(['wf_xa2', 'wf_xc']);

    const r = await wf.act(xa1, id, 'transfer', { transferTo: xc.userId, comment: '请新城区局办理' });
    expect(r.instance).toMatchObject({ state: 'accepting', assigneeUserId: xc.userId });
    const denied = await rejects(wf.act(xa1, id, 'accept'));
    expect(denied).toMatchObject({ code: 'WF_ASSIGNED_TO_OTHER', status: 403 });
    expect(denied.message).toContain('wf_xc');
    // A workflow administrator may still move it on; the assignee handles it.
    await wf.act(await p('wf_admin'), id, 'transfer', { transferTo: (await p('wf_xa2')).userId });
    const final = await wf.act(await p('wf_xa2'), id, 'accept');
    expect(final.instance).toMatchObject({ state: 'reviewing', assigneeUserId: null });
    const h = await wf.history(xa1, id);
    expect(h.filter((x) => x.actionKind === 'transfer').map((x) => x.assigneeAfterName)).toEqual([
      'wf_xc',
      'wf_xa2',
    ]);
  });

  it('claims a task so that colleagues cannot act on it', async () => {
    at(clock, '2026-04-14');
    const id = await startTestInstance(t.ctx);
    await wf.act(await p('qiye'), id, 'submit');
    await wf.act(await p('wf_xa1'), id, 'claim');
    const other = await rejects(wf.act(await p('wf_xa2'), id, 'claim'));
    expect(other.code).toBe('WF_ASSIGNED_TO_OTHER');
    const again = await rejects(wf.act(await p('wf_xa1'), id, 'claim'));
    expect(again.code).toBe('WF_ALREADY_CLAIMED');
  });

  it('refuses an applicant approving their own application, a wrong permission and a failing guard', async () => {
    at(clock, '2026-04-15');
    // wf_sheng applies (e.g. an internal application) and holds the approving permission.
    const id = await startTestInstance(t.ctx, { by: 'wf_sheng', title: '省局内部申请【暂缓】' });
    const sheng = await p('wf_sheng');
    await wf.act(sheng, id, 'submit');
    await wf.act(await p('wf_xa1'), id, 'accept');
    await wf.act(await p('wf_xa2'), id, 'pass');
    const own = await rejects(wf.act(sheng, id, 'approve'));
    expect(own).toMatchObject({ code: 'WF_SELF_APPROVAL', status: 403 });
    const noPerm = await rejects(wf.act(await p('wf_xa2'), id, 'approve'));
    expect(noPerm).toMatchObject({ code: 'WF_ACTION_NOT_ALLOWED', status: 403 });
    expect(noPerm.message).toContain('wftest:approve');
    const guard = await rejects(wf.act(await p('wf_sheng2'), id, 'approve'));
    expect(guard).toMatchObject({
      code: 'WF_GUARD_FAILED',
      status: 422,
      message: '该事项已标记暂缓，暂不能批准',
    });
    const detail = await wf.detail(await p('wf_sheng2'), id);
    expect(detail.allowedActions.find((a) => a.action === 'approve')?.blockedReason).toBe(
      '该事项已标记暂缓，暂不能批准',
    );
    expect((await wf.detail(sheng, id)).allowedActions).toEqual([]);
  });

  it('rolls the transition back when an effect fails', async () => {
    at(clock, '2026-04-15');
    const id = await startTestInstance(t.ctx);
    await wf.act(await p('qiye'), id, 'submit');
    await wf.act(await p('wf_xa1'), id, 'accept');
    await wf.act(await p('wf_xa2'), id, 'pass');
    const before = await wf.detail(await p('wf_sheng'), id);
    const e = await rejects(wf.act(await p('wf_sheng'), id, 'approve', { comment: '模拟失败' }));
    expect(e.code).toBe('TEST_EFFECT_FAILED');
    const after = await wf.detail(await p('wf_sheng'), id);
    expect(after).toMatchObject({ state: 'approving', version: before.version, title: before.title });
    expect((await wf.history(await p('wf_sheng'), id)).length).toBe(4);
  });

  it('answers 409 on a stale version and lets only one of two concurrent actions through', async () => {
    at(clock, '2026-04-16');
    const id = await startTestInstance(t.ctx);
    await wf.act(await p('qiye'), id, 'submit');
    const stale = await rejects(wf.act(await p('wf_xa1'), id, 'accept', { expectedVersion: 1 }));
    expect(stale).toMatchObject({ code: 'WF_VERSION_CONFLICT', status: 409 });
    const [a, b] = await Promise.allSettled([
      wf.act(await p('wf_xa1'), id, 'accept', { expectedVersion: 2 }),
      wf.act(await p('wf_xa2'), id, 'accept', { expectedVersion: 2 }),
    ]);
    const results = [a, b];
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect((failed.reason as AppError).status).toBe(409);
    const accepts = await t.ctx.db
      .selectFrom('wf_history')
      .select('id')
      .where('instance_id', '=', id)
      .where('action', '=', 'accept')
      .execute();
    expect(accepts).toHaveLength(1);
  });

  it('refuses a second running instance for the same record and hides instances outside the scope', async () => {
    at(clock, '2026-04-16');
    const businessId = '0192f0e0-0000-7000-8000-000000000001';
    await startTestInstance(t.ctx, { businessId });
    const dup = await rejects(startTestInstance(t.ctx, { businessId }));
    expect(dup).toMatchObject({ code: 'WF_ALREADY_STARTED', status: 409 });
    const found = await wf.findByBusiness('wftest.application', businessId);
    expect(found?.state).toBe('draft');
    const id = found!.id;
    await wf.act(await p('qiye'), id, 'submit');
    const bj = await rejects(wf.act(await p('wf_bj'), id, 'accept'));
    expect(bj).toMatchObject({ code: 'WF_NOT_FOUND', status: 404 });
    expect((await rejects(wf.detail(await p('baoji'), id))).status).toBe(404);
    // In scope but with nothing to do with the process: not shown either.
    expect((await rejects(wf.detail(await p('xian'), id))).status).toBe(404);
    expect((await rejects(wf.act(await p('xian'), id, 'accept'))).status).toBe(404);
    expect((await wf.detail(await p('wf_xc'), id)).state).toBe('accepting');
  });

  it('leaves the 三员, operations staff, disabled and locked users out of the transfer candidates', async () => {
    at(clock, '2026-04-16');
    const id = await startTestInstance(t.ctx);
    await wf.act(await p('qiye'), id, 'submit');
    const db = t.ctx.db;
    const roleId = async (code: string) =>
      (await db.selectFrom('role').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
    const xianOrg = (
      await db
        .selectFrom('app_user')
        .select('org_id')
        .where('username', '=', 'wf_xa1')
        .executeTakeFirstOrThrow()
    ).org_id;
    const now = clock.now();
    // [username, roles, status, locked until]
    const extra: Array<[string, string[], 'active' | 'disabled', Date | null]> = [
      ['wfx_sys', ['sysadmin'], 'active', null],
      ['wfx_sec', ['secadmin'], 'active', null],
      ['wfx_audit', ['auditadmin'], 'active', null],
      ['wfx_ops', ['ops'], 'active', null],
      ['wfx_sys_ops', ['sysadmin', 'ops'], 'active', null],
      ['wfx_sys_city', ['sysadmin', 'wft_city'], 'active', null],
      ['wfx_disabled', ['wft_city'], 'disabled', null],
      ['wfx_locked', ['wft_city'], 'active', new Date(now.getTime() + 10 * 60000)],
      ['wfx_unlocked', ['wft_city'], 'active', new Date(now.getTime() - 60000)],
    ];
    // The 三员 and ops roles happen to hold the step's permission (a role edited by mistake).
    const granted = await Promise.all(['sysadmin', 'secadmin', 'auditadmin', 'ops'].map(roleId));
    const userIds: string[] = [];
    try {
      for (const roleIdValue of granted)
        await db
          .insertInto('role_permission')
          .values({ role_id: roleIdValue, permission_code: 'wftest:accept' })
          .execute();
      for (const [username, roles, status, lockedUntil] of extra) {
        const uid = uuidv7();
        userIds.push(uid);
        await db
          .insertInto('app_user')
          .values({
            id: uid,
            username,
            display_name: username,
            org_id: xianOrg,
            phone: null,
            email: null,
            password_hash: 'x',
            status,
            locked_until: lockedUntil,
            must_change_password: false,
            password_changed_at: now,
            created_by: null,
            updated_by: null,
          })
          .execute();
        for (const rc of roles)
          await db
            .insertInto('user_role')
            .values({ user_id: uid, role_id: await roleId(rc) })
            .execute();
      }
      const names = (await wf.transferCandidates(await p('wf_xa1'), id)).map((c) => c.displayName).sort();
      expect(names).toEqual(['wf_xa2', 'wf_xc', 'wfx_sys_city', 'wfx_unlocked']);
    } finally {
      await db
        .deleteFrom('user_role')
        .where('user_id', 'in', userIds.length ? userIds : ['-'])
        .execute();
      if (userIds.length) await db.deleteFrom('app_user').where('id', 'in', userIds).execute();
      await db
        .deleteFrom('role_permission')
        .where('role_id', 'in', granted)
        .where('permission_code', '=', 'wftest:accept')
        .execute();
    }
  });

  it('finds overdue instances by their legal due date', async () => {
    at(clock, '2026-05-06'); // Wednesday after 劳动节
    const id = await startTestInstance(t.ctx);
    await wf.act(await p('qiye'), id, 'submit');
    const due = (await wf.detail(await p('wf_xa1'), id)).dueDate!;
    // Thu 7, Fri 8, Sat 9 (调休上班日), Mon 11, Tue 12.
    expect(due).toBe('2026-05-12');
    expect((await wf.findOverdue('2026-05-12')).map((i) => i.id)).not.toContain(id);
    expect((await wf.findOverdue('2026-05-13')).map((i) => i.id)).toContain(id);
    at(clock, '2026-05-15');
    const d = await wf.detail(await p('wf_xa1'), id);
    expect(d).toMatchObject({ overdue: true, daysLeft: -3 });
  });
});
