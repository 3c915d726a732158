import { Nullable } from '../../platform/http/schemas.js';
import { Type } from '@sinclair/typebox';
import { DateStr, PageQuery, Paged, Uuid } from '../../platform/http/schemas.js';
import { SettingSchema } from './catalogue.schemas.js';

const ApplicationTypeSchema = Type.Union(
  [
    Type.Literal('issue'),
    Type.Literal('renew'),
    Type.Literal('change'),
    Type.Literal('reexamine'),
    Type.Literal('reissue'),
  ],
  { description: '申请类型：issue 发证；renew 延续；change 变更；reexamine 重新审查；reissue 补领' },
);

const StateSchema = Type.Union(
  [
    Type.Literal('valid'),
    Type.Literal('expired'),
    Type.Literal('replaced'),
    Type.Literal('revoked'),
    Type.Literal('withdrawn'),
    Type.Literal('rescinded'),
    Type.Literal('cancelled'),
  ],
  {
    description:
      '证书状态：valid 有效；expired 过期；replaced 已换发；revoked 撤销；withdrawn 撤回；rescinded 吊销；cancelled 注销',
  },
);

const SanctionKindSchema = Type.Union(
  [Type.Literal('revoke'), Type.Literal('withdraw'), Type.Literal('rescind')],
  { description: 'revoke 撤销；withdraw 撤回；rescind 吊销' },
);

const CancellationGroundSchema = Type.Union(
  [
    Type.Literal('expired'),
    Type.Literal('terminated'),
    Type.Literal('sanctioned'),
    Type.Literal('force_majeure'),
    Type.Literal('not_producing'),
    Type.Literal('applied'),
    Type.Literal('eliminated'),
    Type.Literal('other'),
  ],
  {
    description:
      '《办法》第三十五条注销情形：expired 有效期届满未延续；terminated 企业依法终止；sanctioned 许可被撤回、撤销或吊销；' +
      'force_majeure 不可抗力；not_producing 不再生产；applied 企业申请；eliminated 列入淘汰或禁止目录；other 其他',
  },
);

export const CertificateListQuery = Type.Object(
  {
    keyword: Type.Optional(
      Type.String({ maxLength: 100, description: '证书编号、企业名称、统一社会信用代码或产品名称' }),
    ),
    state: Type.Optional(StateSchema),
    applicationType: Type.Optional(ApplicationTypeSchema),
    productUnitId: Type.Optional(Uuid),
    orgId: Type.Optional(Type.String({ format: 'uuid', description: '持证企业（机构 id）' })),
    regionCode: Type.Optional(Type.String({ pattern: '^\\d{6}$', description: '行政区划（含下级）' })),
    validToFrom: Type.Optional(DateStr),
    validToTo: Type.Optional(DateStr),
    includeReplaced: Type.Optional(Type.Boolean({ description: '同时列出已换发的旧证（默认只列当前证书）' })),
    ...PageQuery,
  },
  { additionalProperties: false },
);

const Sanction = Type.Object({
  kind: SanctionKindSchema,
  label: Type.String({ description: '撤销 / 撤回 / 吊销' }),
  date: DateStr,
  grounds: Type.String({ description: '事实与理由' }),
  article: Type.String({ description: '依据条款' }),
  documentNo: Nullable(Type.String({ description: '决定书文号' })),
  barLastDay: Nullable(DateStr),
});

export const CertificateItem = Type.Object({
  id: Uuid,
  number: Type.String({ description: '证书编号（含省级简称，按配置的括号样式）' }),
  coreNumber: Type.String({ description: 'XK××-×××-×××××' }),
  provinceAbbr: Nullable(Type.String()),
  industryCode: Type.String({ description: '行业编号' }),
  productCode: Type.String({ description: '产品编号' }),
  enterpriseOrgId: Uuid,
  enterpriseName: Type.String(),
  creditCode: Nullable(Type.String()),
  residence: Nullable(Type.String({ description: '住所' })),
  productionAddress: Nullable(Type.String({ description: '生产地址' })),
  productUnitId: Uuid,
  productName: Type.String(),
  regionCode: Type.String(),
  applicationId: Nullable(Uuid),
  applicationType: ApplicationTypeSchema,
  applicationTypeLabel: Type.String(),
  previousId: Nullable(Uuid),
  issueDate: DateStr,
  validFrom: DateStr,
  validTo: DateStr,
  daysToExpiry: Type.Integer({ description: '距有效期届满天数（负数为已过期天数）' }),
  latestRenewalDate: DateStr,
  status: Type.String({ description: '存储状态（过期不单独存储）' }),
  state: StateSchema,
  stateLabel: Type.String(),
  sanction: Nullable(Sanction),
  numberVoided: Type.Boolean({ description: '证号已作废（撤销后不再使用）' }),
  cancelledDate: Nullable(DateStr),
  pendingCancellationId: Nullable(Uuid),
  createdAt: Type.String(),
});

