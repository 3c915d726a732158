import { sql, type Kysely } from 'kysely';

/**
 * 生产许可证书 (licensing.md §3–§5, seed 行政许可 4)–7)): one row per issued certificate (a 延续, 变更, 补领 or
 * 重新审查 issues a new row with the same number and marks the previous one replaced), the history of
 * every certificate event, 注销 requests handled by the three-level process, 申报提醒 with read state,
 * and the certificate settings (【待确认】 rules made configurable).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table licence_certificate (
      id uuid primary key,
      -- XK××-×××-××××× without the province abbreviation; the abbreviation is stored apart (licensing.md §3.2).
      core_number varchar(16) not null,
      province_abbr varchar(4),
      industry_code char(2) not null,
      product_code char(3) not null,
      serial integer not null check (serial between 1 and 99999),
      -- Where the serial came from in the numbering service, so a 撤销 voids exactly that number.
      serial_key varchar(64) not null,
      serial_year integer not null,
      -- The enterprise holding the licence: its data scope ('org') and the region's ('city'/'county').
      org_id uuid not null references organization(id),
      region_code varchar(6) not null references region(code),
      enterprise_name varchar(200) not null,
      credit_code varchar(18),
      residence varchar(300),
      production_address varchar(300),
      product_unit_id uuid not null,
      product_name varchar(200) not null,
      application_id uuid,
      application_type varchar(16) not null
        check (application_type in ('issue','renew','change','reexamine','reissue')),
      previous_id uuid references licence_certificate(id),
      issue_date date not null,
      valid_from date not null,
      valid_to date not null,
      status varchar(16) not null default 'valid'
        check (status in ('valid','replaced','revoked','withdrawn','rescinded','cancelled')),
      -- 撤销 / 撤回 / 吊销 with grounds and article; kept when the certificate is later 注销.
      sanction_kind varchar(16) check (sanction_kind in ('revoke','withdraw','rescind')),
      sanction_date date,
      sanction_grounds varchar(2000),
      sanction_article varchar(300),
      sanction_document_no varchar(100),
      sanctioned_by uuid references app_user(id),
      -- 吊销: the last day of the 3-year bar on a new application for the same product (《条例》第五十五条).
      bar_last_day date,
      number_voided boolean not null default false,
      cancelled_date date,
      cancellation_id uuid,
      replaced_by uuid references licence_certificate(id),
      -- Random token in the QR code of the certificate: the public verification page looks it up.
      verify_token varchar(64) not null,
      created_at timestamptz not null default now(),
      created_by uuid,
      updated_at timestamptz not null default now(),
      updated_by uuid,
      constraint licence_certificate_token_uq unique (verify_token),
      constraint licence_certificate_sanction_ck check ((sanction_kind is null) = (sanction_date is null)),
      constraint licence_certificate_validity_ck check (valid_to >= valid_from)
    );
    -- One valid certificate per number, and per enterprise and product unit (findActive).
    create unique index licence_certificate_number_valid_uq on licence_certificate(core_number)
      where status = 'valid';
    create unique index licence_certificate_holder_valid_uq on licence_certificate(org_id, product_unit_id)
      where status = 'valid';
    create index licence_certificate_number_idx on licence_certificate(core_number);
    create index licence_certificate_org_idx on licence_certificate(org_id, product_unit_id);
    create index licence_certificate_region_idx on licence_certificate(region_code);
    create index licence_certificate_expiry_idx on licence_certificate(valid_to) where status = 'valid';
    create index licence_certificate_application_idx on licence_certificate(application_id);

    create table licence_certificate_event (
      id uuid primary key,
      certificate_id uuid not null references licence_certificate(id),
      core_number varchar(16) not null,
      event_type varchar(32) not null,
      event_label varchar(64) not null,
      on_date date not null,
      at timestamptz not null,
      actor_user_id uuid,
      actor_name varchar(64),
      actor_org_name varchar(100),
      application_id uuid,
      cancellation_id uuid,
      comment varchar(2000),
      article varchar(300)
    );
    create index licence_certificate_event_number_idx on licence_certificate_event(core_number, at);
    create index licence_certificate_event_cert_idx on licence_certificate_event(certificate_id);

    create table licence_cancellation (
      id uuid primary key,
      certificate_id uuid not null references licence_certificate(id),
      application_id uuid,
      ground varchar(32) not null,
      reason varchar(2000) not null,
      status varchar(16) not null default 'pending'
        check (status in ('pending','approved','rejected','withdrawn')),
      org_id uuid not null references organization(id),
      region_code varchar(6) not null references region(code),
      workflow_instance_id uuid,
      decided_at timestamptz,
      decided_on date,
      created_at timestamptz not null default now(),
      created_by uuid,
      updated_at timestamptz not null default now(),
      updated_by uuid
    );
    -- One 注销 in progress per certificate.
    create unique index licence_cancellation_pending_uq on licence_cancellation(certificate_id)
      where status = 'pending';

    create table licence_reminder (
      id uuid primary key,
      certificate_id uuid not null references licence_certificate(id),
      org_id uuid not null references organization(id),
      region_code varchar(6) not null references region(code),
      kind varchar(16) not null check (kind in ('renewal')),
      milestone_months integer not null,
      valid_to date not null,
      latest_apply_date date not null,
      title varchar(200) not null,
      content varchar(2000) not null,
      created_on date not null,
      created_at timestamptz not null default now(),
      read_at timestamptz,
      read_by uuid,
      -- A reminder per certificate, kind, milestone and expiry: a renewed certificate is reminded again.
      constraint licence_reminder_uq unique (certificate_id, kind, milestone_months, valid_to)
    );
    create index licence_reminder_org_idx on licence_reminder(org_id, created_at);

    create table licence_certificate_setting (
      "key" varchar(64) primary key,
      value varchar(200) not null,
      updated_at timestamptz not null default now(),
      updated_by uuid
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table if exists licence_certificate_setting, licence_reminder, licence_cancellation,
      licence_certificate_event, licence_certificate
  `.execute(db);
}
