import type { DocBlock, DocSpec } from '../../platform/documents/document.types.js';

/**
 * 许可文书: what each document says and how it is numbered. Pure: the service freezes the content when the act
 * happens (受理, 补正, 不予受理, 核查结论, 决定, 终止) and prints it from the stored content on every download,
 * so a document never changes after it is issued.
 */

/** 许可机关 printed on documents and certificates. */
export const LICENSING_AUTHORITY = '陕西省市场监督管理局';

export type DocumentKind =
  | 'acceptance_notice'
  | 'supplement_notice'
  | 'rejection_notice'
  | 'inspection_conclusion'
  | 'approval_decision'
  | 'refusal_decision'
  | 'termination_notice';

export interface DocumentKindDef {
  title: string;
  /** The word of the number (陕市监许{字}〔2026〕1号); the Shaanxi style is 待确认 (documents.numberPattern). */
  word: string;
  basis: string;
}

export const DOCUMENT_KINDS: Record<DocumentKind, DocumentKindDef> = {
  // 《办法》第十二条: 受理或者一次性告知补正
  acceptance_notice: { title: '生产许可申请受理通知书', word: '受', basis: '《办法》第十二条' },
  supplement_notice: { title: '生产许可申请材料补正告知书', word: '补', basis: '《办法》第十二条' },
  // 《行政许可法》第三十二条: 不予受理的，应当出具书面凭证
  rejection_notice: { title: '生产许可申请不予受理决定书', word: '不受', basis: '《行政许可法》第三十二条' },
  // 《办法》第十九条、第二十条: 核查结论书面告知企业
  inspection_conclusion: {
    title: '生产许可实地核查结论通知书',
    word: '核',
    basis: '《办法》第十九条、第二十条',
  },
  // 《办法》第二十四条: 作出准予或者不予许可的决定
  approval_decision: { title: '准予生产许可决定书', word: '准', basis: '《办法》第二十四条' },
  refusal_decision: { title: '不予生产许可决定书', word: '不准', basis: '《办法》第二十四条' },
  // 《办法》第三十二条: 终止办理
  termination_notice: { title: '生产许可终止办理通知书', word: '终', basis: '《办法》第三十二条' },
};

export const DOCUMENT_KIND_LIST = Object.keys(DOCUMENT_KINDS) as DocumentKind[];

/** Default number pattern (待确认: the Shaanxi 文号 style is not yet provided). */
export const DEFAULT_DOCUMENT_NUMBER_PATTERN = '陕市监许{字}〔{年}〕{序号}号';

/**
 * // 《行政复议法》第二十条、《行政诉讼法》第四十六条: 60 日内申请复议，6 个月内起诉. The 复议机关 and the court are
 * not named (待确认), so the default text states the time limits only.
 */
export const DEFAULT_REMEDY_TEXT =
  '如不服本决定，可以自收到本决定之日起六十日内依法申请行政复议，或者自收到本决定之日起六个月内依法向人民法院提起行政诉讼。';

/** The problem with a number pattern, or undefined: it must carry {序号} and may carry {字} and {年}. */
export function numberPatternProblem(pattern: string): string | undefined {
  if (!pattern.includes('{序号}')) return '须包含 {序号}';
  const unknown = pattern.match(/\{[^}]*\}/g)?.find((t) => !['{字}', '{年}', '{序号}'].includes(t));
  if (unknown) return `不认识的占位符 ${unknown}（可用：{字} {年} {序号}）`;
  if (pattern.length > 40) return '不超过 40 个字符';
  return undefined;
}

/** 陕市监许{字}〔{年}〕{序号}号 → 陕市监许受〔2026〕12号. */
export function formatDocumentNo(pattern: string, kind: DocumentKind, year: number, seq: number): string {
  return pattern
    .replaceAll('{字}', DOCUMENT_KINDS[kind].word)
    .replaceAll('{年}', String(year))
    .replaceAll('{序号}', String(seq));
}

/** A line of facts printed as a two-column table. */
export interface DocumentFact {
  label: string;
  value: string;
}

/** The frozen, printable content of a document. */
export interface DocumentContent {
  /** 致: the enterprise. */
  addressee: string;
  paragraphs: string[];
  facts: DocumentFact[];
  /** An extra table (e.g. the 不符合 items of a verification). */
  table?: { columns: string[]; rows: string[][] } | undefined;
  /** 救济途径 (decisions against the applicant). */
  remedy: string | null;
  issuer: string;
  /** 2026年3月15日. */
  issuedOnText: string;
}

