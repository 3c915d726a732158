import type { DataScopeKind, OrgType } from '../db/schema.js';

/** The authenticated user as every service sees it. */
export interface Principal {
  userId: string;
  username: string;
  displayName: string;
  orgId: string;
  orgName: string;
  orgType: OrgType;
  /** Region of the user's organisation (GB/T 2260). */
  orgRegionCode: string;
  roles: string[];
  permissions: ReadonlySet<string>;
  /** Union of the data scopes of the user's roles. */
  scopes: ReadonlySet<DataScopeKind>;
  /** Region codes visible through 'city' / 'county' scopes, including descendants. */
  regionCodes: readonly string[];
  sessionId: string;
  mustChangePassword: boolean;
}

export function hasPermission(p: Principal, code: string): boolean {
  return p.permissions.has(code);
}
