import fs from 'node:fs';
import path from 'node:path';

/**
 * PGlite has no lock on its data directory, and two processes opening it lose committed rows silently
 * (DESIGN.md §3). The owning process holds `<dir>.lock` with its pid; any other process refuses to open it.
 */
export function acquireEmbeddedLock(dir: string): () => void {
  const file = `${dir}.lock`;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          if (fs.readFileSync(file, 'utf8') === String(process.pid)) fs.unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
      process.once('exit', release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(fs.readFileSync(file, 'utf8'));
      if (pid && isAlive(pid)) {
        throw new Error(
          `嵌入式数据库 ${dir} 正被进程 ${pid} 使用（例如 npm start）。请先停止该进程，或通过其 HTTP 接口操作。`,
        );
      }
      fs.unlinkSync(file); // stale lock of a process that died
    }
  }
  throw new Error(`无法获取嵌入式数据库锁 ${file}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
