import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readXlsx } from '../../../platform/documents/xlsx.js';
import { createTestApp, type Session, type TestApp } from '../../../../test/harness.js';
import { createUser, expectError, loginAndChange, ok, orgId, roleId } from './helpers.js';
import type * as T from './types.js';

const UNKNOWN = '01890000-0000-7000-8000-000000000000';

describe('/api/system/roles and /permissions', () => {
  let t: TestApp;
  let sys: Session;
  let sec: Session;
  beforeAll(async () => {
    t = await createTestApp({ config: { loginRateLimit: 10000 } });
    sys = await t.login('sysadmin');
    sec = await t.login('secadmin');
  });
  afterAll(async () => t.close());

  it('GET /permissions returns the catalogue grouped by module', async () => {
    const r = ok<T.PermissionCatalogue>(await sec.get('/api/system/permissions'));
    const modules = r.modules.map((m) => m.module);
    expect(modules.slice(0, 2)).toEqual(['系统管理', '安全审计']);
    const sysMod = r.modules.find((m) => m.module === '系统管理')!;
    expect(sysMod.permissions).toContainEqual({ code: 'user:write', name: '用户新增/修改/停用/重置密码' });
  });

  it('lists roles with paging, filters, user counts and xlsx export', async () => {
    const r = ok<T.RolePage>(await sec.get('/api/system/roles?pageSize=100'));
    expect(r.items.map((x) => x.code).slice(0, 3)).toEqual(['sysadmin', 'secadmin', 'auditadmin']);
    const city = r.items.find((x) => x.code === 'city_officer')!;
    expect(city).toMatchObject({ dataScope: 'city', builtin: true, status: 'active' });
    expect(city.userCount).toBeGreaterThanOrEqual(5);
    expect(ok<T.RolePage>(await sec.get('/api/system/roles?keyword=审计')).items.map((x) => x.code)).toEqual([
      'auditadmin',
    ]);
    expectError(await sec.get('/api/system/roles?sort=hash'), 400, 'SORT_FIELD_INVALID', 'sort');
    expectError(await sec.get('/api/system/roles?status=x'), 400, 'VALIDATION', 'status');
    const rows = await readXlsx((await sec.get('/api/system/roles?format=xlsx')).rawPayload);
    expect(rows[0]!.slice(0, 3)).toEqual(['角色编码', '角色名称', '数据范围']);
    expect(rows.find((row) => row[0] === 'city_officer')?.[2]).toBe('本市管辖区域');
  });

  it('GET /:id returns the role with its codes; 400 bad id; 404 unknown', async () => {
    const r = ok<T.RoleDetail>(await sec.get(`/api/system/roles/${await roleId(t, 'auditadmin')}`));
    expect(r.permissions).toEqual(['audit:list', 'audit:verify', 'loginlog:list']);
    expectError(await sec.get('/api/system/roles/abc'), 400, 'VALIDATION', 'id');
    expectError(await sec.get(`/api/system/roles/${UNKNOWN}`), 404, 'ROLE_NOT_FOUND');
  });

  describe('POST / (create)', () => {
    it('creates a custom role with permissions', async () => {
      const r = ok<T.RoleDetail>(
        await sec.post('/api/system/roles', {
          code: 'notice_editor',
          name: '公告编辑',
          dataScope: 'all',
          description: '只维护公告',
          permissions: ['notice:write', 'dict:list'],
        }),
      );
      expect(r).toMatchObject({
        code: 'notice_editor',
        builtin: false,
        permissions: ['dict:list', 'notice:write'],
      });
    });

    it('answers 400 with the field for bad input, unknown codes and 三员分立, 409 for a taken code', async () => {
      const base = { code: 'bad_role', name: '坏角色', dataScope: 'all' };
      expectError(
        await sec.post('/api/system/roles', { ...base, code: 'Bad Role' }),
        400,
        'VALIDATION',
        'code',
      );
      expectError(
        await sec.post('/api/system/roles', { ...base, dataScope: 'world' }),
        400,
        'VALIDATION',
        'dataScope',
      );
      expectError(
        await sec.post('/api/system/roles', { ...base, name: undefined }),
        400,
        'VALIDATION',
        'name',
      );
      const unknown = await sec.post('/api/system/roles', {
        ...base,
        permissions: ['user:list', 'nuke:all'],
      });
      expectError(unknown, 400, 'PERMISSION_UNKNOWN', 'codes');
      expect(unknown.json().details.codes).toEqual(['nuke:all']);
      const mixed = await sec.post('/api/system/roles', {
        ...base,
        permissions: ['user:write', 'audit:list'],
      });
      expectError(mixed, 400, 'SEPARATION_OF_DUTIES', 'codes');
      expect(mixed.json().message).toMatch(
        /违反三员分立：系统管理员权限（user:write）与审计管理员权限（audit:list）/,
      );
      expectError(
        await sec.post('/api/system/roles', { ...base, code: 'sysadmin' }),
        409,
        'ROLE_CODE_TAKEN',
        'code',
      );
    });
  });

  describe('PUT /:id (edit) and disable / enable', () => {
    it('edits a role', async () => {
      const id = await roleId(t, 'notice_editor');
      const r = ok<T.RoleDetail>(
        await sec.put(`/api/system/roles/${id}`, { name: '公告管理员', dataScope: 'city', sort: 5 }),
      );
      expect(r).toMatchObject({ name: '公告管理员', dataScope: 'city', sort: 5 });
    });

    it('refuses edits of a role the editor holds, bad input and unknown roles', async () => {
      expectError(
        await sec.put(`/api/system/roles/${await roleId(t, 'secadmin')}`, { name: '我' }),
        403,
        'ROLE_HELD_BY_SELF',
      );
      const id = await roleId(t, 'notice_editor');
      expectError(
        await sec.put(`/api/system/roles/${id}`, { dataScope: 'x' }),
        400,
        'VALIDATION',
        'dataScope',
      );
      expectError(await sec.put(`/api/system/roles/${id}`, { code: 'renamed' }), 400, 'VALIDATION', 'code');
      expectError(await sec.put(`/api/system/roles/${UNKNOWN}`, { name: 'x' }), 404, 'ROLE_NOT_FOUND');
    });

    it('disables and enables a custom role; built-in roles cannot be disabled', async () => {
      const id = await roleId(t, 'notice_editor');
      expect(ok<T.RoleDetail>(await sec.post(`/api/system/roles/${id}/disable`)).status).toBe('disabled');
      expect(ok<T.RoleDetail>(await sec.post(`/api/system/roles/${id}/enable`)).status).toBe('active');
      expectError(
        await sec.post(`/api/system/roles/${await roleId(t, 'sysadmin')}/disable`),
        409,
        'ROLE_BUILTIN',
      );
      expectError(await sec.post('/api/system/roles/x/disable'), 400, 'VALIDATION', 'id');
      expectError(await sec.post(`/api/system/roles/${UNKNOWN}/enable`), 404, 'ROLE_NOT_FOUND');
    });
  });

  describe('permissions of a role', () => {
    it('GET /:id/permissions is the catalogue tree with granted flags', async () => {
      const r = ok<T.RolePermissionTree>(
        await sec.get(`/api/system/roles/${await roleId(t, 'auditadmin')}/permissions`),
      );
      expect(r.granted).toEqual(['audit:list', 'audit:verify', 'loginlog:list']);
      const audit = r.modules.find((m) => m.module === '安全审计')!;
      expect(audit.permissions.find((p) => p.code === 'audit:list')!.granted).toBe(true);
      expect(audit.permissions.find((p) => p.code === 'session:revoke')!.granted).toBe(false);
      expectError(await sec.get(`/api/system/roles/${UNKNOWN}/permissions`), 404, 'ROLE_NOT_FOUND');
    });

    it('built-in 三员 roles cannot take each other’s permissions', async () => {
      const sysRole = await roleId(t, 'sysadmin');
      const current = ok<T.RoleDetail>(await sec.get(`/api/system/roles/${sysRole}`)).permissions;
      const r = await sec.put(`/api/system/roles/${sysRole}/permissions`, {
        codes: [...current, 'user:assign-role'],
      });
      expectError(r, 400, 'SEPARATION_OF_DUTIES', 'codes');
      expect(r.json().message).toContain('安全管理员');
      const audit = await sec.put(`/api/system/roles/${await roleId(t, 'auditadmin')}/permissions`, {
        codes: ['audit:list', 'audit:verify', 'loginlog:list', 'param:write'],
      });
      expectError(audit, 400, 'SEPARATION_OF_DUTIES', 'codes');
      // Nobody edits the role they hold.
      expectError(
        await sec.put(`/api/system/roles/${await roleId(t, 'secadmin')}/permissions`, {
          codes: ['role:list'],
        }),
        403,
        'ROLE_HELD_BY_SELF',
      );
    });

    it('refuses a change that would give a holder of two roles permissions of two 三员 sets', async () => {
      const a = ok<T.RoleDetail>(
        await sec.post('/api/system/roles', {
          code: 'role_a',
          name: 'A',
          dataScope: 'all',
          permissions: ['dict:write'],
        }),
      );
      const b = ok<T.RoleDetail>(
        await sec.post('/api/system/roles', {
          code: 'role_b',
          name: 'B',
          dataScope: 'all',
          permissions: ['dict:list'],
        }),
      );
      const { id } = await createUser(sys, { username: 'two_roles', orgId: await orgId(t, 'SX-610000') });
      ok<T.UserDetail>(await sec.put(`/api/system/users/${id}/roles`, { roleIds: [a.id, b.id] }));
      const r = await sec.put(`/api/system/roles/${b.id}/permissions`, {
        codes: ['dict:list', 'audit:list'],
      });
      expectError(r, 400, 'SEPARATION_OF_DUTIES', 'codes');
      expect(r.json().message).toContain('two_roles');
    });

    it('answers 400 with field codes for unknown codes and bad bodies', async () => {
      const id = await roleId(t, 'notice_editor');
      expectError(
        await sec.put(`/api/system/roles/${id}/permissions`, { codes: ['x:y'] }),
        400,
        'PERMISSION_UNKNOWN',
        'codes',
      );
      expectError(await sec.put(`/api/system/roles/${id}/permissions`, {}), 400, 'VALIDATION', 'codes');
      expectError(
        await sec.put(`/api/system/roles/${id}/permissions`, { codes: [''] }),
        400,
        'VALIDATION',
        'codes.0',
      );
    });

    it('a permission change takes effect on the holder’s next request', async () => {
      const role = ok<T.RoleDetail>(
        await sec.post('/api/system/roles', {
          code: 'param_reader',
          name: '参数查看',
          dataScope: 'all',
          permissions: ['param:list'],
        }),
      );
      const { id, password } = await createUser(sys, {
        username: 'param_reader',
        orgId: await orgId(t, 'SX-610000'),
      });
      ok<T.UserDetail>(await sec.put(`/api/system/users/${id}/roles`, { roleIds: [role.id] }));
      const s = await loginAndChange(t, 'param_reader', password);
      ok<T.ParamPage>(await s.get('/api/system/params'));
      expectError(await s.get('/api/system/dicts'), 403, 'FORBIDDEN');
      const set = ok<T.RolePermissionTree>(
        await sec.put(`/api/system/roles/${role.id}/permissions`, { codes: ['dict:list'] }),
      );
      expect(set.granted).toEqual(['dict:list']);
      expectError(await s.get('/api/system/params'), 403, 'FORBIDDEN');
      ok<T.DictTypePage>(await s.get('/api/system/dicts'));
      // Disabling the role removes its permissions too.
      ok<T.RoleDetail>(await sec.post(`/api/system/roles/${role.id}/disable`));
      expectError(await s.get('/api/system/dicts'), 403, 'FORBIDDEN');
    });
  });
});
