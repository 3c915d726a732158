import { Type } from '@sinclair/typebox';
import { PageQuery, Paged } from '../../platform/http/schemas.js';
import { Nullable } from './system.common.js';

const ValueType = Type.Union([Type.Literal('string'), Type.Literal('int'), Type.Literal('bool')]);

export const ParamListQuery = Type.Object({
  keyword: Type.Optional(Type.String({ maxLength: 100, description: '参数键或名称（模糊）' })),
  ...PageQuery,
});

export const ParamKeyParams = Type.Object({ key: Type.String({ minLength: 1, maxLength: 100 }) });

export const ParamItem = Type.Object({
  key: Type.String(),
  value: Type.String(),
  name: Type.String(),
  remark: Nullable(Type.String()),
  valueType: ValueType,
  editable: Type.Boolean({ description: 'false：来自环境变量，只读展示' }),
  updatedAt: Type.String(),
  updatedBy: Nullable(Type.String()),
});

export const ParamPage = Paged(ParamItem);

export const UpdateParamBody = Type.Object(
  { value: Type.String({ maxLength: 500 }) },
  { additionalProperties: false },
);
