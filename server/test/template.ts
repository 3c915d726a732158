import { loadConfig } from '../src/config.js';
import { systemClock } from '../src/platform/clock.js';
import type { AppContext } from '../src/platform/context.js';
import { openDatabase } from '../src/platform/db/database.js';
import { migrateToLatest } from '../src/platform/db/migrator.js';
import { createLogger } from '../src/platform/logger.js';
import { seedBase, seedInitial } from '../src/seed/seed.js';

export const TEMPLATE_DB = `samr_test_template_${process.pid}`;

/** The configuration every test starts from: fast argon2, silent logs, demo mode. */
export function testConfig() {
  return loadConfig({ ...process.env, LOG_LEVEL: 'silent', ARGON2_MEMORY_KIB: '1024', DEMO: 'true' });
}

/** Migrates and seeds (base + demo) one database; for PGlite returns its data-directory dump. */
export async function buildTemplate(url: string | undefined): Promise<Blob | undefined> {
  const handle = await openDatabase({ databaseUrl: url, poolSize: 2 });
  const ctx: AppContext = {
    config: { ...testConfig(), databaseUrl: url },
    db: handle.db,
    dbKind: handle.kind,
    clock: systemClock,
    logger: createLogger('silent'),
  };
  try {
    await migrateToLatest(ctx.db);
    await seedBase(ctx);
    await seedInitial(ctx);
    return handle.dump ? await handle.dump() : undefined;
  } finally {
    await handle.close();
  }
}
