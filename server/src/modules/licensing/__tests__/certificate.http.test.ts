import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, FixedClock, type Session, type TestApp } from '../../../../test/harness.js';
import { pdfImages, pdfPageTexts } from '../../../platform/documents/__tests__/pdf-inspect.js';
import { decodeQr } from '../../../platform/documents/__tests__/qr-decode.js';
import { readXlsx } from '../../../platform/documents/xlsx.js';
import { uuidv7 } from '../../../platform/ids.js';
import { PUBLIC_VERIFY_PER_MINUTE } from '../certificates.routes.js';
import { CertificatesService } from '../certificates.service.js';
import { createProductUnit, enterprises, issue } from './certificate.fixtures.js';

const BASE = '/api/licensing/certificates';
const squash = (s: string) => s.replace(/\s+/g, '');

function expectError(res: LightMyRequestResponse, status: number, code?: string, field?: string): void {
  expect(res.statusCode, res.body).toBe(status);
  const body = res.json<{ code: string; message: string; field?: string }>();
  if (code) expect(body.code).toBe(code);
  if (field !== undefined) expect(body.field).toBe(field);
  expect(body.message).toMatch(/[\u4e00-\u9fa5]/);
}

function ok<T = Record<string, unknown>>(res: LightMyRequestResponse): T {
  expect(res.statusCode, res.body).toBe(200);
  return res.json<T>();
}

interface Item {
  id: string;
  number: string;
  state: string;
  stateLabel: string;
  enterpriseOrgId: string;
  regionCode: string;
  sanction: { kind: string; article: string; barLastDay: string | null } | null;
  numberVoided: boolean;
}

