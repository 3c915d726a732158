import type { Principal } from '../../platform/access/principal.js';
import { verifyAuditChain, type VerifyResult } from '../../platform/audit/audit.service.js';
import type { AppContext } from '../../platform/context.js';
import type { ListQuery, Page } from '../../platform/http/paging.js';
import {
  LogsRepository,
  type AuditDetailRow,
  type AuditFilter,
  type AuditRow,
  type LoginLogFilter,
  type LoginLogRow,
} from './logs.repository.js';
import { need } from './system.common.js';
import { SystemErrors } from './system.errors.js';

const checkRange = (f: { from?: string | undefined; to?: string | undefined }) => {
  if (f.from && f.to && new Date(f.to) < new Date(f.from)) throw SystemErrors.timeRange();
};

/** 审计日志 and 登录日志 (audit administrator; login log also the security administrator). */
export class LogsService {
  constructor(private readonly ctx: AppContext) {}

  /** Paged audit log query. */
  async audit(p: Principal, f: AuditFilter, q: ListQuery): Promise<Page<AuditRow>> {
    need(p, 'audit:list');
    checkRange(f);
    return new LogsRepository(this.ctx.db).listAudit(p, f, q);
  }

  /** One audit entry with its detail and chain hashes. */
  async auditEntry(p: Principal, id: string): Promise<AuditDetailRow> {
    need(p, 'audit:list');
    const row = await new LogsRepository(this.ctx.db).findAudit(p, id);
    if (!row) throw SystemErrors.auditNotFound();
    return row;
  }

  /** Walks the hash chain (等保三级: tampering with or deleting an entry shows). */
  async verify(p: Principal): Promise<VerifyResult> {
    need(p, 'audit:verify');
    return verifyAuditChain(this.ctx.db);
  }

  /** Paged login log query. */
  async logins(p: Principal, f: LoginLogFilter, q: ListQuery): Promise<Page<LoginLogRow>> {
    need(p, 'loginlog:list');
    checkRange(f);
    return new LogsRepository(this.ctx.db).listLogins(p, f, q);
  }
}
