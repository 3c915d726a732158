import type { AppConfig } from '../config.js';
import type { Clock } from './clock.js';
import type { Database } from './db/database.js';
import type { Logger } from './logger.js';

/**
 * What every service receives: built once in main.ts (or the test harness) and passed explicitly.
 * Platform services that need state (files, jobs, outbox …) are added here as they are built.
 */
export interface AppContext {
  config: AppConfig;
  db: Database;
  dbKind: 'pglite' | 'postgres';
  clock: Clock;
  logger: Logger;
}