describe('/api/licensing/certificates and /api/public/licences (HTTP)', () => {
  let t: TestApp;
  const clock = new FixedClock(new Date('2026-03-15T10:00:00+08:00'));
  const s: Record<string, Session> = {};
  let qinfeng: { id: string; number: string };
  let chencang: { id: string; number: string };
  let unit: string;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    for (const u of ['qiye', 'qiye2', 'sheng', 'xian', 'baoji', 'xincheng', 'yunwei'])
      s[u] = await t.login(u);
    const ent = await enterprises(t.ctx);
    unit = await createProductUnit(t.ctx, '13', '008', '电线电缆');
    qinfeng = await issue(t.ctx, {
      applicationType: 'issue',
      enterpriseOrgId: ent.qinfeng.orgId,
      regionCode: ent.qinfeng.regionCode,
      productUnitId: unit,
      decisionDate: '2026-03-15',
      residence: '西安市新城区长乐路 1 号',
      productionAddress: '西安市新城区长乐路 1 号 2 号厂房',
    });
    chencang = await issue(t.ctx, {
      applicationType: 'issue',
      enterpriseOrgId: ent.chencang.orgId,
      regionCode: ent.chencang.regionCode,
      productUnitId: unit,
      decisionDate: '2026-03-15',
    });
  });
  afterAll(async () => t.close());

  const anon = (o: InjectOptions) => t.app.inject(o);
  const routes = (id: string): Array<[InjectOptions['method'], string, unknown?]> => [
    ['GET', BASE],
    ['GET', `${BASE}/${id}`],
    ['GET', `${BASE}/${id}/pdf`],
    ['POST', `${BASE}/${id}/revoke`, { grounds: '测试' }],
    ['POST', `${BASE}/${id}/withdraw`, { grounds: '测试' }],
    ['POST', `${BASE}/${id}/rescind`, { grounds: '测试' }],
    ['POST', `${BASE}/${id}/cancellation`, { reason: '测试' }],
    ['GET', `${BASE}/reminders`],
    ['POST', `${BASE}/reminders/${uuidv7()}/read`],
    ['GET', `${BASE}/settings`],
    ['PUT', `${BASE}/settings/number.bracket`, { value: 'full' }],
  ];

  it('401 on every route without a session', async () => {
    for (const [method, url, payload] of routes(qinfeng.id)) {
      const res = await anon({ method, url, ...(payload ? { payload: payload } : {}) });
      expectError(res, 401, 'UNAUTHENTICATED');
    }
  });

  it('403 without the permission (before validation), 404 outside the data scope', async () => {
    // The operations user holds no licensing permission at all.
    for (const [method, url, payload] of routes(qinfeng.id)) {
      const res = await s.yunwei!.request({
        method,
        url,
        ...(payload ? { payload: payload } : {}),
      });
      expectError(res, 403, 'FORBIDDEN');
    }
    // Enterprises and city bureaus may not revoke; enterprises may not start a 注销 here nor change settings.
    for (const u of ['qiye', 'xian'])
      for (const path of ['revoke', 'withdraw', 'rescind'])
        expectError(await s[u]!.post(`${BASE}/${qinfeng.id}/${path}`, {}), 403, 'FORBIDDEN');
    expectError(await s.qiye!.post(`${BASE}/${qinfeng.id}/cancellation`, {}), 403, 'FORBIDDEN');
    expectError(await s.xian!.put(`${BASE}/settings/number.bracket`, { value: 'full' }), 403, 'FORBIDDEN');
    expectError(await s.qiye!.get(`${BASE}/settings`), 403, 'FORBIDDEN');
    // Another enterprise, another city: as if it did not exist.
    expectError(await s.qiye2!.get(`${BASE}/${qinfeng.id}`), 404, 'CERTIFICATE_NOT_FOUND');
    expectError(await s.qiye2!.get(`${BASE}/${qinfeng.id}/pdf`), 404, 'CERTIFICATE_NOT_FOUND');
    expectError(await s.baoji!.get(`${BASE}/${qinfeng.id}`), 404, 'CERTIFICATE_NOT_FOUND');
    expectError(
      await s.baoji!.post(`${BASE}/${qinfeng.id}/cancellation`, { reason: '不在本市' }),
      404,
      'CERTIFICATE_NOT_FOUND',
    );
  });

  it('400 on bad input', async () => {
    expectError(await s.sheng!.get(`${BASE}?state=bogus`), 400, 'VALIDATION');
    expectError(await s.sheng!.get(`${BASE}?sort=serial`), 400, 'SORT_FIELD_INVALID', 'sort');
    expectError(await s.sheng!.get(`${BASE}/not-a-uuid`), 400, 'VALIDATION');
    expectError(await s.sheng!.get(`${BASE}/${qinfeng.id}/pdf?copy=both2`), 400, 'VALIDATION');
    expectError(await s.sheng!.post(`${BASE}/${qinfeng.id}/revoke`, {}), 400, 'VALIDATION');
    expectError(
      await s.sheng!.post(`${BASE}/${qinfeng.id}/rescind`, {
        grounds: '抽查不合格',
        decisionDate: '2026-02-30',
      }),
      400,
      'VALIDATION',
    );
    expectError(
      await s.sheng!.post(`${BASE}/${qinfeng.id}/withdraw`, {
        grounds: '未来日期',
        decisionDate: '2027-01-01',
      }),
      400,
      'DATE_INVALID',
      'decisionDate',
    );
    expectError(await s.sheng!.post(`${BASE}/${qinfeng.id}/cancellation`, { reason: '' }), 400, 'VALIDATION');
    expectError(
      await s.sheng!.post(`${BASE}/${qinfeng.id}/cancellation`, { reason: '测试', ground: 'bogus' }),
      400,
      'VALIDATION',
    );
    expectError(
      await s.sheng!.put(`${BASE}/settings/number.bracket`, { value: 'round' }),
      400,
      'SETTING_INVALID',
      'value',
    );
    expectError(
      await s.sheng!.put(`${BASE}/settings/no.such`, { value: '1' }),
      400,
      'SETTING_UNKNOWN',
      'key',
    );
    expectError(await s.qiye!.post(`${BASE}/reminders/${uuidv7()}/read`), 404, 'REMINDER_NOT_FOUND');
    expectError(await anon({ method: 'GET', url: '/api/public/licences/XK13-008' }), 400);
    expectError(
      await anon({ method: 'GET', url: `/api/public/licences/${encodeURIComponent('QS13-008-00001')}` }),
      400,
      'LICENCE_NUMBER_INVALID',
      'number',
    );
    expectError(await anon({ method: 'GET', url: '/api/public/licences/verify/short' }), 400, 'VALIDATION');
  });

  it('lists by data scope: the enterprise its own, a city its region, a county its county; exports xlsx', async () => {
    const mine = ok<{ items: Item[]; total: number }>(await s.qiye!.get(BASE));
    expect(mine.items.map((i) => i.id)).toEqual([qinfeng.id]);
    expect(mine.items[0]).toMatchObject({ number: '(陕)XK13-008-00001', state: 'valid', stateLabel: '有效' });
    expect(ok<{ items: Item[] }>(await s.baoji!.get(BASE)).items.map((i) => i.id)).toEqual([chencang.id]);
    expect(ok<{ items: Item[] }>(await s.xian!.get(BASE)).items.map((i) => i.id)).toEqual([qinfeng.id]);
    expect(ok<{ items: Item[] }>(await s.xincheng!.get(BASE)).items.map((i) => i.id)).toEqual([qinfeng.id]);
    const all = ok<{ items: Item[]; total: number }>(
      await s.sheng!.get(`${BASE}?sort=number&keyword=XK13-008`),
    );
    expect(all.items.map((i) => i.number)).toEqual(['(陕)XK13-008-00001', '(陕)XK13-008-00002']);
    expect(ok<{ total: number }>(await s.sheng!.get(`${BASE}?regionCode=610300`)).total).toBe(1);
    expect(ok<{ total: number }>(await s.sheng!.get(`${BASE}?state=expired`)).total).toBe(0);
    const x = await s.sheng!.get(`${BASE}?format=xlsx&sort=number`);
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toContain('spreadsheetml');
    const rows = await readXlsx(x.rawPayload);
    expect(rows[0]).toContain('证书编号');
    expect(rows[1]?.[0]).toBe('(陕)XK13-008-00001');
    expect(rows[1]?.[1]).toBe('西安秦风电器有限公司');
  });

  it('detail with history; the PDF has 正本 and 副本, extractable Chinese text and a QR code of the verification page', async () => {
    const d = ok<Item & { chain: unknown[]; events: Array<{ type: string }> }>(
      await s.qiye!.get(`${BASE}/${qinfeng.id}`),
    );
    expect(d.chain).toHaveLength(1);
    expect(d.events.map((e) => e.type)).toEqual(['issued.issue']);

    const res = await s.qiye!.get(`${BASE}/${qinfeng.id}/pdf`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain(
      encodeURIComponent('生产许可证-(陕)XK13-008-00001.pdf'),
    );
    const pages = (await pdfPageTexts(res.rawPayload)).map(squash);
    expect(pages, pages.join('\n---\n')).toHaveLength(2);
    expect(pages[0]).toContain('全国工业产品生产许可证');
    expect(pages[0]).toContain('（正本）');
    expect(pages[1]).toContain('（副本）');
    for (const p of pages) {
      expect(p).toContain('西安秦风电器有限公司');
      expect(p).toContain('(陕)XK13-008-00001');
      expect(p).toContain('电线电缆');
      expect(p).toContain('2026年3月15日至2031年3月16日');
      expect(p).toContain('西安市新城区长乐路1号2号厂房');
      expect(p).toContain('陕西省市场监督管理局');
    }
    expect(pages[1]).toContain('91610102MA6TG1234B');
    expect(pages[1]).toContain('许可记录');
    const images = await pdfImages(res.rawPayload);
    expect(images.length).toBe(2);
    const url = decodeQr(images[0]!.data, images[0]!.width, images[0]!.height);
    expect(url).toMatch(/^http:\/\/localhost(:\d+)?\/verify\/licence\/[A-Za-z0-9_-]{24}$/);
    const token = url!.split('/').pop()!;

    // The QR code opens the public page, which reads the current state without login.
    const v = ok(await anon({ method: 'GET', url: `/api/public/licences/verify/${token}` }));
    expect(v).toMatchObject({ number: '(陕)XK13-008-00001', state: 'valid', stateLabel: '有效' });

    const original = await s.sheng!.get(`${BASE}/${qinfeng.id}/pdf?copy=original`);
    expect(await pdfPageTexts(original.rawPayload)).toHaveLength(1);
  });

  it('public verification by number shows the state and no personal data; after 撤销 it shows 撤销', async () => {
    const byNumber = (n: string) =>
      anon({ method: 'GET', url: `/api/public/licences/${encodeURIComponent(n)}` });
    const v = ok<Record<string, unknown>>(await byNumber('（陕）XK13-008-00002'));
    expect(v).toMatchObject({
      number: '(陕)XK13-008-00002',
      enterpriseName: '宝鸡陈仓化工有限责任公司',
      productName: '电线电缆',
      validTo: '2031-03-16',
      state: 'valid',
      superseded: false,
    });
    expect(Object.keys(v).sort()).toEqual(
      [
        'checkedAt',
        'enterpriseName',
        'issueDate',
        'number',
        'productName',
        'state',
        'stateDate',
        'stateLabel',
        'superseded',
        'validFrom',
        'validTo',
      ].sort(),
    );
    const text = JSON.stringify(v);
    for (const secret of ['91610303MA6X5678KT', 'residence', 'org', '孙化工', 'token'])
      expect(text).not.toContain(secret);
    expectError(await byNumber('XK13-008-09999'), 404, 'LICENCE_NOT_FOUND');

    const r = ok<Item>(
      await s.sheng!.post(`${BASE}/${chencang.id}/revoke`, {
        grounds: '以欺骗手段取得许可',
        documentNo: '陕市监撤〔2026〕1号',
      }),
    );
    expect(r).toMatchObject({ state: 'revoked', stateLabel: '撤销', numberVoided: true });
    expect(r.sanction).toMatchObject({
      kind: 'revoke',
      article: '《工业产品生产许可证管理条例实施办法》第三十四条',
    });
    expect(ok(await byNumber('XK13-008-00002'))).toMatchObject({
      state: 'revoked',
      stateLabel: '撤销',
      stateDate: '2026-03-15',
    });
    // The audit log has the action.
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'target_id'])
      .where('action', '=', '撤销生产许可')
      .where('result', '=', 'success')
      .execute();
    expect(audit).toEqual([{ action: '撤销生产许可', target_id: chencang.id }]);
  });

  it('注销 started over HTTP goes through the three levels of the workflow API', async () => {
    const started = ok<{ cancellationId: string; instanceId: string }>(
      await s.sheng!.post(`${BASE}/${chencang.id}/cancellation`, { reason: '许可已撤销，依法注销' }),
    );
    const act = (who: string, action: string, comment = '同意') =>
      s[who]!.post(`/api/workflow/instances/${started.instanceId}/actions`, { action, comment });
    expect(ok<{ state: string }>(await act('sheng', 'pass')).state).toBe('audit');
    expect(ok<{ state: string }>(await act('sheng', 'back', '退回初审')).state).toBe('review');
    expect(ok<{ state: string }>(await act('sheng', 'pass')).state).toBe('audit');
    expect(ok<{ state: string }>(await act('sheng', 'pass')).state).toBe('approve');
    expect(ok<Item>(await s.sheng!.get(`${BASE}/${chencang.id}`)).state).toBe('revoked');
    expect(ok<{ state: string }>(await act('sheng', 'approve')).state).toBe('cancelled');
    const d = ok<Item & { cancellations: Array<{ status: string }> }>(
      await s.sheng!.get(`${BASE}/${chencang.id}`),
    );
    expect(d.state).toBe('cancelled');
    expect(d.cancellations.map((c) => c.status)).toEqual(['approved']);
    expect(ok(await anon({ method: 'GET', url: '/api/public/licences/XK13-008-00002' }))).toMatchObject({
      state: 'cancelled',
      stateLabel: '注销',
    });
  });

  it('申报提醒: the enterprise lists its reminders and marks them read', async () => {
    await new CertificatesService(t.ctx).generateReminders('2030-09-16');
    const page = ok<{ items: Array<{ id: string; read: boolean; title: string }>; unread: number }>(
      await s.qiye!.get(`${BASE}/reminders`),
    );
    expect(page.unread).toBe(1);
    expect(page.items[0]!.title).toContain('(陕)XK13-008-00001');
    expect(ok<{ total: number }>(await s.qiye2!.get(`${BASE}/reminders`)).total).toBe(0);
    expectError(
      await s.qiye2!.post(`${BASE}/reminders/${page.items[0]!.id}/read`),
      404,
      'REMINDER_NOT_FOUND',
    );
    ok(await s.qiye!.post(`${BASE}/reminders/${page.items[0]!.id}/read`));
    const after = ok<{ unread: number; items: Array<{ read: boolean }> }>(
      await s.qiye!.get(`${BASE}/reminders?unread=true`),
    );
    expect(after).toMatchObject({ unread: 0, items: [] });
  });

  it('settings: each with its value type, options, source and last change; a PUT answers the item', async () => {
    type Setting = {
      key: string;
      value: string;
      defaultValue: string;
      valueType: string;
      options: Array<{ value: string; label: string }> | null;
      min: number | null;
      max: number | null;
      unit: string | null;
      remark: string | null;
      sourceTag: string | null;
      sourceTagLabel: string | null;
      updatedAt: string | null;
      updatedByName: string | null;
    };
    const list = async () => ok<{ items: Setting[] }>(await s.sheng!.get(`${BASE}/settings`)).items;
    const items = await list();
    const get = (key: string) => items.find((i) => i.key === key)!;
    expect(get('validity.years')).toMatchObject({
      valueType: 'int',
      min: 1,
      max: 10,
      unit: '年',
      defaultValue: '5',
      sourceTag: 'verified',
      sourceTagLabel: '已核实',
    });
    expect(get('number.bracket')).toMatchObject({
      valueType: 'enum',
      defaultValue: 'half',
      sourceTag: 'unconfirmed',
      sourceTagLabel: '待确认',
    });
    expect(get('number.bracket').options!.map((o) => o.value)).toEqual(['half', 'full', 'none']);
    expect(get('number.provinceAbbr')).toMatchObject({ valueType: 'string', options: null, min: null });
    expect(get('validity.missingDay').sourceTag).toBe('excerpt');
    expect(get('validity.issueOffsetDays').sourceTag).toBe('customer');
    for (const i of items) {
      expect(i.sourceTag, i.key).not.toBeNull();
      if (i.valueType === 'enum')
        expect(
          i.options!.map((o) => o.value),
          i.key,
        ).toContain(i.defaultValue);
    }
    // never changed: no stamp
    expect(get('validity.reexamine')).toMatchObject({ updatedAt: null, updatedByName: null });

    const changed = ok<Setting>(
      await s.sheng!.put(`${BASE}/settings/validity.reexamine`, { value: 'restart' }),
    );
    expect(changed).toMatchObject({
      key: 'validity.reexamine',
      value: 'restart',
      defaultValue: 'keep',
      valueType: 'enum',
      updatedAt: clock.now().toISOString(),
      updatedByName: '王省局',
    });
    expect((await list()).find((i) => i.key === 'validity.reexamine')).toEqual(changed);
    expectError(
      await s.sheng!.put(`${BASE}/settings/validity.reexamine`, { value: 'sometimes' }),
      400,
      'SETTING_INVALID',
      'value',
    );
    ok(await s.sheng!.put(`${BASE}/settings/validity.reexamine`, { value: 'keep' }));
  });

  it('settings: the bracket style and the validity rule apply to later decisions', async () => {
    const before = ok<{ items: Array<{ key: string; value: string }> }>(
      await s.sheng!.get(`${BASE}/settings`),
    );
    expect(before.items.find((i) => i.key === 'validity.missingDay')?.value).toBe('month-end');
    ok(await s.sheng!.put(`${BASE}/settings/number.bracket`, { value: 'full' }));
    ok(await s.sheng!.put(`${BASE}/settings/validity.missingDay`, { value: 'next-day' }));
    expect(ok<Item>(await s.qiye!.get(`${BASE}/${qinfeng.id}`)).number).toBe('（陕）XK13-008-00001');
    const ent = await enterprises(t.ctx);
    const c = await issue(t.ctx, {
      applicationType: 'issue',
      enterpriseOrgId: ent.weicheng.orgId,
      regionCode: ent.weicheng.regionCode,
      productUnitId: unit,
      decisionDate: '2024-02-29',
    });
    expect(c).toMatchObject({ number: '（陕）XK13-008-00003', validTo: '2029-03-02' });
  });

  it(`rate-limits the public verification (${PUBLIC_VERIFY_PER_MINUTE} a minute per IP)`, async () => {
    let last: LightMyRequestResponse | undefined;
    for (let i = 0; i <= PUBLIC_VERIFY_PER_MINUTE; i++)
      last = await anon({
        method: 'GET',
        url: '/api/public/licences/XK13-008-00001',
        remoteAddress: '10.9.8.7',
      });
    expectError(last!, 429, 'RATE_LIMITED');
    // Another address is not affected.
    expect(
      (await anon({ method: 'GET', url: '/api/public/licences/XK13-008-00001', remoteAddress: '10.9.8.6' }))
        .statusCode,
    ).toBe(200);
  });
});
