import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { PGliteDialect } from './pglite-dialect.js';
import type { DB } from './schema.js';

export type Database = Kysely<DB>;

export interface DatabaseHandle {
  db: Database;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
  /** PGlite only: a dump of the data directory (used to make the test template). */
  dump?: () => Promise<Blob>;
}

// PostgreSQL type OIDs whose JS shape must be the same on both drivers (DESIGN.md §3).
const OID = { int8: 20, numeric: 1700, date: 1082, timestamptz: 1184, timestamp: 1114 } as const;

let pgParsersSet = false;
function setPgTypeParsers(): void {
  if (pgParsersSet) return;
  pgParsersSet = true;
  // date stays 'YYYY-MM-DD' (never a JS Date shifted by the time zone); bigint/numeric stay strings.
  pg.types.setTypeParser(OID.date, (v: string) => v);
  pg.types.setTypeParser(OID.int8, (v: string) => v);
  pg.types.setTypeParser(OID.numeric, (v: string) => v);
  pg.types.setTypeParser(OID.timestamptz, (v: string) => new Date(v));
}

const pgliteParsers = {
  [OID.date]: (v: string) => v,
  [OID.int8]: (v: string) => v,
  [OID.numeric]: (v: string) => v,
  [OID.timestamptz]: (v: string) => new Date(v),
};

export interface OpenOptions {
  databaseUrl?: string | undefined;
  /** Directory of the embedded database; undefined means in memory (tests). */
  pgliteDir?: string | undefined;
  poolSize?: number;
  /** A PGlite data-directory dump to start from (tests start from a migrated, seeded template). */
  pgliteTemplate?: Blob;
}

/** Opens Kysely over `pg` when a URL is given, else over the embedded PGlite. */
export async function openDatabase(opts: OpenOptions): Promise<DatabaseHandle> {
  if (opts.databaseUrl) {
    setPgTypeParsers();
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    pool.on('connect', (client) => {
      client.query("set time zone 'Asia/Shanghai'").catch(() => undefined);
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  if (opts.pgliteDir) fs.mkdirSync(path.dirname(opts.pgliteDir), { recursive: true });
  const pglite = await PGlite.create(opts.pgliteDir, {
    parsers: pgliteParsers,
    ...(opts.pgliteTemplate ? { loadDataDir: opts.pgliteTemplate } : {}),
  });
  await pglite.exec("set time zone 'Asia/Shanghai'");
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  return { db, kind: 'pglite', close: () => db.destroy(), dump: () => pglite.dumpDataDir('none') };
}

/** True when the database answers a trivial query. */
export async function pingDatabase(db: Database): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
