import { Type, type TSchema } from '@sinclair/typebox';
import { DateStr, PageQuery, Paged, Uuid } from '../../platform/http/schemas.js';
import { ItemResultSchema, TemplateContent } from './checklist.templates.schemas.js';

// Null first: with coerceTypes, AJV would otherwise turn a null into 0 / '' through the first branch.
const Nullable = <T extends TSchema>(t: T) => Type.Union([Type.Null(), t]);

const StatusSchema = Type.Union(
  [
    Type.Literal('planning'),
    Type.Literal('in_progress'),
    Type.Literal('concluded'),
    Type.Literal('cancelled'),
  ],
  { description: 'planning 待核查 / in_progress 核查中 / concluded 已出结论 / cancelled 已取消' },
);
const VerdictSchema = Type.Union([Type.Literal('pass'), Type.Literal('fail')], {
  description: 'pass 合格 / fail 不合格',
});
const RoleSchema = Type.Union([Type.Literal('leader'), Type.Literal('member'), Type.Literal('observer')], {
  description: 'leader 组长 / member 组员 / observer 观察员（不是审查组成员）',
});

export const InspectionListQuery = Type.Object({
  status: Type.Optional(StatusSchema),
  keyword: Type.Optional(
    Type.String({ maxLength: 100, description: '企业名称、申请编号或产品名称（模糊）' }),
  ),
  regionCode: Type.Optional(Type.String({ pattern: '^\\d{6}$' })),
  applicationId: Type.Optional(Uuid),
  finalResult: Type.Optional(VerdictSchema),
  mine: Type.Optional(Type.Boolean({ description: '只看本人参加（组长、组员、观察员）的任务' })),
  overdue: Type.Optional(
    Type.Boolean({ description: 'true：只看已超过核查期限仍未出结论的任务；false：其余任务' }),
  ),
  ...PageQuery,
});

export const InspectionListItem = Type.Object({
  id: Type.String(),
  applicationId: Type.String(),
  applicationNo: Nullable(Type.String({ description: '申请编号' })),
  productName: Nullable(Type.String({ description: '产品（产品单元名称）' })),
  inspectionDueDate: Nullable(
    Type.String({ description: '核查期限（《办法》第十八条：自受理之日起 30 日内完成实地核查）' }),
  ),
  overdue: Type.Boolean({ description: '已超过核查期限且任务仍未出结论' }),
  status: StatusSchema,
  statusLabel: Type.String(),
  regionCode: Type.String(),
  regionName: Nullable(Type.String()),
  enterpriseOrgId: Type.String(),
  enterpriseName: Nullable(Type.String()),
  productUnitId: Type.String(),
  templateId: Nullable(Type.String()),
  leaderName: Nullable(Type.String()),
  memberCount: Type.Integer({ description: '审查组人数（不含观察员）' }),
  observerName: Nullable(Type.String()),
  planStart: Nullable(Type.String()),
  planEnd: Nullable(Type.String()),
  finalResult: Nullable(VerdictSchema),
  concludedAt: Nullable(Type.String()),
  myRole: Nullable(RoleSchema),
  createdAt: Type.String(),
});

export const InspectionPage = Paged(InspectionListItem);

const DeclarationView = Type.Object({
  userId: Type.String(),
  name: Type.String(),
  employed: Type.Boolean(),
  consulted: Type.Boolean(),
  related: Type.Boolean(),
  other: Type.Boolean(),
  hasConflict: Type.Boolean(),
  conflicts: Type.Array(Type.String(), { description: '声明的利害关系' }),
  note: Nullable(Type.String()),
  declaredBy: Nullable(Type.String()),
  declaredAt: Type.String(),
});

const MemberView = Type.Object({
  userId: Type.String(),
  name: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
  role: RoleSchema,
  roleLabel: Type.String(),
  source: Type.Union([Type.Literal('manual'), Type.Literal('draw')], {
    description: 'manual 人工指派 / draw 随机抽取',
  }),
  drawId: Nullable(Type.String()),
  assignedAt: Type.String(),
  declaration: Nullable(DeclarationView),
});

const RecordView = Type.Object({
  itemId: Type.String(),
  result: ItemResultSchema,
  resultLabel: Type.String(),
  problem: Nullable(Type.String()),
  rectification: Nullable(Type.String()),
  evidenceFileIds: Type.Array(Type.String()),
  recordedBy: Type.String(),
  recordedByName: Nullable(Type.String()),
  recordedAt: Type.String(),
});

const CountsView = Type.Object({
  total: Type.Integer(),
  judged: Type.Integer(),
  pending: Type.Integer(),
  applicable: Type.Integer(),
  conform: Type.Integer(),
  basic: Type.Integer(),
  nonconform: Type.Integer(),
  na: Type.Integer(),
  vetoNonconform: Type.Integer(),
  vetoBasic: Type.Integer(),
  generalNonconform: Type.Integer(),
  generalBasic: Type.Integer(),
  vetoBasicConverted: Type.Integer(),
  vetoFailEquivalent: Type.Integer({ description: '否决项不符合数（含基本符合折算），与否决项上限比较' }),
  basicConverted: Type.Integer(),
  generalFailEquivalent: Type.Integer({ description: '一般项不符合数（含基本符合折算），与 N 比较' }),
});

