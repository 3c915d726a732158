import { Type, type TSchema } from '@sinclair/typebox';

/** Shared TypeBox pieces for every module's schemas. */
export const Uuid = Type.String({ format: 'uuid', description: 'UUIDv7' });
export const DateStr = Type.String({ format: 'date', description: 'YYYY-MM-DD' });
export const IdParams = Type.Object({ id: Uuid });

export const ErrorReply = Type.Object(
  {
    code: Type.String(),
    message: Type.String(),
    field: Type.Optional(Type.String()),
    details: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    requestId: Type.String(),
  },
  { $id: 'ErrorReply' },
);

/** Server paging, filter and sort: every list uses these query fields. */
export const PageQuery = {
  page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 20 })),
  sort: Type.Optional(Type.String({ maxLength: 64, description: '排序字段，前加 - 表示降序' })),
  format: Type.Optional(
    Type.Union([Type.Literal('json'), Type.Literal('xlsx')], { description: 'xlsx 时导出全部结果' }),
  ),
};

export const Paged = <T extends TSchema>(item: T) =>
  Type.Object({
    items: Type.Array(item),
    total: Type.Integer(),
    page: Type.Integer(),
    pageSize: Type.Integer(),
  });

/**
 * A nullable value. Null comes first: with AJV's type coercion, `[t, null]` would turn a JSON null into
 * 0 or '' for number and string fields before the null branch is tried.
 */
export const Nullable = <T extends TSchema>(t: T) => Type.Union([Type.Null(), t]);

export const OkReply = Type.Object({ ok: Type.Boolean() });
