import { sql, type Kysely } from 'kysely';

/**
 * 视为受理 (《办法》第十二条: 逾期不告知的，自收到申请材料之日起即为受理): the day an application counts as
 * accepted because the 5 working days of 受理 passed while it still waited in 受理. Set by the daily job
 * licensing.deemed-acceptance; null for every other application. The state is not changed by it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table licensing_application add column deemed_accepted_on date;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table licensing_application drop column if exists deemed_accepted_on;
  `.execute(db);
}
