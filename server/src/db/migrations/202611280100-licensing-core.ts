import { sql, type Kysely } from 'kysely';

/**
 * 工业产品生产许可, core (issue 4): the product catalogue as data (类别 → 品种 → 产品单元), the configurable
 * rules of the application (material checklists, settings marked 【待确认】, the grounds of 终止办理) and the
 * applications with their materials. Certificates and on-site inspection have their own migrations.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- licensing.md §2 「设计建议」: the catalogue is a dictionary, not code. One tree: category → variety → unit.
    create table licensing_catalogue_node (
      id uuid primary key,
      -- Stable code: seeded rows keep theirs (C01, C01-V01 …) so the seeder never duplicates them.
      code varchar(32) not null,
      level varchar(16) not null check (level in ('category', 'variety', 'unit')),
      parent_id uuid references licensing_catalogue_node(id),
      name varchar(200) not null,
      -- 《办法》第三十九条: XK + 行业编号 (2) + 产品编号 (3) + 企业序号 (5); null: inherited / not yet provided.
      industry_code varchar(2) check (industry_code ~ '^[0-9]{2}$'),
      product_code varchar(3) check (product_code ~ '^[0-9]{3}$'),
      -- verify_first 先核后证, commitment 告知承诺 + 后置核查; null inherits from the parent.
      approval_mode varchar(16) check (approval_mode in ('verify_first', 'commitment')),
      rule_doc_no varchar(100),
      valid_from date,
      valid_to date,
      transition_until date,
      status varchar(16) not null default 'active' check (status in ('active', 'disabled')),
      -- verified 【已核实】, excerpt 【摘录】, unconfirmed 【待确认】, customer (provided by the customer).
      source_tag varchar(16) check (source_tag in ('verified', 'excerpt', 'unconfirmed', 'customer')),
      note varchar(500),
      sort integer not null default 0,
      created_at timestamptz not null default now(),
      created_by uuid,
      updated_at timestamptz not null default now(),
      updated_by uuid,
      constraint licensing_catalogue_code_uq unique (code),
      constraint licensing_catalogue_parent_ck check ((level = 'category') = (parent_id is null)),
      constraint licensing_catalogue_dates_ck check (valid_to is null or valid_from is null or valid_to >= valid_from)
    );
    create index licensing_catalogue_parent_idx on licensing_catalogue_node(parent_id);

    -- Required materials per application type; catalogue_node_id null = every product (the default list).
    -- A row for a node overrides the row with the same code of its ancestors or the default list.
    create table licensing_material_requirement (
      id uuid primary key,
      catalogue_node_id uuid references licensing_catalogue_node(id),
      application_type varchar(16) not null
        check (application_type in ('issue', 'renew', 'change', 'reexamine', 'reissue', 'cancel')),
      code varchar(64) not null check (code ~ '^[a-z][a-z0-9_]*$'),
      name varchar(200) not null,
      required boolean not null default true,
      -- Comma-separated file kinds the file service recognises (pdf, jpg, png, ofd, docx, xlsx, zip, txt, csv).
      file_types varchar(100) not null default 'pdf,jpg,png,ofd',
      basis varchar(200),
      source_tag varchar(16) check (source_tag in ('verified', 'excerpt', 'unconfirmed', 'customer')),
      active boolean not null default true,
      sort integer not null default 0,
      created_at timestamptz not null default now(),
      created_by uuid,
      updated_at timestamptz not null default now(),
      updated_by uuid
    );
    create unique index licensing_material_req_uq on licensing_material_requirement(
      coalesce(catalogue_node_id, '00000000-0000-0000-0000-000000000000'::uuid), application_type, code);

    -- Rules licensing.md marks 【待确认】: data with the documented default, never hard-coded.
    create table licensing_setting (
      "key" varchar(64) primary key,
      value varchar(200) not null,
      value_type varchar(8) not null check (value_type in ('int', 'bool', 'string')),
      name varchar(100) not null,
      remark varchar(500),
      source_tag varchar(16) check (source_tag in ('verified', 'excerpt', 'unconfirmed', 'customer')),
      updated_at timestamptz not null default now(),
      updated_by uuid
    );

    -- 《办法》第三十二条: the grounds of 终止办理.
    create table licensing_termination_ground (
      code varchar(32) primary key,
      label varchar(200) not null,
      article varchar(100) not null,
      active boolean not null default true,
      sort integer not null default 0
    );

    create table licensing_application (
      id uuid primary key,
      -- 申请编号, assigned at submission.
      application_no varchar(32),
      type varchar(16) not null
        check (type in ('issue', 'renew', 'change', 'reexamine', 'reissue', 'cancel')),
      -- 'draft', a state of the process licensing.application, or 'cancel_submitted' (注销 handed on).
      state varchar(32) not null default 'draft',
      enterprise_org_id uuid not null references organization(id),
      enterprise_name varchar(200) not null,
      credit_code varchar(18),
      -- The enterprise's region (GB/T 2260): the data scope of officers.
      region_code varchar(6) not null references region(code),
      product_unit_id uuid not null references licensing_catalogue_node(id),
      -- The certificate concerned (延续, 变更, 重新审查, 补领, 注销); the certificates module owns it.
      certificate_id uuid,
      residence varchar(300),
      production_address varchar(300),
      contact_name varchar(50),
      contact_phone varchar(30),
      change_description varchar(2000),
      reason varchar(2000),
      remark varchar(2000),
      instance_id uuid references wf_instance(id),
      -- Mirrored from the workflow instance at every transition (lists, 受理台, statistics).
      due_date date,
      inspection_required boolean,
      submitted_at timestamptz,
      accepted_date date,
      -- 《办法》第十八条、第十九条: 实地核查 within 30 working days of 受理.
      inspection_due_date date,
      decision varchar(16) check (decision in ('approved', 'refused')),
      decision_date date,
      decision_reason varchar(2000),
      issued_certificate_id uuid,
      issued_certificate_no varchar(40),
      termination_ground varchar(32) references licensing_termination_ground(code),
      closed_at timestamptz,
      applicant_user_id uuid not null references app_user(id),
      created_at timestamptz not null default now(),
      created_by uuid,
      updated_at timestamptz not null default now(),
      updated_by uuid,
      constraint licensing_application_no_uq unique (application_no)
    );
    create index licensing_application_org_idx on licensing_application(enterprise_org_id);
    create index licensing_application_region_idx on licensing_application(region_code);
    create index licensing_application_state_idx on licensing_application(state, due_date);
    create index licensing_application_unit_idx on licensing_application(product_unit_id);
    -- One open application per enterprise and product unit.
    create unique index licensing_application_open_uq on licensing_application(enterprise_org_id, product_unit_id)
      where submitted_at is not null and closed_at is null;

    create table licensing_application_material (
      id uuid primary key,
      application_id uuid not null references licensing_application(id),
      material_code varchar(64) not null,
      file_id uuid not null references stored_file(id),
      -- 整改证明: the bureau (county level or higher) that issued it.
      issuer_org_id uuid references organization(id),
      created_at timestamptz not null default now(),
      created_by uuid,
      constraint licensing_application_material_uq unique (application_id, file_id)
    );
    create index licensing_application_material_app_idx on licensing_application_material(application_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table if exists licensing_application_material, licensing_application, licensing_termination_ground,
      licensing_setting, licensing_material_requirement, licensing_catalogue_node cascade
  `.execute(db);
}
