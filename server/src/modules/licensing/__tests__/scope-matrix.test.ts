import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testClock, type Session, type TestApp } from '../../../../test/harness.js';
import { uuidv7 } from '../../../platform/ids.js';
import { nodeId, submitted, TEST_CONFIG } from './applications.fixtures.js';
import { createProductUnit, enterprises, issue } from './certificate.fixtures.js';

/**
 * The licensing data-scope matrix (DESIGN.md §6): each role × certificates and applications of several regions ×
 * the licensing endpoints that read them. Expected visibility is written out per user, not computed. 杨陵区
 * (610403) belongs to 杨凌示范区, not 咸阳; 韩城 (610581) is carved out of 渭南.
 */
const CERTS = ['C1_xincheng', 'C2_chencang', 'C3_qindu', 'C4_yangling', 'C5_hancheng'] as const;
type Cert = (typeof CERTS)[number];
const APPS = ['A1_xincheng', 'A2_chencang'] as const;
type App = (typeof APPS)[number];

// null: the user lacks the permission (403).
const SEES: Record<string, { certs: Cert[] | null; apps: App[] | null }> = {
  sheng: { certs: [...CERTS], apps: [...APPS] },
  xian: { certs: ['C1_xincheng'], apps: ['A1_xincheng'] },
  baoji: { certs: ['C2_chencang'], apps: ['A2_chencang'] },
  xianyang: { certs: ['C3_qindu'], apps: [] },
  yangling: { certs: ['C4_yangling'], apps: [] },
  hancheng: { certs: ['C5_hancheng'], apps: [] },
  xincheng: { certs: ['C1_xincheng'], apps: ['A1_xincheng'] },
  yanta: { certs: [], apps: [] },
  weibin: { certs: [], apps: [] },
  qiye: { certs: ['C1_xincheng'], apps: ['A1_xincheng'] },
  qiye2: { certs: ['C2_chencang'], apps: ['A2_chencang'] },
  zhuanjia: { certs: null, apps: null },
  jianyan: { certs: null, apps: null },
};
const USERS = Object.keys(SEES);

describe('licensing data scope matrix: role × region × endpoint', () => {
  let t: TestApp;
  const cert = {} as Record<Cert, string>;
  const app = {} as Record<App, string>;
  const sessions = new Map<string, Session>();

  beforeAll(async () => {
    t = await createTestApp({ clock: testClock('2026-03-16T09:00:00+08:00'), config: TEST_CONFIG });
    const e = await enterprises(t.ctx);
    // Enterprises in 杨陵区 and 韩城市 (test data).
    const enterpriseIn = async (region: string, name: string) => {
      const id = uuidv7();
      await t.ctx.db
        .insertInto('organization')
        .values({ id, code: `ENT-T${id.slice(-6)}`, name, type: 'enterprise', region_code: region })
        .execute();
      return id;
    };
    const unit = await createProductUnit(t.ctx, '06', '301');
    const holders: Record<Cert, { orgId: string; regionCode: string }> = {
      C1_xincheng: e.qinfeng,
      C2_chencang: e.chencang,
      C3_qindu: e.weicheng,
      C4_yangling: { orgId: await enterpriseIn('610403', '杨凌测试种业有限公司'), regionCode: '610403' },
      C5_hancheng: { orgId: await enterpriseIn('610581', '韩城测试钢铁有限公司'), regionCode: '610581' },
    };
    for (const k of CERTS)
      cert[k] = (
        await issue(t.ctx, {
          applicationType: 'issue',
          enterpriseOrgId: holders[k].orgId,
          regionCode: holders[k].regionCode,
          productUnitId: unit,
          decisionDate: '2025-05-10',
        })
      ).id;
    for (const u of USERS) sessions.set(u, await t.login(u));
    // Two applications, accepted (a 受理通知书 each).
    const sheng = sessions.get('sheng')!;
    for (const [k, user] of [
      ['A1_xincheng', 'qiye'],
      ['A2_chencang', 'qiye2'],
    ] as const) {
      const a = await submitted(sessions.get(user)!, await nodeId(t, 'C06-V01'));
      const r = await sheng.post(`/api/licensing/applications/${a.id}/accept`, { inspectionRequired: true });
      expect(r.statusCode, r.body).toBe(200);
      app[k] = a.id;
    }
  });
  afterAll(async () => t.close());

  const ids = <T>(res: { json: <J>() => J }) => res.json<{ items: T[] }>().items;

  it.each(USERS)('GET /api/licensing/certificates (list and detail) as %s', async (u) => {
    const s = sessions.get(u)!;
    const expected = SEES[u]!.certs;
    const list = await s.get('/api/licensing/certificates?pageSize=100');
    if (expected === null) {
      expect(list.statusCode).toBe(403);
      return;
    }
    const listed = new Set(ids<{ id: string }>(list).map((c) => c.id));
    for (const k of CERTS) {
      expect(listed.has(cert[k]), `${u} list → ${k}`).toBe(expected.includes(k));
      const d = await s.get(`/api/licensing/certificates/${cert[k]}`);
      expect(d.statusCode, `${u} detail → ${k}`).toBe(expected.includes(k) ? 200 : 404);
    }
  });

  it.each(USERS)('GET /api/licensing/self-inspections/status as %s', async (u) => {
    const res = await sessions.get(u)!.get('/api/licensing/self-inspections/status?year=2026&pageSize=100');
    const expected = SEES[u]!.certs;
    if (expected === null) return expect(res.statusCode).toBe(403);
    const listed = ids<{ certificateId: string }>(res).map((c) => c.certificateId);
    expect(listed.sort(), u).toEqual(expected.map((k) => cert[k]).sort());
  });

  it.each(USERS)('GET /api/licensing/applications and /documents as %s', async (u) => {
    const s = sessions.get(u)!;
    const expected = SEES[u]!.apps;
    const list = await s.get('/api/licensing/applications?pageSize=100');
    const docs = await s.get('/api/licensing/documents?pageSize=100');
    if (expected === null) {
      expect(list.statusCode).toBe(403);
      expect(docs.statusCode).toBe(403);
      return;
    }
    const listed = new Set(ids<{ id: string }>(list).map((a) => a.id));
    const documented = new Set(ids<{ applicationId: string }>(docs).map((d) => d.applicationId));
    for (const k of APPS) {
      expect(listed.has(app[k]), `${u} applications → ${k}`).toBe(expected.includes(k));
      expect(documented.has(app[k]), `${u} documents → ${k}`).toBe(expected.includes(k));
      const d = await s.get(`/api/licensing/applications/${app[k]}`);
      expect(d.statusCode, `${u} detail → ${k}`).toBe(expected.includes(k) ? 200 : 404);
    }
  });
});
