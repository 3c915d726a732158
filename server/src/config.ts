import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (server/src/config.ts → ../..): the default home of ./data. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Typed, validated configuration read once from the environment. */
export interface AppConfig {
  port: number;
  host: string;
  /** PostgreSQL / KingbaseES connection string; empty means the embedded PGlite database. */
  databaseUrl: string | undefined;
  /** Where the embedded database and local files live. */
  dataDir: string;
  /** Demo mode seeds demo accounts whose published passwords only work while it is on. */
  demo: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  /** Days before a password must be changed again; 0 turns expiry off. */
  passwordMaxAgeDays: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
  /** Login attempts allowed per IP per minute. */
  loginRateLimit: number;
  fileMaxBytes: number;
  cookieSecure: boolean;
  /** Fastify trustProxy: false, true, or a comma-separated list of proxy addresses (nginx). */
  trustProxy: boolean | string;
  timeZone: string;
  /** argon2 memory cost in KiB (lower only in tests). */
  argon2MemoryKib: number;
  outboxMaxAttempts: number;
  /** Poll interval of the worker in milliseconds. */
  workerPollMs: number;
}

/** One line that explains a wrong setting; main.ts prints it and exits. */
export class ConfigError extends Error {}

function intVar(env: NodeJS.ProcessEnv, name: string, def: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return def;
  if (!/^\d+$/.test(raw))
    throw new ConfigError(`配置错误: ${name}=${raw} 不是整数 (must be an integer ${min}–${max})`);
  const n = Number(raw);
  if (n < min || n > max) throw new ConfigError(`配置错误: ${name}=${raw} 超出范围 ${min}–${max}`);
  return n;
}

function boolVar(env: NodeJS.ProcessEnv, name: string, def: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return def;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`配置错误: ${name}=${raw} 应为 true 或 false`);
}

function trustProxyVar(raw: string | undefined): boolean | string {
  if (!raw || ['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (!/^[\d.:/a-fA-F, ]+$/.test(raw)) {
    throw new ConfigError(`配置错误: TRUST_PROXY=${raw} 应为 true/false 或以逗号分隔的代理地址`);
  }
  return raw;
}

function timeZoneVar(raw: string | undefined): string {
  const tz = raw || 'Asia/Shanghai';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
  } catch {
    throw new ConfigError(`配置错误: TZ_BUSINESS=${tz} 不是有效的时区（例如 Asia/Shanghai）`);
  }
  return tz;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Reads and validates the environment; throws ConfigError with one clear line. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('配置错误: DATABASE_URL 必须以 postgres:// 或 postgresql:// 开头');
  }
  const logLevel = (env.LOG_LEVEL || 'info') as AppConfig['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`配置错误: LOG_LEVEL=${logLevel} 应为 ${LOG_LEVELS.join('/')} 之一`);
  }
  return {
    port: intVar(env, 'PORT', 8080, 0, 65535),
    host: env.HOST || '0.0.0.0',
    databaseUrl,
    dataDir: path.resolve(REPO_ROOT, env.DATA_DIR || 'data'),
    demo: boolVar(env, 'DEMO', !databaseUrl),
    logLevel,
    sessionIdleMinutes: intVar(env, 'SESSION_IDLE_MINUTES', 30, 1, 24 * 60),
    sessionAbsoluteHours: intVar(env, 'SESSION_ABSOLUTE_HOURS', 12, 1, 24 * 30),
    passwordMaxAgeDays: intVar(env, 'PASSWORD_MAX_AGE_DAYS', 90, 0, 3650),
    loginMaxFailures: intVar(env, 'LOGIN_MAX_FAILURES', 5, 1, 100),
    loginLockMinutes: intVar(env, 'LOGIN_LOCK_MINUTES', 15, 1, 24 * 60),
    loginRateLimit: intVar(env, 'LOGIN_RATE_LIMIT', 20, 1, 10000),
    fileMaxBytes: intVar(env, 'FILE_MAX_MB', 50, 1, 4096) * 1024 * 1024,
    cookieSecure: boolVar(env, 'COOKIE_SECURE', false),
    trustProxy: trustProxyVar(env.TRUST_PROXY),
    timeZone: timeZoneVar(env.TZ_BUSINESS),
    argon2MemoryKib: intVar(env, 'ARGON2_MEMORY_KIB', 19456, 1024, 1024 * 1024),
    outboxMaxAttempts: intVar(env, 'OUTBOX_MAX_ATTEMPTS', 10, 1, 100),
    workerPollMs: intVar(env, 'WORKER_POLL_MS', 1000, 10, 60000),
  };
}
