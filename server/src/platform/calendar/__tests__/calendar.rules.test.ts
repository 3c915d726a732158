import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { publishedDays } from '../calendar.data.js';
import {
  addDays,
  addWorkingDays,
  calendarDeadline,
  dayOfWeek,
  fromEpochDay,
  isValidDay,
  isWorkingDay,
  NO_HOLIDAYS,
  toEpochDay,
  workingDaysBetween,
  type HolidaySet,
} from '../calendar.rules.js';

// The package's own functions serve as an independent oracle over the same published schedules.
const chineseDays = createRequire(import.meta.url)('chinese-days') as {
  isWorkday(day: string): boolean;
  findWorkday(n: number, day: string): string;
};

/** The real State Council schedules, as the seeder stores them. */
const REAL: HolidaySet = {
  holidays: new Set(
    publishedDays()
      .filter((d) => d.kind === 'holiday')
      .map((d) => d.day),
  ),
  workdays: new Set(
    publishedDays()
      .filter((d) => d.kind === 'workday')
      .map((d) => d.day),
  ),
};

const FROM = toEpochDay('2024-01-01');
const TO = toEpochDay('2026-12-31');
/** A day in 2024–2026, the years whose schedules are published. */
const dayArb = fc.integer({ min: FROM, max: TO - 120 }).map(fromEpochDay);

/** A random calendar: any weekday may be a holiday, any weekend day an adjusted working day. */
const calendarArb: fc.Arbitrary<HolidaySet> = fc
  .record({
    holidays: fc.uniqueArray(fc.integer({ min: FROM, max: TO }), { maxLength: 200 }),
    workdays: fc.uniqueArray(fc.integer({ min: FROM, max: TO }), { maxLength: 60 }),
  })
  .map(({ holidays, workdays }) => {
    const w = new Set(workdays.map(fromEpochDay).filter((d) => [0, 6].includes(dayOfWeek(d))));
    return { holidays: new Set(holidays.map(fromEpochDay).filter((d) => !w.has(d))), workdays: w };
  });

describe('dates', () => {
  it('accepts real dates only', () => {
    expect(isValidDay('2024-02-29')).toBe(true);
    expect(isValidDay('2025-02-29')).toBe(false);
    expect(isValidDay('2025-13-01')).toBe(false);
    expect(isValidDay('2025-1-1')).toBe(false);
    expect(isValidDay('2025-01-01T00:00:00Z')).toBe(false);
    expect(() => toEpochDay('2025-02-30')).toThrow(RangeError);
  });

  it('adds days across months, leap years and years in UTC', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(dayOfWeek('2025-10-01')).toBe(3);
    expect(dayOfWeek('2026-02-14')).toBe(6);
    expect(dayOfWeek('1970-01-01')).toBe(4);
  });

  it('without holidays, Monday to Friday are working days', () => {
    expect(isWorkingDay(NO_HOLIDAYS, '2025-03-14')).toBe(true); // Friday
    expect(isWorkingDay(NO_HOLIDAYS, '2025-03-15')).toBe(false); // Saturday
    expect(addWorkingDays(NO_HOLIDAYS, '2025-03-14', 1)).toBe('2025-03-17');
  });
});

