import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, FixedClock, type TestApp } from '../../../../test/harness.js';
import { readXlsx } from '../../documents/xlsx.js';
import { AppError } from '../../errors.js';
import { publishedDays } from '../calendar.data.js';
import { seedCalendar } from '../calendar.seed.js';
import { CalendarService } from '../calendar.service.js';

describe('holiday calendar: seed, service and HTTP', () => {
  let t: TestApp;
  let calendar: CalendarService;
  const clock = new FixedClock(new Date('2026-03-16T09:00:00+08:00'));
  beforeAll(async () => {
    t = await createTestApp({ clock });
    calendar = new CalendarService(t.ctx);
  });
  afterAll(async () => t.close());

  const rowsOf = (year: number) =>
    t.ctx.db
      .selectFrom('holiday_calendar')
      .selectAll()
      .where('day', '>=', `${year}-01-01`)
      .where('day', '<=', `${year}-12-31`)
      .orderBy('day')
      .execute();

  describe('seed', () => {
    it('loads every published year (2004 to at least 2026) from chinese-days', async () => {
      const total = await t.ctx.db
        .selectFrom('holiday_calendar')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('source', '=', 'chinese-days')
        .executeTakeFirstOrThrow();
      expect(Number(total.n)).toBe(publishedDays().length);
      for (const year of [2024, 2025, 2026]) {
        const rows = await rowsOf(year);
        expect(rows.length).toBe(publishedDays().filter((d) => d.day.startsWith(`${year}-`)).length);
        expect(rows.length).toBeGreaterThan(25);
      }
      const y2025 = await rowsOf(2025);
      const national = y2025.filter((r) => r.day >= '2025-10-01' && r.day <= '2025-10-08');
      expect(national.map((r) => r.kind)).toEqual(Array(8).fill('holiday'));
      expect(national[0]).toMatchObject({ day: '2025-10-01', name: '国庆节', source: 'chinese-days' });
      expect(y2025.filter((r) => r.kind === 'workday').map((r) => r.day)).toEqual([
        '2025-01-26',
        '2025-02-08',
        '2025-04-27',
        '2025-09-28',
        '2025-10-11',
      ]);
    });

    it('is idempotent', async () => {
      const before = await rowsOf(2026);
      await seedCalendar(t.ctx);
      expect(await rowsOf(2026)).toEqual(before);
    });
  });

  describe('CalendarService over the database', () => {
    it('answers the real 2025 and 2026 cases', async () => {
      expect(await calendar.isWorkingDay('2025-10-11')).toBe(true);
      expect(await calendar.isWorkingDay('2025-10-08')).toBe(false);
      expect(await calendar.isWorkingDay('2026-02-28')).toBe(true);
      expect(await calendar.isWorkingDay('2026-02-23')).toBe(false);
      expect(await calendar.addWorkingDays('2025-09-30', 5)).toBe('2025-10-14');
      expect(await calendar.addWorkingDays('2026-02-13', 5)).toBe('2026-02-27');
      expect(await calendar.workingDaysBetween('2025-09-30', '2025-10-31')).toBe(18);
      expect(await calendar.calendarDeadline('2025-09-16', 15)).toBe('2025-10-09');
      expect(await calendar.calendarDeadline('2026-09-20', 15)).toBe('2026-10-08');
      expect(await calendar.calendarDeadline('2025-03-01', 14)).toBe('2025-03-17');
      expect(await calendar.calendarDeadline('2025-03-01', 14, { rollOverWeekends: false })).toBe(
        '2025-03-15',
      );
    });

    it('refuses a bad date with the field', async () => {
      const e = await calendar.addWorkingDays('2025-02-30', 1).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(AppError);
      expect(e).toMatchObject({ status: 400, code: 'CALENDAR_DAY_INVALID', field: 'start' });
      await expect(calendar.addWorkingDays('2025-02-01', 1.5)).rejects.toMatchObject({ field: 'n' });
      await expect(calendar.calendarDeadline('2025-02-01', -1)).rejects.toMatchObject({ field: 'days' });
    });

    it('a seeded day an administrator changed survives the next seed', async () => {
      const s = await t.login('sysadmin');
      // 2024-10-07 is a seeded National Day holiday; the administrator cancels it.
      expect((await s.del('/api/calendar/days/2024-10-07')).statusCode).toBe(200);
      const [row] = (await rowsOf(2024)).filter((r) => r.day === '2024-10-07');
      expect(row).toMatchObject({ kind: 'normal', source: 'manual' });
      expect(await calendar.isWorkingDay('2024-10-07')).toBe(true); // Monday
      await seedCalendar(t.ctx);
      expect(await calendar.isWorkingDay('2024-10-07')).toBe(true);
      const [after] = (await rowsOf(2024)).filter((r) => r.day === '2024-10-07');
      expect(after).toMatchObject({ kind: 'normal', source: 'manual' });
    });
  });

  describe('HTTP', () => {
    it('answers 401 without a session', async () => {
      const r = await t.app.inject({ method: 'GET', url: '/api/calendar/years/2025' });
      expect(r.statusCode).toBe(401);
      const put = await t.app.inject({
        method: 'PUT',
        url: '/api/calendar/days/2026-12-31',
        payload: { kind: 'holiday', name: '测试' },
      });
      expect(put.statusCode).toBe(401);
    });

    it('lists a year for any logged-in user', async () => {
      const s = await t.login('xian');
      const r = await s.get('/api/calendar/years/2026');
      expect(r.statusCode).toBe(200);
      const body = r.json<{ year: number; items: Array<Record<string, unknown>> }>();
      expect(body.year).toBe(2026);
      expect(body.items.find((i) => i.day === '2026-02-14')).toMatchObject({
        kind: 'workday',
        kindLabel: '调休上班',
        name: '春节',
        weekday: '周六',
        working: true,
        source: 'chinese-days',
        updatedBy: null,
      });
      expect(body.items.find((i) => i.day === '2026-10-01')).toMatchObject({
        kind: 'holiday',
        working: false,
      });
    });

    it('exports a year as xlsx', async () => {
      const s = await t.login('sheng');
      const r = await s.get('/api/calendar/years/2025?format=xlsx');
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toContain('spreadsheetml');
      const rows = await readXlsx(r.rawPayload);
      expect(rows[0]).toEqual(['日期', '星期', '类型', '名称', '是否工作日', '来源', '更新时间', '更新人']);
      expect(rows.find((x) => x[0] === '2025-10-11')?.slice(0, 5)).toEqual([
        '2025-10-11',
        '周六',
        '调休上班',
        '国庆节',
        '是',
      ]);
    });

    it('answers 400 for a bad year', async () => {
      const s = await t.login('sheng');
      const r = await s.get('/api/calendar/years/20250');
      expect(r.statusCode).toBe(400);
      expect(r.json()).toMatchObject({ code: 'VALIDATION', field: 'year' });
    });

    it('answers 403 to a user without calendar:write', async () => {
      const s = await t.login('sheng');
      const put = await s.put('/api/calendar/days/2026-12-31', { kind: 'holiday', name: '测试' });
      expect(put.statusCode).toBe(403);
      expect(put.json().message).toContain('calendar:write');
      expect((await s.del('/api/calendar/days/2026-10-01')).statusCode).toBe(403);
      expect(await calendar.isWorkingDay('2026-12-31')).toBe(true);
    });

    it('answers 400 with the field for a bad date, kind or name', async () => {
      const s = await t.login('sysadmin');
      const badDate = await s.put('/api/calendar/days/2025-02-30', { kind: 'holiday', name: '测试' });
      expect(badDate.statusCode).toBe(400);
      expect(badDate.json()).toMatchObject({ code: 'VALIDATION', field: 'day' });
      const notADate = await s.put('/api/calendar/days/tomorrow', { kind: 'holiday', name: '测试' });
      expect(notADate.json()).toMatchObject({ code: 'VALIDATION', field: 'day' });
      const badKind = await s.put('/api/calendar/days/2026-12-31', { kind: 'vacation', name: '测试' });
      expect(badKind.statusCode).toBe(400);
      expect(badKind.json()).toMatchObject({ code: 'VALIDATION', field: 'kind' });
      const noName = await s.put('/api/calendar/days/2026-12-31', { kind: 'holiday' });
      expect(noName.json()).toMatchObject({ code: 'VALIDATION', field: 'name' });
      const blank = await s.put('/api/calendar/days/2026-12-31', { kind: 'holiday', name: '  ' });
      expect(blank.json()).toMatchObject({ code: 'CALENDAR_NAME_REQUIRED', field: 'name' });
      // 2026-12-30 is a Wednesday: it is a working day already and cannot be a 调休上班日.
      const weekday = await s.put('/api/calendar/days/2026-12-30', { kind: 'workday', name: '调休' });
      expect(weekday.statusCode).toBe(400);
      expect(weekday.json()).toMatchObject({ code: 'CALENDAR_WORKDAY_NOT_WEEKEND', field: 'kind' });
      expect(weekday.json().message).toContain('周三');
    });

    it('lets sysadmin set and clear a day, visible at once to CalendarService and audited', async () => {
      const s = await t.login('sysadmin');
      expect(await calendar.isWorkingDay('2026-12-31')).toBe(true);
      const put = await s.put('/api/calendar/days/2026-12-31', { kind: 'holiday', name: '临时放假' });
      expect(put.statusCode).toBe(200);
      expect(put.json()).toMatchObject({
        day: '2026-12-31',
        kind: 'holiday',
        name: '临时放假',
        source: 'manual',
        working: false,
        updatedByName: '系统管理员',
        updatedAt: clock.now().toISOString(),
      });
      expect(await calendar.isWorkingDay('2026-12-31')).toBe(false);
      // The 2027 schedule is not published yet, so 2027-01-01 (a Friday) still counts as a working day.
      expect(await calendar.addWorkingDays('2026-12-30', 1)).toBe('2027-01-01');

      // A Saturday made a working day.
      const sat = await s.put('/api/calendar/days/2026-12-26', { kind: 'workday', name: '调休上班' });
      expect(sat.statusCode).toBe(200);
      expect(await calendar.isWorkingDay('2026-12-26')).toBe(true);

      const audit = await t.ctx.db
        .selectFrom('audit_log')
        .select(['action', 'target_type', 'target_id', 'result', 'username'])
        .where('target_id', '=', '2026-12-31')
        .where('result', '=', 'success')
        .execute();
      expect(audit).toEqual([
        {
          action: '维护节假日日历',
          target_type: 'holiday_calendar',
          target_id: '2026-12-31',
          result: 'success',
          username: 'sysadmin',
        },
      ]);

      // Clearing a day the package never listed removes the row.
      expect((await s.del('/api/calendar/days/2026-12-31')).statusCode).toBe(200);
      expect(await calendar.isWorkingDay('2026-12-31')).toBe(true);
      expect((await rowsOf(2026)).some((r) => r.day === '2026-12-31')).toBe(false);
      expect((await s.del('/api/calendar/days/2026-12-26')).statusCode).toBe(200);
      expect(await calendar.isWorkingDay('2026-12-26')).toBe(false);
    });

    it('computes deadlines for any logged-in user', async () => {
      const s = await t.login('xian');
      const deadline = await s.get('/api/calendar/compute?op=calendarDeadline&start=2025-09-16&days=15');
      expect(deadline.json()).toEqual({ op: 'calendarDeadline', result: '2025-10-09' });
      const literal = await s.get(
        '/api/calendar/compute?op=calendarDeadline&start=2025-03-01&days=14&rollOverWeekends=false',
      );
      expect(literal.json().result).toBe('2025-03-15');
      const add = await s.get('/api/calendar/compute?op=addWorkingDays&start=2025-09-30&n=5');
      expect(add.json().result).toBe('2025-10-14');
      const between = await s.get(
        '/api/calendar/compute?op=workingDaysBetween&start=2025-09-30&end=2025-10-31',
      );
      expect(between.json().result).toBe(18);
      const working = await s.get('/api/calendar/compute?op=isWorkingDay&start=2025-09-28');
      expect(working.json().result).toBe(true);
      const missing = await s.get('/api/calendar/compute?op=addWorkingDays&start=2025-09-30');
      expect(missing.statusCode).toBe(400);
      expect(missing.json()).toMatchObject({ field: 'n' });
      const badStart = await s.get('/api/calendar/compute?op=isWorkingDay&start=2025-13-01');
      expect(badStart.json()).toMatchObject({ code: 'VALIDATION', field: 'start' });
      const anon = await t.app.inject({
        method: 'GET',
        url: '/api/calendar/compute?op=isWorkingDay&start=2025-09-28',
      });
      expect(anon.statusCode).toBe(401);
    });
  });
});
