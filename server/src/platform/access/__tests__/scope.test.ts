import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/harness.js';
import { AuthService } from '../../auth/auth.service.js';
import { scopeWhere } from '../scope.js';
import type { Principal } from '../principal.js';

/**
 * The data-scope helper against the seeded organisation tree: each demo role sees the organisations
 * whose region lies in its jurisdiction (杨凌 and 韩城 carved out of 咸阳 and 渭南), or its own organisation.
 */
describe('data scope from the organisation tree', () => {
  let t: TestContext;
  const principals = new Map<string, Principal>();
  beforeAll(async () => {
    t = await createTestContext();
    const auth = new AuthService(t.ctx);
    const users = await t.ctx.db.selectFrom('app_user').select(['id', 'username']).execute();
    for (const u of users) principals.set(u.username, (await auth.loadPrincipal(u.id, 'test'))!);
  });
  afterAll(async () => t.close());

  const visibleOrgs = async (username: string) => {
    const p = principals.get(username)!;
    const rows = await t.ctx.db
      .selectFrom('organization as o')
      .select('o.code')
      .where((eb) => scopeWhere(eb, p, { region: 'o.region_code', org: 'o.id' }))
      .orderBy('o.code')
      .execute();
    return rows.map((r) => r.code);
  };

  it('computes the scope kind and the region set of each demo role', () => {
    expect([...principals.get('sheng')!.scopes]).toEqual(['all']);
    expect(principals.get('xian')!.regionCodes).toContain('610113');
    expect(principals.get('xian')!.regionCodes).not.toContain('610302');
    expect(principals.get('xianyang')!.regionCodes).toContain('610400');
    expect(principals.get('xianyang')!.regionCodes).not.toContain('610403');
    expect(principals.get('yangling')!.regionCodes).toEqual(['610403']);
    expect(principals.get('hancheng')!.regionCodes).toEqual(['610581']);
    expect(principals.get('xincheng')!.regionCodes).toEqual(['610102']);
    expect([...principals.get('qiye')!.scopes]).toEqual(['org']);
    expect(principals.get('qiye')!.regionCodes).toEqual([]);
  });

  it.each([
    ['sheng', ['ENT-CHENCANG', 'SX-610100', 'SX-610300', 'SX-HANCHENG', 'SX-YANGLING'], []],
    [
      'xian',
      ['SX-610100', 'SX-610102', 'SX-610113', 'INST-SXZJY', 'ENT-QINFENG'],
      ['SX-610300', 'ENT-CHENCANG', 'SX-610000'],
    ],
    ['baoji', ['SX-610300', 'SX-610302', 'ENT-CHENCANG'], ['SX-610100', 'ENT-QINFENG']],
    ['xianyang', ['SX-610400', 'SX-610402', 'ENT-WEICHENG'], ['SX-YANGLING']],
    ['yangling', ['SX-YANGLING'], ['SX-610400', 'SX-610402']],
    ['xincheng', ['SX-610102', 'ENT-QINFENG'], ['SX-610113', 'SX-610100']],
    ['qiye', ['ENT-QINFENG'], ['SX-610102', 'ENT-CHENCANG']],
    ['jianyan', ['INST-SXZJY'], ['INST-XAZJY', 'SX-610100']],
  ])('%s sees its own and not the others', async (username, sees, hidden) => {
    const codes = await visibleOrgs(username);
    for (const c of sees) expect(codes).toContain(c);
    for (const c of hidden) expect(codes).not.toContain(c);
  });

  it('an expert (assigned scope) sees nothing without an assignment condition', async () => {
    expect(await visibleOrgs('zhuanjia')).toEqual([]);
  });
});
