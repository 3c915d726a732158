import type { Principal } from '../../platform/access/principal.js';
import type { AppContext } from '../../platform/context.js';
import type { DataScopeKind } from '../../platform/db/schema.js';
import type { ListQuery, Page } from '../../platform/http/paging.js';
import { uuidv7 } from '../../platform/ids.js';
import { RolesRepository, type PermissionRow, type RoleRow } from './roles.repository.js';
import { separationViolation, scopeWidening } from './separation.rules.js';
import { need } from './system.common.js';
import { SystemErrors } from './system.errors.js';

export interface CreateRoleInput {
  code: string;
  name: string;
  description?: string | null | undefined;
  dataScope: DataScopeKind;
  sort?: number | undefined;
  permissions?: string[] | undefined;
}

export interface UpdateRoleInput {
  name?: string | undefined;
  description?: string | null | undefined;
  dataScope?: DataScopeKind | undefined;
  sort?: number | undefined;
}

export type RoleWithPermissions = RoleRow & { permissions: string[] };

export interface RolePermissions {
  roleId: string;
  granted: string[];
  catalogue: PermissionRow[];
}

/** 角色管理 (security administrator): roles, data scope and permission codes under 三员分立. */
export class RolesService {
  constructor(private readonly ctx: AppContext) {}

  /** Paged list. */
  async list(
    p: Principal,
    f: { keyword?: string | undefined; status?: 'active' | 'disabled' | undefined },
    q: ListQuery,
  ): Promise<Page<RoleRow>> {
    need(p, 'role:list');
    return new RolesRepository(this.ctx.db).list(f, q);
  }

  /** One role with its permission codes. */
  async get(p: Principal, id: string): Promise<RoleWithPermissions> {
    need(p, 'role:list');
    return this.detail(new RolesRepository(this.ctx.db), id);
  }

  private async detail(repo: RolesRepository, id: string): Promise<RoleWithPermissions> {
    const role = await repo.find(id);
    if (!role) throw SystemErrors.roleNotFound();
    return { ...role, permissions: await repo.permissionsOf(id) };
  }

  /** The permission catalogue (GET /api/system/permissions). */
  async catalogue(p: Principal): Promise<PermissionRow[]> {
    need(p, 'role:list');
    return new RolesRepository(this.ctx.db).catalogue();
  }

  /** A role's permissions against the whole catalogue. */
  async permissions(p: Principal, id: string): Promise<RolePermissions> {
    need(p, 'role:list');
    const repo = new RolesRepository(this.ctx.db);
    const role = await this.detail(repo, id);
    return { roleId: id, granted: role.permissions, catalogue: await repo.catalogue() };
  }

  /**
   * Checks a role's future permission codes: all known, no 三员分立 violation in the role itself, nor for
   * any user who holds it together with other roles.
   */
  private async checkCodes(repo: RolesRepository, roleId: string | null, codes: string[]): Promise<void> {
    const known = new Set((await repo.catalogue()).map((c) => c.code));
    const unknown = codes.filter((c) => !known.has(c));
    if (unknown.length) throw SystemErrors.permissionUnknown(unknown);
    const v = separationViolation(codes);
    if (v) throw SystemErrors.separationField(v.message, 'codes', { sets: v.sets, codes: v.codes });
    if (!roleId) return;
    const byUser = new Map<string, { username: string; codes: string[] }>();
    for (const r of await repo.otherPermissionsOfHolders(roleId)) {
      const e = byUser.get(r.user_id) ?? { username: r.username, codes: [] };
      e.codes.push(r.permission_code);
      byUser.set(r.user_id, e);
    }
    for (const e of byUser.values()) {
      const uv = separationViolation([...e.codes, ...codes]);
      if (uv)
        throw SystemErrors.separationField(
          `用户“${e.username}”同时持有该角色和其他角色，修改后${uv.message}`,
          'codes',
          { sets: uv.sets, codes: uv.codes, username: e.username },
        );
    }
  }

