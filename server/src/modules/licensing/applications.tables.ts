import type { Generated } from 'kysely';
import type { CreatedAt, DateString, Timestamp } from '../../platform/db/schema.js';
import type { ApplicationType, CatalogueTables } from './catalogue.tables.js';

/** 生产许可申请. `state` is 'draft', a state of the process licensing.application, or 'cancel_submitted'. */
export interface LicensingApplicationTable {
  id: string;
  application_no: string | null;
  type: ApplicationType;
  state: Generated<string>;
  enterprise_org_id: string;
  enterprise_name: string;
  credit_code: string | null;
  region_code: string;
  product_unit_id: string;
  certificate_id: string | null;
  residence: string | null;
  production_address: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  change_description: string | null;
  reason: string | null;
  remark: string | null;
  instance_id: string | null;
  due_date: DateString | null;
  inspection_required: boolean | null;
  submitted_at: Timestamp | null;
  accepted_date: DateString | null;
  /** 视为受理 (《办法》第十二条): the submission date, set when 受理 went past its 5 working days (migration 202611280140). */
  deemed_accepted_on: DateString | null;
  inspection_due_date: DateString | null;
  decision: 'approved' | 'refused' | null;
  decision_date: DateString | null;
  decision_reason: string | null;
  issued_certificate_id: string | null;
  issued_certificate_no: string | null;
  termination_ground: string | null;
  closed_at: Timestamp | null;
  applicant_user_id: string;
  created_at: CreatedAt;
  created_by: string | null;
  updated_at: CreatedAt;
  updated_by: string | null;
}

/** One uploaded file bound to an application as a named material. */
export interface LicensingApplicationMaterialTable {
  id: string;
  application_id: string;
  material_code: string;
  file_id: string;
  issuer_org_id: string | null;
  created_at: CreatedAt;
  created_by: string | null;
}

export interface ApplicationsTables {
  licensing_application: LicensingApplicationTable;
  licensing_application_material: LicensingApplicationMaterialTable;
}

/** Every table of migration 202611280100-licensing-core (one `extends` entry in platform/db/schema.ts). */
export interface LicensingCoreTables extends CatalogueTables, ApplicationsTables {}
