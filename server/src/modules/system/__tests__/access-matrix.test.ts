import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/harness.js';
import { systemRoutes } from '../system.routes.js';

// Every route of /api/system: 401 without a session; 403 for users lacking the permission (三员分立:
// sysadmin cannot grant roles or read the audit log, secadmin cannot create users, auditadmin changes nothing).
const ID = '01890000-0000-7000-8000-000000000000';
const SID = 'a'.repeat(64);

type Route = [method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, denied: string[]];

const ROUTES: Route[] = [
  ['GET', '/api/system/users', ['auditadmin', 'qiye']],
  ['GET', `/api/system/users/${ID}`, ['auditadmin', 'qiye']],
  ['POST', '/api/system/users', ['secadmin', 'auditadmin', 'xian']],
  ['PUT', `/api/system/users/${ID}`, ['secadmin', 'auditadmin']],
  ['POST', `/api/system/users/${ID}/disable`, ['secadmin', 'auditadmin']],
  ['POST', `/api/system/users/${ID}/enable`, ['secadmin', 'auditadmin']],
  ['POST', `/api/system/users/${ID}/reset-password`, ['secadmin', 'auditadmin']],
  ['POST', `/api/system/users/${ID}/unlock`, ['sysadmin', 'auditadmin']],
  ['PUT', `/api/system/users/${ID}/roles`, ['sysadmin', 'auditadmin', 'sheng']],
  ['GET', '/api/system/roles', ['auditadmin', 'qiye']],
  ['GET', `/api/system/roles/${ID}`, ['auditadmin', 'qiye']],
  ['POST', '/api/system/roles', ['sysadmin', 'auditadmin']],
  ['PUT', `/api/system/roles/${ID}`, ['sysadmin', 'auditadmin']],
  ['POST', `/api/system/roles/${ID}/disable`, ['sysadmin', 'auditadmin']],
  ['POST', `/api/system/roles/${ID}/enable`, ['sysadmin', 'auditadmin']],
  ['GET', `/api/system/roles/${ID}/permissions`, ['auditadmin', 'qiye']],
  ['PUT', `/api/system/roles/${ID}/permissions`, ['sysadmin', 'auditadmin']],
  ['GET', '/api/system/permissions', ['auditadmin', 'qiye']],
  ['GET', '/api/system/orgs/tree', ['auditadmin', 'yunwei']],
  ['GET', '/api/system/orgs', ['auditadmin']],
  ['GET', `/api/system/orgs/${ID}`, ['auditadmin']],
  ['POST', '/api/system/orgs', ['secadmin', 'auditadmin', 'sheng']],
  ['PUT', `/api/system/orgs/${ID}`, ['secadmin', 'auditadmin']],
  ['POST', `/api/system/orgs/${ID}/disable`, ['secadmin', 'auditadmin']],
  ['POST', `/api/system/orgs/${ID}/enable`, ['secadmin', 'auditadmin']],
  ['GET', `/api/system/orgs/${ID}/jurisdiction`, ['auditadmin']],
  ['PUT', `/api/system/orgs/${ID}/jurisdiction`, ['secadmin', 'auditadmin']],
  ['GET', '/api/system/regions/tree', ['auditadmin']],
  ['GET', '/api/system/regions', ['auditadmin']],
  ['GET', '/api/system/dicts', ['secadmin', 'auditadmin']],
  ['GET', '/api/system/dicts/sys_yes_no', ['secadmin', 'auditadmin']],
  ['POST', '/api/system/dicts', ['secadmin', 'auditadmin', 'sheng']],
  ['PUT', '/api/system/dicts/sys_yes_no', ['secadmin', 'auditadmin']],
  ['DELETE', '/api/system/dicts/sys_yes_no', ['secadmin', 'auditadmin']],
  ['GET', '/api/system/dicts/sys_yes_no/items', []],
  ['POST', '/api/system/dicts/sys_yes_no/items', ['secadmin', 'auditadmin']],
  ['PUT', `/api/system/dicts/sys_yes_no/items/${ID}`, ['secadmin', 'auditadmin']],
  ['DELETE', `/api/system/dicts/sys_yes_no/items/${ID}`, ['secadmin', 'auditadmin']],
  ['GET', '/api/system/params', ['secadmin', 'auditadmin']],
  ['GET', '/api/system/params/sys.platformName', ['secadmin', 'auditadmin']],
  ['PUT', '/api/system/params/sys.platformName', ['secadmin', 'auditadmin']],
  ['GET', '/api/system/notices', ['secadmin', 'auditadmin', 'xian']],
  ['GET', `/api/system/notices/${ID}`, ['secadmin', 'auditadmin']],
  ['POST', '/api/system/notices', ['secadmin', 'auditadmin']],
  ['PUT', `/api/system/notices/${ID}`, ['secadmin', 'auditadmin']],
  ['DELETE', `/api/system/notices/${ID}`, ['secadmin', 'auditadmin']],
  ['POST', `/api/system/notices/${ID}/publish`, ['secadmin', 'auditadmin']],
  ['POST', `/api/system/notices/${ID}/withdraw`, ['secadmin', 'auditadmin']],
  ['GET', '/api/system/notices/mine', []],
  ['POST', `/api/system/notices/${ID}/read`, []],
  ['GET', '/api/system/audit', ['sysadmin', 'secadmin', 'sheng']],
  ['GET', `/api/system/audit/${ID}`, ['sysadmin', 'secadmin']],
  ['POST', '/api/system/audit/verify', ['sysadmin', 'secadmin']],
  ['GET', '/api/system/login-logs', ['sysadmin', 'qiye']],
  ['GET', '/api/system/sessions', ['sysadmin', 'auditadmin']],
  ['DELETE', `/api/system/sessions/${SID}`, ['sysadmin', 'auditadmin']],
];

