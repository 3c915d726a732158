import type { Principal } from '../../platform/access/principal.js';
import type { AppContext } from '../../platform/context.js';
import type { ListQuery, Page } from '../../platform/http/paging.js';
import { SessionsRepository, type SessionRow } from './sessions.repository.js';
import { need } from './system.common.js';
import { SystemErrors } from './system.errors.js';

/** Reason stored on a forced logout; the auth hook answers the next request with 401 SESSION_REVOKED. */
export const FORCED_LOGOUT_REASON = 'forced';

/** 在线用户 and 强制下线 (security administrator). */
export class SessionsService {
  constructor(private readonly ctx: AppContext) {}

  /** Active sessions within the data scope. */
  async list(
    p: Principal,
    f: { keyword?: string | undefined; orgId?: string | undefined },
    q: ListQuery,
  ): Promise<Page<SessionRow>> {
    need(p, 'session:list');
    return new SessionsRepository(this.ctx.db).list(
      p,
      f,
      this.ctx.clock.now(),
      this.ctx.config.sessionIdleMinutes,
      q,
    );
  }

  /** Ends another user's session now; one's own session ends by logging out. */
  async revoke(p: Principal, id: string): Promise<SessionRow> {
    need(p, 'session:revoke');
    if (id === p.sessionId) throw SystemErrors.ownSession();
    const now = this.ctx.clock.now();
    return this.ctx.db.transaction().execute(async (trx) => {
      const repo = new SessionsRepository(trx);
      const s = await repo.findActive(p, id, now, this.ctx.config.sessionIdleMinutes);
      if (!s) throw SystemErrors.sessionNotFound();
      await repo.revoke(id, now, FORCED_LOGOUT_REASON);
      return s;
    });
  }
}
