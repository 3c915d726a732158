import fs from 'node:fs';
import path from 'node:path';
import { buildApp } from '../../app.js';
import { loadConfig, REPO_ROOT } from '../../config.js';
import { systemClock } from '../clock.js';
import { openDatabase } from '../db/database.js';
import { createLogger } from '../logger.js';

/** The committed OpenAPI spec the web client is generated from. */
export const OPENAPI_FILE = path.join(REPO_ROOT, 'server', 'openapi.json');

/** Builds the app (no database access happens at build time) and returns its OpenAPI document as text. */
export async function generateOpenApi(): Promise<string> {
  const handle = await openDatabase({});
  try {
    const app = await buildApp({
      config: loadConfig({ ...process.env, DATABASE_URL: '' }),
      db: handle.db,
      dbKind: handle.kind,
      clock: systemClock,
      logger: createLogger('silent'),
    });
    await app.ready();
    const spec = JSON.stringify(app.swagger(), null, 2) + '\n';
    await app.close();
    return spec;
  } finally {
    await handle.close();
  }
}

/** True when server/openapi.json matches the routes. */
export async function openApiIsCurrent(): Promise<boolean> {
  const current = fs.existsSync(OPENAPI_FILE) ? fs.readFileSync(OPENAPI_FILE, 'utf8') : '';
  return current === (await generateOpenApi());
}
