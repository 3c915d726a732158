// Builds the web console when web/dist is missing or older than its sources, so `npm start` serves it.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const web = path.resolve(import.meta.dirname, '..', 'web');
const built = path.join(web, 'dist', 'index.html');

function newest(p) {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let m = st.mtimeMs;
  for (const f of fs.readdirSync(p)) m = Math.max(m, newest(path.join(p, f)));
  return m;
}

const sources = ['src', 'index.html', 'vite.config.ts', 'package.json'].map((f) => path.join(web, f));
const stale =
  !fs.existsSync(built) ||
  Math.max(...sources.filter(fs.existsSync).map(newest)) > fs.statSync(built).mtimeMs;
if (stale) {
  console.log('构建 Web 控制台（web/dist）…');
  execSync('npm run build -w web', { stdio: 'inherit', cwd: path.dirname(web) });
}
