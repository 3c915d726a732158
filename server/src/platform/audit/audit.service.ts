import { sql } from 'kysely';
import type { AppContext } from '../context.js';
import type { Database } from '../db/database.js';
import { uuidv7 } from '../ids.js';
import { chainHash, GENESIS_HASH, type ChainedFields } from './audit.chain.js';

/** One audit entry: who, organisation, when, what, target, IP, result. */
export interface AuditEntry {
  userId?: string | null;
  username?: string | null;
  orgId?: string | null;
  orgName?: string | null;
  action: string;
  method?: string | null;
  path?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  ip?: string | null;
  result: 'success' | 'failure';
  statusCode?: number | null;
  requestId?: string | null;
  detail?: unknown;
}

// Serialises appends across nodes so the chain has no forks (PostgreSQL 12 advisory lock).
const AUDIT_LOCK_KEY = 7_010_001;

function detailText(detail: unknown): string | null {
  if (detail === undefined || detail === null) return null;
  const s = typeof detail === 'string' ? detail : JSON.stringify(detail);
  return s.length > 4000 ? s.slice(0, 4000) + '…' : s;
}

/** Appends one row to the hash-chained audit log in its own transaction. */
export async function appendAudit(ctx: Pick<AppContext, 'db' | 'clock'>, e: AuditEntry): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.execute(trx);
    const last = await trx
      .selectFrom('audit_log')
      .select(['seq', 'hash'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    const seq = (BigInt(last?.seq ?? '0') + 1n).toString();
    const at = ctx.clock.now();
    const f: ChainedFields = {
      seq,
      id: uuidv7(),
      at: at.toISOString(),
      user_id: e.userId ?? null,
      username: e.username ?? null,
      org_id: e.orgId ?? null,
      action: e.action,
      method: e.method ?? null,
      path: e.path ?? null,
      target_type: e.targetType ?? null,
      target_id: e.targetId ?? null,
      ip: e.ip ?? null,
      result: e.result,
      status_code: e.statusCode ?? null,
      request_id: e.requestId ?? null,
      detail: detailText(e.detail),
    };
    const prev = last?.hash ?? GENESIS_HASH;
    await trx
      .insertInto('audit_log')
      .values({ ...f, at, org_name: e.orgName ?? null, prev_hash: prev, hash: chainHash(prev, f) })
      .execute();
  });
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  /** First broken link: a changed row (hash mismatch) or a gap (deleted row). */
  problem?: { seq: string; kind: 'changed' | 'deleted' | 'relinked'; message: string };
}

/** Walks the whole chain in seq order, in pages; detects a changed, deleted or re-linked row. */
export async function verifyAuditChain(db: Database, pageSize = 5000): Promise<VerifyResult> {
  let prev = GENESIS_HASH;
  let expectedSeq = 1n;
  let checked = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>=', expectedSeq.toString())
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    if (rows.length === 0) return { ok: true, checked };
    for (const r of rows) {
      const seq = BigInt(r.seq);
      if (seq !== expectedSeq) {
        return {
          ok: false,
          checked,
          problem: {
            seq: expectedSeq.toString(),
            kind: 'deleted',
            message: `第 ${expectedSeq} 条审计记录缺失（被删除）`,
          },
        };
      }
      if (r.prev_hash !== prev) {
        return {
          ok: false,
          checked,
          problem: { seq: r.seq, kind: 'relinked', message: `第 ${r.seq} 条审计记录的前序哈希与链不符` },
        };
      }
      const f: ChainedFields = {
        seq: r.seq,
        id: r.id,
        at: r.at.toISOString(),
        user_id: r.user_id,
        username: r.username,
        org_id: r.org_id,
        action: r.action,
        method: r.method,
        path: r.path,
        target_type: r.target_type,
        target_id: r.target_id,
        ip: r.ip,
        result: r.result,
        status_code: r.status_code,
        request_id: r.request_id,
        detail: r.detail,
      };
      if (chainHash(prev, f) !== r.hash) {
        return {
          ok: false,
          checked,
          problem: { seq: r.seq, kind: 'changed', message: `第 ${r.seq} 条审计记录内容被篡改` },
        };
      }
      prev = r.hash;
      expectedSeq = seq + 1n;
      checked++;
    }
  }
}
