import { sql, type Kysely } from 'kysely';

/**
 * Number sequences per (key, year) — licence serials, case numbers, document numbers — and the numbers
 * that were voided (作废), with whether they may ever be issued again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table number_sequence (
      key varchar(64) not null,
      year integer not null,
      last_value bigint not null check (last_value >= 0),
      primary key (key, year)
    );

    create table number_voided (
      key varchar(64) not null,
      year integer not null,
      value bigint not null,
      reason varchar(200) not null,
      voided_at timestamptz not null,
      voided_by uuid,
      never_reuse boolean not null default true,
      primary key (key, year, value)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists number_voided, number_sequence`.execute(db);
}
