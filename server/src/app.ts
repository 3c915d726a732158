import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type RawServerDefault } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { authRoutes } from './platform/auth/auth.routes.js';
import { installAuthHooks } from './platform/auth/auth.hooks.js';
import { calendarRoutes } from './platform/calendar/calendar.routes.js';
import { systemRoutes } from './modules/system/system.routes.js';
import { licensingRoutes } from './modules/licensing/licensing.routes.js';
import { publicLicenceRoutes } from './modules/licensing/certificates.routes.js';
import type { AppContext } from './platform/context.js';
import { pingDatabase } from './platform/db/database.js';
import { filesRoutes } from './platform/files/files.routes.js';
import { installErrorHandler } from './platform/http/error-handler.js';
import { installMetrics } from './platform/observability/metrics.js';
import { outboxRoutes } from './platform/outbox/outbox.routes.js';
import { ErrorReply } from './platform/http/schemas.js';
import { installHome } from './platform/http/home.js';
import { installWeb } from './platform/http/web.js';
import './platform/http/types.js';
import { workflowRoutes } from './platform/workflow/workflow.routes.js';
import { demoProcessRoutes } from './platform/workflow/demo-process.js';
import { uuidv7 } from './platform/ids.js';

/** The application instance type (TypeBox type provider). */
export type App = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

export interface BuildOptions {
  /** Register Swagger UI at /api/docs (off in most tests for speed). */
  docs?: boolean;
  /** Serve the built web console from web/dist (on for `serve`/`all`). */
  web?: boolean;
}

/**
 * Every module's routes, mounted under its prefix. A module adds one line here.
 */
const ROUTES: Array<[prefix: string, plugin: (ctx: AppContext) => FastifyPluginAsyncTypebox]> = [
  ['/api/auth', authRoutes],
  ['/api/workflow', workflowRoutes],
  ['/api/workflow/demo', demoProcessRoutes],
  ['/api/ops/outbox', outboxRoutes],
  ['/api/files', filesRoutes],
  ['/api/calendar', calendarRoutes],
  ['/api/system', systemRoutes],
  ['/api/licensing', licensingRoutes],
  ['/api/public/licences', publicLicenceRoutes],
];

/** buildApp(ctx): platform plugins + every module's routes. */
export async function buildApp(ctx: AppContext, opts: BuildOptions = {}): Promise<App> {
  const logger: FastifyBaseLogger = ctx.logger;
  const app = Fastify({
    loggerInstance: logger,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{8,64}$/.test(given) ? given : uuidv7();
    },
    trustProxy: ctx.config.trustProxy,
    bodyLimit: 10 * 1024 * 1024,
    ajv: {
      customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false },
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'SAMEORIGIN');
    reply.header('referrer-policy', 'same-origin');
    if (req.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });

  installErrorHandler(app);
  app.addSchema(ErrorReply);
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      info: { title: '陕西省市场监督管理局 信息平台 API', version: '0.1.0' },
      components: {
        securitySchemes: {
          cookieAuth: { type: 'apiKey', in: 'cookie', name: 'samr_sid' },
          bearerAuth: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ cookieAuth: [] }, { bearerAuth: [] }],
    },
  });
  if (opts.docs) await app.register(swaggerUi, { routePrefix: '/api/docs' });
  installAuthHooks(app, ctx);
  installMetrics(app, ctx);

  if (!(opts.web && (await installWeb(app)))) installHome(app);
  app.get('/api/health', { schema: { tags: ['运维'], summary: '存活检查', hide: false } }, async () => ({
    status: 'ok',
  }));
  app.get(
    '/api/ready',
    { schema: { tags: ['运维'], summary: '就绪检查（数据库可达）' } },
    async (_req, reply) => {
      const ok = await pingDatabase(ctx.db);
      return reply
        .status(ok ? 200 : 503)
        .send({ status: ok ? 'ready' : 'database unreachable', database: ctx.dbKind });
    },
  );

  for (const [prefix, plugin] of ROUTES) await app.register(plugin(ctx), { prefix });
  return app;
}
