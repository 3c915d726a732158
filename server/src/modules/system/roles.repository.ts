import { sql, type Insertable, type Updateable } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import type { RoleTable } from '../../platform/db/schema.js';
import { paginate, type ListQuery } from '../../platform/http/paging.js';
import { likePattern } from './system.sql.js';

/** Roles, their permission codes and the permission catalogue table. */
export class RolesRepository {
  constructor(private readonly db: Database) {}

  private base() {
    return this.db.selectFrom('role as r').select([
      'r.id',
      'r.code',
      'r.name',
      'r.description',
      'r.data_scope',
      'r.builtin',
      'r.status',
      'r.sort',
      'r.created_at',
      'r.updated_at',
      (eb) =>
        eb
          .selectFrom('user_role as ur')
          .select(sql<string>`count(*)`.as('n'))
          .whereRef('ur.role_id', '=', 'r.id')
          .as('user_count'),
    ]);
  }

  list(f: { keyword?: string | undefined; status?: 'active' | 'disabled' | undefined }, q: ListQuery) {
    let qb = this.base();
    if (f.keyword) {
      const k = likePattern(f.keyword);
      qb = qb.where((eb) => eb.or([eb('r.code', 'ilike', k), eb('r.name', 'ilike', k)]));
    }
    if (f.status) qb = qb.where('r.status', '=', f.status);
    return paginate(
      this.db,
      qb,
      q,
      { sort: 'r.sort', code: 'r.code', name: 'r.name', status: 'r.status', createdAt: 'r.created_at' },
      'sort,code',
    );
  }

  find(id: string) {
    return this.base().where('r.id', '=', id).executeTakeFirst();
  }

  async codeExists(code: string): Promise<boolean> {
    return (
      (await this.db.selectFrom('role').select('id').where('code', '=', code).executeTakeFirst()) !==
      undefined
    );
  }

  async insert(row: Insertable<RoleTable>): Promise<void> {
    await this.db.insertInto('role').values(row).execute();
  }

  async update(id: string, patch: Updateable<RoleTable>): Promise<void> {
    await this.db.updateTable('role').set(patch).where('id', '=', id).execute();
  }

  async permissionsOf(roleId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('role_permission')
      .select('permission_code')
      .where('role_id', '=', roleId)
      .orderBy('permission_code')
      .execute();
    return rows.map((r) => r.permission_code);
  }

  async replacePermissions(roleId: string, codes: string[]): Promise<void> {
    await this.db.deleteFrom('role_permission').where('role_id', '=', roleId).execute();
    if (codes.length > 0)
      await this.db
        .insertInto('role_permission')
        .values(codes.map((permission_code) => ({ role_id: roleId, permission_code })))
        .execute();
  }

  /** The permission catalogue in display order. */
  catalogue() {
    return this.db
      .selectFrom('permission')
      .select(['code', 'module', 'name'])
      .orderBy('sort')
      .orderBy('code')
      .execute();
  }

  async userHoldsRole(userId: string, roleId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('user_role')
      .select('user_id')
      .where('user_id', '=', userId)
      .where('role_id', '=', roleId)
      .executeTakeFirst();
    return row !== undefined;
  }

  /**
   * For every user holding roleId: the permission codes they get from their other active roles
   * (to check 三员分立 on the union after the role changes).
   */
  async otherPermissionsOfHolders(roleId: string) {
    return this.db
      .selectFrom('user_role as holder')
      .innerJoin('app_user as u', 'u.id', 'holder.user_id')
      .innerJoin('user_role as other', 'other.user_id', 'holder.user_id')
      .innerJoin('role as r', 'r.id', 'other.role_id')
      .innerJoin('role_permission as rp', 'rp.role_id', 'other.role_id')
      .select(['u.id as user_id', 'u.username', 'rp.permission_code'])
      .where('holder.role_id', '=', roleId)
      .where('other.role_id', '!=', roleId)
      .where('r.status', '=', 'active')
      .execute();
  }
}

export type RoleRow = NonNullable<Awaited<ReturnType<RolesRepository['find']>>>;
export type PermissionRow = Awaited<ReturnType<RolesRepository['catalogue']>>[number];
