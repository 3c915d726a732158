import { Type } from '@sinclair/typebox';
import { DateStr, Nullable, PageQuery, Paged, Uuid } from '../../platform/http/schemas.js';

export const DocumentKindSchema = Type.Union(
  [
    Type.Literal('acceptance_notice'),
    Type.Literal('supplement_notice'),
    Type.Literal('rejection_notice'),
    Type.Literal('inspection_conclusion'),
    Type.Literal('approval_decision'),
    Type.Literal('refusal_decision'),
    Type.Literal('termination_notice'),
  ],
  {
    description:
      '文书种类：acceptance_notice 受理通知书；supplement_notice 补正告知书；rejection_notice 不予受理决定书；inspection_conclusion 实地核查结论通知书；approval_decision 准予许可决定书；refusal_decision 不予许可决定书；termination_notice 终止办理通知书',
  },
);

export const DocumentListQuery = Type.Object(
  {
    kind: Type.Optional(DocumentKindSchema),
    applicationId: Type.Optional(Uuid),
    keyword: Type.Optional(
      Type.String({ maxLength: 100, description: '文号、企业名称、申请编号或文书名称' }),
    ),
    issuedFrom: Type.Optional(DateStr),
    issuedTo: Type.Optional(DateStr),
    ...PageQuery,
  },
  { additionalProperties: false },
);

export const DocumentItem = Type.Object({
  id: Uuid,
  applicationId: Uuid,
  applicationNo: Nullable(Type.String()),
  kind: DocumentKindSchema,
  title: Type.String({ description: '文书名称' }),
  docNo: Type.String({ description: '文号' }),
  enterpriseName: Type.String(),
  regionCode: Type.String(),
  issuedOn: DateStr,
  issuedAt: Type.String({ format: 'date-time' }),
  issuedByName: Nullable(Type.String()),
  basis: Type.String({ description: '依据' }),
});

export const DocumentPage = Paged(DocumentItem);

export const DocumentDetail = Type.Object({
  ...DocumentItem.properties,
  content: Type.Object({
    addressee: Type.String(),
    paragraphs: Type.Array(Type.String()),
    facts: Type.Array(Type.Object({ label: Type.String(), value: Type.String() })),
    table: Nullable(
      Type.Object({ columns: Type.Array(Type.String()), rows: Type.Array(Type.Array(Type.String())) }),
    ),
    remedy: Nullable(Type.String()),
    issuer: Type.String(),
    issuedOnText: Type.String(),
  }),
});

export const DocumentFileQuery = Type.Object(
  {
    format: Type.Optional(
      Type.Union([Type.Literal('pdf'), Type.Literal('docx')], { description: 'pdf（默认）或 docx（Word）' }),
    ),
  },
  { additionalProperties: false },
);
