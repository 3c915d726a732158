import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readXlsx } from '../../../platform/documents/xlsx.js';
import { creditCodeCheckChar } from '../../../platform/validation/identifiers.rules.js';
import { createTestApp, type Session, type TestApp } from '../../../../test/harness.js';
import { expectError, ok, orgId } from './helpers.js';
import type * as T from './types.js';

const UNKNOWN = '01890000-0000-7000-8000-000000000000';
const credit = (first17: string) => first17 + creditCodeCheckChar(first17)!;

describe('/api/system/orgs', () => {
  let t: TestApp;
  let sys: Session;
  let sec: Session;
  let xianOrg: string;
  beforeAll(async () => {
    t = await createTestApp({ config: { loginRateLimit: 10000 } });
    sys = await t.login('sysadmin');
    sec = await t.login('secadmin');
    xianOrg = await orgId(t, 'SX-610100');
  });
  afterAll(async () => t.close());

  it('GET /tree nests organisations under their parents', async () => {
    const r = ok<T.OrgTree>(await sec.get('/api/system/orgs/tree'));
    const province = r.items.find((o) => o.code === 'SX-610000')!;
    expect(province.name).toBe('陕西省市场监督管理局');
    const xian = province.children.find((o) => o.code === 'SX-610100')!;
    expect(xian.children.map((o) => o.code).sort()).toEqual(['SX-610102', 'SX-610113']);
    expect(province.children.map((o) => o.code)).toEqual(
      expect.arrayContaining(['SX-YANGLING', 'SX-HANCHENG']),
    );
    expect(r.items.map((o) => o.code)).toContain('ENT-QINFENG');
    expectError(await sec.get('/api/system/orgs/tree?status=gone'), 400, 'VALIDATION', 'status');
  });

  it('GET / pages and filters; contact phones masked; xlsx with Chinese headers', async () => {
    const r = ok<T.OrgPage>(await sys.get('/api/system/orgs?type=county_bureau&pageSize=100'));
    expect(r.items.map((o) => o.code).sort()).toEqual(['SX-610102', 'SX-610113', 'SX-610302', 'SX-610402']);
    expect(ok<T.OrgPage>(await sys.get(`/api/system/orgs?parentId=${xianOrg}`)).total).toBe(2);
    expect(ok<T.OrgPage>(await sys.get('/api/system/orgs?keyword=91610102MA6TG1234B')).items[0]!.code).toBe(
      'ENT-QINFENG',
    );
    expect(ok<T.OrgPage>(await sys.get('/api/system/orgs?regionCode=610403')).items[0]!.code).toBe(
      'SX-YANGLING',
    );
    expectError(await sys.get('/api/system/orgs?type=bank'), 400, 'VALIDATION', 'type');
    expectError(await sys.get('/api/system/orgs?regionCode=61'), 400, 'VALIDATION', 'regionCode');
    const rows = await readXlsx((await sys.get('/api/system/orgs?format=xlsx&type=city_bureau')).rawPayload);
    expect(rows[0]!.slice(0, 4)).toEqual(['机构名称', '机构编码', '机构类型', '上级机构']);
    expect(rows).toHaveLength(13);
  });

  describe('create / edit', () => {
    it('creates an organisation with a valid credit code and shows the full phone in the detail', async () => {
      const code = credit('91610113MA6U00001');
      const o = ok<T.OrgItem>(
        await sys.post('/api/system/orgs', {
          name: '西安雁塔测试有限公司',
          type: 'enterprise',
          regionCode: '610113',
          creditCode: code.toLowerCase(),
          contactPhone: '029-88881234',
          code: 'ENT-TEST1',
        }),
      );
      expect(o).toMatchObject({
        creditCode: code,
        regionName: '雁塔区',
        contactPhone: '029-88881234',
        parentId: null,
      });
      const listed = ok<T.OrgPage>(await sys.get('/api/system/orgs?keyword=ENT-TEST1')).items[0]!;
      expect(listed.contactPhone).toBe('029****1234');
      expect(ok<T.OrgItem>(await sys.get(`/api/system/orgs/${o.id}`)).contactPhone).toBe('029-88881234');
    });

    it('answers 400 / 409 with the field', async () => {
      const base = { name: '某机构', type: 'institution', regionCode: '610100' };
      expectError(
        await sys.post('/api/system/orgs', { ...base, creditCode: '91610102MA6TG1234A' }),
        400,
        'CREDIT_CODE_INVALID',
        'creditCode',
      );
      expectError(
        await sys.post('/api/system/orgs', { ...base, creditCode: '91610102MA6TG1234B' }),
        409,
        'CREDIT_CODE_TAKEN',
        'creditCode',
      );
      expectError(
        await sys.post('/api/system/orgs', { ...base, regionCode: '619999' }),
        400,
        'REGION_INVALID',
        'regionCode',
      );
      expectError(
        await sys.post('/api/system/orgs', { ...base, parentId: UNKNOWN }),
        400,
        'ORG_PARENT_INVALID',
        'parentId',
      );
      expectError(
        await sys.post('/api/system/orgs', { ...base, code: 'SX-610100' }),
        409,
        'ORG_CODE_TAKEN',
        'code',
      );
      expectError(await sys.post('/api/system/orgs', { ...base, type: 'bank' }), 400, 'VALIDATION', 'type');
      expectError(
        await sys.post('/api/system/orgs', { ...base, contactPhone: '12' }),
        400,
        'PHONE_INVALID',
        'contactPhone',
      );
      expectError(
        await sys.post('/api/system/orgs', { type: 'institution', regionCode: '610100' }),
        400,
        'VALIDATION',
        'name',
      );
    });

    it('edits an organisation and refuses a cycle in the tree', async () => {
      const parent = ok<T.OrgItem>(
        await sys.post('/api/system/orgs', {
          name: '测试上级',
          type: 'county_bureau',
          regionCode: '610104',
          parentId: xianOrg,
        }),
      );
      const child = ok<T.OrgItem>(
        await sys.post('/api/system/orgs', {
          name: '测试下级',
          type: 'market_station',
          regionCode: '610104',
          parentId: parent.id,
        }),
      );
      const edited = ok<T.OrgItem>(
        await sys.put(`/api/system/orgs/${child.id}`, { shortName: '下级所', sort: 3 }),
      );
      expect(edited).toMatchObject({ shortName: '下级所', sort: 3, parentName: '测试上级' });
      expectError(
        await sys.put(`/api/system/orgs/${parent.id}`, { parentId: child.id }),
        400,
        'ORG_PARENT_INVALID',
        'parentId',
      );
      expectError(
        await sys.put(`/api/system/orgs/${parent.id}`, { parentId: parent.id }),
        400,
        'ORG_PARENT_INVALID',
        'parentId',
      );
      expectError(
        await sys.put(`/api/system/orgs/${parent.id}`, { creditCode: 'X' }),
        400,
        'CREDIT_CODE_INVALID',
        'creditCode',
      );
      expectError(await sys.put(`/api/system/orgs/${UNKNOWN}`, { name: 'x' }), 404, 'ORG_NOT_FOUND');
      expectError(await sys.put('/api/system/orgs/zz', { name: 'x' }), 400, 'VALIDATION', 'id');
      expectError(await sys.get(`/api/system/orgs/${UNKNOWN}`), 404, 'ORG_NOT_FOUND');
    });
  });

  describe('disable / enable', () => {
    it('refuses to disable an organisation with active users or active sub-organisations (409)', async () => {
      const r = await sys.post(`/api/system/orgs/${xianOrg}/disable`);
      expectError(r, 409, 'ORG_HAS_ACTIVE_USERS');
      expect(r.json().details.activeUsers).toBeGreaterThanOrEqual(1);
      const parent = ok<T.OrgItem>(
        await sys.post('/api/system/orgs', {
          name: '空上级',
          type: 'county_bureau',
          regionCode: '610111',
          parentId: xianOrg,
        }),
      );
      ok<T.OrgItem>(
        await sys.post('/api/system/orgs', {
          name: '空下级',
          type: 'market_station',
          regionCode: '610111',
          parentId: parent.id,
        }),
      );
      expectError(await sys.post(`/api/system/orgs/${parent.id}/disable`), 409, 'ORG_HAS_ACTIVE_CHILDREN');
    });

    it('disables and re-enables an organisation without users', async () => {
      const o = ok<T.OrgItem>(
        await sys.post('/api/system/orgs', { name: '可停用', type: 'institution', regionCode: '610100' }),
      );
      expect(ok<T.OrgItem>(await sys.post(`/api/system/orgs/${o.id}/disable`)).status).toBe('disabled');
      // A disabled organisation takes no new users.
      const u = await sys.post('/api/system/users', {
        username: 'in_disabled',
        displayName: 'x',
        orgId: o.id,
      });
      expectError(u, 400, 'ORG_INVALID', 'orgId');
      expect(ok<T.OrgItem>(await sys.post(`/api/system/orgs/${o.id}/enable`)).status).toBe('active');
      expectError(await sys.post(`/api/system/orgs/${UNKNOWN}/enable`), 404, 'ORG_NOT_FOUND');
      expectError(await sys.post('/api/system/orgs/zz/disable'), 400, 'VALIDATION', 'id');
    });
  });

  describe('管辖关系', () => {
    it('reads the listed jurisdiction (咸阳 without 杨陵区) or the implicit one', async () => {
      const xy = ok<T.JurisdictionReply>(
        await sec.get(`/api/system/orgs/${await orgId(t, 'SX-610400')}/jurisdiction`),
      );
      expect(xy.implicit).toBe(false);
      const codes = xy.items.map((i) => i.regionCode);
      expect(codes).toContain('610402');
      expect(codes).not.toContain('610403');
      const yl = ok<T.JurisdictionReply>(
        await sec.get(`/api/system/orgs/${await orgId(t, 'SX-YANGLING')}/jurisdiction`),
      );
      expect(yl.items).toEqual([
        { regionCode: '610403', regionName: '杨陵区', level: 3, validFrom: null, validTo: null },
      ]);
      const county = ok<T.JurisdictionReply>(
        await sec.get(`/api/system/orgs/${await orgId(t, 'SX-610102')}/jurisdiction`),
      );
      expect(county).toMatchObject({ implicit: true, items: [{ regionCode: '610102' }] });
      expectError(await sec.get(`/api/system/orgs/${UNKNOWN}/jurisdiction`), 404, 'ORG_NOT_FOUND');
    });

    it('replaces the jurisdiction with dates', async () => {
      const id = await orgId(t, 'SX-610113');
      const r = ok<T.JurisdictionReply>(
        await sys.put(`/api/system/orgs/${id}/jurisdiction`, {
          items: [
            { regionCode: '610113' },
            { regionCode: '610116', validFrom: '2026-01-01', validTo: '2026-12-31' },
          ],
        }),
      );
      expect(r.implicit).toBe(false);
      expect(r.items).toEqual([
        { regionCode: '610113', regionName: '雁塔区', level: 3, validFrom: null, validTo: null },
        {
          regionCode: '610116',
          regionName: '长安区',
          level: 3,
          validFrom: '2026-01-01',
          validTo: '2026-12-31',
        },
      ]);
      expect(
        ok<T.JurisdictionReply>(await sys.put(`/api/system/orgs/${id}/jurisdiction`, { items: [] })).implicit,
      ).toBe(true);
    });

    it('answers 400 with the item field for duplicates, unknown regions and reversed dates', async () => {
      const id = await orgId(t, 'SX-610113');
      const url = `/api/system/orgs/${id}/jurisdiction`;
      expectError(
        await sys.put(url, { items: [{ regionCode: '610113' }, { regionCode: '610113' }] }),
        400,
        'JURISDICTION_DUPLICATE',
        'items.1.regionCode',
      );
      expectError(
        await sys.put(url, { items: [{ regionCode: '619999' }] }),
        400,
        'REGION_INVALID',
        'items.0.regionCode',
      );
      expectError(
        await sys.put(url, {
          items: [{ regionCode: '610113', validFrom: '2026-05-01', validTo: '2026-04-01' }],
        }),
        400,
        'JURISDICTION_DATES',
        'items.0.validTo',
      );
      expectError(
        await sys.put(url, { items: [{ regionCode: '610113', validFrom: '2026-13-01' }] }),
        400,
        'VALIDATION',
        'items.0.validFrom',
      );
      expectError(await sys.put(url, {}), 400, 'VALIDATION', 'items');
      expectError(
        await sys.put(`/api/system/orgs/${UNKNOWN}/jurisdiction`, { items: [] }),
        404,
        'ORG_NOT_FOUND',
      );
    });
  });
});

