import {
  DEFAULT_DOCUMENT_NUMBER_PATTERN,
  DEFAULT_REMEDY_TEXT,
  numberPatternProblem,
} from './documents.rules.js';
import { isValidDay } from '../../platform/calendar/calendar.rules.js';
import { latestRenewalDate, addMonthsCivil } from './certificate.rules.js';
import type { ApplicationType, ApprovalMode, CatalogueLevel, SourceTag } from './catalogue.tables.js';

/**
 * Pure rules of the licence application (licensing.md §2, §4–§6): application types, 审批模式, the
 * material checklist, the 延续 window, the settings marked 【待确认】 and the grounds of 终止办理. No I/O.
 */

/** Key and business type of the application process (licensing.workflow.ts). */
export const APPLICATION_PROCESS_KEY = 'licensing.application';
export const APPLICATION_BUSINESS_TYPE = 'licensing.application';
/** Owner type of the files attached to an application (its materials). */
export const APPLICATION_FILE_OWNER = 'licensing.application';
/** Destination of the 办件 events; its driver comes with the integration issue. */
export const GOV_SERVICE_DESTINATION = 'gov-service';

// ---------------------------------------------------------------------------------------------------------
// Labels
// ---------------------------------------------------------------------------------------------------------

export const APPLICATION_TYPES: readonly ApplicationType[] = [
  'issue',
  'renew',
  'change',
  'reexamine',
  'reissue',
  'cancel',
];

export const APPLICATION_TYPE_LABEL: Record<ApplicationType, string> = {
  issue: '发证',
  renew: '延续',
  change: '变更',
  reexamine: '重新审查',
  reissue: '补领',
  cancel: '注销',
};

export const APPROVAL_MODE_LABEL: Record<ApprovalMode, string> = {
  verify_first: '先核后证',
  commitment: '告知承诺',
};

export const LEVEL_LABEL: Record<CatalogueLevel, string> = {
  category: '类别',
  variety: '品种',
  unit: '产品单元',
};

export const SOURCE_TAG_LABEL: Record<SourceTag, string> = {
  verified: '已核实',
  excerpt: '摘录',
  unconfirmed: '待确认',
  customer: '需求方提供',
};

/** Application states: 'draft', the states of the process, and a 注销 handed on to the cancellation process. */
export const APPLICATION_STATE_LABEL: Record<string, string> = {
  draft: '草稿',
  accepting: '待受理',
  supplementing: '补正中',
  supplementing_running: '补正中（继续计时）',
  inspecting: '实地核查',
  testing: '产品检验',
  deciding: '待决定',
  approved: '准予许可',
  refused: '不予许可',
  not_accepted: '不予受理',
  inspection_failed: '核查不合格（审查终止）',
  withdrawn: '已撤回',
  terminated: '终止办理',
  cancel_submitted: '已转注销审批',
};

/** States in which the enterprise may still change the form and the materials. */
export const EDITABLE_STATES: ReadonlySet<string> = new Set([
  'draft',
  'supplementing',
  'supplementing_running',
]);
/** States waiting for the enterprise's 补正. */
export const SUPPLEMENT_STATES: ReadonlySet<string> = new Set(['supplementing', 'supplementing_running']);
/** States of the 受理台. */
export const ACCEPTING_STATES: readonly string[] = ['accepting'];
/** Terminal states of an application. */
export const CLOSED_STATES: ReadonlySet<string> = new Set([
  'approved',
  'refused',
  'not_accepted',
  'inspection_failed',
  'withdrawn',
  'terminated',
  'cancel_submitted',
]);

export const stateLabel = (s: string) => APPLICATION_STATE_LABEL[s] ?? s;

// ---------------------------------------------------------------------------------------------------------
// Catalogue
// ---------------------------------------------------------------------------------------------------------

/**
 * Mode when no node of the chain names one. 【待确认】: 《办法》(2025) knows only 受理 → 实地核查 → 产品检验 →
 * 决定 (第十四条至第二十四条); which products keep 告知承诺 is for the 2024 细则 to say (licensing.md §6).
 */
export const DEFAULT_APPROVAL_MODE: ApprovalMode = 'verify_first';

