/**
 * Pure rules of the 实地核查记录表 (licensing.md §8): the per-template conclusion rule, what a template
 * needs before it may be published, and which item results a template accepts. No I/O.
 *
 * The real parameters of the 29 templates (否决项, N, whether 基本符合 exists, k) are 待需求方提供: every number
 * here is template data; the constants below are only the defaults of a new template.
 */

/** Result of one checklist item. */
export type ItemResult = 'conform' | 'basic' | 'nonconform' | 'na';

export const ITEM_RESULTS: readonly ItemResult[] = ['conform', 'basic', 'nonconform', 'na'];

export const RESULT_LABEL: Record<ItemResult, string> = {
  conform: '符合',
  basic: '基本符合',
  nonconform: '不符合',
  na: '不适用',
};

/** Conclusion of an on-site verification. */
export type Verdict = 'pass' | 'fail';

export const VERDICT_LABEL: Record<Verdict, string> = { pass: '合格', fail: '不合格' };

/** The configurable conclusion rule of one template (licensing.md §8 可配置判定规则). */
export interface ConclusionRule {
  /** 否决项不符合数上限: more than this many 否决项 不符合 → 不合格 (default 0: any one fails). */
  vetoFailLimit: number;
  /** 一般项不符合数上限 N: more than N 一般项 不符合 (including converted 基本符合) → 不合格. */
  generalFailLimit: number;
  /** k: every k 基本符合 count as 1 不符合 (rounded down); null: 基本符合 is not converted. */
  basicPerFail: number | null;
}

/** Defaults of a new template; N and k stay to be set per template (待需求方提供). */
export const DEFAULT_VETO_FAIL_LIMIT = 0;

/** One item as the rule sees it. */
export interface ItemOutcome {
  veto: boolean;
  /** null: not judged yet. */
  result: ItemResult | null;
}

/** The counts behind a suggested conclusion (shown next to it, stored with the conclusion). */
export interface ConclusionCounts {
  total: number;
  judged: number;
  pending: number;
  /** Items judged other than 不适用 (不适用 is left out of every count, licensing.md §8). */
  applicable: number;
  conform: number;
  basic: number;
  nonconform: number;
  na: number;
  vetoNonconform: number;
  /** 基本符合 on 否决项 (only where the template allows it). */
  vetoBasic: number;
  generalNonconform: number;
  generalBasic: number;
  /** 不符合 equivalents of the 否决项 基本符合: floor(vetoBasic / k). */
  vetoBasicConverted: number;
  /** vetoNonconform + vetoBasicConverted, compared with the 否决项 limit. */
  vetoFailEquivalent: number;
  /** 不符合 equivalents of the 一般项 基本符合: floor(generalBasic / k). */
  basicConverted: number;
  /** generalNonconform + basicConverted, compared with N. */
  generalFailEquivalent: number;
}

/** The system's suggestion: 'incomplete' while items are unjudged and nothing fails yet. */
export interface Suggestion {
  verdict: Verdict | 'incomplete';
  /** Every item has a result. */
  complete: boolean;
  counts: ConclusionCounts;
  /** Why 不合格 (Chinese, one line each); empty when 合格 or incomplete. */
  reasons: string[];
}

/**
 * The suggested conclusion (licensing.md §8): 不合格 when 否决项 不符合 > the 否决项 limit, or 一般项 不符合 plus
 * floor(基本符合 / k) > N; 不适用 items are not counted. Each kind of item converts its own 基本符合: a 基本符合
 * on a 否决项 (where a template allows it) counts against the 否决项 limit, so that turning any 基本符合 into
 * 不符合 can never improve the verdict (【待确认】 with the customer, as every parameter here). Once a limit is
 * exceeded the verdict is 不合格 even with items pending, since judging more items only adds to the counts.
 */
