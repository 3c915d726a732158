import path from 'node:path';
import type { AppConfig } from '../config.js';
import { systemClock, type Clock } from './clock.js';
import type { AppContext } from './context.js';
import { openDatabase } from './db/database.js';
import { acquireEmbeddedLock } from './db/embedded-lock.js';
import { createLogger, type Logger } from './logger.js';

export interface Runtime {
  ctx: AppContext;
  close(): Promise<void>;
}

/** Opens the database (embedded under dataDir, or DATABASE_URL) and builds the context object. */
export async function createRuntime(
  config: AppConfig,
  opts: { clock?: Clock; logger?: Logger } = {},
): Promise<Runtime> {
  const logger = opts.logger ?? createLogger(config.logLevel);
  let release: (() => void) | undefined;
  let pgliteDir: string | undefined;
  if (!config.databaseUrl) {
    pgliteDir = path.join(config.dataDir, 'pglite');
    release = acquireEmbeddedLock(pgliteDir);
  }
  try {
    const handle = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir });
    const ctx: AppContext = {
      config,
      db: handle.db,
      dbKind: handle.kind,
      clock: opts.clock ?? systemClock,
      logger,
    };
    return {
      ctx,
      close: async () => {
        await handle.close();
        release?.();
      },
    };
  } catch (e) {
    release?.();
    throw e;
  }
}
