import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PERMISSION_CODES } from '../../../platform/access/permission-catalogue.js';
import { BUILTIN_ROLES } from '../../../seed/roles.data.js';
import {
  ADMIN_ROLE_CODES,
  ADMIN_SETS,
  adminSetOf,
  adminSetsOf,
  separationViolation,
  type AdminSet,
} from '../separation.rules.js';

const SETS = Object.keys(ADMIN_SETS) as AdminSet[];
const role = (code: string) => BUILTIN_ROLES.find((r) => r.code === code)!;

describe('三员分立 rule', () => {
  it('uses only codes of the permission catalogue, each in one set', () => {
    const all = SETS.flatMap((s) => ADMIN_SETS[s].codes);
    expect(new Set(all).size).toBe(all.length);
    for (const c of all) expect(PERMISSION_CODES.has(c), c).toBe(true);
  });

  it('accepts each built-in administrator role and places it in exactly its own set', () => {
    for (const s of SETS) {
      const r = role(ADMIN_ROLE_CODES[s]);
      expect(separationViolation(r.permissions)).toBeUndefined();
      expect(adminSetsOf(r.permissions)).toEqual([s]);
    }
  });

  it('accepts every built-in business role', () => {
    for (const r of BUILTIN_ROLES) expect(separationViolation(r.permissions), r.code).toBeUndefined();
  });

  it.each([
    [
      ['user:write', 'role:write'],
      ['system', 'security'],
    ],
    [
      ['user:write', 'audit:list'],
      ['system', 'audit'],
    ],
    [
      ['user:assign-role', 'audit:verify'],
      ['security', 'audit'],
    ],
    [
      ['session:revoke', 'notice:write', 'user:list'],
      ['system', 'security'],
    ],
  ] as const)('refuses %j (sets %j)', (codes, sets) => {
    const v = separationViolation(codes);
    expect(v?.sets).toEqual(sets);
    expect(v?.message).toContain('违反三员分立');
    expect(v?.message).toContain(ADMIN_SETS[sets[0]].name);
    expect(v?.message).toContain(ADMIN_SETS[sets[1]].name);
  });

  it('lets shared read codes go with any one set', () => {
    expect(
      separationViolation(['user:list', 'org:list', 'loginlog:list', 'role:list', 'audit:list']),
    ).toBeUndefined();
    expect(separationViolation(['user:list', 'session:list', 'user:write'])).toBeUndefined();
    expect(adminSetOf('user:list')).toBeUndefined();
  });

  it('taking any administrator code of another set into a built-in 三员 role is refused', () => {
    for (const s of SETS)
      for (const other of SETS.filter((x) => x !== s))
        for (const c of ADMIN_SETS[other].codes)
          expect(
            separationViolation([...role(ADMIN_ROLE_CODES[s]).permissions, c]),
            `${s}+${c}`,
          ).toBeDefined();
  });

  it('a set of codes is refused exactly when it touches two or more sets (property)', () => {
    const codes = [...PERMISSION_CODES];
    fc.assert(
      fc.property(fc.subarray(codes), (sub) => {
        const touched = new Set(sub.map(adminSetOf).filter(Boolean));
        expect(separationViolation(sub) !== undefined).toBe(touched.size >= 2);
      }),
    );
  });
});
