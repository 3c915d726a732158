import { Type, type TSchema } from '@sinclair/typebox';
import { DateStr, PageQuery, Paged, Uuid } from '../../platform/http/schemas.js';

// Null first: with coerceTypes, AJV would otherwise turn a null into 0 / '' through the first branch.
const Nullable = <T extends TSchema>(t: T) => Type.Union([Type.Null(), t]);

export const ItemResultSchema = Type.Union(
  [Type.Literal('conform'), Type.Literal('basic'), Type.Literal('nonconform'), Type.Literal('na')],
  { description: 'conform 符合 / basic 基本符合 / nonconform 不符合 / na 不适用' },
);

const TemplateStatusSchema = Type.Union(
  [Type.Literal('draft'), Type.Literal('published'), Type.Literal('superseded')],
  { description: 'draft 草稿（可修改）/ published 已发布（只读）/ superseded 已被新版本替代' },
);

export const TemplateRules = Type.Object({
  vetoFailLimit: Type.Integer({ description: '否决项不符合数上限，超过即不合格（默认 0）' }),
  generalFailLimit: Nullable(
    Type.Integer({ description: '一般项不符合数上限 N（含基本符合折算），超过即不合格；待需求方提供' }),
  ),
  basicPerFail: Nullable(Type.Integer({ description: 'k 项基本符合折算为 1 项不符合；null 不折算' })),
  vetoAllowsBasic: Type.Boolean({ description: '否决项是否可判“基本符合”' }),
  basicEnabled: Type.Boolean({ description: '是否启用“基本符合”（由可选判定值决定）' }),
});

const ItemContent = Type.Object({
  id: Type.String(),
  seq: Type.Integer(),
  code: Type.String({ description: '条款编号' }),
  content: Type.String({ description: '核查内容' }),
  method: Nullable(Type.String({ description: '核查方法或要点' })),
  veto: Type.Boolean({ description: '否决项（细则中标 *）' }),
  appliesWhen: Nullable(Type.String({ description: '适用条件' })),
});

const ChapterContent = Type.Object({
  id: Type.String(),
  seq: Type.Integer(),
  title: Type.String(),
  items: Type.Array(ItemContent),
});

/** The template content; also the snapshot an inspection task keeps. */
export const TemplateContent = Type.Object({
  id: Type.String(),
  code: Type.String(),
  version: Type.Integer(),
  name: Type.String(),
  status: TemplateStatusSchema,
  isExample: Type.Boolean({ description: '示例模板（非正式细则）' }),
  varietyId: Nullable(Type.String({ description: '适用品种（产品目录节点）' })),
  productUnitId: Nullable(Type.String({ description: '适用产品单元（产品目录节点）' })),
  ruleDocNo: Nullable(Type.String({ description: '实施细则文号' })),
  effectiveFrom: Nullable(Type.String()),
  description: Nullable(Type.String()),
  allowedResults: Type.Array(ItemResultSchema),
  rules: TemplateRules,
  chapters: Type.Array(ChapterContent),
});

export const TemplateDetail = Type.Object({
  ...TemplateContent.properties,
  statusLabel: Type.String(),
  publishedAt: Nullable(Type.String()),
  publishedBy: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const TemplateListItem = Type.Object({
  id: Type.String(),
  code: Type.String(),
  version: Type.Integer(),
  name: Type.String(),
  status: TemplateStatusSchema,
  statusLabel: Type.String(),
  isExample: Type.Boolean(),
  varietyId: Nullable(Type.String()),
  productUnitId: Nullable(Type.String()),
  ruleDocNo: Nullable(Type.String()),
  effectiveFrom: Nullable(Type.String()),
  allowedResults: Type.Array(ItemResultSchema),
  rules: TemplateRules,
  chapterCount: Type.Integer(),
  itemCount: Type.Integer(),
  vetoCount: Type.Integer(),
  publishedAt: Nullable(Type.String()),
  publishedBy: Nullable(Type.String()),
  updatedAt: Type.String(),
});

export const TemplatePage = Paged(TemplateListItem);

export const TemplateListQuery = Type.Object({
  keyword: Type.Optional(Type.String({ maxLength: 100, description: '编号或名称（模糊）' })),
  status: Type.Optional(TemplateStatusSchema),
  code: Type.Optional(Type.String({ maxLength: 32 })),
  varietyId: Type.Optional(Uuid),
  productUnitId: Type.Optional(Uuid),
  isExample: Type.Optional(Type.Boolean()),
  latestOnly: Type.Optional(Type.Boolean({ description: '每个模板编号只列最新版本' })),
  ...PageQuery,
});

const RulesInput = Type.Object(
  {
    vetoFailLimit: Type.Optional(Type.Integer({ minimum: 0, maximum: 999 })),
    generalFailLimit: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 9999 }))),
    basicPerFail: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 99 }))),
    vetoAllowsBasic: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

