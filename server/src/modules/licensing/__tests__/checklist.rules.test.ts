import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ITEM_RESULTS,
  needsProblem,
  needsRectification,
  overrideProblem,
  publishProblems,
  recordProblems,
  resultProblem,
  ruleProblems,
  suggestConclusion,
  type ConclusionRule,
  type ItemOutcome,
  type ItemResult,
} from '../checklist.rules.js';

const rule = (over: Partial<ConclusionRule> = {}): ConclusionRule => ({
  vetoFailLimit: 0,
  generalFailLimit: 2,
  basicPerFail: null,
  ...over,
});

/** n items of a kind. */
const items = (n: number, result: ItemResult | null, veto = false): ItemOutcome[] =>
  Array.from({ length: n }, () => ({ veto, result }));

describe('suggestConclusion — table', () => {
  const cases: Array<[string, ConclusionRule, ItemOutcome[], 'pass' | 'fail' | 'incomplete']> = [
    ['all 符合', rule(), [...items(3, 'conform', true), ...items(5, 'conform')], 'pass'],
    ['empty checklist', rule(), [], 'pass'],
    ['one 否决项 不符合, limit 0', rule(), [...items(1, 'nonconform', true), ...items(5, 'conform')], 'fail'],
    ['one 否决项 不符合, limit 1', rule({ vetoFailLimit: 1 }), items(1, 'nonconform', true), 'pass'],
    ['two 否决项 不符合, limit 1', rule({ vetoFailLimit: 1 }), items(2, 'nonconform', true), 'fail'],
    [
      '一般项 不符合 = N',
      rule({ generalFailLimit: 2 }),
      [...items(2, 'nonconform'), ...items(3, 'conform')],
      'pass',
    ],
    ['一般项 不符合 = N + 1', rule({ generalFailLimit: 2 }), items(3, 'nonconform'), 'fail'],
    ['N = 0, one 一般项 不符合', rule({ generalFailLimit: 0 }), items(1, 'nonconform'), 'fail'],
    [
      'k = 3: 2 不符合 + 2 基本符合 (= 2)',
      rule({ basicPerFail: 3 }),
      [...items(2, 'nonconform'), ...items(2, 'basic')],
      'pass',
    ],
    [
      'k = 3: 2 不符合 + 3 基本符合 (= 3)',
      rule({ basicPerFail: 3 }),
      [...items(2, 'nonconform'), ...items(3, 'basic')],
      'fail',
    ],
    ['k = 3: 8 基本符合 (= 2)', rule({ basicPerFail: 3 }), items(8, 'basic'), 'pass'],
    ['k = 3: 9 基本符合 (= 3)', rule({ basicPerFail: 3 }), items(9, 'basic'), 'fail'],
    ['k = 1: 3 基本符合 (= 3)', rule({ basicPerFail: 1 }), items(3, 'basic'), 'fail'],
    ['no conversion: 50 基本符合', rule({ basicPerFail: null }), items(50, 'basic'), 'pass'],
    [
      '基本符合 on a 否决项 counts against the 否决项 limit',
      rule({ basicPerFail: 1, generalFailLimit: 0 }),
      items(1, 'basic', true),
      'fail',
    ],
    ['否决项 基本符合 below k', rule({ basicPerFail: 2 }), items(1, 'basic', true), 'pass'],
    [
      '否决项 基本符合 do not fill the 一般项 pool',
      rule({ basicPerFail: 1, vetoFailLimit: 5, generalFailLimit: 0 }),
      items(3, 'basic', true),
      'pass',
    ],
    [
      '不适用 not counted',
      rule({ generalFailLimit: 0 }),
      [...items(20, 'na'), ...items(20, 'na', true), ...items(1, 'conform')],
      'pass',
    ],
    ['pending, nothing failing', rule(), [...items(2, null), ...items(2, 'nonconform')], 'incomplete'],
    ['pending but already failing', rule(), [...items(2, null), ...items(1, 'nonconform', true)], 'fail'],
    [
      'pending but N exceeded',
      rule({ generalFailLimit: 1 }),
      [...items(5, null), ...items(2, 'nonconform')],
      'fail',
    ],
  ];
  it.each(cases)('%s', (_name, r, its, expected) => {
    expect(suggestConclusion(r, its).verdict).toBe(expected);
  });

  it('counts every kind and explains a failure', () => {
    const s = suggestConclusion(rule({ basicPerFail: 2, generalFailLimit: 1 }), [
      ...items(1, 'nonconform', true),
      ...items(1, 'nonconform'),
      ...items(3, 'basic'),
      ...items(2, 'na'),
      ...items(1, 'conform'),
      ...items(1, null),
    ]);
    expect(s.counts).toEqual({
      total: 9,
      judged: 8,
      pending: 1,
      applicable: 6,
      conform: 1,
      basic: 3,
      nonconform: 2,
      na: 2,
      vetoNonconform: 1,
      vetoBasic: 0,
      generalNonconform: 1,
      generalBasic: 3,
      vetoBasicConverted: 0,
      vetoFailEquivalent: 1,
      basicConverted: 1,
      generalFailEquivalent: 2,
    });
    expect(s.verdict).toBe('fail');
    expect(s.complete).toBe(false);
    expect(s.reasons).toEqual([
      '否决项不符合 1 项（任一否决项不符合即判不合格）',
      '一般项不符合 2 项（含 3 项基本符合折算 1 项），超过上限 1 项',
    ]);
  });

  // Every combination of three items (veto or not × five states) under a grid of rules, against a direct
  // reading of licensing.md §8.
  it('matches the rule of licensing.md §8 on every small case', () => {
    const states: Array<ItemResult | null> = [null, ...ITEM_RESULTS];
    const kinds: ItemOutcome[] = [];
    for (const veto of [true, false]) for (const result of states) kinds.push({ veto, result });
    let checked = 0;
    for (const a of kinds)
      for (const b of kinds)
        for (const c of kinds)
          for (const vetoFailLimit of [0, 1])
            for (const generalFailLimit of [0, 1, 2])
              for (const basicPerFail of [null, 1, 2]) {
                const its = [a, b, c];
                const n = (veto: boolean, r: ItemResult) =>
                  its.filter((i) => i.veto === veto && i.result === r).length;
                const conv = (b: number) => (basicPerFail ? Math.floor(b / basicPerFail) : 0);
                const vetoEquiv = n(true, 'nonconform') + conv(n(true, 'basic'));
                const equiv = n(false, 'nonconform') + conv(n(false, 'basic'));
                const fails = vetoEquiv > vetoFailLimit || equiv > generalFailLimit;
                const pending = its.some((i) => i.result === null);
                const expected = fails ? 'fail' : pending ? 'incomplete' : 'pass';
                const s = suggestConclusion({ vetoFailLimit, generalFailLimit, basicPerFail }, its);
                expect(s.verdict).toBe(expected);
                expect(s.reasons.length > 0).toBe(fails);
                checked++;
              }
    expect(checked).toBe(1000 * 18);
  });
});

