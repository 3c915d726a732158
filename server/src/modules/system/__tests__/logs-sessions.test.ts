import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readXlsx } from '../../../platform/documents/xlsx.js';
import { createTestApp, type Session, type TestApp } from '../../../../test/harness.js';
import { eventually, expectError, ok } from './helpers.js';
import type * as T from './types.js';

const UNKNOWN = '01890000-0000-7000-8000-000000000000';

describe('/api/system/audit and /login-logs', () => {
  let t: TestApp;
  let aud: Session;
  let sec: Session;
  beforeAll(async () => {
    t = await createTestApp({ config: { loginRateLimit: 10000 } });
    aud = await t.login('auditadmin');
    sec = await t.login('secadmin');
  });
  afterAll(async () => t.close());

  it('queries the audit log with filters, paging and xlsx', async () => {
    await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'xian', password: 'nope' },
    });
    const failures = await eventually(async () => {
      const r = ok<T.AuditPage>(await aud.get('/api/system/audit?result=failure&action=登录'));
      expect(r.total).toBeGreaterThanOrEqual(1);
      return r;
    });
    expect(failures.items[0]).toMatchObject({ username: 'xian', result: 'failure', action: '登录' });
    const paged = ok<T.AuditPage>(await aud.get('/api/system/audit?pageSize=2&sort=-at'));
    expect(paged.items).toHaveLength(2);
    const now = new Date();
    const future = new Date(now.getTime() + 3600_000).toISOString();
    expect(ok<T.AuditPage>(await aud.get(`/api/system/audit?from=${encodeURIComponent(future)}`)).total).toBe(
      0,
    );
    const rows = await readXlsx((await aud.get('/api/system/audit?format=xlsx')).rawPayload);
    expect(rows[0]).toEqual([
      '序号',
      '时间',
      '操作人',
      '所属机构',
      '操作',
      '对象类型',
      '对象标识',
      '请求',
      'IP 地址',
      '结果',
      '状态码',
    ]);
  });

  it('answers 400 with the field for bad filters', async () => {
    expectError(await aud.get('/api/system/audit?result=maybe'), 400, 'VALIDATION', 'result');
    expectError(await aud.get('/api/system/audit?from=yesterday'), 400, 'VALIDATION', 'from');
    expectError(
      await aud.get('/api/system/audit?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z'),
      400,
      'TIME_RANGE_INVALID',
      'to',
    );
    expectError(await aud.get('/api/system/audit?sort=hash'), 400, 'SORT_FIELD_INVALID', 'sort');
  });

  it('GET /audit/:id shows the entry with its redacted detail and hashes; 400 / 404', async () => {
    const list = ok<T.AuditPage>(await aud.get('/api/system/audit?action=登录&pageSize=1'));
    const d = ok<T.AuditDetail>(await aud.get(`/api/system/audit/${list.items[0]!.id}`));
    expect(d.prevHash).toMatch(/^[0-9a-f]{64}$/);
    expect(d.detail).toBeTypeOf('string');
    expectError(await aud.get('/api/system/audit/1'), 400, 'VALIDATION', 'id');
    expectError(await aud.get(`/api/system/audit/${UNKNOWN}`), 404, 'AUDIT_NOT_FOUND');
  });

  it('POST /audit/verify reports an intact chain, then the tampered row', async () => {
    const r = ok<T.VerifyReply>(await aud.post('/api/system/audit/verify'));
    expect(r.ok).toBe(true);
    expect(r.checked).toBeGreaterThan(0);
    expect(r.message).toContain('审计日志完整');
    // Tamper with a row behind the trigger's back (as a DBA could), then verify again.
    await eventually(async () =>
      expect(ok<T.AuditPage>(await aud.get('/api/system/audit?action=完整性校验')).total).toBe(1),
    );
    await sql`alter table audit_log disable trigger audit_log_no_update`.execute(t.ctx.db);
    await sql`update audit_log set action = '篡改' where seq = 2`.execute(t.ctx.db);
    await sql`alter table audit_log enable trigger audit_log_no_update`.execute(t.ctx.db);
    const bad = ok<T.VerifyReply>(await aud.post('/api/system/audit/verify'));
    expect(bad).toMatchObject({ ok: false, problem: { seq: '2', kind: 'changed' } });
    expect(bad.message).toContain('校验失败');
  });

  it('queries the login log (security and audit administrators) with filters and xlsx', async () => {
    await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'baoji', password: 'wrong' },
    });
    const r = ok<T.LoginLogPage>(await sec.get('/api/system/login-logs?username=baoji&result=bad_password'));
    expect(r.items[0]).toMatchObject({
      username: 'baoji',
      result: 'bad_password',
      resultLabel: '密码错误',
      orgName: '宝鸡市市场监督管理局',
    });
    expect(
      ok<T.LoginLogPage>(await aud.get('/api/system/login-logs?result=success')).total,
    ).toBeGreaterThanOrEqual(2);
    expectError(await aud.get('/api/system/login-logs?to=bad'), 400, 'VALIDATION', 'to');
    expectError(await aud.get('/api/system/login-logs?sort=ip'), 400, 'SORT_FIELD_INVALID', 'sort');
    const rows = await readXlsx((await aud.get('/api/system/login-logs?format=xlsx')).rawPayload);
    expect(rows[0]!.slice(0, 5)).toEqual(['时间', '用户名', '所属机构', 'IP 地址', '结果']);
  });
});

