import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  creditCodeCheckChar,
  gtinCheckDigit,
  idCardCheckDigit,
  isValidCreditCode,
  isValidGtin,
  isValidIdCard,
  isValidMobile,
} from '../identifiers.rules.js';

describe('统一社会信用代码 (GB 32100-2015)', () => {
  it.each([
    ['91350100M000100Y43', true],
    ['91610102MA6TG1234B', true],
    ['91610102MA6TG1234C', false], // wrong check character
    ['91610102MA6TG1234', false], // 17 characters
    ['9161010IMA6TG1234B', false], // I is not in the character set
  ])('%s → %s', (code, ok) => {
    expect(isValidCreditCode(code)).toBe(ok);
  });

  it('every body gets exactly one valid check character', () => {
    const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...chars.split('')), { minLength: 17, maxLength: 17 }), (arr) => {
        const body =
          '91' +
          arr
            .slice(2, 8)
            .map((c) => (/\d/.test(c) ? c : '1'))
            .join('') +
          arr.slice(8).join('');
        const check = creditCodeCheckChar(body)!;
        expect(isValidCreditCode(body + check)).toBe(true);
        const other = chars.split('').find((c) => c !== check)!;
        expect(isValidCreditCode(body + other)).toBe(false);
      }),
    );
  });
});

describe('公民身份号码 (GB 11643-1999)', () => {
  it.each([
    ['11010519491231002X', true],
    ['440524188001010014', true],
    ['110105194912310021', false],
    ['11010519491331002X', false], // month 13
  ])('%s → %s', (id, ok) => {
    expect(isValidIdCard(id)).toBe(ok);
  });
  it('computes the check digit', () => {
    expect(idCardCheckDigit('11010519491231002')).toBe('X');
  });
});

describe('GTIN (GS1 mod 10)', () => {
  it.each([
    ['6901234567892', true],
    ['6901234567893', false],
    ['96385074', true],
    ['00012345600012', true],
  ])('%s → %s', (g, ok) => {
    expect(isValidGtin(g)).toBe(ok);
  });
  it('check digit of a GTIN-13 body', () => {
    expect(gtinCheckDigit('690123456789')).toBe(2);
  });
  it('mobile numbers', () => {
    expect(isValidMobile('13812345678')).toBe(true);
    expect(isValidMobile('12812345678')).toBe(false);
  });
});
