import { AppError, badRequest, conflict, forbidden, notFound } from '../errors.js';

export const WorkflowErrors = {
  notFound: () => notFound('WF_NOT_FOUND', '流程事项不存在或不在您的数据范围内'),
  unknownProcess: (key: string) => badRequest('WF_PROCESS_UNKNOWN', `未定义的流程：${key}`, 'processKey'),
  unknownState: (key: string, state: string) =>
    badRequest('WF_STATE_UNKNOWN', `流程「${key}」没有环节：${state}`, 'initialState'),
  alreadyStarted: (title: string) =>
    conflict('WF_ALREADY_STARTED', `「${title}」已有正在办理的流程，不能重复发起`, 'businessId'),
  unknownAction: (action: string) => badRequest('WF_ACTION_UNKNOWN', `该流程没有此操作：${action}`, 'action'),
  closed: (statusLabel: string) => conflict('WF_INSTANCE_CLOSED', `该事项已${statusLabel}，不能再办理`),
  stateMismatch: (stateLabel: string, actionLabel: string) =>
    conflict(
      'WF_STATE_MISMATCH',
      `该事项当前处于「${stateLabel}」环节，不能执行「${actionLabel}」，请刷新后重试`,
      'action',
    ),
  notAllowed: (actionLabel: string, needed: readonly string[]) =>
    forbidden(
      'WF_ACTION_NOT_ALLOWED',
      needed.length
        ? `没有权限执行「${actionLabel}」（需要权限：${needed.join(' 或 ')}）`
        : `没有权限执行「${actionLabel}」`,
    ),
  applicantOnly: (actionLabel: string) =>
    forbidden('WF_ACTION_NOT_ALLOWED', `只有申请人本人可以执行「${actionLabel}」`),
  selfApproval: () => forbidden('WF_SELF_APPROVAL', '不能审批或办理本人提交的申请'),
  assignedToOther: (name: string) =>
    forbidden('WF_ASSIGNED_TO_OTHER', `该事项已由「${name}」签收或转办给其办理，您不能办理`),
  guardFailed: (reason: string) => new AppError('WF_GUARD_FAILED', 422, reason),
  commentRequired: (actionLabel: string) =>
    badRequest('WF_COMMENT_REQUIRED', `「${actionLabel}」需要填写办理意见`, 'comment'),
  transferTargetRequired: () => badRequest('WF_TRANSFER_TARGET_REQUIRED', '请选择转办给谁', 'transferTo'),
  transferTargetInvalid: (why: string) => badRequest('WF_TRANSFER_TARGET_INVALID', why, 'transferTo'),
  alreadyClaimed: (name: string) => conflict('WF_ALREADY_CLAIMED', `该事项已由「${name}」签收`),
  noPrevious: () => conflict('WF_NO_PREVIOUS_STATE', '该事项没有可退回的上一环节'),
  versionConflict: () =>
    conflict(
      'WF_VERSION_CONFLICT',
      '该事项刚刚已被其他人办理或修改，请刷新后查看最新状态再操作',
      'expectedVersion',
    ),
};
