import { sql, type Kysely } from 'kysely';

/** Regions, organisations, identity, sessions, login log and the hash-chained audit log. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table region (
      code varchar(6) primary key,
      name varchar(64) not null,
      level smallint not null check (level in (1, 2, 3)),
      parent_code varchar(6) references region(code),
      kind varchar(16) not null default 'county',
      valid_from date,
      valid_to date,
      predecessor_code varchar(6),
      note varchar(200),
      sort integer not null default 0
    );
    create index region_parent_idx on region(parent_code);

    create table organization (
      id uuid primary key,
      parent_id uuid references organization(id),
      code varchar(32) unique,
      name varchar(100) not null,
      short_name varchar(50),
      type varchar(24) not null check (type in ('province_bureau','city_bureau','county_bureau','market_station',
        'institution','enterprise','expert_group','ops_unit')),
      region_code varchar(6) not null references region(code),
      credit_code varchar(18),
      contact_phone varchar(32),
      status varchar(16) not null default 'active' check (status in ('active','disabled')),
      sort integer not null default 0,
      created_at timestamptz not null default now(),
      created_by uuid,
      updated_at timestamptz not null default now(),
      updated_by uuid
    );
    create index organization_parent_idx on organization(parent_id);
    create unique index organization_credit_code_uq on organization(credit_code) where credit_code is not null;

    -- 管辖关系: which regions an organisation supervises (regions.md §5); many-to-many with dates.
    create table org_jurisdiction (
      org_id uuid not null references organization(id),
      region_code varchar(6) not null references region(code),
      valid_from date,
      valid_to date,
      primary key (org_id, region_code)
    );

    create table permission (
      code varchar(64) primary key,
      module varchar(32) not null,
      name varchar(64) not null,
      sort integer not null default 0
    );

    create table role (
      id uuid primary key,
      code varchar(48) not null unique,
      name varchar(64) not null,
      description varchar(200),
      data_scope varchar(16) not null check (data_scope in ('all','city','county','org','self','assigned')),
      builtin boolean not null default false,
      status varchar(16) not null default 'active' check (status in ('active','disabled')),
      sort integer not null default 0,
      created_at timestamptz not null default now(),
      created_by uuid,
      updated_at timestamptz not null default now(),
      updated_by uuid
    );

    create table role_permission (
      role_id uuid not null references role(id) on delete cascade,
      permission_code varchar(64) not null references permission(code) on delete cascade,
      primary key (role_id, permission_code)
    );

    create table app_user (
      id uuid primary key,
      username varchar(64) not null unique,
      display_name varchar(64) not null,
      org_id uuid not null references organization(id),
      phone varchar(32),
      email varchar(128),
      password_hash varchar(200) not null,
      status varchar(16) not null default 'active' check (status in ('active','disabled')),
      must_change_password boolean not null default true,
      password_changed_at timestamptz,
      failed_attempts integer not null default 0,
      locked_until timestamptz,
      is_demo boolean not null default false,
      last_login_at timestamptz,
      last_login_ip varchar(64),
      created_at timestamptz not null default now(),
      created_by uuid,
      updated_at timestamptz not null default now(),
      updated_by uuid
    );
    create index app_user_org_idx on app_user(org_id);

    create table user_role (
      user_id uuid not null references app_user(id) on delete cascade,
      role_id uuid not null references role(id) on delete cascade,
      primary key (user_id, role_id)
    );

    create table user_session (
      id varchar(64) primary key,
      user_id uuid not null references app_user(id),
      csrf_token varchar(64) not null,
      created_at timestamptz not null,
      last_seen_at timestamptz not null,
      expires_at timestamptz not null,
      revoked_at timestamptz,
      revoked_reason varchar(32),
      ip varchar(64),
      user_agent varchar(300)
    );
    create index user_session_user_idx on user_session(user_id);

    create table login_log (
      id uuid primary key,
      username varchar(64) not null,
      user_id uuid,
      org_id uuid,
      ip varchar(64),
      user_agent varchar(300),
      result varchar(24) not null,
      message varchar(200),
      created_at timestamptz not null
    );
    create index login_log_created_idx on login_log(created_at);

    -- Append-only, hash-chained audit log (等保三级). seq orders the chain; hash = SM3(prev_hash || canonical row).
    create table audit_log (
      seq bigint primary key,
      id uuid not null unique,
      at timestamptz not null,
      user_id uuid,
      username varchar(64),
      org_id uuid,
      org_name varchar(100),
      action varchar(100) not null,
      method varchar(10),
      path varchar(300),
      target_type varchar(48),
      target_id varchar(100),
      ip varchar(64),
      result varchar(16) not null,
      status_code integer,
      request_id varchar(64),
      detail text,
      prev_hash varchar(64) not null,
      hash varchar(64) not null
    );
    create index audit_log_at_idx on audit_log(at);
    create index audit_log_user_idx on audit_log(user_id);

    create function audit_log_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_log is append-only' using errcode = '42501';
    end $$;
    create trigger audit_log_no_update before update or delete on audit_log
      for each row execute procedure audit_log_append_only();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table if exists audit_log, login_log, user_session, user_role, app_user, role_permission, role, permission,
      org_jurisdiction, organization, region cascade;
    drop function if exists audit_log_append_only();
  `.execute(db);
}
