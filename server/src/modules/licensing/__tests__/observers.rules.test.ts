import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DRAW_ALGORITHM, drawIndex, drawPool, orderCandidates } from '../observers.rules.js';

const SEED = 'a3'.repeat(32);

describe('observer draw rules', () => {
  it('orders candidates stably (unique, ascending)', () => {
    expect(orderCandidates(['c', 'a', 'b', 'a'])).toEqual(['a', 'b', 'c']);
  });

  it('is a pure function of algorithm, seed and candidates (replayable)', () => {
    const ids = ['0190-a', '0190-b', '0190-c', '0190-d', '0190-e'];
    const i = drawIndex(DRAW_ALGORITHM, SEED, ids);
    expect(i).toBeGreaterThanOrEqual(0);
    expect(i).toBeLessThan(ids.length);
    expect(drawIndex(DRAW_ALGORITHM, SEED, [...ids])).toBe(i);
    // A known value pins the algorithm: changing it silently would break the replay of stored draws.
    // sha256('sha256-mod/v1|00|x,y,z') = b05d2564… ≡ 2 (mod 3)
    expect(drawIndex(DRAW_ALGORITHM, '00', ['x', 'y', 'z'])).toBe(2);
    expect(drawIndex(DRAW_ALGORITHM, '0a'.repeat(32), ['a', 'b', 'c', 'd', 'e', 'f', 'g'])).toBe(1);
    expect(drawIndex(DRAW_ALGORITHM, SEED, ['only'])).toBe(0);
  });

  it('refuses an unknown algorithm, a malformed seed and an empty pool', () => {
    expect(() => drawIndex('md5', SEED, ['a'])).toThrow(/algorithm/);
    expect(() => drawIndex(DRAW_ALGORITHM, 'XYZ', ['a'])).toThrow(/hex/);
    expect(() => drawIndex(DRAW_ALGORITHM, 'abc', ['a'])).toThrow(/hex/);
    expect(() => drawIndex(DRAW_ALGORITHM, SEED, [])).toThrow(/no candidates/);
  });

  it('spreads picks over the candidates', () => {
    const ids = ['a', 'b', 'c', 'd'];
    const hits = [0, 0, 0, 0];
    for (let s = 0; s < 400; s++) hits[drawIndex(DRAW_ALGORITHM, s.toString(16).padStart(8, '0'), ids)]! += 1;
    for (const h of hits) expect(h).toBeGreaterThan(60);
  });

  it('property: the pick is always a candidate, and the same record gives the same pick', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.uuid(), { minLength: 1, maxLength: 40 }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        (ids, bytes) => {
          const seed = Buffer.from(bytes).toString('hex');
          const ordered = orderCandidates(ids);
          const i = drawIndex(DRAW_ALGORITHM, seed, ordered);
          expect(ordered[i]).toBeDefined();
          expect(drawIndex(DRAW_ALGORITHM, seed, JSON.parse(JSON.stringify(ordered)) as string[])).toBe(i);
        },
      ),
    );
  });

  it('drawPool leaves out team members and declared conflicts, and says why', () => {
    const pool = drawPool(
      ['u3', 'u1', 'u2', 'u4'],
      new Map([
        ['u2', 'team' as const],
        ['u4', 'conflict' as const],
      ]),
    );
    expect(pool).toEqual({
      candidates: ['u1', 'u3'],
      excluded: [
        { userId: 'u2', reason: 'team' },
        { userId: 'u4', reason: 'conflict' },
      ],
    });
  });
});