describe('/api/system/regions', () => {
  let t: TestApp;
  let s: Session;
  beforeAll(async () => {
    t = await createTestApp({ config: { loginRateLimit: 10000 } });
    s = await t.login('xian');
  });
  afterAll(async () => t.close());

  it('GET /tree: province → 10 cities → county-level units, ※ items flagged, with the source note', async () => {
    const r = ok<T.RegionTree>(await s.get('/api/system/regions/tree'));
    expect(r.items).toHaveLength(1);
    const sx = r.items[0]!;
    expect(sx).toMatchObject({ code: '610000', name: '陕西省', level: 1 });
    expect(sx.children).toHaveLength(10);
    const xian = sx.children.find((c) => c.code === '610100')!;
    expect(xian.children).toHaveLength(13);
    const huyi = xian.children.find((c) => c.code === '610118')!;
    expect(huyi).toMatchObject({ name: '鄠邑区', unverified: true, predecessorCode: '610125' });
    expect(huyi.note).toMatch(/^※/);
    expect(xian.children.find((c) => c.code === '610102')!.unverified).toBe(false);
    const counties = sx.children.reduce((n, c) => n + c.children.length, 0);
    expect(counties).toBe(107);
    expect(r.note).toContain('民政部');
  });

  it('GET / pages and filters; xlsx marks ※ items', async () => {
    expect(ok<T.RegionPage>(await s.get('/api/system/regions?level=2')).total).toBe(10);
    expect(ok<T.RegionPage>(await s.get('/api/system/regions?parentCode=610300')).total).toBe(12);
    const k = ok<T.RegionPage>(await s.get('/api/system/regions?keyword=鄠邑'));
    expect(k.items[0]).toMatchObject({ code: '610118', unverified: true });
    expect(
      ok<T.RegionPage>(await s.get('/api/system/regions?keyword=6101&pageSize=2&sort=-code')).items[0]!.code,
    ).toBe('610124');
    expectError(await s.get('/api/system/regions?level=4'), 400, 'VALIDATION', 'level');
    expectError(await s.get('/api/system/regions?sort=note'), 400, 'SORT_FIELD_INVALID', 'sort');
    const rows = await readXlsx(
      (await s.get('/api/system/regions?format=xlsx&parentCode=610100')).rawPayload,
    );
    expect(rows[0]).toEqual(['区划代码', '名称', '级别', '上级代码', '原代码', '说明']);
    expect(rows.find((r) => r[0] === '610118')?.[1]).toBe('鄠邑区 ※');
  });
});