describe('working days on the real 2025 and 2026 schedules', () => {
  it.each([
    // 2025 春节: 1月28日至2月4日放假，1月26日（周日）、2月8日（周六）上班
    ['2025-01-26', true, '春节调休上班（周日）'],
    ['2025-01-27', true, '春节前最后一个工作日'],
    ['2025-01-28', false, '除夕'],
    ['2025-02-04', false, '春节假期最后一天（周二）'],
    ['2025-02-05', true, '节后第一个工作日'],
    ['2025-02-08', true, '春节调休上班（周六）'],
    ['2025-02-09', false, '普通周日'],
    // 2025 国庆节、中秋节: 10月1日至8日放假，9月28日（周日）、10月11日（周六）上班
    ['2025-09-28', true, '国庆调休上班（周日）'],
    ['2025-09-30', true, '国庆前最后一个工作日'],
    ['2025-10-01', false, '国庆节'],
    ['2025-10-06', false, '中秋节'],
    ['2025-10-08', false, '国庆假期最后一天（周三）'],
    ['2025-10-09', true, '节后第一个工作日'],
    ['2025-10-11', true, '国庆调休上班（周六）'],
    ['2025-10-12', false, '普通周日'],
    // 2026 春节: 2月15日至23日放假，2月14日（周六）、2月28日（周六）上班
    ['2026-02-13', true, '春节前（周五）'],
    ['2026-02-14', true, '春节调休上班（周六）'],
    ['2026-02-15', false, '春节假期第一天'],
    ['2026-02-23', false, '春节假期最后一天（周一）'],
    ['2026-02-24', true, '节后第一个工作日'],
    ['2026-02-28', true, '春节调休上班（周六）'],
    // 2026 国庆节: 10月1日至7日放假，9月20日（周日）、10月10日（周六）上班
    ['2026-09-20', true, '国庆调休上班（周日）'],
    ['2026-09-25', false, '中秋节（周五）'],
    ['2026-10-01', false, '国庆节'],
    ['2026-10-07', false, '国庆假期最后一天（周三）'],
    ['2026-10-08', true, '节后第一个工作日'],
    ['2026-10-10', true, '国庆调休上班（周六）'],
  ])('%s working=%s (%s)', (day, working) => {
    expect(isWorkingDay(REAL, day)).toBe(working);
  });

  it.each([
    // 5 working days from the eve of a holiday: the holiday and ordinary weekends do not count, 调休 Saturdays do.
    ['2025-01-27', 5, '2025-02-10', '春节前一天起 5 个工作日：2/5、2/6、2/7、2/8（周六调休）、2/10'],
    ['2025-09-30', 5, '2025-10-14', '国庆前一天起：10/9、10/10、10/11（周六调休）、10/13、10/14'],
    ['2026-02-13', 5, '2026-02-27', '春节前一天起：2/14（周六调休）、2/24、2/25、2/26、2/27'],
    ['2026-09-30', 5, '2026-10-13', '国庆前一天起：10/8、10/9、10/10（周六调休）、10/12、10/13'],
    ['2025-09-26', 1, '2025-09-28', '周五起 1 个工作日是周日调休上班日'],
    ['2025-10-14', -5, '2025-09-30', '倒数 5 个工作日回到节前'],
    ['2025-10-09', 0, '2025-10-09', 'n = 0 是起算日本身'],
  ])('addWorkingDays(%s, %i) = %s (%s)', (start, n, expected) => {
    expect(addWorkingDays(REAL, start, n)).toBe(expected);
  });

  it.each([
    ['2025-09-30', '2025-10-31', 18, '十月：23 个周一至周五，减 6 个放假工作日，加 10/11 调休'],
    ['2025-09-30', '2025-10-08', 0, '假期中没有工作日'],
    ['2026-02-13', '2026-02-28', 6, '2/14、2/24–2/27、2/28'],
    ['2025-10-31', '2025-09-30', -18, '倒过来是负数'],
    ['2025-10-12', '2025-09-28', -5, '(9/28, 10/12]：9/29、9/30、10/9–10/11，倒过来为负'],
    ['2025-10-01', '2025-10-01', 0, '同一天'],
  ])('workingDaysBetween(%s, %s) = %i (%s)', (a, b, expected) => {
    expect(workingDaysBetween(REAL, a, b)).toBe(expected);
  });
});

describe('calendar-day deadlines with roll-forward (总局令第18号 第五十五条)', () => {
  it.each([
    // 15 calendar days ending inside National Day roll to the first working day after it.
    ['2025-09-16', 15, true, '2025-10-09', '届满 10/1 国庆，顺延至 10/9（周四）'],
    ['2025-09-20', 15, true, '2025-10-09', '届满 10/5，顺延至 10/9'],
    ['2026-09-20', 15, true, '2026-10-08', '届满 10/5，顺延至 10/8'],
    ['2026-02-05', 15, true, '2026-02-24', '届满 2/20 春节，顺延至 2/24'],
    ['2025-09-13', 15, true, '2025-09-28', '届满 9/28 是调休上班日（周日），不顺延'],
    ['2025-09-23', 15, true, '2025-10-09', '届满 10/8 假期最后一天'],
    ['2025-03-01', 14, true, '2025-03-17', '届满普通周六，默认顺延至周一'],
    ['2025-03-01', 14, false, '2025-03-15', '不把普通周末当节假日时，周六即届满日'],
    ['2025-09-16', 15, false, '2025-10-09', '法定节假日总是顺延'],
    ['2025-10-09', 0, true, '2025-10-09', '0 日'],
  ])('calendarDeadline(%s, %i, rollOverWeekends=%s) = %s (%s)', (start, days, roll, expected) => {
    expect(calendarDeadline(REAL, start, days, { rollOverWeekends: roll })).toBe(expected);
  });

  it('rolls over weekends by default', () => {
    expect(calendarDeadline(REAL, '2025-03-01', 14)).toBe('2025-03-17');
  });

  it('refuses a negative period', () => {
    expect(() => calendarDeadline(REAL, '2025-03-01', -1)).toThrow(RangeError);
  });
});

