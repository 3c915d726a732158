/**
 * A small 5-field cron (minute hour day-of-month month day-of-week) with `*`, lists, ranges and steps
 * (`*\/n`, `a-b/n`), evaluated in a fixed UTC offset. Asia/Shanghai has had no daylight saving time
 * since 1991, so a fixed +08:00 is exact for it. Pure: no I/O, no clock.
 */

export interface CronSpec {
  minutes: ReadonlySet<number>;
  hours: ReadonlySet<number>;
  days: ReadonlySet<number>;
  months: ReadonlySet<number>;
  /** 0–6, Sunday = 0 (7 in the expression is also Sunday). */
  weekdays: ReadonlySet<number>;
  /** Vixie cron: when both day fields are restricted, a day matches if either matches. */
  dayRestricted: boolean;
  weekdayRestricted: boolean;
}

/** Thrown for an expression this parser does not accept; the message is for an administrator. */
export class CronError extends Error {}

/** UTC offset of Asia/Shanghai in minutes. */
export const SHANGHAI_OFFSET_MINUTES = 480;

const FIELDS = [
  { name: '分钟', min: 0, max: 59 },
  { name: '小时', min: 0, max: 23 },
  { name: '日', min: 1, max: 31 },
  { name: '月', min: 1, max: 12 },
  { name: '星期', min: 0, max: 7 },
] as const;

function parseField(text: string, index: number): Set<number> {
  const f = FIELDS[index]!;
  const out = new Set<number>();
  for (const part of text.split(',')) {
    const m = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
    if (!m) throw new CronError(`cron 表达式的${f.name}字段不正确: ${part}`);
    let lo: number = f.min;
    let hi: number = f.max;
    if (m[1] !== '*') {
      lo = Number(m[2]);
      hi = m[3] !== undefined ? Number(m[3]) : m[4] !== undefined ? f.max : lo;
    }
    const step = m[4] !== undefined ? Number(m[4]) : 1;
    if (lo < f.min || hi > f.max || lo > hi || step < 1) {
      throw new CronError(`cron 表达式的${f.name}字段超出范围 ${f.min}–${f.max}: ${part}`);
    }
    for (let v = lo; v <= hi; v += step) out.add(index === 4 && v === 7 ? 0 : v);
  }
  return out;
}

/** Parses "minute hour day month weekday"; throws CronError with a Chinese message. */
export function parseCron(expr: string): CronSpec {
  const parts = expr.trim().split(/\s+/);
  if (parts.length !== 5) throw new CronError(`cron 表达式应为 5 个字段（分 时 日 月 周）: ${expr}`);
  const sets = parts.map((p, i) => parseField(p, i));
  return {
    minutes: sets[0]!,
    hours: sets[1]!,
    days: sets[2]!,
    months: sets[3]!,
    weekdays: sets[4]!,
    dayRestricted: parts[2] !== '*',
    weekdayRestricted: parts[4] !== '*',
  };
}

function dayMatches(spec: CronSpec, day: number, weekday: number): boolean {
  const d = spec.days.has(day);
  const w = spec.weekdays.has(weekday);
  if (spec.dayRestricted && spec.weekdayRestricted) return d || w;
  return d && w;
}

/** True when the minute containing `at` matches the expression (wall time at the given offset). */
export function cronMatches(spec: CronSpec, at: Date, offsetMinutes = SHANGHAI_OFFSET_MINUTES): boolean {
  const w = new Date(at.getTime() + offsetMinutes * 60000);
  return (
    spec.minutes.has(w.getUTCMinutes()) &&
    spec.hours.has(w.getUTCHours()) &&
    spec.months.has(w.getUTCMonth() + 1) &&
    dayMatches(spec, w.getUTCDate(), w.getUTCDay())
  );
}

/**
 * The first slot strictly after `after` (whole minutes), or throws when none exists within 5 years
 * (e.g. "0 0 31 2 *"). The search skips whole days and hours that cannot match.
 */
export function nextCronTime(
  spec: CronSpec | string,
  after: Date,
  offsetMinutes = SHANGHAI_OFFSET_MINUTES,
): Date {
  const s = typeof spec === 'string' ? parseCron(spec) : spec;
  const offsetMs = offsetMinutes * 60000;
  // Work in "wall time as if UTC" so getUTC* give the local fields.
  let t = Math.floor((after.getTime() + offsetMs) / 60000) * 60000 + 60000;
  const limit = t + 5 * 366 * 86400000;
  while (t <= limit) {
    const d = new Date(t);
    if (!s.months.has(d.getUTCMonth() + 1) || !dayMatches(s, d.getUTCDate(), d.getUTCDay())) {
      t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
      continue;
    }
    if (!s.hours.has(d.getUTCHours())) {
      t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours() + 1);
      continue;
    }
    if (!s.minutes.has(d.getUTCMinutes())) {
      t += 60000;
      continue;
    }
    return new Date(t - offsetMs);
  }
  throw new CronError('cron 表达式在 5 年内没有可执行的时间');
}
