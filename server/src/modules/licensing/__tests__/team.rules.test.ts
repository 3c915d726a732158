import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  declaredConflicts,
  teamViolations,
  type Declaration,
  type ProposedMember,
  type TeamCheckInput,
} from '../team.rules.js';

const CLEAR: Declaration = { employed: false, consulted: false, related: false, other: false };
const ENTERPRISE = 'org-enterprise';

const m = (userId: string, orgId: string, role: 'leader' | 'member' = 'member'): ProposedMember => ({
  userId,
  orgId,
  role,
  displayName: `人员${userId}`,
});

function input(members: ProposedMember[], over: Partial<TeamCheckInput> = {}): TeamCheckInput {
  return {
    members,
    observerUserId: null,
    declarations: new Map(members.map((x) => [x.userId, CLEAR])),
    enterpriseOrgId: ENTERPRISE,
    ...over,
  };
}

const codes = (t: TeamCheckInput) => teamViolations(t).map((v) => v.code);

describe('teamViolations', () => {
  it('accepts 2–4 members with one 组长 from more than one unit', () => {
    expect(teamViolations(input([m('a', 'o1', 'leader'), m('b', 'o2')]))).toEqual([]);
    expect(teamViolations(input([m('a', 'o1', 'leader'), m('b', 'o1'), m('c', 'o1'), m('d', 'o2')]))).toEqual(
      [],
    );
  });

  it('refuses fewer than 2 or more than 4 (《办法》第十七条)', () => {
    expect(teamViolations(input([m('a', 'o1', 'leader')]))[0]).toEqual({
      code: 'TEAM_SIZE',
      message: '审查组应由 2 至 4 名核查人员组成（当前 1 人，观察员不计入）',
      field: 'members',
    });
    expect(
      codes(input([m('a', 'o1', 'leader'), m('b', 'o2'), m('c', 'o3'), m('d', 'o4'), m('e', 'o5')])),
    ).toEqual(['TEAM_SIZE']);
    expect(codes(input([]))).toContain('TEAM_SIZE');
  });

  it('needs exactly one 组长', () => {
    expect(teamViolations(input([m('a', 'o1'), m('b', 'o2')]))[0]?.message).toBe('审查组须指定 1 名组长');
    expect(teamViolations(input([m('a', 'o1', 'leader'), m('b', 'o2', 'leader')]))[0]?.message).toBe(
      '审查组只能有 1 名组长（当前 2 名）',
    );
  });

  it('refuses a team all from one unit', () => {
    expect(teamViolations(input([m('a', 'o1', 'leader'), m('b', 'o1')]))).toEqual([
      { code: 'TEAM_SAME_ORG', message: '审查组成员不得全部来自同一单位', field: 'members' },
    ]);
  });

  it('refuses duplicates with the field of the repeated entry', () => {
    expect(teamViolations(input([m('a', 'o1', 'leader'), m('b', 'o2'), m('b', 'o2')]))[0]).toMatchObject({
      code: 'TEAM_DUPLICATE',
      field: 'members.2.userId',
    });
  });

  it('keeps the observer out of the team (not counted, not a member)', () => {
    const t = input([m('a', 'o1', 'leader'), m('b', 'o2')], { observerUserId: 'b' });
    expect(teamViolations(t)[0]).toMatchObject({ code: 'TEAM_OBSERVER_MEMBER', field: 'members.1.userId' });
  });

  it("needs a declaration of each member, and bars declared conflicts and the enterprise's staff", () => {
    const team = [m('a', 'o1', 'leader'), m('b', 'o2'), m('c', ENTERPRISE)];
    const t = input(team, {
      declarations: new Map<string, Declaration>([
        ['a', CLEAR],
        ['c', CLEAR],
      ]),
    });
    expect(teamViolations(t).map((v) => [v.code, v.field])).toEqual([
      ['TEAM_DECLARATION_MISSING', 'members.1.declaration'],
      ['TEAM_CONFLICT', 'members.2.userId'],
    ]);
    const conflicted = input(team.slice(0, 2), {
      declarations: new Map<string, Declaration>([
        ['a', CLEAR],
        ['b', { ...CLEAR, consulted: true, related: true }],
      ]),
    });
    expect(teamViolations(conflicted)).toEqual([
      {
        code: 'TEAM_CONFLICT',
        message:
          '“人员b”声明存在利害关系（为被核查企业提供过咨询、培训；与被核查企业有亲属关系或经济往来），应当回避',
        field: 'members.1.declaration',
      },
    ]);
  });

  it('flags an observer who declared a conflict', () => {
    const t = input([m('a', 'o1', 'leader'), m('b', 'o2')], { observerUserId: 'z' });
    expect(teamViolations(t)).toEqual([]);
    (t.declarations as Map<string, Declaration>).set('z', { ...CLEAR, employed: true });
    expect(teamViolations(t)).toEqual([
      {
        code: 'TEAM_OBSERVER_CONFLICT',
        message: '观察员声明存在利害关系（在被核查企业任职或近年内任职），应另行指派或重新抽取观察员',
        field: 'observer',
      },
    ]);
  });

  it('declaredConflicts lists every "yes"', () => {
    expect(declaredConflicts(CLEAR)).toEqual([]);
    expect(declaredConflicts({ employed: true, consulted: false, related: false, other: true })).toEqual([
      '在被核查企业任职或近年内任职',
      '其他可能影响公正的情形',
    ]);
  });

  it('property: a team passes exactly when every rule holds', () => {
    const memberArb = fc.record({
      userId: fc.constantFrom('u1', 'u2', 'u3', 'u4', 'u5', 'u6'),
      orgId: fc.constantFrom('o1', 'o2', 'o3', ENTERPRISE),
      role: fc.constantFrom<'leader' | 'member'>('leader', 'member'),
      conflict: fc.boolean(),
      declared: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(memberArb, { maxLength: 6 }),
        fc.option(fc.constantFrom('u1', 'u7'), { nil: null }),
        (ms, obs) => {
          const team = ms.map((x) => m(x.userId, x.orgId, x.role));
          const decl = new Map<string, Declaration>();
          for (const x of ms) if (x.declared) decl.set(x.userId, { ...CLEAR, other: x.conflict });
          const v = teamViolations({
            members: team,
            observerUserId: obs,
            declarations: decl,
            enterpriseOrgId: ENTERPRISE,
          });
          const ids = team.map((x) => x.userId);
          const ok =
            team.length >= 2 &&
            team.length <= 4 &&
            new Set(ids).size === ids.length &&
            team.filter((x) => x.role === 'leader').length === 1 &&
            new Set(team.map((x) => x.orgId)).size > 1 &&
            !ids.includes(obs ?? '') &&
            team.every((x) => x.orgId !== ENTERPRISE) &&
            ids.every((id) => decl.has(id) && declaredConflicts(decl.get(id)!).length === 0);
          expect(v.length === 0).toBe(ok);
          for (const x of v) expect(x.message).toMatch(/[\u4e00-\u9fa5]/);
        },
      ),
    );
  });
});