export function suggestConclusion(rule: ConclusionRule, items: readonly ItemOutcome[]): Suggestion {
  const c: ConclusionCounts = {
    total: items.length,
    judged: 0,
    pending: 0,
    applicable: 0,
    conform: 0,
    basic: 0,
    nonconform: 0,
    na: 0,
    vetoNonconform: 0,
    vetoBasic: 0,
    generalNonconform: 0,
    generalBasic: 0,
    vetoBasicConverted: 0,
    vetoFailEquivalent: 0,
    basicConverted: 0,
    generalFailEquivalent: 0,
  };
  for (const it of items) {
    if (it.result === null) {
      c.pending += 1;
      continue;
    }
    c.judged += 1;
    c[it.result] += 1;
    if (it.result !== 'na') c.applicable += 1;
    if (it.result === 'nonconform') {
      if (it.veto) c.vetoNonconform += 1;
      else c.generalNonconform += 1;
    }
    if (it.result === 'basic') {
      if (it.veto) c.vetoBasic += 1;
      else c.generalBasic += 1;
    }
  }
  const k = rule.basicPerFail !== null && rule.basicPerFail > 0 ? rule.basicPerFail : null;
  c.vetoBasicConverted = k ? Math.floor(c.vetoBasic / k) : 0;
  c.basicConverted = k ? Math.floor(c.generalBasic / k) : 0;
  c.vetoFailEquivalent = c.vetoNonconform + c.vetoBasicConverted;
  c.generalFailEquivalent = c.generalNonconform + c.basicConverted;
  const reasons: string[] = [];
  if (c.vetoFailEquivalent > rule.vetoFailLimit) {
    const conv =
      c.vetoBasicConverted > 0 ? `（含 ${c.vetoBasic} 项基本符合折算 ${c.vetoBasicConverted} 项）` : '';
    reasons.push(
      rule.vetoFailLimit === 0
        ? `否决项不符合 ${c.vetoFailEquivalent} 项${conv}（任一否决项不符合即判不合格）`
        : `否决项不符合 ${c.vetoFailEquivalent} 项${conv}，超过上限 ${rule.vetoFailLimit} 项`,
    );
  }
  if (c.generalFailEquivalent > rule.generalFailLimit) {
    const conv = c.basicConverted > 0 ? `（含 ${c.generalBasic} 项基本符合折算 ${c.basicConverted} 项）` : '';
    reasons.push(`一般项不符合 ${c.generalFailEquivalent} 项${conv}，超过上限 ${rule.generalFailLimit} 项`);
  }
  const complete = c.pending === 0;
  const verdict: Suggestion['verdict'] = reasons.length > 0 ? 'fail' : complete ? 'pass' : 'incomplete';
  return { verdict, complete, counts: c, reasons };
}

/** A rule problem: Chinese message and the field it concerns. */
export interface RuleProblem {
  message: string;
  field: string;
}

/** Whether a template's result set and rule parameters are usable; checked on save and before publishing. */
export function ruleProblems(t: {
  allowedResults: readonly ItemResult[];
  vetoFailLimit: number;
  generalFailLimit: number | null;
  basicPerFail: number | null;
  vetoAllowsBasic: boolean;
}): RuleProblem[] {
  const out: RuleProblem[] = [];
  const set = new Set(t.allowedResults);
  if (set.size !== t.allowedResults.length)
    out.push({ message: '可选判定值不能重复', field: 'allowedResults' });
  if (!set.has('conform') || !set.has('nonconform'))
    out.push({ message: '可选判定值必须包含“符合”和“不符合”', field: 'allowedResults' });
  if (!Number.isInteger(t.vetoFailLimit) || t.vetoFailLimit < 0)
    out.push({ message: '否决项不符合数上限须为不小于 0 的整数', field: 'rules.vetoFailLimit' });
  if (t.generalFailLimit !== null && (!Number.isInteger(t.generalFailLimit) || t.generalFailLimit < 0))
    out.push({ message: '一般项不符合数上限 N 须为不小于 0 的整数', field: 'rules.generalFailLimit' });
  if (t.basicPerFail !== null) {
    if (!Number.isInteger(t.basicPerFail) || t.basicPerFail < 1)
      out.push({ message: '基本符合折算数 k 须为不小于 1 的整数', field: 'rules.basicPerFail' });
    else if (!set.has('basic'))
      out.push({ message: '未启用“基本符合”时不能设置折算数 k', field: 'rules.basicPerFail' });
  }
  if (t.vetoAllowsBasic && !set.has('basic'))
    out.push({ message: '未启用“基本符合”时否决项也不能判“基本符合”', field: 'rules.vetoAllowsBasic' });
  return out;
}

