import { DEFAULT_REMEDY_TEXT } from '../documents.rules.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applicationTitle,
  checkMaterials,
  childLevel,
  DEFAULT_REQUIREMENTS,
  effectiveApprovalMode,
  inspectionChoiceProblem,
  inspectionPolicy,
  isApplicableNode,
  isValidContactPhone,
  LICENSING_SETTING_DEFS,
  missingFields,
  nodeInForce,
  numberedList,
  parseFileTypes,
  parseLicensingSettings,
  renewalWindow,
  resolveChecklist,
  supplementActionFor,
  TERMINATION_GROUNDS,
  TYPE_RULES,
  DEFAULT_RENEWAL_RULE,
  type RequirementRow,
} from '../licensing.rules.js';
import type { ApplicationType } from '../catalogue.tables.js';

const req = (code: string, over: Partial<RequirementRow> = {}): RequirementRow => ({
  catalogue_node_id: null,
  application_type: 'issue',
  code,
  name: code,
  required: true,
  file_types: 'pdf,jpg,png,ofd',
  basis: null,
  source_tag: 'unconfirmed',
  active: true,
  sort: 0,
  ...over,
});

describe('application types (licensing.md §4)', () => {
  it.each<[ApplicationType, boolean, boolean, string, string]>([
    // type, needs a certificate, forbids one, process, inspection
    ['issue', false, true, 'licensing', 'by-mode'],
    ['renew', true, false, 'licensing', 'by-mode'],
    ['reexamine', true, false, 'licensing', 'by-mode'],
    ['change', true, false, 'licensing', 'none'],
    ['reissue', true, false, 'licensing', 'none'],
    ['cancel', true, false, 'cancellation', 'none'],
  ])('%s', (type, needs, forbids, process, inspection) => {
    expect(TYPE_RULES[type]).toMatchObject({
      needsActiveCertificate: needs,
      forbidsActiveCertificate: forbids,
      process,
      inspection,
    });
  });

  it.each<[ApplicationType, 'verify_first' | 'commitment', string]>([
    ['issue', 'verify_first', 'required'],
    ['issue', 'commitment', 'optional'],
    ['renew', 'verify_first', 'required'],
    ['reexamine', 'commitment', 'optional'],
    ['change', 'verify_first', 'none'],
    ['reissue', 'verify_first', 'none'],
  ])('inspection policy of %s under %s is %s', (type, mode, policy) => {
    expect(inspectionPolicy(type, mode)).toBe(policy);
  });

  it('refuses a 受理 choice that does not fit the policy, with the article', () => {
    expect(inspectionChoiceProblem('required', false)).toContain('先核后证');
    expect(inspectionChoiceProblem('required', true)).toBeUndefined();
    expect(inspectionChoiceProblem('optional', false)).toBeUndefined();
    expect(inspectionChoiceProblem('optional', true)).toBeUndefined();
    expect(inspectionChoiceProblem('none', true)).toContain('第三十条');
    expect(inspectionChoiceProblem('none', false)).toBeUndefined();
  });

  it('lists the empty form fields of a type', () => {
    expect(missingFields('issue', {})).toEqual([
      'residence',
      'productionAddress',
      'contactName',
      'contactPhone',
    ]);
    expect(
      missingFields('change', {
        residence: 'a',
        productionAddress: 'b',
        contactName: 'c',
        contactPhone: '13800000000',
        changeDescription: '  ',
      }),
    ).toEqual(['changeDescription']);
    expect(missingFields('reissue', { reason: '遗失', contactName: 'x', contactPhone: 'y' })).toEqual([]);
    expect(missingFields('cancel', { contactName: 'x', contactPhone: 'y' })).toEqual(['reason']);
  });

  it.each([
    ['13800000000', true],
    ['029-88881234', true],
    ['02988881234', true],
    ['0917-3211234-801', true],
    ['1380000000', false],
    ['88881234', false],
    ['电话', false],
  ])('contact phone %s → %s', (v, ok) => {
    expect(isValidContactPhone(v)).toBe(ok);
  });
});

