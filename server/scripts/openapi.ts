import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { systemClock } from '../src/platform/clock.js';
import { openDatabase } from '../src/platform/db/database.js';
import { createLogger } from '../src/platform/logger.js';

/** Writes (or checks) server/openapi.json, the committed OpenAPI spec the web client is generated from. */
const target = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../openapi.json');
const mode = process.argv[2] ?? 'write';

const handle = await openDatabase({});
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
await handle.close();

if (mode === 'check') {
  const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
  if (current !== spec) {
    process.stderr.write('server/openapi.json 已过期：请运行 npm run openapi -w server 并提交\n');
    process.exit(1);
  }
  process.stdout.write('openapi.json is up to date\n');
} else {
  fs.writeFileSync(target, spec);
  process.stdout.write(`wrote ${target}\n`);
}
