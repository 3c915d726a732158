import type { Static } from '@sinclair/typebox';
import type { XlsxColumn } from '../../platform/documents/xlsx.js';
import { ITEM_RESULTS, RESULT_LABEL, type ItemResult } from './checklist.rules.js';
import type { ChapterRow, ItemRow, TemplateListRow, TemplateRow } from './checklist.templates.repository.js';
import type { TemplateContent, TemplateDetail, TemplateListItem } from './checklist.templates.schemas.js';
import type { LicensingChecklistTemplateTable, TemplateStatus } from './checklist.templates.tables.js';
import type { Selectable } from 'kysely';

export const TEMPLATE_STATUS_LABEL: Record<TemplateStatus, string> = {
  draft: '草稿',
  published: '已发布',
  superseded: '已被新版本替代',
};

const iso = (d: Date | string | null): string | null =>
  d === null ? null : typeof d === 'string' ? new Date(d).toISOString() : d.toISOString();

/** The stored comma list → results in canonical order. */
export function parseAllowedResults(text: string): ItemResult[] {
  const set = new Set(text.split(',').map((s) => s.trim()));
  return ITEM_RESULTS.filter((r) => set.has(r));
}

/** Results → the stored comma list, in canonical order. */
export function formatAllowedResults(results: readonly ItemResult[]): string {
  return ITEM_RESULTS.filter((r) => results.includes(r)).join(',');
}

/** The conclusion parameters of a template row. */
export function rulesOf(
  t: Selectable<LicensingChecklistTemplateTable>,
): Static<typeof TemplateContent>['rules'] {
  return {
    vetoFailLimit: t.veto_fail_limit,
    generalFailLimit: t.general_fail_limit,
    basicPerFail: t.basic_per_fail,
    vetoAllowsBasic: t.veto_allows_basic,
    basicEnabled: parseAllowedResults(t.allowed_results).includes('basic'),
  };
}

/**
 * The content of a template: header, rule, chapters with their items. The same shape is stored as the
 * snapshot of an inspection task, so a task keeps what it was verified against.
 */
export function templateContent(
  t: Selectable<LicensingChecklistTemplateTable>,
  chapters: readonly ChapterRow[],
  items: readonly ItemRow[],
): Static<typeof TemplateContent> {
  return {
    id: t.id,
    code: t.code,
    version: t.version,
    name: t.name,
    status: t.status,
    isExample: t.is_example,
    varietyId: t.variety_id,
    productUnitId: t.product_unit_id,
    ruleDocNo: t.rule_doc_no,
    effectiveFrom: t.effective_from,
    description: t.description,
    allowedResults: parseAllowedResults(t.allowed_results),
    rules: rulesOf(t),
    chapters: chapters.map((c) => ({
      id: c.id,
      seq: c.seq,
      title: c.title,
      items: items
        .filter((i) => i.chapter_id === c.id)
        .sort((a, b) => a.seq - b.seq || a.id.localeCompare(b.id))
        .map((i) => ({
          id: i.id,
          seq: i.seq,
          code: i.code,
          content: i.content,
          method: i.method,
          veto: i.veto,
          appliesWhen: i.applies_when,
        })),
    })),
  };
}

/** A template with its content and who published it. */
export function presentTemplateDetail(
  t: TemplateRow,
  chapters: readonly ChapterRow[],
  items: readonly ItemRow[],
): Static<typeof TemplateDetail> {
  return {
    ...templateContent(t, chapters, items),
    statusLabel: TEMPLATE_STATUS_LABEL[t.status],
    publishedAt: iso(t.published_at),
    publishedBy: t.published_by_name,
    createdAt: iso(t.created_at)!,
    updatedAt: iso(t.updated_at)!,
  };
}

/** One row of the template list. */
export function presentTemplateListItem(t: TemplateListRow): Static<typeof TemplateListItem> {
  return {
    id: t.id,
    code: t.code,
    version: t.version,
    name: t.name,
    status: t.status,
    statusLabel: TEMPLATE_STATUS_LABEL[t.status],
    isExample: t.is_example,
    varietyId: t.variety_id,
    productUnitId: t.product_unit_id,
    ruleDocNo: t.rule_doc_no,
    effectiveFrom: t.effective_from,
    allowedResults: parseAllowedResults(t.allowed_results),
    rules: rulesOf(t),
    chapterCount: Number(t.chapter_count ?? 0),
    itemCount: Number(t.item_count ?? 0),
    vetoCount: Number(t.veto_count ?? 0),
    publishedAt: iso(t.published_at),
    publishedBy: t.published_by_name,
    updatedAt: iso(t.updated_at)!,
  };
}

export const TEMPLATE_XLSX: XlsxColumn<Static<typeof TemplateListItem>>[] = [
  { header: '模板编号', value: (t) => t.code, width: 16 },
  { header: '模板名称', value: (t) => t.name, width: 40 },
  { header: '版本', value: (t) => t.version },
  { header: '状态', value: (t) => t.statusLabel },
  { header: '示例', value: (t) => (t.isExample ? '是' : '否') },
  { header: '细则文号', value: (t) => t.ruleDocNo, width: 20 },
  { header: '生效日期', value: (t) => t.effectiveFrom, width: 12 },
  { header: '章节数', value: (t) => t.chapterCount },
  { header: '条款数', value: (t) => t.itemCount },
  { header: '否决项数', value: (t) => t.vetoCount },
  { header: '否决项不符合上限', value: (t) => t.rules.vetoFailLimit },
  { header: '一般项不符合上限N', value: (t) => t.rules.generalFailLimit ?? '未设定' },
  { header: '基本符合折算k', value: (t) => t.rules.basicPerFail ?? '不折算' },
  { header: '可选判定值', value: (t) => t.allowedResults.map((r) => RESULT_LABEL[r]).join('、'), width: 28 },
];
