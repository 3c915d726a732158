import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthService } from '../src/platform/auth/auth.service.js';
import { defineProcess, registerProcess } from '../src/platform/workflow/workflow.definition.js';
import { WorkflowService } from '../src/platform/workflow/workflow.service.js';
import { orgIdByCode } from '../src/seed/seed.js';
import { createTestApp, type Session, type TestApp } from './harness.js';

/**
 * The data-scope matrix (DESIGN.md §6): each seeded role × records of its own and other regions × the
 * endpoints that read region-scoped data. Expected visibility is written out per user, not computed.
 */
const MATRIX_PROCESS = defineProcess({
  key: 'matrix.case',
  label: '数据范围矩阵测试',
  initial: 'accepting',
  viewPermissions: ['org:list'],
  states: {
    accepting: {
      label: '受理',
      due: { days: 5, kind: 'working' },
      actions: { accept: { label: '受理', to: 'done', permission: 'org:list' } },
    },
    done: { label: '办结', terminal: true },
  },
});
registerProcess(MATRIX_PROCESS);

// Records: region of the case and the applicant (enterprise or institution user).
const RECORDS = {
  R1_xincheng: { region: '610102', applicant: 'qiye' },
  R2_yanta: { region: '610113', applicant: 'jianyan' },
  R3_weibin: { region: '610302', applicant: 'qiye2' },
  R4_yangling: { region: '610403', applicant: 'jianyan' },
  R5_qindu: { region: '610402', applicant: 'jianyan' },
  R6_hancheng: { region: '610581', applicant: 'jianyan' },
} as const;
type RecordKey = keyof typeof RECORDS;
const ALL = Object.keys(RECORDS) as RecordKey[];

// Who sees which record (detail endpoint); officers may also act, so the same records are in their inbox.
const VISIBLE: Record<string, RecordKey[]> = {
  sheng: ALL,
  xian: ['R1_xincheng', 'R2_yanta'],
  baoji: ['R3_weibin'],
  xianyang: ['R5_qindu'], // 杨陵区 belongs to 杨凌示范区, not 咸阳
  yangling: ['R4_yangling'],
  hancheng: ['R6_hancheng'], // 韩城 is carved out of 渭南
  xincheng: ['R1_xincheng'],
  yanta: ['R2_yanta'],
  qiye: ['R1_xincheng'], // own application only
  qiye2: ['R3_weibin'],
  jianyan: ['R2_yanta', 'R4_yangling', 'R5_qindu', 'R6_hancheng'],
  zhuanjia: [],
};
const OFFICERS = ['sheng', 'xian', 'baoji', 'xianyang', 'yangling', 'hancheng', 'xincheng', 'yanta'];

describe('data scope matrix: role × region × endpoint', () => {
  let t: TestApp;
  const ids = {} as Record<RecordKey, string>;
  const sessions = new Map<string, Session>();

  beforeAll(async () => {
    t = await createTestApp();
    const auth = new AuthService(t.ctx);
    const wf = new WorkflowService(t.ctx);
    const users = await t.ctx.db.selectFrom('app_user').select(['id', 'username', 'org_id']).execute();
    const byName = new Map(users.map((u) => [u.username, u]));
    for (const key of ALL) {
      const r = RECORDS[key];
      const applicant = byName.get(r.applicant)!;
      const p = (await auth.loadPrincipal(applicant.id, 'matrix'))!;
      const inst = await wf.start(undefined, p, {
        processKey: 'matrix.case',
        businessType: 'matrix',
        businessId: key,
        title: `矩阵 ${key}`,
        regionCode: r.region,
        orgId: await orgIdByCode(t.ctx, 'SX-610000'),
      });
      ids[key] = inst.id;
    }
    for (const u of Object.keys(VISIBLE)) sessions.set(u, await t.login(u));
  });
  afterAll(async () => t.close());

  it.each(Object.keys(VISIBLE))('GET /api/workflow/instances/:id as %s', async (username) => {
    const s = sessions.get(username)!;
    for (const key of ALL) {
      const res = await s.get(`/api/workflow/instances/${ids[key]}`);
      const expected = VISIBLE[username]!.includes(key) ? 200 : 404;
      expect(res.statusCode, `${username} → ${key}`).toBe(expected);
    }
  });

  it.each(OFFICERS)('GET /api/workflow/inbox as %s lists exactly its region’s cases', async (username) => {
    const res = await sessions.get(username)!.get('/api/workflow/inbox?processKey=matrix.case&pageSize=100');
    expect(res.statusCode).toBe(200);
    const titles = res
      .json<{ items: Array<{ title: string }> }>()
      .items.map((i) => i.title)
      .sort();
    expect(titles).toEqual(VISIBLE[username]!.map((k) => `矩阵 ${k}`).sort());
  });

  it.each(OFFICERS)(
    'POST /api/workflow/instances/:id/actions as %s only within its region',
    async (username) => {
      const s = sessions.get(username)!;
      const other = ALL.find((k) => !VISIBLE[username]!.includes(k));
      if (!other) return expect(username).toBe('sheng');
      const res = await s.post(`/api/workflow/instances/${ids[other]}/actions`, { action: 'accept' });
      expect(res.statusCode, `${username} → ${other}`).toBe(404);
    },
  );

  it.each([
    ['xian', ['SX-610100', 'SX-610113', 'ENT-QINFENG'], ['SX-610300', 'ENT-CHENCANG', 'SX-YANGLING']],
    ['xianyang', ['SX-610402', 'ENT-WEICHENG'], ['SX-YANGLING', 'ENT-QINFENG']],
    ['yangling', ['SX-YANGLING'], ['SX-610400', 'SX-610402']],
    ['xincheng', ['SX-610102', 'ENT-QINFENG'], ['SX-610113']],
  ])('GET /api/system/orgs/:id as %s', async (username, sees, hidden) => {
    const s = sessions.get(username)!;
    for (const code of sees) {
      expect((await s.get(`/api/system/orgs/${await orgIdByCode(t.ctx, code)}`)).statusCode, code).toBe(200);
    }
    for (const code of hidden) {
      expect((await s.get(`/api/system/orgs/${await orgIdByCode(t.ctx, code)}`)).statusCode, code).toBe(404);
    }
  });

  it('an enterprise user has no organisation list permission at all (403, not an empty scope)', async () => {
    const res = await sessions
      .get('qiye')!
      .get(`/api/system/orgs/${await orgIdByCode(t.ctx, 'ENT-QINFENG')}`);
    expect(res.statusCode).toBe(403);
  });
});
