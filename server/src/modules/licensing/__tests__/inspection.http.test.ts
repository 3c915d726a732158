import type { Static } from '@sinclair/typebox';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readXlsx } from '../../../platform/documents/xlsx.js';
import { multipartFile } from '../../../platform/files/__tests__/upload-helpers.js';
import { FixedClock } from '../../../platform/clock.js';
import { WorkflowService } from '../../../platform/workflow/workflow.service.js';
import { orgIdByCode } from '../../../seed/seed.js';
import { nodeId } from './applications.fixtures.js';
import { createTestApp, type Session, type TestApp } from '../../../../test/harness.js';
import type { InspectionDetail, InspectionPage } from '../inspection.schemas.js';
import { InspectionService } from '../inspection.service.js';
import {
  CLEAR,
  expectError,
  ok,
  openTask,
  principalOf,
  publishedTemplateId,
  seedInspectionStaff,
  userIdOf,
  type OpenedTask,
} from './inspection.fixtures.js';

type Detail = Static<typeof InspectionDetail>;
const UNKNOWN = '01890000-0000-7000-8000-000000000000';

describe('/api/licensing/inspections', () => {
  let t: TestApp;
  let sheng: Session;
  let xian: Session;
  let baoji: Session;
  let xincheng: Session;
  let yanta: Session;
  let zhuanjia: Session;
  let qiye: Session;
  let ids: Record<string, string>;
  let dxdl: string;
  let whhxp: string;

  beforeAll(async () => {
    t = await createTestApp({ config: { loginRateLimit: 10000 } });
    await seedInspectionStaff(t.ctx);
    sheng = await t.login('sheng');
    xian = await t.login('xian');
    baoji = await t.login('baoji');
    xincheng = await t.login('xincheng');
    yanta = await t.login('yanta');
    zhuanjia = await t.login('zhuanjia');
    qiye = await t.login('qiye');
    ids = {};
    for (const u of [
      'sheng',
      'xian',
      'baoji',
      'xincheng',
      'yanta',
      'zhuanjia',
      'qiye',
      'xa_li',
      'xa_wang',
      'xc_sun',
    ])
      ids[u] = await userIdOf(t.ctx, u);
    dxdl = await publishedTemplateId(t.ctx, 'EX-DXDL');
    whhxp = await publishedTemplateId(t.ctx, 'EX-WHHXP');
  });
  afterAll(async () => t.close());

  const url = (task: OpenedTask, rest = '') => `/api/licensing/inspections/${task.taskId}${rest}`;

  /** A task with the example template and the team 组长 xian, 组员 xincheng and zhuanjia. */
  async function readyTask(template = dxdl): Promise<OpenedTask> {
    const task = await openTask(t.ctx);
    ok(await sheng.put(url(task, '/template'), { templateId: template }));
    ok(
      await sheng.put(url(task, '/team'), {
        members: [
          { userId: ids.xian, role: 'leader', declaration: CLEAR },
          { userId: ids.xincheng, role: 'member', declaration: CLEAR },
          { userId: ids.zhuanjia, role: 'member', declaration: CLEAR },
        ],
      }),
    );
    return task;
  }

  const itemsOf = (d: Detail) => d.template!.chapters.flatMap((c) => c.items);

  /** Every item 符合 except the given overrides (by item code). */
  function fill(
    d: Detail,
    over: Record<string, { result: string; problem?: string; rectification?: string }> = {},
  ) {
    return itemsOf(d).map((i) => ({ itemId: i.id, result: 'conform', ...over[i.code] }));
  }

  it('opens a task idempotently and shows it by data scope', async () => {
    const task = await openTask(t.ctx);
    const sp = await principalOf(t.ctx, 'sheng');
    const again = await new InspectionService(t.ctx).openTask(t.ctx.db, sp, {
      applicationId: task.applicationId,
      regionCode: '610102',
      enterpriseOrgId: await orgIdByCode(t.ctx, 'ENT-QINFENG'),
      productUnitId: UNKNOWN,
    });
    expect(again.id).toBe(task.taskId);
    const d = ok<Detail>(await sheng.get(url(task)));
    expect(d).toMatchObject({
      status: 'planning',
      statusLabel: '待核查',
      template: null,
      team: [],
      observer: null,
    });
    expect(d.enterpriseName).toBe('西安秦风电器有限公司');
    expect(d.my).toMatchObject({ role: null, canManage: true, canFill: false, canAssignObserver: false });
    expect(ok<Detail>(await xian.get(url(task))).my).toMatchObject({
      canManage: true,
      canAssignObserver: true,
    });
    ok(await xincheng.get(url(task)));
    // Another city, another county, the enterprise and an unassigned expert do not see it.
    for (const s of [baoji, yanta, qiye, zhuanjia])
      expectError(await s.get(url(task)), 404, 'INSPECTION_NOT_FOUND');
    const listed = ok<Static<typeof InspectionPage>>(
      await xian.get('/api/licensing/inspections?pageSize=500'),
    );
    expect(listed.items.map((i) => i.id)).toContain(task.taskId);
    const none = ok<Static<typeof InspectionPage>>(
      await baoji.get('/api/licensing/inspections?pageSize=500'),
    );
    expect(none.items.map((i) => i.id)).not.toContain(task.taskId);
    expect(ok<Static<typeof InspectionPage>>(await qiye.get('/api/licensing/inspections')).total).toBe(0);
  });

  it('answers 401 without a session and 403 without the permission on each route', async () => {
    const task = await openTask(t.ctx);
    const routes: Array<[string, string, unknown]> = [
      ['GET', '', undefined],
      ['GET', `/${task.taskId}`, undefined],
      ['PUT', `/${task.taskId}/team`, { members: [] }],
      ['GET', `/${task.taskId}/team/candidates`, undefined],
      ['POST', `/${task.taskId}/declarations`, CLEAR],
      ['PUT', `/${task.taskId}/plan`, { planStart: '2026-04-01', planEnd: '2026-04-02' }],
      ['PUT', `/${task.taskId}/template`, { templateId: dxdl }],
      ['PUT', `/${task.taskId}/items`, { items: [{ itemId: UNKNOWN, result: 'conform' }] }],
      ['PUT', `/${task.taskId}/items/${UNKNOWN}`, { result: 'conform' }],
      ['POST', `/${task.taskId}/conclude`, { finalResult: 'pass', enterpriseConfirmation: 'confirmed' }],
    ];
    for (const [method, path, payload] of routes) {
      const res = await t.app.inject({
        method: method as 'GET',
        url: `/api/licensing/inspections${path}`,
        ...(payload ? { payload } : {}),
      });
      expectError(res, 401);
    }
    // Organising the task needs 'licensing:inspect'.
    for (const [path, body] of [
      ['/team', { members: [] }],
      ['/plan', { planStart: '2026-04-01', planEnd: '2026-04-02' }],
      ['/template', { templateId: dxdl }],
    ] as const) {
      expectError(await qiye.put(url(task, path), body), 403, 'FORBIDDEN');
      expectError(await zhuanjia.put(url(task, path), body), 403, 'FORBIDDEN');
    }
    expectError(await zhuanjia.get(url(task, '/team/candidates')), 403, 'FORBIDDEN');
    // In scope but not on the team: may not fill nor conclude (403); out of scope: 404.
    ok(await sheng.put(url(task, '/template'), { templateId: dxdl }));
    const item = itemsOf(ok<Detail>(await sheng.get(url(task))))[0]!;
    expectError(
      await sheng.put(url(task, `/items/${item.id}`), { result: 'conform' }),
      403,
      'INSPECTION_NOT_MEMBER',
    );
    expectError(
      await sheng.post(url(task, '/conclude'), { finalResult: 'pass', enterpriseConfirmation: 'confirmed' }),
      403,
      'INSPECTION_NOT_LEADER',
    );
    expectError(await baoji.put(url(task, '/team'), { members: [] }), 404, 'INSPECTION_NOT_FOUND');
    expectError(await baoji.put(url(task, `/items/${item.id}`), { result: 'conform' }), 404);
    // 400 on malformed input, with the field.
    expectError(
      await sheng.put(url(task, '/plan'), { planStart: '2026-13-01', planEnd: '2026-04-02' }),
      400,
      'VALIDATION',
      'planStart',
    );
    expectError(
      await sheng.put(url(task, '/team'), { members: [{ userId: 'x', role: 'leader' }] }),
      400,
      'VALIDATION',
      'members.0.userId',
    );
    expectError(
      await sheng.post(url(task, '/conclude'), { finalResult: 'maybe', enterpriseConfirmation: 'confirmed' }),
      400,
      'VALIDATION',
    );
    expectError(await sheng.get('/api/licensing/inspections?sort=bogus'), 400, 'SORT_FIELD_INVALID', 'sort');
  });

  it('enforces the team rules with a Chinese message and the field', async () => {
    const task = await openTask(t.ctx);
    const team = (members: unknown[]) => sheng.put(url(task, '/team'), { members });
    expectError(
      await team([{ userId: ids.xian, role: 'leader', declaration: CLEAR }]),
      400,
      'TEAM_SIZE',
      'members',
    );
    expectError(
      await team([
        { userId: ids.xian, role: 'leader', declaration: CLEAR },
        { userId: ids.xa_li, role: 'member', declaration: CLEAR },
      ]),
      400,
      'TEAM_SAME_ORG',
      'members',
    );
    expectError(
      await team([
        { userId: ids.xian, role: 'member', declaration: CLEAR },
        { userId: ids.xincheng, role: 'member', declaration: CLEAR },
      ]),
      400,
      'TEAM_LEADER',
      'members',
    );
    expectError(
      await team([
        { userId: ids.xian, role: 'leader', declaration: CLEAR },
        { userId: ids.xincheng, role: 'member' },
      ]),
      400,
      'TEAM_DECLARATION_MISSING',
      'members.1.declaration',
    );
    expectError(
      await team([
        { userId: ids.xian, role: 'leader', declaration: CLEAR },
        { userId: ids.xincheng, role: 'member', declaration: { ...CLEAR, consulted: true } },
      ]),
      400,
      'TEAM_CONFLICT',
      'members.1.declaration',
    );
    expectError(
      await team([
        { userId: ids.xian, role: 'leader', declaration: CLEAR },
        { userId: ids.qiye, role: 'member', declaration: CLEAR },
      ]),
      400,
      'TEAM_CONFLICT',
      'members.1.userId',
    );
    // The 组长 concludes on the application: an expert without 'licensing:inspect' cannot lead.
    expectError(
      await team([
        { userId: ids.zhuanjia, role: 'leader', declaration: CLEAR },
        { userId: ids.xian, role: 'member', declaration: CLEAR },
      ]),
      400,
      'TEAM_LEADER_NO_AUTHORITY',
      'members',
    );
    expectError(
      await team([
        { userId: ids.xian, role: 'leader', declaration: CLEAR },
        { userId: UNKNOWN, role: 'member', declaration: CLEAR },
      ]),
      400,
      'INSPECTION_USER_INVALID',
      'members.1.userId',
    );
    // A refused team leaves no declaration behind (the transaction rolled back) — xincheng's conflict is gone.
    let d = ok<Detail>(await sheng.get(url(task)));
    expect(d.declarations).toEqual([]);
    d = ok<Detail>(
      await team([
        { userId: ids.xian, role: 'leader', declaration: CLEAR },
        { userId: ids.xincheng, role: 'member', declaration: { ...CLEAR, note: '无利害关系' } },
        { userId: ids.zhuanjia, role: 'member', declaration: CLEAR },
      ]),
    );
    expect(d.team.map((m) => [m.name, m.role, m.roleLabel])).toEqual([
      ['李西安', 'leader', '组长'],
      ['陈新城', 'member', '组员'],
      ['钱专家', 'member', '组员'],
    ]);
    expect(d.team[1]!.declaration).toMatchObject({
      hasConflict: false,
      note: '无利害关系',
      declaredBy: '王省局',
    });
    expect(d.teamProblems).toEqual([]);
    // The expert now sees the task ('assigned' scope) and lists it as theirs.
    const mine = ok<Static<typeof InspectionPage>>(
      await zhuanjia.get('/api/licensing/inspections?mine=true'),
    );
    expect(mine.items.map((i) => [i.id, i.myRole, i.leaderName, i.memberCount])).toEqual([
      [task.taskId, 'member', '李西安', 3],
    ]);
    // A member declaring a conflict afterwards breaks the team until it is changed.
    d = ok<Detail>(
      await zhuanjia.post(url(task, '/declarations'), { ...CLEAR, related: true, note: '亲属在该企业任职' }),
    );
    expect(d.teamProblems.map((p) => p.code)).toEqual(['TEAM_CONFLICT']);
    expect(d.declarations.find((x) => x.userId === ids.zhuanjia)).toMatchObject({
      hasConflict: true,
      conflicts: ['与被核查企业有亲属关系或经济往来'],
      declaredBy: '钱专家',
    });
    // Only a managing officer may record someone else's declaration.
    expectError(
      await zhuanjia.post(url(task, '/declarations'), { userId: ids.xincheng, ...CLEAR }),
      403,
      'INSPECTION_DECLARATION_FORBIDDEN',
    );
    // The version guards concurrent edits.
    expectError(
      await sheng.put(url(task, '/team'), {
        expectedVersion: d.version - 1,
        members: [
          { userId: ids.xian, role: 'leader' },
          { userId: ids.xincheng, role: 'member' },
        ],
      }),
      409,
      'INSPECTION_VERSION_CONFLICT',
    );
    d = ok<Detail>(
      await sheng.put(url(task, '/team'), {
        expectedVersion: d.version,
        members: [
          { userId: ids.xian, role: 'leader' },
          { userId: ids.xincheng, role: 'member' },
        ],
      }),
    );
    expect(d.team).toHaveLength(2);
    expect(d.teamProblems).toEqual([]);
  });

  it('offers team candidates: staff in scope and registered experts, never enterprise users', async () => {
    const task = await openTask(t.ctx);
    type Candidates = {
      items: Array<{ userId: string; canLead: boolean; conflict: boolean; orgName: string }>;
    };
    const all = ok<Candidates>(await xian.get(url(task, '/team/candidates')));
    const byId = new Map(all.items.map((c) => [c.userId, c]));
    // Xi'an staff (in scope) and the expert (licensing:checklist, registered province-wide) are offered;
    // enterprise users never are.
    expect(byId.get(ids.xian!)).toMatchObject({ canLead: true, conflict: false });
    expect(byId.get(ids.xincheng!)?.canLead).toBe(true);
    expect(byId.get(ids.zhuanjia!)).toMatchObject({ canLead: false });
    expect(byId.has(ids.qiye!)).toBe(false);
    // The 三员 and operations staff have no part in verification.
    for (const u of ['sysadmin', 'secadmin', 'auditadmin', 'yunwei'])
      expect(byId.has(await userIdOf(t.ctx, u))).toBe(false);
    // A declared conflict is flagged.
    ok(
      await sheng.post(url(task, '/declarations'), {
        userId: ids.zhuanjia,
        ...CLEAR,
        related: true,
        note: '亲属在该企业任职',
      }),
    );
    const after = ok<Candidates>(await xian.get(url(task, '/team/candidates')));
    expect(after.items.find((c) => c.userId === ids.zhuanjia)?.conflict).toBe(true);
    // Keyword narrows by name, username or unit.
    const kw = ok<Candidates>(await xian.get(url(task, '/team/candidates?keyword=zhuanjia')));
    expect(kw.items.map((c) => c.userId)).toEqual([ids.zhuanjia]);
    // Another city cannot organise this task.
    expectError(await baoji.get(url(task, '/team/candidates')), 404, 'INSPECTION_NOT_FOUND');
  });

  it('plans dates (《办法》第十六条: 提前 5 个工作日通知)', async () => {
    const task = await openTask(t.ctx);
    expectError(
      await sheng.put(url(task, '/plan'), { planStart: '2026-04-10', planEnd: '2026-04-09' }),
      400,
      'INSPECTION_PLAN_INVALID',
      'planEnd',
    );
    // Notified Wed 2026-04-01: five working days later is Thu 2026-04-09 (清明 4-4..4-6 off).
    const short = await sheng.put(url(task, '/plan'), {
      planStart: '2026-04-08',
      planEnd: '2026-04-09',
      notifiedOn: '2026-04-01',
    });
    expectError(short, 400, 'INSPECTION_PLAN_INVALID', 'planStart');
    expect(short.json<{ message: string }>().message).toContain('2026-04-09');
    const d = ok<Detail>(
      await sheng.put(url(task, '/plan'), {
        planStart: '2026-04-09',
        planEnd: '2026-04-10',
        notifiedOn: '2026-04-01',
        note: '两天',
      }),
    );
    expect(d.plan).toEqual({
      start: '2026-04-09',
      end: '2026-04-10',
      notifiedOn: '2026-04-01',
      note: '两天',
    });
  });

  it('chooses a published template and keeps its snapshot', async () => {
    const task = await openTask(t.ctx);
    expectError(
      await sheng.put(url(task, '/template'), { templateId: UNKNOWN }),
      400,
      'INSPECTION_TEMPLATE_INVALID',
      'templateId',
    );
    const d = ok<Detail>(await sheng.put(url(task, '/template'), { templateId: whhxp }));
    expect(d.template).toMatchObject({ code: 'EX-WHHXP', isExample: true, status: 'published' });
    expect(d.template!.name).toContain('示例');
    expect(d.template!.rules).toMatchObject({
      vetoFailLimit: 0,
      generalFailLimit: 2,
      basicPerFail: 3,
      basicEnabled: true,
    });
    expect(d.suggestion).toMatchObject({ verdict: 'incomplete', complete: false });
  });

  it('only team members fill items; the 组长 concludes and the application moves on', async () => {
    const task = await readyTask();
    const d0 = ok<Detail>(await xian.get(url(task)));
    expect(d0.my).toMatchObject({ role: 'leader', canFill: true, canConclude: true });
    const items = itemsOf(d0);
    const veto = items.find((i) => i.veto)!;
    const general = items.find((i) => !i.veto)!;
    // Checks of one record.
    expectError(
      await xincheng.put(url(task, `/items/${general.id}`), { result: 'basic', problem: 'x' }),
      400,
      'INSPECTION_RESULT_INVALID',
      'result',
    );
    expectError(
      await xincheng.put(url(task, `/items/${general.id}`), { result: 'nonconform' }),
      400,
      'INSPECTION_PROBLEM_REQUIRED',
      'problem',
    );
    // 不符合 needs a 整改要求 too (the page asked for it; now the server does).
    const noRect = await xincheng.put(url(task, `/items/${general.id}`), {
      result: 'nonconform',
      problem: '质量目标未分解到部门',
    });
    expectError(noRect, 400, 'INSPECTION_RECTIFICATION_REQUIRED', 'rectification');
    expect(noRect.json<{ message: string }>().message).toBe('判为“不符合”时须填写整改要求');
    expectError(
      await xincheng.put(url(task, '/items'), {
        items: [{ itemId: general.id, result: 'nonconform', problem: '质量目标未分解', rectification: '  ' }],
      }),
      400,
      'INSPECTION_RECTIFICATION_REQUIRED',
      'items.0.rectification',
    );
    expect(ok<Detail>(await xincheng.get(url(task))).records).toEqual([]);
    expectError(
      await xincheng.put(url(task, '/items'), {
        items: [
          { itemId: general.id, result: 'conform' },
          { itemId: UNKNOWN, result: 'conform' },
        ],
      }),
      400,
      'INSPECTION_ITEM_INVALID',
      'items.1.itemId',
    );
    expectError(
      await xincheng.put(url(task, '/items'), {
        items: [
          { itemId: general.id, result: 'conform' },
          { itemId: general.id, result: 'na' },
        ],
      }),
      400,
      'INSPECTION_ITEM_DUPLICATE',
      'items.1.itemId',
    );
    // Evidence: a photo uploaded by the member, attached to the record, readable by the team.
    const png = PNG.sync.write(new PNG({ width: 2, height: 2 }));
    const up = await xincheng.request({
      method: 'POST',
      url: '/api/files',
      ...multipartFile('现场照片.png', png),
    });
    expect(up.statusCode, up.body).toBe(201);
    const fileId = up.json<{ id: string }>().id;
    const partial = ok<Detail>(
      await xincheng.put(url(task, `/items/${general.id}`), {
        result: 'nonconform',
        problem: '质量目标未分解到部门',
        rectification: '15 日内完善并报送',
        evidenceFileIds: [fileId],
      }),
    );
    expect(partial.status).toBe('in_progress');
    expect(partial.actual.start).not.toBeNull();
    expect(partial.records).toEqual([
      expect.objectContaining({
        itemId: general.id,
        result: 'nonconform',
        resultLabel: '不符合',
        evidenceFileIds: [fileId],
        recordedByName: '陈新城',
      }),
    ]);
    expect((await zhuanjia.get(`/api/files/${fileId}`)).statusCode).toBe(200);
    expect((await yanta.get(`/api/files/${fileId}`)).statusCode).toBe(403);
    // Someone else's upload cannot be attached.
    expectError(
      await zhuanjia.put(url(task, `/items/${veto.id}`), { result: 'conform', evidenceFileIds: [UNKNOWN] }),
      400,
      'FILE_ATTACH_INVALID',
    );
    // Not complete yet: no conclusion.
    expectError(
      await xian.post(url(task, '/conclude'), { finalResult: 'pass', enterpriseConfirmation: 'confirmed' }),
      400,
      'INSPECTION_INCOMPLETE',
      'items',
    );
    // The rest in one batch by the expert (a member), keeping the first record.
    const rest = fill(partial).filter((r) => r.itemId !== general.id);
    const full = ok<Detail>(await zhuanjia.put(url(task, '/items'), { items: rest }));
    expect(full.records).toHaveLength(items.length);
    expect(full.suggestion).toMatchObject({ verdict: 'pass', complete: true });
    expect(full.suggestion!.counts).toMatchObject({
      nonconform: 1,
      generalNonconform: 1,
      generalFailEquivalent: 1,
    });
    // Members other than the 组长 may not conclude.
    expectError(
      await xincheng.post(url(task, '/conclude'), {
        finalResult: 'pass',
        enterpriseConfirmation: 'confirmed',
      }),
      403,
      'INSPECTION_NOT_LEADER',
    );
    expectError(
      await xian.post(url(task, '/conclude'), { finalResult: 'fail', enterpriseConfirmation: 'confirmed' }),
      400,
      'INSPECTION_OVERRIDE_REASON',
      'overrideReason',
    );
    expectError(
      await xian.post(url(task, '/conclude'), { finalResult: 'pass', enterpriseConfirmation: 'refused' }),
      400,
      'INSPECTION_REFUSAL_NOTE',
      'enterpriseRefusalNote',
    );
    // A confirmation names the enterprise's signer.
    for (const enterpriseSigner of [undefined, null, '   '])
      expectError(
        await xian.post(url(task, '/conclude'), {
          finalResult: 'pass',
          enterpriseConfirmation: 'confirmed',
          enterpriseSigner,
        }),
        400,
        'INSPECTION_SIGNER_REQUIRED',
        'enterpriseSigner',
      );
    const done = ok<Detail>(
      await xian.post(url(task, '/conclude'), {
        finalResult: 'pass',
        enterpriseConfirmation: 'confirmed',
        enterpriseSigner: '郑企业',
        comment: '一般项 1 项不符合，限期整改',
        expectedVersion: full.version,
      }),
    );
    expect(done.status).toBe('concluded');
    expect(done.conclusion).toMatchObject({
      suggestedResult: 'pass',
      finalResult: 'pass',
      finalResultLabel: '合格',
      overridden: false,
      concludedBy: '李西安',
      enterpriseConfirmation: 'confirmed',
      enterpriseSigner: '郑企业',
    });
    expect(done.my).toMatchObject({ canFill: false, canConclude: false, canManage: false });
    // The application's workflow moved on in the same transaction.
    const wf = new WorkflowService(t.ctx);
    const inst = await wf.findByBusiness('licensing.application', task.applicationId);
    expect(inst).toMatchObject({ id: task.instanceId, state: 'testing', status: 'active' });
    const hist = await wf.history(await principalOf(t.ctx, 'sheng'), task.instanceId);
    expect(hist.at(-1)).toMatchObject({ action: 'inspectionPassed', actorName: '李西安' });
    expect(hist.at(-1)!.comment).toContain('现场核查结论：合格');
    // Read-only afterwards.
    expectError(
      await xincheng.put(url(task, `/items/${general.id}`), { result: 'conform' }),
      409,
      'INSPECTION_STATE',
    );
    expectError(
      await xian.post(url(task, '/conclude'), { finalResult: 'pass', enterpriseConfirmation: 'confirmed' }),
      409,
      'INSPECTION_STATE',
    );
    expectError(await sheng.put(url(task, '/team'), { members: [] }), 409, 'INSPECTION_STATE');
    // The application part reads the conclusion.
    const c = await new InspectionService(t.ctx).conclusionOf(task.applicationId);
    expect(c).toMatchObject({
      taskId: task.taskId,
      result: 'pass',
      resultLabel: '合格',
      overridden: false,
      templateCode: 'EX-DXDL',
      leaderName: '李西安',
      enterpriseConfirmation: 'confirmed',
    });
    expect(c!.members.map((m) => m.role)).toEqual(['leader', 'member', 'member']);
    expect(await new InspectionService(t.ctx).conclusionOf(UNKNOWN)).toBeUndefined();
  });

  it('a 否决项 不符合 fails the verification and ends the review (《办法》第二十条)', async () => {
    const task = await readyTask(whhxp);
    const d = ok<Detail>(await xian.get(url(task)));
    const veto = itemsOf(d).find((i) => i.veto)!;
    const general = itemsOf(d).find((i) => !i.veto)!;
    // A 否决项 of this template cannot be 基本符合; a 一般项 can.
    expectError(
      await xian.put(url(task, `/items/${veto.id}`), { result: 'basic', problem: '部分' }),
      400,
      'INSPECTION_RESULT_INVALID',
      'result',
    );
    // 基本符合 (this template uses it) needs a 整改要求 as well.
    expectError(
      await xian.put(url(task, `/items/${general.id}`), { result: 'basic', problem: '记录不全' }),
      400,
      'INSPECTION_RECTIFICATION_REQUIRED',
      'rectification',
    );
    const filled = ok<Detail>(
      await xian.put(url(task, '/items'), {
        items: fill(d, {
          [veto.code]: { result: 'nonconform', problem: '检验设备未检定', rectification: '送检定' },
          [general.code]: { result: 'basic', problem: '记录不全', rectification: '补全记录' },
        }),
      }),
    );
    expect(filled.suggestion).toMatchObject({
      verdict: 'fail',
      reasons: ['否决项不符合 1 项（任一否决项不符合即判不合格）'],
    });
    const done = ok<Detail>(
      await xian.post(url(task, '/conclude'), {
        finalResult: 'fail',
        enterpriseConfirmation: 'refused',
        enterpriseRefusalNote: '企业对否决项判定有异议，拒绝签字',
      }),
    );
    expect(done.conclusion).toMatchObject({
      finalResult: 'fail',
      enterpriseConfirmation: 'refused',
      enterpriseRefusalNote: '企业对否决项判定有异议，拒绝签字',
    });
    const inst = await new WorkflowService(t.ctx).findByBusiness('licensing.application', task.applicationId);
    expect(inst).toMatchObject({ state: 'inspection_failed', status: 'terminated' });
  });

  it('the 组长 may override the suggestion with a reason, recorded', async () => {
    const task = await readyTask();
    const d = ok<Detail>(await xian.get(url(task)));
    const general = itemsOf(d).filter((i) => !i.veto);
    const over = Object.fromEntries(
      general
        .slice(0, 4)
        .map((i) => [i.code, { result: 'nonconform', problem: '不符合', rectification: '限期整改' }]),
    );
    const filled = ok<Detail>(await xincheng.put(url(task, '/items'), { items: fill(d, over) }));
    expect(filled.suggestion!.verdict).toBe('fail');
    const done = ok<Detail>(
      await xian.post(url(task, '/conclude'), {
        finalResult: 'pass',
        overrideReason: '其中 2 项已当场整改并经组长复核确认',
        enterpriseConfirmation: 'confirmed',
        enterpriseSigner: '郑企业',
      }),
    );
    expect(done.conclusion).toMatchObject({
      suggestedResult: 'fail',
      finalResult: 'pass',
      overridden: true,
      overrideReason: '其中 2 项已当场整改并经组长复核确认',
    });
    const c = await new InspectionService(t.ctx).conclusionOf(task.applicationId);
    expect(c).toMatchObject({ result: 'pass', suggestedResult: 'fail', overridden: true });
    const hist = await new WorkflowService(t.ctx).history(await principalOf(t.ctx, 'sheng'), task.instanceId);
    expect(hist.at(-1)!.comment).toContain('组长改判');
  });

  it('refuses to conclude when the team is broken or no application process runs, and rolls back', async () => {
    const task = await readyTask();
    const d = ok<Detail>(await xian.get(url(task)));
    ok(await xincheng.put(url(task, '/items'), { items: fill(d) }));
    ok(await xincheng.post(url(task, '/declarations'), { ...CLEAR, employed: true }));
    expectError(
      await xian.post(url(task, '/conclude'), { finalResult: 'pass', enterpriseConfirmation: 'confirmed' }),
      400,
      'TEAM_CONFLICT',
      'members',
    );
    // Without a running application process the conclusion is refused and nothing is written.
    const orphan = await openTask(t.ctx, { withInstance: false });
    ok(await sheng.put(url(orphan, '/template'), { templateId: dxdl }));
    ok(
      await sheng.put(url(orphan, '/team'), {
        members: [
          { userId: ids.xian, role: 'leader', declaration: CLEAR },
          { userId: ids.xincheng, role: 'member', declaration: CLEAR },
        ],
      }),
    );
    const od = ok<Detail>(
      await xian.put(url(orphan, '/items'), { items: fill(ok<Detail>(await xian.get(url(orphan)))) }),
    );
    expectError(
      await xian.post(url(orphan, '/conclude'), {
        finalResult: 'pass',
        enterpriseConfirmation: 'confirmed',
        enterpriseSigner: '郑企业',
      }),
      409,
      'INSPECTION_WORKFLOW_MISSING',
    );
    const after = ok<Detail>(await xian.get(url(orphan)));
    expect(after).toMatchObject({ status: 'in_progress', conclusion: null, version: od.version });
  });

  it('the observer sees the task but does not fill it', async () => {
    const task = await readyTask();
    ok(await xian.put(url(task, '/observer'), { userId: ids.xa_wang }));
    const obs = await t.login('xa_wang');
    const d = ok<Detail>(await obs.get(url(task)));
    expect(d.observer).toMatchObject({
      name: 'xa_wang',
      role: 'observer',
      roleLabel: '观察员',
      source: 'manual',
    });
    expect(d.team).toHaveLength(3);
    expect(d.my).toMatchObject({ role: 'observer', canFill: false, canConclude: false });
    expectError(
      await obs.put(url(task, `/items/${itemsOf(d)[0]!.id}`), { result: 'conform' }),
      403,
      'INSPECTION_NOT_MEMBER',
    );
  });

  it('lists with filters, sorting and an xlsx export', async () => {
    const page = ok<Static<typeof InspectionPage>>(
      await sheng.get('/api/licensing/inspections?status=concluded&sort=-concludedAt&pageSize=50'),
    );
    expect(page.total).toBeGreaterThanOrEqual(3);
    expect(page.items.every((i) => i.status === 'concluded')).toBe(true);
    const failed = ok<Static<typeof InspectionPage>>(
      await sheng.get('/api/licensing/inspections?finalResult=fail'),
    );
    expect(failed.items.every((i) => i.finalResult === 'fail')).toBe(true);
    const res = await sheng.get('/api/licensing/inspections?format=xlsx&keyword=秦风');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const rows = await readXlsx(res.rawPayload);
    expect(rows[0]).toEqual([
      '申请编号',
      '企业名称',
      '产品',
      '所在地区',
      '状态',
      '核查期限',
      '是否超期',
      '组长',
      '审查组人数',
      '观察员',
      '计划开始',
      '计划结束',
      '核查结论',
      '结论时间',
      '创建时间',
    ]);
    expect(rows.slice(1).every((r) => r[1] === '西安秦风电器有限公司')).toBe(true);
  });
  /** A task whose application exists (number, product, 核查期限), written as the application part writes it. */
  async function taskWithApplication(no: string, due: string | null, unitCode = 'C06-V01') {
    const unit = await nodeId(t, unitCode);
    const task = await openTask(t.ctx, { productUnitId: unit });
    await t.ctx.db
      .insertInto('licensing_application')
      .values({
        id: task.applicationId,
        application_no: no,
        type: 'issue',
        state: 'inspecting',
        enterprise_org_id: await orgIdByCode(t.ctx, 'ENT-QINFENG'),
        enterprise_name: '西安秦风电器有限公司',
        region_code: '610102',
        product_unit_id: unit,
        applicant_user_id: ids.qiye!,
        accepted_date: '2019-12-02',
        inspection_due_date: due,
      })
      .execute();
    return task;
  }

  type ListPage = Static<typeof InspectionPage>;
  const list = async (s: Session, query: string) =>
    ok<ListPage>(await s.get(`/api/licensing/inspections?pageSize=100&${query}`));

  it('lists the application number, product and 核查期限 with overdue; sorts and filters by them', async () => {
    // Past the 核查期限 and open; within it; past it but no longer open (cancelled); another product.
    const late = await taskWithApplication('ZZLIST-0001', '2020-01-02');
    const timely = await taskWithApplication('ZZLIST-0002', '2099-12-30');
    const closed = await taskWithApplication('ZZLIST-0003', '2020-01-01');
    const other = await taskWithApplication('ZZLIST-0004', '2099-12-31', 'C07-V01');
    await new InspectionService(t.ctx).cancelForApplication(
      t.ctx.db,
      await principalOf(t.ctx, 'sheng'),
      closed.applicationId,
    );
    ok(await sheng.put(url(late, '/plan'), { planStart: '2099-05-06', planEnd: '2099-05-07' }));
    ok(await sheng.put(url(timely, '/plan'), { planStart: '2099-05-04', planEnd: '2099-05-05' }));

    const page = await list(xian, 'keyword=ZZLIST&sort=inspectionDueDate');
    expect(page.items.map((i) => [i.applicationNo, i.productName, i.inspectionDueDate, i.overdue])).toEqual([
      ['ZZLIST-0003', '电线电缆', '2020-01-01', false],
      ['ZZLIST-0001', '电线电缆', '2020-01-02', true],
      ['ZZLIST-0002', '电线电缆', '2099-12-30', false],
      ['ZZLIST-0004', '危险化学品无机产品', '2099-12-31', false],
    ]);
    expect(page.items[0]).toMatchObject({ id: closed.taskId, status: 'cancelled', leaderName: null });
    expect(
      (await list(xian, 'keyword=ZZLIST&sort=-inspectionDueDate')).items.map((i) => i.applicationNo),
    ).toEqual(['ZZLIST-0004', 'ZZLIST-0002', 'ZZLIST-0001', 'ZZLIST-0003']);
    // Plan dates: earliest first; tasks without a plan after them.
    expect(
      (await list(xian, 'keyword=ZZLIST&sort=planStart')).items.map((i) => i.applicationNo).slice(0, 2),
    ).toEqual(['ZZLIST-0002', 'ZZLIST-0001']);
    // overdue=true: only open tasks past the deadline; overdue=false: the rest.
    expect((await list(xian, 'keyword=ZZLIST&overdue=true')).items.map((i) => i.id)).toEqual([late.taskId]);
    expect(
      (await list(xian, 'keyword=ZZLIST&overdue=false&sort=inspectionDueDate')).items.map((i) => i.id),
    ).toEqual([closed.taskId, timely.taskId, other.taskId]);
    // The keyword matches the application number and the product name as well as the enterprise.
    expect((await list(xian, 'keyword=zzlist-0002')).items.map((i) => i.id)).toEqual([timely.taskId]);
    expect((await list(xian, 'keyword=无机产品')).items.map((i) => i.id)).toContain(other.taskId);
    expect((await list(xian, 'keyword=无机产品')).items.map((i) => i.id)).not.toContain(late.taskId);
    // A task whose application row is not there shows nulls, not an error.
    const bare = await openTask(t.ctx);
    const bareItem = (await list(sheng, 'sort=-createdAt')).items.find((i) => i.id === bare.taskId);
    expect(bareItem).toMatchObject({ applicationNo: null, productName: null, inspectionDueDate: null });
    expect(bareItem!.overdue).toBe(false);
    // Data scope still holds: another city sees none of them, overdue or not.
    expect((await list(baoji, 'keyword=ZZLIST')).total).toBe(0);
    expect((await list(baoji, 'overdue=true')).items.map((i) => i.id)).not.toContain(late.taskId);
    expectError(await sheng.get('/api/licensing/inspections?overdue=maybe'), 400, 'VALIDATION', 'overdue');
    // The export carries the new columns.
    const res = await xian.get(
      '/api/licensing/inspections?format=xlsx&keyword=ZZLIST&sort=inspectionDueDate',
    );
    expect(res.statusCode).toBe(200);
    const rows = await readXlsx(res.rawPayload);
    expect(rows.slice(1).map((r) => [r[0], r[2], r[5], r[6]])).toEqual([
      ['ZZLIST-0003', '电线电缆', '2020-01-01', ''],
      ['ZZLIST-0001', '电线电缆', '2020-01-02', '已超期'],
      ['ZZLIST-0002', '电线电缆', '2099-12-30', ''],
      ['ZZLIST-0004', '危险化学品无机产品', '2099-12-31', ''],
    ]);
  });

  it("refuses to overwrite another member's newer record (expectedRecordedAt) and names the item", async () => {
    const task = await readyTask();
    const d = ok<Detail>(await xian.get(url(task)));
    const [a, b] = itemsOf(d);
    const recordOf = (x: Detail, itemId: string) => x.records.find((r) => r.itemId === itemId);
    // First record of the item: expected "none yet".
    const d1 = ok<Detail>(
      await xincheng.put(url(task, `/items/${a!.id}`), { result: 'conform', expectedRecordedAt: null }),
    );
    const r1 = recordOf(d1, a!.id)!;
    // The expert saves on top of it, having seen r1.
    const d2 = ok<Detail>(
      await zhuanjia.put(url(task, `/items/${a!.id}`), {
        result: 'nonconform',
        problem: '未建立质量目标',
        rectification: '一个月内建立',
        expectedRecordedAt: r1.recordedAt,
      }),
    );
    const r2 = recordOf(d2, a!.id)!;
    expect(Date.parse(r2.recordedAt)).toBeGreaterThan(Date.parse(r1.recordedAt));
    // xincheng still holds r1: refused, with the item, who and when.
    const stale = await xincheng.put(url(task, `/items/${a!.id}`), {
      result: 'conform',
      expectedRecordedAt: r1.recordedAt,
    });
    expectError(stale, 409, 'INSPECTION_RECORD_CONFLICT', 'expectedRecordedAt');
    const body = stale.json<{ message: string; details: Record<string, unknown> }>();
    expect(body.message).toContain(`条款 ${a!.code} 的核查记录已被钱专家于`);
    expect(body.message).toContain('请重新加载该条后再保存');
    expect(body.details).toMatchObject({
      itemId: a!.id,
      itemCode: a!.code,
      recordedBy: ids.zhuanjia,
      recordedByName: '钱专家',
      recordedAt: r2.recordedAt,
    });
    // "None yet" when there is one is a conflict too.
    expectError(
      await xincheng.put(url(task, `/items/${a!.id}`), { result: 'conform', expectedRecordedAt: null }),
      409,
      'INSPECTION_RECORD_CONFLICT',
      'expectedRecordedAt',
    );
    // In a batch the whole save is refused (nothing written), the field names the entry.
    expectError(
      await xincheng.put(url(task, '/items'), {
        items: [
          { itemId: b!.id, result: 'conform', expectedRecordedAt: null },
          { itemId: a!.id, result: 'conform', expectedRecordedAt: r1.recordedAt },
        ],
      }),
      409,
      'INSPECTION_RECORD_CONFLICT',
      'items.1.expectedRecordedAt',
    );
    let now = ok<Detail>(await xian.get(url(task)));
    expect(recordOf(now, b!.id)).toBeUndefined();
    expect(recordOf(now, a!.id)).toMatchObject({ result: 'nonconform', recordedAt: r2.recordedAt });
    // With the current version it saves; without one, it saves as before (no check).
    now = ok<Detail>(
      await xincheng.put(url(task, '/items'), {
        items: [
          { itemId: b!.id, result: 'conform', expectedRecordedAt: null },
          { itemId: a!.id, result: 'conform', expectedRecordedAt: r2.recordedAt },
        ],
      }),
    );
    expect(recordOf(now, a!.id)).toMatchObject({ result: 'conform', recordedByName: '陈新城' });
    ok(await zhuanjia.put(url(task, `/items/${a!.id}`), { result: 'na' }));
    // recordedAt is a version even when two saves fall in one clock tick: each save moves it on.
    const frozen = new InspectionService({
      ...t.ctx,
      clock: new FixedClock(new Date('2020-01-01T00:00:00Z')),
    });
    const xp = await principalOf(t.ctx, 'xincheng');
    const zp = await principalOf(t.ctx, 'zhuanjia');
    const s1 = await frozen.saveItems(xp, task.taskId, [{ itemId: b!.id, result: 'conform' }]);
    const v1 = s1.records.find((r) => r.item_id === b!.id)!.recorded_at;
    const s2 = await frozen.saveItems(zp, task.taskId, [
      { itemId: b!.id, result: 'na', expectedRecordedAt: v1.toISOString() },
    ]);
    const v2 = s2.records.find((r) => r.item_id === b!.id)!.recorded_at;
    expect(v2.getTime()).toBeGreaterThan(v1.getTime());
    await expect(
      frozen.saveItems(xp, task.taskId, [
        { itemId: b!.id, result: 'conform', expectedRecordedAt: v1.toISOString() },
      ]),
    ).rejects.toMatchObject({ code: 'INSPECTION_RECORD_CONFLICT', status: 409 });
    expectError(
      await xincheng.put(url(task, `/items/${a!.id}`), { result: 'conform', expectedRecordedAt: '昨天' }),
      400,
      'VALIDATION',
      'expectedRecordedAt',
    );
  });

  it('keeps the stored evidence when evidenceFileIds is omitted; an explicit array replaces it', async () => {
    const task = await readyTask();
    const item = itemsOf(ok<Detail>(await xian.get(url(task))))[0]!;
    const png = PNG.sync.write(new PNG({ width: 2, height: 2 }));
    const up = await xincheng.request({
      method: 'POST',
      url: '/api/files',
      ...multipartFile('证据.png', png),
    });
    expect(up.statusCode, up.body).toBe(201);
    const fileId = up.json<{ id: string }>().id;
    const evidenceOf = (x: Detail) => x.records.find((r) => r.itemId === item.id)!.evidenceFileIds;
    const nc = { result: 'nonconform', problem: '记录缺失', rectification: '补齐记录' };
    expect(
      evidenceOf(
        ok<Detail>(await xincheng.put(url(task, `/items/${item.id}`), { ...nc, evidenceFileIds: [fileId] })),
      ),
    ).toEqual([fileId]);
    // Another member edits the text without sending evidence: the photo stays.
    expect(
      evidenceOf(
        ok<Detail>(await zhuanjia.put(url(task, `/items/${item.id}`), { ...nc, problem: '记录缺失两页' })),
      ),
    ).toEqual([fileId]);
    expect(
      evidenceOf(
        ok<Detail>(
          await xincheng.put(url(task, '/items'), { items: [{ itemId: item.id, ...nc, problem: '改' }] }),
        ),
      ),
    ).toEqual([fileId]);
    // Sending the list back (with a file already on the task) keeps it; an empty array clears it.
    expect(
      evidenceOf(
        ok<Detail>(await zhuanjia.put(url(task, `/items/${item.id}`), { ...nc, evidenceFileIds: [fileId] })),
      ),
    ).toEqual([fileId]);
    expect(
      evidenceOf(
        ok<Detail>(await xincheng.put(url(task, `/items/${item.id}`), { ...nc, evidenceFileIds: [] })),
      ),
    ).toEqual([]);
  });
});
