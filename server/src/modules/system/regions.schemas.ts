import { Type } from '@sinclair/typebox';
import { PageQuery, Paged } from '../../platform/http/schemas.js';
import { Nullable } from './system.common.js';

export const RegionListQuery = Type.Object({
  keyword: Type.Optional(Type.String({ maxLength: 64, description: '代码或名称（模糊）' })),
  level: Type.Optional(Type.Integer({ minimum: 1, maximum: 3, description: '1 省 / 2 地级市 / 3 县级' })),
  parentCode: Type.Optional(Type.String({ pattern: '^\\d{6}$' })),
  ...PageQuery,
});

const note = {
  note: Nullable(Type.String({ description: '※ 区划调整项说明（待用民政部最新代码核对）' })),
  unverified: Type.Boolean({ description: '※ 项：之后调整过、尚未核对的县级单位' }),
};

export const RegionItem = Type.Object({
  code: Type.String(),
  name: Type.String(),
  level: Type.Integer(),
  parentCode: Nullable(Type.String()),
  kind: Type.String(),
  validFrom: Nullable(Type.String()),
  validTo: Nullable(Type.String()),
  predecessorCode: Nullable(Type.String()),
  ...note,
});

export const RegionPage = Paged(RegionItem);

export const RegionTreeNode = Type.Recursive(
  (Self) =>
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      level: Type.Integer(),
      kind: Type.String(),
      predecessorCode: Nullable(Type.String()),
      ...note,
      inScope: Type.Boolean({ description: '是否在本人数据范围内（可用于业务记录）' }),
      children: Type.Array(Self),
    }),
  { $id: 'SystemRegionTreeNode' },
);

export const RegionTreeQuery = Type.Object(
  { scoped: Type.Optional(Type.Boolean({ description: 'true 时只返回本人数据范围内的区划（及其上级）' })) },
  { additionalProperties: false },
);

export const RegionTree = Type.Object({
  items: Type.Array(RegionTreeNode),
  note: Type.String({ description: '数据来源与核对说明' }),
});
