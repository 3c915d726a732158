import { DEFAULT_REMEDY_TEXT } from '../documents.rules.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/harness.js';
import { readXlsx } from '../../../platform/documents/xlsx.js';
import { seedLicensingCatalogue } from '../catalogue.seed.js';
import { expectError, nodeId, ok, TEST_CONFIG } from './applications.fixtures.js';

interface Node {
  id: string;
  code: string;
  level: string;
  name: string;
  parentId: string | null;
  approvalMode: string | null;
  industryCode: string | null;
  productCode: string | null;
  status: string;
  sourceTag: string | null;
  note: string | null;
  applicable: boolean;
}

interface NodeDetail extends Node {
  path: string[];
  effectiveApprovalMode: string;
  effectiveApprovalModeLabel: string;
  effectiveIndustryCode: string | null;
  effectiveProductCode: string | null;
  inForce: boolean;
  categoryName: string;
  varietyName: string | null;
}

const UNKNOWN = '01890000-0000-7000-8000-000000000000';

describe('/api/licensing catalogue, material requirements, settings', () => {
  let t: TestApp;
  let sheng: Session;
  let qiye: Session;
  let xian: Session;

  beforeAll(async () => {
    t = await createTestApp({ config: TEST_CONFIG });
    [sheng, qiye, xian] = await Promise.all([t.login('sheng'), t.login('qiye'), t.login('xian')]);
  });
  afterAll(async () => t.close());

  const all = async () => ok<{ items: Node[] }>(await qiye.get('/api/licensing/catalogue/all')).items;

  it('is seeded with the rows licensing.md §2 lists, and nothing invented', async () => {
    const nodes = await all();
    const categories = nodes.filter((n) => n.level === 'category');
    expect(categories.map((c) => c.name)).toEqual([
      '建筑用钢筋',
      '水泥',
      '广播电视传输设备',
      '人民币鉴别仪',
      '预应力混凝土铁路桥简支梁',
      '电线电缆',
      '危险化学品',
      '危险化学品包装物及容器',
      '化肥',
      '直接接触食品的材料等相关产品',
      '瓶装液化石油气调压器',
      '钢丝绳',
      '人造板',
      '安全帽',
    ]);
    const varieties = (code: string) =>
      nodes.filter((n) => n.parentId === categories.find((c) => c.code === code)!.id).map((n) => n.name);
    expect(varieties('C01')).toEqual(['钢筋混凝土用热轧钢筋', '冷轧带肋钢筋']);
    expect(varieties('C07')).toEqual(['危险化学品无机产品']);
    expect(varieties('C13')).toEqual(['胶合板', '细木工板']);
    // 待需求方提供: no varieties invented, the gap noted
    for (const code of ['C08', 'C09', 'C10']) {
      expect(varieties(code)).toEqual([]);
      expect(categories.find((c) => c.code === code)!.note).toContain('待需求方提供');
    }
    expect(nodes.filter((n) => n.level === 'variety')).toHaveLength(13);
    expect(nodes.filter((n) => n.level === 'unit')).toHaveLength(0);
    // codes and 细则 are not known: left empty
    expect(nodes.every((n) => n.industryCode === null && n.productCode === null)).toBe(true);
    // 先核后证 only where licensing.md §6 names it (危险化学品, 化肥); elsewhere inherited
    expect(categories.filter((c) => c.approvalMode).map((c) => c.code)).toEqual(['C07', 'C09']);
    expect(categories.find((c) => c.code === 'C13')).toMatchObject({ sourceTag: 'unconfirmed' });
    expect(nodes.filter((n) => n.applicable).every((n) => n.level === 'variety')).toBe(true);
  });

  it('the seeder is idempotent and keeps what an administrator changed', async () => {
    const id = await nodeId(t, 'C02-V01');
    ok(await sheng.put(`/api/licensing/catalogue/${id}`, { ruleDocNo: '测试细则 2026-1' }));
    await seedLicensingCatalogue(t.ctx);
    const nodes = await all();
    expect(nodes).toHaveLength(27);
    expect(nodes.find((n) => n.id === id)).toMatchObject({ name: '水泥' });
    const d = ok<{ ruleDocNo: string }>(await qiye.get(`/api/licensing/catalogue/${id}`));
    expect(d.ruleDocNo).toBe('测试细则 2026-1');
    const reqs = ok<{ total: number }>(
      await qiye.get('/api/licensing/material-requirements?catalogueNodeId=default&pageSize=500'),
    );
    expect(reqs.total).toBe(
      (await t.ctx.db.selectFrom('licensing_material_requirement').select('id').execute()).length,
    );
  });

  it('answers 401 without login on every route and 403 to writers without licensing:catalogue', async () => {
    const anon = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string) =>
      t.app.inject({ method, url, payload: method === 'GET' || method === 'DELETE' ? undefined : {} });
    for (const [m, u] of [
      ['GET', '/api/licensing/catalogue'],
      ['GET', '/api/licensing/catalogue/all'],
      ['GET', `/api/licensing/catalogue/${UNKNOWN}`],
      ['POST', '/api/licensing/catalogue'],
      ['PUT', `/api/licensing/catalogue/${UNKNOWN}`],
      ['DELETE', `/api/licensing/catalogue/${UNKNOWN}`],
      ['GET', '/api/licensing/material-requirements'],
      ['GET', '/api/licensing/material-requirements/checklist'],
      ['POST', '/api/licensing/material-requirements'],
      ['PUT', `/api/licensing/material-requirements/${UNKNOWN}`],
      ['DELETE', `/api/licensing/material-requirements/${UNKNOWN}`],
      ['GET', '/api/licensing/settings'],
      ['PUT', '/api/licensing/settings/renewal.openMonths'],
      ['GET', '/api/licensing/termination-grounds'],
    ] as const) {
      expect((await anon(m, u)).statusCode, `${m} ${u}`).toBe(401);
    }
    for (const s of [qiye, xian]) {
      expectError(await s.post('/api/licensing/catalogue', {}), 403, 'FORBIDDEN');
      expectError(await s.put(`/api/licensing/catalogue/${UNKNOWN}`, {}), 403);
      expectError(await s.del(`/api/licensing/catalogue/${UNKNOWN}`), 403);
      expectError(await s.post('/api/licensing/material-requirements', {}), 403);
      expectError(await s.put(`/api/licensing/material-requirements/${UNKNOWN}`, {}), 403);
      expectError(await s.del(`/api/licensing/material-requirements/${UNKNOWN}`), 403);
      expectError(await s.put('/api/licensing/settings/renewal.openMonths', { value: '1' }), 403);
    }
  });

  it('administrators add 产品单元 under a 品种, which then is no longer applied for itself', async () => {
    const cable = await nodeId(t, 'C06-V01');
    const cat = await nodeId(t, 'C06');
    ok(await sheng.put(`/api/licensing/catalogue/${cable}`, { industryCode: '06', productCode: '001' }));
    const unit = ok<NodeDetail>(
      await sheng.post('/api/licensing/catalogue', {
        level: 'unit',
        parentId: cable,
        code: 'C06-V01-U01',
        name: '电力电缆',
        ruleDocNo: 'XK06-001 细则（测试）',
        validFrom: '2024-10-01',
      }),
    );
    expect(unit).toMatchObject({
      level: 'unit',
      path: ['电线电缆', '电线电缆', '电力电缆'],
      categoryName: '电线电缆',
      varietyName: '电线电缆',
      effectiveIndustryCode: '06',
      effectiveProductCode: '001',
      effectiveApprovalMode: 'verify_first',
      effectiveApprovalModeLabel: '先核后证',
      applicable: true,
      inForce: true,
      sourceTag: 'customer',
    });
    expect(ok<NodeDetail>(await qiye.get(`/api/licensing/catalogue/${cable}`)).applicable).toBe(false);
    const applicable = ok<{ items: Node[] }>(
      await qiye.get(`/api/licensing/catalogue?applicable=true&keyword=${encodeURIComponent('电缆')}`),
    );
    expect(applicable.items.map((n) => n.code)).toEqual(['C06-V01-U01']);

    // the mode set on the category is inherited
    ok(await sheng.put(`/api/licensing/catalogue/${cat}`, { approvalMode: 'commitment' }));
    expect(ok<NodeDetail>(await qiye.get(`/api/licensing/catalogue/${unit.id}`)).effectiveApprovalMode).toBe(
      'commitment',
    );
    ok(await sheng.put(`/api/licensing/catalogue/${cat}`, { approvalMode: null }));

    // a variety whose only unit is disabled may be applied for again
    ok(await sheng.put(`/api/licensing/catalogue/${unit.id}`, { status: 'disabled' }));
    expect(ok<NodeDetail>(await qiye.get(`/api/licensing/catalogue/${cable}`)).applicable).toBe(true);
    expectError(
      await qiye.post('/api/licensing/applications', { type: 'issue', productUnitId: unit.id }),
      400,
      'LICENSING_PRODUCT_NOT_APPLICABLE',
      'productUnitId',
    );
    expectError(
      await qiye.post('/api/licensing/applications', { type: 'issue', productUnitId: cat }),
      400,
      'LICENSING_PRODUCT_NOT_APPLICABLE',
      'productUnitId',
    );
  });

  it('refuses a wrong place in the tree, a taken or malformed code and reversed dates', async () => {
    const cat = await nodeId(t, 'C02');
    const variety = await nodeId(t, 'C02-V01');
    expectError(
      await sheng.post('/api/licensing/catalogue', { level: 'unit', parentId: cat, code: 'X1', name: 'x' }),
      400,
      'LICENSING_CATALOGUE_PARENT_INVALID',
      'parentId',
    );
    expectError(
      await sheng.post('/api/licensing/catalogue', {
        level: 'category',
        parentId: cat,
        code: 'X1',
        name: 'x',
      }),
      400,
      'LICENSING_CATALOGUE_PARENT_INVALID',
      'parentId',
    );
    expectError(
      await sheng.post('/api/licensing/catalogue', { level: 'variety', code: 'X1', name: 'x' }),
      400,
      'LICENSING_CATALOGUE_PARENT_INVALID',
      'parentId',
    );
    expectError(
      await sheng.post('/api/licensing/catalogue', {
        level: 'variety',
        parentId: cat,
        code: 'C02-V01',
        name: 'x',
      }),
      409,
      'LICENSING_CATALOGUE_CODE_TAKEN',
      'code',
    );
    expectError(
      await sheng.post('/api/licensing/catalogue', {
        level: 'variety',
        parentId: cat,
        code: '水泥',
        name: 'x',
      }),
      400,
      'LICENSING_CATALOGUE_CODE_INVALID',
      'code',
    );
    expectError(
      await sheng.post('/api/licensing/catalogue', {
        level: 'unit',
        parentId: variety,
        code: 'X2',
        name: 'x',
        industryCode: '6',
      }),
      400,
      'VALIDATION',
      'industryCode',
    );
    expectError(
      await sheng.put(`/api/licensing/catalogue/${variety}`, {
        validFrom: '2026-01-01',
        validTo: '2025-01-01',
      }),
      400,
      'LICENSING_CATALOGUE_DATES_INVALID',
      'validTo',
    );
    expectError(await sheng.put(`/api/licensing/catalogue/${variety}`, {}), 400, 'VALIDATION');
    expectError(
      await sheng.put(`/api/licensing/catalogue/${UNKNOWN}`, { name: 'x' }),
      404,
      'LICENSING_CATALOGUE_NOT_FOUND',
    );
    expectError(await qiye.get(`/api/licensing/catalogue/${UNKNOWN}`), 404);
  });

  it('deletes only what nothing refers to', async () => {
    const cat = await nodeId(t, 'C14');
    expectError(await sheng.del(`/api/licensing/catalogue/${cat}`), 409, 'LICENSING_CATALOGUE_IN_USE');
    const n = ok<Node>(
      await sheng.post('/api/licensing/catalogue', { level: 'category', code: 'TMP', name: '临时类别' }),
    );
    ok(await sheng.del(`/api/licensing/catalogue/${n.id}`));
    expectError(await qiye.get(`/api/licensing/catalogue/${n.id}`), 404);
  });

  it('lists and exports the catalogue', async () => {
    const page = ok<{ items: Node[]; total: number }>(
      await qiye.get('/api/licensing/catalogue?level=category&pageSize=5&sort=-sort'),
    );
    expect(page.total).toBe(14);
    expect(page.items[0]!.name).toBe('安全帽');
    expectError(await qiye.get('/api/licensing/catalogue?sort=bogus'), 400, 'SORT_FIELD_INVALID', 'sort');
    const x = await qiye.get('/api/licensing/catalogue?level=category&format=xlsx');
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toContain('spreadsheetml');
    const rows = await readXlsx(x.rawPayload);
    expect(rows[0]).toContain('审批模式');
    expect(rows).toHaveLength(15);
  });

  it('lists parents before children: by depth (类别 → 品种 → 产品单元), then sort, then code', async () => {
    const variety = await nodeId(t, 'C12-V01');
    // sort 0 puts the unit before every variety if the level were sorted as text ('unit' < 'variety')
    const unit = ok<Node>(
      await sheng.post('/api/licensing/catalogue', {
        level: 'unit',
        parentId: variety,
        code: 'C12-V01-U01',
        name: '钢丝绳（测试单元）',
        sort: 0,
      }),
    );
    const depth = { category: 1, variety: 2, unit: 3 } as Record<string, number>;
    const nodes = ok<{ items: Array<Node & { sort: number }> }>(
      await qiye.get('/api/licensing/catalogue/all'),
    ).items;
    const seen = new Set<string>();
    for (const n of nodes) {
      if (n.parentId) expect(seen.has(n.parentId), `${n.code} after its parent`).toBe(true);
      seen.add(n.id);
    }
    const byDepthSortCode = [...nodes].sort(
      (a, b) => depth[a.level]! - depth[b.level]! || a.sort - b.sort || (a.code < b.code ? -1 : 1),
    );
    expect(nodes.map((n) => n.code)).toEqual(byDepthSortCode.map((n) => n.code));
    expect(nodes.at(-1)!.level).toBe('unit');

    // sort=level on the list follows the same depth order, both ways
    const asc = ok<{ items: Node[] }>(
      await qiye.get('/api/licensing/catalogue?sort=level,sort,code&pageSize=500'),
    );
    expect(asc.items.map((n) => n.code)).toEqual(nodes.map((n) => n.code));
    const desc = ok<{ items: Node[] }>(
      await qiye.get('/api/licensing/catalogue?sort=-level,code&pageSize=500'),
    );
    expect(desc.items.map((n) => depth[n.level])).toEqual(
      nodes.map((n) => depth[n.level]!).sort((a, b) => b - a),
    );
    expect(desc.items[0]!.level).toBe('unit');
    const varietiesFirst = ok<{ items: Node[] }>(
      await qiye.get('/api/licensing/catalogue?level=unit&sort=level&pageSize=500'),
    );
    expect(varietiesFirst.items.every((n) => n.level === 'unit')).toBe(true);
    ok(await sheng.del(`/api/licensing/catalogue/${unit.id}`));
  });

  it('material requirements: the default list, overrides per node and the resolved checklist', async () => {
    const rc = await nodeId(t, 'C04-V01');
    const list = ok<{ items: Array<{ code: string; required: boolean; applicationTypeLabel: string }> }>(
      await qiye.get('/api/licensing/material-requirements?catalogueNodeId=default&applicationType=issue'),
    );
    expect(list.items.map((i) => i.code)).toContain('business_licence');
    expect(list.items[0]!.applicationTypeLabel).toBe('发证');

    const added = ok<{ id: string; nodeName: string; fileTypes: string[] }>(
      await sheng.post('/api/licensing/material-requirements', {
        catalogueNodeId: rc,
        applicationType: 'issue',
        code: 'anti_counterfeit_report',
        name: '鉴别能力检测报告',
        fileTypes: ['pdf'],
        sort: 50,
      }),
    );
    expect(added).toMatchObject({ nodeName: '人民币鉴别仪', fileTypes: ['pdf'] });
    // switch off one default item for this product
    ok(
      await sheng.post('/api/licensing/material-requirements', {
        catalogueNodeId: rc,
        applicationType: 'issue',
        code: 'industrial_policy',
        name: '符合国家产业政策的说明',
        active: false,
      }),
    );
    expectError(
      await sheng.post('/api/licensing/material-requirements', {
        catalogueNodeId: rc,
        applicationType: 'issue',
        code: 'anti_counterfeit_report',
        name: '重复',
      }),
      409,
      'LICENSING_REQUIREMENT_TAKEN',
      'code',
    );
    expectError(
      await sheng.post('/api/licensing/material-requirements', {
        applicationType: 'issue',
        code: 'Bad Code',
        name: 'x',
      }),
      400,
      'VALIDATION',
      'code',
    );
    const checklist = ok<{ items: Array<{ code: string; fileTypes: string[] }> }>(
      await qiye.get(`/api/licensing/material-requirements/checklist?productUnitId=${rc}&type=issue`),
    );
    const codes = checklist.items.map((i) => i.code);
    expect(codes).toContain('anti_counterfeit_report');
    expect(codes).not.toContain('industrial_policy');
    expect(codes).toContain('business_licence');
    const other = ok<{ items: Array<{ code: string }> }>(
      await qiye.get(
        `/api/licensing/material-requirements/checklist?productUnitId=${await nodeId(t, 'C02-V01')}&type=issue`,
      ),
    );
    expect(other.items.map((i) => i.code)).toContain('industrial_policy');

    const upd = ok<{ required: boolean }>(
      await sheng.put(`/api/licensing/material-requirements/${added.id}`, { required: false }),
    );
    expect(upd.required).toBe(false);
    ok(await sheng.del(`/api/licensing/material-requirements/${added.id}`));
    expectError(
      await sheng.del(`/api/licensing/material-requirements/${added.id}`),
      404,
      'LICENSING_REQUIREMENT_NOT_FOUND',
    );
    expectError(
      await qiye.get('/api/licensing/material-requirements/checklist?productUnitId=x&type=issue'),
      400,
      'VALIDATION',
      'productUnitId',
    );
  });

  it('material requirements carry a 说明, are searched by keyword, and the preview names each source', async () => {
    const cat = await nodeId(t, 'C11');
    const variety = await nodeId(t, 'C11-V01');
    type Req = { id: string; code: string; description: string | null };
    const added = ok<Req>(
      await sheng.post('/api/licensing/material-requirements', {
        catalogueNodeId: variety,
        applicationType: 'issue',
        code: 'regulator_pressure_report',
        name: '调压器耐压试验报告',
        description: '  由具备资质的检验机构出具，一年内有效  ',
      }),
    );
    expect(added.description).toBe('由具备资质的检验机构出具，一年内有效');
    // the category overrides a default item: the preview names the category as its source
    const override = ok<Req>(
      await sheng.post('/api/licensing/material-requirements', {
        catalogueNodeId: cat,
        applicationType: 'issue',
        code: 'business_licence',
        name: '营业执照（副本）',
      }),
    );
    expect(override.description).toBeNull();

    const search = async (keyword: string) =>
      ok<{ items: Req[] }>(
        await qiye.get(
          `/api/licensing/material-requirements?applicationType=issue&keyword=${encodeURIComponent(keyword)}`,
        ),
      ).items.map((r) => r.code);
    expect(await search('具备资质的检验机构')).toEqual(['regulator_pressure_report']); // 说明
    expect(await search('PRESSURE_rep')).toEqual(['regulator_pressure_report']); // code, any case
    expect(await search('耐压试验')).toEqual(['regulator_pressure_report']); // name
    expect(await search('%')).toEqual([]); // LIKE wildcards match literally
    expectError(
      await qiye.get(`/api/licensing/material-requirements?keyword=${'x'.repeat(101)}`),
      400,
      'VALIDATION',
      'keyword',
    );

    // a per-material file size limit, 1–200 MB or none
    const limited = ok<Req & { maxSizeMb: number | null }>(
      await sheng.put(`/api/licensing/material-requirements/${added.id}`, { maxSizeMb: 20 }),
    );
    expect(limited.maxSizeMb).toBe(20);
    for (const bad of [-1, 201, 1.5, '20MB'])
      expectError(
        await sheng.put(`/api/licensing/material-requirements/${added.id}`, { maxSizeMb: bad }),
        400,
        'VALIDATION',
        'maxSizeMb',
      );
    const sized = ok<{ items: Array<{ code: string; maxSizeMb: number | null }> }>(
      await qiye.get(`/api/licensing/material-requirements/checklist?productUnitId=${variety}&type=issue`),
    );
    expect(sized.items.find((i) => i.code === 'regulator_pressure_report')?.maxSizeMb).toBe(20);
    expect(sized.items.find((i) => i.code === 'business_licence')?.maxSizeMb).toBeNull();
    expect(
      ok<Req & { maxSizeMb: number | null }>(
        await sheng.put(`/api/licensing/material-requirements/${added.id}`, { maxSizeMb: null }),
      ).maxSizeMb,
    ).toBeNull();

    expectError(
      await sheng.put(`/api/licensing/material-requirements/${added.id}`, { description: '长'.repeat(501) }),
      400,
      'VALIDATION',
      'description',
    );
    expectError(
      await sheng.post('/api/licensing/material-requirements', {
        applicationType: 'issue',
        code: 'too_long_description',
        name: 'x',
        description: '长'.repeat(501),
      }),
      400,
      'VALIDATION',
      'description',
    );
    expect(
      ok<Req>(
        await sheng.put(`/api/licensing/material-requirements/${added.id}`, {
          description: '长'.repeat(500),
        }),
      ).description,
    ).toHaveLength(500);

    type Item = {
      code: string;
      description: string | null;
      sourceNodeId: string | null;
      sourceNodeName: string | null;
    };
    const preview = ok<{ items: Item[] }>(
      await qiye.get(`/api/licensing/material-requirements/checklist?productUnitId=${variety}&type=issue`),
    ).items;
    const item = (code: string) => preview.find((i) => i.code === code);
    expect(item('regulator_pressure_report')).toMatchObject({
      sourceNodeId: variety,
      sourceNodeName: '瓶装液化石油气调压器',
      description: '长'.repeat(500),
    });
    expect(item('business_licence')).toMatchObject({
      sourceNodeId: cat,
      sourceNodeName: '瓶装液化石油气调压器',
    });
    expect(item('industrial_policy')).toMatchObject({ sourceNodeId: null, sourceNodeName: null });

    const x = await qiye.get('/api/licensing/material-requirements?keyword=regulator&format=xlsx');
    const rows = await readXlsx(x.rawPayload);
    expect(rows[0]).toContain('说明');
    expect(rows[1]).toContain('长'.repeat(500));

    // an empty 说明 is stored as none
    expect(
      ok<Req>(await sheng.put(`/api/licensing/material-requirements/${added.id}`, { description: '  ' }))
        .description,
    ).toBeNull();
    ok(await sheng.del(`/api/licensing/material-requirements/${added.id}`));
    ok(await sheng.del(`/api/licensing/material-requirements/${override.id}`));
  });

  it('settings answer their default, value type, source and last change; a PUT answers the item', async () => {
    type Setting = {
      key: string;
      value: string;
      defaultValue: string;
      valueType: string;
      options: unknown;
      sourceTag: string | null;
      sourceTagLabel: string | null;
      updatedAt: string | null;
      updatedByName: string | null;
    };
    const list = async () => ok<{ items: Setting[] }>(await qiye.get('/api/licensing/settings')).items;
    const before = await list();
    expect(before.find((i) => i.key === 'renewal.leadMonths')).toMatchObject({
      defaultValue: '6',
      valueType: 'int',
      options: null,
      min: 1,
      max: 24,
      unit: '个月',
      sourceTag: 'verified',
      sourceTagLabel: '已核实',
      updatedByName: null,
    });
    expect(before.find((i) => i.key === 'supplement.pausesClock')).toMatchObject({
      valueType: 'bool',
      defaultValue: 'true',
      sourceTag: 'unconfirmed',
      sourceTagLabel: '待确认',
    });
    for (const i of before) expect(i.updatedAt, i.key).toMatch(/^\d{4}-\d{2}-\d{2}T/);

    const changed = ok<Setting>(
      await sheng.put('/api/licensing/settings/selfInspection.deadline', { value: '03-31' }),
    );
    expect(changed).toMatchObject({
      key: 'selfInspection.deadline',
      value: '03-31',
      defaultValue: '12-31',
      valueType: 'string',
      updatedByName: '王省局',
    });
    expect((await list()).find((i) => i.key === 'selfInspection.deadline')).toEqual(changed);
    ok(await sheng.put('/api/licensing/settings/selfInspection.deadline', { value: '12-31' }));
  });

  it('settings: the 【待确认】 rules with their defaults, editable by administrators', async () => {
    const s = ok<{ items: Array<{ key: string; value: string; sourceTag: string }> }>(
      await qiye.get('/api/licensing/settings'),
    );
    expect(Object.fromEntries(s.items.map((i) => [i.key, i.value]))).toEqual({
      'documents.numberPattern': '陕市监许{字}〔{年}〕{序号}号',
      'documents.remedyText': DEFAULT_REMEDY_TEXT,
      'selfInspection.deadline': '12-31',
      'renewal.deadlineInclusive': 'true',
      'renewal.leadMonths': '6',
      'renewal.openMonths': '0',
      'supplement.pausesClock': 'true',
    });
    expect(s.items.find((i) => i.key === 'supplement.pausesClock')!.sourceTag).toBe('unconfirmed');
    expectError(
      await sheng.put('/api/licensing/settings/supplement.pausesClock', { value: 'maybe' }),
      400,
      'LICENSING_SETTING_INVALID',
      'value',
    );
    expectError(
      await sheng.put('/api/licensing/settings/documents.numberPattern', { value: '陕许〔{年}〕{编号}号' }),
      400,
      'LICENSING_SETTING_INVALID',
      'value',
    );
    expectError(
      await sheng.put('/api/licensing/settings/renewal.leadMonths', { value: '0' }),
      400,
      'LICENSING_SETTING_INVALID',
    );
    expectError(
      await sheng.put('/api/licensing/settings/nope', { value: '1' }),
      404,
      'LICENSING_SETTING_NOT_FOUND',
    );
    const changed = ok<{ value: string }>(
      await sheng.put('/api/licensing/settings/renewal.openMonths', { value: '12' }),
    );
    expect(changed.value).toBe('12');
    ok(await sheng.put('/api/licensing/settings/renewal.openMonths', { value: '0' }));
  });

  it('the grounds of 终止办理 (《办法》第三十二条)', async () => {
    const g = ok<{ items: Array<{ code: string; label: string; article: string }> }>(
      await qiye.get('/api/licensing/termination-grounds'),
    );
    expect(g.items).toHaveLength(6);
    expect(g.items.map((i) => i.code)).toContain('applicant_withdrawal');
  });
});
