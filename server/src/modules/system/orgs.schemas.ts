import { Type } from '@sinclair/typebox';
import { DateStr, PageQuery, Paged, Uuid } from '../../platform/http/schemas.js';
import { Nullable } from './system.common.js';

export const OrgTypeSchema = Type.Union(
  [
    Type.Literal('province_bureau'),
    Type.Literal('city_bureau'),
    Type.Literal('county_bureau'),
    Type.Literal('market_station'),
    Type.Literal('institution'),
    Type.Literal('enterprise'),
    Type.Literal('expert_group'),
    Type.Literal('ops_unit'),
  ],
  { description: '机构类型（字典 sys_org_type）' },
);

const Status = Type.Union([Type.Literal('active'), Type.Literal('disabled')]);

export const OrgListQuery = Type.Object({
  keyword: Type.Optional(
    Type.String({ maxLength: 100, description: '名称、简称、编码或统一社会信用代码（模糊）' }),
  ),
  type: Type.Optional(OrgTypeSchema),
  status: Type.Optional(Status),
  parentId: Type.Optional(Type.String({ format: 'uuid', description: '直接上级机构' })),
  regionCode: Type.Optional(Type.String({ pattern: '^\\d{6}$' })),
  ...PageQuery,
});

export const OrgTreeQuery = Type.Object({
  status: Type.Optional(Status),
});

export const OrgItem = Type.Object({
  id: Type.String(),
  parentId: Nullable(Type.String()),
  parentName: Nullable(Type.String()),
  code: Nullable(Type.String()),
  name: Type.String(),
  shortName: Nullable(Type.String()),
  type: OrgTypeSchema,
  regionCode: Type.String(),
  regionName: Type.String(),
  creditCode: Nullable(Type.String()),
  contactPhone: Nullable(Type.String({ description: '列表中脱敏显示' })),
  status: Status,
  sort: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const OrgPage = Paged(OrgItem);

export const OrgTreeNode = Type.Recursive(
  (Self) =>
    Type.Object({
      id: Type.String(),
      parentId: Nullable(Type.String()),
      code: Nullable(Type.String()),
      name: Type.String(),
      shortName: Nullable(Type.String()),
      type: Type.String(),
      regionCode: Type.String(),
      status: Type.String(),
      children: Type.Array(Self),
    }),
  { $id: 'SystemOrgTreeNode' },
);

export const OrgTree = Type.Object({ items: Type.Array(OrgTreeNode) });

const writable = {
  name: Type.String({ minLength: 1, maxLength: 100 }),
  shortName: Type.Optional(Nullable(Type.String({ maxLength: 50 }))),
  code: Type.Optional(
    Nullable(
      Type.String({ pattern: '^[A-Za-z0-9_-]{2,32}$', description: '机构编码（稳定，用于数据迁移映射）' }),
    ),
  ),
  type: OrgTypeSchema,
  parentId: Type.Optional(Nullable(Uuid)),
  regionCode: Type.String({ pattern: '^\\d{6}$', description: '所在行政区划（GB/T 2260）' }),
  creditCode: Type.Optional(Nullable(Type.String({ maxLength: 18 }))),
  contactPhone: Type.Optional(Nullable(Type.String({ maxLength: 32 }))),
  sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })),
};

export const CreateOrgBody = Type.Object(writable, { additionalProperties: false });

export const UpdateOrgBody = Type.Object(
  {
    ...writable,
    name: Type.Optional(writable.name),
    type: Type.Optional(writable.type),
    regionCode: Type.Optional(writable.regionCode),
  },
  { additionalProperties: false },
);

const JurisdictionEntry = Type.Object(
  {
    regionCode: Type.String({ pattern: '^\\d{6}$' }),
    validFrom: Type.Optional(Nullable(DateStr)),
    validTo: Type.Optional(Nullable(DateStr)),
  },
  { additionalProperties: false },
);

export const JurisdictionBody = Type.Object(
  { items: Type.Array(JurisdictionEntry, { maxItems: 500 }) },
  { additionalProperties: false },
);

export const JurisdictionReply = Type.Object({
  orgId: Type.String(),
  /** With no rows an organisation supervises its own region and that region's descendants. */
  implicit: Type.Boolean({ description: 'true：未设置管辖关系，默认管辖本机构所在区划及其下级' }),
  items: Type.Array(
    Type.Object({
      regionCode: Type.String(),
      regionName: Type.String(),
      level: Type.Integer(),
      validFrom: Nullable(Type.String()),
      validTo: Nullable(Type.String()),
    }),
  ),
});
