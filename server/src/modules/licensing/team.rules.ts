/**
 * Pure rules of the 审查组 (licensing.md §7; conflict-of-interest practice after cma.md §8). No I/O.
 */

export type TeamRole = 'leader' | 'member';

export const TEAM_ROLE_LABEL: Record<TeamRole | 'observer', string> = {
  leader: '组长',
  member: '组员',
  observer: '观察员',
};

// 《办法》第十七条第一款: 审查组由 2 至 4 名核查人员组成
export const TEAM_MIN = 2;
export const TEAM_MAX = 4;

/**
 * A 利害关系声明 (cma.md §8): each question answered; any "yes" is a conflict that bars the person from the team
 * and from the observer draw. The look-back period ("近 N 年") is 待需求方提供 and is left to the wording.
 */
export interface Declaration {
  /** 在被核查企业任职，或近年内任职 */
  employed: boolean;
  /** 为被核查企业提供过咨询、培训 */
  consulted: boolean;
  /** 与被核查企业有亲属关系或经济往来 */
  related: boolean;
  /** 其他可能影响公正的情形 */
  other: boolean;
  note?: string | null;
}

export const DECLARATION_LABEL: Record<keyof Omit<Declaration, 'note'>, string> = {
  employed: '在被核查企业任职或近年内任职',
  consulted: '为被核查企业提供过咨询、培训',
  related: '与被核查企业有亲属关系或经济往来',
  other: '其他可能影响公正的情形',
};

/** The conflicts a declaration states (labels); empty when it states none. */
export function declaredConflicts(d: Declaration): string[] {
  return (Object.keys(DECLARATION_LABEL) as Array<keyof typeof DECLARATION_LABEL>)
    .filter((k) => d[k])
    .map((k) => DECLARATION_LABEL[k]);
}

/** One proposed member of the team. */
export interface ProposedMember {
  userId: string;
  role: TeamRole;
  /** The member's organisation (单位). */
  orgId: string;
  displayName: string;
}

export interface TeamCheckInput {
  members: readonly ProposedMember[];
  /** The observer already assigned to the task, if any (not a member, not counted). */
  observerUserId: string | null;
  /** The latest declaration of each person for this task. */
  declarations: ReadonlyMap<string, Declaration>;
  /** The enterprise being verified: its own staff cannot verify it. */
  enterpriseOrgId: string;
}

/** A broken team rule: stable code, Chinese message, field path of the request. */
export interface TeamViolation {
  code: string;
  message: string;
  field: string;
}

/** Every broken rule of a proposed team, in the order a clerk would fix them. */
export function teamViolations(t: TeamCheckInput): TeamViolation[] {
  const out: TeamViolation[] = [];
  const n = t.members.length;
  // 《办法》第十七条: 审查组 2–4 人
  if (n < TEAM_MIN || n > TEAM_MAX)
    out.push({
      code: 'TEAM_SIZE',
      message: `审查组应由 ${TEAM_MIN} 至 ${TEAM_MAX} 名核查人员组成（当前 ${n} 人，观察员不计入）`,
      field: 'members',
    });
  const seen = new Set<string>();
  t.members.forEach((m, i) => {
    if (seen.has(m.userId))
      out.push({
        code: 'TEAM_DUPLICATE',
        message: `“${m.displayName}”在审查组中重复出现`,
        field: `members.${i}.userId`,
      });
    seen.add(m.userId);
  });
  // 《办法》第十八条: 组长负责制
  const leaders = t.members.filter((m) => m.role === 'leader').length;
  if (leaders !== 1)
    out.push({
      code: 'TEAM_LEADER',
      message: leaders === 0 ? '审查组须指定 1 名组长' : `审查组只能有 1 名组长（当前 ${leaders} 名）`,
      field: 'members',
    });
  // 《办法》第十七条: 审查组成员不得全部来自同一单位
  if (n >= TEAM_MIN && new Set(t.members.map((m) => m.orgId)).size === 1)
    out.push({
      code: 'TEAM_SAME_ORG',
      message: '审查组成员不得全部来自同一单位',
      field: 'members',
    });
  t.members.forEach((m, i) => {
    // 《办法》第十七条第二款: 观察员不是审查组成员
    if (t.observerUserId !== null && m.userId === t.observerUserId)
      out.push({
        code: 'TEAM_OBSERVER_MEMBER',
        message: `“${m.displayName}”已是本次核查的观察员，不能同时担任审查组成员`,
        field: `members.${i}.userId`,
      });
    if (m.orgId === t.enterpriseOrgId)
      out.push({
        code: 'TEAM_CONFLICT',
        message: `“${m.displayName}”是被核查企业的人员，应当回避`,
        field: `members.${i}.userId`,
      });
    const d = t.declarations.get(m.userId);
    if (!d)
      out.push({
        code: 'TEAM_DECLARATION_MISSING',
        message: `“${m.displayName}”尚未作出利害关系声明`,
        field: `members.${i}.declaration`,
      });
    else {
      const conflicts = declaredConflicts(d);
      if (conflicts.length > 0)
        out.push({
          code: 'TEAM_CONFLICT',
          message: `“${m.displayName}”声明存在利害关系（${conflicts.join('；')}），应当回避`,
          field: `members.${i}.declaration`,
        });
    }
  });
  const od = t.observerUserId !== null ? t.declarations.get(t.observerUserId) : undefined;
  if (od && declaredConflicts(od).length > 0)
    out.push({
      code: 'TEAM_OBSERVER_CONFLICT',
      message: `观察员声明存在利害关系（${declaredConflicts(od).join('；')}），应另行指派或重新抽取观察员`,
      field: 'observer',
    });
  return out;
}
