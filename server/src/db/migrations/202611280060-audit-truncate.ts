import { sql, type Kysely } from 'kysely';

/** The audit log refuses TRUNCATE too (a row-level trigger does not fire on it). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create trigger audit_log_no_truncate before truncate on audit_log
      for each statement execute procedure audit_log_append_only();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger if exists audit_log_no_truncate on audit_log`.execute(db);
}
