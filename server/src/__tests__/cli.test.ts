import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samr-cli-'));

/** Runs the real CLI (tsx src/main.ts) on a fresh embedded database in a temporary folder. */
function cli(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
    cwd: serverDir,
    env: {
      ...process.env,
      DATABASE_URL: '',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      ARGON2_MEMORY_KIB: '1024',
      ...env,
    },
    encoding: 'utf8',
    timeout: 120000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('CLI', () => {
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('stops on a wrong setting with one clear line', () => {
    const r = cli(['migrate'], { PORT: 'eighty' });
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toContain('PORT=eighty');
  });

  it('refuses an unknown command with the usage', () => {
    const r = cli(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('未知命令');
    expect(r.err).toContain('audit:verify');
  });

  it('migrates, seeds and verifies the audit chain on the embedded database', () => {
    const m = cli(['migrate']);
    expect(m.code).toBe(0);
    expect(m.out).toContain('已执行迁移');
    expect(cli(['migrate']).out).toContain('数据库已是最新版本');
    const s = cli(['seed']);
    expect(s.code).toBe(0);
    const v = cli(['audit:verify']);
    expect(v.code).toBe(0);
    expect(v.out).toContain('审计日志完整');
    const r = cli(['user:reset-password', 'secadmin']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/已为 secadmin 生成一次性密码（首次登录须修改）：\S{8,}/);
    expect(cli(['user:reset-password', 'nobody']).code).toBe(1);
    // The recovery itself is in the audit chain, which still verifies.
    expect(cli(['audit:verify']).out).toContain('审计日志完整');
  }, 180000);

  it('refuses to open the embedded database while another process holds it', () => {
    const lock = path.join(dataDir, 'pglite.lock');
    fs.writeFileSync(lock, String(process.pid)); // this test process is alive
    try {
      const r = cli(['migrate']);
      expect(r.code).toBe(1);
      expect(r.err).toContain(`正被进程 ${process.pid} 使用`);
    } finally {
      fs.rmSync(lock, { force: true });
    }
  });
});
