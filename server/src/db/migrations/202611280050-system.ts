import { sql, type Kysely } from 'kysely';

/** System management (RuoYi baseline): data dictionaries, system parameters, notices and their read marks. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table dict_type (
      code varchar(64) primary key,
      name varchar(64) not null,
      status varchar(16) not null default 'active' check (status in ('active','disabled')),
      remark varchar(200),
      sort integer not null default 0,
      builtin boolean not null default false,
      created_at timestamptz not null default now(),
      created_by uuid,
      updated_at timestamptz not null default now(),
      updated_by uuid
    );

    create table dict_item (
      id uuid primary key,
      type_code varchar(64) not null references dict_type(code) on delete cascade,
      value varchar(64) not null,
      label varchar(64) not null,
      sort integer not null default 0,
      status varchar(16) not null default 'active' check (status in ('active','disabled')),
      tag_color varchar(32),
      remark varchar(200),
      created_at timestamptz not null default now(),
      created_by uuid,
      updated_at timestamptz not null default now(),
      updated_by uuid,
      constraint dict_item_type_value_uq unique (type_code, value)
    );

    -- "key" is quoted: it is a keyword in some dialects (KingbaseES Oracle mode).
    create table sys_param (
      "key" varchar(100) primary key,
      value varchar(500) not null,
      name varchar(100) not null,
      remark varchar(300),
      value_type varchar(8) not null check (value_type in ('string','int','bool')),
      editable boolean not null default true,
      updated_at timestamptz not null default now(),
      updated_by uuid
    );

    create table notice (
      id uuid primary key,
      title varchar(200) not null,
      content text not null,
      type varchar(32) not null,
      status varchar(16) not null default 'draft' check (status in ('draft','published','withdrawn')),
      region_code varchar(6) references region(code),
      published_at timestamptz,
      published_by uuid,
      withdrawn_at timestamptz,
      withdrawn_by uuid,
      created_at timestamptz not null default now(),
      created_by uuid,
      updated_at timestamptz not null default now(),
      updated_by uuid
    );
    create index notice_status_idx on notice(status, published_at);

    create table notice_read (
      notice_id uuid not null references notice(id) on delete cascade,
      user_id uuid not null references app_user(id) on delete cascade,
      read_at timestamptz not null,
      primary key (notice_id, user_id)
    );
    create index notice_read_user_idx on notice_read(user_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists notice_read, notice, sys_param, dict_item, dict_type cascade`.execute(db);
}
