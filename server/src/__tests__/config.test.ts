import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.js';

describe('configuration', () => {
  it('defaults to the embedded database in demo mode on port 8080', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 8080,
      databaseUrl: undefined,
      demo: true,
      sessionIdleMinutes: 30,
      loginMaxFailures: 5,
    });
    expect(c.dataDir).toMatch(/data$/);
  });
  it('turns demo mode off by default on a server database', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db' }).demo).toBe(false);
  });
  it.each([
    [{ PORT: 'abc' }, /PORT=abc 不是整数/],
    [{ PORT: '70000' }, /PORT=70000 超出范围/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL 必须以 postgres/],
    [{ DEMO: 'maybe' }, /DEMO=maybe 应为 true 或 false/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL=loud/],
  ])('refuses %o with one clear line', (env, msg) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(msg);
  });
});
