import type { Static } from '@sinclair/typebox';
import type { Principal } from '../access/principal.js';
import type { MeReply } from './auth.schemas.js';
import { passwordPolicyHint } from './password.rules.js';

export function presentMe(p: Principal): Static<typeof MeReply> {
  return {
    id: p.userId,
    username: p.username,
    displayName: p.displayName,
    org: { id: p.orgId, name: p.orgName, type: p.orgType, regionCode: p.orgRegionCode },
    roles: p.roles,
    permissions: [...p.permissions].sort(),
    dataScopes: [...p.scopes].sort(),
    mustChangePassword: p.mustChangePassword,
    passwordPolicy: passwordPolicyHint(),
  };
}