const resultArb = fc.constantFrom<ItemResult | null>(null, 'conform', 'basic', 'nonconform', 'na');
const itemArb = fc.record({ veto: fc.boolean(), result: resultArb });
const ruleArb = fc.record({
  vetoFailLimit: fc.integer({ min: 0, max: 3 }),
  generalFailLimit: fc.integer({ min: 0, max: 6 }),
  basicPerFail: fc.option(fc.integer({ min: 1, max: 4 }), { nil: null }),
});
const completeItemArb = fc.record({
  veto: fc.boolean(),
  result: fc.constantFrom<ItemResult>('conform', 'basic', 'nonconform', 'na'),
});

/** pass < incomplete < fail: how bad a verdict is. */
const severity = { pass: 0, incomplete: 1, fail: 2 } as const;

describe('suggestConclusion — properties', () => {
  it('adding a 不符合 never turns 不合格 into 合格', () => {
    fc.assert(
      fc.property(ruleArb, fc.array(itemArb, { maxLength: 30 }), fc.boolean(), (r, its, veto) => {
        const before = suggestConclusion(r, its).verdict;
        const after = suggestConclusion(r, [...its, { veto, result: 'nonconform' }]).verdict;
        if (before === 'fail') expect(after).toBe('fail');
        expect(severity[after]).toBeGreaterThanOrEqual(severity[before]);
      }),
      { numRuns: 2000 },
    );
  });

  // Found by this property: a 否决项 基本符合 once fed the 一般项 pool, so turning it into 不符合 could improve the
  // verdict when the 否决项 limit was above 0. Each kind of item now converts its own 基本符合.
  it('judging any item more severely never improves the verdict', () => {
    const rank: Record<ItemResult, number> = { conform: 0, na: 0, basic: 1, nonconform: 2 };
    fc.assert(
      fc.property(
        ruleArb,
        fc.array(completeItemArb, { minLength: 1, maxLength: 30 }),
        fc.nat(),
        fc.constantFrom<ItemResult>('basic', 'nonconform'),
        (r, its, k, to) => {
          const i = k % its.length;
          if (rank[to] < rank[its[i]!.result]) return;
          const worse = its.map((x, j) => (j === i ? { ...x, result: to } : x));
          expect(severity[suggestConclusion(r, worse).verdict]).toBeGreaterThanOrEqual(
            severity[suggestConclusion(r, its).verdict],
          );
        },
      ),
      { numRuns: 5000 },
    );
    // The counterexample itself.
    const r = { vetoFailLimit: 1, generalFailLimit: 1, basicPerFail: 1 };
    const before: ItemOutcome[] = [
      { veto: false, result: 'basic' },
      { veto: true, result: 'basic' },
      { veto: false, result: 'conform' },
    ];
    const after = before.map((x, j) => (j === 1 ? { ...x, result: 'nonconform' as const } : x));
    expect(suggestConclusion(r, before).verdict).toBe('pass');
    expect(suggestConclusion(r, after).verdict).toBe('pass');
  });

  it('turning a 不符合 into 符合 never turns 合格 into 不合格', () => {
    fc.assert(
      fc.property(
        ruleArb,
        fc.array(completeItemArb, { minLength: 1, maxLength: 30 }),
        fc.nat(),
        (r, its, k) => {
          const i = k % its.length;
          const better = its.map((x, j) =>
            j === i && x.result === 'nonconform' ? { ...x, result: 'conform' as const } : x,
          );
          if (suggestConclusion(r, its).verdict === 'pass')
            expect(suggestConclusion(r, better).verdict).toBe('pass');
        },
      ),
    );
  });

  it('不适用 and 符合 items do not change a complete verdict', () => {
    fc.assert(
      fc.property(
        ruleArb,
        fc.array(completeItemArb, { maxLength: 30 }),
        fc.array(fc.record({ veto: fc.boolean(), result: fc.constantFrom<ItemResult>('na', 'conform') })),
        (r, its, extra) => {
          expect(suggestConclusion(r, [...its, ...extra]).verdict).toBe(suggestConclusion(r, its).verdict);
        },
      ),
    );
  });

  it('does not depend on the order of the items', () => {
    fc.assert(
      fc.property(ruleArb, fc.array(itemArb, { maxLength: 30 }), fc.nat(), (r, its, k) => {
        const at = its.length ? k % its.length : 0;
        const rotated = [...its.slice(at), ...its.slice(0, at)].reverse();
        expect(suggestConclusion(r, rotated)).toEqual(suggestConclusion(r, its));
      }),
    );
  });

  it('a stricter rule never turns 不合格 into 合格', () => {
    fc.assert(
      fc.property(ruleArb, fc.array(itemArb, { maxLength: 30 }), (r, its) => {
        const stricter = {
          vetoFailLimit: Math.max(0, r.vetoFailLimit - 1),
          generalFailLimit: Math.max(0, r.generalFailLimit - 1),
          basicPerFail: r.basicPerFail === null ? null : Math.max(1, r.basicPerFail - 1),
        };
        if (suggestConclusion(r, its).verdict === 'fail')
          expect(suggestConclusion(stricter, its).verdict).toBe('fail');
      }),
    );
  });

  it('counts add up, and 不合格 always comes with a reason', () => {
    fc.assert(
      fc.property(ruleArb, fc.array(itemArb, { maxLength: 40 }), (r, its) => {
        const s = suggestConclusion(r, its);
        const c = s.counts;
        expect(c.conform + c.basic + c.nonconform + c.na + c.pending).toBe(c.total);
        expect(c.applicable).toBe(c.judged - c.na);
        expect(c.vetoNonconform + c.generalNonconform).toBe(c.nonconform);
        expect(c.vetoBasic + c.generalBasic).toBe(c.basic);
        expect(s.verdict === 'fail').toBe(s.reasons.length > 0);
        expect(s.complete).toBe(c.pending === 0);
        if (s.complete) expect(s.verdict).not.toBe('incomplete');
      }),
    );
  });
});

