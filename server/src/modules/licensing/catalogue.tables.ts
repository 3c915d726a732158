import type { Generated } from 'kysely';
import type { CreatedAt, DateString } from '../../platform/db/schema.js';

/** Level of a catalogue node: 类别 → 品种 → 产品单元 (licensing.md §2). */
export type CatalogueLevel = 'category' | 'variety' | 'unit';

/** 审批模式: verify_first 先核后证; commitment 告知承诺 + 后置核查 (licensing.md §6). */
export type ApprovalMode = 'verify_first' | 'commitment';

/** Where a row's content comes from: 【已核实】, 【摘录】, 【待确认】 or provided by the customer. */
export type SourceTag = 'verified' | 'excerpt' | 'unconfirmed' | 'customer';

/** Application types of 《办法》 (licensing.md §4). */
export type ApplicationType = 'issue' | 'renew' | 'change' | 'reexamine' | 'reissue' | 'cancel';

/** One node of the product catalogue. */
export interface LicensingCatalogueNodeTable {
  id: string;
  code: string;
  level: CatalogueLevel;
  parent_id: string | null;
  name: string;
  industry_code: string | null;
  product_code: string | null;
  /** null: inherited from the parent (default 先核后证 at the root, 【待确认】). */
  approval_mode: ApprovalMode | null;
  rule_doc_no: string | null;
  valid_from: DateString | null;
  valid_to: DateString | null;
  transition_until: DateString | null;
  status: Generated<'active' | 'disabled'>;
  source_tag: SourceTag | null;
  note: string | null;
  sort: Generated<number>;
  created_at: CreatedAt;
  created_by: string | null;
  updated_at: CreatedAt;
  updated_by: string | null;
}

/** A required (or optional) material of an application type, for every product or one catalogue node. */
export interface LicensingMaterialRequirementTable {
  id: string;
  catalogue_node_id: string | null;
  application_type: ApplicationType;
  code: string;
  name: string;
  /** 说明: what the material is and how to prepare it (migration 202611280150). */
  description: string | null;
  /** Upper limit of one file of this material, in MB (null: the file service's general limit). */
  max_size_mb: number | null;
  required: Generated<boolean>;
  file_types: Generated<string>;
  basis: string | null;
  source_tag: SourceTag | null;
  active: Generated<boolean>;
  sort: Generated<number>;
  created_at: CreatedAt;
  created_by: string | null;
  updated_at: CreatedAt;
  updated_by: string | null;
}

export type SettingValueType = 'int' | 'bool' | 'string';

/** A configurable rule (the 【待确认】 ones) with its documented default. */
export interface LicensingSettingTable {
  key: string;
  value: string;
  value_type: SettingValueType;
  name: string;
  remark: string | null;
  source_tag: SourceTag | null;
  updated_at: CreatedAt;
  updated_by: string | null;
}

/** 《办法》第三十二条: one ground of 终止办理. */
export interface LicensingTerminationGroundTable {
  code: string;
  label: string;
  article: string;
  active: Generated<boolean>;
  sort: Generated<number>;
}

/** Tables of the catalogue and the configurable rules (migration 202611280100-licensing-core). */
export interface CatalogueTables {
  licensing_catalogue_node: LicensingCatalogueNodeTable;
  licensing_material_requirement: LicensingMaterialRequirementTable;
  licensing_setting: LicensingSettingTable;
  licensing_termination_ground: LicensingTerminationGroundTable;
}
