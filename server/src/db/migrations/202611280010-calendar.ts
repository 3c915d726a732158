import { sql, type Kysely } from 'kysely';

/**
 * Holiday calendar (DESIGN.md §7): the days that differ from "Monday to Friday are working days".
 * 'holiday' = 法定节假日 or a rest day of the State Council schedule (放假调休), 'workday' = 调休上班日,
 * 'normal' = an administrator cancelled a seeded entry (kept as a row so the seeder does not bring it back).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table holiday_calendar (
      day date primary key,
      kind varchar(16) not null check (kind in ('holiday', 'workday', 'normal')),
      name varchar(100),
      source varchar(16) not null check (source in ('chinese-days', 'manual')),
      updated_at timestamptz not null,
      updated_by uuid
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists holiday_calendar`.execute(db);
}
