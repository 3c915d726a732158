import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/harness.js';
import { AppError } from '../../errors.js';
import { isVoided, lastNumber, nextNumber, nextUnvoided, voidNumber } from '../numbering.service.js';

describe(`numbering (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let t: TestContext;
  const actor = { userId: null, at: new Date('2026-03-16T09:00:00+08:00') };
  beforeAll(async () => {
    t = await createTestContext({ demo: false });
  });
  afterAll(async () => t.close());

  it('starts at 1 per key and year', async () => {
    expect(await nextNumber(t.ctx.db, 'start', 2026)).toBe(1);
    expect(await nextNumber(t.ctx.db, 'start', 2026)).toBe(2);
    expect(await nextNumber(t.ctx.db, 'start', 2027)).toBe(1);
    expect(await nextNumber(t.ctx.db, 'other', 2026)).toBe(1);
    expect(await lastNumber(t.ctx.db, 'start', 2026)).toBe(2);
    expect(await lastNumber(t.ctx.db, 'never', 2026)).toBe(0);
  });

  it('gives 50 parallel transactions 50 distinct consecutive numbers', async () => {
    const key = 'parallel';
    const got = await Promise.all(
      Array.from({ length: 50 }, () =>
        t.ctx.db.transaction().execute(async (trx) => {
          const n = await nextNumber(trx, key, 2026);
          // Some work inside the transaction while the row lock is held.
          await trx.selectFrom('number_sequence').select('key').execute();
          return n;
        }),
      ),
    );
    expect(new Set(got).size).toBe(50);
    expect([...got].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(await lastNumber(t.ctx.db, key, 2026)).toBe(50);
  });

  it('gives parallel first callers of a new key distinct numbers too', async () => {
    const got = await Promise.all(
      Array.from({ length: 10 }, () =>
        t.ctx.db.transaction().execute((trx) => nextNumber(trx, 'fresh', 2030)),
      ),
    );
    expect([...got].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('reuses the number of a rolled-back transaction (gapless)', async () => {
    const key = 'rollback';
    expect(await t.ctx.db.transaction().execute((trx) => nextNumber(trx, key, 2026))).toBe(1);
    const failed = await t.ctx.db
      .transaction()
      .execute(async (trx) => {
        const n = await nextNumber(trx, key, 2026);
        expect(n).toBe(2);
        throw new Error('business change failed');
      })
      .catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(Error);
    expect(await t.ctx.db.transaction().execute((trx) => nextNumber(trx, key, 2026))).toBe(2);
  });

  it('skips voided never-reuse numbers in nextUnvoided, but not reusable voids', async () => {
    const key = 'licence-serial';
    const db = t.ctx.db;
    await voidNumber(db, key, 2026, 2, '预印证书损毁', actor, true);
    await voidNumber(db, key, 2026, 3, '错号', actor, true);
    await voidNumber(db, key, 2026, 5, '登记错误，可重新使用', actor, false);
    expect(await isVoided(db, key, 2026, 2)).toBe(true);
    expect(await isVoided(db, key, 2026, 5)).toBe(true);
    expect(await isVoided(db, key, 2026, 4)).toBe(false);
    expect(await isVoided(db, key, 2025, 2)).toBe(false);
    const issued = [];
    for (let i = 0; i < 4; i++)
      issued.push(await db.transaction().execute((trx) => nextUnvoided(trx, key, 2026)));
    expect(issued).toEqual([1, 4, 5, 6]);
  });

  it('refuses to void the same number twice without breaking the transaction', async () => {
    const key = 'double-void';
    await t.ctx.db.transaction().execute(async (trx) => {
      await voidNumber(trx, key, 2026, 1, '作废', actor, true);
      const e = await voidNumber(trx, key, 2026, 1, '再次作废', actor, true).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(AppError);
      expect(e).toMatchObject({ status: 409, code: 'NUMBER_ALREADY_VOIDED' });
      // The transaction is still usable.
      expect(await nextNumber(trx, key, 2026)).toBe(1);
    });
    const row = await t.ctx.db
      .selectFrom('number_voided')
      .selectAll()
      .where('key', '=', key)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ reason: '作废', never_reuse: true, voided_by: null });
    expect(row.voided_at.toISOString()).toBe(actor.at.toISOString());
  });

  it('refuses bad keys and values', async () => {
    await expect(nextNumber(t.ctx.db, '', 2026)).rejects.toThrow(RangeError);
    await expect(nextNumber(t.ctx.db, 'k', 0)).rejects.toThrow(RangeError);
    await expect(voidNumber(t.ctx.db, 'k', 2026, 0, 'x', actor, true)).rejects.toThrow(RangeError);
  });
});
