import { Type } from '@sinclair/typebox';

export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 128 }),
  },
  { additionalProperties: false },
);

export const ChangePasswordBody = Type.Object(
  {
    oldPassword: Type.String({ minLength: 1, maxLength: 128 }),
    newPassword: Type.String({ minLength: 1, maxLength: 128 }),
  },
  { additionalProperties: false },
);

export const MeReply = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  org: Type.Object({
    id: Type.String(),
    name: Type.String(),
    type: Type.String(),
    regionCode: Type.String(),
  }),
  roles: Type.Array(Type.String()),
  permissions: Type.Array(Type.String()),
  dataScopes: Type.Array(Type.String()),
  mustChangePassword: Type.Boolean(),
  passwordPolicy: Type.String(),
});

export const LoginReply = Type.Object({ user: MeReply, csrfToken: Type.String(), token: Type.String() });
