import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { authorize, requirePrincipal } from '../auth/auth.hooks.js';
import type { AppContext } from '../context.js';
import { sendXlsx } from '../documents/xlsx.js';
import { OkReply } from '../http/schemas.js';
import { CalendarErrors } from './calendar.errors.js';
import { CALENDAR_XLSX_COLUMNS, presentCalendarDay } from './calendar.presenter.js';
import {
  CalendarDay,
  ComputeQuery,
  ComputeReply,
  DayParams,
  SetDayBody,
  YearParams,
  YearQuery,
  YearReply,
} from './calendar.schemas.js';
import { CalendarService } from './calendar.service.js';

const TAGS = ['节假日日历'];
const WRITE = 'calendar:write';

/** GET /api/calendar/years/:year, /compute; PUT and DELETE /api/calendar/days/:day. */
export function calendarRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const calendar = new CalendarService(ctx);

    app.get(
      '/years/:year',
      {
        schema: {
          tags: TAGS,
          summary: '某年的放假日、调休上班日（format=xlsx 导出）',
          params: YearParams,
          querystring: YearQuery,
          response: { 200: YearReply },
        },
        preHandler: authorize(),
      },
      async (req, reply) => {
        requirePrincipal(req);
        const { year } = req.params;
        const items = (await calendar.listYear(year)).map(presentCalendarDay);
        if (req.query.format === 'xlsx')
          return sendXlsx(reply, `节假日日历-${year}`, CALENDAR_XLSX_COLUMNS, items);
        return { year, items };
      },
    );

    app.put(
      '/days/:day',
      {
        schema: {
          tags: TAGS,
          summary: '设置某日为放假日或调休上班日',
          params: DayParams,
          body: SetDayBody,
          response: { 200: CalendarDay },
        },
        preHandler: authorize(WRITE),
        config: { audit: { action: '维护节假日日历', targetType: 'holiday_calendar' } },
      },
      async (req) => {
        const p = requirePrincipal(req, WRITE);
        req.auditTarget = { type: 'holiday_calendar', id: req.params.day };
        const row = await calendar.setDay(p, req.params.day, req.body.kind, req.body.name);
        // setDay with a kind always leaves a row.
        return presentCalendarDay(row!);
      },
    );

    app.delete(
      '/days/:day',
      {
        schema: {
          tags: TAGS,
          summary: '取消某日的放假或调休上班设置（恢复按周一至周五计）',
          params: DayParams,
          response: { 200: OkReply },
        },
        preHandler: authorize(WRITE),
        config: { audit: { action: '取消节假日设置', targetType: 'holiday_calendar' } },
      },
      async (req) => {
        const p = requirePrincipal(req, WRITE);
        req.auditTarget = { type: 'holiday_calendar', id: req.params.day };
        await calendar.setDay(p, req.params.day, null, null);
        return { ok: true };
      },
    );

    app.get(
      '/compute',
      {
        schema: {
          tags: TAGS,
          summary: '期限计算：工作日、公历日届满日（顺延）',
          querystring: ComputeQuery,
          response: { 200: ComputeReply },
        },
        preHandler: authorize(),
      },
      async (req) => {
        requirePrincipal(req);
        const q = req.query;
        switch (q.op) {
          case 'isWorkingDay':
            return { op: q.op, result: await calendar.isWorkingDay(q.start) };
          case 'addWorkingDays':
            if (q.n === undefined) throw CalendarErrors.missingParam('n');
            return { op: q.op, result: await calendar.addWorkingDays(q.start, q.n) };
          case 'workingDaysBetween':
            if (q.end === undefined) throw CalendarErrors.missingParam('end');
            return { op: q.op, result: await calendar.workingDaysBetween(q.start, q.end) };
          case 'calendarDeadline': {
            if (q.days === undefined) throw CalendarErrors.missingParam('days');
            const opts = q.rollOverWeekends === undefined ? {} : { rollOverWeekends: q.rollOverWeekends };
            return { op: q.op, result: await calendar.calendarDeadline(q.start, q.days, opts) };
          }
        }
      },
    );
  };
}
