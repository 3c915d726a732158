import fc from 'fast-check';
import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { passwordViolations } from '../../../platform/auth/password.rules.js';
import {
  generateOneTimePassword,
  isValidContactPhone,
  isValidLandline,
  isValidUserPhone,
  maskPhone,
  noticeActionAllowed,
  paramValueProblem,
  USERNAME_PATTERN,
} from '../system.rules.js';

describe('maskPhone', () => {
  it.each([
    ['13812341234', '138****1234'],
    ['029-88881234', '029****1234'],
    ['8888123', '88****23'],
    ['123', '****'],
    ['', null],
    [null, null],
  ])('%s → %s', (input, out) => expect(maskPhone(input)).toBe(out));

  it('never shows the middle digits of a mobile number', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^1[3-9]\d{9}$/), (m) => {
        const masked = maskPhone(m)!;
        expect(masked).toHaveLength(11);
        expect(masked.slice(3, 7)).toBe('****');
      }),
    );
  });
});

describe('phone formats', () => {
  it.each(['13812341234', '19912345678'])('accepts mobile %s', (p) => expect(isValidUserPhone(p)).toBe(true));
  it.each(['12812341234', '1381234123', '029-88881234', '138 1234 1234'])('refuses user phone %s', (p) =>
    expect(isValidUserPhone(p)).toBe(false),
  );
  it.each(['029-88881234', '02988881234', '0917-3211234', '029-88881234-801'])('accepts landline %s', (p) =>
    expect(isValidLandline(p)).toBe(true),
  );
  it.each(['88881234', '029-888', 'abc'])('refuses contact phone %s', (p) =>
    expect(isValidContactPhone(p)).toBe(false),
  );
});

describe('username pattern', () => {
  const re = new RegExp(USERNAME_PATTERN);
  it.each(['sysadmin', 'li.xian', 'user_01', 'a-b'])('accepts %s', (u) => expect(re.test(u)).toBe(true));
  it.each(['ab', '1abc', '张三', 'a b', 'x'.repeat(65)])('refuses %s', (u) => expect(re.test(u)).toBe(false));
});

describe('paramValueProblem', () => {
  it.each([
    ['x', 'int', '30', undefined],
    ['x', 'int', '-5', undefined],
    ['x', 'int', '3.5', '参数值应为整数'],
    ['x', 'int', 'abc', '参数值应为整数'],
    ['x', 'int', '99999999999', '参数值应为整数'],
    ['x', 'int', '9999999999', '参数值超出整数范围'],
    ['user.generatedPasswordLength', 'int', '8', '参数值应在 10–64 之间'],
    ['user.generatedPasswordLength', 'int', '16', undefined],
    ['x', 'bool', 'true', undefined],
    ['x', 'bool', 'yes', '参数值应为 true 或 false'],
    ['x', 'string', '任意文本', undefined],
  ] as const)('%s (%s) %s → %s', (key, type, value, out) =>
    expect(paramValueProblem(key, type, value)).toBe(out),
  );
});

describe('notice states', () => {
  it.each([
    ['draft', 'edit', true],
    ['draft', 'publish', true],
    ['draft', 'withdraw', false],
    ['draft', 'delete', true],
    ['published', 'edit', false],
    ['published', 'publish', false],
    ['published', 'withdraw', true],
    ['published', 'delete', false],
    ['withdrawn', 'edit', true],
    ['withdrawn', 'publish', true],
    ['withdrawn', 'withdraw', false],
    ['withdrawn', 'delete', false],
  ] as const)('%s may %s: %s', (status, action, allowed) =>
    expect(noticeActionAllowed(status, action)).toBe(allowed),
  );
});

describe('generateOneTimePassword', () => {
  it('always satisfies the password policy and has the asked length (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 10, max: 64 }), (len) => {
        const pw = generateOneTimePassword(len, randomInt);
        expect(pw).toHaveLength(len);
        expect(passwordViolations(pw, '')).toEqual([]);
        expect(pw).not.toMatch(/[0O1lI]/);
      }),
    );
  });

  it('is deterministic for a given random source', () => {
    const source = () => {
      let i = 0;
      return (n: number) => i++ % n;
    };
    expect(generateOneTimePassword(12, source())).toBe(generateOneTimePassword(12, source()));
  });
});