/** 2026-03-15 → 2026年3月15日. */
export function chineseDate(day: string): string {
  return `${Number(day.slice(0, 4))}年${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;
}

/** What every document states about the application. */
export interface ApplicationFacts {
  enterpriseName: string;
  creditCode: string | null;
  applicationNo: string | null;
  typeLabel: string;
  productName: string;
  submittedOn: string | null;
}

const baseFacts = (a: ApplicationFacts): DocumentFact[] => [
  { label: '申请单位', value: a.enterpriseName },
  { label: '统一社会信用代码', value: a.creditCode ?? '—' },
  { label: '申请编号', value: a.applicationNo ?? '—' },
  { label: '申请事项', value: `工业产品生产许可（${a.typeLabel}）` },
  { label: '产品名称', value: a.productName },
  { label: '申请日期', value: a.submittedOn ? chineseDate(a.submittedOn) : '—' },
];

interface Common {
  app: ApplicationFacts;
  issuer: string;
  issuedOn: string;
}

const frame = (c: Common, paragraphs: string[], extra: DocumentFact[], more: Partial<DocumentContent> = {}) =>
  ({
    addressee: c.app.enterpriseName,
    paragraphs,
    facts: [...baseFacts(c.app), ...extra],
    remedy: null,
    issuer: c.issuer,
    issuedOnText: chineseDate(c.issuedOn),
    ...more,
  }) satisfies DocumentContent;

export function acceptanceContent(
  c: Common & { inspectionRequired: boolean; decisionDue: string | null },
): DocumentContent {
  return frame(
    c,
    [
      `你单位提交的${c.app.productName}生产许可申请材料齐全、符合法定形式，本机关决定予以受理。`,
      c.inspectionRequired
        ? '本机关将组织审查组对你单位进行实地核查，核查计划将提前通知。'
        : '本申请不需要实地核查，本机关将依法进行审查。',
      // 《办法》第二十四条: 自受理之日起 60 日内作出决定; 《办法》第四十五条: 自受理之日起可以试生产
      '本机关将自受理之日起 60 日内作出是否准予许可的决定（产品检验时间不计算在内）。自受理之日起，你单位可以试生产申请许可的产品；试制品须经出厂检验合格，并在产品或者包装、说明书上标明“试制品”后方可销售。',
    ],
    [
      { label: '受理日期', value: chineseDate(c.issuedOn) },
      { label: '是否实地核查', value: c.inspectionRequired ? '是' : '否' },
      ...(c.decisionDue ? [{ label: '决定期限（预计）', value: chineseDate(c.decisionDue) }] : []),
    ],
  );
}

export function supplementContent(c: Common & { items: string; clockPaused: boolean }): DocumentContent {
  return frame(
    c,
    [
      `你单位提交的${c.app.productName}生产许可申请材料不齐全或者不符合法定形式，现一次性告知需要补正的全部内容如下：`,
      c.items,
      c.clockPaused
        ? '请按上述内容补正后重新提交。补正期间受理时限暂停计算，自收到全部补正材料之日起继续计算。'
        : '请按上述内容补正后重新提交。',
    ],
    [{ label: '告知日期', value: chineseDate(c.issuedOn) }],
  );
}

export function rejectionContent(c: Common & { reason: string; remedy: string }): DocumentContent {
  return frame(
    c,
    [`你单位提交的${c.app.productName}生产许可申请，经审查，本机关决定不予受理。理由如下：`, c.reason],
    [{ label: '决定日期', value: chineseDate(c.issuedOn) }],
    { remedy: c.remedy },
  );
}

export interface InspectionConclusionInput extends Common {
  passed: boolean;
  suggestedPassed: boolean;
  overrideReason: string | null;
  leader: string;
  members: string[];
  actualStart: string | null;
  actualEnd: string | null;
  counts: { vetoFail: number; generalFail: number; basic: number; conform: number };
  problems: Array<{ code: string; content: string; result: string; problem: string; rectification: string }>;
}

export function inspectionConclusionContent(c: InspectionConclusionInput): DocumentContent {
  const period =
    c.actualStart && c.actualEnd && c.actualStart !== c.actualEnd
      ? `${chineseDate(c.actualStart)}至${chineseDate(c.actualEnd)}`
      : chineseDate(c.actualStart ?? c.issuedOn);
  return frame(
    c,
    [
      `本机关组织的审查组于${period}对你单位${c.app.productName}生产许可申请进行了实地核查。`,
      c.passed
        ? '核查结论：合格。你单位应当按照实施细则的规定进行产品检验。'
        : // 《办法》第二十条: 核查不合格的，审查终止
          '核查结论：不合格。依据《工业产品生产许可证管理条例实施办法》第二十条，本次审查终止。',
      ...(c.overrideReason ? [`审查组组长对建议结论作出调整，理由：${c.overrideReason}`] : []),
    ],
    [
      { label: '核查结论', value: c.passed ? '合格' : '不合格' },
      {
        label: '不符合项',
        value: `否决项 ${c.counts.vetoFail} 项，一般项 ${c.counts.generalFail} 项；基本符合 ${c.counts.basic} 项`,
      },
      { label: '审查组组长', value: c.leader },
      { label: '审查组成员', value: c.members.join('、') || '—' },
    ],
    c.problems.length
      ? {
          table: {
            columns: ['条款', '内容', '结果', '问题描述', '整改要求'],
            rows: c.problems.map((p) => [p.code, p.content, p.result, p.problem, p.rectification]),
          },
        }
      : {},
  );
}

export function approvalContent(
  c: Common & { certificateNo: string; validFrom: string; validTo: string },
): DocumentContent {
  return frame(
    c,
    [
      `你单位申请的${c.app.productName}生产许可，经审查，符合《中华人民共和国工业产品生产许可证管理条例》及其实施办法规定的条件，本机关决定准予许可。`,
      // 《办法》第二十四条: 准予许可的，自决定之日起 10 日内颁发生产许可证书
      '本机关自决定之日起 10 日内颁发生产许可证书。你单位应当在产品、包装或者说明书上标注生产许可证标志和编号，持续保持许可条件，并按年度提交自查报告。',
    ],
    [
      { label: '决定日期', value: chineseDate(c.issuedOn) },
      { label: '证书编号', value: c.certificateNo },
      { label: '有效期', value: `${chineseDate(c.validFrom)}至${chineseDate(c.validTo)}` },
    ],
  );
}

export function refusalContent(c: Common & { reason: string; remedy: string }): DocumentContent {
  return frame(
    c,
    [
      `你单位申请的${c.app.productName}生产许可，经审查，本机关决定不予许可。理由如下：`,
      c.reason,
      // 《办法》第四十五条: 作出不予许可决定的，从即日起停止试生产
      '自本决定作出之日起，你单位应当停止试生产。',
    ],
    [{ label: '决定日期', value: chineseDate(c.issuedOn) }],
    { remedy: c.remedy },
  );
}

export function terminationContent(
  c: Common & { ground: string; article: string; comment: string | null; remedy: string },
): DocumentContent {
  return frame(
    c,
    [
      `你单位申请的${c.app.productName}生产许可，因${c.ground}，依据${c.article}，本机关决定终止办理。`,
      ...(c.comment ? [`说明：${c.comment}`] : []),
      // 《办法》第四十五条: 作出终止办理决定的，从即日起停止试生产
      '自本决定作出之日起，你单位应当停止试生产。',
    ],
    [{ label: '终止日期', value: chineseDate(c.issuedOn) }],
    { remedy: c.remedy },
  );
}

/** The printable document: title, number, 致 line, body, facts, remedy, issuer and date. */
export function documentSpec(
  d: { kind: DocumentKind; docNo: string; content: DocumentContent },
  createdAt?: Date,
): DocSpec {
  const c = d.content;
  const blocks: DocBlock[] = [
    { kind: 'paragraph', text: `${c.addressee}：`, indent: false, align: 'left' },
    ...c.paragraphs.map((text) => ({ kind: 'paragraph' as const, text })),
    {
      kind: 'table',
      table: {
        columns: [
          { header: '项目', width: 1.2 },
          { header: '内容', width: 3.8 },
        ],
        rows: c.facts.map((f) => [f.label, f.value]),
      },
    },
  ];
  if (c.table)
    blocks.push(
      { kind: 'spacer' },
      { kind: 'paragraph', text: '不符合、基本符合项目', bold: true, indent: false },
      {
        kind: 'table',
        table: { columns: c.table.columns.map((header) => ({ header })), rows: c.table.rows },
      },
    );
  if (c.remedy) blocks.push({ kind: 'spacer' }, { kind: 'paragraph', text: c.remedy });
  blocks.push(
    { kind: 'spacer', lines: 2 },
    { kind: 'paragraph', text: c.issuer, align: 'right' },
    { kind: 'paragraph', text: c.issuedOnText, align: 'right' },
  );
  return {
    title: DOCUMENT_KINDS[d.kind].title,
    subtitle: d.docNo,
    blocks,
    footer: `依据：${DOCUMENT_KINDS[d.kind].basis}`,
    ...(createdAt ? { createdAt } : {}),
  };
}
