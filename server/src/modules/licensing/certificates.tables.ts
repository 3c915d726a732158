import type { Generated } from 'kysely';
import type { CreatedAt, DateString, Timestamp } from '../../platform/db/schema.js';
import type {
  CancellationGround,
  CertificateApplicationType,
  CertificateStatus,
  SanctionKind,
} from './certificate.rules.js';

/** 生产许可证书: one row per issued certificate; 延续/变更/补领/重新审查 add a row with the same number. */
export interface LicenceCertificateTable {
  id: string;
  core_number: string;
  province_abbr: string | null;
  industry_code: string;
  product_code: string;
  serial: number;
  serial_key: string;
  serial_year: number;
  /** The enterprise holding the licence. */
  org_id: string;
  region_code: string;
  enterprise_name: string;
  credit_code: string | null;
  residence: string | null;
  production_address: string | null;
  product_unit_id: string;
  product_name: string;
  application_id: string | null;
  application_type: CertificateApplicationType;
  previous_id: string | null;
  issue_date: DateString;
  valid_from: DateString;
  valid_to: DateString;
  status: Generated<CertificateStatus>;
  sanction_kind: SanctionKind | null;
  sanction_date: DateString | null;
  sanction_grounds: string | null;
  sanction_article: string | null;
  sanction_document_no: string | null;
  sanctioned_by: string | null;
  bar_last_day: DateString | null;
  number_voided: Generated<boolean>;
  cancelled_date: DateString | null;
  cancellation_id: string | null;
  replaced_by: string | null;
  verify_token: string;
  created_at: CreatedAt;
  created_by: string | null;
  updated_at: CreatedAt;
  updated_by: string | null;
}

/** One event in a certificate's history (issued, replaced, 撤销 …, 注销). */
export interface LicenceCertificateEventTable {
  id: string;
  certificate_id: string;
  core_number: string;
  event_type: string;
  event_label: string;
  on_date: DateString;
  at: Timestamp;
  actor_user_id: string | null;
  actor_name: string | null;
  actor_org_name: string | null;
  application_id: string | null;
  cancellation_id: string | null;
  comment: string | null;
  article: string | null;
}

export type CancellationStatus = 'pending' | 'approved' | 'rejected' | 'withdrawn';

/** A 注销 request, handled by the process licensing.cancellation. */
export interface LicenceCancellationTable {
  id: string;
  certificate_id: string;
  application_id: string | null;
  ground: CancellationGround;
  reason: string;
  status: Generated<CancellationStatus>;
  org_id: string;
  region_code: string;
  workflow_instance_id: string | null;
  decided_at: Timestamp | null;
  decided_on: DateString | null;
  created_at: CreatedAt;
  created_by: string | null;
  updated_at: CreatedAt;
  updated_by: string | null;
}

/** 申报提醒 for an enterprise, with read state. */
export interface LicenceReminderTable {
  id: string;
  certificate_id: string;
  org_id: string;
  region_code: string;
  /** renewal 延续申报提醒; self_inspection 年度自查报告提醒 (milestone_months = 0, valid_to = the year's deadline). */
  kind: 'renewal' | 'self_inspection';
  milestone_months: number;
  valid_to: DateString;
  latest_apply_date: DateString;
  title: string;
  content: string;
  created_on: DateString;
  created_at: CreatedAt;
  read_at: Timestamp | null;
  read_by: string | null;
}

export interface LicenceCertificateSettingTable {
  key: string;
  value: string;
  updated_at: CreatedAt;
  updated_by: string | null;
}

/** Tables of migration 202611280110-licensing-certificates. */
export interface CertificatesTables {
  licence_certificate: LicenceCertificateTable;
  licence_certificate_event: LicenceCertificateEventTable;
  licence_cancellation: LicenceCancellationTable;
  licence_reminder: LicenceReminderTable;
  licence_certificate_setting: LicenceCertificateSettingTable;
}