describe('延续 window (《办法》第二十七条, licensing.md §5)', () => {
  const rule = DEFAULT_RENEWAL_RULE;
  it.each([
    // valid to, today, ok, latest
    ['2031-03-16', '2026-03-16', true, '2030-09-16'],
    ['2031-03-16', '2030-09-16', true, '2030-09-16'],
    ['2031-03-16', '2030-09-17', false, '2030-09-16'],
    // no counterpart day: the month end (《民法典》第二百零二条)
    ['2029-08-31', '2029-02-28', true, '2029-02-28'],
    ['2029-08-31', '2029-03-01', false, '2029-02-28'],
    ['2028-08-31', '2028-02-29', true, '2028-02-29'],
    ['2030-02-28', '2029-08-28', true, '2029-08-28'],
  ])('valid to %s, applying %s → %s (latest %s)', (validTo, today, ok, latest) => {
    const r = renewalWindow(validTo, today, rule);
    expect(r.ok).toBe(ok);
    expect(r.latest).toBe(latest);
    if (!r.ok) expect(r.reason).toBe('too_late');
  });

  it('the latest day itself is configurable (【待确认】)', () => {
    expect(renewalWindow('2031-03-16', '2030-09-16', { ...rule, deadlineInclusive: false })).toMatchObject({
      ok: false,
      reason: 'too_late',
    });
    expect(renewalWindow('2031-03-16', '2030-09-15', { ...rule, deadlineInclusive: false }).ok).toBe(true);
  });

  it('an opening of the window is configurable; 0 means none', () => {
    const open12 = { ...rule, openMonths: 12 };
    expect(renewalWindow('2031-03-16', '2030-03-15', open12)).toEqual({
      ok: false,
      reason: 'too_early',
      earliest: '2030-03-16',
      latest: '2030-09-16',
    });
    expect(renewalWindow('2031-03-16', '2030-03-16', open12).ok).toBe(true);
    expect(renewalWindow('2031-03-16', '2026-04-01', rule).ok).toBe(true);
  });

  it('refuses malformed dates', () => {
    expect(() => renewalWindow('2031-02-30', '2026-01-01', rule)).toThrow(RangeError);
  });

  it('property: the latest day is never after expiry − lead months, and one day later is too late', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('2020-01-01T00:00:00Z'),
          max: new Date('2040-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.integer({ min: 1, max: 24 }),
        (d, lead) => {
          const validTo = d.toISOString().slice(0, 10);
          const r = renewalWindow(validTo, validTo, { ...rule, leadMonths: lead });
          expect(r.ok).toBe(false);
          const latest = r.latest;
          expect(latest < validTo).toBe(true);
          expect(renewalWindow(validTo, latest, { ...rule, leadMonths: lead }).ok).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('material checklist (configurable data)', () => {
  const chain = ['unit', 'variety', 'category'];

  it('takes the default list and overrides it code by code, the most specific node winning', () => {
    const rows: RequirementRow[] = [
      req('application_form', { sort: 1 }),
      req('business_licence', { sort: 2 }),
      req('technical_documents', { sort: 3 }),
      req('business_licence', { catalogue_node_id: 'category', name: '营业执照（类别）', sort: 2 }),
      req('business_licence', { catalogue_node_id: 'unit', name: '营业执照（单元）', sort: 2 }),
      req('technical_documents', { catalogue_node_id: 'variety', active: false }),
      req('safety_report', { catalogue_node_id: 'variety', name: '安全评价报告', sort: 4, required: false }),
      req('elsewhere', { catalogue_node_id: 'other-unit' }),
      req('renew_only', { application_type: 'renew' }),
    ];
    const list = resolveChecklist(rows, chain, 'issue');
    expect(list.map((c) => [c.code, c.name, c.required])).toEqual([
      ['application_form', 'application_form', true],
      ['business_licence', '营业执照（单元）', true],
      ['safety_report', '安全评价报告', false],
    ]);
  });

  it('seeds a default list for every application type, citing its article', () => {
    for (const type of ['issue', 'renew', 'change', 'reexamine', 'reissue', 'cancel'] as const) {
      const list = DEFAULT_REQUIREMENTS.filter((r) => r.type === type);
      expect(list.length).toBeGreaterThan(0);
      expect(list.every((r) => /《办法》第.+条/.test(r.basis))).toBe(true);
      expect(new Set(list.map((r) => r.code)).size).toBe(list.length);
    }
  });

  it('reports what is missing and what has a file type the list does not take', () => {
    const list = resolveChecklist(
      [
        req('a', { name: '申请书' }),
        req('b', { name: '营业执照', file_types: 'pdf' }),
        req('c', { required: false }),
      ],
      [],
      'issue',
    );
    const r = checkMaterials(list, [
      { code: 'b', fileName: 'x.jpg', ext: 'jpg' },
      { code: 'b', fileName: 'y.pdf', ext: 'PDF' },
    ]);
    expect(r.missing).toEqual([{ code: 'a', name: '申请书' }]);
    expect(r.wrongType).toEqual([{ code: 'b', name: '营业执照', fileName: 'x.jpg', allowed: ['pdf'] }]);
    expect(
      checkMaterials(list, [
        { code: 'a', fileName: 'a.pdf', ext: 'pdf' },
        { code: 'b', fileName: 'b.pdf', ext: 'pdf' },
      ]),
    ).toEqual({ missing: [], wrongType: [] });
    expect(numberedList(['申请书', '营业执照'])).toBe('1. 申请书；2. 营业执照');
  });

  it('parses file type lists', () => {
    expect(parseFileTypes('PDF, jpg，png')).toEqual(['pdf', 'jpg', 'png']);
    expect(parseFileTypes('')).toEqual(['pdf', 'jpg', 'png', 'ofd']);
  });
});

describe('catalogue rules', () => {
  it('levels, inheritance and what may be applied for', () => {
    expect(childLevel('category')).toBe('variety');
    expect(childLevel('variety')).toBe('unit');
    expect(childLevel('unit')).toBeUndefined();
    expect(effectiveApprovalMode([null, null, null])).toBe('verify_first');
    expect(effectiveApprovalMode([null, 'commitment', 'verify_first'])).toBe('commitment');
    expect(isApplicableNode('unit', 0)).toBe(true);
    expect(isApplicableNode('variety', 0)).toBe(true);
    expect(isApplicableNode('variety', 2)).toBe(false);
    expect(isApplicableNode('category', 0)).toBe(false);
  });

  it('a node is in force when it and its ancestors are active and inside their dates', () => {
    const n = (status: string, from: string | null, to: string | null) => ({
      status,
      valid_from: from,
      valid_to: to,
    });
    expect(nodeInForce([n('active', null, null)], '2026-03-16')).toBe(true);
    expect(nodeInForce([n('active', '2026-03-16', '2026-03-16')], '2026-03-16')).toBe(true);
    expect(nodeInForce([n('active', '2026-03-17', null)], '2026-03-16')).toBe(false);
    expect(nodeInForce([n('active', null, '2026-03-15')], '2026-03-16')).toBe(false);
    expect(nodeInForce([n('active', null, null), n('disabled', null, null)], '2026-03-16')).toBe(false);
  });
});

describe('settings (the 【待确认】 rules as data)', () => {
  it('defaults as documented', () => {
    expect(parseLicensingSettings({})).toEqual({
      renewal: { leadMonths: 6, deadlineInclusive: true, openMonths: 0 },
      supplementPausesClock: true,
      documentNumberPattern: '陕市监许{字}〔{年}〕{序号}号',
      remedyText: DEFAULT_REMEDY_TEXT,
      selfInspectionDeadline: '12-31',
    });
    for (const d of LICENSING_SETTING_DEFS) expect(d.check(d.defaultValue)).toBeUndefined();
  });

  it('reads stored values and falls back on malformed ones', () => {
    expect(
      parseLicensingSettings({
        'renewal.leadMonths': '3',
        'renewal.deadlineInclusive': 'false',
        'renewal.openMonths': 'x',
        'supplement.pausesClock': 'false',
        'documents.numberPattern': '陕许{字}〔{年}〕第{序号}号',
        'documents.remedyText': '',
        'selfInspection.deadline': '02-29',
      }),
    ).toEqual({
      renewal: { leadMonths: 3, deadlineInclusive: false, openMonths: 0 },
      supplementPausesClock: false,
      documentNumberPattern: '陕许{字}〔{年}〕第{序号}号',
      // Empty text and a day missing in most years fall back to the defaults.
      remedyText: DEFAULT_REMEDY_TEXT,
      selfInspectionDeadline: '12-31',
    });
    expect(supplementActionFor(true)).toBe('supplement');
    expect(supplementActionFor(false)).toBe('supplementClockRunning');
  });

  it('the six grounds of 终止办理 (《办法》第三十二条)', () => {
    expect(TERMINATION_GROUNDS).toHaveLength(6);
    expect(TERMINATION_GROUNDS.every((g) => g.article === '《办法》第三十二条')).toBe(true);
  });
});

describe('helpers', () => {
  it('titles', () => {
    expect(applicationTitle('西安秦风电器有限公司', '电线电缆', 'renew')).toBe(
      '西安秦风电器有限公司 电线电缆 生产许可延续申请',
    );
  });
});
