import { sql, type Kysely } from 'kysely';

/**
 * Uploaded files (DESIGN.md §9): one row per upload, content stored once per SHA-256 in the object store.
 * A row is unattached (owner_type null, readable only by its uploader) until a module binds it to a record.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table stored_file (
      id uuid primary key,
      sha256 char(64) not null check (sha256 ~ '^[0-9a-f]{64}$'),
      size bigint not null check (size > 0),
      mime varchar(127) not null,
      ext varchar(16) not null,
      original_name varchar(255) not null,
      owner_type varchar(48),
      owner_id varchar(64),
      uploaded_by uuid not null references app_user(id),
      uploaded_org_id uuid not null references organization(id),
      created_at timestamptz not null default now(),
      attached_at timestamptz,
      deleted_at timestamptz,
      constraint stored_file_owner_pair check ((owner_type is null) = (owner_id is null))
    );
    create index stored_file_owner_idx on stored_file(owner_type, owner_id) where deleted_at is null;
    create index stored_file_sha256_idx on stored_file(sha256);
    create index stored_file_unattached_idx on stored_file(uploaded_by, created_at) where owner_type is null;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists stored_file`.execute(db);
}
