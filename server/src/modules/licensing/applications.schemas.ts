import { Type } from '@sinclair/typebox';
import { DateStr, PageQuery, Paged, Uuid } from '../../platform/http/schemas.js';
import {
  ApplicationTypeSchema,
  ApprovalModeSchema,
  ChecklistItemSchema,
  Nullable,
} from './catalogue.schemas.js';

const Text = (max: number, description: string) => Type.String({ maxLength: max, description });

const formFields = {
  residence: Type.Optional(Nullable(Text(300, '住所'))),
  productionAddress: Type.Optional(Nullable(Text(300, '生产地址'))),
  contactName: Type.Optional(Nullable(Text(50, '联系人'))),
  contactPhone: Type.Optional(Nullable(Text(30, '联系电话'))),
  changeDescription: Type.Optional(Nullable(Text(2000, '变更（变化）内容：变更、重新审查时填写'))),
  reason: Type.Optional(Nullable(Text(2000, '申请事由：补领、注销时填写'))),
  remark: Type.Optional(Nullable(Text(2000, '备注'))),
};

export const CreateApplicationBody = Type.Object(
  {
    type: ApplicationTypeSchema,
    productUnitId: Type.String({ format: 'uuid', description: '产品单元（或没有产品单元的品种）' }),
    ...formFields,
  },
  { additionalProperties: false },
);

export const UpdateApplicationBody = Type.Object(formFields, {
  additionalProperties: false,
  minProperties: 1,
});

export const AttachBody = Type.Object(
  {
    materialCode: Type.String({ minLength: 1, maxLength: 64, description: '材料编码（见材料清单）' }),
    fileIds: Type.Array(Uuid, {
      minItems: 1,
      maxItems: 20,
      description: '已上传文件的 id（POST /api/files）',
    }),
    issuerOrgId: Type.Optional(
      Nullable(Type.String({ format: 'uuid', description: '整改证明的出具单位（县级以上市场监管部门）' })),
    ),
  },
  { additionalProperties: false },
);

export const MaterialParams = Type.Object({ id: Uuid, materialId: Uuid });

export const CommentBody = Type.Object(
  { comment: Type.Optional(Nullable(Type.String({ maxLength: 2000, description: '说明' }))) },
  { additionalProperties: false },
);

export const AcceptBody = Type.Object(
  {
    inspectionRequired: Type.Boolean({ description: '是否需要实地核查（先核后证的产品必须核查）' }),
    comment: Type.Optional(Nullable(Type.String({ maxLength: 2000, description: '受理意见' }))),
    expectedVersion: Type.Optional(Type.Integer({ minimum: 1, description: '流程版本号（防止并发覆盖）' })),
  },
  { additionalProperties: false },
);

export const SupplementBody = Type.Object(
  {
    comment: Type.String({ minLength: 1, maxLength: 2000, description: '一次性告知需要补正的全部内容' }),
    attachments: Type.Optional(Type.Array(Uuid, { maxItems: 20, description: '补正告知书等附件' })),
    expectedVersion: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);

export const TerminateBody = Type.Object(
  {
    ground: Type.String({
      minLength: 1,
      maxLength: 32,
      description: '终止情形编码（GET /termination-grounds）',
    }),
    comment: Type.String({ minLength: 1, maxLength: 2000, description: '终止办理的说明' }),
    expectedVersion: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);

const listFilters = {
  type: Type.Optional(ApplicationTypeSchema),
  state: Type.Optional(
    Type.String({ maxLength: 200, pattern: '^[a-z_]+(,[a-z_]+)*$', description: '状态，多个用逗号分隔' }),
  ),
  productUnitId: Type.Optional(Uuid),
  regionCode: Type.Optional(
    Type.String({ pattern: '^\\d{6}$', description: '行政区划：县级代码，或以 00 结尾的市级代码（含下辖）' }),
  ),
  keyword: Type.Optional(
    Type.String({ maxLength: 100, description: '企业名称、申请编号、信用代码或产品（模糊）' }),
  ),
  submittedFrom: Type.Optional(DateStr),
  submittedTo: Type.Optional(DateStr),
  overdue: Type.Optional(Type.Boolean({ description: 'true 只看已超期' })),
};

export const ApplicationListQuery = Type.Object(
  {
    ...listFilters,
    dueFrom: Type.Optional(
      Type.String({ format: 'date', description: '当前环节办理期限起（含），YYYY-MM-DD' }),
    ),
    dueTo: Type.Optional(
      Type.String({ format: 'date', description: '当前环节办理期限止（含），YYYY-MM-DD' }),
    ),
    dueWithinDays: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 60,
        description:
          '即将到期：办理期限在今天起 N 个工作日内（1–60，只含在办申请）；不含已超期的，除非同时传 overdue=true（此时为已超期或 N 个工作日内到期）',
      }),
    ),
    ...PageQuery,
  },
  { additionalProperties: false },
);

export const DeskQuery = Type.Object(
  {
    productUnitId: listFilters.productUnitId,
    regionCode: listFilters.regionCode,
    keyword: listFilters.keyword,
    type: listFilters.type,
    overdue: listFilters.overdue,
    ...PageQuery,
  },
  { additionalProperties: false },
);

