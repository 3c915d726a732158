import { Nullable } from '../../platform/http/schemas.js';
import { Type } from '@sinclair/typebox';
import { DateStr, PageQuery, Paged, Uuid } from '../../platform/http/schemas.js';

/** A JSON-schema value that may be null. */
export { Nullable } from '../../platform/http/schemas.js';

export const CatalogueLevelSchema = Type.Union(
  [Type.Literal('category'), Type.Literal('variety'), Type.Literal('unit')],
  { description: '层级：category 类别；variety 品种；unit 产品单元' },
);
export const ApprovalModeSchema = Type.Union([Type.Literal('verify_first'), Type.Literal('commitment')], {
  description: '审批模式：verify_first 先核后证；commitment 告知承诺（后置核查）',
});
export const SourceTagSchema = Type.Union(
  [Type.Literal('verified'), Type.Literal('excerpt'), Type.Literal('unconfirmed'), Type.Literal('customer')],
  { description: '来源标签：verified 已核实；excerpt 摘录；unconfirmed 待确认；customer 需求方提供' },
);
export const ApplicationTypeSchema = Type.Union(
  [
    Type.Literal('issue'),
    Type.Literal('renew'),
    Type.Literal('change'),
    Type.Literal('reexamine'),
    Type.Literal('reissue'),
    Type.Literal('cancel'),
  ],
  {
    description:
      '申请类型：issue 发证；renew 延续；change 变更；reexamine 重新审查；reissue 补领；cancel 注销',
  },
);
const Status = Type.Union([Type.Literal('active'), Type.Literal('disabled')], {
  description: '状态：active 启用；disabled 停用',
});
const IndustryCode = Type.String({ pattern: '^\\d{2}$', description: '行业编号（2 位）' });
const ProductCode = Type.String({ pattern: '^\\d{3}$', description: '产品编号（3 位）' });
const Code = Type.String({ minLength: 1, maxLength: 32, description: '目录编码（唯一）' });

export const CatalogueNodeSchema = Type.Object({
  id: Uuid,
  code: Type.String({ description: '目录编码' }),
  level: CatalogueLevelSchema,
  levelLabel: Type.String({ description: '层级名称' }),
  parentId: Nullable(Uuid),
  parentName: Nullable(Type.String({ description: '上级节点' })),
  name: Type.String({ description: '名称' }),
  industryCode: Nullable(Type.String({ description: '行业编号（本节点）' })),
  productCode: Nullable(Type.String({ description: '产品编号（本节点）' })),
  approvalMode: Nullable(ApprovalModeSchema),
  approvalModeLabel: Nullable(Type.String({ description: '审批模式（本节点；为空表示沿用上级）' })),
  ruleDocNo: Nullable(Type.String({ description: '实施细则文号' })),
  validFrom: Nullable(DateStr),
  validTo: Nullable(DateStr),
  transitionUntil: Nullable(DateStr),
  status: Status,
  sourceTag: Nullable(SourceTagSchema),
  sourceTagLabel: Nullable(Type.String()),
  note: Nullable(Type.String({ description: '说明' })),
  sort: Type.Integer(),
  applicable: Type.Boolean({ description: '可作为申请单元（产品单元，或没有产品单元的品种）' }),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

export const CatalogueNodeDetail = Type.Object({
  ...CatalogueNodeSchema.properties,
  path: Type.Array(Type.String(), { description: '自类别至本节点的名称' }),
  categoryId: Uuid,
  categoryName: Type.String(),
  varietyId: Nullable(Uuid),
  varietyName: Nullable(Type.String()),
  effectiveIndustryCode: Nullable(Type.String({ description: '生效的行业编号（含继承）' })),
  effectiveProductCode: Nullable(Type.String({ description: '生效的产品编号（含继承）' })),
  effectiveApprovalMode: ApprovalModeSchema,
  effectiveApprovalModeLabel: Type.String({ description: '生效的审批模式（含继承）' }),
  effectiveRuleDocNo: Nullable(Type.String()),
  inForce: Type.Boolean({ description: '当前启用且在有效期内' }),
});

export const CataloguePage = Paged(CatalogueNodeSchema);
export const CatalogueAllReply = Type.Object({ items: Type.Array(CatalogueNodeSchema) });

export const CatalogueListQuery = Type.Object(
  {
    level: Type.Optional(CatalogueLevelSchema),
    parentId: Type.Optional(Uuid),
    status: Type.Optional(Status),
    keyword: Type.Optional(Type.String({ maxLength: 100, description: '名称或编码（模糊）' })),
    applicable: Type.Optional(Type.Boolean({ description: 'true 只看可申请的产品单元' })),
    ...PageQuery,
  },
  { additionalProperties: false },
);

const nodeFields = {
  name: Type.String({ minLength: 1, maxLength: 200, description: '名称' }),
  industryCode: Type.Optional(Nullable(IndustryCode)),
  productCode: Type.Optional(Nullable(ProductCode)),
  approvalMode: Type.Optional(Nullable(ApprovalModeSchema)),
  ruleDocNo: Type.Optional(Nullable(Type.String({ maxLength: 100, description: '实施细则文号' }))),
  validFrom: Type.Optional(Nullable(DateStr)),
  validTo: Type.Optional(Nullable(DateStr)),
  transitionUntil: Type.Optional(Nullable(DateStr)),
  status: Type.Optional(Status),
  sourceTag: Type.Optional(Nullable(SourceTagSchema)),
  note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })),
};