describe('properties', () => {
  it('agrees with the chinese-days package on every day of 2024–2026', () => {
    for (let d = FROM; d <= TO; d++) {
      const day = fromEpochDay(d);
      expect(isWorkingDay(REAL, day), day).toBe(chineseDays.isWorkday(day));
    }
  });

  it('addWorkingDays agrees with chinese-days findWorkday', () => {
    fc.assert(
      fc.property(dayArb, fc.integer({ min: 1, max: 60 }), fc.boolean(), (a, n, back) => {
        const k = back ? -n : n;
        expect(addWorkingDays(REAL, a, k)).toBe(chineseDays.findWorkday(k, a));
      }),
    );
  });

  for (const [label, calArb] of [
    ['the real calendar', fc.constant(REAL)],
    ['random calendars', calendarArb],
  ] as const) {
    describe(label, () => {
      it('addWorkingDays gives a working day, strictly after start', () => {
        fc.assert(
          fc.property(calArb, dayArb, fc.integer({ min: 1, max: 60 }), (cal, a, n) => {
            const r = addWorkingDays(cal, a, n);
            expect(isWorkingDay(cal, r)).toBe(true);
            expect(r > a).toBe(true);
          }),
        );
      });

      it('workingDaysBetween(a, addWorkingDays(a, n)) === n', () => {
        fc.assert(
          fc.property(calArb, dayArb, fc.integer({ min: 0, max: 60 }), (cal, a, n) => {
            expect(workingDaysBetween(cal, a, addWorkingDays(cal, a, n))).toBe(n);
          }),
        );
      });

      it('counting n back then n forward returns to start, or to the next working day', () => {
        fc.assert(
          fc.property(calArb, dayArb, fc.integer({ min: 1, max: 60 }), (cal, a, n) => {
            const back = addWorkingDays(cal, a, -n);
            expect(isWorkingDay(cal, back)).toBe(true);
            expect(addWorkingDays(cal, back, n)).toBe(isWorkingDay(cal, a) ? a : addWorkingDays(cal, a, 1));
          }),
        );
      });

      it('workingDaysBetween is additive: (a, b] + (b, c] = (a, c]', () => {
        fc.assert(
          fc.property(calArb, dayArb, dayArb, dayArb, (cal, a, b, c) => {
            expect(workingDaysBetween(cal, a, b) + workingDaysBetween(cal, b, c)).toBe(
              workingDaysBetween(cal, a, c),
            );
          }),
        );
      });

      it('calendarDeadline is the first working day on or after start + days', () => {
        fc.assert(
          fc.property(calArb, dayArb, fc.integer({ min: 0, max: 90 }), (cal, a, days) => {
            const r = calendarDeadline(cal, a, days);
            const plain = addDays(a, days);
            expect(r >= plain).toBe(true);
            expect(isWorkingDay(cal, r)).toBe(true);
            for (let d = plain; d < r; d = addDays(d, 1)) expect(isWorkingDay(cal, d)).toBe(false);
          }),
        );
      });

      it('without weekend roll-over, only holidays move the deadline', () => {
        fc.assert(
          fc.property(calArb, dayArb, fc.integer({ min: 0, max: 90 }), (cal, a, days) => {
            const r = calendarDeadline(cal, a, days, { rollOverWeekends: false });
            expect(cal.holidays.has(r)).toBe(false);
            for (let d = addDays(a, days); d < r; d = addDays(d, 1)) expect(cal.holidays.has(d)).toBe(true);
            expect(r <= calendarDeadline(cal, a, days)).toBe(true);
          }),
        );
      });

      it('is monotonic in the start day and in the count', () => {
        fc.assert(
          fc.property(
            calArb,
            dayArb,
            dayArb,
            fc.integer({ min: 0, max: 60 }),
            fc.integer({ min: 0, max: 60 }),
            (cal, x, y, n, m) => {
              const [a, b] = x <= y ? [x, y] : [y, x];
              const [lo, hi] = n <= m ? [n, m] : [m, n];
              expect(addWorkingDays(cal, a, lo) <= addWorkingDays(cal, b, lo)).toBe(true);
              if (lo < hi) expect(addWorkingDays(cal, a, lo) < addWorkingDays(cal, a, hi)).toBe(true);
              expect(calendarDeadline(cal, a, lo) <= calendarDeadline(cal, b, lo)).toBe(true);
              expect(calendarDeadline(cal, a, lo) <= calendarDeadline(cal, a, hi)).toBe(true);
              expect(
                workingDaysBetween(cal, a, addDays(a, lo)) <= workingDaysBetween(cal, a, addDays(a, hi)),
              ).toBe(true);
            },
          ),
        );
      });
    });
  }
});