describe('/api/system/sessions', () => {
  let t: TestApp;
  let sec: Session;
  beforeAll(async () => {
    t = await createTestApp({ config: { loginRateLimit: 10000 } });
    sec = await t.login('secadmin');
  });
  afterAll(async () => t.close());

  it('lists active sessions with user, organisation, IP and times; never the token', async () => {
    const x = await t.login('xian');
    const r = ok<T.SessionPage>(await sec.get('/api/system/sessions?pageSize=100'));
    const mine = r.items.find((s) => s.current)!;
    expect(mine.username).toBe('secadmin');
    const row = r.items.find((s) => s.username === 'xian')!;
    expect(row).toMatchObject({ displayName: '李西安', orgName: '西安市市场监督管理局', current: false });
    expect(row.loginAt).toMatch(/T/);
    expect(row.lastSeenAt).toMatch(/T/);
    expect(JSON.stringify(r)).not.toContain(x.token);
    expect(
      ok<T.SessionPage>(await sec.get('/api/system/sessions?keyword=李西')).items.every(
        (s) => s.username === 'xian',
      ),
    ).toBe(true);
    expectError(await sec.get('/api/system/sessions?orgId=1'), 400, 'VALIDATION', 'orgId');
    expectError(await sec.get('/api/system/sessions?sort=token'), 400, 'SORT_FIELD_INVALID', 'sort');
    const rows = await readXlsx((await sec.get('/api/system/sessions?format=xlsx')).rawPayload);
    expect(rows[0]!.slice(0, 3)).toEqual(['用户名', '姓名', '所属机构']);
  });

  it('leaves out ended sessions', async () => {
    const b = await t.login('baoji');
    ok<T.OkReply>(await b.post('/api/auth/logout'));
    const r = ok<T.SessionPage>(await sec.get('/api/system/sessions?keyword=baoji'));
    expect(r.total).toBe(0);
  });

  it('force logout: the user’s next request gets 401 SESSION_REVOKED, and it is audited', async () => {
    const victim = await t.login('sheng');
    ok<T.MeReply>(await victim.get('/api/auth/me'));
    const s = ok<T.SessionPage>(await sec.get('/api/system/sessions?keyword=sheng')).items[0]!;
    const r = ok<T.RevokeReply>(await sec.del(`/api/system/sessions/${s.id}`));
    expect(r).toMatchObject({ ok: true, username: 'sheng' });
    expectError(await victim.get('/api/auth/me'), 401, 'SESSION_REVOKED');
    expect(ok<T.SessionPage>(await sec.get('/api/system/sessions?keyword=sheng')).total).toBe(0);
    expectError(await sec.del(`/api/system/sessions/${s.id}`), 404, 'SESSION_NOT_FOUND');
    const aud = await t.login('auditadmin');
    await eventually(async () => {
      const a = ok<T.AuditPage>(await aud.get(`/api/system/audit?action=强制下线&targetId=${r.userId}`));
      expect(a.items[0]).toMatchObject({ username: 'secadmin', targetType: 'user', result: 'success' });
    });
  });

  it('answers 400 for a malformed id and for one’s own session', async () => {
    expectError(await sec.del('/api/system/sessions/abc'), 400, 'VALIDATION', 'id');
    const own = ok<T.SessionPage>(await sec.get('/api/system/sessions?keyword=secadmin')).items.find(
      (s) => s.current,
    )!;
    expectError(await sec.del(`/api/system/sessions/${own.id}`), 400, 'OWN_SESSION', 'id');
  });
});