export const StatsQuery = Type.Object(
  {
    groupBy: Type.Union(
      [Type.Literal('city'), Type.Literal('product'), Type.Literal('type'), Type.Literal('state')],
      {
        description: '统计维度：city 设区市；product 产品单元；type 申请类型；state 状态',
      },
    ),
    type: listFilters.type,
    state: listFilters.state,
    productUnitId: listFilters.productUnitId,
    regionCode: listFilters.regionCode,
    submittedFrom: listFilters.submittedFrom,
    submittedTo: listFilters.submittedTo,
    ...PageQuery,
  },
  { additionalProperties: false },
);

export const ApplicationItem = Type.Object({
  id: Uuid,
  applicationNo: Nullable(Type.String({ description: '申请编号（提交后生成）' })),
  type: ApplicationTypeSchema,
  typeLabel: Type.String(),
  state: Type.String({ description: '状态编码' }),
  stateLabel: Type.String({ description: '状态' }),
  enterpriseOrgId: Uuid,
  enterpriseName: Type.String(),
  creditCode: Nullable(Type.String()),
  regionCode: Type.String(),
  regionName: Nullable(Type.String()),
  productUnitId: Uuid,
  productName: Type.String(),
  productParentName: Nullable(Type.String()),
  applicantName: Nullable(Type.String()),
  instanceId: Nullable(Uuid),
  dueDate: Nullable(DateStr),
  overdue: Type.Boolean({ description: '当前环节已超期' }),
  daysLeft: Nullable(
    Type.Integer({
      description: '距当前环节办理期限的剩余工作日（负数为已超期的工作日数；暂停计时或已办结为 null）',
    }),
  ),
  submittedAt: Nullable(Type.String({ format: 'date-time' })),
  acceptedDate: Nullable(DateStr),
  deemedAcceptedOn: Nullable(
    Type.String({
      format: 'date',
      description:
        '视为受理之日（《办法》第十二条：受理期限届满仍未受理或告知补正的，自收到申请材料之日起视为受理）；仍需受理人员办理受理',
    }),
  ),
  inspectionRequired: Nullable(Type.Boolean()),
  inspectionDueDate: Nullable(DateStr),
  decision: Nullable(Type.String()),
  decisionDate: Nullable(DateStr),
  issuedCertificateNo: Nullable(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export const ApplicationPage = Paged(ApplicationItem);

export const DeskPage = Paged(ApplicationItem);

const MaterialSchema = Type.Object({
  id: Uuid,
  materialCode: Type.String(),
  materialName: Type.String(),
  fileId: Uuid,
  fileName: Nullable(Type.String()),
  ext: Nullable(Type.String()),
  size: Nullable(Type.Integer()),
  issuerOrgId: Nullable(Uuid),
  issuerOrgName: Nullable(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
});

export const ApplicationDetailSchema = Type.Object({
  ...ApplicationItem.properties,
  certificateId: Nullable(Uuid),
  residence: Nullable(Type.String()),
  productionAddress: Nullable(Type.String()),
  contactName: Nullable(Type.String()),
  contactPhone: Nullable(Type.String()),
  changeDescription: Nullable(Type.String()),
  reason: Nullable(Type.String()),
  remark: Nullable(Type.String()),
  decisionReason: Nullable(Type.String()),
  issuedCertificateId: Nullable(Uuid),
  terminationGround: Nullable(Type.String()),
  terminationGroundLabel: Nullable(Type.String()),
  closedAt: Nullable(Type.String({ format: 'date-time' })),
  approvalMode: ApprovalModeSchema,
  approvalModeLabel: Type.String(),
  productPath: Type.Array(Type.String()),
  editable: Type.Boolean({ description: '企业可修改表单和材料（草稿、补正）' }),
  rectificationRequiredSince: Nullable(DateStr),
  materials: Type.Array(MaterialSchema),
  checklist: Type.Array(
    Type.Object({
      ...ChecklistItemSchema.properties,
      attached: Type.Integer({ description: '已上传份数' }),
      satisfied: Type.Boolean(),
    }),
  ),
});

const statsCounters = {
  total: Type.Integer({ description: '申请件数（不含草稿）' }),
  inProgress: Type.Integer({ description: '办理中' }),
  approved: Type.Integer({ description: '准予许可' }),
  refused: Type.Integer({ description: '不予许可' }),
  endedOtherwise: Type.Integer({ description: '不予受理、核查不合格、撤回、终止、转注销' }),
  overdue: Type.Integer({ description: '当前环节已超期' }),
  deemedAccepted: Type.Integer({ description: '视为受理（《办法》第十二条）' }),
};

export const StatsItem = Type.Object({ key: Type.String(), label: Type.String(), ...statsCounters });
export const StatsPage = Type.Object({
  ...Paged(StatsItem).properties,
  totals: Type.Object(statsCounters, { description: '合计：同一查询全部数据（不分页）的各项计数' }),
});
