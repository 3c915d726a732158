import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatNumber } from '../numbering.rules.js';

describe('formatNumber', () => {
  it.each([
    ['{prefix}{year}{seq:5}', { prefix: '陕检', year: 2026, seq: 123 }, '陕检202600123'],
    [
      '(陕)XK{industry:2}-{product:3}-{seq:5}',
      { industry: 13, product: '008', seq: 1 },
      '(陕)XK13-008-00001',
    ],
    ['陕市监抽〔{year}〕{seq}号', { year: 2026, seq: 7 }, '陕市监抽〔2026〕7号'],
    ['{seq:5}', { seq: 99999 }, '99999'],
    ['{seq:3}', { seq: 0 }, '000'],
    ['no tokens', {}, 'no tokens'],
    ['{year}-{year}', { year: 2026 }, '2026-2026'],
  ])('%s with %j → %s', (pattern, parts, expected) => {
    expect(formatNumber(pattern, parts)).toBe(expected);
  });

  it('refuses a serial that does not fit its width instead of cutting it', () => {
    expect(() => formatNumber('{seq:5}', { seq: 100000 })).toThrow(RangeError);
  });

  it('refuses missing parts, negative or fractional numbers, and padding non-digits', () => {
    expect(() => formatNumber('{prefix}{seq}', { seq: 1 })).toThrow(/prefix/);
    expect(() => formatNumber('{seq:5}', { seq: -1 })).toThrow(RangeError);
    expect(() => formatNumber('{seq}', { seq: 1.5 })).toThrow(RangeError);
    expect(() => formatNumber('{code:3}', { code: 'AB' })).toThrow(RangeError);
  });

  it('pads every fitting serial to exactly its width and keeps its value', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), fc.nat(), (width, raw) => {
        const seq = raw % 10 ** width;
        const s = formatNumber('{seq:' + width + '}', { seq });
        expect(s).toHaveLength(width);
        expect(Number(s)).toBe(seq);
      }),
    );
  });
});