/** The shape of a template as publishing looks at it. */
export interface PublishCheckInput {
  chapters: ReadonlyArray<{ id: string; title: string }>;
  items: ReadonlyArray<{ chapterId: string; code: string }>;
  generalFailLimit: number | null;
}

/** What keeps a draft from being published (licensing.md §8: published templates are read-only). */
export function publishProblems(t: PublishCheckInput): RuleProblem[] {
  const out: RuleProblem[] = [];
  if (t.chapters.length === 0) out.push({ message: '模板还没有章节，不能发布', field: 'chapters' });
  for (const ch of t.chapters) {
    if (!t.items.some((i) => i.chapterId === ch.id))
      out.push({ message: `章节“${ch.title}”还没有核查条款，不能发布`, field: 'items' });
  }
  const seen = new Set<string>();
  for (const i of t.items) {
    if (seen.has(i.code)) out.push({ message: `条款编号“${i.code}”重复`, field: 'items' });
    seen.add(i.code);
  }
  if (t.generalFailLimit === null)
    out.push({
      message: '发布前须设定一般项不符合数上限 N（数值待需求方按细则提供）',
      field: 'rules.generalFailLimit',
    });
  return out;
}

/** Why a result may not be recorded for an item of this template, or undefined when it may. */
export function resultProblem(
  template: { allowedResults: readonly ItemResult[]; vetoAllowsBasic: boolean },
  item: { veto: boolean; code: string },
  result: ItemResult,
): string | undefined {
  if (!template.allowedResults.includes(result))
    return `本模板不使用“${RESULT_LABEL[result]}”，可选：${template.allowedResults.map((r) => RESULT_LABEL[r]).join('、')}`;
  if (result === 'basic' && item.veto && !template.vetoAllowsBasic)
    return `条款 ${item.code} 是否决项，只能判“符合”或“不符合”`;
  return undefined;
}

/** Results that need a problem description (不符合, 基本符合). */
export function needsProblem(result: ItemResult): boolean {
  return result === 'nonconform' || result === 'basic';
}

/**
 * Results that need a 整改要求 beside the problem (licensing.md §8 条款记录; the 核查结论通知书 lists both): 不符合,
 * and 基本符合 wherever the template uses it (a template without 基本符合 refuses that result, resultProblem).
 */
export function needsRectification(result: ItemResult): boolean {
  return needsProblem(result);
}

/** What a record of one item lacks, in form order: 问题描述, then 整改要求 (blank text counts as missing). */
export function recordProblems(r: {
  result: ItemResult;
  problem?: string | null | undefined;
  rectification?: string | null | undefined;
}): RuleProblem[] {
  const out: RuleProblem[] = [];
  const blank = (s: string | null | undefined) => !s || s.trim() === '';
  if (needsProblem(r.result) && blank(r.problem))
    out.push({ message: '判为“不符合”或“基本符合”时须填写问题描述', field: 'problem' });
  if (needsRectification(r.result) && blank(r.rectification))
    out.push({ message: `判为“${RESULT_LABEL[r.result]}”时须填写整改要求`, field: 'rectification' });
  return out;
}

/** The 组长's final conclusion against the suggestion: an override needs a reason, and is recorded as one. */
export function overrideProblem(
  suggested: Verdict,
  final: Verdict,
  reason: string | null | undefined,
): RuleProblem | undefined {
  if (final === suggested) return undefined;
  if (!reason || reason.trim().length < 4)
    return {
      message: `系统建议结论为“${VERDICT_LABEL[suggested]}”，改判为“${VERDICT_LABEL[final]}”须说明理由（至少 4 个字）`,
      field: 'overrideReason',
    };
  return undefined;
}
