import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

const WEB = path.resolve(import.meta.dirname, '..');
const ROOT = path.dirname(WEB);
const SERVER = path.join(ROOT, 'server');

declare module 'vitest' {
  export interface ProvidedContext {
    /** http://127.0.0.1:<port> of the server started for this run. */
    baseUrl: string;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

async function waitReady(
  url: string,
  child: ChildProcess,
  log: () => string,
  timeoutMs: number,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (child.exitCode !== null) throw new Error(`服务进程提前退出（exit ${child.exitCode}）:\n${log()}`);
    try {
      const r = await fetch(`${url}/api/ready`);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`服务在 ${timeoutMs / 1000} 秒内未就绪:\n${log()}`);
}

/**
 * Builds web/dist when stale, starts `main.ts all` (API + web on one port, demo mode, fresh embedded database
 * in a temp dir), provides its URL to the tests and stops it afterwards.
 * E2E_BASE_URL=http://… uses a server that is already running instead.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (process.env.E2E_BASE_URL) {
    project.provide('baseUrl', process.env.E2E_BASE_URL.replace(/\/$/, ''));
    return async () => {};
  }
  // Vitest sets NODE_ENV=test; a build under it would be Vite's development build (React's dev bundle).
  const { NODE_ENV: _testEnv, ...buildEnv } = process.env;
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'ensure-web.mjs')], {
    cwd: WEB,
    stdio: 'inherit',
    env: buildEnv,
  });

  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samr-e2e-'));
  const env: NodeJS.ProcessEnv = {
    ...buildEnv,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DEMO: 'true',
    ARGON2_MEMORY_KIB: '1024',
    LOG_LEVEL: 'warn',
    // Every test logs in from 127.0.0.1; the per-IP login limit is not what these tests are about.
    LOGIN_RATE_LIMIT: '10000',
  };
  delete env.DATABASE_URL; // always the embedded database, even when CI exported a PostgreSQL URL
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'all'], {
    cwd: SERVER,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (b: Buffer) => {
    output = (output + b.toString()).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);

  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(t);
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitReady(url, child, () => output, 120_000);
  } catch (e) {
    await stop();
    throw e;
  }
  project.provide('baseUrl', url);
  return async () => {
    await stop();
    // The server's warnings and errors of this run, for a failed CI job (.tmp is not committed).
    fs.mkdirSync(path.join(ROOT, '.tmp'), { recursive: true });
    fs.writeFileSync(path.join(ROOT, '.tmp', 'e2e-server.log'), output);
  };
}
