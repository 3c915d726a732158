import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readXlsx } from '../../../platform/documents/xlsx.js';
import { createTestApp, type Session, type TestApp } from '../../../../test/harness.js';
import {
  createUser,
  eventually,
  expectError,
  loginAndChange,
  NEW_PASSWORD,
  ok,
  orgId,
  userId,
} from './helpers.js';
import type * as T from './types.js';

describe('user administration: sessions, lockout, passwords, audit, export, data scope', () => {
  let t: TestApp;
  let sys: Session;
  let sec: Session;
  let aud: Session;
  let xianOrg: string;
  beforeAll(async () => {
    t = await createTestApp({ config: { loginRateLimit: 10000 } });
    sys = await t.login('sysadmin');
    sec = await t.login('secadmin');
    aud = await t.login('auditadmin');
    xianOrg = await orgId(t, 'SX-610100');
  });
  afterAll(async () => t.close());

  it('a disabled user cannot log in and their open session ends at once', async () => {
    const { id, password } = await createUser(sys, { username: 'to_disable', orgId: xianOrg });
    const s = await loginAndChange(t, 'to_disable', password);
    ok<T.MeReply>(await s.get('/api/auth/me'));
    ok<T.UserDetail>(await sys.post(`/api/system/users/${id}/disable`));
    const after = await s.get('/api/auth/me');
    expectError(after, 401, 'SESSION_REVOKED');
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'to_disable', password: NEW_PASSWORD },
    });
    expectError(login, 403, 'ACCOUNT_DISABLED');
    ok<T.UserDetail>(await sys.post(`/api/system/users/${id}/enable`));
    ok(await t.login('to_disable', NEW_PASSWORD).then((x) => x.get('/api/auth/me')));
  });

  it('the security administrator unlocks a user locked out by wrong passwords', async () => {
    const { id, password } = await createUser(sys, { username: 'locked_out', orgId: xianOrg });
    for (let i = 0; i < 5; i++)
      await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'locked_out', password: 'Wrong#Pass1' },
      });
    const locked = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'locked_out', password },
    });
    expectError(locked, 423, 'ACCOUNT_LOCKED');
    const listed = ok<T.UserPage>(await sec.get('/api/system/users?keyword=locked_out'));
    expect(listed.items[0]!.locked).toBe(true);
    const u = ok<T.UserDetail>(await sec.post(`/api/system/users/${id}/unlock`));
    expect(u).toMatchObject({ locked: false, failedAttempts: 0, lockedUntil: null });
    ok(await t.login('locked_out', password).then((s) => s.get('/api/auth/me')));
  });

  it('a password reset ends the sessions and forces a change at the next login', async () => {
    const { id, password } = await createUser(sys, { username: 'forgetful', orgId: xianOrg });
    const s = await loginAndChange(t, 'forgetful', password);
    const { password: fresh } = ok<T.PasswordReply>(await sys.post(`/api/system/users/${id}/reset-password`));
    expect(fresh).not.toBe(password);
    expectError(await s.get('/api/auth/me'), 401, 'SESSION_REVOKED');
    const again = await t.login('forgetful', fresh);
    expect(ok<T.MeReply>(await again.get('/api/auth/me')).mustChangePassword).toBe(true);
    expectError(await again.get('/api/system/notices/mine'), 403, 'PASSWORD_CHANGE_REQUIRED');
    ok<T.OkReply>(
      await again.post('/api/auth/password', { oldPassword: fresh, newPassword: 'Another#Pass9' }),
    );
    ok<T.MyNoticesReply>(await again.get('/api/system/notices/mine'));
  });

  it('creating and disabling a user both appear in the audit log query', async () => {
    const { id } = await createUser(sys, { username: 'audited', orgId: xianOrg, phone: '13600001111' });
    ok<T.UserDetail>(await sys.post(`/api/system/users/${id}/disable`));
    const r = await eventually(async () => {
      const page = ok<T.AuditPage>(
        await aud.get(`/api/system/audit?targetType=user&targetId=${id}&sort=seq`),
      );
      expect(page.items.map((a) => a.action)).toEqual(['新增用户', '停用用户']);
      return page;
    });
    expect(r.items[0]).toMatchObject({
      username: 'sysadmin',
      result: 'success',
      statusCode: 200,
      method: 'POST',
    });
    const detail = ok<T.AuditDetail>(await aud.get(`/api/system/audit/${r.items[0]!.id}`));
    expect(detail.detail).toContain('audited');
    expect(detail.hash).toMatch(/^[0-9a-f]{64}$/);
    const byUser = ok<T.AuditPage>(await aud.get('/api/system/audit?username=sysadmin&action=停用'));
    expect(byUser.items.some((a) => a.targetId === id)).toBe(true);
  });

  it('exports the user list as xlsx with Chinese headers and masked phones', async () => {
    await createUser(sys, { username: 'export_me', orgId: xianOrg, phone: '13512345678' });
    const r = await sys.get('/api/system/users?format=xlsx&keyword=export_me');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    expect(String(r.headers['content-disposition'])).toContain(encodeURIComponent('用户列表'));
    const rows = await readXlsx(r.rawPayload);
    expect(rows[0]).toEqual([
      '用户名',
      '姓名',
      '所属机构',
      '手机号码',
      '电子邮箱',
      '角色',
      '状态',
      '是否锁定',
      '最近登录时间',
      '最近登录IP',
      '创建时间',
    ]);
    expect(rows).toHaveLength(2);
    expect(rows[1]!.slice(0, 4)).toEqual(['export_me', 'export_me', '西安市市场监督管理局', '135****5678']);
    expect(rows[1]![6]).toBe('正常');
  });

  it('data scope: a city-level administrator in 西安 sees 西安 users and not 宝鸡 ones', async () => {
    const role = ok<T.RoleDetail>(
      await sec.post('/api/system/roles', {
        code: 'city_user_admin',
        name: '市级用户管理员',
        dataScope: 'city',
        permissions: ['user:list', 'user:write', 'org:list'],
      }),
    );
    const { id, password } = await createUser(sys, { username: 'xa_admin', orgId: xianOrg });
    ok<T.UserDetail>(await sec.put(`/api/system/users/${id}/roles`, { roleIds: [role.id] }));
    const xa = await loginAndChange(t, 'xa_admin', password);

    const seen = ok<T.UserPage>(await xa.get('/api/system/users?pageSize=500')).items.map((u) => u.username);
    expect(seen).toEqual(expect.arrayContaining(['xian', 'xincheng', 'yanta', 'qiye', 'xa_admin']));
    for (const other of ['baoji', 'weibin', 'qiye2', 'xianyang', 'sheng', 'sysadmin'])
      expect(seen).not.toContain(other);

    const baojiId = await userId(t, 'baoji');
    expectError(await xa.get(`/api/system/users/${baojiId}`), 404, 'USER_NOT_FOUND');
    expectError(await xa.post(`/api/system/users/${baojiId}/reset-password`), 404, 'USER_NOT_FOUND');
    const inBaoji = await xa.post('/api/system/users', {
      username: 'sneaky',
      displayName: '越权',
      orgId: await orgId(t, 'SX-610300'),
    });
    expectError(inBaoji, 400, 'ORG_INVALID', 'orgId');
    ok<T.CreateUserReply>(
      await xa.post('/api/system/users', { username: 'xa_clerk', displayName: '西安科员', orgId: xianOrg }),
    );

    const xlsx = await readXlsx((await xa.get('/api/system/users?format=xlsx')).rawPayload);
    const exported = xlsx.slice(1).map((r) => r[0]);
    expect(exported).toContain('xincheng');
    expect(exported).not.toContain('baoji');

    // The province administrator sees both cities.
    const all = ok<T.UserPage>(await sys.get('/api/system/users?pageSize=500')).items.map((u) => u.username);
    expect(all).toEqual(expect.arrayContaining(['baoji', 'xian', 'xa_clerk']));
  });
});
