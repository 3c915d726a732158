import { Type } from '@sinclair/typebox';
import { PageQuery, Paged, Uuid } from '../../platform/http/schemas.js';
import { Nullable } from './system.common.js';
import { DICT_CODE_PATTERN } from './system.rules.js';

const Status = Type.Union([Type.Literal('active'), Type.Literal('disabled')]);

export const DictListQuery = Type.Object({
  keyword: Type.Optional(Type.String({ maxLength: 64, description: '字典编码或名称（模糊）' })),
  status: Type.Optional(Status),
  ...PageQuery,
});

export const DictCodeParams = Type.Object({ code: Type.String({ pattern: DICT_CODE_PATTERN }) });
export const DictItemParams = Type.Object({ code: Type.String({ pattern: DICT_CODE_PATTERN }), id: Uuid });

export const DictItemsQuery = Type.Object({
  includeDisabled: Type.Optional(Type.Boolean({ description: '含停用项（需要 dict:list 权限）' })),
});

export const DictTypeItem = Type.Object({
  code: Type.String(),
  name: Type.String(),
  status: Status,
  remark: Nullable(Type.String()),
  sort: Type.Integer(),
  builtin: Type.Boolean({ description: '内置字典：字典项可改标签、可停用，不能删除' }),
  itemCount: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const DictTypePage = Paged(DictTypeItem);

export const DictItem = Type.Object({
  id: Type.String(),
  typeCode: Type.String(),
  value: Type.String(),
  label: Type.String(),
  sort: Type.Integer(),
  status: Status,
  tagColor: Nullable(Type.String()),
  remark: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const DictItemsReply = Type.Object({
  code: Type.String(),
  name: Type.String(),
  items: Type.Array(DictItem),
});

export const CreateDictTypeBody = Type.Object(
  {
    code: Type.String({ pattern: DICT_CODE_PATTERN, description: '小写字母开头，字母、数字、下划线' }),
    name: Type.String({ minLength: 1, maxLength: 64 }),
    status: Type.Optional(Status),
    remark: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })),
  },
  { additionalProperties: false },
);

export const UpdateDictTypeBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    status: Type.Optional(Status),
    remark: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })),
  },
  { additionalProperties: false },
);

const TagColor = Type.String({
  pattern: '^(#[0-9a-fA-F]{6}|[a-z-]{2,20})$',
  description: 'antd Tag 颜色名或 #RRGGBB',
});

export const CreateDictItemBody = Type.Object(
  {
    value: Type.String({ minLength: 1, maxLength: 64 }),
    label: Type.String({ minLength: 1, maxLength: 64 }),
    sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })),
    status: Type.Optional(Status),
    tagColor: Type.Optional(Nullable(TagColor)),
    remark: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  },
  { additionalProperties: false },
);

export const UpdateDictItemBody = Type.Object(
  {
    value: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    label: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })),
    status: Type.Optional(Status),
    tagColor: Type.Optional(Nullable(TagColor)),
    remark: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  },
  { additionalProperties: false },
);
