import type { Static } from '@sinclair/typebox';
import type { XlsxColumn } from '../../platform/documents/xlsx.js';
import type { PermissionRow, RoleRow } from './roles.repository.js';
import type { PermissionCatalogue, RoleDetail, RoleItem, RolePermissionTree } from './roles.schemas.js';
import type { RolePermissions, RoleWithPermissions } from './roles.service.js';
import { iso, localTime, STATUS_LABEL } from './system.common.js';

/** role row → API. */
export function presentRole(r: RoleRow): Static<typeof RoleItem> {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    description: r.description,
    dataScope: r.data_scope,
    builtin: r.builtin,
    status: r.status,
    sort: r.sort,
    userCount: Number(r.user_count ?? 0),
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
  };
}

/** role row with its codes → API. */
export function presentRoleDetail(r: RoleWithPermissions): Static<typeof RoleDetail> {
  return { ...presentRole(r), permissions: r.permissions };
}

/** Groups the catalogue by module, keeping the catalogue's order. */
function byModule<T>(
  rows: PermissionRow[],
  leaf: (p: PermissionRow) => T,
): Array<{ module: string; permissions: T[] }> {
  const out: Array<{ module: string; permissions: T[] }> = [];
  for (const p of rows) {
    let m = out.find((x) => x.module === p.module);
    if (!m) out.push((m = { module: p.module, permissions: [] }));
    m.permissions.push(leaf(p));
  }
  return out;
}

/** The permission catalogue as a tree of modules. */
export function presentCatalogue(rows: PermissionRow[]): Static<typeof PermissionCatalogue> {
  return { modules: byModule(rows, (p) => ({ code: p.code, name: p.name })) };
}

/** A role's permissions as the catalogue tree with granted flags. */
export function presentRolePermissions(r: RolePermissions): Static<typeof RolePermissionTree> {
  const granted = new Set(r.granted);
  return {
    roleId: r.roleId,
    granted: r.granted,
    modules: byModule(r.catalogue, (p) => ({ code: p.code, name: p.name, granted: granted.has(p.code) })),
  };
}

const SCOPE_LABEL: Record<string, string> = {
  all: '全部数据',
  city: '本市管辖区域',
  county: '本县（区）',
  org: '本机构',
  self: '仅本人',
  assigned: '指派给本人',
};

export const ROLE_XLSX: XlsxColumn<Static<typeof RoleItem>>[] = [
  { header: '角色编码', value: (r) => r.code, width: 20 },
  { header: '角色名称', value: (r) => r.name, width: 20 },
  { header: '数据范围', value: (r) => SCOPE_LABEL[r.dataScope] ?? r.dataScope, width: 14 },
  { header: '内置', value: (r) => (r.builtin ? '是' : '否') },
  { header: '状态', value: (r) => STATUS_LABEL[r.status] ?? r.status },
  { header: '用户数', value: (r) => r.userCount },
  { header: '说明', value: (r) => r.description, width: 50 },
  { header: '创建时间', value: (r) => localTime(r.createdAt), width: 20 },
];
