import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testClock, type Session, type TestApp } from '../../../../test/harness.js';
import type { FixedClock } from '../../../platform/clock.js';
import { readXlsx } from '../../../platform/documents/xlsx.js';
import { uuidv7 } from '../../../platform/ids.js';
import { CertificatesService } from '../certificates.service.js';
import {
  act,
  attachAll,
  detail,
  draft,
  expectError,
  FORM,
  giveCodes,
  nodeId,
  ok,
  pdf,
  principalOf,
  submitted,
  TEST_CONFIG,
  upload,
  type Detail,
} from './applications.fixtures.js';

const UNKNOWN = '01890000-0000-7000-8000-000000000000';
const at = (iso: string) => new Date(`${iso}T10:00:00+08:00`);

interface Page<T> {
  items: T[];
  total: number;
}

describe('/api/licensing/applications', () => {
  let t: TestApp;
  let clock: FixedClock;
  let qiye: Session;
  let qiye2: Session;
  let sheng: Session;
  let xian: Session;
  let baoji: Session;
  let xincheng: Session;
  let yanta: Session;
  let jianyan: Session;
  const unit: Record<string, string> = {};

  beforeAll(async () => {
    clock = testClock('2026-03-16T09:00:00+08:00');
    t = await createTestApp({ clock, config: TEST_CONFIG });
    [qiye, qiye2, sheng, xian, baoji, xincheng, yanta, jianyan] = await Promise.all([
      t.login('qiye'),
      t.login('qiye2'),
      t.login('sheng'),
      t.login('xian'),
      t.login('baoji'),
      t.login('xincheng'),
      t.login('yanta'),
      t.login('jianyan'),
    ]);
    for (const code of [
      'C06-V01',
      'C02-V01',
      'C03-V01',
      'C04-V01',
      'C05-V01',
      'C07-V01',
      'C12-V01',
      'C14-V01',
    ])
      unit[code] = await nodeId(t, code);
  });
  afterAll(async () => t.close());

  it('answers 401 without login and 403 without the permission on every route', async () => {
    const id = UNKNOWN;
    const routes: Array<['GET' | 'POST' | 'PUT' | 'DELETE', string]> = [
      ['GET', '/api/licensing/applications'],
      ['GET', `/api/licensing/applications/${id}`],
      ['POST', '/api/licensing/applications'],
      ['PUT', `/api/licensing/applications/${id}`],
      ['POST', `/api/licensing/applications/${id}/materials`],
      ['DELETE', `/api/licensing/applications/${id}/materials/${id}`],
      ['POST', `/api/licensing/applications/${id}/submit`],
      ['POST', `/api/licensing/applications/${id}/withdraw`],
      ['POST', `/api/licensing/applications/${id}/accept`],
      ['POST', `/api/licensing/applications/${id}/supplement`],
      ['POST', `/api/licensing/applications/${id}/terminate`],
      ['GET', '/api/licensing/acceptance-desk'],
      ['GET', '/api/licensing/statistics?groupBy=city'],
    ];
    for (const [method, url] of routes) {
      const r = await t.app.inject({
        method,
        url,
        payload: method === 'GET' || method === 'DELETE' ? undefined : {},
      });
      expect(r.statusCode, `${method} ${url}`).toBe(401);
      // an inspection institution holds no licensing permission at all
      const f = await jianyan.request({
        method,
        url,
        payload: method === 'GET' || method === 'DELETE' ? undefined : {},
      });
      expect(f.statusCode, `jianyan ${method} ${url}`).toBe(403);
    }
    // the enterprise neither accepts nor decides nor counts; officers do not apply
    expectError(
      await qiye.post(`/api/licensing/applications/${id}/accept`, { inspectionRequired: true }),
      403,
    );
    expectError(await qiye.post(`/api/licensing/applications/${id}/supplement`, { comment: 'x' }), 403);
    expectError(
      await qiye.post(`/api/licensing/applications/${id}/terminate`, { ground: 'other', comment: 'x' }),
      403,
    );
    expectError(await qiye.get('/api/licensing/acceptance-desk'), 403);
    expectError(await qiye.get('/api/licensing/statistics?groupBy=city'), 403);
    expectError(await xian.get('/api/licensing/acceptance-desk'), 403);
    expectError(
      await sheng.post('/api/licensing/applications', { type: 'issue', productUnitId: unit['C06-V01'] }),
      403,
    );
    expectError(await xian.post(`/api/licensing/applications/${id}/submit`, {}), 403);
  });

  it('answers 400 with the field for malformed input', async () => {
    expectError(
      await qiye.post('/api/licensing/applications', { productUnitId: unit['C06-V01'] }),
      400,
      'VALIDATION',
      'type',
    );
    expectError(
      await qiye.post('/api/licensing/applications', { type: 'bogus', productUnitId: unit['C06-V01'] }),
      400,
      'VALIDATION',
      'type',
    );
    expectError(
      await qiye.post('/api/licensing/applications', { type: 'issue', productUnitId: 'x' }),
      400,
      'VALIDATION',
      'productUnitId',
    );
    expectError(
      await qiye.post('/api/licensing/applications', { type: 'issue', productUnitId: UNKNOWN }),
      400,
      'LICENSING_PRODUCT_NOT_APPLICABLE',
      'productUnitId',
    );
    expectError(
      await qiye.post('/api/licensing/applications', {
        type: 'issue',
        productUnitId: unit['C06-V01'],
        extra: 1,
      }),
      400,
      'VALIDATION',
    );
    expectError(
      await qiye.post('/api/licensing/applications', {
        type: 'issue',
        productUnitId: unit['C06-V01'],
        contactPhone: '123',
      }),
      400,
      'LICENSING_PHONE_INVALID',
      'contactPhone',
    );
    // types that need a certificate the enterprise does not hold
    for (const type of ['renew', 'change', 'reexamine', 'reissue', 'cancel'])
      expectError(
        await qiye.post('/api/licensing/applications', { type, productUnitId: unit['C06-V01'] }),
        400,
        'LICENSING_CERTIFICATE_REQUIRED',
        'type',
      );
    expectError(await qiye.put(`/api/licensing/applications/${UNKNOWN}`, {}), 400, 'VALIDATION');
    expectError(
      await qiye.put(`/api/licensing/applications/${UNKNOWN}`, { remark: 'x' }),
      404,
      'LICENSING_APPLICATION_NOT_FOUND',
    );
    expectError(
      await qiye.post(`/api/licensing/applications/${UNKNOWN}/materials`, { materialCode: 'x', fileIds: [] }),
      400,
      'VALIDATION',
      'fileIds',
    );
    expectError(
      await qiye.post(`/api/licensing/applications/${UNKNOWN}/submit`, { x: 1 }),
      400,
      'VALIDATION',
    );
    expectError(
      await sheng.post(`/api/licensing/applications/${UNKNOWN}/accept`, {}),
      400,
      'VALIDATION',
      'inspectionRequired',
    );
    expectError(await sheng.get('/api/licensing/statistics'), 400, 'VALIDATION', 'groupBy');
    expectError(await sheng.get('/api/licensing/applications?state=Bad'), 400, 'VALIDATION', 'state');
  });

  it('checks the materials before submission and lists everything missing in Chinese', async () => {
    clock.set(at('2026-03-16'));
    const d = await draft(qiye, unit['C06-V01']!, 'issue', { contactName: '郑经办' });
    expect(d).toMatchObject({
      state: 'draft',
      editable: true,
      applicationNo: null,
      enterpriseName: '西安秦风电器有限公司',
    });
    expect(d.checklist.length).toBeGreaterThan(5);
    expect(d.checklist.every((c) => !c.satisfied)).toBe(true);

    // the form first
    const noForm = await qiye.post(`/api/licensing/applications/${d.id}/submit`, {});
    expectError(noForm, 400, 'LICENSING_FIELDS_MISSING', 'residence');
    expect(noForm.json<{ message: string }>().message).toContain('生产地址');
    ok(await qiye.put(`/api/licensing/applications/${d.id}`, FORM));

    // a material of a type the list does not take; one that is not on the list; a file of someone else
    const txt = await upload(qiye, '说明.txt', Buffer.from('营业执照说明', 'utf8'));
    expectError(
      await qiye.post(`/api/licensing/applications/${d.id}/materials`, {
        materialCode: 'business_licence',
        fileIds: [txt],
      }),
      400,
      'LICENSING_MATERIAL_FILE_TYPE',
      'materials',
    );
    // a per-material size limit (here 1 MB for 营业执照 of this product, set by the administrator)
    const limit = ok<{ id: string }>(
      await sheng.post('/api/licensing/material-requirements', {
        catalogueNodeId: unit['C06-V01'],
        applicationType: 'issue',
        code: 'business_licence',
        name: '营业执照',
        maxSizeMb: 1,
      }),
    );
    const big = await upload(
      qiye,
      '营业执照.pdf',
      Buffer.concat([pdf(), Buffer.alloc(1024 * 1024 + 10, 0x20)]),
    );
    const tooLarge = await qiye.post(`/api/licensing/applications/${d.id}/materials`, {
      materialCode: 'business_licence',
      fileIds: [big],
    });
    expectError(tooLarge, 400, 'LICENSING_MATERIAL_TOO_LARGE', 'fileIds');
    expect(tooLarge.json<{ message: string }>().message).toContain('单个文件不能超过 1 MB');
    expect((await detail(qiye, d.id)).checklist.find((c) => c.code === 'business_licence')).toMatchObject({
      maxSizeMb: 1,
      attached: 0,
    });
    ok(await sheng.del(`/api/licensing/material-requirements/${limit.id}`));
    const f1 = await upload(qiye);
    expectError(
      await qiye.post(`/api/licensing/applications/${d.id}/materials`, {
        materialCode: 'nonsense',
        fileIds: [f1],
      }),
      400,
      'LICENSING_MATERIAL_UNKNOWN',
      'materialCode',
    );
    const other = await upload(qiye2);
    expectError(
      await qiye.post(`/api/licensing/applications/${d.id}/materials`, {
        materialCode: 'business_licence',
        fileIds: [other],
      }),
      400,
      'LICENSING_FILE_INVALID',
      'fileIds',
    );
    const withOne = ok<Detail>(
      await qiye.post(`/api/licensing/applications/${d.id}/materials`, {
        materialCode: 'business_licence',
        fileIds: [f1],
      }),
    );
    expect(withOne.checklist.find((c) => c.code === 'business_licence')).toMatchObject({
      attached: 1,
      satisfied: true,
    });

    const missing = await qiye.post(`/api/licensing/applications/${d.id}/submit`, {});
    expectError(missing, 400, 'LICENSING_MATERIALS_MISSING', 'materials');
    const body = missing.json<{
      message: string;
      details: { missing: Array<{ code: string; name: string }> };
    }>();
    expect(body.message).toMatch(/^申请材料不齐全，缺少：1\. 生产许可证申请书；2\. /);
    expect(body.details.missing.map((m) => m.code)).not.toContain('business_licence');
    expect(body.details.missing).toHaveLength(withOne.checklist.filter((c) => c.required).length - 1);

    // the 统一社会信用代码 of the enterprise is checked (GB 32100)
    await attachAll(qiye, withOne);
    await t.ctx.db
      .updateTable('organization')
      .set({ credit_code: '91610102MA6TG1234C' })
      .where('code', '=', 'ENT-QINFENG')
      .execute();
    try {
      expectError(
        await qiye.post(`/api/licensing/applications/${d.id}/submit`, {}),
        400,
        'LICENSING_CREDIT_CODE_INVALID',
        'creditCode',
      );
    } finally {
      await t.ctx.db
        .updateTable('organization')
        .set({ credit_code: '91610102MA6TG1234B' })
        .where('code', '=', 'ENT-QINFENG')
        .execute();
    }
    const sub = ok<Detail>(await qiye.post(`/api/licensing/applications/${d.id}/submit`, {}));
    expect(sub).toMatchObject({ state: 'accepting', editable: false });
    // no longer a draft: no edits, no second submission, no second open application for the product
    expectError(
      await qiye.put(`/api/licensing/applications/${d.id}`, { remark: 'x' }),
      409,
      'LICENSING_APPLICATION_STATE',
    );
    expectError(
      await qiye.post(`/api/licensing/applications/${d.id}/submit`, {}),
      409,
      'LICENSING_APPLICATION_STATE',
    );
    const twin = await attachAll(qiye, await draft(qiye, unit['C06-V01']!));
    expectError(
      await qiye.post(`/api/licensing/applications/${twin.id}/submit`, {}),
      409,
      'LICENSING_APPLICATION_OPEN',
      'productUnitId',
    );
    // a draft is withdrawn at once
    expect(ok<Detail>(await qiye.post(`/api/licensing/applications/${twin.id}/withdraw`, {})).state).toBe(
      'withdrawn',
    );
    expectError(
      await qiye.post(`/api/licensing/applications/${twin.id}/withdraw`, {}),
      409,
      'LICENSING_APPLICATION_STATE',
    );
  });

  it('an enterprise sees only its own applications; officers those of their region', async () => {
    clock.set(at('2026-03-17'));
    const mine = await submitted(qiye, unit['C02-V01']!);
    const theirs = await submitted(qiye2, unit['C02-V01']!);
    const ids = async (s: Session) =>
      ok<Page<{ id: string }>>(await s.get('/api/licensing/applications?pageSize=500')).items.map(
        (i) => i.id,
      );

    expect(await ids(qiye)).toContain(mine.id);
    expect(await ids(qiye)).not.toContain(theirs.id);
    expectError(
      await qiye.get(`/api/licensing/applications/${theirs.id}`),
      404,
      'LICENSING_APPLICATION_NOT_FOUND',
    );
    expectError(await qiye2.get(`/api/licensing/applications/${mine.id}`), 404);
    expectError(await qiye2.put(`/api/licensing/applications/${mine.id}`, { remark: 'x' }), 404);
    // province: everything; city / county: their own region (西安 新城区 vs 宝鸡 陈仓区)
    expect(await ids(sheng)).toEqual(expect.arrayContaining([mine.id, theirs.id]));
    expect(await ids(xian)).toContain(mine.id);
    expect(await ids(xian)).not.toContain(theirs.id);
    expect(await ids(baoji)).toContain(theirs.id);
    expect(await ids(baoji)).not.toContain(mine.id);
    expect(await ids(xincheng)).toContain(mine.id);
    expect(await ids(yanta)).not.toContain(mine.id);
    expectError(await baoji.get(`/api/licensing/applications/${mine.id}`), 404);
    ok(await xian.get(`/api/licensing/applications/${mine.id}`));
    // the workflow instance follows the same scope
    expectError(await baoji.get(`/api/workflow/instances/${mine.instanceId}`), 404);
    ok(await xian.get(`/api/workflow/instances/${mine.instanceId}`));
    // a city bureau cannot act on another city's application
    ok(await sheng.post(`/api/licensing/applications/${theirs.id}/accept`, { inspectionRequired: true }));
    expectError(
      await xian.post(`/api/workflow/instances/${theirs.instanceId}/actions`, { action: 'inspectionPassed' }),
      404,
    );
    ok(await act(baoji, theirs.instanceId!, 'inspectionPassed'));

    // materials download: the applicant and officers in scope, nobody else
    const d = await detail(qiye, mine.id);
    const fileId = d.materials[0]!.fileId;
    expect((await qiye.get(`/api/files/${fileId}/content`)).statusCode).toBe(200);
    expect((await xian.get(`/api/files/${fileId}/content`)).statusCode).toBe(200);
    expect((await qiye2.get(`/api/files/${fileId}/content`)).statusCode).toBe(403);
    expect((await baoji.get(`/api/files/${fileId}/content`)).statusCode).toBe(403);

    // the 受理台: waiting applications in scope with due dates
    const desk = ok<Page<{ id: string; dueDate: string; daysLeft: number; overdue: boolean }>>(
      await sheng.get('/api/licensing/acceptance-desk'),
    );
    expect(desk.items.map((i) => i.id)).toContain(mine.id);
    expect(desk.items.map((i) => i.id)).not.toContain(theirs.id);
    expect(desk.items.find((i) => i.id === mine.id)).toMatchObject({
      dueDate: '2026-03-24',
      daysLeft: 5,
      overdue: false,
    });
  });

  it('lists with filters, sorting and xlsx export; overdue applications are flagged', async () => {
    clock.set(at('2026-03-18'));
    const a = await submitted(qiye, unit['C05-V01']!);
    // five working days later plus one: overdue in 受理
    clock.set(at('2026-03-26'));
    const overdue = ok<Page<{ id: string; overdue: boolean; stateLabel: string }>>(
      await sheng.get('/api/licensing/applications?overdue=true&pageSize=500'),
    );
    expect(overdue.items.map((i) => i.id)).toContain(a.id);
    expect(overdue.items.find((i) => i.id === a.id)).toMatchObject({ overdue: true, stateLabel: '待受理' });
    const desk = ok<Page<{ id: string; daysLeft: number }>>(
      await sheng.get('/api/licensing/acceptance-desk?overdue=true'),
    );
    expect(desk.items.find((i) => i.id === a.id)!.daysLeft).toBeLessThan(0);

    const byType = ok<Page<{ type: string }>>(
      await sheng.get('/api/licensing/applications?type=issue&state=accepting,inspecting'),
    );
    expect(byType.items.every((i) => i.type === 'issue')).toBe(true);
    const byKeyword = ok<Page<{ id: string }>>(
      await sheng.get(`/api/licensing/applications?keyword=${encodeURIComponent(a.applicationNo!)}`),
    );
    expect(byKeyword.items.map((i) => i.id)).toEqual([a.id]);
    const byRegion = ok<Page<{ id: string; regionCode: string }>>(
      await sheng.get('/api/licensing/applications?regionCode=610100&pageSize=500'),
    );
    expect(byRegion.items.map((i) => i.id)).toContain(a.id);
    expect(byRegion.items.every((i) => i.regionCode.startsWith('6101'))).toBe(true);
    const otherCity = ok<Page<{ id: string }>>(
      await sheng.get('/api/licensing/applications?regionCode=610300'),
    );
    expect(otherCity.items.map((i) => i.id)).not.toContain(a.id);
    const sorted = ok<Page<{ applicationNo: string | null }>>(
      await sheng.get('/api/licensing/applications?sort=-applicationNo&state=accepting,inspecting'),
    );
    const nos = sorted.items.map((i) => i.applicationNo!);
    expect(nos).toEqual([...nos].sort().reverse());
    expectError(await sheng.get('/api/licensing/applications?sort=nope'), 400, 'SORT_FIELD_INVALID', 'sort');

    const x = await sheng.get('/api/licensing/applications?format=xlsx');
    expect(x.headers['content-type']).toContain('spreadsheetml');
    const rows = await readXlsx(x.rawPayload);
    expect(rows[0]).toEqual(expect.arrayContaining(['申请编号', '企业名称', '状态', '是否超期']));
    expect(rows.length).toBeGreaterThan(2);
    const dx = await sheng.get('/api/licensing/acceptance-desk?format=xlsx');
    expect((await readXlsx(dx.rawPayload))[0]).toContain('剩余工作日');
    ok(await qiye.post(`/api/licensing/applications/${a.id}/withdraw`, {}));
  });

  it('statistics by city, product, type and state, within the data scope', async () => {
    type Stat = {
      key: string;
      label: string;
      total: number;
      inProgress: number;
      overdue: number;
      endedOtherwise: number;
    };
    clock.set(at('2026-03-20'));
    const chem = unit['C07-V01']!;
    const a = await submitted(qiye, chem);
    await submitted(qiye2, chem);
    ok(await qiye.post(`/api/licensing/applications/${a.id}/withdraw`, {}));
    await submitted(qiye, chem);
    const q = `productUnitId=${chem}`;

    const byCity = ok<Page<Stat>>(await sheng.get(`/api/licensing/statistics?groupBy=city&${q}&sort=key`));
    expect(byCity.items.map((i) => [i.key, i.label, i.total, i.inProgress, i.endedOtherwise])).toEqual([
      ['610100', '西安市', 2, 1, 1],
      ['610300', '宝鸡市', 1, 1, 0],
    ]);
    // a city bureau counts only its own city
    // the 合计 of the whole query comes with every page
    const firstCity = ok<Page<Stat> & { totals: Omit<Stat, 'key' | 'label'> }>(
      await sheng.get(`/api/licensing/statistics?groupBy=city&${q}&sort=key&pageSize=1`),
    );
    expect(firstCity.items).toHaveLength(1);
    expect(firstCity.totals).toMatchObject({ total: 3, inProgress: 2, endedOtherwise: 1, overdue: 0 });
    const xianCity = ok<Page<Stat>>(await xian.get(`/api/licensing/statistics?groupBy=city&${q}`));
    expect(xianCity.items.map((i) => i.key)).toEqual(['610100']);

    const byType = ok<Page<Stat>>(await sheng.get(`/api/licensing/statistics?groupBy=type&${q}`));
    expect(byType.items.map((i) => [i.label, i.total])).toEqual([['发证', 3]]);
    const byState = ok<Page<Stat>>(await sheng.get(`/api/licensing/statistics?groupBy=state&${q}&sort=key`));
    expect(byState.items.map((i) => [i.label, i.total])).toEqual([
      ['待受理', 2],
      ['已撤回', 1],
    ]);
    const byProduct = ok<Page<Stat>>(await sheng.get(`/api/licensing/statistics?groupBy=product&${q}`));
    expect(byProduct.items).toEqual([
      expect.objectContaining({ key: chem, label: '危险化学品无机产品', total: 3, overdue: 0 }),
    ]);
    // after the 受理 deadline the two waiting ones are overdue
    clock.set(at('2026-04-01'));
    const later = ok<Page<Stat>>(await sheng.get(`/api/licensing/statistics?groupBy=product&${q}`));
    expect(later.items[0]!.overdue).toBe(2);
    const x = await sheng.get('/api/licensing/statistics?groupBy=city&format=xlsx');
    expect((await readXlsx(x.rawPayload))[0]).toEqual([
      '统计项',
      '申请件数',
      '办理中',
      '准予许可',
      '不予许可',
      '其他办结',
      '超期',
      '视为受理',
    ]);
  });

  it('延续 only for an active certificate and within the window; 注销 goes to the 注销 approval', async () => {
    clock.set(at('2026-04-01'));
    await giveCodes(t, 'C14-V01', '14', '001');
    const ent = await t.ctx.db
      .selectFrom('organization')
      .select(['id', 'region_code'])
      .where('code', '=', 'ENT-QINFENG')
      .executeTakeFirstOrThrow();
    // a certificate issued outside this test's HTTP flow (the certificates part's service)
    const sp = await principalOf(t, 'sheng');
    const cert = await t.ctx.db.transaction().execute(async (trx) =>
      new CertificatesService({ ...t.ctx, db: trx }).issue(trx, sp, {
        applicationId: uuidv7(),
        applicationType: 'issue',
        enterpriseOrgId: ent.id,
        regionCode: ent.region_code,
        productUnitId: unit['C14-V01']!,
        decisionDate: '2021-10-20',
      }),
    );
    expect(cert.validTo).toBe('2026-10-21');
    // 发证 while holding it is refused
    expectError(
      await qiye.post('/api/licensing/applications', { type: 'issue', productUnitId: unit['C14-V01'] }),
      400,
      'LICENSING_CERTIFICATE_EXISTS',
      'type',
    );
    // 《办法》第二十七条: the latest day is 2026-04-21 (expiry − 6 months)
    const renew = await attachAll(qiye, await draft(qiye, unit['C14-V01']!, 'renew'));
    clock.set(at('2026-04-22'));
    const late = await qiye.post(`/api/licensing/applications/${renew.id}/submit`, {});
    expectError(late, 400, 'LICENSING_RENEWAL_TOO_LATE', 'type');
    expect(late.json<{ message: string }>().message).toContain('2026-04-21');
    clock.set(at('2026-04-21'));
    // an opening of the window, when configured
    ok(await sheng.put('/api/licensing/settings/renewal.openMonths', { value: '3' }));
    expectError(
      await qiye.post(`/api/licensing/applications/${renew.id}/submit`, {}),
      400,
      'LICENSING_RENEWAL_TOO_EARLY',
    );
    ok(await sheng.put('/api/licensing/settings/renewal.openMonths', { value: '0' }));
    const ok1 = ok<Detail>(await qiye.post(`/api/licensing/applications/${renew.id}/submit`, {}));
    expect(ok1.state).toBe('accepting');
    ok(await qiye.post(`/api/licensing/applications/${renew.id}/withdraw`, {}));

    // 注销: handed to the certificates' three-level approval; the certificate changes only at its end
    const cancel = await attachAll(
      qiye,
      await draft(qiye, unit['C14-V01']!, 'cancel', {
        reason: '企业不再生产该产品',
        contactName: '郑经办',
        contactPhone: '13800000001',
      }),
    );
    const sent = ok<Detail>(await qiye.post(`/api/licensing/applications/${cancel.id}/submit`, {}));
    expect(sent).toMatchObject({ state: 'cancel_submitted', stateLabel: '已转注销审批', instanceId: null });
    expect(sent.applicationNo).toMatch(/^XKSQ2026/);
    const c = await t.ctx.db
      .selectFrom('licence_cancellation')
      .select(['status', 'application_id', 'certificate_id'])
      .where('application_id', '=', cancel.id)
      .executeTakeFirstOrThrow();
    expect(c).toEqual({ status: 'pending', application_id: cancel.id, certificate_id: cert.id });
    const ev = await t.ctx.db
      .selectFrom('outbox_event')
      .select('event_type')
      .where('aggregate_id', '=', cancel.id)
      .execute();
    expect(ev.map((e) => e.event_type)).toEqual(['submitted']);
  });
});
