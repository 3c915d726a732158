import type { Principal } from '../../platform/access/principal.js';
import { scopeWhere } from '../../platform/access/scope.js';
import type { Database } from '../../platform/db/database.js';
import { paginate, type ListQuery } from '../../platform/http/paging.js';
import { likePattern } from './system.sql.js';

export interface AuditFilter {
  username?: string | undefined;
  action?: string | undefined;
  result?: 'success' | 'failure' | undefined;
  from?: string | undefined;
  to?: string | undefined;
  targetType?: string | undefined;
  targetId?: string | undefined;
}

export interface LoginLogFilter {
  username?: string | undefined;
  result?: string | undefined;
  ip?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** Reads of the audit log and the login log (both append-only; nothing here writes). */
const AUDIT_LIST_COLUMNS = [
  'a.id',
  'a.seq',
  'a.at',
  'a.user_id',
  'a.username',
  'a.org_name',
  'a.action',
  'a.method',
  'a.path',
  'a.target_type',
  'a.target_id',
  'a.ip',
  'a.result',
  'a.status_code',
  'a.request_id',
] as const;

export class LogsRepository {
  constructor(private readonly db: Database) {}

  private audit(p: Principal) {
    return this.db
      .selectFrom('audit_log as a')
      .leftJoin('organization as o', 'o.id', 'a.org_id')
      .where((eb) => scopeWhere(eb, p, { region: 'o.region_code', org: 'a.org_id', owner: 'a.user_id' }));
  }

  listAudit(p: Principal, f: AuditFilter, q: ListQuery) {
    let qb = this.audit(p).select(AUDIT_LIST_COLUMNS);
    if (f.username) qb = qb.where('a.username', '=', f.username);
    if (f.action) qb = qb.where('a.action', 'ilike', likePattern(f.action));
    if (f.result) qb = qb.where('a.result', '=', f.result);
    if (f.from) qb = qb.where('a.at', '>=', new Date(f.from));
    if (f.to) qb = qb.where('a.at', '<=', new Date(f.to));
    if (f.targetType) qb = qb.where('a.target_type', '=', f.targetType);
    if (f.targetId) qb = qb.where('a.target_id', '=', f.targetId);
    return paginate(
      this.db,
      qb,
      q,
      { at: 'a.at', seq: 'a.seq', username: 'a.username', action: 'a.action' },
      '-seq',
    );
  }

  findAudit(p: Principal, id: string) {
    return this.audit(p)
      .select([...AUDIT_LIST_COLUMNS, 'a.detail', 'a.prev_hash', 'a.hash'])
      .where('a.id', '=', id)
      .executeTakeFirst();
  }

  listLogins(p: Principal, f: LoginLogFilter, q: ListQuery) {
    let qb = this.db
      .selectFrom('login_log as l')
      .leftJoin('organization as o', 'o.id', 'l.org_id')
      .where((eb) => scopeWhere(eb, p, { region: 'o.region_code', org: 'l.org_id', owner: 'l.user_id' }))
      .select([
        'l.id',
        'l.username',
        'l.user_id',
        'o.name as org_name',
        'l.ip',
        'l.user_agent',
        'l.result',
        'l.message',
        'l.created_at',
      ]);
    if (f.username) qb = qb.where('l.username', 'ilike', likePattern(f.username));
    if (f.result) qb = qb.where('l.result', '=', f.result);
    if (f.ip) qb = qb.where('l.ip', '=', f.ip);
    if (f.from) qb = qb.where('l.created_at', '>=', new Date(f.from));
    if (f.to) qb = qb.where('l.created_at', '<=', new Date(f.to));
    return paginate(
      this.db,
      qb,
      q,
      { createdAt: 'l.created_at', username: 'l.username', result: 'l.result' },
      '-createdAt',
    );
  }
}

export type AuditRow = Awaited<ReturnType<LogsRepository['listAudit']>>['items'][number];
export type AuditDetailRow = NonNullable<Awaited<ReturnType<LogsRepository['findAudit']>>>;
export type LoginLogRow = Awaited<ReturnType<LogsRepository['listLogins']>>['items'][number];
