import type { DataScopeKind } from '../../platform/db/schema.js';

/**
 * 三员分立 (等保三级, GB/T 22239-2019 8.1.4.2 / 8.1.4.3): the system administrator, the security administrator
 * and the audit administrator hold disjoint control permissions. A role, and the union of the roles of one
 * user, may hold codes from at most one of the three sets. Shared read codes (user:list, org:list,
 * loginlog:list …) belong to no set. Pure rules, no I/O.
 */
export type AdminSet = 'system' | 'security' | 'audit';

export const ADMIN_SETS: Record<AdminSet, { name: string; codes: readonly string[] }> = {
  system: {
    name: '系统管理员',
    codes: ['user:write', 'org:write', 'dict:write', 'param:write', 'notice:write', 'calendar:write'],
  },
  security: {
    name: '安全管理员',
    codes: ['role:write', 'user:assign-role', 'user:unlock', 'session:revoke'],
  },
  audit: {
    name: '审计管理员',
    codes: ['audit:list', 'audit:verify'],
  },
};

/** Codes of built-in roles that are the 三员 themselves. */
export const ADMIN_ROLE_CODES: Record<AdminSet, string> = {
  system: 'sysadmin',
  security: 'secadmin',
  audit: 'auditadmin',
};

const SET_OF = new Map<string, AdminSet>(
  (Object.keys(ADMIN_SETS) as AdminSet[]).flatMap((s) => ADMIN_SETS[s].codes.map((c) => [c, s] as const)),
);

/** The admin set a permission code belongs to, if any. */
export function adminSetOf(code: string): AdminSet | undefined {
  return SET_OF.get(code);
}

/** The admin sets touched by a collection of permission codes, in a fixed order. */
export function adminSetsOf(codes: Iterable<string>): AdminSet[] {
  const found = new Set<AdminSet>();
  for (const c of codes) {
    const s = SET_OF.get(c);
    if (s) found.add(s);
  }
  return (['system', 'security', 'audit'] as const).filter((s) => found.has(s));
}

export interface SeparationViolation {
  sets: [AdminSet, AdminSet];
  /** The offending codes of each of the two sets. */
  codes: [string[], string[]];
  message: string;
}

/** Returns the first 三员分立 violation of a set of permission codes, or undefined when it is allowed. */
export function separationViolation(codes: Iterable<string>): SeparationViolation | undefined {
  const list = [...new Set(codes)].sort();
  const sets = adminSetsOf(list);
  if (sets.length < 2) return undefined;
  const a = sets[0]!;
  const b = sets[1]!;
  const ca = list.filter((c) => SET_OF.get(c) === a);
  const cb = list.filter((c) => SET_OF.get(c) === b);
  return {
    sets: [a, b],
    codes: [ca, cb],
    message:
      `违反三员分立：${ADMIN_SETS[a].name}权限（${ca.join('、')}）与` +
      `${ADMIN_SETS[b].name}权限（${cb.join('、')}）不能由同一角色或同一用户同时持有`,
  };
}

/**
 * Administrator sets a target account holds that the actor does not: the actor may not reset, disable or
 * edit that account, or a system administrator could reset the security administrator's password and log in
 * as them (三员分立). Recovery of such an account is by the holder of that set or the CLI.
 */
export function foreignAdminSets(
  actorPermissions: Iterable<string>,
  targetPermissions: Iterable<string>,
): AdminSet[] {
  const mine = new Set(adminSetsOf(actorPermissions));
  return adminSetsOf(targetPermissions).filter((s) => !mine.has(s));
}

const SCOPE_RANK: Record<DataScopeKind, number> = {
  all: 4,
  city: 3,
  county: 2,
  org: 1,
  self: 0,
  assigned: 0,
};

/**
 * The first granted data scope broader than every scope the actor holds, if any: an administrator may
 * not create or hand out a role that sees more than they do.
 */
export function scopeWidening(
  actorScopes: Iterable<DataScopeKind>,
  granted: Iterable<DataScopeKind>,
): DataScopeKind | undefined {
  const own = Math.max(-1, ...[...actorScopes].map((s) => SCOPE_RANK[s]));
  return [...granted].find((g) => SCOPE_RANK[g] > own);
}