export const CertificatePage = Paged(CertificateItem);

const CertificateEvent = Type.Object({
  id: Uuid,
  certificateId: Uuid,
  type: Type.String(),
  label: Type.String(),
  date: DateStr,
  at: Type.String(),
  actorName: Nullable(Type.String()),
  actorOrgName: Nullable(Type.String()),
  applicationId: Nullable(Uuid),
  cancellationId: Nullable(Uuid),
  comment: Nullable(Type.String()),
  article: Nullable(Type.String()),
});

const Cancellation = Type.Object({
  id: Uuid,
  certificateId: Uuid,
  applicationId: Nullable(Uuid),
  ground: CancellationGroundSchema,
  groundLabel: Type.String(),
  reason: Type.String(),
  status: Type.Union([
    Type.Literal('pending'),
    Type.Literal('approved'),
    Type.Literal('rejected'),
    Type.Literal('withdrawn'),
  ]),
  statusLabel: Type.String(),
  workflowInstanceId: Nullable(Uuid),
  decidedOn: Nullable(DateStr),
  createdAt: Type.String(),
});

export const CertificateDetail = Type.Object({
  ...CertificateItem.properties,
  chain: Type.Array(CertificateItem, { description: '同一编号下历次发放的证书（旧证在前）' }),
  events: Type.Array(CertificateEvent, { description: '证书历史' }),
  cancellations: Type.Array(Cancellation),
});

export const SanctionBody = Type.Object(
  {
    decisionDate: Type.Optional(DateStr),
    grounds: Type.String({ minLength: 2, maxLength: 2000, description: '事实与理由' }),
    article: Type.Optional(
      Type.String({ minLength: 2, maxLength: 300, description: '依据条款（不填用默认条款）' }),
    ),
    documentNo: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: '决定书文号' })),
  },
  { additionalProperties: false },
);

export const CancellationBody = Type.Object(
  {
    reason: Type.String({ minLength: 2, maxLength: 2000, description: '注销理由' }),
    ground: Type.Optional(CancellationGroundSchema),
  },
  { additionalProperties: false },
);

export const CancellationStarted = Type.Object({ cancellationId: Uuid, instanceId: Uuid });

export const PdfQuery = Type.Object(
  {
    copy: Type.Optional(
      Type.Union([Type.Literal('original'), Type.Literal('duplicate'), Type.Literal('both')], {
        description: 'original 正本；duplicate 副本；both 正本和副本（默认）',
      }),
    ),
  },
  { additionalProperties: false },
);

export const ReminderQuery = Type.Object(
  {
    unread: Type.Optional(Type.Boolean({ description: 'true 只看未读' })),
    ...PageQuery,
  },
  { additionalProperties: false },
);

const Reminder = Type.Object({
  id: Uuid,
  certificateId: Uuid,
  kind: Type.Union([Type.Literal('renewal'), Type.Literal('self_inspection')], {
    description: 'renewal 延续申报提醒；self_inspection 年度自查报告提醒',
  }),
  milestoneMonths: Type.Integer({ description: '提醒节点（期满前月数；自查报告提醒为 0）' }),
  validTo: DateStr,
  latestApplyDate: DateStr,
  title: Type.String(),
  content: Type.String(),
  createdOn: DateStr,
  read: Type.Boolean(),
  readAt: Nullable(Type.String()),
});

export const ReminderPage = Type.Object({
  ...Paged(Reminder).properties,
  unread: Type.Integer({ description: '未读条数' }),
});

/** A certificate setting: the same shape as the licensing settings (/api/licensing/settings). */
export const SettingItem = SettingSchema;

export const SettingsReply = Type.Object({ items: Type.Array(SettingItem) });

export const SettingParams = Type.Object({ key: Type.String({ minLength: 1, maxLength: 64 }) });

export const SettingBody = Type.Object(
  { value: Type.String({ maxLength: 200 }) },
  { additionalProperties: false },
);

export const PublicNumberParams = Type.Object({
  number: Type.String({ minLength: 5, maxLength: 40, description: '证书编号，如 (陕)XK13-008-00001' }),
});

export const PublicTokenParams = Type.Object({
  token: Type.String({ pattern: '^[A-Za-z0-9_-]{16,64}$', description: '证书二维码中的核验码' }),
});

export const PublicCertificate = Type.Object({
  number: Type.String(),
  enterpriseName: Type.String(),
  productName: Type.String(),
  issueDate: DateStr,
  validFrom: DateStr,
  validTo: DateStr,
  state: StateSchema,
  stateLabel: Type.String(),
  stateDate: Nullable(DateStr),
  superseded: Type.Boolean({ description: '该证书已换发新证（编号不变），以新证为准' }),
  checkedAt: Type.String({ description: '查询时间' }),
});
