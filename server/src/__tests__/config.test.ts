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
  it('reads TRUST_PROXY as off, on, or a list of proxy addresses', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1,10.0.0.0/8' }).trustProxy).toBe('127.0.0.1,10.0.0.0/8');
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
    [{ TZ_BUSINESS: 'Mars/Olympus' }, /TZ_BUSINESS=Mars\/Olympus 不是有效的时区/],
    [{ TRUST_PROXY: 'everyone' }, /TRUST_PROXY=everyone/],
  ])('refuses %o with one clear line', (env, msg) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(msg);
  });
});