const SuggestionView = Type.Object({
  verdict: Type.Union([Type.Literal('pass'), Type.Literal('fail'), Type.Literal('incomplete')]),
  verdictLabel: Type.String(),
  complete: Type.Boolean(),
  counts: CountsView,
  reasons: Type.Array(Type.String()),
});

const ConclusionView = Type.Object({
  suggestedResult: VerdictSchema,
  finalResult: VerdictSchema,
  finalResultLabel: Type.String(),
  overridden: Type.Boolean(),
  overrideReason: Nullable(Type.String()),
  counts: Nullable(CountsView),
  comment: Nullable(Type.String()),
  concludedBy: Nullable(Type.String()),
  concludedAt: Type.String(),
  enterpriseConfirmation: Nullable(Type.Union([Type.Literal('confirmed'), Type.Literal('refused')])),
  enterpriseSigner: Nullable(Type.String()),
  enterpriseRefusalNote: Nullable(Type.String()),
  resultNotifiedOn: Nullable(Type.String()),
});

const Problem = Type.Object({ code: Type.String(), message: Type.String(), field: Type.String() });

export const InspectionDetail = Type.Object({
  id: Type.String(),
  applicationId: Type.String(),
  status: StatusSchema,
  statusLabel: Type.String(),
  regionCode: Type.String(),
  regionName: Nullable(Type.String()),
  orgId: Type.String(),
  orgName: Nullable(Type.String()),
  enterpriseOrgId: Type.String(),
  enterpriseName: Nullable(Type.String()),
  productUnitId: Type.String(),
  application: Nullable(
    Type.Object({
      applicationNo: Nullable(Type.String()),
      productName: Type.String(),
      type: Type.String(),
      state: Type.String(),
      acceptedDate: Nullable(Type.String()),
      inspectionDueDate: Nullable(
        Type.String({ description: '《办法》第十八条：自受理之日起 30 个工作日内完成实地核查' }),
      ),
    }),
  ),
  plan: Type.Object({
    start: Nullable(Type.String()),
    end: Nullable(Type.String()),
    notifiedOn: Nullable(Type.String()),
    note: Nullable(Type.String()),
  }),
  actual: Type.Object({ start: Nullable(Type.String()), end: Nullable(Type.String()) }),
  template: Nullable(TemplateContent),
  team: Type.Array(MemberView, { description: '组长、组员' }),
  observer: Nullable(MemberView),
  declarations: Type.Array(DeclarationView, { description: '每人最新一次利害关系声明' }),
  teamProblems: Type.Array(Problem, { description: '当前审查组不符合的规则' }),
  records: Type.Array(RecordView),
  suggestion: Nullable(SuggestionView),
  conclusion: Nullable(ConclusionView),
  my: Type.Object({
    role: Nullable(RoleSchema),
    canManage: Type.Boolean(),
    canFill: Type.Boolean(),
    canConclude: Type.Boolean(),
    canAssignObserver: Type.Boolean(),
  }),
  version: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

const DeclarationFields = {
  employed: Type.Boolean({ description: '在被核查企业任职或近年内任职' }),
  consulted: Type.Boolean({ description: '为被核查企业提供过咨询、培训' }),
  related: Type.Boolean({ description: '与被核查企业有亲属关系或经济往来' }),
  other: Type.Boolean({ description: '其他可能影响公正的情形' }),
  note: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
};

const DeclarationBody = Type.Object(DeclarationFields, { additionalProperties: false });

export const DeclareBody = Type.Object(
  { userId: Type.Optional(Uuid), ...DeclarationFields },
  { additionalProperties: false },
);

export const TeamBody = Type.Object(
  {
    members: Type.Array(
      Type.Object(
        {
          userId: Uuid,
          role: Type.Union([Type.Literal('leader'), Type.Literal('member')]),
          declaration: Type.Optional(DeclarationBody),
        },
        { additionalProperties: false },
      ),
      { maxItems: 10, description: '审查组 2–4 人，恰好 1 名组长（观察员另行指派）' },
    ),
    expectedVersion: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);

export const PlanBody = Type.Object(
  {
    planStart: DateStr,
    planEnd: DateStr,
    notifiedOn: Type.Optional(Nullable(DateStr)),
    note: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
    expectedVersion: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);

export const TemplateChoiceBody = Type.Object({ templateId: Uuid }, { additionalProperties: false });

const RecordFields = {
  result: ItemResultSchema,
  expectedRecordedAt: Type.Optional(
    Nullable(
      Type.String({
        format: 'date-time',
        description:
          '打开该条时记录的保存时间 recordedAt（尚无记录时为 null）；该条已被他人修改时返回 409。不传则不检查',
      }),
    ),
  ),
  problem: Type.Optional(Nullable(Type.String({ maxLength: 2000, description: '问题描述' }))),
  rectification: Type.Optional(
    Nullable(Type.String({ maxLength: 2000, description: '整改要求（判“不符合”“基本符合”时必填）' })),
  ),
  evidenceFileIds: Type.Optional(
    Type.Array(Uuid, {
      maxItems: 30,
      description: '证据附件（先经 /api/files 上传）；不传则保留已有附件，传数组（含空数组）则替换',
    }),
  ),
};

export const ItemsBody = Type.Object(
  {
    items: Type.Array(Type.Object({ itemId: Uuid, ...RecordFields }, { additionalProperties: false }), {
      minItems: 1,
      maxItems: 500,
    }),
  },
  { additionalProperties: false },
);

export const ItemBody = Type.Object(RecordFields, { additionalProperties: false });

export const ConcludeBody = Type.Object(
  {
    finalResult: VerdictSchema,
    overrideReason: Type.Optional(Nullable(Type.String({ maxLength: 2000, description: '改判理由' }))),
    comment: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
    actualStart: Type.Optional(DateStr),
    actualEnd: Type.Optional(DateStr),
    enterpriseConfirmation: Type.Union([Type.Literal('confirmed'), Type.Literal('refused')], {
      description: '企业签字确认，或拒签',
    }),
    enterpriseSigner: Type.Optional(
      Nullable(Type.String({ maxLength: 64, description: '企业签字人（企业签字确认时必填）' })),
    ),
    enterpriseRefusalNote: Type.Optional(Nullable(Type.String({ maxLength: 1000, description: '拒签说明' }))),
    resultNotifiedOn: Type.Optional(DateStr),
    expectedVersion: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);

export const TaskParams = Type.Object({ id: Uuid });
export const TaskItemParams = Type.Object({ id: Uuid, itemId: Uuid });
export const DrawParams = Type.Object({ id: Uuid, drawId: Uuid });

const Person = Type.Object({ userId: Type.String(), name: Type.String(), orgName: Type.String() });

export const TeamCandidatesQuery = Type.Object({
  keyword: Type.Optional(Type.String({ maxLength: 50, description: '姓名、用户名或单位' })),
});

export const TeamCandidatesReply = Type.Object({
  items: Type.Array(
    Type.Object({
      userId: Type.String(),
      name: Type.String(),
      username: Type.String(),
      orgId: Type.String(),
      orgName: Type.String(),
      regionCode: Nullable(Type.String()),
      canLead: Type.Boolean({ description: '可任组长（有实地核查权限）' }),
      conflict: Type.Boolean({ description: '已声明与本任务存在利害关系' }),
    }),
  ),
  note: Type.String(),
});

export const ObserverPoolReply = Type.Object({
  poolRegions: Type.Array(Type.String(), { description: '抽取范围（辖区行政区划）' }),
  candidates: Type.Array(Person),
  excluded: Type.Array(
    Type.Object({ ...Person.properties, reason: Type.String(), reasonLabel: Type.String() }),
  ),
  note: Type.String(),
});

export const DrawReply = Type.Object({
  id: Type.String(),
  taskId: Type.String(),
  algorithm: Type.String(),
  seed: Type.String({ description: '随机种子（十六进制）' }),
  candidates: Type.Array(Person, { description: '候选名单（抽取时的稳定顺序）' }),
  excluded: Type.Array(
    Type.Object({ ...Person.properties, reason: Type.String(), reasonLabel: Type.String() }),
  ),
  poolRegions: Type.Array(Type.String()),
  pickedIndex: Type.Integer(),
  pickedUserId: Type.String(),
  pickedName: Nullable(Type.String()),
  drawnBy: Nullable(Type.String()),
  drawnAt: Type.String(),
});

export const DrawList = Type.Object({ items: Type.Array(DrawReply) });

export const ReplayReply = Type.Object({
  drawId: Type.String(),
  algorithm: Type.String(),
  seed: Type.String(),
  candidateIds: Type.Array(Type.String()),
  storedIndex: Type.Integer(),
  storedUserId: Type.String(),
  replayedIndex: Type.Integer(),
  replayedUserId: Type.String(),
  matches: Type.Boolean({ description: '复算结果与记录一致' }),
});

const ObserverExpectedVersion = Type.Optional(
  Type.Integer({ minimum: 1, description: '核查任务版本号（防止并发覆盖；不一致时返回 409）' }),
);

export const AssignObserverBody = Type.Object(
  { userId: Uuid, expectedVersion: ObserverExpectedVersion },
  { additionalProperties: false },
);

/** The body of a draw may be left out (no version check); the object first, so its errors name the field. */
export const DrawObserverBody = Type.Union([
  Type.Object({ expectedVersion: ObserverExpectedVersion }, { additionalProperties: false }),
  Type.Null(),
]);

export const RemoveObserverQuery = Type.Object(
  { expectedVersion: ObserverExpectedVersion },
  { additionalProperties: false },
);

/** A draw just made, with the task's new version. */
export const DrawResultReply = Type.Object({
  ...DrawReply.properties,
  version: Type.Integer({ description: '核查任务的新版本号' }),
});

/** An observer assigned or removed: the task's new version. */
export const ObserverChangeReply = Type.Object({
  ok: Type.Boolean(),
  version: Type.Integer({ description: '核查任务的新版本号' }),
});
