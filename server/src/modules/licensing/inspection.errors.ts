import { AppError, badRequest, conflict, forbidden, notFound } from '../../platform/errors.js';

/** Domain errors of 现场核查 and 观察员: stable codes, Chinese messages, the offending field. */
export const InspectionErrors = {
  rectificationRequired: (message: string, field: string) =>
    badRequest('INSPECTION_RECTIFICATION_REQUIRED', message, field),
  /** The record changed since the caller loaded it: names the item, who saved it and when. */
  recordChanged: (
    field: string,
    item: { id: string; code: string },
    current: { by: string | null; byName: string; at: Date } | null,
    timeZone: string,
  ) =>
    new AppError(
      'INSPECTION_RECORD_CONFLICT',
      409,
      current
        ? `条款 ${item.code} 的核查记录已被${current.byName}于 ${localTime(current.at, timeZone)} 修改，请重新加载该条后再保存`
        : `条款 ${item.code} 的核查记录已不存在，请重新加载该条后再保存`,
      field,
      {
        itemId: item.id,
        itemCode: item.code,
        recordedBy: current?.by ?? null,
        recordedByName: current?.byName ?? null,
        recordedAt: current ? current.at.toISOString() : null,
      },
    ),
  signerRequired: () =>
    badRequest('INSPECTION_SIGNER_REQUIRED', '企业签字确认时须填写企业签字人姓名', 'enterpriseSigner'),

  notFound: () => notFound('INSPECTION_NOT_FOUND', '核查任务不存在或不在您的数据范围内'),
  drawNotFound: () => notFound('OBSERVER_DRAW_NOT_FOUND', '抽取记录不存在'),
  state: (statusLabel: string, action: string) =>
    conflict('INSPECTION_STATE', `核查任务${statusLabel}，不能${action}`),
  versionConflict: () =>
    conflict('INSPECTION_VERSION_CONFLICT', '核查任务已被他人修改，请刷新后重试', 'expectedVersion'),
  notMember: () => forbidden('INSPECTION_NOT_MEMBER', '只有审查组成员（组长、组员）可以填写核查记录'),
  notLeader: () => forbidden('INSPECTION_NOT_LEADER', '只有审查组组长可以作出核查结论'),
  declareForOthers: () =>
    forbidden('INSPECTION_DECLARATION_FORBIDDEN', '只能本人声明，或由有现场核查权限的管理人员代为登记'),
  team: (code: string, message: string, field: string, problems: string[]) =>
    badRequest(code, message, field, { problems }),
  userInvalid: (field: string) => badRequest('INSPECTION_USER_INVALID', '人员不存在或已停用', field),
  leaderCannotAct: (name: string) =>
    badRequest(
      'TEAM_LEADER_NO_AUTHORITY',
      `组长“${name}”须具有现场核查权限且被核查企业在其数据范围内（结论由组长提交并推进审批流程）`,
      'members',
    ),
  noTemplate: () => conflict('INSPECTION_NO_TEMPLATE', '尚未为该核查任务选定核查模板', 'templateId'),
  noTeam: () => conflict('INSPECTION_NO_TEAM', '尚未组建审查组'),
  templateNotPublished: () =>
    badRequest('INSPECTION_TEMPLATE_INVALID', '只能选用已发布的核查模板', 'templateId'),
  templateLocked: () =>
    conflict('INSPECTION_TEMPLATE_LOCKED', '已有核查记录，不能更换核查模板', 'templateId'),
  itemUnknown: (field: string) => badRequest('INSPECTION_ITEM_INVALID', '条款不属于本任务的核查模板', field),
  itemDuplicate: (field: string) =>
    badRequest('INSPECTION_ITEM_DUPLICATE', '同一条款在一次提交中出现多次', field),
  resultInvalid: (message: string, field: string) => badRequest('INSPECTION_RESULT_INVALID', message, field),
  problemRequired: (field: string) =>
    badRequest('INSPECTION_PROBLEM_REQUIRED', '判为“不符合”或“基本符合”时须填写问题描述', field),
  incomplete: (pending: number) =>
    badRequest('INSPECTION_INCOMPLETE', `还有 ${pending} 个核查条款未判定，不能作出结论`, 'items'),
  override: (message: string, field: string) => badRequest('INSPECTION_OVERRIDE_REASON', message, field),
  refusalNote: () =>
    badRequest('INSPECTION_REFUSAL_NOTE', '企业拒绝签字确认时须填写拒签说明', 'enterpriseRefusalNote'),
  planDates: (message: string, field: string) => badRequest('INSPECTION_PLAN_INVALID', message, field),
  workflowMissing: () =>
    conflict('INSPECTION_WORKFLOW_MISSING', '未找到该申请进行中的审批流程，不能提交核查结论'),
  noCandidates: () =>
    conflict(
      'OBSERVER_NO_CANDIDATES',
      '辖区内没有可抽取的观察员人选（已排除审查组成员和声明存在利害关系的人员）',
    ),
  observerInvalid: (message: string, field = 'userId') => badRequest('OBSERVER_INVALID', message, field),
  replayUnsupported: (algorithm: string) =>
    new AppError('OBSERVER_DRAW_ALGORITHM', 409, `不支持的抽取算法：${algorithm}`),
};

/** 'YYYY-MM-DD HH:mm:ss' in the business time zone (for messages). */
function localTime(d: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).format(d);
}
