import { createHash } from 'node:crypto';

/** The fields that the chain hash covers, in a fixed order. */
export interface ChainedFields {
  seq: string;
  id: string;
  at: string;
  user_id: string | null;
  username: string | null;
  org_id: string | null;
  action: string;
  method: string | null;
  path: string | null;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  result: 'success' | 'failure';
  status_code: number | null;
  request_id: string | null;
  detail: string | null;
}

export const GENESIS_HASH = '0'.repeat(64);

/** SM3(prev_hash || canonical JSON of the row) — 国密 hash, so tampering with any row breaks every later link. */
export function chainHash(prevHash: string, f: ChainedFields): string {
  const canonical = JSON.stringify([
    f.seq,
    f.id,
    f.at,
    f.user_id,
    f.username,
    f.org_id,
    f.action,
    f.method,
    f.path,
    f.target_type,
    f.target_id,
    f.ip,
    f.result,
    f.status_code,
    f.request_id,
    f.detail,
  ]);
  return createHash('sm3').update(prevHash).update(canonical).digest('hex');
}
