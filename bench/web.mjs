// npm run bench:web — the initial JavaScript of the web console's login page and of the shell, gzip-sized.
//
// Builds web/dist when it is stale (scripts/ensure-web.mjs; `--build` forces a fresh build), then reads Vite's
// dist/.vite/manifest.json and follows static imports only (dynamic imports are later route chunks):
//   login = the entry chunk + its static imports + the LoginPage chunk + its static imports
//   shell = the entry chunk + its static imports + the ShellLayout and HomePage chunks + their static imports
// Sizes are gzip at level 6 (what a reverse proxy typically serves); kB = 1000 bytes, as Vite prints them.
// Beside them, the same run measures the machine (gzip throughput) and a fixed reference (the React chunk),
// so a change in the figures can be told from a change in the machine. Exits 1 when over the budget.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const ROOT = path.resolve(import.meta.dirname, '..');
const DIST = path.join(ROOT, 'web', 'dist');
const BUDGET_KB = 400;

if (process.argv.includes('--build')) {
  execFileSync('npm', ['run', 'build', '-w', 'web'], { cwd: ROOT, stdio: 'inherit' });
} else {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'ensure-web.mjs')], {
    cwd: ROOT,
    stdio: 'inherit',
  });
}

const manifestPath = path.join(DIST, '.vite', 'manifest.json');
if (!fs.existsSync(manifestPath)) {
  console.error(`没有 ${path.relative(ROOT, manifestPath)}：web/vite.config.ts 须设置 build.manifest: true`);
  process.exit(2);
}
/** @type {Record<string, {file: string, src?: string, name?: string, isEntry?: boolean, imports?: string[], dynamicImports?: string[], css?: string[]}>} */
const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));

const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry);
if (!entryKey) throw new Error('manifest 中没有入口（isEntry）');

/** The manifest key of the chunk whose source file is `name` (e.g. LoginPage → src/pages/LoginPage.tsx). */
function chunkOf(name) {
  const re = new RegExp(`(^|/)${name}\\.(t|j)sx?$`);
  return Object.keys(manifest).find((k) => re.test(k) || re.test(manifest[k].src ?? ''));
}

/** The key and every chunk it imports statically, transitively. */
function closure(keys) {
  const seen = new Set();
  const visit = (k) => {
    if (seen.has(k) || !manifest[k]) return;
    seen.add(k);
    for (const i of manifest[k].imports ?? []) visit(i);
  };
  keys.forEach(visit);
  return [...seen];
}

const sizes = new Map();
function sizeOf(file) {
  if (!sizes.has(file)) {
    const buf = fs.readFileSync(path.join(DIST, file));
    sizes.set(file, { raw: buf.length, gzip: gzipSync(buf, { level: 6 }).length });
  }
  return sizes.get(file);
}

const kB = (n) => (n / 1000).toFixed(1).padStart(8) + ' kB';

function measure(label, roots) {
  const notes = [];
  const keys = [entryKey];
  for (const r of roots) {
    const k = chunkOf(r);
    // A module not in the manifest was bundled into the entry (imported statically): already counted.
    if (k) keys.push(k);
    else notes.push(`${r} 在入口块中`);
  }
  const files = [...new Set(closure(keys).map((k) => manifest[k].file))].filter((f) => f.endsWith('.js'));
  let raw = 0;
  let gzip = 0;
  console.log(`\n${label}：${files.length} 个 JS 文件${notes.length ? `（${notes.join('，')}）` : ''}`);
  for (const f of files.sort((a, b) => sizeOf(b).gzip - sizeOf(a).gzip)) {
    const s = sizeOf(f);
    raw += s.raw;
    gzip += s.gzip;
    console.log(`  ${f.padEnd(48)} ${kB(s.raw)}  gzip ${kB(s.gzip)}`);
  }
  console.log(`  ${'合计'.padEnd(46)} ${kB(raw)}  gzip ${kB(gzip)}`);
  return gzip;
}

console.log(`Web 控制台初始 JavaScript（${path.relative(ROOT, DIST)}，入口 ${manifest[entryKey].file}）`);
const login = measure('登录页 /login', ['LoginPage']);
const shell = measure('工作台外壳 /（登录后）', ['ShellLayout', 'HomePage']);

// The machine's own measure, in the same run: gzip throughput over every JS file of the build, and the gzip
// size of the React chunk (react, react-dom, scheduler, react-router), which the app's code does not change.
const allJs = fs
  .readdirSync(path.join(DIST, 'assets'))
  .filter((f) => f.endsWith('.js'))
  .map((f) => fs.readFileSync(path.join(DIST, 'assets', f)));
const total = allJs.reduce((n, b) => n + b.length, 0);
let rounds = 0;
const t0 = process.hrtime.bigint();
let elapsed = 0;
while (rounds < 3 || elapsed < 0.5) {
  for (const b of allJs) gzipSync(b, { level: 6 });
  rounds++;
  elapsed = Number(process.hrtime.bigint() - t0) / 1e9;
}
const throughput = (total * rounds) / elapsed / 1e6;
const reactKey = Object.keys(manifest).find((k) => /(^|\/)react-[\w-]+\.js$/.test(manifest[k].file));
const react = reactKey ? sizeOf(manifest[reactKey].file) : null;
console.log(
  `\n参考：本机 gzip 吞吐 ${throughput.toFixed(1)} MB/s（级别 6，${(total / 1e6).toFixed(2)} MB JS × ${rounds} 轮）` +
    (react ? `；React 块 ${manifest[reactKey].file} gzip ${kB(react.gzip).trim()}` : ''),
);

const over = [login > BUDGET_KB * 1000 && '登录页', shell > BUDGET_KB * 1000 && '工作台外壳'].filter(Boolean);
console.log(
  `预算：初始 JS ≤ ${BUDGET_KB} kB gzip（各自）；登录页 ${kB(login).trim()}，工作台外壳 ${kB(shell).trim()}`,
);
console.log(over.length ? `FAIL（超出预算：${over.join('、')}）` : 'PASS');
process.exit(over.length ? 1 : 0);
