import { sql, type Kysely } from 'kysely';

/**
 * Workflow engine (DESIGN.md §7): one row per process instance and an append-only history of its
 * transitions (the timeline). Process definitions live in code; only their state is stored here.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table wf_instance (
      id uuid primary key,
      process_key varchar(64) not null,
      business_type varchar(64) not null,
      business_id varchar(64) not null,
      title varchar(200) not null,
      state varchar(64) not null,
      region_code varchar(6) not null references region(code),
      org_id uuid not null references organization(id),
      applicant_user_id uuid references app_user(id),
      applicant_org_id uuid references organization(id),
      assignee_user_id uuid references app_user(id),
      due_date date,
      due_kind varchar(16) check (due_kind in ('working', 'calendar')),
      state_entered_at timestamptz not null,
      -- JSON: days consumed per clock name, so a clock resumes with the remaining time after a return.
      clock text not null default '{}',
      status varchar(16) not null default 'active'
        check (status in ('active', 'completed', 'withdrawn', 'terminated')),
      version integer not null default 1,
      completed_at timestamptz,
      created_at timestamptz not null default now(),
      created_by uuid,
      updated_at timestamptz not null default now(),
      updated_by uuid
    );
    -- One running instance of a process per business record.
    create unique index wf_instance_business_active_uq on wf_instance(process_key, business_type, business_id)
      where status = 'active';
    create index wf_instance_business_idx on wf_instance(business_type, business_id);
    -- The inbox: active instances by process and state, then by the user they are assigned to or belong to.
    create index wf_instance_inbox_idx on wf_instance(process_key, state, due_date) where status = 'active';
    create index wf_instance_assignee_idx on wf_instance(assignee_user_id) where status = 'active';
    create index wf_instance_applicant_idx on wf_instance(applicant_user_id);
    create index wf_instance_region_idx on wf_instance(region_code);
    create index wf_instance_due_idx on wf_instance(due_date) where status = 'active';

    create table wf_history (
      id uuid primary key,
      instance_id uuid not null references wf_instance(id),
      seq integer not null,
      action varchar(64) not null,
      action_label varchar(64) not null,
      action_kind varchar(24) not null,
      from_state varchar(64),
      to_state varchar(64) not null,
      actor_user_id uuid,
      actor_name varchar(64),
      actor_org_name varchar(100),
      comment varchar(2000),
      attachments text,
      assignee_after uuid,
      at timestamptz not null,
      due_date_after date,
      unique (instance_id, seq)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists wf_history, wf_instance cascade`.execute(db);
}
