import type { ColumnType, Generated } from 'kysely';
import type { SystemTables } from '../../modules/system/system.tables.js';
import type { LicensingCoreTables } from '../../modules/licensing/applications.tables.js';
import type { InspectionTables } from '../../modules/licensing/inspection.tables.js';
import type { CertificatesTables } from '../../modules/licensing/certificates.tables.js';
import type { DocumentsTables } from '../../modules/licensing/documents.tables.js';
import type { CalendarTables } from '../calendar/calendar.tables.js';
import type { FileTables } from '../files/files.tables.js';
import type { NumberingTables } from '../numbering/numbering.tables.js';
import type { JobsTables } from '../jobs/jobs.tables.js';
import type { OutboxTables } from '../outbox/outbox.tables.js';
import type { WorkflowTables } from '../workflow/workflow.tables.js';

/** timestamptz: read as Date, written as Date or ISO string. */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** timestamptz with a database default. */
export type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
/** date: always 'YYYY-MM-DD' on both drivers. */
export type DateString = string;

export interface RegionTable {
  code: string;
  name: string;
  level: number;
  parent_code: string | null;
  kind: Generated<string>;
  valid_from: DateString | null;
  valid_to: DateString | null;
  predecessor_code: string | null;
  note: string | null;
  sort: Generated<number>;
}

export type OrgType =
  | 'province_bureau'
  | 'city_bureau'
  | 'county_bureau'
  | 'market_station'
  | 'institution'
  | 'enterprise'
  | 'expert_group'
  | 'ops_unit';

interface Stamped {
  created_at: CreatedAt;
  created_by: string | null;
  updated_at: CreatedAt;
  updated_by: string | null;
}

export interface OrganizationTable extends Stamped {
  id: string;
  parent_id: string | null;
  /** Stable organisation code (e.g. SX-610100), also used to map legacy data. */
  code: string | null;
  name: string;
  short_name: string | null;
  type: OrgType;
  region_code: string;
  credit_code: string | null;
  contact_phone: string | null;
  status: Generated<'active' | 'disabled'>;
  sort: Generated<number>;
}

export interface OrgJurisdictionTable {
  org_id: string;
  region_code: string;
  valid_from: DateString | null;
  valid_to: DateString | null;
}

export interface PermissionTable {
  code: string;
  module: string;
  name: string;
  sort: Generated<number>;
}

export type DataScopeKind = 'all' | 'city' | 'county' | 'org' | 'self' | 'assigned';

export interface RoleTable extends Stamped {
  id: string;
  code: string;
  name: string;
  description: string | null;
  data_scope: DataScopeKind;
  builtin: Generated<boolean>;
  status: Generated<'active' | 'disabled'>;
  sort: Generated<number>;
}

export interface RolePermissionTable {
  role_id: string;
  permission_code: string;
}

export interface AppUserTable extends Stamped {
  id: string;
  username: string;
  display_name: string;
  org_id: string;
  phone: string | null;
  email: string | null;
  password_hash: string;
  status: Generated<'active' | 'disabled'>;
  must_change_password: Generated<boolean>;
  password_changed_at: Timestamp | null;
  failed_attempts: Generated<number>;
  locked_until: Timestamp | null;
  is_demo: Generated<boolean>;
  last_login_at: Timestamp | null;
  last_login_ip: string | null;
}

export interface UserRoleTable {
  user_id: string;
  role_id: string;
}

export interface UserSessionTable {
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  revoked_reason: string | null;
  ip: string | null;
  user_agent: string | null;
}

export interface LoginLogTable {
  id: string;
  username: string;
  user_id: string | null;
  org_id: string | null;
  ip: string | null;
  user_agent: string | null;
  result: string;
  message: string | null;
  created_at: Timestamp;
}

export interface AuditLogTable {
  seq: string;
  id: string;
  at: Timestamp;
  user_id: string | null;
  username: string | null;
  org_id: string | null;
  org_name: string | null;
  action: string;
  method: string | null;
  path: string | null;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  result: 'success' | 'failure';
  status_code: number | null;
  request_id: string | null;
  detail: string | null;
  prev_hash: string;
  hash: string;
}

/** Tables of the core migration (regions, organisations, identity, audit). */
export interface CoreTables {
  region: RegionTable;
  organization: OrganizationTable;
  org_jurisdiction: OrgJurisdictionTable;
  permission: PermissionTable;
  role: RoleTable;
  role_permission: RolePermissionTable;
  app_user: AppUserTable;
  user_role: UserRoleTable;
  user_session: UserSessionTable;
  login_log: LoginLogTable;
  audit_log: AuditLogTable;
}

/**
 * Every table the application knows. Each platform part or module declares its tables in its own
 * `*.tables.ts` (an interface like CoreTables) and adds it here with one more `extends` entry.
 */
export interface DB
  extends
    CoreTables,
    JobsTables,
    OutboxTables,
    CalendarTables,
    FileTables,
    NumberingTables,
    WorkflowTables,
    SystemTables,
    LicensingCoreTables,
    CertificatesTables,
    InspectionTables,
    DocumentsTables {}
