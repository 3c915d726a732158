import { sql } from 'kysely';
import type { Database } from '../db/database.js';
import type { Insertable } from 'kysely';
import type { LoginLogTable, UserSessionTable } from '../db/schema.js';

/** Sessions, login log and the identity reads behind a Principal. The only Kysely user in auth. */
export class AuthRepository {
  constructor(private readonly db: Database) {}

  findUserByUsername(username: string) {
    return this.db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirst();
  }

  findUserById(id: string) {
    return this.db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async recordFailure(userId: string, attempts: number, lockedUntil: Date | null): Promise<void> {
    await this.db
      .updateTable('app_user')
      .set({ failed_attempts: attempts, locked_until: lockedUntil })
      .where('id', '=', userId)
      .execute();
  }

  async recordSuccess(userId: string, at: Date, ip: string | null): Promise<void> {
    await this.db
      .updateTable('app_user')
      .set({ failed_attempts: 0, locked_until: null, last_login_at: at, last_login_ip: ip })
      .where('id', '=', userId)
      .execute();
  }

  async setPassword(userId: string, hash: string, at: Date, mustChange: boolean): Promise<void> {
    await this.db
      .updateTable('app_user')
      .set({
        password_hash: hash,
        password_changed_at: at,
        must_change_password: mustChange,
        updated_at: at,
        updated_by: userId,
      })
      .where('id', '=', userId)
      .execute();
  }

  async insertSession(row: Insertable<UserSessionTable>): Promise<void> {
    await this.db.insertInto('user_session').values(row).execute();
  }

  findSession(id: string) {
    return this.db.selectFrom('user_session').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async touchSession(id: string, at: Date): Promise<void> {
    await this.db.updateTable('user_session').set({ last_seen_at: at }).where('id', '=', id).execute();
  }

  async revokeSession(id: string, at: Date, reason: string): Promise<void> {
    await this.db
      .updateTable('user_session')
      .set({ revoked_at: at, revoked_reason: reason })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .execute();
  }

  async revokeUserSessions(userId: string, at: Date, reason: string, exceptId?: string): Promise<void> {
    let q = this.db
      .updateTable('user_session')
      .set({ revoked_at: at, revoked_reason: reason })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null);
    if (exceptId) q = q.where('id', '!=', exceptId);
    await q.execute();
  }

  async insertLoginLog(row: Insertable<LoginLogTable>): Promise<void> {
    await this.db.insertInto('login_log').values(row).execute();
  }

  /** User, organisation, active roles and their permissions in three queries. */
  async loadIdentity(userId: string) {
    const user = await this.db
      .selectFrom('app_user as u')
      .innerJoin('organization as o', 'o.id', 'u.org_id')
      .select([
        'u.id',
        'u.username',
        'u.display_name',
        'u.status',
        'u.must_change_password',
        'u.password_changed_at',
        'u.is_demo',
        'u.org_id',
        'o.name as org_name',
        'o.type as org_type',
        'o.region_code as org_region_code',
        'o.parent_id as org_parent_id',
      ])
      .where('u.id', '=', userId)
      .executeTakeFirst();
    if (!user) return undefined;
    const roles = await this.db
      .selectFrom('user_role as ur')
      .innerJoin('role as r', 'r.id', 'ur.role_id')
      .select(['r.id', 'r.code', 'r.data_scope'])
      .where('ur.user_id', '=', userId)
      .where('r.status', '=', 'active')
      .execute();
    const perms =
      roles.length === 0
        ? []
        : await this.db
            .selectFrom('role_permission')
            .select('permission_code')
            .distinct()
            .where(
              'role_id',
              'in',
              roles.map((r) => r.id),
            )
            .execute();
    return {
      user,
      roles: roles.map((r) => ({ code: r.code, scope: r.data_scope })),
      permissions: perms.map((p) => p.permission_code),
    };
  }

  /** The nearest city-level organisation at or above orgId (for the 'city' scope). */
  async cityAncestor(orgId: string): Promise<{ id: string; type: string } | undefined> {
    const rows = await sql<{ id: string; type: string; depth: number }>`
      with recursive up(id, parent_id, type, depth) as (
        select id, parent_id, type, 0 from organization where id = ${orgId}
        union all
        select o.id, o.parent_id, o.type, up.depth + 1 from organization o join up on o.id = up.parent_id where up.depth < 10
      )
      select id, type, depth from up where type in ('city_bureau', 'province_bureau') order by depth limit 1
    `.execute(this.db);
    return rows.rows[0];
  }

  /**
   * Region codes an organisation supervises: its 管辖关系 rows as listed (the seed lists every code, so
   * 咸阳 can exclude 杨陵区 for 杨凌示范区); with no rows, its own region and that region's descendants.
   */
  async jurisdictionRegions(orgId: string, today: string): Promise<string[]> {
    const rows = await sql<{ code: string }>`
      with recursive listed(code) as (
        select region_code from org_jurisdiction
         where org_id = ${orgId}
           and (valid_from is null or valid_from <= ${today}::date)
           and (valid_to is null or valid_to >= ${today}::date)
      ),
      tree(code, depth) as (
        select region_code, 0 from organization where id = ${orgId} and not exists (select 1 from listed)
        union all
        select r.code, tree.depth + 1 from region r join tree on r.parent_code = tree.code where tree.depth < 3
      )
      select code from listed
      union
      select code from tree
      order by code
    `.execute(this.db);
    return rows.rows.map((r) => r.code);
  }
}