export const CreateNodeBody = Type.Object(
  {
    level: CatalogueLevelSchema,
    parentId: Type.Optional(Nullable(Uuid)),
    code: Code,
    ...nodeFields,
  },
  { additionalProperties: false },
);

export const UpdateNodeBody = Type.Object(
  { code: Type.Optional(Code), ...nodeFields, name: Type.Optional(nodeFields.name) },
  { additionalProperties: false, minProperties: 1 },
);

// ------------------------------------------------------------------ material requirements

const FileTypes = Type.Array(
  Type.Union(['pdf', 'jpg', 'png', 'ofd', 'docx', 'xlsx', 'zip', 'txt', 'csv'].map((t) => Type.Literal(t))),
  { minItems: 1, maxItems: 9, uniqueItems: true, description: '允许的文件类型' },
);

export const RequirementSchema = Type.Object({
  id: Uuid,
  catalogueNodeId: Nullable(Uuid),
  nodeName: Nullable(Type.String({ description: '适用的目录节点；为空表示所有产品（默认清单）' })),
  applicationType: ApplicationTypeSchema,
  applicationTypeLabel: Type.String(),
  code: Type.String({ description: '材料编码' }),
  name: Type.String({ description: '材料名称' }),
  description: Nullable(Type.String({ description: '说明' })),
  required: Type.Boolean({ description: '是否必交' }),
  fileTypes: Type.Array(Type.String()),
  maxSizeMb: Nullable(Type.Integer({ description: '单个文件大小上限（MB）；为空表示只受系统上传上限限制' })),
  basis: Nullable(Type.String({ description: '依据' })),
  sourceTag: Nullable(SourceTagSchema),
  active: Type.Boolean({ description: '启用；停用的行会从下级清单中去掉同编码的材料' }),
  sort: Type.Integer(),
  updatedAt: Type.String({ format: 'date-time' }),
});
export const RequirementPage = Paged(RequirementSchema);

export const RequirementListQuery = Type.Object(
  {
    catalogueNodeId: Type.Optional(
      Type.Union([Uuid, Type.Literal('default')], { description: '目录节点；default 表示默认清单' }),
    ),
    applicationType: Type.Optional(ApplicationTypeSchema),
    keyword: Type.Optional(Type.String({ maxLength: 100, description: '材料编码、名称或说明（模糊）' })),
    ...PageQuery,
  },
  { additionalProperties: false },
);

