import { Type } from '@sinclair/typebox';
import { PageQuery, Paged } from '../../platform/http/schemas.js';
import { Nullable } from './system.common.js';

export const DataScope = Type.Union(
  [
    Type.Literal('all'),
    Type.Literal('city'),
    Type.Literal('county'),
    Type.Literal('org'),
    Type.Literal('self'),
    Type.Literal('assigned'),
  ],
  {
    description: '数据范围：all 全部 / city 本市管辖 / county 本县 / org 本机构 / self 本人 / assigned 指派',
  },
);

const Status = Type.Union([Type.Literal('active'), Type.Literal('disabled')]);

export const RoleListQuery = Type.Object({
  keyword: Type.Optional(Type.String({ maxLength: 64, description: '角色编码或名称（模糊）' })),
  status: Type.Optional(Status),
  ...PageQuery,
});

export const RoleItem = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  description: Nullable(Type.String()),
  dataScope: DataScope,
  builtin: Type.Boolean(),
  status: Status,
  sort: Type.Integer(),
  userCount: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const RoleDetail = Type.Object({ ...RoleItem.properties, permissions: Type.Array(Type.String()) });

export const RolePage = Paged(RoleItem);

const Codes = Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 500, uniqueItems: true });

export const CreateRoleBody = Type.Object(
  {
    code: Type.String({ pattern: '^[a-z][a-z0-9_]{1,47}$', description: '小写字母开头，字母、数字、下划线' }),
    name: Type.String({ minLength: 1, maxLength: 64 }),
    description: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    dataScope: DataScope,
    sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })),
    permissions: Type.Optional(Codes),
  },
  { additionalProperties: false },
);

export const UpdateRoleBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    description: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    dataScope: Type.Optional(DataScope),
    sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })),
  },
  { additionalProperties: false },
);

export const SetPermissionsBody = Type.Object({ codes: Codes }, { additionalProperties: false });

const PermissionLeaf = Type.Object({ code: Type.String(), name: Type.String() });

export const PermissionCatalogue = Type.Object({
  modules: Type.Array(Type.Object({ module: Type.String(), permissions: Type.Array(PermissionLeaf) })),
});

export const RolePermissionTree = Type.Object({
  roleId: Type.String(),
  granted: Type.Array(Type.String()),
  modules: Type.Array(
    Type.Object({
      module: Type.String(),
      permissions: Type.Array(Type.Object({ ...PermissionLeaf.properties, granted: Type.Boolean() })),
    }),
  ),
});
