import fs from 'node:fs';
import { generateOpenApi, OPENAPI_FILE } from '../src/platform/http/openapi.js';

/** `write` regenerates server/openapi.json; `check` exits 1 when it is stale. */
const mode = process.argv[2] ?? 'write';
const spec = await generateOpenApi();
if (mode === 'check') {
  const current = fs.existsSync(OPENAPI_FILE) ? fs.readFileSync(OPENAPI_FILE, 'utf8') : '';
  if (current !== spec) {
    process.stderr.write('server/openapi.json 已过期：请运行 npm run openapi -w server 并提交\n');
    process.exit(1);
  }
  process.stdout.write('openapi.json is up to date\n');
} else {
  fs.writeFileSync(OPENAPI_FILE, spec);
  process.stdout.write(`wrote ${OPENAPI_FILE}\n`);
}
