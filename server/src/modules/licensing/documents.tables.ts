import type { DateString, Timestamp } from '../../platform/db/schema.js';
import type { DocumentKind } from './documents.rules.js';

/** A 许可文书 as issued: its number and its printed content frozen as JSON (DocumentContent). */
export interface LicensingDocumentTable {
  id: string;
  application_id: string;
  kind: DocumentKind;
  doc_no: string;
  year: number;
  seq: number;
  title: string;
  enterprise_org_id: string;
  enterprise_name: string;
  region_code: string;
  applicant_user_id: string | null;
  issued_on: DateString;
  issued_at: Timestamp;
  issued_by: string | null;
  content: string;
}

/** 年度自查报告 (《办法》第四十八条): one per certificate and year, the six items of 第二款. */
export interface LicensingSelfInspectionTable {
  id: string;
  certificate_id: string;
  report_year: number;
  org_id: string;
  region_code: string;
  certificate_no: string;
  product_name: string;
  conditions_kept: string;
  changes: string;
  production: string;
  certificate_use: string;
  inspections: string;
  other: string | null;
  /** Comma-separated stored-file ids (attachments). */
  file_ids: string | null;
  submitted_at: Timestamp;
  submitted_by: string;
  late: boolean;
}

/** Tables of migration 202611280130-licensing-documents. */
export interface DocumentsTables {
  licensing_document: LicensingDocumentTable;
  licensing_self_inspection: LicensingSelfInspectionTable;
}
