import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testClock, type Session, type TestApp } from '../../../../test/harness.js';
import type { FixedClock } from '../../../platform/clock.js';
import { readXlsx } from '../../../platform/documents/xlsx.js';
import { SelfInspectionService } from '../self-inspection.service.js';
import { expectError, ok, TEST_CONFIG, upload } from './applications.fixtures.js';
import { createProductUnit, enterprises, issue } from './certificate.fixtures.js';

const at = (iso: string) => new Date(`${iso}T10:00:00+08:00`);

const REPORT = {
  conditionsKept: '生产设备、检验设备和人员持续满足实施细则要求',
  changes: '无变化',
  production: '全年生产电线电缆 1.2 万千米，产品无变化',
  certificateUse: '证书、标志和编号按规定使用',
  inspections: '2026 年省级监督抽查 1 次，合格',
};

interface Status {
  items: Array<{
    certificateId: string;
    certificateNo: string;
    status: string;
    statusLabel: string;
    firstYear: number;
    reportId: string | null;
  }>;
  total: number;
  deadline: string;
  counts: { total: number; owed: number; submitted: number; late: number; missing: number; notDue: number };
}
interface Report {
  id: string;
  year: number;
  late: boolean;
  certificateNo: string;
  fileIds: string[];
}

/** 年度自查报告 (《办法》第四十八条, 第五十一条) through HTTP. */
describe('/api/licensing/self-inspections', () => {
  let t: TestApp;
  let clock: FixedClock;
  let qiye: Session;
  let qiye2: Session;
  let sheng: Session;
  let baoji: Session;
  let oldCert: string;
  let newCert: string;

  beforeAll(async () => {
    clock = testClock('2026-06-01T09:00:00+08:00');
    t = await createTestApp({ clock, config: TEST_CONFIG });
    qiye = await t.login('qiye');
    qiye2 = await t.login('qiye2');
    sheng = await t.login('sheng');
    baoji = await t.login('baoji');
    const e = await enterprises(t.ctx);
    // Issued in 2025: owes its first report in 2026. Issued in 2026: not a year old, may report in 2027.
    oldCert = (
      await issue(t.ctx, {
        applicationType: 'issue',
        enterpriseOrgId: e.qinfeng.orgId,
        regionCode: e.qinfeng.regionCode,
        productUnitId: await createProductUnit(t.ctx, '06', '101'),
        decisionDate: '2025-05-10',
      })
    ).id;
    newCert = (
      await issue(t.ctx, {
        applicationType: 'issue',
        enterpriseOrgId: e.qinfeng.orgId,
        regionCode: e.qinfeng.regionCode,
        productUnitId: await createProductUnit(t.ctx, '06', '102'),
        decisionDate: '2026-03-15',
      })
    ).id;
  });
  afterAll(async () => t.close());

  const statusOf = async (s: Session, query: string) =>
    ok<Status>(await s.get(`/api/licensing/self-inspections/status?${query}&pageSize=500`));

  it('shows who owes a report; reminds 30 days before the deadline and once overdue', async () => {
    const s2026 = await statusOf(sheng, 'year=2026');
    expect(s2026.deadline).toBe('2026-12-31');
    expect(s2026.items.find((i) => i.certificateId === oldCert)).toMatchObject({
      status: 'pending',
      statusLabel: '待提交',
      firstYear: 2026,
    });
    // 获证未满一年的，可以在下一年度提交
    expect(s2026.items.find((i) => i.certificateId === newCert)).toMatchObject({
      status: 'not_due',
      firstYear: 2027,
    });
    // Counts over the same filter: both certificates valid, one owed and missing, one not due.
    const mine2026 = await statusOf(qiye, 'year=2026');
    expect(mine2026.counts).toEqual({ total: 2, owed: 1, submitted: 0, late: 0, missing: 1, notDue: 1 });
    // A printed number finds its certificate; a province code covers its cities.
    const printed = s2026.items.find((i) => i.certificateId === oldCert)!;
    const byNumber = await statusOf(sheng, `year=2026&keyword=${encodeURIComponent(printed.certificateNo)}`);
    expect(byNumber.items.map((i) => i.certificateId)).toEqual([oldCert]);
    expect(
      (await statusOf(sheng, 'year=2026&regionCode=610000')).items.map((i) => i.certificateId),
    ).toContain(oldCert);
    expect(
      (await statusOf(sheng, 'year=2026&regionCode=610300')).items.map((i) => i.certificateId),
    ).not.toContain(oldCert);
    const missing = await statusOf(sheng, 'year=2026&status=missing');
    expect(missing.items.map((i) => i.certificateId)).toContain(oldCert);
    expect(missing.items.map((i) => i.certificateId)).not.toContain(newCert);

    const svc = new SelfInspectionService(t.ctx);
    expect(await svc.generateReminders('2026-11-30')).toBe(0);
    expect(await svc.generateReminders('2026-12-01')).toBeGreaterThanOrEqual(1);
    expect(await svc.generateReminders('2026-12-02')).toBe(0);
    const reminders = ok<{
      items: Array<{ kind: string; certificateId: string; title: string; read: boolean }>;
    }>(await qiye.get('/api/licensing/certificates/reminders'));
    const mine = reminders.items.filter((r) => r.kind === 'self_inspection');
    expect(mine.map((r) => r.certificateId)).toEqual([oldCert]);
    expect(mine[0]!.title).toContain('请于 2026-12-31 前提交 2026 年度自查报告');
    // Another enterprise does not get it.
    const other = ok<{ items: Array<{ certificateId: string }> }>(
      await qiye2.get('/api/licensing/certificates/reminders'),
    );
    expect(other.items.map((r) => r.certificateId)).not.toContain(oldCert);
  });

  it('the enterprise submits once per certificate and year; bad input is refused with the field', async () => {
    clock.set(at('2026-12-10'));
    const url = '/api/licensing/self-inspections';
    const { conditionsKept: _omit, ...partial } = REPORT;
    expectError(
      await qiye.post(url, { certificateId: oldCert, year: 2026, ...partial }),
      400,
      'VALIDATION',
      'conditionsKept',
    );
    expectError(
      await qiye.post(url, { certificateId: oldCert, year: 2024, ...REPORT }),
      400,
      'LICENSING_SELF_INSPECTION_YEAR',
      'year',
    );
    // Another enterprise's certificate, and officers: refused.
    expectError(
      await qiye2.post(url, { certificateId: oldCert, year: 2026, ...REPORT }),
      400,
      'LICENSING_SELF_INSPECTION_CERTIFICATE',
      'certificateId',
    );
    expectError(await sheng.post(url, { certificateId: oldCert, year: 2026, ...REPORT }), 403, 'FORBIDDEN');

    const fileId = await upload(qiye, '自查报告附件.pdf');
    const r = ok<Report>(
      await qiye.post(url, { certificateId: oldCert, year: 2026, ...REPORT, fileIds: [fileId] }),
    );
    expect(r).toMatchObject({ year: 2026, late: false, fileIds: [fileId] });
    expect(r.certificateNo).toMatch(/^\(陕\)XK06-101-\d{5}$/);
    expectError(
      await qiye.post(url, { certificateId: oldCert, year: 2026, ...REPORT }),
      409,
      'LICENSING_SELF_INSPECTION_EXISTS',
      'year',
    );
    // Its reminders are settled; the officer sees it submitted; the attachment is readable by the officer.
    const reminders = ok<{ items: Array<{ kind: string; read: boolean }> }>(
      await qiye.get('/api/licensing/certificates/reminders'),
    );
    expect(reminders.items.filter((x) => x.kind === 'self_inspection').every((x) => x.read)).toBe(true);
    const s = await statusOf(sheng, 'year=2026&status=submitted');
    expect(s.items.find((i) => i.certificateId === oldCert)).toMatchObject({
      status: 'submitted',
      reportId: r.id,
    });
    expect((await sheng.get(`/api/files/${fileId}`)).statusCode).toBe(200);
    expect((await baoji.get(`/api/files/${fileId}`)).statusCode).toBe(403);
  });

  it('late submissions are marked; scope, filters and exports', async () => {
    clock.set(at('2027-01-05'));
    expect(
      (await statusOf(sheng, 'year=2026&status=missing')).items.map((i) => i.certificateId),
    ).not.toContain(oldCert);
    // The 2026 certificate's first year is 2027: not late, pending.
    expect((await statusOf(qiye, 'year=2027')).items.find((i) => i.certificateId === newCert)?.status).toBe(
      'pending',
    );
    const late = ok<Report>(
      await qiye.post('/api/licensing/self-inspections', { certificateId: newCert, year: 2026, ...REPORT }),
    );
    expect(late.late).toBe(true);
    expect((await statusOf(sheng, 'year=2026')).items.find((i) => i.certificateId === newCert)?.status).toBe(
      'late_submitted',
    );

    const list = ok<{ items: Report[] }>(
      await sheng.get('/api/licensing/self-inspections?late=true&year=2026'),
    );
    expect(list.items.map((i) => i.id)).toEqual([late.id]);
    expect(ok<{ items: Report[] }>(await baoji.get('/api/licensing/self-inspections')).items).toEqual([]);
    expect((await statusOf(baoji, 'year=2026')).items.map((i) => i.certificateId)).not.toContain(oldCert);
    expectError(
      await qiye2.get(`/api/licensing/self-inspections/${late.id}`),
      404,
      'LICENSING_SELF_INSPECTION_NOT_FOUND',
    );
    ok(await qiye.get(`/api/licensing/self-inspections/${late.id}`));
    expectError(await sheng.get('/api/licensing/self-inspections/status'), 400, 'VALIDATION', 'year');
    expectError(await t.app.inject({ method: 'GET', url: '/api/licensing/self-inspections' }), 401);

    const x = await sheng.get('/api/licensing/self-inspections/status?year=2026&format=xlsx');
    expect(x.statusCode).toBe(200);
    const rows = await readXlsx(x.rawPayload);
    expect(rows[0]).toEqual([
      '企业名称',
      '统一社会信用代码',
      '证书编号',
      '产品名称',
      '所在地',
      '生产地址',
      '联系电话',
      '提交截止日',
      '发证日期',
      '首个应提交年度',
      '状态',
      '提交时间',
    ]);
    const statusCol = rows[0]!.indexOf('状态');
    expect(rows.slice(1).map((r) => r[statusCol])).toContain('逾期提交');
    expect(rows.slice(1).every((r) => r[7] === '2026-12-31')).toBe(true);
    expect(rows.slice(1).map((r) => r[4])).toContain('新城区');
    const y = await sheng.get('/api/licensing/self-inspections?format=xlsx');
    expect((await readXlsx(y.rawPayload))[0]).toContain('逾期提交');
  });
});
