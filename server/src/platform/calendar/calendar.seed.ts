import type { AppContext } from '../context.js';
import { CalendarRepository } from './calendar.repository.js';
import { publishedDays } from './calendar.data.js';
import { invalidateCalendarCache } from './calendar.service.js';

/**
 * Base seeder: loads the published schedules into holiday_calendar (source 'chinese-days'), refreshes rows
 * the package corrected, and never touches a day an administrator changed (source 'manual'). Idempotent.
 */
export async function seedCalendar(ctx: AppContext): Promise<void> {
  const days = publishedDays();
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const repo = new CalendarRepository(trx);
    await repo.upsertSeeded(
      days.map((d) => ({
        day: d.day,
        kind: d.kind,
        name: d.name,
        source: 'chinese-days' as const,
        updated_at: now,
        updated_by: null,
      })),
    );
    const listed = new Set(days.map((d) => d.day));
    const stale = (await repo.seededDays()).filter((d) => !listed.has(d));
    if (stale.length > 0) await repo.deleteSeeded(stale);
  });
  invalidateCalendarCache(ctx.db);
}
