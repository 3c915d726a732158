import { sql, type Kysely } from 'kysely';

/**
 * 申请材料要求 gains a per-material upper limit of one file's size in MB (1–200; null: the file service's general
 * limit only), checked when the enterprise attaches a file to that material.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table licensing_material_requirement add column max_size_mb integer
      check (max_size_mb is null or (max_size_mb >= 1 and max_size_mb <= 200));
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table licensing_material_requirement drop column if exists max_size_mb`.execute(db);
}
