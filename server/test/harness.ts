import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { inject } from 'vitest';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { buildApp } from '../src/app.js';
import type { AppConfig } from '../src/config.js';
import { FixedClock, systemClock, type Clock } from '../src/platform/clock.js';
import type { AppContext } from '../src/platform/context.js';
import { openDatabase } from '../src/platform/db/database.js';
import { migrateToLatest } from '../src/platform/db/migrator.js';
import { createLogger } from '../src/platform/logger.js';
import { DEMO_PASSWORD } from '../src/seed/demo.data.js';
import { seedBase, seedInitial } from '../src/seed/seed.js';
import { testConfig } from './template.js';

let templateBlob: Blob | undefined;
function pgliteTemplate(): Blob | undefined {
  const file = inject('pgliteTemplateFile');
  if (!file) return undefined;
  templateBlob ??= new Blob([fs.readFileSync(file)]);
  return templateBlob;
}

export { FixedClock, DEMO_PASSWORD };

export interface TestContext {
  ctx: AppContext;
  close(): Promise<void>;
}

export interface TestContextOptions {
  clock?: Clock;
  config?: Partial<AppConfig>;
  /** Seed the demo organisations and one user per role (default true). */
  demo?: boolean;
}

/**
 * A fresh database for one test file: an in-memory PGlite by default, or a new database on the
 * PostgreSQL server named by DATABASE_URL (dropped on close). Migrated and seeded.
 */
export async function createTestContext(opts: TestContextOptions = {}): Promise<TestContext> {
  const config: AppConfig = { ...testConfig(), ...opts.config };
  // The template holds the migrated schema, base data and demo data; tests without demo data build their own.
  const useTemplate = opts.demo !== false;
  const serverUrl = process.env.DATABASE_URL;
  let dbName: string | undefined;
  let url: string | undefined;
  if (serverUrl) {
    dbName = `t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    const template = useTemplate ? inject('templateDb') : undefined;
    await admin.query(`create database ${dbName}${template ? ` template ${template}` : ''}`);
    await admin.end();
    const u = new URL(serverUrl);
    u.pathname = `/${dbName}`;
    url = u.toString();
  }
  const handle = await openDatabase({
    databaseUrl: url,
    poolSize: 5,
    pgliteTemplate: !url && useTemplate ? pgliteTemplate() : undefined,
  });
  const ctx: AppContext = {
    config: { ...config, databaseUrl: url },
    db: handle.db,
    dbKind: handle.kind,
    clock: opts.clock ?? systemClock,
    logger: createLogger('silent'),
  };
  // A template copy is already migrated and seeded by test/global-setup.ts in this run.
  const fromTemplate = useTemplate && (url ? !!inject('templateDb') : !!pgliteTemplate());
  if (!fromTemplate) {
    await migrateToLatest(ctx.db);
    await seedBase(ctx);
    if (opts.demo !== false) await seedInitial(ctx);
  }
  return {
    ctx,
    close: async () => {
      await handle.close();
      if (dbName && serverUrl) {
        const admin = new pg.Client({ connectionString: serverUrl });
        await admin.connect();
        await admin.query(`drop database if exists ${dbName}`);
        await admin.end();
      }
    },
  };
}

/** A logged-in client for app.inject: carries the session cookie and the CSRF header. */
export interface Session {
  username: string;
  token: string;
  csrf: string;
  request(opts: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  del(url: string): Promise<LightMyRequestResponse>;
}

export interface TestApp extends TestContext {
  app: FastifyInstance;
  /** Logs in (demo password by default) and returns a session client. */
  login(username: string, password?: string): Promise<Session>;
}

/** The whole HTTP app over a fresh test database. */
export async function createTestApp(opts: TestContextOptions = {}): Promise<TestApp> {
  const t = await createTestContext(opts);
  const app = await buildApp(t.ctx);
  await app.ready();
  const login = async (username: string, password = DEMO_PASSWORD): Promise<Session> => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
    const body = res.json<{ token: string; csrfToken: string }>();
    return sessionFor(app, username, body.token, body.csrfToken);
  };
  return {
    ...t,
    app,
    login,
    close: async () => {
      await app.close();
      await t.close();
    },
  };
}

export function sessionFor(app: FastifyInstance, username: string, token: string, csrf: string): Session {
  const request = (o: InjectOptions) =>
    app.inject({
      ...o,
      cookies: { samr_sid: token, ...(o.cookies ?? {}) },
      headers: { 'x-csrf-token': csrf, ...(o.headers ?? {}) },
    });
  return {
    username,
    token,
    csrf,
    request,
    get: (url) => request({ method: 'GET', url }),
    post: (url, payload) => request({ method: 'POST', url, payload: payload as InjectOptions['payload'] }),
    put: (url, payload) => request({ method: 'PUT', url, payload: payload as InjectOptions['payload'] }),
    del: (url) => request({ method: 'DELETE', url }),
  };
}

export const testClock = (iso = '2026-03-16T09:00:00+08:00') => new FixedClock(new Date(iso));
