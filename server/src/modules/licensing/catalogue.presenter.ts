import type { Static } from '@sinclair/typebox';
import type { XlsxColumn } from '../../platform/documents/xlsx.js';
import type {
  NodeRow,
  RequirementRowFull,
  SettingRow,
  TerminationGroundRow,
} from './catalogue.repository.js';
import type { SettingSchema } from './catalogue.schemas.js';
import type { ChecklistPreviewItem, NodeView } from './catalogue.service.js';
import {
  APPLICATION_TYPE_LABEL,
  APPROVAL_MODE_LABEL,
  isApplicableNode,
  LEVEL_LABEL,
  licensingSettingDef,
  parseFileTypes,
  SOURCE_TAG_LABEL,
} from './licensing.rules.js';

/** timestamptz → ISO string for API output (null stays null). */
export function iso(d: Date | string): string;
export function iso(d: Date | string | null | undefined): string | null;
export function iso(d: Date | string | null | undefined): string | null {
  if (d === null || d === undefined) return null;
  return typeof d === 'string' ? new Date(d).toISOString() : d.toISOString();
}

export function presentNode(n: NodeRow) {
  return {
    id: n.id,
    code: n.code,
    level: n.level,
    levelLabel: LEVEL_LABEL[n.level],
    parentId: n.parent_id,
    parentName: n.parent_name ?? null,
    name: n.name,
    industryCode: n.industry_code,
    productCode: n.product_code,
    approvalMode: n.approval_mode,
    approvalModeLabel: n.approval_mode ? APPROVAL_MODE_LABEL[n.approval_mode] : null,
    ruleDocNo: n.rule_doc_no,
    validFrom: n.valid_from,
    validTo: n.valid_to,
    transitionUntil: n.transition_until,
    status: n.status,
    sourceTag: n.source_tag,
    sourceTagLabel: n.source_tag ? SOURCE_TAG_LABEL[n.source_tag] : null,
    note: n.note,
    sort: n.sort,
    applicable: isApplicableNode(n.level, Number(n.active_children ?? 0)),
    createdAt: iso(n.created_at),
    updatedAt: iso(n.updated_at),
  };
}

export type PresentedNode = ReturnType<typeof presentNode>;

export function presentNodeDetail(v: NodeView) {
  return {
    ...presentNode(v),
    applicable: v.applicable,
    path: v.path,
    categoryId: v.categoryId,
    categoryName: v.categoryName,
    varietyId: v.varietyId,
    varietyName: v.varietyName,
    effectiveIndustryCode: v.effectiveIndustryCode,
    effectiveProductCode: v.effectiveProductCode,
    effectiveApprovalMode: v.effectiveApprovalMode,
    effectiveApprovalModeLabel: APPROVAL_MODE_LABEL[v.effectiveApprovalMode],
    effectiveRuleDocNo: v.effectiveRuleDocNo,
    inForce: v.inForce,
  };
}

export const NODE_XLSX: XlsxColumn<PresentedNode>[] = [
  { header: '编码', value: (r) => r.code, width: 12 },
  { header: '层级', value: (r) => r.levelLabel, width: 10 },
  { header: '名称', value: (r) => r.name, width: 30 },
  { header: '上级', value: (r) => r.parentName ?? '', width: 24 },
  { header: '行业编号', value: (r) => r.industryCode ?? '', width: 10 },
  { header: '产品编号', value: (r) => r.productCode ?? '', width: 10 },
  { header: '审批模式', value: (r) => r.approvalModeLabel ?? '沿用上级', width: 12 },
  { header: '细则文号', value: (r) => r.ruleDocNo ?? '', width: 20 },
  { header: '生效日期', value: (r) => r.validFrom ?? '', width: 12 },
  { header: '失效日期', value: (r) => r.validTo ?? '', width: 12 },
  { header: '状态', value: (r) => (r.status === 'active' ? '启用' : '停用'), width: 8 },
  { header: '来源', value: (r) => r.sourceTagLabel ?? '', width: 10 },
  { header: '说明', value: (r) => r.note ?? '', width: 40 },
];

export function presentRequirement(r: RequirementRowFull) {
  return {
    id: r.id,
    catalogueNodeId: r.catalogue_node_id,
    nodeName: r.node_name ?? null,
    applicationType: r.application_type,
    applicationTypeLabel: APPLICATION_TYPE_LABEL[r.application_type],
    code: r.code,
    name: r.name,
    description: r.description,
    required: r.required,
    fileTypes: parseFileTypes(r.file_types),
    maxSizeMb: r.max_size_mb,
    basis: r.basis,
    sourceTag: r.source_tag,
    active: r.active,
    sort: r.sort,
    updatedAt: iso(r.updated_at),
  };
}

export type PresentedRequirement = ReturnType<typeof presentRequirement>;

export const REQUIREMENT_XLSX: XlsxColumn<PresentedRequirement>[] = [
  { header: '适用目录', value: (r) => r.nodeName ?? '全部产品（默认清单）', width: 24 },
  { header: '申请类型', value: (r) => r.applicationTypeLabel, width: 10 },
  { header: '材料编码', value: (r) => r.code, width: 20 },
  { header: '材料名称', value: (r) => r.name, width: 36 },
  { header: '说明', value: (r) => r.description ?? '', width: 40 },
  { header: '必交', value: (r) => (r.required ? '是' : '否'), width: 6 },
  { header: '文件类型', value: (r) => r.fileTypes.join('、'), width: 20 },
  { header: '单个文件上限（MB）', value: (r) => r.maxSizeMb ?? '' },
  { header: '依据', value: (r) => r.basis ?? '', width: 24 },
  { header: '启用', value: (r) => (r.active ? '是' : '否'), width: 6 },
];

/** A licensing setting with its default (from licensing.rules LICENSING_SETTING_DEFS) and last change. */
export function presentSetting(s: SettingRow): Static<typeof SettingSchema> {
  const def = licensingSettingDef(s.key);
  return {
    key: s.key,
    name: s.name,
    value: s.value,
    defaultValue: def?.defaultValue ?? s.value,
    valueType: s.value_type,
    options: null,
    min: def?.min ?? null,
    max: def?.max ?? null,
    unit: def?.unit ?? null,
    remark: s.remark,
    sourceTag: s.source_tag,
    sourceTagLabel: s.source_tag ? SOURCE_TAG_LABEL[s.source_tag] : null,
    updatedAt: iso(s.updated_at),
    updatedByName: s.updated_by_name ?? null,
  };
}

/** One entry of the checklist preview, with its 说明 and the catalogue node it comes from. */
export function presentChecklistItem(c: ChecklistPreviewItem) {
  return {
    code: c.code,
    name: c.name,
    description: c.description,
    required: c.required,
    fileTypes: c.fileTypes,
    maxSizeMb: c.maxSizeMb,
    basis: c.basis,
    sourceTag: c.sourceTag,
    sourceNodeId: c.sourceNodeId,
    sourceNodeName: c.sourceNodeName,
  };
}

export function presentTerminationGround(g: TerminationGroundRow) {
  return { code: g.code, label: g.label, article: g.article };
}
