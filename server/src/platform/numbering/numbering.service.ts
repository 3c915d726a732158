import type { Database } from '../db/database.js';
import { NumberingErrors } from './numbering.errors.js';

/**
 * Numbers per (key, year): licence serials, case and document numbers.
 *
 * nextNumber increments the (key, year) row with one `insert … on conflict do update … returning`, which
 * takes the row lock and keeps it until the surrounding transaction ends. Called with the caller's
 * transaction, numbering is therefore gapless over committed transactions: a business change that rolls back
 * rolls its number back too, and the next caller (who waited on the lock) gets the same number. Called with
 * the plain database handle, the number is committed at once and consumed even if the caller fails later —
 * use that only when a gap is acceptable and holding the lock for a long transaction is not.
 * Under SERIALIZABLE isolation concurrent callers may get serialization failures (40001) to retry; the
 * default READ COMMITTED needs no retry. PostgreSQL 12 compatible (no MERGE).
 */

/** Who voided a number, and when (ctx.clock.now()). */
export interface VoidActor {
  userId: string | null;
  at: Date;
}

// A caller skipping more voided numbers than this in a row has a bug, not a sequence.
const MAX_SKIPS = 10_000;

function checkKey(key: string, year: number): void {
  if (!key || key.length > 64) throw new RangeError(`number key must be 1–64 characters: "${key}"`);
  if (!Number.isInteger(year) || year < 1 || year > 9999) throw new RangeError(`bad number year: ${year}`);
}

function toNumber(v: string | number): number {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new RangeError(`number out of range: ${v}`);
  return n;
}

/** The next number of (key, year), starting at 1; pass the business transaction to keep numbering gapless. */
export async function nextNumber(db: Database, key: string, year: number): Promise<number> {
  checkKey(key, year);
  const row = await db
    .insertInto('number_sequence')
    .values({ key, year, last_value: 1 })
    .onConflict((oc) =>
      oc.columns(['key', 'year']).doUpdateSet((eb) => ({
        last_value: eb('number_sequence.last_value', '+', 1),
      })),
    )
    .returning('last_value')
    .executeTakeFirstOrThrow();
  return toNumber(row.last_value);
}

/** The last number issued for (key, year), 0 when none; for display only (it takes no lock). */
export async function lastNumber(db: Database, key: string, year: number): Promise<number> {
  checkKey(key, year);
  const row = await db
    .selectFrom('number_sequence')
    .select('last_value')
    .where('key', '=', key)
    .where('year', '=', year)
    .executeTakeFirst();
  return row ? toNumber(row.last_value) : 0;
}

/**
 * Records a number as voided (作废) with the reason; neverReuse keeps it from ever being issued by
 * nextUnvoided (it may be a number not issued yet, e.g. a spoiled pre-printed certificate). A number is
 * voided once: a second attempt is a 409.
 */
export async function voidNumber(
  db: Database,
  key: string,
  year: number,
  value: number,
  reason: string,
  actor: VoidActor,
  neverReuse: boolean,
): Promise<void> {
  checkKey(key, year);
  if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`bad number value: ${value}`);
  const inserted = await db
    .insertInto('number_voided')
    .values({
      key,
      year,
      value,
      reason: reason.slice(0, 200),
      voided_at: actor.at,
      voided_by: actor.userId,
      never_reuse: neverReuse,
    })
    // do nothing rather than a unique violation, which would abort the caller's transaction.
    .onConflict((oc) => oc.columns(['key', 'year', 'value']).doNothing())
    .returning('value')
    .executeTakeFirst();
  if (!inserted) throw NumberingErrors.alreadyVoided(year, value);
}

/** True when the number has been voided (with or without never-reuse). */
export async function isVoided(db: Database, key: string, year: number, value: number): Promise<boolean> {
  checkKey(key, year);
  const row = await db
    .selectFrom('number_voided')
    .select('value')
    .where('key', '=', key)
    .where('year', '=', year)
    .where('value', '=', value)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * The next number of (key, year) that was not voided with never-reuse (licence serials: a voided
 * 许可证编号 is never issued again). The skipped numbers are consumed. Same transaction rules as nextNumber.
 */
export async function nextUnvoided(db: Database, key: string, year: number): Promise<number> {
  for (let i = 0; i < MAX_SKIPS; i++) {
    const value = await nextNumber(db, key, year);
    const blocked = await db
      .selectFrom('number_voided')
      .select('value')
      .where('key', '=', key)
      .where('year', '=', year)
      .where('value', '=', value)
      .where('never_reuse', '=', true)
      .executeTakeFirst();
    if (!blocked) return value;
  }
  throw new Error(`nextUnvoided: more than ${MAX_SKIPS} voided numbers in a row for ${key}/${year}`);
}
