import type { DateString, Timestamp } from '../db/schema.js';

/** 'holiday' = 放假 (法定节假日 or 调休放假), 'workday' = 调休上班日, 'normal' = a seeded entry cancelled by hand. */
export type CalendarDayKind = 'holiday' | 'workday' | 'normal';

/** Where a row came from: the chinese-days package (re-seeded at start) or an administrator. */
export type CalendarSource = 'chinese-days' | 'manual';

export interface HolidayCalendarTable {
  day: DateString;
  kind: CalendarDayKind;
  name: string | null;
  source: CalendarSource;
  updated_at: Timestamp;
  updated_by: string | null;
}

/** Tables of the calendar migration. */
export interface CalendarTables {
  holiday_calendar: HolidayCalendarTable;
}
