import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testClock, type Session, type TestApp } from '../../../../test/harness.js';
import { CalendarService } from '../../../platform/calendar/calendar.service.js';
import type { FixedClock } from '../../../platform/clock.js';
import { uuidv7 } from '../../../platform/ids.js';
import { CertificatesService } from '../certificates.service.js';
import {
  act,
  attachAll,
  detail,
  draft,
  events,
  expectError,
  giveCodes,
  instance,
  nodeId,
  ok,
  orgId,
  principalOf,
  submitted,
  TEST_CONFIG,
  upload,
  type Detail,
  type Instance,
} from './applications.fixtures.js';

const at = (iso: string) => new Date(`${iso}T10:00:00+08:00`);

describe('licensing.application: the process through HTTP', () => {
  let t: TestApp;
  let clock: FixedClock;
  let qiye: Session;
  let qiye2: Session;
  let sheng: Session;
  let xincheng: Session;
  let xian: Session;
  let baoji: Session;
  const unit: Record<string, string> = {};

  beforeAll(async () => {
    clock = testClock('2026-03-16T09:00:00+08:00');
    t = await createTestApp({ clock, config: TEST_CONFIG });
    [qiye, qiye2, sheng, xincheng, xian, baoji] = await Promise.all([
      t.login('qiye'),
      t.login('qiye2'),
      t.login('sheng'),
      t.login('xincheng'),
      t.login('xian'),
      t.login('baoji'),
    ]);
    for (const code of [
      'C06-V01',
      'C02-V01',
      'C03-V01',
      'C04-V01',
      'C05-V01',
      'C01-V01',
      'C01-V02',
      'C12-V01',
      'C14-V01',
    ])
      unit[code] = await nodeId(t, code);
    // 行业编号 / 产品编号 are 待需求方提供: test values so that numbers can be assigned.
    await giveCodes(t, 'C06-V01', '06', '001');
    await giveCodes(t, 'C02-V01', '02', '001');
    await giveCodes(t, 'C12-V01', '12', '001');
  });
  afterAll(async () => t.close());

  it('draft → 受理 → 实地核查 → 检验 → 决定 → 准予许可, with clocks, events and the certificate', async () => {
    clock.set(at('2026-03-16'));
    const app = await submitted(qiye, unit['C06-V01']!);
    expect(app).toMatchObject({ state: 'accepting', type: 'issue', approvalMode: 'verify_first' });
    expect(app.applicationNo).toMatch(/^XKSQ2026\d{6}$/);
    // 《办法》第十二条: 5 working days (17, 18, 19, 20, 23 March 2026)
    expect(app.dueDate).toBe('2026-03-23');

    const desk = ok<{ items: Array<{ id: string; dueDate: string; daysLeft: number }> }>(
      await sheng.get('/api/licensing/acceptance-desk'),
    );
    expect(desk.items.find((i) => i.id === app.id)).toMatchObject({ dueDate: '2026-03-23', daysLeft: 5 });

    // 先核后证: 受理 without 核查 is refused, through the convenience route and the engine's route alike
    expectError(
      await sheng.post(`/api/licensing/applications/${app.id}/accept`, { inspectionRequired: false }),
      400,
      'LICENSING_INSPECTION_CHOICE',
      'inspectionRequired',
    );
    expectError(
      await act(sheng, app.instanceId!, 'acceptWithoutInspection'),
      400,
      'LICENSING_INSPECTION_CHOICE',
    );
    clock.set(at('2026-03-17'));
    const accepted = ok<Detail>(
      await sheng.post(`/api/licensing/applications/${app.id}/accept`, {
        inspectionRequired: true,
        comment: '材料齐全，予以受理',
      }),
    );
    expect(accepted).toMatchObject({
      state: 'inspecting',
      acceptedDate: '2026-03-17',
      inspectionRequired: true,
      // 《办法》第十八条: 30 working days from 受理, across 清明 (4–6 April 2026)
      inspectionDueDate: '2026-04-29',
      // the engine's due date of 核查: 30 of the 'review' budget shared with 决定
      dueDate: '2026-04-29',
    });
    const inspecting = await instance(sheng, app.instanceId!);
    expect(inspecting.dueDate).toBe('2026-04-29');
    expect(inspecting.clocks.find((c) => c.name === 'review')).toMatchObject({
      limit: 30,
      used: 0,
      running: true,
    });
    const tasks = await t.ctx.db
      .selectFrom('licensing_inspection_task')
      .select(['id', 'status'])
      .where('application_id', '=', app.id)
      .execute();
    expect(tasks).toHaveLength(1);

    // A city bureau of another city cannot act on it; the county bureau of the enterprise can.
    expectError(await act(baoji, app.instanceId!, 'inspectionPassed'), 404, 'WF_NOT_FOUND');
    clock.set(at('2026-03-20'));
    const inst1 = ok<Instance>(
      await act(xincheng, app.instanceId!, 'inspectionPassed', { comment: '核查合格' }),
    );
    expect(inst1).toMatchObject({ state: 'testing', paused: true, dueDate: null });
    // the shared 60-day clock from 受理: 18, 19, 20 March used
    expect(inst1.clocks.find((c) => c.name === 'review')).toMatchObject({
      used: 3,
      running: false,
      limit: 60,
    });

    // 检验时间不计入: a month in 检验 does not use the clock.
    clock.set(at('2026-04-20'));
    const inst2 = ok<Instance>(await act(sheng, app.instanceId!, 'testingDone'));
    expect(inst2.state).toBe('deciding');
    expect(inst2.clocks.find((c) => c.name === 'review')).toMatchObject({
      used: 3,
      remaining: 57,
      limit: 60,
    });
    // 《办法》第二十四条: 60 working days from 受理, less the 3 used before 检验
    expect(inst2.dueDate).toBe(await new CalendarService(t.ctx).addWorkingDays('2026-04-20', 57));

    expectError(await act(xian, app.instanceId!, 'approve'), 403, 'WF_ACTION_NOT_ALLOWED');
    expectError(await act(sheng, app.instanceId!, 'refuse'), 400, 'WF_COMMENT_REQUIRED', 'comment');

    clock.set(at('2026-04-21'));
    ok(await act(sheng, app.instanceId!, 'approve', { comment: '准予许可' }));
    const done = await detail(qiye, app.id);
    expect(done).toMatchObject({
      state: 'approved',
      decision: 'approved',
      decisionDate: '2026-04-21',
      editable: false,
    });
    expect(done.issuedCertificateNo).toMatch(/^\(陕\)XK06-001-\d{5}$/);
    const cert = await t.ctx.db
      .selectFrom('licence_certificate')
      .select(['valid_from', 'valid_to', 'application_id'])
      .where('id', '=', done.issuedCertificateId!)
      .executeTakeFirstOrThrow();
    // seed 行政赋号: 发证有效期为许可日期 5 年后第二天
    expect(cert).toMatchObject({ valid_from: '2026-04-21', valid_to: '2031-04-22', application_id: app.id });

    const evs = await events(t, app.id);
    expect(evs.map((e) => e.event_type)).toEqual([
      'submitted',
      'accepted',
      'inspectionPassed',
      'testingDone',
      'approved',
    ]);
    // No driver for gov-service yet: the events wait, undelivered.
    expect(evs.every((e) => e.destination === 'gov-service' && e.delivered_at === null)).toBe(true);
    expect(JSON.parse(evs[4]!.payload)).toMatchObject({
      applicationNo: app.applicationNo,
      state: 'approved',
      certificateNo: done.issuedCertificateNo,
    });

    // 延续 of that certificate: same number, 5 years after the old expiry (seed 行政赋号)
    clock.set(at('2026-05-06'));
    const renew = await submitted(qiye, unit['C06-V01']!, 'renew');
    expect(renew.state).toBe('accepting');
    ok(await sheng.post(`/api/licensing/applications/${renew.id}/accept`, { inspectionRequired: true }));
    ok(await act(xincheng, renew.instanceId!, 'inspectionPassed'));
    ok(await act(sheng, renew.instanceId!, 'testingDone'));
    ok(await act(sheng, renew.instanceId!, 'approve'));
    const renewed = await detail(qiye, renew.id);
    expect(renewed.issuedCertificateNo).toBe(done.issuedCertificateNo);
    const c2 = await t.ctx.db
      .selectFrom('licence_certificate')
      .select(['valid_to', 'previous_id'])
      .where('id', '=', renewed.issuedCertificateId!)
      .executeTakeFirstOrThrow();
    expect(c2).toEqual({ valid_to: '2036-04-22', previous_id: done.issuedCertificateId });

    // 变更: no 核查 (《办法》第三十条) — 受理 with 核查 is refused, without it goes straight to 决定
    const change = await submitted(qiye, unit['C06-V01']!, 'change');
    expectError(
      await sheng.post(`/api/licensing/applications/${change.id}/accept`, { inspectionRequired: true }),
      400,
      'LICENSING_INSPECTION_CHOICE',
    );
    const ch = ok<Detail>(
      await sheng.post(`/api/licensing/applications/${change.id}/accept`, { inspectionRequired: false }),
    );
    expect(ch).toMatchObject({ state: 'deciding', inspectionRequired: false, inspectionDueDate: null });
    ok(await act(sheng, change.instanceId!, 'approve'));
    expect((await detail(qiye, change.id)).issuedCertificateNo).toBe(done.issuedCertificateNo);
  });

  it('补正 pauses the 受理 clock; the resubmission is checked again; the clock resumes with the days left', async () => {
    clock.set(at('2026-06-01'));
    const app = await submitted(qiye, unit['C03-V01']!);
    expect(app.dueDate).toBe('2026-06-08');
    clock.set(at('2026-06-03'));
    expectError(
      await sheng.post(`/api/licensing/applications/${app.id}/supplement`, {}),
      400,
      'VALIDATION',
      'comment',
    );
    // the variant the configuration does not name is refused on the engine's route
    expectError(
      await act(sheng, app.instanceId!, 'supplementClockRunning', { comment: '补正' }),
      409,
      'LICENSING_SUPPLEMENT_MODE',
    );
    const sup = ok<Detail>(
      await sheng.post(`/api/licensing/applications/${app.id}/supplement`, {
        comment: '请补正：1. 技术文件缺少工艺流程图；2. 营业执照副本不清晰',
      }),
    );
    expect(sup).toMatchObject({ state: 'supplementing', editable: true, dueDate: null });
    expect((await instance(qiye, app.instanceId!)).paused).toBe(true);

    // materials can be replaced during 补正; removing a required one makes the resubmission fail
    const tech = sup.materials.find((m) => m.materialCode === 'technical_documents')!;
    const less = ok<Detail>(await qiye.del(`/api/licensing/applications/${app.id}/materials/${tech.id}`));
    clock.set(at('2026-06-15'));
    expectError(
      await qiye.post(`/api/licensing/applications/${app.id}/submit`, {}),
      400,
      'LICENSING_MATERIALS_MISSING',
      'materials',
    );
    await attachAll(qiye, less);
    const back = ok<Detail>(
      await qiye.post(`/api/licensing/applications/${app.id}/submit`, { comment: '已补正' }),
    );
    // 2 working days (2, 3 June) were used before 补正: 3 remain from 15 June
    expect(back).toMatchObject({ state: 'accepting', dueDate: '2026-06-18' });

    ok(await sheng.post(`/api/licensing/applications/${app.id}/accept`, { inspectionRequired: true }));
    const evs = (await events(t, app.id)).map((e) => e.event_type);
    expect(evs).toEqual(['submitted', 'supplementRequested', 'resubmitted', 'accepted']);
    // end it: the applicant withdraws during 核查; the inspection task is cancelled with it
    ok(await qiye.post(`/api/licensing/applications/${app.id}/withdraw`, { comment: '企业决定暂缓申请' }));
    expect((await detail(qiye, app.id)).state).toBe('withdrawn');
    const task = await t.ctx.db
      .selectFrom('licensing_inspection_task')
      .select('status')
      .where('application_id', '=', app.id)
      .executeTakeFirstOrThrow();
    expect(task.status).toBe('cancelled');
  });

  it('补正 without pausing when the setting says so: the 受理 clock keeps running', async () => {
    ok(await sheng.put('/api/licensing/settings/supplement.pausesClock', { value: 'false' }));
    try {
      clock.set(at('2026-06-01'));
      const app = await submitted(qiye, unit['C04-V01']!);
      expectError(
        await act(sheng, app.instanceId!, 'supplement', { comment: '补正' }),
        409,
        'LICENSING_SUPPLEMENT_MODE',
      );
      clock.set(at('2026-06-02'));
      const sup = ok<Detail>(
        await sheng.post(`/api/licensing/applications/${app.id}/supplement`, {
          comment: '请补正质量管理制度',
        }),
      );
      expect(sup).toMatchObject({ state: 'supplementing_running', dueDate: '2026-06-08' });
      clock.set(at('2026-06-05'));
      const back = ok<Detail>(await qiye.post(`/api/licensing/applications/${app.id}/submit`, {}));
      expect(back).toMatchObject({ state: 'accepting', dueDate: '2026-06-08' });
      // 不予受理 ends it, with a reason
      expectError(await act(sheng, app.instanceId!, 'notAccept'), 400, 'WF_COMMENT_REQUIRED');
      ok(await act(sheng, app.instanceId!, 'notAccept', { comment: '申请事项不属于本机关职权范围' }));
      expect((await detail(qiye, app.id)).state).toBe('not_accepted');
      expect((await events(t, app.id)).map((e) => e.event_type).at(-1)).toBe('notAccepted');
    } finally {
      ok(await sheng.put('/api/licensing/settings/supplement.pausesClock', { value: 'true' }));
    }
  });

  it('核查不合格 ends the review (《办法》第二十条)', async () => {
    clock.set(at('2026-06-10'));
    const app = await submitted(qiye, unit['C05-V01']!);
    ok(await sheng.post(`/api/licensing/applications/${app.id}/accept`, { inspectionRequired: true }));
    expectError(await act(qiye, app.instanceId!, 'inspectionFailed'), 403, 'WF_ACTION_NOT_ALLOWED');
    ok(await act(xian, app.instanceId!, 'inspectionFailed', { comment: '否决项不符合' }));
    const d = await detail(qiye, app.id);
    expect(d.state).toBe('inspection_failed');
    expectError(await act(sheng, app.instanceId!, 'testingDone'), 409, 'WF_INSTANCE_CLOSED');
    expectError(
      await qiye.post(`/api/licensing/applications/${app.id}/withdraw`, {}),
      409,
      'LICENSING_APPLICATION_STATE',
    );
    expect((await events(t, app.id)).map((e) => e.event_type).at(-1)).toBe('inspectionFailed');
  });

  it('终止办理 needs one of the grounds of 《办法》第三十二条', async () => {
    clock.set(at('2026-06-10'));
    const app = await submitted(qiye, unit['C01-V01']!);
    ok(await sheng.post(`/api/licensing/applications/${app.id}/accept`, { inspectionRequired: true }));
    expectError(
      await act(sheng, app.instanceId!, 'terminate', { comment: '终止' }),
      400,
      'LICENSING_TERMINATION_GROUND_REQUIRED',
      'ground',
    );
    expectError(
      await sheng.post(`/api/licensing/applications/${app.id}/terminate`, {
        ground: 'bogus',
        comment: '终止',
      }),
      400,
      'LICENSING_TERMINATION_GROUND_INVALID',
      'ground',
    );
    expectError(
      await xian.post(`/api/licensing/applications/${app.id}/terminate`, {
        ground: 'fee_unpaid',
        comment: '终止',
      }),
      403,
    );
    expectError(
      await sheng.post(`/api/licensing/applications/${app.id}/terminate`, { ground: 'fee_unpaid' }),
      400,
      'VALIDATION',
      'comment',
    );
    const d = ok<Detail>(
      await sheng.post(`/api/licensing/applications/${app.id}/terminate`, {
        ground: 'obstruction',
        comment: '企业无正当理由拒绝实地核查',
      }),
    );
    expect(d).toMatchObject({ state: 'terminated', terminationGround: 'obstruction' });
    expect((await events(t, app.id)).map((e) => e.event_type).at(-1)).toBe('terminated');
  });

  it('不予许可 with its reason; 告知承诺 decides without prior 核查', async () => {
    // 告知承诺 for 钢丝绳 (test data: the mode is per catalogue node)
    ok(await sheng.put(`/api/licensing/catalogue/${unit['C12-V01']}`, { approvalMode: 'commitment' }));
    clock.set(at('2026-06-10'));
    const app = await submitted(qiye, unit['C12-V01']!);
    expect(app.approvalMode).toBe('commitment');
    const d = ok<Detail>(
      await sheng.post(`/api/licensing/applications/${app.id}/accept`, { inspectionRequired: false }),
    );
    expect(d).toMatchObject({ state: 'deciding', inspectionRequired: false });
    const inst = await instance(sheng, app.instanceId!);
    // 《办法》第二十四条: 60 working days from 受理
    expect(inst.clocks.find((c) => c.name === 'review')).toMatchObject({ limit: 60, used: 0, running: true });
    ok(await act(sheng, app.instanceId!, 'refuse', { comment: '产品检验报告不符合标准要求' }));
    expect(await detail(qiye, app.id)).toMatchObject({
      state: 'refused',
      decision: 'refused',
      decisionReason: '产品检验报告不符合标准要求',
      issuedCertificateNo: null,
    });

    // 告知承诺 still lets the officer choose 核查 before the decision
    const again = await submitted(qiye, unit['C12-V01']!);
    const d2 = ok<Detail>(
      await sheng.post(`/api/licensing/applications/${again.id}/accept`, { inspectionRequired: true }),
    );
    expect(d2.state).toBe('inspecting');
    ok(await qiye.post(`/api/licensing/applications/${again.id}/withdraw`, {}));
  });

  it('撤回 before a decision, by the applicant only', async () => {
    clock.set(at('2026-06-10'));
    const app = await submitted(qiye, unit['C01-V02']!);
    expectError(await act(sheng, app.instanceId!, 'withdraw'), 403, 'WF_ACTION_NOT_ALLOWED');
    // another enterprise does not see it at all
    expectError(await qiye2.post(`/api/licensing/applications/${app.id}/withdraw`, {}), 404);
    const d = ok<Detail>(
      await qiye.post(`/api/licensing/applications/${app.id}/withdraw`, { comment: '撤回' }),
    );
    expect(d.state).toBe('withdrawn');
    expect((await events(t, app.id)).map((e) => e.event_type)).toEqual(['submitted', 'withdrawn']);
    // withdrawn: the product may be applied for again
    const again = await submitted(qiye, unit['C01-V02']!);
    expect(again.state).toBe('accepting');
    ok(await qiye.post(`/api/licensing/applications/${again.id}/withdraw`, {}));
  });

  it('nobody decides their own application (the engine refuses self-approval)', async () => {
    // A user holding both the enterprise role and the deciding role (test data).
    const role = await t.ctx.db
      .selectFrom('role')
      .select('id')
      .where('code', '=', 'province_officer')
      .executeTakeFirstOrThrow();
    const user = await t.ctx.db
      .selectFrom('app_user')
      .select('id')
      .where('username', '=', 'qiye2')
      .executeTakeFirstOrThrow();
    await t.ctx.db.insertInto('user_role').values({ user_id: user.id, role_id: role.id }).execute();
    const both = await t.login('qiye2');
    clock.set(at('2026-06-10'));
    const app = await submitted(both, unit['C14-V01']!);
    expectError(
      await both.post(`/api/licensing/applications/${app.id}/accept`, { inspectionRequired: true }),
      403,
      'WF_SELF_APPROVAL',
    );
    ok(await sheng.post(`/api/licensing/applications/${app.id}/accept`, { inspectionRequired: true }));
    ok(await act(sheng, app.instanceId!, 'inspectionPassed'));
    ok(await act(sheng, app.instanceId!, 'testingDone'));
    expectError(await act(both, app.instanceId!, 'approve'), 403, 'WF_SELF_APPROVAL');
    ok(await both.post(`/api/licensing/applications/${app.id}/withdraw`, {}));
    await t.ctx.db
      .deleteFrom('user_role')
      .where('user_id', '=', user.id)
      .where('role_id', '=', role.id)
      .execute();
  });

  it('受理 deadlines count working days across the 2026 Spring Festival and National Day', async () => {
    clock.set(at('2026-02-13'));
    const a = await submitted(qiye, unit['C02-V01']!);
    // 春节 2026: 15–23 February off, 14 and 28 February 调休上班
    expect(a.dueDate).toBe('2026-02-27');
    ok(await qiye.post(`/api/licensing/applications/${a.id}/withdraw`, {}));
    clock.set(at('2026-09-28'));
    const b = await submitted(qiye, unit['C02-V01']!);
    // 国庆 2026: 1–7 October off, 10 October 调休上班
    expect(b.dueDate).toBe('2026-10-10');
    ok(await qiye.post(`/api/licensing/applications/${b.id}/withdraw`, {}));
  });

  it('撤销 then a new application needs a 整改证明 from a county-level or higher bureau', async () => {
    clock.set(at('2026-07-01'));
    // 水泥 for qiye: licensed, then 撤销
    const app = await submitted(qiye, unit['C02-V01']!);
    ok(await sheng.post(`/api/licensing/applications/${app.id}/accept`, { inspectionRequired: true }));
    ok(await act(sheng, app.instanceId!, 'inspectionPassed'));
    ok(await act(sheng, app.instanceId!, 'testingDone'));
    ok(await act(sheng, app.instanceId!, 'approve'));
    const certId = (await detail(qiye, app.id)).issuedCertificateId!;
    clock.set(at('2026-07-10'));
    await new CertificatesService(t.ctx).sanction(await principalOf(t, 'sheng'), certId, {
      kind: 'revoke',
      grounds: '以欺骗手段取得许可',
    });

    const d = await draft(qiye, unit['C02-V01']!);
    expect(d.rectificationRequiredSince).toBe('2026-07-10');
    expect(d.checklist.at(-1)).toMatchObject({
      code: 'rectification_proof',
      required: true,
      satisfied: false,
    });
    // everything but the 整改证明
    await attachAll(qiye, d, ['rectification_proof']);
    const missing = await qiye.post(`/api/licensing/applications/${d.id}/submit`, {});
    expectError(missing, 400, 'LICENSING_MATERIALS_MISSING', 'materials');
    expect(missing.json<{ message: string }>().message).toContain('整改证明');
    // issued by an enterprise or without an issuer: refused
    const f1 = await upload(qiye, '整改证明.pdf');
    expectError(
      await qiye.post(`/api/licensing/applications/${d.id}/materials`, {
        materialCode: 'rectification_proof',
        fileIds: [f1],
        issuerOrgId: await orgId(t, 'ENT-QINFENG'),
      }),
      400,
      'LICENSING_RECTIFICATION_ISSUER_INVALID',
      'issuerOrgId',
    );
    ok(
      await qiye.post(`/api/licensing/applications/${d.id}/materials`, {
        materialCode: 'rectification_proof',
        fileIds: [f1],
        issuerOrgId: await orgId(t, 'SX-610102'),
      }),
    );
    const sub = ok<Detail>(await qiye.post(`/api/licensing/applications/${d.id}/submit`, {}));
    expect(sub.state).toBe('accepting');
    expect(sub.materials.find((m) => m.materialCode === 'rectification_proof')?.issuerOrgName).toBe(
      '西安市新城区市场监督管理局',
    );
    ok(await qiye.post(`/api/licensing/applications/${d.id}/withdraw`, {}));
  });

  it('吊销 bars a new application for the same product for 3 years (《条例》第五十五条)', async () => {
    clock.set(at('2026-08-03'));
    await giveCodes(t, 'C13-V01', '13', '001');
    const plywood = await nodeId(t, 'C13-V01');
    const ent = await t.ctx.db
      .selectFrom('organization')
      .select(['id', 'region_code'])
      .where('code', '=', 'ENT-QINFENG')
      .executeTakeFirstOrThrow();
    const sp = await principalOf(t, 'sheng');
    const cert = await t.ctx.db.transaction().execute((trx) =>
      new CertificatesService({ ...t.ctx, db: trx }).issue(trx, sp, {
        applicationId: uuidv7(),
        applicationType: 'issue',
        enterpriseOrgId: ent.id,
        regionCode: ent.region_code,
        productUnitId: plywood,
        decisionDate: '2025-05-06',
      }),
    );
    await new CertificatesService(t.ctx).sanction(sp, cert.id, {
      kind: 'rescind',
      grounds: '监督抽查复查仍不合格',
    });
    const d = await attachAll(qiye, await draft(qiye, plywood));
    const r = await qiye.post(`/api/licensing/applications/${d.id}/submit`, {});
    expectError(r, 400, 'LICENSING_APPLICATION_BARRED', 'productUnitId');
    expect(r.json<{ message: string }>().message).toContain('第五十五条');
  });
});