  /** Nobody changes a role they hold themselves (三员分立: no self-granted privilege). */
  private async refuseOwnRole(repo: RolesRepository, p: Principal, roleId: string): Promise<void> {
    if (await repo.userHoldsRole(p.userId, roleId)) throw SystemErrors.roleHeldBySelf();
  }

  /** Creates a custom role, optionally with its permission codes. */
  async create(p: Principal, input: CreateRoleInput): Promise<RoleWithPermissions> {
    need(p, 'role:write');
    if (scopeWidening(p.scopes, [input.dataScope]))
      throw SystemErrors.scopeWidening(input.dataScope, 'dataScope');
    const codes = [...new Set(input.permissions ?? [])].sort();
    const now = this.ctx.clock.now();
    return this.ctx.db.transaction().execute(async (trx) => {
      const repo = new RolesRepository(trx);
      if (await repo.codeExists(input.code)) throw SystemErrors.roleCodeTaken(input.code);
      await this.checkCodes(repo, null, codes);
      const id = uuidv7();
      await repo.insert({
        id,
        code: input.code,
        name: input.name.trim(),
        description: input.description?.trim() || null,
        data_scope: input.dataScope,
        builtin: false,
        sort: input.sort ?? 100,
        created_at: now,
        created_by: p.userId,
        updated_at: now,
        updated_by: p.userId,
      });
      await repo.replacePermissions(id, codes);
      return this.detail(repo, id);
    });
  }

  /** Edits name, description, data scope and order. */
  async update(p: Principal, id: string, input: UpdateRoleInput): Promise<RoleWithPermissions> {
    need(p, 'role:write');
    if (input.dataScope !== undefined && scopeWidening(p.scopes, [input.dataScope])) {
      throw SystemErrors.scopeWidening(input.dataScope, 'dataScope');
    }
    return this.ctx.db.transaction().execute(async (trx) => {
      const repo = new RolesRepository(trx);
      if (!(await repo.find(id))) throw SystemErrors.roleNotFound();
      await this.refuseOwnRole(repo, p, id);
      await repo.update(id, {
        ...(input.name !== undefined ? { name: input.name.trim() } : {}),
        ...(input.description !== undefined ? { description: input.description?.trim() || null } : {}),
        ...(input.dataScope !== undefined ? { data_scope: input.dataScope } : {}),
        ...(input.sort !== undefined ? { sort: input.sort } : {}),
        updated_at: this.ctx.clock.now(),
        updated_by: p.userId,
      });
      return this.detail(repo, id);
    });
  }

  /** Disables or enables a role; built-in roles cannot be disabled. */
  async setStatus(p: Principal, id: string, status: 'active' | 'disabled'): Promise<RoleWithPermissions> {
    need(p, 'role:write');
    return this.ctx.db.transaction().execute(async (trx) => {
      const repo = new RolesRepository(trx);
      const role = await repo.find(id);
      if (!role) throw SystemErrors.roleNotFound();
      if (status === 'disabled' && role.builtin) throw SystemErrors.roleBuiltin();
      await this.refuseOwnRole(repo, p, id);
      if (status === 'active') await this.checkCodes(repo, id, await repo.permissionsOf(id));
      await repo.update(id, { status, updated_at: this.ctx.clock.now(), updated_by: p.userId });
      return this.detail(repo, id);
    });
  }

  /** Replaces a role's permission codes; takes effect on the holders' next request. */
  async setPermissions(p: Principal, id: string, codes: string[]): Promise<RolePermissions> {
    need(p, 'role:write');
    const list = [...new Set(codes)].sort();
    return this.ctx.db.transaction().execute(async (trx) => {
      const repo = new RolesRepository(trx);
      if (!(await repo.find(id))) throw SystemErrors.roleNotFound();
      await this.refuseOwnRole(repo, p, id);
      await this.checkCodes(repo, id, list);
      await repo.replacePermissions(id, list);
      await repo.update(id, { updated_at: this.ctx.clock.now(), updated_by: p.userId });
      return { roleId: id, granted: list, catalogue: await repo.catalogue() };
    });
  }
}
