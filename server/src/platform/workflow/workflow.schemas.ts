import { Nullable } from '../http/schemas.js';
import { Type } from '@sinclair/typebox';
import { DateStr, PageQuery, Paged, Uuid } from '../http/schemas.js';

const DueKindSchema = Type.Union([Type.Literal('working'), Type.Literal('calendar')], {
  description: '期限类型：working 工作日；calendar 自然日（届满日遇节假日顺延）',
});

export const InboxQuerySchema = Type.Object(
  {
    ...PageQuery,
    processKey: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: '按流程筛选' })),
    overdue: Type.Optional(Type.Boolean({ description: 'true 只看已超期；false 只看未超期' })),
    keyword: Type.Optional(Type.String({ maxLength: 100, description: '事项名称关键字' })),
  },
  { additionalProperties: false },
);

export const InboxItemSchema = Type.Object({
  id: Uuid,
  processKey: Type.String({ description: '流程编码' }),
  processLabel: Type.String({ description: '流程名称' }),
  businessType: Type.String({ description: '业务类型' }),
  businessId: Type.String({ description: '业务记录标识' }),
  title: Type.String({ description: '事项名称' }),
  state: Type.String({ description: '当前环节编码' }),
  stateLabel: Type.String({ description: '当前环节' }),
  taskType: Type.Union([Type.Literal('assigned'), Type.Literal('handle'), Type.Literal('applicant')], {
    description: '待办来源：assigned 转办/签收给本人；handle 本人有权办理；applicant 等待申请人（如补正）',
  }),
  regionCode: Type.String({ description: '行政区划代码' }),
  applicantName: Nullable(Type.String({ description: '申请人' })),
  applicantOrgName: Nullable(Type.String({ description: '申请单位' })),
  assigneeName: Nullable(Type.String({ description: '当前办理人（转办或签收后）' })),
  dueDate: Nullable(DateStr),
  dueKind: Nullable(DueKindSchema),
  overdue: Type.Boolean({ description: '是否已超期' }),
  daysLeft: Nullable(Type.Integer({ description: '剩余天数（按期限类型计；负数为已超期天数）' })),
  paused: Type.Boolean({ description: '是否计时暂停（等待申请人或外部）' }),
  stateEnteredAt: Type.String({ format: 'date-time', description: '进入当前环节时间' }),
  createdAt: Type.String({ format: 'date-time', description: '发起时间' }),
  version: Type.Integer({ description: '版本号（办理时回传以防并发覆盖）' }),
});

export const InboxReply = Paged(InboxItemSchema);

const AllowedActionSchema = Type.Object({
  action: Type.String({ description: '操作编码' }),
  label: Type.String({ description: '操作名称' }),
  kind: Type.String({ description: '操作类型' }),
  requiresComment: Type.Boolean({ description: '是否必须填写意见' }),
  needsTransferTo: Type.Boolean({ description: '是否需要选择转办对象' }),
  blockedReason: Nullable(Type.String({ description: '当前条件下不能执行的原因' })),
});

const ClockSchema = Type.Object({
  name: Type.String({ description: '计时器编码' }),
  label: Type.String({ description: '计时环节' }),
  kind: DueKindSchema,
  limit: Type.Integer({ description: '法定时限（天）' }),
  used: Type.Integer({ description: '已用天数' }),
  remaining: Type.Integer({ description: '剩余天数' }),
  running: Type.Boolean({ description: '是否正在计时' }),
});

export const InstanceDetailReply = Type.Object({
  id: Uuid,
  processKey: Type.String({ description: '流程编码' }),
  processLabel: Type.String({ description: '流程名称' }),
  businessType: Type.String({ description: '业务类型' }),
  businessId: Type.String({ description: '业务记录标识' }),
  title: Type.String({ description: '事项名称' }),
  state: Type.String({ description: '当前环节编码' }),
  stateLabel: Type.String({ description: '当前环节' }),
  status: Type.Union(
    [
      Type.Literal('active'),
      Type.Literal('completed'),
      Type.Literal('withdrawn'),
      Type.Literal('terminated'),
    ],
    { description: '状态：办理中、办结、已撤回、已终止' },
  ),
  regionCode: Type.String({ description: '行政区划代码' }),
  orgId: Uuid,
  applicantUserId: Nullable(Uuid),
  applicantName: Nullable(Type.String({ description: '申请人' })),
  applicantOrgId: Nullable(Uuid),
  applicantOrgName: Nullable(Type.String({ description: '申请单位' })),
  assigneeUserId: Nullable(Uuid),
  assigneeName: Nullable(Type.String({ description: '当前办理人' })),
  dueDate: Nullable(DateStr),
  dueKind: Nullable(DueKindSchema),
  overdue: Type.Boolean({ description: '是否已超期' }),
  daysLeft: Nullable(Type.Integer({ description: '剩余天数' })),
  paused: Type.Boolean({ description: '是否计时暂停' }),
  clocks: Type.Array(ClockSchema, { description: '法定计时（已用与剩余分开展示）' }),
  stateEnteredAt: Type.String({ format: 'date-time' }),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  completedAt: Nullable(Type.String({ format: 'date-time' })),
  version: Type.Integer({ description: '版本号（办理时回传 expectedVersion）' }),
  allowedActions: Type.Array(AllowedActionSchema, { description: '当前用户可执行的操作' }),
});

export const HistoryItemSchema = Type.Object({
  id: Uuid,
  seq: Type.Integer({ description: '序号' }),
  action: Type.String({ description: '操作编码' }),
  actionLabel: Type.String({ description: '操作' }),
  actionKind: Type.String({ description: '操作类型' }),
  fromState: Nullable(Type.String()),
  fromStateLabel: Nullable(Type.String({ description: '原环节' })),
  toState: Type.String(),
  toStateLabel: Type.String({ description: '新环节' }),
  actorUserId: Nullable(Uuid),
  actorName: Nullable(Type.String({ description: '办理人' })),
  actorOrgName: Nullable(Type.String({ description: '办理单位' })),
  comment: Nullable(Type.String({ description: '办理意见' })),
  attachments: Type.Array(Uuid, { description: '附件（文件标识）' }),
  assigneeAfter: Nullable(Uuid),
  assigneeAfterName: Nullable(Type.String({ description: '转交给' })),
  at: Type.String({ format: 'date-time', description: '办理时间' }),
  dueDateAfter: Nullable(DateStr),
});

export const HistoryReply = Type.Object({ items: Type.Array(HistoryItemSchema) });

export const ActBody = Type.Object(
  {
    action: Type.String({
      minLength: 1,
      maxLength: 64,
      pattern: '^[A-Za-z][A-Za-z0-9_-]*$',
      description: '操作编码（见详情中的 allowedActions）',
    }),
    comment: Type.Optional(Type.String({ maxLength: 2000, description: '办理意见' })),
    attachments: Type.Optional(Type.Array(Uuid, { maxItems: 50, description: '附件（已上传文件的标识）' })),
    transferTo: Type.Optional(Type.String({ format: 'uuid', description: '转办对象（用户标识）' })),
    expectedVersion: Type.Optional(
      Type.Integer({ minimum: 1, description: '页面加载时的版本号；已被他人办理时返回 409' }),
    ),
  },
  { additionalProperties: false },
);

export const TransferCandidatesReply = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Uuid,
      displayName: Type.String({ description: '姓名' }),
      orgName: Type.String({ description: '单位' }),
    }),
  ),
});
