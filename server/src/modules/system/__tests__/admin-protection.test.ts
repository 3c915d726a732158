import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness.js';
import { foreignAdminSets, scopeWidening } from '../separation.rules.js';
import { createUser, expectError, loginAndChange, ok, orgId, roleId, userId } from './helpers.js';

describe('三员分立: administrators cannot take over each other, nor widen data scope', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('rules: foreign admin sets and scope widening', () => {
    expect(foreignAdminSets(['user:write'], ['role:write', 'user:assign-role'])).toEqual(['security']);
    expect(foreignAdminSets(['user:write'], ['user:write'])).toEqual([]);
    expect(foreignAdminSets(['user:write'], ['region:list'])).toEqual([]);
    expect(scopeWidening(['city'], ['all'])).toBe('all');
    expect(scopeWidening(['city'], ['county', 'org', 'city'])).toBeUndefined();
    expect(scopeWidening(['all'], ['all'])).toBeUndefined();
    expect(scopeWidening(['org'], ['assigned'])).toBeUndefined();
  });

  it('the system administrator cannot reset, disable or edit the security or audit administrator', async () => {
    const sys = await t.login('sysadmin');
    const sec = await userId(t, 'secadmin');
    const aud = await userId(t, 'auditadmin');
    expectError(await sys.post(`/api/system/users/${sec}/reset-password`), 403, 'ADMIN_ACCOUNT_PROTECTED');
    expectError(await sys.post(`/api/system/users/${aud}/disable`), 403, 'ADMIN_ACCOUNT_PROTECTED');
    expectError(
      await sys.put(`/api/system/users/${sec}`, { displayName: '改名' }),
      403,
      'ADMIN_ACCOUNT_PROTECTED',
    );
    // An ordinary account is still the system administrator's to manage.
    const sheng = await userId(t, 'sheng');
    expect((await sys.post(`/api/system/users/${sheng}/reset-password`)).statusCode).toBe(200);
  });

  it('a city-scope security administrator cannot grant a province-wide role', async () => {
    const sec = await t.login('secadmin');
    const sys = await t.login('sysadmin');
    const cityRole = ok<{ id: string }>(
      await sec.post('/api/system/roles', {
        code: 'city_secadmin',
        name: '市局安全管理员',
        dataScope: 'city',
        permissions: ['user:list', 'user:assign-role', 'role:list'],
      }),
    );
    const u = await createUser(sys, { username: 'xa_sec', orgId: await orgId(t, 'SX-610100') });
    ok(await sec.put(`/api/system/users/${u.id}/roles`, { roleIds: [cityRole.id] }));
    const citySec = await loginAndChange(t, 'xa_sec', u.password);
    const target = await createUser(sys, { username: 'xa_clerk', orgId: await orgId(t, 'SX-610113') });
    expectError(
      await citySec.put(`/api/system/users/${target.id}/roles`, {
        roleIds: [await roleId(t, 'province_officer')],
      }),
      403,
      'DATA_SCOPE_WIDENING',
      'roleIds',
    );
    ok(
      await citySec.put(`/api/system/users/${target.id}/roles`, {
        roleIds: [await roleId(t, 'county_officer')],
      }),
    );
    expectError(
      await citySec.post('/api/system/roles', { code: 'x_all', name: '全省', dataScope: 'all' }),
      403,
    );
  });
});
