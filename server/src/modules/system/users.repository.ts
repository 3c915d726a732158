import { sql, type Insertable, type Updateable } from 'kysely';
import type { Principal } from '../../platform/access/principal.js';
import { scopeWhere } from '../../platform/access/scope.js';
import type { Database } from '../../platform/db/database.js';
import type { AppUserTable } from '../../platform/db/schema.js';
import { paginate, type ListQuery } from '../../platform/http/paging.js';
import { likePattern, orgSubtree } from './system.sql.js';

export interface UserFilter {
  keyword?: string | undefined;
  orgId?: string | undefined;
  status?: 'active' | 'disabled' | undefined;
  roleCode?: string | undefined;
}

const USER_COLUMNS = [
  'u.id',
  'u.username',
  'u.display_name',
  'u.org_id',
  'o.name as org_name',
  'o.region_code as org_region_code',
  'u.phone',
  'u.email',
  'u.status',
  'u.must_change_password',
  'u.password_changed_at',
  'u.failed_attempts',
  'u.locked_until',
  'u.last_login_at',
  'u.last_login_ip',
  'u.created_at',
  'u.updated_at',
] as const;

/** Users, their roles and sessions. Every read of users applies the caller's data scope (DESIGN.md §6). */
export class UsersRepository {
  constructor(private readonly db: Database) {}

  /** Users the principal may see: the scope follows the region of the user's organisation. */
  private visible(p: Principal) {
    return this.db
      .selectFrom('app_user as u')
      .innerJoin('organization as o', 'o.id', 'u.org_id')
      .where((eb) => scopeWhere(eb, p, { region: 'o.region_code', org: 'u.org_id', owner: 'u.id' }));
  }

  list(p: Principal, f: UserFilter, q: ListQuery) {
    let qb = this.visible(p).select(USER_COLUMNS);
    if (f.keyword) {
      const k = likePattern(f.keyword);
      qb = qb.where((eb) => eb.or([eb('u.username', 'ilike', k), eb('u.display_name', 'ilike', k)]));
    }
    if (f.orgId) qb = qb.where(sql<boolean>`u.org_id in ${orgSubtree(f.orgId)}`);
    if (f.status) qb = qb.where('u.status', '=', f.status);
    if (f.roleCode) {
      const code = f.roleCode;
      qb = qb.where((eb) =>
        eb.exists(
          eb
            .selectFrom('user_role as ur')
            .innerJoin('role as r', 'r.id', 'ur.role_id')
            .select(sql`1`.as('one'))
            .whereRef('ur.user_id', '=', 'u.id')
            .where('r.code', '=', code),
        ),
      );
    }
    return paginate(
      this.db,
      qb,
      q,
      {
        username: 'u.username',
        displayName: 'u.display_name',
        org: 'o.name',
        status: 'u.status',
        createdAt: 'u.created_at',
        lastLoginAt: 'u.last_login_at',
      },
      'username',
    );
  }

  findVisible(p: Principal, id: string) {
    return this.visible(p).select(USER_COLUMNS).where('u.id', '=', id).executeTakeFirst();
  }

  /** Roles (active or not) of the given users. */
  async rolesOf(userIds: string[]) {
    if (userIds.length === 0) return [];
    return this.db
      .selectFrom('user_role as ur')
      .innerJoin('role as r', 'r.id', 'ur.role_id')
      .select(['ur.user_id', 'r.id', 'r.code', 'r.name'])
      .where('ur.user_id', 'in', userIds)
      .orderBy('r.sort')
      .orderBy('r.code')
      .execute();
  }

  /** A user by exact username, outside any data scope (operator recovery from the CLI only). */
  findByUsername(username: string) {
    return this.db
      .selectFrom('app_user')
      .select(['id', 'username'])
      .where('username', '=', username)
      .executeTakeFirst();
  }

  async usernameExists(username: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('app_user')
      .select('id')
      .where(sql<boolean>`lower(username) = lower(${username})`)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** An active organisation inside the principal's data scope. */
  findUsableOrg(p: Principal, orgId: string) {
    return this.db
      .selectFrom('organization as o')
      .select(['o.id', 'o.name'])
      .where('o.id', '=', orgId)
      .where('o.status', '=', 'active')
      .where((eb) => scopeWhere(eb, p, { region: 'o.region_code', org: 'o.id' }))
      .executeTakeFirst();
  }

  async insert(row: Insertable<AppUserTable>): Promise<void> {
    await this.db.insertInto('app_user').values(row).execute();
  }

  async update(id: string, patch: Updateable<AppUserTable>): Promise<void> {
    await this.db.updateTable('app_user').set(patch).where('id', '=', id).execute();
  }

  async revokeSessions(userId: string, at: Date, reason: string): Promise<void> {
    await this.db
      .updateTable('user_session')
      .set({ revoked_at: at, revoked_reason: reason })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .execute();
  }

  rolesByIds(ids: string[]) {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('role')
      .select(['id', 'code', 'name', 'status', 'data_scope'])
      .where('id', 'in', ids)
      .execute();
  }

  async permissionsOfRoles(roleIds: string[]): Promise<string[]> {
    if (roleIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('role_permission')
      .select('permission_code')
      .distinct()
      .where('role_id', 'in', roleIds)
      .execute();
    return rows.map((r) => r.permission_code);
  }

  async replaceRoles(userId: string, roleIds: string[]): Promise<void> {
    await this.db.deleteFrom('user_role').where('user_id', '=', userId).execute();
    if (roleIds.length > 0)
      await this.db
        .insertInto('user_role')
        .values(roleIds.map((role_id) => ({ user_id: userId, role_id })))
        .execute();
  }
}

export type UserRow = NonNullable<Awaited<ReturnType<UsersRepository['findVisible']>>>;
export type UserRoleRow = Awaited<ReturnType<UsersRepository['rolesOf']>>[number];
