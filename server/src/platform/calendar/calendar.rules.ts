/**
 * The two kinds of legal time (DESIGN.md §7, domain README "两类期限计算的区别"), as pure functions.
 * Days are 'YYYY-MM-DD' strings everywhere; the arithmetic is done on UTC day numbers, so no time zone
 * can shift a date.
 */

/** The days that differ from "Monday to Friday are working days". */
export interface HolidaySet {
  /** 放假日: 法定节假日 and the rest days of the State Council schedule (weekends inside a holiday included). */
  readonly holidays: ReadonlySet<string>;
  /** 调休上班日: Saturdays or Sundays that are working days. */
  readonly workdays: ReadonlySet<string>;
}

export interface CalendarDeadlineOptions {
  /**
   * Whether an ordinary Saturday or Sunday also counts as a "法定节假日" that moves the last day forward.
   * Default true ("非工作日即顺延", sampling.md §1); whether 第五十五条 means this is 【待确认】 (README 待确认 12).
   * With false, only days in the holiday set roll forward, and the result may be an ordinary weekend day.
   */
  rollOverWeekends?: boolean;
}

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;
/** No legal period here spans more than a century; beyond it an input is a mistake, not a deadline. */
const MAX_SPAN_DAYS = 36_600;

/** Chinese weekday names by dayOfWeek (0 = Sunday). */
export const WEEKDAY_LABELS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'] as const;

/** An empty holiday set: Monday to Friday are working days. */
export const NO_HOLIDAYS: HolidaySet = { holidays: new Set(), workdays: new Set() };

function epochDayOrNaN(day: string): number {
  const m = DAY_RE.exec(day);
  if (!m) return NaN;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 to 1900–1999.
  t.setUTCFullYear(y, mo - 1, d);
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) return NaN;
  return t.getTime() / MS_PER_DAY;
}

/** True for a real calendar date written 'YYYY-MM-DD' (2025-02-29 is not one). */
export function isValidDay(day: string): boolean {
  return !Number.isNaN(epochDayOrNaN(day));
}

/** Days since 1970-01-01 (UTC) of a 'YYYY-MM-DD' date; throws RangeError for anything else. */
export function toEpochDay(day: string): number {
  const n = epochDayOrNaN(day);
  if (Number.isNaN(n)) throw new RangeError(`not a date (YYYY-MM-DD): ${day}`);
  return n;
}

/** The 'YYYY-MM-DD' date of a day number since 1970-01-01. */
export function fromEpochDay(n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`not a day number: ${n}`);
  const iso = new Date(n * MS_PER_DAY).toISOString();
  if (!/^\d{4}-/.test(iso)) throw new RangeError(`date out of range: ${iso}`);
  return iso.slice(0, 10);
}

/** The date `n` calendar days after (n < 0: before) `day`. */
export function addDays(day: string, n: number): string {
  return fromEpochDay(toEpochDay(day) + n);
}

/** Calendar days from a to b (negative when b is before a). */
export function daysBetween(a: string, b: string): number {
  return toEpochDay(b) - toEpochDay(a);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(day: string): number {
  // 1970-01-01 was a Thursday.
  return (((toEpochDay(day) + 4) % 7) + 7) % 7;
}

function isWorkingEpochDay(cal: HolidaySet, n: number): boolean {
  const day = fromEpochDay(n);
  if (cal.workdays.has(day)) return true;
  if (cal.holidays.has(day)) return false;
  const dow = (((n + 4) % 7) + 7) % 7;
  return dow !== 0 && dow !== 6;
}

function checkInteger(name: string, n: number): void {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${name} must be an integer: ${n}`);
  if (Math.abs(n) > MAX_SPAN_DAYS) throw new RangeError(`${name} out of range: ${n}`);
}

/** Working day: Monday to Friday unless a holiday; Saturday or Sunday only when it is a 调休上班日. */
export function isWorkingDay(cal: HolidaySet, day: string): boolean {
  return isWorkingEpochDay(cal, toEpochDay(day));
}

/**
 * The n-th working day after `start` (start itself does not count; n = 0 gives start; n < 0 the n-th
 * working day before it). // 生产许可实施办法第五十五条: 期限以工作日计算，不含法定节假日
 */
export function addWorkingDays(cal: HolidaySet, start: string, n: number): string {
  checkInteger('n', n);
  const step = n < 0 ? -1 : 1;
  let d = toEpochDay(start);
  let left = Math.abs(n);
  // Even a calendar with no working day at all cannot loop for ever.
  const limit = d + step * (Math.abs(n) * 7 + MAX_SPAN_DAYS);
  while (left > 0) {
    d += step;
    if (d === limit) throw new RangeError(`no ${Math.abs(n)} working days within range of ${start}`);
    if (isWorkingEpochDay(cal, d)) left--;
  }
  return fromEpochDay(d);
}

/**
 * Working days in (a, b]; when b is before a, minus the working days in (b, a], so the count is additive
 * (between(a, b) + between(b, c) = between(a, c)) and workingDaysBetween(a, addWorkingDays(a, n)) === n
 * for n ≥ 0. // 生产许可实施办法第五十五条: 期限以工作日计算
 */
export function workingDaysBetween(cal: HolidaySet, a: string, b: string): number {
  const from = toEpochDay(a);
  const to = toEpochDay(b);
  checkInteger('span', to - from);
  const [lo, hi, sign] = to >= from ? [from, to, 1] : [to, from, -1];
  let count = 0;
  for (let d = lo + 1; d <= hi; d++) if (isWorkingEpochDay(cal, d)) count++;
  return count === 0 ? 0 : sign * count;
}

/**
 * Last day of a period of `days` calendar days from `start` (start + days), moved to the first day after
 * the holiday when it falls on one. // 总局令第18号 第五十五条: 期间届满的最后一日为法定节假日的，以节假日后的第一日为期间届满的日期
 */
export function calendarDeadline(
  cal: HolidaySet,
  start: string,
  days: number,
  opts: CalendarDeadlineOptions = {},
): string {
  checkInteger('days', days);
  if (days < 0) throw new RangeError(`days must not be negative: ${days}`);
  const rollOverWeekends = opts.rollOverWeekends ?? true;
  let d = toEpochDay(start) + days;
  const limit = d + MAX_SPAN_DAYS;
  const rests = rollOverWeekends
    ? (n: number) => !isWorkingEpochDay(cal, n)
    : (n: number) => cal.holidays.has(fromEpochDay(n));
  while (rests(d)) {
    d++;
    if (d === limit) throw new RangeError(`no working day within range after ${start} + ${days}`);
  }
  return fromEpochDay(d);
}
