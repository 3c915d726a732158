import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Principal } from './principal.js';

/** Columns of a business table that the data scope looks at. */
export interface ScopeColumns {
  /** The row's region_code (GB/T 2260) — used by 'city' and 'county' scopes. */
  region?: string;
  /** The owning organisation — used by the 'org' scope. */
  org?: string;
  /** The creating / owning user — used by the 'self' scope. */
  owner?: string;
  /** The module's "assigned to this user" condition — used by the 'assigned' scope (experts, reviewers). */
  assigned?: (userId: string) => Expression<SqlBool>;
}

/**
 * The one data-scope condition (DESIGN.md §6), applied inside repository queries:
 * `.where((eb) => scopeWhere(eb, principal, { region: 'e.region_code', org: 'e.org_id' }))`.
 * The union of the user's role scopes; a scope whose column the table lacks grants nothing.
 */
export function scopeWhere<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  p: Principal,
  cols: ScopeColumns,
): Expression<SqlBool> {
  if (p.scopes.has('all')) return sql<boolean>`true`;
  const ors: Expression<SqlBool>[] = [];
  const ref = (c: string) => sql.ref(c);
  if ((p.scopes.has('city') || p.scopes.has('county')) && cols.region && p.regionCodes.length > 0) {
    ors.push(sql<boolean>`${ref(cols.region)} in (${sql.join(p.regionCodes)})`);
  }
  if (p.scopes.has('org') && cols.org) ors.push(sql<boolean>`${ref(cols.org)} = ${p.orgId}`);
  if (p.scopes.has('self') && cols.owner) ors.push(sql<boolean>`${ref(cols.owner)} = ${p.userId}`);
  if (p.scopes.has('assigned') && cols.assigned) ors.push(cols.assigned(p.userId));
  if (ors.length === 0) return sql<boolean>`false`;
  return eb.or(ors);
}
