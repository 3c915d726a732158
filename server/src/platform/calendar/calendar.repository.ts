import type { Insertable } from 'kysely';
import type { Database } from '../db/database.js';
import type { CalendarDayKind, HolidayCalendarTable } from './calendar.tables.js';

/** A stored day with the display name of whoever changed it last. */
export interface CalendarDayRow {
  day: string;
  kind: CalendarDayKind;
  name: string | null;
  source: 'chinese-days' | 'manual';
  updated_at: Date;
  updated_by: string | null;
  updated_by_name: string | null;
}

// Bulk inserts stay far below the 65535 bind-parameter limit of the PostgreSQL protocol.
const CHUNK = 1000;

/** The holiday_calendar table. The only Kysely user in calendar. */
export class CalendarRepository {
  constructor(private readonly db: Database) {}

  /** Days that change the Monday-to-Friday rule ('normal' tombstones are left out). */
  specialDays() {
    return this.db
      .selectFrom('holiday_calendar')
      .select(['day', 'kind'])
      .where('kind', 'in', ['holiday', 'workday'])
      .execute();
  }

  listRange(from: string, to: string): Promise<CalendarDayRow[]> {
    return this.db
      .selectFrom('holiday_calendar as h')
      .leftJoin('app_user as u', 'u.id', 'h.updated_by')
      .select([
        'h.day',
        'h.kind',
        'h.name',
        'h.source',
        'h.updated_at',
        'h.updated_by',
        'u.display_name as updated_by_name',
      ])
      .where('h.day', '>=', from)
      .where('h.day', '<=', to)
      .orderBy('h.day')
      .execute();
  }

  async findDay(day: string): Promise<CalendarDayRow | undefined> {
    const rows = await this.listRange(day, day);
    return rows[0];
  }

  /** An administrator's change: always wins, and is never overwritten by the seeder. */
  async upsertManual(row: Insertable<HolidayCalendarTable>): Promise<void> {
    await this.db
      .insertInto('holiday_calendar')
      .values({ ...row, source: 'manual' })
      .onConflict((oc) =>
        oc.column('day').doUpdateSet({
          kind: row.kind,
          name: row.name ?? null,
          source: 'manual',
          updated_at: row.updated_at,
          updated_by: row.updated_by ?? null,
        }),
      )
      .execute();
  }

  async deleteDay(day: string): Promise<void> {
    await this.db.deleteFrom('holiday_calendar').where('day', '=', day).execute();
  }

  /** Inserts or refreshes seeded rows; rows an administrator changed (source 'manual') are left alone. */
  async upsertSeeded(rows: Insertable<HolidayCalendarTable>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += CHUNK) {
      await this.db
        .insertInto('holiday_calendar')
        .values(rows.slice(i, i + CHUNK))
        .onConflict((oc) =>
          oc
            .column('day')
            .doUpdateSet((eb) => ({
              kind: eb.ref('excluded.kind'),
              name: eb.ref('excluded.name'),
              updated_at: eb.ref('excluded.updated_at'),
              updated_by: eb.ref('excluded.updated_by'),
            }))
            .where('holiday_calendar.source', '=', 'chinese-days')
            // Unchanged rows are not rewritten at every start.
            .where((eb) =>
              eb.or([
                eb('holiday_calendar.kind', 'is distinct from', eb.ref('excluded.kind')),
                eb('holiday_calendar.name', 'is distinct from', eb.ref('excluded.name')),
              ]),
            ),
        )
        .execute();
    }
  }

  async seededDays(): Promise<string[]> {
    const rows = await this.db
      .selectFrom('holiday_calendar')
      .select('day')
      .where('source', '=', 'chinese-days')
      .execute();
    return rows.map((r) => r.day);
  }

  async deleteSeeded(days: string[]): Promise<void> {
    for (let i = 0; i < days.length; i += CHUNK) {
      await this.db
        .deleteFrom('holiday_calendar')
        .where('source', '=', 'chinese-days')
        .where('day', 'in', days.slice(i, i + CHUNK))
        .execute();
    }
  }
}