const requirementFields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  description: Type.Optional(
    Nullable(Type.String({ maxLength: 500, description: '说明（材料的内容和要求，最多 500 字）' })),
  ),
  required: Type.Optional(Type.Boolean()),
  fileTypes: Type.Optional(FileTypes),
  maxSizeMb: Type.Optional(
    Nullable(
      Type.Integer({
        minimum: 1,
        maximum: 200,
        description: '单个文件大小上限（MB，1–200）；null 表示不单独限制',
      }),
    ),
  ),
  basis: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  sourceTag: Type.Optional(Nullable(SourceTagSchema)),
  active: Type.Optional(Type.Boolean()),
  sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })),
};

export const CreateRequirementBody = Type.Object(
  {
    catalogueNodeId: Type.Optional(Nullable(Uuid)),
    applicationType: ApplicationTypeSchema,
    code: Type.String({
      pattern: '^[a-z][a-z0-9_]{0,63}$',
      description: '材料编码（小写字母、数字、下划线）',
    }),
    ...requirementFields,
  },
  { additionalProperties: false },
);

export const UpdateRequirementBody = Type.Object(
  { ...requirementFields, name: Type.Optional(requirementFields.name) },
  { additionalProperties: false, minProperties: 1 },
);

export const ChecklistItemSchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  required: Type.Boolean(),
  fileTypes: Type.Array(Type.String()),
  maxSizeMb: Nullable(Type.Integer({ description: '单个文件大小上限（MB）' })),
  basis: Nullable(Type.String()),
  sourceTag: Nullable(SourceTagSchema),
});

/** An entry of the checklist preview: the checklist item with its 说明 and the node it comes from. */
export const ChecklistPreviewItemSchema = Type.Object({
  ...ChecklistItemSchema.properties,
  description: Nullable(Type.String({ description: '说明' })),
  sourceNodeId: Nullable(Uuid),
  sourceNodeName: Nullable(
    Type.String({ description: '该项材料来自哪个目录节点的配置；为空表示来自默认清单' }),
  ),
});

export const ChecklistQuery = Type.Object(
  { productUnitId: Uuid, type: ApplicationTypeSchema },
  { additionalProperties: false },
);
export const ChecklistReply = Type.Object({ items: Type.Array(ChecklistPreviewItemSchema) });

// ------------------------------------------------------------------ settings, grounds

export const SettingValueTypeSchema = Type.Union(
  [Type.Literal('int'), Type.Literal('bool'), Type.Literal('string'), Type.Literal('enum')],
  { description: '取值类型：int 整数；bool 是否（true/false）；string 文本；enum 从 options 中选一项' },
);

/** One configurable rule; the licensing and the certificate settings answer the same shape. */
export const SettingSchema = Type.Object({
  key: Type.String(),
  name: Type.String(),
  value: Type.String({ description: '当前值（文本形式）' }),
  defaultValue: Type.String({ description: '默认值' }),
  valueType: SettingValueTypeSchema,
  options: Nullable(
    Type.Array(Type.Object({ value: Type.String(), label: Type.String() }), {
      description: '可选值（valueType 为 enum 时）',
    }),
  ),
  min: Nullable(Type.Integer({ description: '最小值（valueType 为 int 且有范围时）' })),
  max: Nullable(Type.Integer({ description: '最大值（valueType 为 int 且有范围时）' })),
  unit: Nullable(Type.String({ description: '单位，如 年、天、个月' })),
  remark: Nullable(Type.String()),
  sourceTag: Nullable(SourceTagSchema),
  sourceTagLabel: Nullable(Type.String()),
  updatedAt: Nullable(Type.String({ format: 'date-time', description: '最近修改时间；为空表示从未修改' })),
  updatedByName: Nullable(Type.String({ description: '最近修改人；为空表示系统默认' })),
});
export const SettingsReply = Type.Object({ items: Type.Array(SettingSchema) });
export const SettingParams = Type.Object({ key: Type.String({ minLength: 1, maxLength: 64 }) });
export const UpdateSettingBody = Type.Object(
  { value: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);

export const TerminationGroundSchema = Type.Object({
  code: Type.String(),
  label: Type.String(),
  article: Type.String(),
});
export const TerminationGroundsReply = Type.Object({ items: Type.Array(TerminationGroundSchema) });
