import { Type } from '@sinclair/typebox';
import { DateStr, Nullable, PageQuery, Paged, Uuid } from '../../platform/http/schemas.js';

const Year = Type.Integer({ minimum: 2000, maximum: 2100, description: '报告年度' });
const Item = (description: string) => Type.String({ minLength: 1, maxLength: 4000, description });

export const SelfInspectionBody = Type.Object(
  {
    certificateId: Uuid,
    year: Year,
    conditionsKept: Item('取得生产许可证后持续保持许可条件的情况'),
    changes: Item('企业名称、住所、生产地址等变化情况'),
    production: Item('企业生产状况及产品变化情况'),
    certificateUse: Item('生产许可证证书、标志和编号使用情况'),
    inspections: Item('行政机关对产品质量的监督检查情况'),
    other: Type.Optional(Nullable(Type.String({ maxLength: 4000, description: '其他需要说明的情况' }))),
    fileIds: Type.Optional(
      Type.Array(Uuid, { maxItems: 20, description: '附件（先 POST /api/files 上传）' }),
    ),
  },
  { additionalProperties: false },
);

export const SelfInspectionListQuery = Type.Object(
  {
    year: Type.Optional(Year),
    certificateId: Type.Optional(Uuid),
    late: Type.Optional(Type.Boolean({ description: 'true 只看逾期提交' })),
    keyword: Type.Optional(Type.String({ maxLength: 100, description: '企业名称、证书编号或产品名称' })),
    regionCode: Type.Optional(Type.String({ pattern: '^\\d{6}$', description: '行政区划（含下级）' })),
    ...PageQuery,
  },
  { additionalProperties: false },
);

export const SelfInspectionItem = Type.Object({
  id: Uuid,
  certificateId: Uuid,
  certificateNo: Type.String(),
  productName: Type.String(),
  enterpriseName: Type.String(),
  regionCode: Type.String(),
  year: Type.Integer(),
  submittedAt: Type.String({ format: 'date-time' }),
  submittedByName: Nullable(Type.String()),
  late: Type.Boolean({ description: '逾期提交' }),
});

export const SelfInspectionPage = Paged(SelfInspectionItem);

export const SelfInspectionDetail = Type.Object({
  ...SelfInspectionItem.properties,
  conditionsKept: Type.String(),
  changes: Type.String(),
  production: Type.String(),
  certificateUse: Type.String(),
  inspections: Type.String(),
  other: Nullable(Type.String()),
  fileIds: Type.Array(Type.String()),
});

export const SelfInspectionStatusQuery = Type.Object(
  {
    year: Year,
    status: Type.Optional(
      Type.Union([Type.Literal('missing'), Type.Literal('submitted')], {
        description: 'missing 应交未交；submitted 已提交',
      }),
    ),
    keyword: Type.Optional(Type.String({ maxLength: 100 })),
    regionCode: Type.Optional(Type.String({ pattern: '^\\d{6}$' })),
    ...PageQuery,
  },
  { additionalProperties: false },
);

export const SelfInspectionStatusPage = Type.Object({
  ...Paged(
    Type.Object({
      certificateId: Uuid,
      certificateNo: Type.String(),
      enterpriseName: Type.String(),
      creditCode: Nullable(Type.String()),
      productName: Type.String(),
      regionCode: Type.String(),
      regionName: Nullable(Type.String()),
      productionAddress: Nullable(Type.String({ description: '生产地址' })),
      contactPhone: Nullable(Type.String({ description: '企业联系电话' })),
      issueDate: DateStr,
      validTo: DateStr,
      firstYear: Type.Integer({ description: '首个应提交年度（获证未满一年的可在下一年度提交）' }),
      status: Type.Union(
        [
          Type.Literal('submitted'),
          Type.Literal('late_submitted'),
          Type.Literal('not_due'),
          Type.Literal('pending'),
          Type.Literal('overdue'),
        ],
        {
          description:
            'submitted 已提交；late_submitted 逾期提交；not_due 本年度无需提交；pending 待提交；overdue 逾期未提交',
        },
      ),
      statusLabel: Type.String(),
      reportId: Nullable(Type.String()),
      submittedAt: Nullable(Type.String()),
    }),
  ).properties,
  deadline: DateStr,
  counts: Type.Object(
    {
      total: Type.Integer({ description: '有效证书数' }),
      owed: Type.Integer({ description: '本年度应提交' }),
      submitted: Type.Integer({ description: '已提交（含逾期提交）' }),
      late: Type.Integer({ description: '逾期提交' }),
      missing: Type.Integer({ description: '应交未交' }),
      notDue: Type.Integer({ description: '本年度无需提交且未提交（获证未满一年）' }),
    },
    { description: '按同一筛选条件（不含状态筛选）的统计' },
  ),
});
