import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Database } from './database.js';

export const MIGRATIONS_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../db/migrations',
);

/** Reads `server/src/db/migrations/<yyyymmddhhmm>-<name>.ts` in name order. */
class FolderProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    const files = fs
      .readdirSync(MIGRATIONS_DIR)
      .filter((f) => /^\d{12}-[a-z0-9-]+\.(ts|js)$/.test(f))
      .sort();
    for (const f of files) {
      const mod = (await import(pathToFileURL(path.join(MIGRATIONS_DIR, f)).href)) as Migration;
      out[f.replace(/\.(ts|js)$/, '')] = mod;
    }
    return out;
  }
}

/** Brings the schema to the latest migration; throws on the first failure. */
export async function migrateToLatest(db: Database): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new FolderProvider() });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(JSON.stringify(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
