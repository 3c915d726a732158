import { sql, type Kysely } from 'kysely';

/**
 * 申请材料要求 gains 说明 (description): what the material is and how to prepare it, shown to the enterprise
 * beside the name. Optional, up to 500 characters.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table licensing_material_requirement add column description varchar(500);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table licensing_material_requirement drop column if exists description`.execute(db);
}
