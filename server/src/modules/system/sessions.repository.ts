import { sql } from 'kysely';
import type { Principal } from '../../platform/access/principal.js';
import { scopeWhere } from '../../platform/access/scope.js';
import type { Database } from '../../platform/db/database.js';
import { paginate, type ListQuery } from '../../platform/http/paging.js';
import { likePattern, orgSubtree } from './system.sql.js';

/** Online sessions: not revoked, not past their absolute expiry, not idle longer than the idle timeout. */
export class SessionsRepository {
  constructor(private readonly db: Database) {}

  private active(p: Principal, now: Date, idleMinutes: number) {
    const idleSince = new Date(now.getTime() - idleMinutes * 60000);
    return this.db
      .selectFrom('user_session as s')
      .innerJoin('app_user as u', 'u.id', 's.user_id')
      .innerJoin('organization as o', 'o.id', 'u.org_id')
      .where('s.revoked_at', 'is', null)
      .where('s.expires_at', '>', now)
      .where('s.last_seen_at', '>', idleSince)
      .where((eb) => scopeWhere(eb, p, { region: 'o.region_code', org: 'u.org_id', owner: 'u.id' }))
      .select([
        's.id',
        's.user_id',
        'u.username',
        'u.display_name',
        'o.name as org_name',
        's.ip',
        's.user_agent',
        's.created_at',
        's.last_seen_at',
        's.expires_at',
      ]);
  }

  list(
    p: Principal,
    f: { keyword?: string | undefined; orgId?: string | undefined },
    now: Date,
    idleMinutes: number,
    q: ListQuery,
  ) {
    let qb = this.active(p, now, idleMinutes);
    if (f.keyword) {
      const k = likePattern(f.keyword);
      qb = qb.where((eb) => eb.or([eb('u.username', 'ilike', k), eb('u.display_name', 'ilike', k)]));
    }
    if (f.orgId) qb = qb.where(sql<boolean>`u.org_id in ${orgSubtree(f.orgId)}`);
    return paginate(
      this.db,
      qb,
      q,
      { lastSeenAt: 's.last_seen_at', loginAt: 's.created_at', username: 'u.username' },
      '-lastSeenAt',
    );
  }

  findActive(p: Principal, id: string, now: Date, idleMinutes: number) {
    return this.active(p, now, idleMinutes).where('s.id', '=', id).executeTakeFirst();
  }

  async revoke(id: string, at: Date, reason: string): Promise<void> {
    await this.db
      .updateTable('user_session')
      .set({ revoked_at: at, revoked_reason: reason })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .execute();
  }
}

export type SessionRow = NonNullable<Awaited<ReturnType<SessionsRepository['findActive']>>>;