const Code = Type.String({ minLength: 1, maxLength: 32, pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' });

const headerFields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  varietyId: Nullable(Uuid),
  productUnitId: Nullable(Uuid),
  ruleDocNo: Nullable(Type.String({ maxLength: 100 })),
  effectiveFrom: Nullable(DateStr),
  description: Nullable(Type.String({ maxLength: 2000 })),
  isExample: Type.Boolean(),
  allowedResults: Type.Array(ItemResultSchema, { minItems: 2, maxItems: 4 }),
  rules: RulesInput,
};

const ItemFields = {
  code: Type.String({ minLength: 1, maxLength: 32, description: '条款编号，如 2.3' }),
  content: Type.String({ minLength: 1, maxLength: 2000 }),
  method: Nullable(Type.String({ maxLength: 2000 })),
  veto: Type.Boolean(),
  appliesWhen: Nullable(Type.String({ maxLength: 500 })),
  seq: Type.Integer({ minimum: 1, maximum: 9999 }),
};

const NewItemInline = Type.Object(
  {
    code: ItemFields.code,
    content: ItemFields.content,
    method: Type.Optional(ItemFields.method),
    veto: Type.Optional(ItemFields.veto),
    appliesWhen: Type.Optional(ItemFields.appliesWhen),
  },
  { additionalProperties: false },
);

export const CreateTemplateBody = Type.Object(
  {
    code: Code,
    name: headerFields.name,
    varietyId: Type.Optional(headerFields.varietyId),
    productUnitId: Type.Optional(headerFields.productUnitId),
    ruleDocNo: Type.Optional(headerFields.ruleDocNo),
    effectiveFrom: Type.Optional(headerFields.effectiveFrom),
    description: Type.Optional(headerFields.description),
    isExample: Type.Optional(headerFields.isExample),
    allowedResults: Type.Optional(headerFields.allowedResults),
    rules: Type.Optional(headerFields.rules),
    chapters: Type.Optional(
      Type.Array(
        Type.Object(
          {
            title: Type.String({ minLength: 1, maxLength: 200 }),
            items: Type.Optional(Type.Array(NewItemInline, { maxItems: 500 })),
          },
          { additionalProperties: false },
        ),
        { maxItems: 50, description: '可一次导入章节与条款' },
      ),
    ),
  },
  { additionalProperties: false },
);

export const UpdateTemplateBody = Type.Object(
  {
    name: Type.Optional(headerFields.name),
    varietyId: Type.Optional(headerFields.varietyId),
    productUnitId: Type.Optional(headerFields.productUnitId),
    ruleDocNo: Type.Optional(headerFields.ruleDocNo),
    effectiveFrom: Type.Optional(headerFields.effectiveFrom),
    description: Type.Optional(headerFields.description),
    isExample: Type.Optional(headerFields.isExample),
    allowedResults: Type.Optional(headerFields.allowedResults),
    rules: Type.Optional(headerFields.rules),
  },
  { additionalProperties: false },
);

export const ChapterBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 200 }),
    seq: Type.Optional(Type.Integer({ minimum: 1, maximum: 999 })),
  },
  { additionalProperties: false },
);

export const UpdateChapterBody = Type.Object(
  {
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    seq: Type.Optional(Type.Integer({ minimum: 1, maximum: 999 })),
  },
  { additionalProperties: false },
);

export const ItemBody = Type.Object(
  {
    chapterId: Uuid,
    code: ItemFields.code,
    content: ItemFields.content,
    method: Type.Optional(ItemFields.method),
    veto: Type.Optional(ItemFields.veto),
    appliesWhen: Type.Optional(ItemFields.appliesWhen),
    seq: Type.Optional(ItemFields.seq),
  },
  { additionalProperties: false },
);

export const UpdateItemBody = Type.Object(
  {
    chapterId: Type.Optional(Uuid),
    code: Type.Optional(ItemFields.code),
    content: Type.Optional(ItemFields.content),
    method: Type.Optional(ItemFields.method),
    veto: Type.Optional(ItemFields.veto),
    appliesWhen: Type.Optional(ItemFields.appliesWhen),
    seq: Type.Optional(ItemFields.seq),
  },
  { additionalProperties: false },
);

/** The whole order of a draft: every chapter once, each with every one of its items once, in order. */
export const TemplateOrderBody = Type.Object(
  {
    chapters: Type.Array(
      Type.Object(
        {
          id: Uuid,
          items: Type.Array(Uuid, { maxItems: 9999, description: '本章条款 ID，按顺序' }),
        },
        { additionalProperties: false },
      ),
      { maxItems: 999, description: '模板的全部章节，按顺序；每章列出其全部条款（可从其他章节移入）' },
    ),
  },
  { additionalProperties: false },
);

export const TemplateIdParams = Type.Object({ id: Uuid });
export const ChapterParams = Type.Object({ id: Uuid, chapterId: Uuid });
export const ItemParams = Type.Object({ id: Uuid, itemId: Uuid });
