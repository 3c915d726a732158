// Fails when src/api/schema.d.ts is not what openapi-typescript makes of server/openapi.json.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const tmp = path.join(os.tmpdir(), `samr-schema-${process.pid}.d.ts`);
execFileSync('npx', ['--no-install', 'openapi-typescript', '../server/openapi.json', '-o', tmp], {
  stdio: 'ignore',
  cwd: path.resolve(import.meta.dirname, '..'),
});
const want = fs.readFileSync(tmp, 'utf8');
fs.rmSync(tmp);
const have = fs.readFileSync(path.resolve(import.meta.dirname, '../src/api/schema.d.ts'), 'utf8');
if (want !== have) {
  console.error('web/src/api/schema.d.ts 已过期：请运行 npm run api:gen -w web 并提交');
  process.exit(1);
}
console.log('web API client types are up to date');
