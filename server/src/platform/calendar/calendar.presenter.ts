import type { Static } from '@sinclair/typebox';
import type { XlsxColumn } from '../documents/xlsx.js';
import type { CalendarDayRow } from './calendar.repository.js';
import type { CalendarDay } from './calendar.schemas.js';
import { dayOfWeek, WEEKDAY_LABELS } from './calendar.rules.js';

export type CalendarDayView = Static<typeof CalendarDay>;

const KIND_LABELS = { holiday: '放假', workday: '调休上班', normal: '普通日（已取消预置）' } as const;
const SOURCE_LABELS = { 'chinese-days': '国务院放假通知（预置）', manual: '人工维护' } as const;

/** holiday_calendar row → API shape. */
export function presentCalendarDay(row: CalendarDayRow): CalendarDayView {
  const dow = dayOfWeek(row.day);
  const weekend = dow === 0 || dow === 6;
  return {
    day: row.day,
    weekday: WEEKDAY_LABELS[dow]!,
    kind: row.kind,
    kindLabel: KIND_LABELS[row.kind],
    name: row.name,
    working: row.kind === 'workday' || (row.kind === 'normal' && !weekend),
    source: row.source,
    updatedAt: row.updated_at.toISOString(),
    updatedBy: row.updated_by,
    updatedByName: row.updated_by_name,
  };
}

/** Columns of the yearly calendar export. */
export const CALENDAR_XLSX_COLUMNS: XlsxColumn<CalendarDayView>[] = [
  { header: '日期', value: (r) => r.day, width: 12 },
  { header: '星期', value: (r) => r.weekday, width: 8 },
  { header: '类型', value: (r) => r.kindLabel, width: 20 },
  { header: '名称', value: (r) => r.name, width: 16 },
  { header: '是否工作日', value: (r) => (r.working ? '是' : '否'), width: 12 },
  { header: '来源', value: (r) => SOURCE_LABELS[r.source], width: 22 },
  { header: '更新时间', value: (r) => r.updatedAt, width: 26 },
  { header: '更新人', value: (r) => r.updatedByName, width: 12 },
];
