import { Type } from '@sinclair/typebox';
import { PageQuery, Paged } from '../../platform/http/schemas.js';
import { Nullable } from './system.common.js';

const NoticeStatus = Type.Union([
  Type.Literal('draft'),
  Type.Literal('published'),
  Type.Literal('withdrawn'),
]);
const RegionCode = Type.String({ pattern: '^\\d{6}$', description: '发布范围（行政区划）；为空表示全省' });

export const NoticeListQuery = Type.Object({
  keyword: Type.Optional(Type.String({ maxLength: 100, description: '标题（模糊）' })),
  type: Type.Optional(Type.String({ maxLength: 32 })),
  status: Type.Optional(NoticeStatus),
  ...PageQuery,
});

export const MyNoticesQuery = Type.Object({
  unreadOnly: Type.Optional(Type.Boolean()),
  page: PageQuery.page,
  pageSize: PageQuery.pageSize,
});

export const NoticeItem = Type.Object({
  id: Type.String(),
  title: Type.String(),
  type: Type.String(),
  status: NoticeStatus,
  regionCode: Nullable(Type.String()),
  regionName: Nullable(Type.String()),
  publishedAt: Nullable(Type.String()),
  publishedBy: Nullable(Type.String()),
  withdrawnAt: Nullable(Type.String()),
  createdBy: Nullable(Type.String()),
  readCount: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const NoticeDetail = Type.Object({ ...NoticeItem.properties, content: Type.String() });

export const NoticePage = Paged(NoticeItem);

export const MyNotice = Type.Object({
  id: Type.String(),
  title: Type.String(),
  content: Type.String(),
  type: Type.String(),
  regionCode: Nullable(Type.String()),
  publishedAt: Type.String(),
  read: Type.Boolean(),
  readAt: Nullable(Type.String()),
});

export const MyNoticesReply = Type.Object({
  ...Paged(MyNotice).properties,
  unread: Type.Integer({ description: '未读公告数' }),
});

export const CreateNoticeBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 200 }),
    content: Type.String({ minLength: 1, maxLength: 50000 }),
    type: Type.String({ minLength: 1, maxLength: 32, description: '字典 sys_notice_type 的值' }),
    regionCode: Type.Optional(Nullable(RegionCode)),
  },
  { additionalProperties: false },
);

export const UpdateNoticeBody = Type.Object(
  {
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    content: Type.Optional(Type.String({ minLength: 1, maxLength: 50000 })),
    type: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
    regionCode: Type.Optional(Nullable(RegionCode)),
  },
  { additionalProperties: false },
);
