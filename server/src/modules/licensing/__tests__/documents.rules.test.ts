import { describe, expect, it } from 'vitest';
import {
  acceptanceContent,
  chineseDate,
  DEFAULT_DOCUMENT_NUMBER_PATTERN,
  DEFAULT_REMEDY_TEXT,
  DOCUMENT_KIND_LIST,
  DOCUMENT_KINDS,
  documentSpec,
  formatDocumentNo,
  numberPatternProblem,
  refusalContent,
  supplementContent,
  terminationContent,
} from '../documents.rules.js';

const base = {
  app: {
    enterpriseName: '西安秦风电器有限公司',
    creditCode: '91610100MA6TXX0001',
    applicationNo: 'XKSQ2026000001',
    typeLabel: '发证',
    productName: '电线电缆',
    submittedOn: '2026-03-16',
  },
  issuer: '陕西省市场监督管理局',
  issuedOn: '2026-03-17',
};

describe('许可文书 rules', () => {
  it('numbers documents per kind and year with the configured pattern', () => {
    expect(formatDocumentNo(DEFAULT_DOCUMENT_NUMBER_PATTERN, 'acceptance_notice', 2026, 12)).toBe(
      '陕市监许受〔2026〕12号',
    );
    expect(formatDocumentNo(DEFAULT_DOCUMENT_NUMBER_PATTERN, 'refusal_decision', 2027, 1)).toBe(
      '陕市监许不准〔2027〕1号',
    );
    expect(formatDocumentNo('陕许{字}字〔{年}〕第{序号}号', 'approval_decision', 2026, 3)).toBe(
      '陕许准字〔2026〕第3号',
    );
    // Every kind has its own word, so numbers of different kinds never collide.
    const words = DOCUMENT_KIND_LIST.map((k) => DOCUMENT_KINDS[k].word);
    expect(new Set(words).size).toBe(words.length);
  });

  it('refuses patterns without {序号} or with unknown placeholders', () => {
    expect(numberPatternProblem(DEFAULT_DOCUMENT_NUMBER_PATTERN)).toBeUndefined();
    expect(numberPatternProblem('陕市监许〔{年}〕号')).toBe('须包含 {序号}');
    expect(numberPatternProblem('陕{字}〔{年}〕{编号}{序号}')).toContain('{编号}');
    expect(numberPatternProblem(`${'长'.repeat(40)}{序号}`)).toBe('不超过 40 个字符');
  });

  it('受理通知书 states 试生产 and the 60-day limit (《办法》第二十四条、第四十五条)', () => {
    const c = acceptanceContent({ ...base, inspectionRequired: true, decisionDue: '2026-06-12' });
    expect(c.addressee).toBe('西安秦风电器有限公司');
    expect(c.paragraphs.join('')).toContain('60 日内作出是否准予许可的决定');
    expect(c.paragraphs.join('')).toContain('试制品');
    expect(c.facts).toContainEqual({ label: '是否实地核查', value: '是' });
    expect(c.facts).toContainEqual({ label: '决定期限（预计）', value: '2026年6月12日' });
    expect(c.remedy).toBeNull();
  });

  it('补正告知书 lists everything at once; the pause note follows the setting', () => {
    const paused = supplementContent({
      ...base,
      items: '1. 质量管理制度\n2. 检验设备清单',
      clockPaused: true,
    });
    expect(paused.paragraphs[1]).toBe('1. 质量管理制度\n2. 检验设备清单');
    expect(paused.paragraphs[2]).toContain('暂停计算');
    expect(supplementContent({ ...base, items: 'x', clockPaused: false }).paragraphs[2]).not.toContain(
      '暂停',
    );
  });

  it('decisions against the applicant carry the remedies and 停止试生产', () => {
    const r = refusalContent({ ...base, reason: '检验不合格', remedy: DEFAULT_REMEDY_TEXT });
    expect(r.remedy).toBe(DEFAULT_REMEDY_TEXT);
    expect(r.paragraphs).toContain('检验不合格');
    expect(r.paragraphs.join('')).toContain('停止试生产');
    const t = terminationContent({
      ...base,
      ground: '企业未按期缴纳相关费用',
      article: '《办法》第三十二条',
      comment: null,
      remedy: DEFAULT_REMEDY_TEXT,
    });
    expect(t.paragraphs[0]).toContain('因企业未按期缴纳相关费用，依据《办法》第三十二条');
  });

  it('prints title, number, addressee, facts, remedy, issuer and date', () => {
    const content = refusalContent({ ...base, reason: '检验不合格', remedy: DEFAULT_REMEDY_TEXT });
    const spec = documentSpec({ kind: 'refusal_decision', docNo: '陕市监许不准〔2026〕1号', content });
    expect(spec.title).toBe('不予生产许可决定书');
    expect(spec.subtitle).toBe('陕市监许不准〔2026〕1号');
    expect(spec.footer).toBe('依据：《办法》第二十四条');
    const texts = spec.blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : []));
    expect(texts[0]).toBe('西安秦风电器有限公司：');
    expect(texts).toContain(DEFAULT_REMEDY_TEXT);
    expect(texts.slice(-2)).toEqual(['陕西省市场监督管理局', '2026年3月17日']);
    const table = spec.blocks.find((b) => b.kind === 'table');
    expect(table?.kind === 'table' && table.table.rows).toContainEqual(['申请编号', 'XKSQ2026000001']);
    expect(chineseDate('2026-01-05')).toBe('2026年1月5日');
  });
});
