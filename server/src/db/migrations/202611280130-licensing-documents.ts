import { sql, type Kysely } from 'kysely';

/**
 * 许可文书 (受理通知书, 补正通知书, 不予受理通知书, 核查结论, 准予/不予许可决定书, 终止办理通知书): one row per
 * document issued, numbered when the act happens, its printed content frozen as JSON; and 年度自查报告
 * (《办法》第四十八条) with its reminders (licence_reminder gains the kind 'self_inspection').
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table licensing_document (
      id uuid primary key,
      application_id uuid not null references licensing_application(id),
      kind varchar(32) not null check (kind in ('acceptance_notice', 'supplement_notice', 'rejection_notice',
        'inspection_conclusion', 'approval_decision', 'refusal_decision', 'termination_notice')),
      doc_no varchar(64) not null,
      year integer not null,
      seq integer not null,
      title varchar(100) not null,
      enterprise_org_id uuid not null references organization(id),
      enterprise_name varchar(200) not null,
      region_code varchar(6) not null references region(code),
      applicant_user_id uuid references app_user(id),
      issued_on date not null,
      issued_at timestamptz not null,
      issued_by uuid references app_user(id),
      content text not null,
      constraint licensing_document_no_uq unique (kind, year, seq)
    );
    create index licensing_document_app_idx on licensing_document(application_id, issued_at);
    create index licensing_document_org_idx on licensing_document(enterprise_org_id, issued_at);
    create index licensing_document_region_idx on licensing_document(region_code, issued_at);

    create table licensing_self_inspection (
      id uuid primary key,
      certificate_id uuid not null references licence_certificate(id),
      report_year integer not null check (report_year >= 2000),
      org_id uuid not null references organization(id),
      region_code varchar(6) not null references region(code),
      certificate_no varchar(64) not null,
      product_name varchar(200) not null,
      conditions_kept text not null,
      changes text not null,
      production text not null,
      certificate_use text not null,
      inspections text not null,
      other text,
      file_ids text,
      submitted_at timestamptz not null,
      submitted_by uuid not null references app_user(id),
      late boolean not null default false,
      constraint licensing_self_inspection_uq unique (certificate_id, report_year)
    );
    create index licensing_self_inspection_org_idx on licensing_self_inspection(org_id, report_year);
    create index licensing_self_inspection_region_idx on licensing_self_inspection(region_code, report_year);

    alter table licence_reminder drop constraint licence_reminder_kind_check;
    alter table licence_reminder add constraint licence_reminder_kind_check
      check (kind in ('renewal', 'self_inspection'));
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    delete from licence_reminder where kind = 'self_inspection';
    alter table licence_reminder drop constraint licence_reminder_kind_check;
    alter table licence_reminder add constraint licence_reminder_kind_check check (kind in ('renewal'));
    drop table if exists licensing_self_inspection;
    drop table if exists licensing_document;
  `.execute(db);
}
