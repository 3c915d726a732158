import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CronError, cronMatches, nextCronTime, parseCron } from '../cron.rules.js';

const at = (iso: string) => new Date(iso);
const next = (expr: string, after: string) => nextCronTime(expr, at(after)).toISOString();

describe('parseCron', () => {
  it.each([
    ['*/15 * * * *', 'minutes', [0, 15, 30, 45]],
    ['0,30 * * * *', 'minutes', [0, 30]],
    ['10-12 * * * *', 'minutes', [10, 11, 12]],
    ['0 8-18/5 * * *', 'hours', [8, 13, 18]],
    ['0 22/1 * * *', 'hours', [22, 23]],
    ['0 0 * * 1-5', 'weekdays', [1, 2, 3, 4, 5]],
    ['0 0 * * 7', 'weekdays', [0]],
    ['0 0 * * 0,6', 'weekdays', [0, 6]],
    ['0 0 1 1,7 *', 'months', [1, 7]],
  ] as const)('%s → %s %j', (expr, field, values) => {
    expect([...parseCron(expr)[field]].sort((a, b) => a - b)).toEqual(values);
  });

  it.each([
    ['* * * *', '5 个字段'],
    ['* * * * * *', '5 个字段'],
    ['60 * * * *', '分钟'],
    ['* 24 * * *', '小时'],
    ['* * 0 * *', '日'],
    ['* * * 13 *', '月'],
    ['* * * * 8', '星期'],
    ['*/0 * * * *', '分钟'],
    ['5-1 * * * *', '分钟'],
    ['a * * * *', '分钟'],
    ['1,,2 * * * *', '分钟'],
  ])('refuses %s', (expr, hint) => {
    expect(() => parseCron(expr)).toThrow(CronError);
    expect(() => parseCron(expr)).toThrow(hint);
  });
});

describe('nextCronTime (Asia/Shanghai, UTC+8)', () => {
  it.each([
    // every minute: the next whole minute, strictly after
    ['* * * * *', '2026-03-16T01:00:00.000Z', '2026-03-16T01:01:00.000Z'],
    ['* * * * *', '2026-03-16T01:00:30.000Z', '2026-03-16T01:01:00.000Z'],
    ['*/15 * * * *', '2026-03-16T01:07:00.000Z', '2026-03-16T01:15:00.000Z'],
    // 02:00 Shanghai = 18:00 UTC the day before
    ['0 2 * * *', '2026-03-16T01:00:00.000Z', '2026-03-16T18:00:00.000Z'],
    ['0 2 * * *', '2026-03-15T17:59:00.000Z', '2026-03-15T18:00:00.000Z'],
    // Monday 09:00 Shanghai; 2026-03-16 is a Monday
    ['0 9 * * 1', '2026-03-16T01:00:00.000Z', '2026-03-23T01:00:00.000Z'],
    ['0 9 * * 1', '2026-03-15T12:00:00.000Z', '2026-03-16T01:00:00.000Z'],
    // first of the month at 00:30 Shanghai
    ['30 0 1 * *', '2026-03-16T01:00:00.000Z', '2026-03-31T16:30:00.000Z'],
    // day OR weekday when both are restricted (Vixie cron): the 20th or any Sunday
    ['0 0 20 * 0', '2026-03-16T01:00:00.000Z', '2026-03-19T16:00:00.000Z'],
    ['0 0 20 * 0', '2026-03-20T01:00:00.000Z', '2026-03-21T16:00:00.000Z'],
    // 29 February
    ['0 0 29 2 *', '2026-03-01T00:00:00.000Z', '2028-02-28T16:00:00.000Z'],
    // year end roll-over
    ['59 23 31 12 *', '2026-12-31T15:59:00.000Z', '2027-12-31T15:59:00.000Z'],
  ])('%s after %s → %s', (expr, after, expected) => {
    expect(next(expr, after)).toBe(expected);
  });

  it('refuses an expression that never fires', () => {
    expect(() => nextCronTime('0 0 31 2 *', at('2026-01-01T00:00:00Z'))).toThrow(CronError);
  });

  it('returns a matching minute, later than the start, with no earlier match in between', () => {
    const exprs = ['*/7 * * * *', '0 */3 * * *', '15 8-17 * * 1-5', '0 0 1,15 * *', '5 4 * * 0'];
    fc.assert(
      fc.property(
        fc.constantFrom(...exprs),
        fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2030, 0, 1) }),
        (expr, ms) => {
          const spec = parseCron(expr);
          const start = new Date(ms);
          const n = nextCronTime(spec, start);
          expect(n.getTime()).toBeGreaterThan(ms);
          expect(n.getUTCSeconds()).toBe(0);
          expect(cronMatches(spec, n)).toBe(true);
          // No matching minute strictly between start and n (checked up to 3 days back).
          for (let t = n.getTime() - 60000; t > ms && t > n.getTime() - 3 * 86400000; t -= 60000) {
            if (cronMatches(spec, new Date(t))) return false;
          }
          return true;
        },
      ),
      { numRuns: 200 },
    );
  });
});