/** The level a child of a node has (a category holds varieties, a variety holds units). */
export function childLevel(parent: CatalogueLevel): CatalogueLevel | undefined {
  return parent === 'category' ? 'variety' : parent === 'variety' ? 'unit' : undefined;
}

/** The first value set along a chain ordered from the node itself up to its category. */
export function inherited<T>(chain: ReadonlyArray<T | null | undefined>): T | undefined {
  for (const v of chain) if (v !== null && v !== undefined) return v;
  return undefined;
}

/** The approval mode of a node: its own, else the nearest ancestor's, else the default. */
export function effectiveApprovalMode(chain: ReadonlyArray<ApprovalMode | null>): ApprovalMode {
  return inherited(chain) ?? DEFAULT_APPROVAL_MODE;
}

/** What one may apply for: a 产品单元, or a 品种 that has no active 产品单元 (licensing.md §8: 品种或产品单元). */
export function isApplicableNode(level: CatalogueLevel, activeChildren: number): boolean {
  return level === 'unit' || (level === 'variety' && activeChildren === 0);
}

/** Whether a catalogue entry is in force on a day (active, inside its validity dates along the chain). */
export function nodeInForce(
  chain: ReadonlyArray<{ status: string; valid_from: string | null; valid_to: string | null }>,
  today: string,
): boolean {
  return chain.every(
    (n) =>
      n.status === 'active' &&
      (n.valid_from === null || n.valid_from <= today) &&
      (n.valid_to === null || n.valid_to >= today),
  );
}

// ---------------------------------------------------------------------------------------------------------
// Application types (licensing.md §4)
// ---------------------------------------------------------------------------------------------------------

/** Form fields an application may have to fill in before it is submitted. */
export type ApplicationField =
  'residence' | 'productionAddress' | 'contactName' | 'contactPhone' | 'changeDescription' | 'reason';

export const FIELD_LABEL: Record<ApplicationField, string> = {
  residence: '住所',
  productionAddress: '生产地址',
  contactName: '联系人',
  contactPhone: '联系电话',
  changeDescription: '变更（变化）内容',
  reason: '申请事由',
};

export interface TypeRule {
  /** The enterprise must hold an active certificate for the product unit. */
  needsActiveCertificate: boolean;
  /** The enterprise must not hold one (a first 发证). */
  forbidsActiveCertificate: boolean;
  /** by-mode: 实地核查 as the approval mode says; none: no new 核查 and 检验. */
  inspection: 'by-mode' | 'none';
  /** A 吊销 bar / 撤销 整改证明 applies to this type (a new application for the product). */
  checksBar: boolean;
  /** licensing: the process licensing.application; cancellation: the certificates' 注销 three-level process. */
  process: 'licensing' | 'cancellation';
  fields: readonly ApplicationField[];
}

const CONTACT: readonly ApplicationField[] = ['contactName', 'contactPhone'];

export const TYPE_RULES: Record<ApplicationType, TypeRule> = {
  // 《办法》第十条、第十一条: 向企业所在地省局申请，具备 7 项条件
  issue: {
    needsActiveCertificate: false,
    forbidsActiveCertificate: true,
    inspection: 'by-mode',
    checksBar: true,
    process: 'licensing',
    fields: ['residence', 'productionAddress', ...CONTACT],
  },
  // 《办法》第二十七条: 期满 6 个月前申请延续，按原程序审查，编号不变
  renew: {
    needsActiveCertificate: true,
    forbidsActiveCertificate: false,
    inspection: 'by-mode',
    checksBar: false,
    process: 'licensing',
    fields: ['residence', 'productionAddress', ...CONTACT],
  },
  // 《办法》第三十条: 名称、住所或生产地址名称变化，生产条件未变的，申请变更，不再核查
  change: {
    needsActiveCertificate: true,
    forbidsActiveCertificate: false,
    inspection: 'none',
    checksBar: false,
    process: 'licensing',
    fields: ['residence', 'productionAddress', 'changeDescription', ...CONTACT],
  },
  // 《办法》第二十九条: 生产条件、检验手段、生产技术或工艺变化的，重新审查（核查与检验）
  reexamine: {
    needsActiveCertificate: true,
    forbidsActiveCertificate: false,
    inspection: 'by-mode',
    checksBar: false,
    process: 'licensing',
    fields: ['residence', 'productionAddress', 'changeDescription', ...CONTACT],
  },
  // 《办法》第三十一条: 证书遗失或毁损的，申请补领
  reissue: {
    needsActiveCertificate: true,
    forbidsActiveCertificate: false,
    inspection: 'none',
    checksBar: false,
    process: 'licensing',
    fields: ['reason', ...CONTACT],
  },
  // 《办法》第三十五条: 企业申请注销 (three-level 注销审批, seed 行政许可 7)
  cancel: {
    needsActiveCertificate: true,
    forbidsActiveCertificate: false,
    inspection: 'none',
    checksBar: false,
    process: 'cancellation',
    fields: ['reason', ...CONTACT],
  },
};