describe('template checks', () => {
  const base = {
    allowedResults: ['conform', 'nonconform', 'na'] as ItemResult[],
    vetoFailLimit: 0,
    generalFailLimit: 2 as number | null,
    basicPerFail: null as number | null,
    vetoAllowsBasic: false,
  };

  it('ruleProblems: results must hold 符合 and 不符合; k only with 基本符合', () => {
    expect(ruleProblems(base)).toEqual([]);
    expect(ruleProblems({ ...base, allowedResults: ['conform', 'na'] })[0]?.field).toBe('allowedResults');
    expect(ruleProblems({ ...base, allowedResults: ['conform', 'conform', 'nonconform'] })[0]?.message).toBe(
      '可选判定值不能重复',
    );
    expect(ruleProblems({ ...base, basicPerFail: 3 })[0]).toEqual({
      message: '未启用“基本符合”时不能设置折算数 k',
      field: 'rules.basicPerFail',
    });
    expect(
      ruleProblems({ ...base, allowedResults: ['conform', 'basic', 'nonconform'], basicPerFail: 3 }),
    ).toEqual([]);
    expect(ruleProblems({ ...base, vetoAllowsBasic: true })[0]?.field).toBe('rules.vetoAllowsBasic');
    expect(ruleProblems({ ...base, vetoFailLimit: -1 })[0]?.field).toBe('rules.vetoFailLimit');
    expect(ruleProblems({ ...base, generalFailLimit: 1.5 })[0]?.field).toBe('rules.generalFailLimit');
  });

  it('publishProblems: chapters with items, unique codes, N set', () => {
    expect(publishProblems({ chapters: [], items: [], generalFailLimit: 1 }).map((p) => p.field)).toEqual([
      'chapters',
    ]);
    const ch = [
      { id: 'a', title: '质量管理职责' },
      { id: 'b', title: '生产资源' },
    ];
    expect(
      publishProblems({ chapters: ch, items: [{ chapterId: 'a', code: '1.1' }], generalFailLimit: 1 }).map(
        (p) => p.message,
      ),
    ).toEqual(['章节“生产资源”还没有核查条款，不能发布']);
    expect(
      publishProblems({
        chapters: ch,
        items: [
          { chapterId: 'a', code: '1.1' },
          { chapterId: 'b', code: '1.1' },
        ],
        generalFailLimit: null,
      }).map((p) => p.field),
    ).toEqual(['items', 'rules.generalFailLimit']);
  });

  it("resultProblem: only the template's results; 否决项 基本符合 only when allowed", () => {
    const t = { allowedResults: ['conform', 'basic', 'nonconform'] as ItemResult[], vetoAllowsBasic: false };
    expect(resultProblem(t, { veto: false, code: '1.1' }, 'basic')).toBeUndefined();
    expect(resultProblem(t, { veto: true, code: '*2.1' }, 'basic')).toBe(
      '条款 *2.1 是否决项，只能判“符合”或“不符合”',
    );
    expect(
      resultProblem({ ...t, vetoAllowsBasic: true }, { veto: true, code: '*2.1' }, 'basic'),
    ).toBeUndefined();
    expect(resultProblem(t, { veto: false, code: '1.1' }, 'na')).toBe(
      '本模板不使用“不适用”，可选：符合、基本符合、不符合',
    );
    expect(
      needsProblem('nonconform') && needsProblem('basic') && !needsProblem('conform') && !needsProblem('na'),
    ).toBe(true);
  });

  it('recordProblems: 不符合 / 基本符合 need 问题描述 and 整改要求; blank text counts as missing', () => {
    const cases: Array<[ItemResult, string | null | undefined, string | null | undefined, string[]]> = [
      ['conform', undefined, undefined, []],
      ['na', null, null, []],
      ['nonconform', '未检定', '15 日内检定', []],
      ['nonconform', undefined, undefined, ['problem', 'rectification']],
      ['nonconform', '未检定', undefined, ['rectification']],
      ['nonconform', '未检定', '   ', ['rectification']],
      ['basic', '记录不全', null, ['rectification']],
      ['basic', ' ', '补全记录', ['problem']],
      ['basic', '记录不全', '补全记录', []],
    ];
    for (const [result, problem, rectification, fields] of cases)
      expect(recordProblems({ result, problem, rectification }).map((p) => p.field)).toEqual(fields);
    expect(recordProblems({ result: 'nonconform', problem: 'x' })[0]?.message).toBe(
      '判为“不符合”时须填写整改要求',
    );
    expect(recordProblems({ result: 'basic', problem: 'x' })[0]?.message).toBe(
      '判为“基本符合”时须填写整改要求',
    );
    for (const r of ITEM_RESULTS) expect(needsRectification(r)).toBe(needsProblem(r));
  });

  it('overrideProblem: the 组长 may differ from the suggestion only with a reason', () => {
    expect(overrideProblem('pass', 'pass', null)).toBeUndefined();
    expect(overrideProblem('fail', 'pass', '')?.field).toBe('overrideReason');
    expect(overrideProblem('fail', 'pass', '  短  ')?.message).toContain('改判为“合格”须说明理由');
    expect(overrideProblem('fail', 'pass', '否决项经现场复核已整改到位')).toBeUndefined();
  });
});
