import type { CreatedAt, DateString, Timestamp } from '../../platform/db/schema.js';
import type { ChecklistTemplateTables } from './checklist.templates.tables.js';

export type InspectionStatus = 'planning' | 'in_progress' | 'concluded' | 'cancelled';
export type MemberRole = 'leader' | 'member' | 'observer';

/** One 实地核查 of an application (licensing.md §8 核查任务 and 核查结论). */
export interface LicensingInspectionTaskTable {
  id: string;
  /** The licence application (owned by the application part): a plain reference. */
  application_id: string;
  /** Region of the enterprise (data scope). */
  region_code: string;
  /** The organising unit. */
  org_id: string;
  enterprise_org_id: string;
  product_unit_id: string;
  template_id: string | null;
  /** JSON of the template as taken (TemplateSnapshot). */
  template_snapshot: string | null;
  status: InspectionStatus;
  plan_start: DateString | null;
  plan_end: DateString | null;
  /** Day the enterprise was told of the plan (《办法》第十六条). */
  notified_on: DateString | null;
  plan_note: string | null;
  actual_start: DateString | null;
  actual_end: DateString | null;
  suggested_result: 'pass' | 'fail' | null;
  final_result: 'pass' | 'fail' | null;
  overridden: boolean;
  override_reason: string | null;
  /** JSON of ConclusionCounts at the conclusion. */
  rule_counts: string | null;
  conclusion_comment: string | null;
  concluded_by: string | null;
  concluded_at: Timestamp | null;
  enterprise_confirmation: 'confirmed' | 'refused' | null;
  enterprise_signer: string | null;
  enterprise_refusal_note: string | null;
  /** 告知日期 of the conclusion (《办法》第十九条). */
  result_notified_on: DateString | null;
  version: number;
  created_at: CreatedAt;
  created_by: string | null;
  updated_at: CreatedAt;
  updated_by: string | null;
}

/** A member of the 审查组, or the observer (not a member, not counted). */
export interface LicensingInspectionMemberTable {
  id: string;
  task_id: string;
  user_id: string;
  role: MemberRole;
  /** The person's organisation when assigned. */
  org_id: string;
  source: 'manual' | 'draw';
  draw_id: string | null;
  assigned_by: string | null;
  assigned_at: Timestamp;
}

/** A 利害关系声明 of one person for one task; the latest one counts, earlier ones stay on file. */
export interface LicensingInspectionDeclarationTable {
  id: string;
  task_id: string;
  user_id: string;
  employed: boolean;
  consulted: boolean;
  related: boolean;
  other: boolean;
  has_conflict: boolean;
  note: string | null;
  declared_by: string;
  declared_at: Timestamp;
}

/** The record of one checklist item in a task. */
export interface LicensingInspectionRecordTable {
  task_id: string;
  item_id: string;
  result: 'conform' | 'basic' | 'nonconform' | 'na';
  problem: string | null;
  rectification: string | null;
  /** JSON array of file ids. */
  evidence: string | null;
  recorded_by: string;
  recorded_at: Timestamp;
}

/** A recorded observer draw: enough to recompute the pick (observers.rules.ts). */
export interface LicensingObserverDrawTable {
  id: string;
  task_id: string;
  algorithm: string;
  seed: string;
  /** JSON array of user ids in draw order. */
  candidate_ids: string;
  candidate_count: number;
  /** JSON array of {userId, reason}. */
  excluded: string;
  /** JSON array of region codes. */
  pool_regions: string;
  picked_index: number;
  picked_user_id: string;
  drawn_by: string;
  drawn_at: Timestamp;
}

/** Tables of 现场核查 and the checklist templates (migration 202611280120-licensing-inspection). */
export interface InspectionTables extends ChecklistTemplateTables {
  licensing_inspection_task: LicensingInspectionTaskTable;
  licensing_inspection_member: LicensingInspectionMemberTable;
  licensing_inspection_declaration: LicensingInspectionDeclarationTable;
  licensing_inspection_record: LicensingInspectionRecordTable;
  licensing_observer_draw: LicensingObserverDrawTable;
}
