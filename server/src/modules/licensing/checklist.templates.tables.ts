import type { CreatedAt, DateString, Timestamp } from '../../platform/db/schema.js';

export type TemplateStatus = 'draft' | 'published' | 'superseded';

/** A 核查模板 version (licensing.md §8): header, binding to a catalogue node and the conclusion parameters. */
export interface LicensingChecklistTemplateTable {
  id: string;
  code: string;
  version: number;
  name: string;
  status: TemplateStatus;
  /** 品种 (catalogue node, owned by the catalogue part): a plain reference. */
  variety_id: string | null;
  /** 产品单元 (catalogue node): a plain reference. */
  product_unit_id: string | null;
  /** 实施细则文号 */
  rule_doc_no: string | null;
  effective_from: DateString | null;
  /** A seeded 示例 template, not an official 细则. */
  is_example: boolean;
  description: string | null;
  /** Comma-separated results the template uses (conform,basic,nonconform,na). */
  allowed_results: string;
  veto_fail_limit: number;
  general_fail_limit: number | null;
  basic_per_fail: number | null;
  veto_allows_basic: boolean;
  published_at: Timestamp | null;
  published_by: string | null;
  created_at: CreatedAt;
  created_by: string | null;
  updated_at: CreatedAt;
  updated_by: string | null;
}

export interface LicensingChecklistChapterTable {
  id: string;
  template_id: string;
  seq: number;
  title: string;
}

export interface LicensingChecklistItemTable {
  id: string;
  template_id: string;
  chapter_id: string;
  seq: number;
  /** 条款编号 (e.g. "2.3") */
  code: string;
  content: string;
  /** 核查方法或要点 */
  method: string | null;
  /** 否决项 (marked * in the 细则) */
  veto: boolean;
  /** 适用条件 */
  applies_when: string | null;
}

/** Tables of the checklist-template engine (migration 202611280120-licensing-inspection). */
export interface ChecklistTemplateTables {
  licensing_checklist_template: LicensingChecklistTemplateTable;
  licensing_checklist_chapter: LicensingChecklistChapterTable;
  licensing_checklist_item: LicensingChecklistItemTable;
}
