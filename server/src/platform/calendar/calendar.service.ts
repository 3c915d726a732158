import { performance } from 'node:perf_hooks';
import { hasPermission, type Principal } from '../access/principal.js';
import type { AppContext } from '../context.js';
import type { Database } from '../db/database.js';
import { CalendarErrors } from './calendar.errors.js';
import { CalendarRepository, type CalendarDayRow } from './calendar.repository.js';
import {
  addWorkingDays,
  calendarDeadline,
  dayOfWeek,
  daysBetween,
  isValidDay,
  isWorkingDay,
  workingDaysBetween,
  type CalendarDeadlineOptions,
  type HolidaySet,
  WEEKDAY_LABELS,
} from './calendar.rules.js';
import { publishedDays } from './calendar.data.js';

/** Kinds an administrator may set; null clears the day back to the Monday-to-Friday rule. */
export type SettableDayKind = 'holiday' | 'workday';

/** A holiday set plus the years that have any entry (a year without one is probably not maintained yet). */
interface LoadedCalendar extends HolidaySet {
  readonly years: ReadonlySet<number>;
}

interface CacheSlot {
  entry?: { cal: LoadedCalendar; loadedAt: number };
  loading?: Promise<LoadedCalendar>;
  generation: number;
}

/**
 * The calendar is a few hundred rows read on nearly every deadline, so each process keeps it in memory per
 * database. setDay on this process invalidates at once; another node sees the change when its copy is older
 * than CACHE_MAX_AGE_MS (multi-node staleness of up to a minute, accepted: administrators change the calendar
 * a few times a year, well before the days concerned).
 */
const CACHE_MAX_AGE_MS = 60_000;
const caches = new WeakMap<Database, CacheSlot>();
const warnedYears = new WeakMap<Database, Set<number>>();

/** Drops this process's cached holiday set for a database (after a change, or the seeder). */
export function invalidateCalendarCache(db: Database): void {
  const slot = caches.get(db);
  if (!slot) return;
  slot.generation++;
  slot.entry = undefined;
  slot.loading = undefined;
}

/** Working days and calendar-day deadlines over the holiday calendar an administrator maintains. */
export class CalendarService {
  private readonly repo: CalendarRepository;
  constructor(private readonly ctx: AppContext) {
    this.repo = new CalendarRepository(ctx.db);
  }

  private async load(): Promise<LoadedCalendar> {
    const db = this.ctx.db;
    let slot = caches.get(db);
    if (!slot) {
      slot = { generation: 0 };
      caches.set(db, slot);
    }
    // Cache age is wall-clock infrastructure time (monotonic), not business time: ctx.clock is not used.
    if (slot.entry && performance.now() - slot.entry.loadedAt < CACHE_MAX_AGE_MS) return slot.entry.cal;
    if (slot.loading) return slot.loading;
    const generation = slot.generation;
    const s = slot;
    const loading = (async () => {
      const rows = await this.repo.specialDays();
      const holidays = new Set<string>();
      const workdays = new Set<string>();
      const years = new Set<number>();
      for (const r of rows) {
        (r.kind === 'holiday' ? holidays : workdays).add(r.day);
        years.add(Number(r.day.slice(0, 4)));
      }
      const cal: LoadedCalendar = { holidays, workdays, years };
      // A change made while this load ran must not be hidden by the older snapshot.
      if (s.generation === generation) s.entry = { cal, loadedAt: performance.now() };
      return cal;
    })();
    s.loading = loading;
    try {
      return await loading;
    } finally {
      if (s.loading === loading) s.loading = undefined;
    }
  }

  /** The holiday set as the rules take it (for callers that compute many dates at once). */
  async holidaySet(): Promise<HolidaySet> {
    return this.load();
  }

  /** Logs once per year when a date falls in a year the calendar has no entries for (schedule not loaded yet). */
  private checkCoverage(cal: LoadedCalendar, ...days: string[]): void {
    for (const d of days) {
      const y = Number(d.slice(0, 4));
      if (cal.years.has(y)) continue;
      let warned = warnedYears.get(this.ctx.db);
      if (!warned) warnedYears.set(this.ctx.db, (warned = new Set()));
      if (warned.has(y)) continue;
      warned.add(y);
      this.ctx.logger.warn(
        { year: y },
        'holiday calendar has no entries for this year; Monday to Friday are treated as working days',
      );
    }
  }