/** The form fields still empty for a submission of this type. */
export function missingFields(
  type: ApplicationType,
  values: Partial<Record<ApplicationField, string | null>>,
): ApplicationField[] {
  return TYPE_RULES[type].fields.filter((f) => !values[f]?.trim());
}

/** 联系电话: a mobile number or a fixed line such as 029-88881234 (with an optional extension). */
export function isValidContactPhone(v: string): boolean {
  return /^1\d{10}$/.test(v) || /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/.test(v);
}

/**
 * Whether 实地核查 comes before the decision: required under 先核后证; the accepting officer's choice under
 * 告知承诺 (seed 行政许可 2: 受理人员根据申请材料选择是否需要进行现场核查); none for 变更 and 补领.
 */
export type InspectionPolicy = 'required' | 'optional' | 'none';

export function inspectionPolicy(type: ApplicationType, mode: ApprovalMode): InspectionPolicy {
  if (TYPE_RULES[type].inspection === 'none') return 'none';
  return mode === 'verify_first' ? 'required' : 'optional';
}

/** The Chinese refusal when the officer's choice does not fit the policy, else undefined. */
export function inspectionChoiceProblem(policy: InspectionPolicy, inspect: boolean): string | undefined {
  if (policy === 'required' && !inspect)
    return '该产品实行“先核后证”，受理后须进行实地核查（《办法》第十四条至第二十条）';
  if (policy === 'none' && inspect) return '变更、补领申请不需要实地核查（《办法》第三十条、第三十一条）';
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------
// 延续 window (licensing.md §5)
// ---------------------------------------------------------------------------------------------------------

export interface RenewalWindowRule {
  /** 《办法》第二十七条: 期满 6 个月前申请延续. */
  leadMonths: number;
  /** Whether the day exactly `leadMonths` before expiry still counts (【待确认】, default true). */
  deadlineInclusive: boolean;
  /** Earliest application, in months before expiry; 0 = no limit (nothing in the law; 【待确认】). */
  openMonths: number;
}

export const DEFAULT_RENEWAL_RULE: RenewalWindowRule = {
  leadMonths: 6,
  deadlineInclusive: true,
  openMonths: 0,
};

export type RenewalCheck =
  | { ok: true; latest: string }
  | { ok: false; reason: 'too_late'; latest: string }
  | { ok: false; reason: 'too_early'; earliest: string; latest: string };

/**
 * Whether a 延续 may be applied for today for a certificate valid to `validTo`.
 * // 《办法》第二十七条: 有效期届满需要继续生产的，应当在期满 6 个月前提出延续申请
 */
export function renewalWindow(validTo: string, today: string, rule: RenewalWindowRule): RenewalCheck {
  if (!isValidDay(validTo) || !isValidDay(today)) throw new RangeError('dates must be YYYY-MM-DD');
  const latest = latestRenewalDate(validTo, rule.leadMonths);
  if (today > latest || (!rule.deadlineInclusive && today === latest))
    return { ok: false, reason: 'too_late', latest };
  if (rule.openMonths > 0) {
    const earliest = addMonthsCivil(validTo, -rule.openMonths, 'month-end');
    if (today < earliest) return { ok: false, reason: 'too_early', earliest, latest };
  }
  return { ok: true, latest };
}

// ---------------------------------------------------------------------------------------------------------
// Material checklist (configurable data; the default list is 【待确认】 until the 实施通则 arrives)
// ---------------------------------------------------------------------------------------------------------

/** The 整改证明 a product unit whose licence was 撤销 needs (seed 行政许可 4: 县级以上监管部门出具). */
export const RECTIFICATION_PROOF = 'rectification_proof';
export const RECTIFICATION_PROOF_NAME = '整改证明（县级以上市场监管部门出具）';
/** Organisation types that may issue a 整改证明: county level or higher. */
export const RECTIFICATION_ISSUER_TYPES: ReadonlySet<string> = new Set([
  'province_bureau',
  'city_bureau',
  'county_bureau',
]);

export const DEFAULT_FILE_TYPES = ['pdf', 'jpg', 'png', 'ofd'];

/** A stored requirement row as the rule needs it. */
export interface RequirementRow {
  catalogue_node_id: string | null;
  application_type: ApplicationType;
  code: string;
  name: string;
  required: boolean;
  file_types: string;
  max_size_mb?: number | null;
  basis: string | null;
  source_tag: SourceTag | null;
  active: boolean;
  sort: number;
}

/** One entry of the checklist of an application. */
export interface ChecklistItem {
  code: string;
  name: string;
  required: boolean;
  fileTypes: string[];
  /** Upper limit of one file, in MB (null: none beyond the file service's). */
  maxSizeMb: number | null;
  basis: string | null;
  sourceTag: SourceTag | null;
  sort: number;
}

export function parseFileTypes(v: string): string[] {
  const list = v
    .split(/[,，\s]+/)
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  return list.length ? [...new Set(list)] : DEFAULT_FILE_TYPES;
}

/**
 * The checklist of a product unit and application type: the default rows (node null) overridden, code by
 * code, by the rows of the category, then the variety, then the unit itself; an inactive row removes the
 * entry it overrides. `chain` lists the node ids from the unit up to its category.
 */
export function resolveChecklist(
  rows: readonly RequirementRow[],
  chain: readonly string[],
  type: ApplicationType,
): ChecklistItem[] {
  const rank = (nodeId: string | null) => (nodeId === null ? chain.length : chain.indexOf(nodeId));
  const relevant = rows
    .filter((r) => r.application_type === type && rank(r.catalogue_node_id) >= 0)
    // most general first, so a more specific row replaces it
    .sort((a, b) => rank(b.catalogue_node_id) - rank(a.catalogue_node_id));
  const byCode = new Map<string, RequirementRow>();
  for (const r of relevant) byCode.set(r.code, r);
  return [...byCode.values()]
    .filter((r) => r.active)
    .sort((a, b) => a.sort - b.sort || a.code.localeCompare(b.code))
    .map((r) => ({
      code: r.code,
      name: r.name,
      required: r.required,
      fileTypes: parseFileTypes(r.file_types),
      maxSizeMb: r.max_size_mb ?? null,
      basis: r.basis,
      sourceTag: r.source_tag,
      sort: r.sort,
    }));
}

/** A material attached to an application, as the check needs it. */
export interface AttachedMaterial {
  code: string;
  fileName: string;
  ext: string;
}

export interface MaterialProblems {
  missing: Array<{ code: string; name: string }>;
  wrongType: Array<{ code: string; name: string; fileName: string; allowed: string[] }>;
}

/** What is missing or of a type the checklist does not accept (seed 行政许可 1: 申请材料校验). */
export function checkMaterials(
  checklist: readonly ChecklistItem[],
  attached: readonly AttachedMaterial[],
): MaterialProblems {
  const missing: MaterialProblems['missing'] = [];
  const wrongType: MaterialProblems['wrongType'] = [];
  for (const item of checklist) {
    const files = attached.filter((a) => a.code === item.code);
    if (item.required && files.length === 0) missing.push({ code: item.code, name: item.name });
    for (const f of files) {
      if (!item.fileTypes.includes(f.ext.toLowerCase()))
        wrongType.push({ code: item.code, name: item.name, fileName: f.fileName, allowed: item.fileTypes });
    }
  }
  return { missing, wrongType };
}

/** "1. 营业执照；2. 技术文件" — the numbered Chinese list used in messages. */
export function numberedList(names: readonly string[]): string {
  return names.map((n, i) => `${i + 1}. ${n}`).join('；');
}

/** The default checklist seeded as data (node null). 【待确认】: the 实施通则 is 待需求方提供 (licensing.md §1). */
export interface DefaultRequirement {
  type: ApplicationType;
  code: string;
  name: string;
  required: boolean;
  basis: string;
}

const BASE_CONDITIONS: Array<[code: string, name: string, basis: string]> = [
  ['application_form', '生产许可证申请书', '《办法》第十一条'],
  ['business_licence', '营业执照', '《办法》第十条第（一）项'],
  ['technical_staff', '专业技术人员名单及资格证明', '《办法》第十条第（二）项'],
  ['production_conditions', '生产条件和检验检疫手段说明', '《办法》第十条第（三）项'],
  ['technical_documents', '技术文件和工艺文件', '《办法》第十条第（四）项'],
  ['quality_system', '质量管理制度和责任制度', '《办法》第十条第（五）项'],
  ['product_conformity', '产品符合标准的证明（检验报告等）', '《办法》第十条第（六）项'],
  ['industrial_policy', '符合国家产业政策的说明', '《办法》第十条第（七）项'],
];

export const DEFAULT_REQUIREMENTS: DefaultRequirement[] = [
  ...BASE_CONDITIONS.map(([code, name, basis]) => ({
    type: 'issue' as const,
    code,
    name,
    required: true,
    basis,
  })),
  // 《办法》第二十七条: 延续按原程序审查
  ...BASE_CONDITIONS.map(([code, name]) => ({
    type: 'renew' as const,
    code,
    name,
    required: true,
    basis: '《办法》第二十七条',
  })),
  {
    type: 'change',
    code: 'application_form',
    name: '生产许可证变更申请书',
    required: true,
    basis: '《办法》第三十条',
  },
  { type: 'change', code: 'business_licence', name: '营业执照', required: true, basis: '《办法》第三十条' },
  {
    type: 'change',
    code: 'change_proof',
    name: '名称、住所或生产地址名称变更的证明材料',
    required: true,
    basis: '《办法》第三十条',
  },
  {
    type: 'reexamine',
    code: 'application_form',
    name: '生产许可证申请书（重新审查）',
    required: true,
    basis: '《办法》第二十九条',
  },
  {
    type: 'reexamine',
    code: 'business_licence',
    name: '营业执照',
    required: true,
    basis: '《办法》第二十九条',
  },
  {
    type: 'reexamine',
    code: 'change_statement',
    name: '生产条件、检验手段、生产技术或者工艺变化情况说明',
    required: true,
    basis: '《办法》第二十九条',
  },
  {
    type: 'reissue',
    code: 'application_form',
    name: '证书补领申请书',
    required: true,
    basis: '《办法》第三十一条',
  },
  {
    type: 'reissue',
    code: 'loss_statement',
    name: '证书遗失声明或毁损的证书',
    required: true,
    basis: '《办法》第三十一条',
  },
  {
    type: 'cancel',
    code: 'application_form',
    name: '生产许可证注销申请书',
    required: true,
    basis: '《办法》第三十五条',
  },
];

// ---------------------------------------------------------------------------------------------------------
// Settings (the 【待确认】 rules as data)
// ---------------------------------------------------------------------------------------------------------

export interface LicensingSettings {
  renewal: RenewalWindowRule;
  /** 补正期间是否暂停受理计时 (licensing.md §6 【待确认】; default: paused). */
  supplementPausesClock: boolean;
  /** 许可文书文号样式 (待确认). */
  documentNumberPattern: string;
  /** 救济途径 printed on decisions against the applicant (待确认: 复议机关、管辖法院). */
  remedyText: string;
  /** 年度自查报告截止日 MM-DD of the reporting year (licensing.md §9 待需求方提供; default 12-31). */
  selfInspectionDeadline: string;
}

export const DEFAULT_LICENSING_SETTINGS: LicensingSettings = {
  renewal: DEFAULT_RENEWAL_RULE,
  supplementPausesClock: true,
  documentNumberPattern: DEFAULT_DOCUMENT_NUMBER_PATTERN,
  remedyText: DEFAULT_REMEDY_TEXT,
  selfInspectionDeadline: '12-31',
};

export interface LicensingSettingDef {
  key: string;
  name: string;
  type: 'int' | 'bool' | 'string';
  defaultValue: string;
  remark: string;
  sourceTag: SourceTag;
  /** Range and unit of an 'int' (shown by the editor; `check` enforces the same range). */
  min?: number;
  max?: number;
  unit?: string;
  /** The Chinese problem with a value, or undefined. */
  check: (v: string) => string | undefined;
}

const intIn = (min: number, max: number) => (v: string) =>
  /^\d+$/.test(v) && Number(v) >= min && Number(v) <= max ? undefined : `须为 ${min} 到 ${max} 之间的整数`;
const bool = (v: string) => (v === 'true' || v === 'false' ? undefined : '须为 true 或 false');
const text = (max: number) => (v: string) =>
  v.trim().length === 0 ? '不能为空' : v.length > max ? `不超过 ${max} 个字符` : undefined;
/** MM-DD of a day that exists in every year (02-29 is refused). */
const monthDay = (v: string) => {
  const m = /^(\d{2})-(\d{2})$/.exec(v);
  const days = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return m &&
    Number(m[1]) >= 1 &&
    Number(m[1]) <= 12 &&
    Number(m[2]) >= 1 &&
    Number(m[2]) <= days[Number(m[1]) - 1]!
    ? undefined
    : '须为 MM-DD 格式的日期（如 12-31），且每年都存在';
};

export const LICENSING_SETTING_DEFS: LicensingSettingDef[] = [
  {
    key: 'renewal.leadMonths',
    name: '延续申请最晚提前月数',
    type: 'int',
    defaultValue: '6',
    remark:
      '《办法》第二十七条：有效期届满 6 个月前提出延续申请；最晚申请日 = 有效期至 − 6 个月（无对应日取月末）',
    sourceTag: 'verified',
    min: 1,
    max: 24,
    unit: '个月',
    check: intIn(1, 24),
  },
  {
    key: 'renewal.deadlineInclusive',
    name: '最晚申请日当天可否申请延续',
    type: 'bool',
    defaultValue: 'true',
    remark: '“期满 6 个月前”是否包含最晚申请日当天（licensing.md §5 待确认）；true：当天仍可申请',
    sourceTag: 'unconfirmed',
    check: bool,
  },
  {
    key: 'renewal.openMonths',
    name: '延续申请最早提前月数',
    type: 'int',
    defaultValue: '0',
    remark: '有效期届满前多少个月起可申请延续；0 表示不限（法规未规定，待确认）',
    sourceTag: 'unconfirmed',
    min: 0,
    max: 60,
    unit: '个月',
    check: intIn(0, 60),
  },
  {
    key: 'supplement.pausesClock',
    name: '补正期间暂停受理计时',
    type: 'bool',
    defaultValue: 'true',
    remark:
      'true：补正期间受理时限暂停，提交补正材料后按剩余天数继续计算；false：补正期间继续计时（licensing.md §6 待确认）',
    sourceTag: 'unconfirmed',
    check: bool,
  },
  {
    key: 'documents.numberPattern',
    name: '许可文书文号样式',
    type: 'string',
    defaultValue: DEFAULT_DOCUMENT_NUMBER_PATTERN,
    remark:
      '占位符：{字}（受、补、不受、核、准、不准、终）、{年}、{序号}；每类文书每年从 1 起连续编号（陕西文号样式待确认）',
    sourceTag: 'unconfirmed',
    check: (v) => text(40)(v) ?? numberPatternProblem(v),
  },
  {
    key: 'documents.remedyText',
    name: '决定书救济途径告知',
    type: 'string',
    defaultValue: DEFAULT_REMEDY_TEXT,
    remark:
      '印在不予受理、不予许可、终止办理文书上（《行政复议法》第二十条、《行政诉讼法》第四十六条）；复议机关和管辖法院待确认',
    sourceTag: 'unconfirmed',
    check: text(200),
  },
  {
    key: 'selfInspection.deadline',
    name: '年度自查报告截止日（月-日）',
    type: 'string',
    defaultValue: '12-31',
    remark:
      '《办法》第四十八条：按年度提交自查报告，获证未满一年的可以在下一年度提交；截止日期待需求方提供，默认当年 12 月 31 日',
    sourceTag: 'unconfirmed',
    check: monthDay,
  },
];

const SETTING_BY_KEY = new Map(LICENSING_SETTING_DEFS.map((d) => [d.key, d]));

export function licensingSettingDef(key: string): LicensingSettingDef | undefined {
  return SETTING_BY_KEY.get(key);
}

/** Settings from stored values; a missing or malformed value falls back to its default. */
export function parseLicensingSettings(stored: Readonly<Record<string, string>>): LicensingSettings {
  const v = (key: string): string => {
    const def = SETTING_BY_KEY.get(key)!;
    const s = stored[key];
    return s !== undefined && def.check(s) === undefined ? s : def.defaultValue;
  };
  return {
    renewal: {
      leadMonths: Number(v('renewal.leadMonths')),
      deadlineInclusive: v('renewal.deadlineInclusive') === 'true',
      openMonths: Number(v('renewal.openMonths')),
    },
    supplementPausesClock: v('supplement.pausesClock') === 'true',
    documentNumberPattern: v('documents.numberPattern'),
    remedyText: v('documents.remedyText'),
    selfInspectionDeadline: v('selfInspection.deadline'),
  };
}

// ---------------------------------------------------------------------------------------------------------
// 终止办理 (licensing.md §4)
// ---------------------------------------------------------------------------------------------------------

/** // 《办法》第三十二条: 终止办理的 6 种情形 (seeded as data; labels editable, codes stable). */
export const TERMINATION_GROUNDS: Array<{ code: string; label: string; article: string }> = [
  { code: 'obstruction', label: '企业无正当理由拖延、拒绝或者不配合审查', article: '《办法》第三十二条' },
  { code: 'applicant_withdrawal', label: '企业撤回生产许可申请', article: '《办法》第三十二条' },
  { code: 'enterprise_terminated', label: '企业依法终止', article: '《办法》第三十二条' },
  { code: 'fee_unpaid', label: '企业未按期缴纳相关费用', article: '《办法》第三十二条' },
  {
    code: 'product_eliminated',
    label: '申请生产许可的产品列入国家淘汰或者禁止生产产品目录',
    article: '《办法》第三十二条',
  },
  { code: 'other', label: '依法需要终止办理的其他情形', article: '《办法》第三十二条' },
];

// ---------------------------------------------------------------------------------------------------------
// Process helpers
// ---------------------------------------------------------------------------------------------------------

/** The 补正 action the configuration calls for. */
export function supplementActionFor(pausesClock: boolean): 'supplement' | 'supplementClockRunning' {
  return pausesClock ? 'supplement' : 'supplementClockRunning';
}

/** The outbox event type of a transition of the application process. */
export const EVENT_TYPE_BY_ACTION: Record<string, string> = {
  start: 'submitted',
  accept: 'accepted',
  acceptWithoutInspection: 'accepted',
  supplement: 'supplementRequested',
  supplementClockRunning: 'supplementRequested',
  resubmit: 'resubmitted',
  notAccept: 'notAccepted',
  inspectionPassed: 'inspectionPassed',
  inspectionFailed: 'inspectionFailed',
  testingDone: 'testingDone',
  approve: 'approved',
  refuse: 'refused',
  withdraw: 'withdrawn',
  terminate: 'terminated',
};

/** Title of the application in the inbox. */
export function applicationTitle(enterpriseName: string, productName: string, type: ApplicationType): string {
  return `${enterpriseName} ${productName} 生产许可${APPLICATION_TYPE_LABEL[type]}申请`.slice(0, 200);
}