describe('region tree limited to the data scope (pickers)', () => {
  it('marks and prunes by the city scope; province users keep the whole table', async () => {
    const t = await createTestApp();
    try {
      type Node = { code: string; inScope: boolean; children: Node[] };
      const flat = (ns: Node[]): Node[] => ns.flatMap((n) => [n, ...flat(n.children)]);
      const xian = await t.login('xian');
      const full = flat((await xian.get('/api/system/regions/tree')).json<{ items: Node[] }>().items);
      expect(full.find((n) => n.code === '610302')).toMatchObject({ inScope: false });
      expect(full.find((n) => n.code === '610113')).toMatchObject({ inScope: true });
      const scoped = flat(
        (await xian.get('/api/system/regions/tree?scoped=true')).json<{ items: Node[] }>().items,
      );
      expect(scoped.map((n) => n.code)).toContain('610113');
      expect(scoped.map((n) => n.code)).not.toContain('610302');
      expect(scoped.find((n) => n.code === '610000')).toMatchObject({ inScope: false }); // kept as the path
      const sheng = await t.login('sheng');
      const all = flat(
        (await sheng.get('/api/system/regions/tree?scoped=true')).json<{ items: Node[] }>().items,
      );
      expect(all).toHaveLength(118);
      expect(all.every((n) => n.inScope)).toBe(true);
      expect((await xian.get('/api/system/regions/tree?scoped=maybe')).statusCode).toBe(400);
    } finally {
      await t.close();
    }
  });
});
