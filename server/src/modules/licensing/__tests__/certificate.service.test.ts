import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, FixedClock, type TestContext } from '../../../../test/harness.js';
import type { AppError } from '../../../platform/errors.js';
import { CertificatesService } from '../certificates.service.js';
import { createProductUnit, enterprises, issue, principalOf } from './certificate.fixtures.js';

const at = (clock: FixedClock, day: string) => clock.set(new Date(`${day}T10:00:00+08:00`));

async function rejects(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    return e as AppError;
  }
  throw new Error('expected a rejection');
}

describe('certificates (service): 行政赋号, validity, 撤销/撤回/吊销, application bar, reminders', () => {
  let t: TestContext;
  let certs: CertificatesService;
  let ent: Awaited<ReturnType<typeof enterprises>>;
  const clock = new FixedClock(new Date('2026-03-15T10:00:00+08:00'));
  beforeAll(async () => {
    t = await createTestContext({ clock });
    certs = new CertificatesService(t.ctx);
    ent = await enterprises(t.ctx);
  });
  afterAll(async () => t.close());

  const serialRow = async (key: string) =>
    t.ctx.db.selectFrom('number_sequence').select('last_value').where('key', '=', key).executeTakeFirst();

  it('发证: a new number (陕)XK××-×××-00001 from the numbering service; valid to the day after 5 years', async () => {
    at(clock, '2026-03-15');
    const unit = await createProductUnit(t.ctx, '13', '008', '电线电缆');
    const c = await issue(t.ctx, {
      applicationType: 'issue',
      enterpriseOrgId: ent.qinfeng.orgId,
      regionCode: ent.qinfeng.regionCode,
      productUnitId: unit,
      decisionDate: '2026-03-15',
      residence: '西安市新城区长乐路 1 号',
      productionAddress: '西安市新城区长乐路 1 号 2 号厂房',
    });
    expect(c).toMatchObject({ number: '(陕)XK13-008-00001', validFrom: '2026-03-15', validTo: '2031-03-16' });
    expect(Number((await serialRow('licence:XK13-008'))?.last_value)).toBe(1);
    const active = await certs.findActive(ent.qinfeng.orgId, unit);
    expect(active).toMatchObject({ id: c.id, number: c.number, state: 'valid' });
    const row = await t.ctx.db
      .selectFrom('licence_certificate')
      .selectAll()
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      enterprise_name: '西安秦风电器有限公司',
      credit_code: '91610102MA6TG1234B',
      product_name: '电线电缆',
      issue_date: '2026-03-15',
      status: 'valid',
      core_number: 'XK13-008-00001',
      province_abbr: '陕',
    });
    // The change goes out with the transaction (licensing.md §10).
    const ev = await t.ctx.db
      .selectFrom('outbox_event')
      .select(['event_type', 'aggregate_type', 'destination', 'payload'])
      .where('aggregate_id', '=', 'XK13-008-00001')
      .execute();
    expect(ev).toHaveLength(1);
    expect(ev[0]).toMatchObject({ event_type: 'licence.issued', aggregate_type: 'licence_certificate' });

    // A second 发证 for the same enterprise and product is refused: it holds a valid certificate.
    const again = await rejects(
      issue(t.ctx, {
        applicationType: 'issue',
        enterpriseOrgId: ent.qinfeng.orgId,
        regionCode: ent.qinfeng.regionCode,
        productUnitId: unit,
        decisionDate: '2026-03-15',
      }),
    );
    expect(again).toMatchObject({ code: 'CERTIFICATE_ALREADY_VALID', status: 409 });
    // …and the refused transaction consumed no serial.
    expect(Number((await serialRow('licence:XK13-008'))?.last_value)).toBe(1);
  });

  it('延续 keeps the number, runs 5 years from the old expiry; the old certificate is replaced; 变更 keeps the dates', async () => {
    at(clock, '2026-04-01');
    const unit = await createProductUnit(t.ctx, '14', '001');
    const first = await issue(t.ctx, {
      applicationType: 'issue',
      enterpriseOrgId: ent.chencang.orgId,
      regionCode: ent.chencang.regionCode,
      productUnitId: unit,
      decisionDate: '2026-04-01',
    });
    expect(first.validTo).toBe('2031-04-02');
    at(clock, '2030-11-20');
    const renewed = await issue(t.ctx, {
      applicationType: 'renew',
      enterpriseOrgId: ent.chencang.orgId,
      regionCode: ent.chencang.regionCode,
      productUnitId: unit,
      decisionDate: '2030-11-20',
      previousCertificateId: first.id,
    });
    // seed 行政赋号: 延续 = 原证书有效期 5 年后同一天; start = the approval date.
    expect(renewed).toMatchObject({ number: first.number, validFrom: '2030-11-20', validTo: '2036-04-02' });
    const old = await t.ctx.db
      .selectFrom('licence_certificate')
      .select(['status', 'replaced_by'])
      .where('id', '=', first.id)
      .executeTakeFirstOrThrow();
    expect(old).toEqual({ status: 'replaced', replaced_by: renewed.id });
    expect((await certs.findActive(ent.chencang.orgId, unit))?.id).toBe(renewed.id);

    const changed = await issue(t.ctx, {
      applicationType: 'change',
      enterpriseOrgId: ent.chencang.orgId,
      regionCode: ent.chencang.regionCode,
      productUnitId: unit,
      decisionDate: '2031-01-05',
      previousCertificateId: renewed.id,
      enterpriseName: '宝鸡陈仓新材料有限责任公司',
    });
    expect(changed).toMatchObject({ number: first.number, validFrom: '2030-11-20', validTo: '2036-04-02' });

    // The replaced certificate cannot be renewed again.
    const stale = await rejects(
      issue(t.ctx, {
        applicationType: 'renew',
        enterpriseOrgId: ent.chencang.orgId,
        regionCode: ent.chencang.regionCode,
        productUnitId: unit,
        decisionDate: '2031-01-06',
        previousCertificateId: first.id,
      }),
    );
    expect(stale).toMatchObject({ code: 'PREVIOUS_CERTIFICATE_NOT_VALID', field: 'previousCertificateId' });
    const missing = await rejects(
      issue(t.ctx, {
        applicationType: 'reissue',
        enterpriseOrgId: ent.chencang.orgId,
        regionCode: ent.chencang.regionCode,
        productUnitId: unit,
        decisionDate: '2031-01-06',
      }),
    );
    expect(missing).toMatchObject({ code: 'PREVIOUS_CERTIFICATE_REQUIRED', status: 400 });

    const sheng = await principalOf(t.ctx, 'sheng');
    const d = await certs.detail(sheng, changed.id);
    expect(d.chain.map((c) => [c.row.application_type, c.row.status])).toEqual([
      ['issue', 'replaced'],
      ['renew', 'replaced'],
      ['change', 'valid'],
    ]);
    expect(d.row.enterprise_name).toBe('宝鸡陈仓新材料有限责任公司');
    expect(d.events.map((e) => e.event_type)).toEqual([
      'issued.issue',
      'replaced',
      'issued.renew',
      'replaced',
      'issued.change',
    ]);
  });

  it('a product unit without 行业编号/产品编号 cannot be numbered', async () => {
    const admin = await principalOf(t.ctx, 'sheng');
    const { CatalogueService } = await import('../catalogue.service.js');
    const cat = await new CatalogueService(t.ctx).create(admin, {
      level: 'category',
      code: 'TNOCODE',
      name: '无编号类别',
    });
    const e = await rejects(
      issue(t.ctx, {
        applicationType: 'issue',
        enterpriseOrgId: ent.weicheng.orgId,
        regionCode: ent.weicheng.regionCode,
        productUnitId: cat.id,
        decisionDate: '2026-03-15',
      }),
    );
    expect(e).toMatchObject({ code: 'PRODUCT_CODES_MISSING', field: 'productUnitId' });
  });

  it('撤销 voids the number for ever: even with its sequence reset, the serial is never issued again', async () => {
    at(clock, '2026-05-10');
    const unit = await createProductUnit(t.ctx, '15', '002');
    const a = await issue(t.ctx, {
      applicationType: 'issue',
      enterpriseOrgId: ent.qinfeng.orgId,
      regionCode: ent.qinfeng.regionCode,
      productUnitId: unit,
      decisionDate: '2026-05-10',
    });
    expect(a.number).toBe('(陕)XK15-002-00001');
    const sheng = await principalOf(t.ctx, 'sheng');
    const v = await certs.sanction(sheng, a.id, {
      kind: 'revoke',
      grounds: '以欺骗手段取得许可',
    });
    expect(v).toMatchObject({ state: 'revoked', stateLabel: '撤销' });
    expect(v.row).toMatchObject({
      number_voided: true,
      sanction_kind: 'revoke',
      sanction_date: '2026-05-10',
      sanction_article: '《工业产品生产许可证管理条例实施办法》第三十四条',
    });
    const voided = await t.ctx.db
      .selectFrom('number_voided')
      .selectAll()
      .where('key', '=', 'licence:XK15-002')
      .execute();
    expect(voided.map((r) => [Number(r.value), r.never_reuse])).toEqual([[1, true]]);

    // Even if the sequence were set back (e.g. by a data migration), the voided serial is skipped.
    await t.ctx.db
      .updateTable('number_sequence')
      .set({ last_value: 0 })
      .where('key', '=', 'licence:XK15-002')
      .execute();
    const b = await issue(t.ctx, {
      applicationType: 'issue',
      enterpriseOrgId: ent.weicheng.orgId,
      regionCode: ent.weicheng.regionCode,
      productUnitId: unit,
      decisionDate: '2026-05-11',
    });
    expect(b.number).toBe('(陕)XK15-002-00002');

    // A revoked certificate is not revoked twice, nor withdrawn afterwards.
    const twice = await rejects(certs.sanction(sheng, a.id, { kind: 'withdraw', grounds: '再次撤回' }));
    expect(twice).toMatchObject({ code: 'CERTIFICATE_NOT_VALID', status: 409 });
    // Only holders of licensing:revoke; outside the data scope it does not exist.
    const xian = await principalOf(t.ctx, 'xian');
    expect(await rejects(certs.sanction(xian, b.id, { kind: 'revoke', grounds: '越权' }))).toMatchObject({
      status: 403,
    });
    const qiye = await principalOf(t.ctx, 'qiye');
    expect(await rejects(certs.sanction(qiye, b.id, { kind: 'revoke', grounds: '越权' }))).toMatchObject({
      status: 403,
    });
    expect(
      await rejects(
        certs.sanction(sheng, b.id, { kind: 'revoke', grounds: '日期在未来', decisionDate: '2027-01-01' }),
      ),
    ).toMatchObject({ code: 'DATE_INVALID', field: 'decisionDate' });
  });

  it('applicationBar: 撤销 → 整改证明 needed until relicensed; 吊销 → barred 3 years, then 整改证明; 撤回 → none', async () => {
    at(clock, '2026-06-01');
    const sheng = await principalOf(t.ctx, 'sheng');
    const unitA = await createProductUnit(t.ctx, '16', '001');
    const unitB = await createProductUnit(t.ctx, '16', '002');
    const unitC = await createProductUnit(t.ctx, '16', '003');
    const q = ent.qinfeng;
    expect(await certs.applicationBar(q.orgId, unitA, '2026-06-01')).toEqual({ kind: 'none' });

    const a = await issue(t.ctx, {
      applicationType: 'issue',
      enterpriseOrgId: q.orgId,
      regionCode: q.regionCode,
      productUnitId: unitA,
      decisionDate: '2026-06-01',
    });
    await certs.sanction(sheng, a.id, {
      kind: 'revoke',
      grounds: '以贿赂手段取得许可',
      decisionDate: '2026-06-01',
    });
    expect(await certs.applicationBar(q.orgId, unitA, '2026-06-02')).toEqual({
      kind: 'needs-rectification-proof',
      revokedAt: '2026-06-01',
    });
    // Another product of the same enterprise is not affected.
    expect(await certs.applicationBar(q.orgId, unitB, '2026-06-02')).toEqual({ kind: 'none' });
    // Once the enterprise holds a new certificate for the product, the proof was given.
    at(clock, '2026-09-01');
    await issue(t.ctx, {
      applicationType: 'issue',
      enterpriseOrgId: q.orgId,
      regionCode: q.regionCode,
      productUnitId: unitA,
      decisionDate: '2026-09-01',
    });
    expect(await certs.applicationBar(q.orgId, unitA, '2026-09-02')).toEqual({ kind: 'none' });

    const b = await issue(t.ctx, {
      applicationType: 'issue',
      enterpriseOrgId: q.orgId,
      regionCode: q.regionCode,
      productUnitId: unitB,
      decisionDate: '2026-09-01',
    });
    const rescinded = await certs.sanction(sheng, b.id, {
      kind: 'rescind',
      grounds: '监督抽查不合格，限期整改后复查仍不合格',
      documentNo: '陕市监吊〔2026〕1号',
    });
    expect(rescinded.row).toMatchObject({
      bar_last_day: '2029-09-01',
      number_voided: false,
      status: 'rescinded',
    });
    const barred = {
      kind: 'barred',
      until: '2029-09-01',
      article: '《工业产品生产许可证管理条例》第五十五条',
    };
    expect(await certs.applicationBar(q.orgId, unitB, '2026-09-02')).toEqual(barred);
    expect(await certs.applicationBar(q.orgId, unitB, '2029-09-01')).toEqual(barred);
    expect(await certs.applicationBar(q.orgId, unitB, '2029-09-02')).toEqual({
      kind: 'needs-rectification-proof',
      revokedAt: '2026-09-01',
    });

    const c = await issue(t.ctx, {
      applicationType: 'issue',
      enterpriseOrgId: q.orgId,
      regionCode: q.regionCode,
      productUnitId: unitC,
      decisionDate: '2026-09-01',
    });
    const withdrawn = await certs.sanction(sheng, c.id, { kind: 'withdraw', grounds: '所依据的法规已废止' });
    expect(withdrawn.row.sanction_article).toBe('《工业产品生产许可证管理条例实施办法》第三十三条');
    expect(await certs.applicationBar(q.orgId, unitC, '2026-09-02')).toEqual({ kind: 'none' });
  });

  it('data scope: the enterprise sees its own, a city its region, another city nothing', async () => {
    const q = { page: 1, pageSize: 100 };
    const qiye = await principalOf(t.ctx, 'qiye');
    const mine = await certs.list(qiye, {}, q);
    expect(mine.total).toBeGreaterThan(0);
    expect(mine.items.every((v) => v.row.org_id === ent.qinfeng.orgId)).toBe(true);
    const qiye2 = await principalOf(t.ctx, 'qiye2');
    expect((await certs.list(qiye2, {}, q)).items.every((v) => v.row.org_id === ent.chencang.orgId)).toBe(
      true,
    );
    const baoji = await principalOf(t.ctx, 'baoji');
    const bj = await certs.list(baoji, {}, q);
    expect(bj.items.every((v) => v.row.region_code.startsWith('6103'))).toBe(true);
    expect(bj.total).toBeGreaterThan(0);
    const xian = await principalOf(t.ctx, 'xian');
    const xa = await certs.list(xian, { state: 'valid' }, q);
    expect(xa.items.every((v) => v.row.region_code.startsWith('6101') && v.state === 'valid')).toBe(true);
    expect(await rejects(certs.detail(baoji, xa.items[0]!.row.id))).toMatchObject({
      code: 'CERTIFICATE_NOT_FOUND',
      status: 404,
    });
    // Replaced certificates are listed only on request.
    const sheng = await principalOf(t.ctx, 'sheng');
    const all = await certs.list(sheng, { includeReplaced: true }, q);
    const current = await certs.list(sheng, {}, q);
    expect(all.total).toBeGreaterThan(current.total);
    expect(current.items.some((v) => v.row.status === 'replaced')).toBe(false);
  });

  it('申报提醒: created once per certificate and milestone within 6 months of expiry', async () => {
    at(clock, '2026-03-15');
    const unit = await createProductUnit(t.ctx, '17', '001');
    const c = await issue(t.ctx, {
      applicationType: 'issue',
      enterpriseOrgId: ent.weicheng.orgId,
      regionCode: ent.weicheng.regionCode,
      productUnitId: unit,
      decisionDate: '2026-03-15',
    });
    // valid to 2031-03-16: the 6-month milestone is 2030-09-16.
    expect(await certs.generateReminders('2030-09-15')).toBe(0);
    at(clock, '2030-09-16');
    // This one and the first certificate of this file (also valid to 2031-03-16).
    expect(await certs.generateReminders('2030-09-16')).toBe(2);
    expect(await certs.generateReminders('2030-09-16')).toBe(0);
    const rows = await t.ctx.db
      .selectFrom('licence_reminder')
      .selectAll()
      .where('certificate_id', '=', c.id)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      milestone_months: 6,
      valid_to: '2031-03-16',
      latest_apply_date: '2030-09-16',
    });
    expect(rows[0]!.content).toContain('2030-09-16 前申请延续');
  });
});