describe('/api/system access matrix', () => {
  let t: TestApp;
  const sessions = new Map<string, Session>();
  beforeAll(async () => {
    t = await createTestApp({ config: { loginRateLimit: 10000 } });
    for (const u of ['sysadmin', 'secadmin', 'auditadmin', 'qiye', 'xian', 'sheng', 'yunwei'])
      sessions.set(u, await t.login(u));
  });
  afterAll(async () => t.close());

  const payload = (m: string) => (m === 'POST' || m === 'PUT' ? {} : undefined);

  it.each(ROUTES)('%s %s answers 401 without a session', async (method, url) => {
    const r = await t.app.inject({ method, url, payload: payload(method) });
    expect(r.statusCode, r.body).toBe(401);
    expect(r.json().message).toMatch(/登录/);
  });

  it.each(ROUTES.flatMap(([m, u, denied]) => denied.map((who) => [m, u, who] as const)))(
    '%s %s answers 403 to %s',
    async (method, url, who) => {
      const r = await sessions.get(who)!.request({ method, url, payload: payload(method) });
      expect(r.statusCode, r.body).toBe(403);
      expect(r.json().code).toBe('FORBIDDEN');
      expect(r.json().message).toContain('需要权限');
    },
  );

  it('covers every route the module registers', async () => {
    const f = Fastify().withTypeProvider<TypeBoxTypeProvider>();
    const seen = new Set<string>();
    f.addHook('onRoute', (r) => {
      for (const m of [r.method].flat())
        if (m !== 'HEAD') seen.add(`${m} ${r.url.replace(/\/$/, '').replace(/:code/, 'sys_yes_no')}`);
    });
    await f.register(systemRoutes(t.ctx), { prefix: '/api/system' });
    await f.ready();
    await f.close();
    const listed = new Set(
      ROUTES.map(
        ([m, u]) => `${m} ${u.replace(ID, ':id').replace(SID, ':id').replace('sys.platformName', ':key')}`,
      ),
    );
    expect([...seen].sort()).toEqual([...listed].sort());
  });
});
