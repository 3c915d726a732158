import type { Static } from '@sinclair/typebox';
import type { XlsxColumn } from '../../platform/documents/xlsx.js';
import type { SessionRow } from './sessions.repository.js';
import type { SessionItem } from './sessions.schemas.js';
import { iso, localTime } from './system.common.js';

/** user_session row → API (the id is the token's hash, never the token). */
export function presentSession(s: SessionRow, currentSessionId: string): Static<typeof SessionItem> {
  return {
    id: s.id,
    userId: s.user_id,
    username: s.username,
    displayName: s.display_name,
    orgName: s.org_name,
    ip: s.ip,
    userAgent: s.user_agent,
    loginAt: iso(s.created_at)!,
    lastSeenAt: iso(s.last_seen_at)!,
    expiresAt: iso(s.expires_at)!,
    current: s.id === currentSessionId,
  };
}

export const SESSION_XLSX: XlsxColumn<Static<typeof SessionItem>>[] = [
  { header: '用户名', value: (s) => s.username, width: 16 },
  { header: '姓名', value: (s) => s.displayName, width: 12 },
  { header: '所属机构', value: (s) => s.orgName, width: 30 },
  { header: 'IP 地址', value: (s) => s.ip, width: 16 },
  { header: '登录时间', value: (s) => localTime(s.loginAt), width: 20 },
  { header: '最近访问时间', value: (s) => localTime(s.lastSeenAt), width: 20 },
  { header: '浏览器', value: (s) => s.userAgent, width: 40 },
];
