import { sql, type Kysely } from 'kysely';

/**
 * Job queue, cron schedules and the transactional outbox (docs/adr/0002-jobs-and-outbox.md).
 * PostgreSQL 12 only: FOR UPDATE SKIP LOCKED, partial indexes, ON CONFLICT; ids come from the app.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- queued: waiting for its first run; failed: waiting for a retry at run_at; running: claimed until
    -- locked_until (a lease: when it passes, another node takes the job again); done / dead: final.
    -- run_at / next_attempt_at null means "as soon as possible", so enqueue and publish need no clock;
    -- created_at is the database's time of the insert.
    create table job (
      id uuid primary key,
      name varchar(100) not null,
      payload text not null,
      status varchar(16) not null default 'queued'
        check (status in ('queued','running','done','failed','dead')),
      attempts integer not null default 0,
      max_attempts integer not null default 5 check (max_attempts >= 1),
      run_at timestamptz,
      locked_until timestamptz,
      last_error text,
      singleton_key varchar(200),
      created_at timestamptz not null default now(),
      started_at timestamptz,
      finished_at timestamptz
    );
    -- Due-job scans touch only the active rows.
    create index job_due_idx on job(run_at) where status in ('queued','failed','running');
    create index job_status_created_idx on job(status, created_at);
    -- At most one active job per singleton key; finished jobs free the key.
    create unique index job_singleton_uq on job(singleton_key)
      where singleton_key is not null and status in ('queued','running','failed');

    create table job_schedule (
      name varchar(100) primary key,
      cron varchar(100) not null,
      job_name varchar(100) not null,
      last_run_at timestamptz,
      next_run_at timestamptz not null,
      enabled boolean not null default true
    );

    -- Per-aggregate counter: the row lock serialises concurrent publishers of one aggregate.
    create table outbox_sequence (
      aggregate_type varchar(48) not null,
      aggregate_id varchar(100) not null,
      last_seq bigint not null,
      primary key (aggregate_type, aggregate_id)
    );

    create table outbox_event (
      id uuid primary key,
      aggregate_type varchar(48) not null,
      aggregate_id varchar(100) not null,
      seq bigint not null,
      event_type varchar(100) not null,
      destination varchar(64) not null,
      payload text not null,
      idempotency_key varchar(200) not null unique,
      status varchar(16) not null default 'pending' check (status in ('pending','delivered','dead')),
      attempts integer not null default 0,
      next_attempt_at timestamptz,
      locked_until timestamptz,
      last_error text,
      created_at timestamptz not null default now(),
      delivered_at timestamptz,
      unique (aggregate_type, aggregate_id, seq)
    );
    create index outbox_event_due_idx on outbox_event(next_attempt_at, id) where status = 'pending';
    -- The head-of-line check: is there an earlier undelivered event of the same aggregate and destination?
    create index outbox_event_open_idx on outbox_event(aggregate_type, aggregate_id, destination, seq)
      where status <> 'delivered';
    create index outbox_event_status_created_idx on outbox_event(status, created_at);

    create table outbox_attempt (
      id uuid primary key,
      event_id uuid not null references outbox_event(id),
      attempt_no integer not null,
      at timestamptz not null,
      duration_ms integer not null,
      ok boolean not null,
      http_status integer,
      error text
    );
    create index outbox_attempt_event_idx on outbox_attempt(event_id, attempt_no);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table if exists outbox_attempt, outbox_event, outbox_sequence, job_schedule, job cascade;
  `.execute(db);
}
