import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../platform/context.js';
import { dictsRoutes } from './dicts.routes.js';
import { auditRoutes, loginLogRoutes } from './logs.routes.js';
import { noticesRoutes } from './notices.routes.js';
import { orgsRoutes } from './orgs.routes.js';
import { paramsRoutes } from './params.routes.js';
import { regionsRoutes } from './regions.routes.js';
import { permissionsRoutes, rolesRoutes } from './roles.routes.js';
import { sessionsRoutes } from './sessions.routes.js';
import { usersRoutes } from './users.routes.js';

const PARTS: Array<[prefix: string, plugin: (ctx: AppContext) => FastifyPluginAsyncTypebox]> = [
  ['/users', usersRoutes],
  ['/roles', rolesRoutes],
  ['/permissions', permissionsRoutes],
  ['/orgs', orgsRoutes],
  ['/regions', regionsRoutes],
  ['/dicts', dictsRoutes],
  ['/params', paramsRoutes],
  ['/notices', noticesRoutes],
  ['/audit', auditRoutes],
  ['/login-logs', loginLogRoutes],
  ['/sessions', sessionsRoutes],
];

/** /api/system: the system management API (RuoYi baseline) under 三员分立. */
export function systemRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    for (const [prefix, plugin] of PARTS) await app.register(plugin(ctx), { prefix });
  };
}
