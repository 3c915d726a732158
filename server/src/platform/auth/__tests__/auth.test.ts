import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DEMO_PASSWORD, FixedClock, type TestApp } from '../../../../test/harness.js';
import { hashPassword } from '../password.js';
import { uuidv7 } from '../../ids.js';
import { orgIdByCode } from '../../../seed/seed.js';

describe('auth over HTTP', () => {
  let t: TestApp;
  const clock = new FixedClock(new Date('2026-03-16T09:00:00+08:00'));
  beforeAll(async () => {
    t = await createTestApp({ clock });
  });
  afterAll(async () => t.close());

  async function addUser(username: string, opts: { mustChange?: boolean; demo?: boolean } = {}) {
    await t.ctx.db
      .insertInto('app_user')
      .values({
        id: uuidv7(),
        username,
        display_name: username,
        org_id: await orgIdByCode(t.ctx, 'SX-610100'),
        phone: null,
        email: null,
        password_hash: await hashPassword('Good#Pass1', 1024),
        must_change_password: opts.mustChange ?? false,
        is_demo: opts.demo ?? false,
        password_changed_at: clock.now(),
      })
      .execute();
  }

  it('logs in with the demo password and answers /me with permissions and scope', async () => {
    const s = await t.login('xian');
    const me = await s.get('/api/auth/me');
    expect(me.statusCode).toBe(200);
    const body = me.json();
    expect(body.org.name).toBe('西安市市场监督管理局');
    expect(body.dataScopes).toEqual(['city']);
    expect(body.roles).toEqual(['city_officer']);
  });

  it('refuses a wrong password with the attempts left, then locks after five', async () => {
    await addUser('lockme');
    for (let i = 1; i <= 4; i++) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'lockme', password: 'bad' },
      });
      expect(r.statusCode).toBe(401);
      expect(r.json().details.remainingAttempts).toBe(5 - i);
      expect(r.json().message).toContain(`还可尝试 ${5 - i} 次`);
    }
    const fifth = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'lockme', password: 'bad' },
    });
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().code).toBe('ACCOUNT_LOCKED');
    // Even the right password is refused while locked, with the minutes left.
    const right = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'lockme', password: 'Good#Pass1' },
    });
    expect(right.statusCode).toBe(423);
    expect(right.json().details.minutesLeft).toBe(15);
    clock.advance(16 * 60000);
    const after = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'lockme', password: 'Good#Pass1' },
    });
    expect(after.statusCode).toBe(200);
    const log = await t.ctx.db
      .selectFrom('login_log')
      .select('result')
      .where('username', '=', 'lockme')
      .execute();
    expect(log.map((l) => l.result)).toEqual([
      'bad_password',
      'bad_password',
      'bad_password',
      'bad_password',
      'locked',
      'locked',
      'success',
    ]);
  });

  it('gives the same answer for an unknown user as for a wrong password', async () => {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'nobody', password: 'x' },
    });
    expect(r.statusCode).toBe(401);
    expect(r.json().code).toBe('LOGIN_FAILED');
  });

  it('answers 400 with the field for a missing password', async () => {
    const r = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'x' } });
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ code: 'VALIDATION', field: 'password' });
    expect(r.json().message).toContain('缺少必填项');
  });

  it('forces a password change at first login and applies the policy', async () => {
    await addUser('newbie', { mustChange: true });
    const s = await t.login('newbie', 'Good#Pass1');
    expect((await s.get('/api/auth/me')).json().mustChangePassword).toBe(true);
    const blocked = await s.get('/api/regions');
    expect([403, 404]).toContain(blocked.statusCode);
    const weak = await s.post('/api/auth/password', { oldPassword: 'Good#Pass1', newPassword: 'newbie123' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().field).toBe('newPassword');
    expect(weak.json().message).toContain('不能包含用户名');
    const ok = await s.post('/api/auth/password', { oldPassword: 'Good#Pass1', newPassword: 'Strong#Pass2' });
    expect(ok.statusCode).toBe(200);
    expect((await s.get('/api/auth/me')).json().mustChangePassword).toBe(false);
  });

  it('requires the CSRF header on cookie-authenticated writes but not on bearer ones', async () => {
    const s = await t.login('sheng');
    const noCsrf = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      cookies: { samr_sid: s.token },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().code).toBe('CSRF_INVALID');
    const bearer = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { authorization: `Bearer ${s.token}` },
    });
    expect(bearer.statusCode).toBe(200);
    const after = await s.get('/api/auth/me');
    expect(after.statusCode).toBe(401);
  });

  it('lets a browser with a stale session cookie log in without the CSRF header', async () => {
    const old = await t.login('xincheng');
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      cookies: { samr_sid: old.token },
      payload: { username: 'xincheng', password: DEMO_PASSWORD },
    });
    expect(r.statusCode).toBe(200);
  });

  it('tells how long to wait when login attempts come too fast', async () => {
    const limited = await createTestApp({ config: { loginRateLimit: 2 } });
    try {
      const attempt = () =>
        limited.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: 'nobody', password: 'x' },
        });
      await attempt();
      await attempt();
      const third = await attempt();
      expect(third.statusCode).toBe(429);
      expect(third.json().message).toMatch(/登录尝试过于频繁，请 \d+ 秒后再试/);
    } finally {
      await limited.close();
    }
  });

  it('expires a session after 30 idle minutes', async () => {
    const s = await t.login('baoji');
    clock.advance(29 * 60000);
    expect((await s.get('/api/auth/me')).statusCode).toBe(200);
    clock.advance(31 * 60000);
    const r = await s.get('/api/auth/me');
    expect(r.statusCode).toBe(401);
    expect(r.json().code).toBe('SESSION_EXPIRED');
  });

  it('refuses demo accounts when demo mode is off', async () => {
    // Seeded in demo mode, then restarted with DEMO=false: the published password must stop working.
    const prod = await createTestApp();
    prod.ctx.config.demo = false;
    try {
      const r = await prod.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'sheng', password: DEMO_PASSWORD },
      });
      expect(r.statusCode).toBe(403);
      expect(r.json().code).toBe('DEMO_ACCOUNT_DISABLED');
    } finally {
      await prod.close();
    }
  });

  it('answers 401 without a session and never leaks a stack trace', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/auth/me' });
    expect(r.statusCode).toBe(401);
    expect(r.json().requestId).toBeTruthy();
    expect(r.headers['x-request-id']).toBe(r.json().requestId);
  });
});
