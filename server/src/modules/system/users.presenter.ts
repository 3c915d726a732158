import type { Static } from '@sinclair/typebox';
import type { XlsxColumn } from '../../platform/documents/xlsx.js';
import { iso, localTime, STATUS_LABEL } from './system.common.js';
import { maskPhone } from './system.rules.js';
import type { UserDetail, UserItem } from './users.schemas.js';
import type { UserWithRoles } from './users.service.js';

const isLocked = (u: UserWithRoles, now: Date) => u.locked_until !== null && u.locked_until > now;

/** List row: phone masked, no password hash. */
export function presentUserItem(u: UserWithRoles, now: Date): Static<typeof UserItem> {
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    org: { id: u.org_id, name: u.org_name, regionCode: u.org_region_code },
    phone: maskPhone(u.phone),
    email: u.email,
    status: u.status,
    locked: isLocked(u, now),
    lockedUntil: isLocked(u, now) ? iso(u.locked_until) : null,
    mustChangePassword: u.must_change_password,
    roles: u.roles.map((r) => ({ id: r.id, code: r.code, name: r.name })),
    lastLoginAt: iso(u.last_login_at),
    lastLoginIp: u.last_login_ip,
    createdAt: iso(u.created_at)!,
  };
}

/** Detail for the edit form: the full phone number for the administrator, still no password hash. */
export function presentUserDetail(u: UserWithRoles, now: Date): Static<typeof UserDetail> {
  return {
    ...presentUserItem(u, now),
    phone: u.phone,
    failedAttempts: u.failed_attempts,
    passwordChangedAt: iso(u.password_changed_at),
    updatedAt: iso(u.updated_at)!,
  };
}

export const USER_XLSX: XlsxColumn<Static<typeof UserItem>>[] = [
  { header: '用户名', value: (u) => u.username, width: 16 },
  { header: '姓名', value: (u) => u.displayName, width: 12 },
  { header: '所属机构', value: (u) => u.org.name, width: 30 },
  { header: '手机号码', value: (u) => u.phone, width: 14 },
  { header: '电子邮箱', value: (u) => u.email, width: 24 },
  { header: '角色', value: (u) => u.roles.map((r) => r.name).join('、'), width: 24 },
  { header: '状态', value: (u) => STATUS_LABEL[u.status] ?? u.status },
  { header: '是否锁定', value: (u) => (u.locked ? '是' : '否') },
  { header: '最近登录时间', value: (u) => localTime(u.lastLoginAt), width: 20 },
  { header: '最近登录IP', value: (u) => u.lastLoginIp, width: 16 },
  { header: '创建时间', value: (u) => localTime(u.createdAt), width: 20 },
];
