import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/harness.js';
import { createUser, expectError, ok, orgId, roleId, userId } from './helpers.js';
import type * as T from './types.js';

describe('/api/system/users', () => {
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

  describe('GET / (list)', () => {
    it('pages, filters and masks phone numbers; never returns password hashes', async () => {
      await createUser(sys, { username: 'phone_user', orgId: xianOrg, phone: '13812341234' });
      const all = ok<T.UserPage>(await sys.get('/api/system/users?pageSize=5&page=1'));
      expect(all.total).toBeGreaterThanOrEqual(18);
      expect(all.items).toHaveLength(5);
      expect(all.pageSize).toBe(5);
      const r = ok<T.UserPage>(await sys.get('/api/system/users?keyword=phone_user'));
      expect(r.total).toBe(1);
      expect(r.items[0]!.phone).toBe('138****1234');
      expect(r.items[0]!.org.name).toBe('西安市市场监督管理局');
      const raw = JSON.stringify(ok<T.UserPage>(await sys.get('/api/system/users?pageSize=500')));
      expect(raw).not.toMatch(/password_?hash|\$argon2/i);
      expect(raw).not.toContain('13812341234');
    });

    it('filters by keyword, organisation subtree, status and role, and sorts', async () => {
      const kw = ok<T.UserPage>(await sys.get('/api/system/users?keyword=XIAN&pageSize=100'));
      expect(kw.items.map((u) => u.username)).toEqual(expect.arrayContaining(['xian', 'xianyang']));
      const sub = ok<T.UserPage>(await sys.get(`/api/system/users?orgId=${xianOrg}&pageSize=100`));
      const names = sub.items.map((u) => u.username);
      expect(names).toEqual(expect.arrayContaining(['xian', 'xincheng', 'yanta']));
      expect(names).not.toContain('baoji');
      const byRole = ok<T.UserPage>(await sys.get('/api/system/users?roleCode=county_officer&pageSize=100'));
      expect(byRole.items.map((u) => u.username).sort()).toEqual(['weibin', 'xincheng', 'yanta']);
      const active = ok<T.UserPage>(await sys.get('/api/system/users?status=disabled'));
      expect(active.items.every((u) => u.status === 'disabled')).toBe(true);
      const sorted = ok<T.UserPage>(await sys.get('/api/system/users?sort=-username&pageSize=3'));
      const un = sorted.items.map((u) => u.username);
      expect([...un].sort().reverse()).toEqual(un);
    });

    it('answers 400 with the field for bad paging, sort or filter', async () => {
      expectError(await sys.get('/api/system/users?pageSize=501'), 400, 'VALIDATION', 'pageSize');
      expectError(await sys.get('/api/system/users?sort=password_hash'), 400, 'SORT_FIELD_INVALID', 'sort');
      expectError(await sys.get('/api/system/users?status=gone'), 400, 'VALIDATION', 'status');
      expectError(await sys.get('/api/system/users?orgId=xyz'), 400, 'VALIDATION', 'orgId');
    });
  });

  describe('GET /:id', () => {
    it('shows the full phone to the administrator, and roles', async () => {
      const id = await userId(t, 'phone_user');
      const u = ok<T.UserDetail>(await sys.get(`/api/system/users/${id}`));
      expect(u.phone).toBe('13812341234');
      expect(u.mustChangePassword).toBe(true);
      expect(u).not.toHaveProperty('password_hash');
      expect(u).not.toHaveProperty('passwordHash');
      const xian = ok<T.UserDetail>(await sys.get(`/api/system/users/${await userId(t, 'xian')}`));
      expect(xian.roles.map((r) => r.code)).toEqual(['city_officer']);
    });

    it('answers 400 for a malformed id and 404 for an unknown one', async () => {
      expectError(await sys.get('/api/system/users/123'), 400, 'VALIDATION', 'id');
      expectError(
        await sys.get('/api/system/users/01890000-0000-7000-8000-000000000000'),
        404,
        'USER_NOT_FOUND',
      );
    });
  });

  describe('POST / (create)', () => {
    it('generates a one-time password that satisfies the policy and forces a change', async () => {
      const r = ok<T.CreateUserReply>(
        await sys.post('/api/system/users', {
          username: 'new_clerk',
          displayName: '新科员',
          orgId: xianOrg,
          phone: '13900001111',
          email: 'clerk@example.cn',
        }),
      );
      expect(r.initialPassword).toMatch(/^.{12}$/);
      expect(r.user.mustChangePassword).toBe(true);
      expect(r.user.username).toBe('new_clerk');
      expect(r.user.roles).toEqual([]);
      const login = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'new_clerk', password: r.initialPassword },
      });
      expect(login.statusCode).toBe(200);
      expect(login.json().user.mustChangePassword).toBe(true);
    });

    it('takes a given password when it satisfies the policy (not echoed back)', async () => {
      const r = ok<T.CreateUserReply>(
        await sys.post('/api/system/users', {
          username: 'given_pw',
          displayName: '指定密码',
          orgId: xianOrg,
          password: 'Given#Pass2026',
        }),
      );
      expect(r.initialPassword).toBeNull();
      expect(JSON.stringify(r)).not.toContain('Given#Pass2026');
    });

    it('answers 400 with the field for a weak password, bad phone, bad username, unknown org', async () => {
      const base = { username: 'bad_one', displayName: '错误', orgId: xianOrg };
      const weak = await sys.post('/api/system/users', { ...base, password: 'bad_one123' });
      expectError(weak, 400, 'PASSWORD_POLICY', 'password');
      expect(weak.json().message).toContain('不能包含用户名');
      expectError(
        await sys.post('/api/system/users', { ...base, phone: '1234' }),
        400,
        'PHONE_INVALID',
        'phone',
      );
      expectError(
        await sys.post('/api/system/users', { ...base, username: '9lives' }),
        400,
        'VALIDATION',
        'username',
      );
      expectError(
        await sys.post('/api/system/users', { displayName: 'x', orgId: xianOrg }),
        400,
        'VALIDATION',
        'username',
      );
      expectError(
        await sys.post('/api/system/users', { ...base, orgId: '01890000-0000-7000-8000-000000000000' }),
        400,
        'ORG_INVALID',
        'orgId',
      );
      expectError(
        await sys.post('/api/system/users', { ...base, email: 'not-mail' }),
        400,
        'VALIDATION',
        'email',
      );
      expectError(
        await sys.post('/api/system/users', { ...base, isAdmin: true }),
        400,
        'VALIDATION',
        'isAdmin',
      );
    });

    it('answers 409 with field username when the name is taken (case-insensitive)', async () => {
      expectError(
        await sys.post('/api/system/users', { username: 'Xian', displayName: '重名', orgId: xianOrg }),
        409,
        'USERNAME_TAKEN',
        'username',
      );
    });
  });

  describe('PUT /:id (edit)', () => {
    it('changes name, organisation and contact details', async () => {
      const { id } = await createUser(sys, { username: 'edit_me', orgId: xianOrg });
      const baoji = await orgId(t, 'SX-610300');
      const u = ok<T.UserDetail>(
        await sys.put(`/api/system/users/${id}`, {
          displayName: '改名',
          orgId: baoji,
          phone: '13700001111',
          email: '',
        }),
      );
      expect(u).toMatchObject({ displayName: '改名', phone: '13700001111', email: null });
      expect(u.org.id).toBe(baoji);
      const cleared = ok<T.UserDetail>(await sys.put(`/api/system/users/${id}`, { phone: null }));
      expect(cleared.phone).toBeNull();
    });

    it('answers 400 / 404 with the field', async () => {
      const id = await userId(t, 'edit_me');
      expectError(await sys.put(`/api/system/users/${id}`, { phone: '999' }), 400, 'PHONE_INVALID', 'phone');
      expectError(
        await sys.put(`/api/system/users/${id}`, { displayName: '' }),
        400,
        'VALIDATION',
        'displayName',
      );
      expectError(
        await sys.put(`/api/system/users/${id}`, { username: 'rename' }),
        400,
        'VALIDATION',
        'username',
      );
      expectError(
        await sys.put('/api/system/users/01890000-0000-7000-8000-000000000000', { displayName: 'x' }),
        404,
        'USER_NOT_FOUND',
      );
    });
  });

  describe('disable / enable', () => {
    it('disables and enables a user', async () => {
      const { id } = await createUser(sys, { username: 'toggle_me', orgId: xianOrg });
      expect(ok<T.UserDetail>(await sys.post(`/api/system/users/${id}/disable`)).status).toBe('disabled');
      expect(ok<T.UserDetail>(await sys.post(`/api/system/users/${id}/enable`)).status).toBe('active');
    });

    it('refuses to disable oneself (400) and unknown users (404)', async () => {
      const me = await userId(t, 'sysadmin');
      expectError(await sys.post(`/api/system/users/${me}/disable`), 400, 'SELF_DISABLE', 'id');
      expectError(await sys.post('/api/system/users/bad/enable'), 400, 'VALIDATION', 'id');
      expectError(
        await sys.post('/api/system/users/01890000-0000-7000-8000-000000000000/disable'),
        404,
        'USER_NOT_FOUND',
      );
    });
  });

  describe('reset-password and unlock', () => {
    it('returns a new one-time password', async () => {
      const { id } = await createUser(sys, { username: 'reset_me', orgId: xianOrg });
      const r = ok<T.PasswordReply>(await sys.post(`/api/system/users/${id}/reset-password`));
      expect(r.password).toHaveLength(12);
      expectError(await sys.post('/api/system/users/nope/reset-password'), 400, 'VALIDATION', 'id');
    });

    it('unlock answers 200 for the security administrator, 400 for a bad id', async () => {
      const id = await userId(t, 'reset_me');
      expect(ok<T.UserDetail>(await sec.post(`/api/system/users/${id}/unlock`)).locked).toBe(false);
      expectError(await sec.post('/api/system/users/nope/unlock'), 400, 'VALIDATION', 'id');
    });
  });

  describe('PUT /:id/roles (assign)', () => {
    it('replaces the roles of a user', async () => {
      const { id } = await createUser(sys, { username: 'grant_me', orgId: xianOrg });
      const u = ok<T.UserDetail>(
        await sec.put(`/api/system/users/${id}/roles`, { roleIds: [await roleId(t, 'city_officer')] }),
      );
      expect(u.roles.map((r) => r.code)).toEqual(['city_officer']);
      expect(ok<T.UserDetail>(await sec.put(`/api/system/users/${id}/roles`, { roleIds: [] })).roles).toEqual(
        [],
      );
    });

    it('nobody changes their own roles', async () => {
      const me = await userId(t, 'secadmin');
      const r = await sec.put(`/api/system/users/${me}/roles`, { roleIds: [await roleId(t, 'auditadmin')] });
      expectError(r, 403, 'SELF_ROLE_CHANGE');
    });

    it('refuses two 三员 roles on one user, unknown roles and bad bodies (400 with field roleIds)', async () => {
      const id = await userId(t, 'grant_me');
      const both = await sec.put(`/api/system/users/${id}/roles`, {
        roleIds: [await roleId(t, 'sysadmin'), await roleId(t, 'auditadmin')],
      });
      expectError(both, 400, 'SEPARATION_OF_DUTIES', 'roleIds');
      expect(both.json().message).toContain('三员分立');
      expectError(
        await sec.put(`/api/system/users/${id}/roles`, { roleIds: ['01890000-0000-7000-8000-000000000000'] }),
        400,
        'ROLE_INVALID',
        'roleIds',
      );
      expectError(
        await sec.put(`/api/system/users/${id}/roles`, { roleIds: 'x' }),
        400,
        'VALIDATION',
        'roleIds.0',
      );
      expectError(
        await sec.put(`/api/system/users/${id}/roles`, { roleIds: { a: 1 } }),
        400,
        'VALIDATION',
        'roleIds',
      );
      expectError(await sec.put(`/api/system/users/${id}/roles`, {}), 400, 'VALIDATION', 'roleIds');
    });
  });
});