  /** Working day: Monday to Friday unless a holiday; Saturday or Sunday only when it is a 调休上班日. */
  async isWorkingDay(day: string): Promise<boolean> {
    checkDay('day', day);
    const cal = await this.load();
    this.checkCoverage(cal, day);
    return isWorkingDay(cal, day);
  }

  /** The n-th working day after start (start not counted). // 生产许可实施办法第五十五条: 以工作日计算 */
  async addWorkingDays(start: string, n: number): Promise<string> {
    checkDay('start', start);
    checkCount('n', n);
    const cal = await this.load();
    const result = addWorkingDays(cal, start, n);
    this.checkCoverage(cal, start, result);
    return result;
  }

  /** Working days in (a, b]; negative when b is before a. // 生产许可实施办法第五十五条 */
  async workingDaysBetween(a: string, b: string): Promise<number> {
    checkDay('a', a);
    checkDay('b', b);
    checkCount('b', daysBetween(a, b));
    const cal = await this.load();
    this.checkCoverage(cal, a, b);
    return workingDaysBetween(cal, a, b);
  }

  /**
   * start + days calendar days, moved forward to the next working day when it ends on a non-working day
   * (rollOverWeekends false: only on a holiday). // 总局令第18号 第五十五条: 届满日为法定节假日的，以节假日后的第一日为届满日
   */
  async calendarDeadline(
    start: string,
    days: number,
    opts?: { rollOverWeekends?: boolean },
  ): Promise<string> {
    checkDay('start', start);
    checkCount('days', days);
    if (days < 0) throw CalendarErrors.negativeDays('days');
    const cal = await this.load();
    const options: CalendarDeadlineOptions = {};
    if (opts?.rollOverWeekends !== undefined) options.rollOverWeekends = opts.rollOverWeekends;
    const result = calendarDeadline(cal, start, days, options);
    this.checkCoverage(cal, start, result);
    return result;
  }

  /** Every stored day of a year (holidays, adjusted working days and manual overrides), by day. */
  async listYear(year: number): Promise<CalendarDayRow[]> {
    if (!Number.isInteger(year) || year < 1000 || year > 9999) throw CalendarErrors.invalidYear(year);
    return this.repo.listRange(`${year}-01-01`, `${year}-12-31`);
  }

  /**
   * Sets a day to 'holiday' or 'workday', or (kind null) back to the Monday-to-Friday rule; the row becomes
   * source 'manual' so the seeder never overwrites it. Needs calendar:write. Returns the stored row, if any.
   */
  async setDay(
    principal: Principal,
    day: string,
    kind: SettableDayKind | null,
    name: string | null,
  ): Promise<CalendarDayRow | undefined> {
    if (!hasPermission(principal, 'calendar:write')) throw CalendarErrors.forbidden();
    checkDay('day', day);
    const now = this.ctx.clock.now();
    if (kind === null) {
      // A seeded day is overridden by a 'normal' row (else the next start would restore it); any other day
      // simply loses its row.
      if (publishedDays().some((d) => d.day === day)) {
        await this.repo.upsertManual({
          day,
          kind: 'normal',
          name: null,
          source: 'manual',
          updated_at: now,
          updated_by: principal.userId,
        });
      } else {
        await this.repo.deleteDay(day);
      }
    } else {
      const dow = dayOfWeek(day);
      if (kind === 'workday' && dow !== 0 && dow !== 6) {
        throw CalendarErrors.workdayNotWeekend(day, WEEKDAY_LABELS[dow]!);
      }
      const trimmed = name?.trim() ?? '';
      if (!trimmed) throw CalendarErrors.nameRequired();
      await this.repo.upsertManual({
        day,
        kind,
        name: trimmed,
        source: 'manual',
        updated_at: now,
        updated_by: principal.userId,
      });
    }
    invalidateCalendarCache(this.ctx.db);
    return this.repo.findDay(day);
  }
}

function checkDay(field: string, day: string): void {
  if (typeof day !== 'string' || !isValidDay(day)) throw CalendarErrors.invalidDay(field, String(day));
}

function checkCount(field: string, n: number): void {
  if (!Number.isSafeInteger(n) || Math.abs(n) > 36_600) throw CalendarErrors.invalidCount(field, n);
}
