import { Type } from '@sinclair/typebox';
import { PageQuery, Paged, Uuid } from '../../platform/http/schemas.js';
import { Nullable } from './system.common.js';
import { USERNAME_PATTERN } from './system.rules.js';

const Status = Type.Union([Type.Literal('active'), Type.Literal('disabled')]);

export const UserListQuery = Type.Object({
  keyword: Type.Optional(Type.String({ maxLength: 64, description: '用户名或姓名（模糊）' })),
  orgId: Type.Optional(Type.String({ format: 'uuid', description: '所属机构（含下级机构）' })),
  status: Type.Optional(Status),
  roleCode: Type.Optional(Type.String({ maxLength: 48, description: '持有该角色的用户' })),
  ...PageQuery,
});

const RoleRef = Type.Object({ id: Type.String(), code: Type.String(), name: Type.String() });
const OrgRef = Type.Object({ id: Type.String(), name: Type.String(), regionCode: Type.String() });

export const UserItem = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  org: OrgRef,
  phone: Nullable(Type.String({ description: '列表中脱敏显示，如 138****1234' })),
  email: Nullable(Type.String()),
  status: Status,
  locked: Type.Boolean({ description: '因密码错误次数过多处于锁定中' }),
  lockedUntil: Nullable(Type.String()),
  mustChangePassword: Type.Boolean(),
  roles: Type.Array(RoleRef),
  lastLoginAt: Nullable(Type.String()),
  lastLoginIp: Nullable(Type.String()),
  createdAt: Type.String(),
});

export const UserDetail = Type.Object({
  ...UserItem.properties,
  phone: Nullable(Type.String()),
  failedAttempts: Type.Integer(),
  passwordChangedAt: Nullable(Type.String()),
  updatedAt: Type.String(),
});

export const UserPage = Paged(UserItem);

export const CreateUserBody = Type.Object(
  {
    username: Type.String({ pattern: USERNAME_PATTERN, description: '字母开头，3–64 位字母、数字、_ . -' }),
    displayName: Type.String({ minLength: 1, maxLength: 64 }),
    orgId: Uuid,
    phone: Type.Optional(Nullable(Type.String({ maxLength: 32 }))),
    email: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 128 }))),
    password: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 128,
        description: '不填则生成一次性初始密码并在响应中返回一次',
      }),
    ),
  },
  { additionalProperties: false },
);

export const UpdateUserBody = Type.Object(
  {
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    orgId: Type.Optional(Uuid),
    phone: Type.Optional(Nullable(Type.String({ maxLength: 32 }))),
    email: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 128 }))),
  },
  { additionalProperties: false },
);

export const CreateUserReply = Type.Object({
  user: UserDetail,
  initialPassword: Nullable(Type.String({ description: '系统生成的一次性密码，仅此一次返回' })),
});

export const PasswordReply = Type.Object({
  password: Type.String({ description: '一次性密码，仅此一次返回；用户登录后须修改' }),
});

export const AssignRolesBody = Type.Object(
  { roleIds: Type.Array(Uuid, { maxItems: 50, uniqueItems: true }) },
  { additionalProperties: false },
);
