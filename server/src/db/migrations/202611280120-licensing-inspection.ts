import { sql, type Kysely } from 'kysely';

/**
 * 现场核查 (licensing.md §7, §8): checklist templates (template → chapters → items, per-template conclusion
 * parameters, versions), inspection tasks with their team, conflict-of-interest declarations, item records,
 * the conclusion, and the recorded observer draws. Catalogue nodes and applications are plain references
 * (owned by the catalogue and application parts of the module).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table licensing_checklist_template (
      id uuid primary key,
      code varchar(32) not null,
      version integer not null check (version >= 1),
      name varchar(200) not null,
      status varchar(16) not null default 'draft' check (status in ('draft', 'published', 'superseded')),
      variety_id uuid,
      product_unit_id uuid,
      rule_doc_no varchar(100),
      effective_from date,
      is_example boolean not null default false,
      description varchar(2000),
      -- comma-separated subset of conform,basic,nonconform,na
      allowed_results varchar(64) not null default 'conform,nonconform,na',
      veto_fail_limit integer not null default 0 check (veto_fail_limit >= 0),
      general_fail_limit integer check (general_fail_limit >= 0),
      basic_per_fail integer check (basic_per_fail >= 1),
      veto_allows_basic boolean not null default false,
      published_at timestamptz,
      published_by uuid references app_user(id),
      created_at timestamptz not null default now(),
      created_by uuid,
      updated_at timestamptz not null default now(),
      updated_by uuid,
      constraint licensing_checklist_template_version_uq unique (code, version)
    );
    -- One draft and one published version per template code at a time.
    create unique index licensing_checklist_template_draft_uq on licensing_checklist_template(code) where status = 'draft';
    create unique index licensing_checklist_template_published_uq on licensing_checklist_template(code)
      where status = 'published';
    create index licensing_checklist_template_unit_idx on licensing_checklist_template(product_unit_id, status);
    create index licensing_checklist_template_variety_idx on licensing_checklist_template(variety_id, status);

    create table licensing_checklist_chapter (
      id uuid primary key,
      template_id uuid not null references licensing_checklist_template(id) on delete cascade,
      seq integer not null,
      title varchar(200) not null
    );
    create index licensing_checklist_chapter_template_idx on licensing_checklist_chapter(template_id, seq);

    create table licensing_checklist_item (
      id uuid primary key,
      template_id uuid not null references licensing_checklist_template(id) on delete cascade,
      chapter_id uuid not null references licensing_checklist_chapter(id) on delete cascade,
      seq integer not null,
      code varchar(32) not null,
      content varchar(2000) not null,
      method varchar(2000),
      veto boolean not null default false,
      applies_when varchar(500),
      constraint licensing_checklist_item_code_uq unique (template_id, code)
    );
    create index licensing_checklist_item_chapter_idx on licensing_checklist_item(chapter_id, seq);

    create table licensing_inspection_task (
      id uuid primary key,
      application_id uuid not null,
      region_code varchar(6) not null references region(code),
      org_id uuid not null references organization(id),
      enterprise_org_id uuid not null references organization(id),
      product_unit_id uuid not null,
      template_id uuid references licensing_checklist_template(id),
      -- JSON: the template (header, rule, chapters, items) as it was when the task took it
      template_snapshot text,
      status varchar(16) not null default 'planning'
        check (status in ('planning', 'in_progress', 'concluded', 'cancelled')),
      plan_start date,
      plan_end date,
      notified_on date,
      plan_note varchar(1000),
      actual_start date,
      actual_end date,
      suggested_result varchar(8) check (suggested_result in ('pass', 'fail')),
      final_result varchar(8) check (final_result in ('pass', 'fail')),
      overridden boolean not null default false,
      override_reason varchar(2000),
      -- JSON: the counts the suggestion was computed from
      rule_counts text,
      conclusion_comment varchar(2000),
      concluded_by uuid references app_user(id),
      concluded_at timestamptz,
      enterprise_confirmation varchar(16) check (enterprise_confirmation in ('confirmed', 'refused')),
      enterprise_signer varchar(64),
      enterprise_refusal_note varchar(1000),
      result_notified_on date,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      created_by uuid,
      updated_at timestamptz not null default now(),
      updated_by uuid
    );
    -- One open task per application.
    create unique index licensing_inspection_task_open_uq on licensing_inspection_task(application_id)
      where status in ('planning', 'in_progress');
    create index licensing_inspection_task_application_idx on licensing_inspection_task(application_id);
    create index licensing_inspection_task_region_idx on licensing_inspection_task(region_code, status);

    create table licensing_observer_draw (
      id uuid primary key,
      task_id uuid not null references licensing_inspection_task(id),
      algorithm varchar(32) not null,
      seed varchar(128) not null,
      -- JSON array of user ids in the stable order the pick was made from
      candidate_ids text not null,
      candidate_count integer not null,
      -- JSON array of {userId, reason} left out of the pool
      excluded text not null,
      -- JSON array of the region codes the pool was taken from
      pool_regions text not null,
      picked_index integer not null,
      picked_user_id uuid not null references app_user(id),
      drawn_by uuid not null references app_user(id),
      drawn_at timestamptz not null
    );
    create index licensing_observer_draw_task_idx on licensing_observer_draw(task_id, drawn_at);

    create table licensing_inspection_member (
      id uuid primary key,
      task_id uuid not null references licensing_inspection_task(id),
      user_id uuid not null references app_user(id),
      role varchar(16) not null check (role in ('leader', 'member', 'observer')),
      org_id uuid not null references organization(id),
      source varchar(16) not null default 'manual' check (source in ('manual', 'draw')),
      draw_id uuid references licensing_observer_draw(id),
      assigned_by uuid references app_user(id),
      assigned_at timestamptz not null,
      constraint licensing_inspection_member_uq unique (task_id, user_id)
    );
    create unique index licensing_inspection_member_leader_uq on licensing_inspection_member(task_id) where role = 'leader';
    create unique index licensing_inspection_member_observer_uq on licensing_inspection_member(task_id)
      where role = 'observer';
    create index licensing_inspection_member_user_idx on licensing_inspection_member(user_id);

    create table licensing_inspection_declaration (
      id uuid primary key,
      task_id uuid not null references licensing_inspection_task(id),
      user_id uuid not null references app_user(id),
      employed boolean not null,
      consulted boolean not null,
      related boolean not null,
      other boolean not null,
      has_conflict boolean not null,
      note varchar(1000),
      declared_by uuid not null references app_user(id),
      declared_at timestamptz not null
    );
    create index licensing_inspection_declaration_idx on licensing_inspection_declaration(task_id, user_id, declared_at);

    create table licensing_inspection_record (
      task_id uuid not null references licensing_inspection_task(id),
      item_id uuid not null,
      result varchar(16) not null check (result in ('conform', 'basic', 'nonconform', 'na')),
      problem varchar(2000),
      rectification varchar(2000),
      -- JSON array of file ids (evidence photos and documents)
      evidence text,
      recorded_by uuid not null references app_user(id),
      recorded_at timestamptz not null,
      primary key (task_id, item_id)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table if exists licensing_inspection_record, licensing_inspection_declaration, licensing_inspection_member,
      licensing_observer_draw, licensing_inspection_task, licensing_checklist_item, licensing_checklist_chapter,
      licensing_checklist_template cascade
  `.execute(db);
}
