import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addMonthsCivil,
  addYearsCivil,
  ANY_PROVINCE_NUMBER_RE,
  barLastDay,
  certificateState,
  computeValidity,
  CORE_NUMBER_RE,
  coreNumber,
  DEFAULT_SETTINGS,
  DEFAULT_VALIDITY_RULE,
  displayNumber,
  latestRenewalDate,
  parseLicenceNumber,
  parseMonthList,
  parseSettings,
  reachedMilestones,
  reminderHorizon,
  serialKey,
  SETTING_DEFS,
  settingDef,
  SHAANXI_NUMBER_RE,
  type CertificateApplicationType,
  type ValidityRule,
} from '../certificate.rules.js';

const NEXT_DAY: ValidityRule = { ...DEFAULT_VALIDITY_RULE, missingDay: 'next-day' };

describe('validity (seed 行政赋号; licensing.md §5)', () => {
  // [type, decision date, previous expiry, default rule, 顺延到 3 月 1 日]
  const cases: Array<[CertificateApplicationType, string, string | null, string, string]> = [
    // The two seed cases: 发证 = 许可日期 5 年后第二天; 延续 = 原有效期 5 年后同一天.
    ['issue', '2026-03-15', null, '2031-03-16', '2031-03-16'],
    ['renew', '2027-01-10', '2027-05-20', '2032-05-20', '2032-05-20'],
    // licensing.md §5 examples.
    ['issue', '2024-03-15', null, '2029-03-16', '2029-03-16'],
    ['renew', '2028-12-01', '2029-03-16', '2034-03-16', '2034-03-16'],
    // 2月29日: 发证 on 29 Feb → 2029-02-28 + 1 (default) or 2029-03-01 + 1.
    ['issue', '2024-02-29', null, '2029-03-01', '2029-03-02'],
    // 延续 of an expiry on 29 Feb (2023-02-28 发证 → 2028-02-28 + 1 = 2028-02-29).
    ['renew', '2027-10-08', '2028-02-29', '2033-02-28', '2033-03-01'],
    // 28 Feb of a leap year and 1 Mar are ordinary days.
    ['issue', '2028-02-28', null, '2033-03-01', '2033-03-01'],
    ['issue', '2028-03-01', null, '2033-03-02', '2033-03-02'],
    // The anchor year+5 is a leap year: 2027-02-28 → 2032-02-28 + 1 = 2032-02-29.
    ['issue', '2027-02-28', null, '2032-02-29', '2032-02-29'],
    // Year end.
    ['issue', '2026-12-31', null, '2032-01-01', '2032-01-01'],
    ['renew', '2031-07-01', '2031-12-31', '2036-12-31', '2036-12-31'],
  ];

  it.each(cases)(
    '%s %s (old expiry %s) → %s (month end) / %s (next day)',
    (type, decision, prev, def, alt) => {
      const previous = prev ? { validFrom: '2022-01-01', validTo: prev } : null;
      expect(computeValidity(type, decision, previous, DEFAULT_VALIDITY_RULE)).toEqual({
        validFrom: decision,
        validTo: def,
      });
      expect(computeValidity(type, decision, previous, NEXT_DAY).validTo).toBe(alt);
    },
  );

  it('start date is the approval (decision) date for 发证 and 延续', () => {
    expect(computeValidity('issue', '2026-03-15', null).validFrom).toBe('2026-03-15');
    expect(
      computeValidity('renew', '2027-01-10', { validFrom: '2022-05-19', validTo: '2027-05-20' }).validFrom,
    ).toBe('2027-01-10');
  });

  it('变更 keeps the validity (《办法》第三十条); 补领 and 重新审查 keep it by default, or restart', () => {
    const prev = { validFrom: '2024-03-15', validTo: '2029-03-16' };
    expect(computeValidity('change', '2026-06-01', prev)).toEqual(prev);
    expect(computeValidity('reissue', '2026-06-01', prev)).toEqual(prev);
    expect(computeValidity('reexamine', '2026-06-01', prev)).toEqual(prev);
    const restart = { ...DEFAULT_VALIDITY_RULE, reissue: 'restart', reexamine: 'restart' } as const;
    expect(computeValidity('reissue', '2026-06-01', prev, restart)).toEqual({
      validFrom: '2026-06-01',
      validTo: '2031-06-02',
    });
    expect(computeValidity('reexamine', '2026-06-01', prev, restart).validTo).toBe('2031-06-02');
  });

  it('the offsets are settings: "5 年减 1 天" and a 延续 offset', () => {
    const minusOne = { ...DEFAULT_VALIDITY_RULE, issueOffsetDays: -1, renewOffsetDays: 1 };
    expect(computeValidity('issue', '2024-03-15', null, minusOne).validTo).toBe('2029-03-14');
    expect(computeValidity('issue', '2024-02-29', null, minusOne).validTo).toBe('2029-02-27');
    expect(
      computeValidity('renew', '2028-01-01', { validFrom: '2023-01-01', validTo: '2028-02-29' }, minusOne)
        .validTo,
    ).toBe('2033-03-01');
  });

  it('a type other than 发证 needs the previous certificate', () => {
    expect(() => computeValidity('renew', '2026-03-15', null)).toThrow(RangeError);
    expect(() => computeValidity('issue', '2026-02-30', null)).toThrow(RangeError);
  });

  it('does not follow the Date roll-over: no result is ever in the month after a missing day by default', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1901, max: 2190 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        (y, m, d) => {
          const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
          const day = `${y}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
          const r = addYearsCivil(day, 5);
          // Same month, 5 years on; the day is the anchor's or the month end.
          expect(r.slice(0, 7)).toBe(`${y + 5}-${String(m).padStart(2, '0')}`);
          const alt = addYearsCivil(day, 5, 'next-day');
          expect(alt >= r).toBe(true);
        },
      ),
    );
  });
});

describe('civil months', () => {
  it.each([
    ['2026-08-31', -6, '2026-02-28'],
    ['2028-08-31', -6, '2028-02-29'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2026-12-15', 1, '2027-01-15'],
    ['2026-01-15', -1, '2025-12-15'],
  ])('%s %+d months → %s', (day, n, expected) => {
    expect(addMonthsCivil(day, n)).toBe(expected);
  });

  it('延续 deadline: expiry − 6 months, month end when there is no counterpart (《办法》第二十七条)', () => {
    expect(latestRenewalDate('2031-03-16')).toBe('2030-09-16');
    expect(latestRenewalDate('2031-08-31')).toBe('2031-02-28');
    expect(latestRenewalDate('2032-08-31')).toBe('2032-02-29');
  });

  it('吊销: the bar covers 3 years from the day of 吊销 (《条例》第五十五条)', () => {
    expect(barLastDay('2026-05-10')).toBe('2029-05-10');
    expect(barLastDay('2028-02-29')).toBe('2031-02-28');
  });
});

describe('certificate number (《办法》第三十九条; licensing.md §3.2)', () => {
  it('builds XK + 行业编号 + 产品编号 + 5-digit serial', () => {
    expect(coreNumber('13', '008', 1)).toBe('XK13-008-00001');
    expect(coreNumber('06', '014', 99999)).toBe('XK06-014-99999');
    expect(CORE_NUMBER_RE.test(coreNumber('13', '008', 42))).toBe(true);
    expect(() => coreNumber('13', '008', 100000)).toThrow(RangeError);
    expect(() => coreNumber('13', '008', 0)).toThrow(RangeError);
    expect(() => coreNumber('1', '008', 1)).toThrow(RangeError);
    expect(() => coreNumber('13', '08', 1)).toThrow(RangeError);
  });

  it('prints the province abbreviation with the configured brackets (default half-width)', () => {
    expect(displayNumber('陕', 'XK13-008-00001', DEFAULT_SETTINGS.number.bracket)).toBe('(陕)XK13-008-00001');
    expect(displayNumber('陕', 'XK13-008-00001', 'full')).toBe('（陕）XK13-008-00001');
    expect(displayNumber('陕', 'XK13-008-00001', 'none')).toBe('陕XK13-008-00001');
    expect(displayNumber(null, 'XK13-008-00001', 'half')).toBe('XK13-008-00001');
  });

  it.each([
    ['(陕)XK13-008-00001', '陕', 'XK13-008-00001'],
    ['（陕）XK13-008-00001', '陕', 'XK13-008-00001'],
    ['陕XK13-008-00001', '陕', 'XK13-008-00001'],
    ['XK13-008-00001', null, 'XK13-008-00001'],
    [' xk13－008－00001 ', null, 'XK13-008-00001'],
    ['(陕)ＸＫ１３-００８-００００１', '陕', 'XK13-008-00001'],
    ['(鄂)XK12-001-00018', '鄂', 'XK12-001-00018'],
  ])('normalises %j', (input, province, core) => {
    expect(parseLicenceNumber(input)).toMatchObject({ province, core });
  });

  it.each([
    'XK13-008-0001',
    'XK13008-00001',
    'QS13-008-00001',
    '(陕XK13-008-00001x',
    '',
    '陕西XK13-008-00001',
  ])('refuses %j', (input) => {
    expect(parseLicenceNumber(input)).toBeNull();
  });

  it('the documented regular expressions', () => {
    expect(SHAANXI_NUMBER_RE.test('(陕)XK13-008-00001')).toBe(true);
    expect(SHAANXI_NUMBER_RE.test('（陕）XK13-008-00001')).toBe(true);
    expect(SHAANXI_NUMBER_RE.test('(鄂)XK13-008-00001')).toBe(false);
    expect(ANY_PROVINCE_NUMBER_RE.test('(鄂)XK12-001-00018')).toBe(true);
  });

  it('serial keys per scope', () => {
    expect(serialKey('product', '13', '008')).toBe('licence:XK13-008');
    expect(serialKey('industry', '13', '008')).toBe('licence:XK13');
    expect(serialKey('province', '13', '008')).toBe('licence:province');
  });
});

describe('state and reminders', () => {
  it('a valid certificate past its last day is 过期; the last day itself is still valid', () => {
    expect(certificateState('valid', '2031-03-16', '2031-03-16')).toBe('valid');
    expect(certificateState('valid', '2031-03-16', '2031-03-17')).toBe('expired');
    expect(certificateState('revoked', '2031-03-16', '2040-01-01')).toBe('revoked');
  });

  it('milestones: reached from expiry − N months until expiry', () => {
    expect(reachedMilestones('2031-03-16', '2030-09-15', [6])).toEqual([]);
    expect(reachedMilestones('2031-03-16', '2030-09-16', [6])).toEqual([6]);
    expect(reachedMilestones('2031-03-16', '2031-03-16', [9, 7, 6])).toEqual([9, 7, 6]);
    expect(reachedMilestones('2031-03-16', '2030-08-20', [9, 7, 6])).toEqual([9, 7]);
    expect(reachedMilestones('2031-03-16', '2031-03-17', [6])).toEqual([]);
  });

  it('the reminder horizon covers every expiry with a milestone reached (month-end cases)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 400 }), (a, b) => {
        const today = new Date(Date.UTC(2026, 0, 1 + a)).toISOString().slice(0, 10);
        const expiry = new Date(Date.UTC(2026, 0, 1 + a + b)).toISOString().slice(0, 10);
        if (reachedMilestones(expiry, today, [6]).length > 0)
          expect(expiry <= reminderHorizon(today, [6])).toBe(true);
      }),
    );
  });
});

describe('settings', () => {
  it('defaults when nothing is stored, and falls back on malformed values', () => {
    expect(parseSettings({})).toEqual(DEFAULT_SETTINGS);
    const s = parseSettings({
      'validity.missingDay': 'next-day',
      'number.bracket': 'full',
      'validity.years': 'x',
      'reminder.months': '6, 9，7',
      'unknown.key': '1',
    });
    expect(s.validity.missingDay).toBe('next-day');
    expect(s.number.bracket).toBe('full');
    expect(s.validity.years).toBe(5);
    expect(s.reminderMonths).toEqual([9, 7, 6]);
  });

  it('every setting says how it is entered, and its check follows its type', () => {
    const tags = ['verified', 'excerpt', 'unconfirmed', 'customer'];
    for (const d of SETTING_DEFS) {
      expect(tags, d.key).toContain(d.sourceTag);
      if (d.type === 'enum') {
        expect(d.options?.length, d.key).toBeGreaterThan(1);
        for (const o of d.options!) {
          expect(d.check(o.value), `${d.key}=${o.value}`).toBeUndefined();
          expect(o.label, d.key).toMatch(/[\u4e00-\u9fa5]/);
        }
        expect(d.check('not-an-option'), d.key).toMatch(/须为/);
      } else expect(d.options, d.key).toBeUndefined();
      if (d.type === 'int') {
        expect(d.check(String(d.min)), d.key).toBeUndefined();
        expect(d.check(String(d.max)), d.key).toBeUndefined();
        expect(d.check(String(d.min! - 1)), d.key).toBeDefined();
        expect(d.check(String(d.max! + 1)), d.key).toBeDefined();
        expect(d.unit, d.key).toBeTruthy();
      } else expect(d.min ?? d.max, d.key).toBeUndefined();
    }
    expect(settingDef('number.bracket')).toMatchObject({ type: 'enum', sourceTag: 'unconfirmed' });
    expect(settingDef('validity.years')).toMatchObject({
      type: 'int',
      min: 1,
      max: 10,
      sourceTag: 'verified',
    });
    expect(settingDef('validity.issueOffsetDays')!.check('2')).toBeDefined();
    expect(settingDef('reminder.months')).toMatchObject({ type: 'string' });
  });

  it('every default passes its own check', () => {
    for (const d of SETTING_DEFS) expect(d.check(d.defaultValue), d.key).toBeUndefined();
    expect(parseMonthList('0')).toBeUndefined();
    expect(parseMonthList('')).toBeUndefined();
  });
});
