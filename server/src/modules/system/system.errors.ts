import { AppError, badRequest, conflict, forbidden, notFound } from '../../platform/errors.js';

/** Domain errors of system management: stable codes, Chinese messages, the offending field. */
export const SystemErrors = {
  // users
  userNotFound: () => notFound('USER_NOT_FOUND', '用户不存在或不在您的数据范围内'),
  usernameTaken: (username: string) =>
    conflict('USERNAME_TAKEN', `用户名“${username}”已被使用，请换一个`, 'username'),
  phoneInvalid: (field = 'phone') =>
    badRequest('PHONE_INVALID', '手机号码格式不正确（11 位，以 1 开头）', field),
  contactPhoneInvalid: () =>
    badRequest('PHONE_INVALID', '联系电话格式不正确（手机号或 029-88881234 形式的固定电话）', 'contactPhone'),
  passwordPolicy: (reasons: string[]) =>
    badRequest('PASSWORD_POLICY', `密码不符合要求：${reasons.join('；')}`, 'password', { reasons }),
  orgUnavailable: (field = 'orgId') =>
    badRequest('ORG_INVALID', '所属机构不存在、已停用或不在您的数据范围内', field),
  selfDisable: () => badRequest('SELF_DISABLE', '不能停用自己的账号', 'id'),
  adminAccountProtected: (names: string[]) =>
    forbidden(
      'ADMIN_ACCOUNT_PROTECTED',
      `不能操作${names.join('、')}的账号（三员分立），请由该类管理员办理，或由运维人员使用命令行 user:reset-password 恢复`,
    ),
  scopeWidening: (scope: string, field: string) =>
    new AppError('DATA_SCOPE_WIDENING', 403, `不能授予超出本人数据范围的角色（数据范围：${scope}）`, field),
  selfRoleChange: () => forbidden('SELF_ROLE_CHANGE', '不能修改自己的角色（三员分立：授权须由他人完成）'),
  roleUnknown: (ids: string[]) =>
    badRequest('ROLE_INVALID', `角色不存在或已停用：${ids.join('、')}`, 'roleIds', { ids }),
  separation: (message: string, details: Record<string, unknown>) =>
    badRequest('SEPARATION_OF_DUTIES', message, undefined, details),
  separationField: (message: string, field: string, details: Record<string, unknown>) =>
    badRequest('SEPARATION_OF_DUTIES', message, field, details),

  // roles
  roleNotFound: () => notFound('ROLE_NOT_FOUND', '角色不存在'),
  roleCodeTaken: (code: string) => conflict('ROLE_CODE_TAKEN', `角色编码“${code}”已存在`, 'code'),
  roleBuiltin: () => conflict('ROLE_BUILTIN', '内置角色不能停用'),
  roleHeldBySelf: () =>
    forbidden('ROLE_HELD_BY_SELF', '不能修改自己所持有角色的权限（三员分立：须由其他安全管理员操作）'),
  permissionUnknown: (codes: string[]) =>
    badRequest('PERMISSION_UNKNOWN', `权限编码不存在：${codes.join('、')}`, 'codes', { codes }),

  // organisations
  orgNotFound: () => notFound('ORG_NOT_FOUND', '机构不存在或不在您的数据范围内'),
  orgCodeTaken: (code: string) => conflict('ORG_CODE_TAKEN', `机构编码“${code}”已存在`, 'code'),
  creditCodeInvalid: () =>
    badRequest(
      'CREDIT_CODE_INVALID',
      '统一社会信用代码不正确（18 位，校验位不符或含非法字符）',
      'creditCode',
    ),
  creditCodeTaken: () => conflict('CREDIT_CODE_TAKEN', '该统一社会信用代码已被其他机构使用', 'creditCode'),
  parentInvalid: (why: string) => badRequest('ORG_PARENT_INVALID', why, 'parentId'),
  regionInvalid: (field = 'regionCode') =>
    badRequest('REGION_INVALID', '行政区划代码不存在或不在您的数据范围内', field),
  orgHasActiveUsers: (n: number) =>
    new AppError(
      'ORG_HAS_ACTIVE_USERS',
      409,
      `该机构还有 ${n} 个正常状态的用户，请先调整或停用这些用户`,
      undefined,
      {
        activeUsers: n,
      },
    ),
  orgHasActiveChildren: (n: number) =>
    new AppError(
      'ORG_HAS_ACTIVE_CHILDREN',
      409,
      `该机构还有 ${n} 个正常状态的下级机构，请先停用下级机构`,
      undefined,
      {
        activeChildren: n,
      },
    ),
  jurisdictionDuplicate: (field: string) => badRequest('JURISDICTION_DUPLICATE', '管辖区划重复', field),
  jurisdictionDates: (field: string) =>
    badRequest('JURISDICTION_DATES', '管辖关系的失效日期不能早于生效日期', field),

  // regions
  regionNotFound: () => notFound('REGION_NOT_FOUND', '行政区划不存在'),

  // dictionaries
  dictTypeNotFound: () => notFound('DICT_TYPE_NOT_FOUND', '字典类型不存在'),
  dictTypeTaken: (code: string) => conflict('DICT_TYPE_TAKEN', `字典编码“${code}”已存在`, 'code'),
  dictBuiltin: () => conflict('DICT_BUILTIN', '内置字典及其字典项不能删除，可改为停用'),
  dictItemNotFound: () => notFound('DICT_ITEM_NOT_FOUND', '字典项不存在'),
  dictValueTaken: (value: string) => conflict('DICT_VALUE_TAKEN', `字典值“${value}”已存在`, 'value'),
  includeDisabledForbidden: () =>
    forbidden('FORBIDDEN', '查看停用的字典项需要“数据字典查询”权限（需要权限：dict:list）'),

  // parameters
  paramNotFound: () => notFound('PARAM_NOT_FOUND', '系统参数不存在'),
  paramReadonly: () =>
    conflict('PARAM_READONLY', '该参数来自环境变量，只读展示；请修改服务器环境变量并重启', 'value'),
  paramValueInvalid: (reason: string) => badRequest('PARAM_VALUE_INVALID', reason, 'value'),

  // notices
  noticeNotFound: () => notFound('NOTICE_NOT_FOUND', '公告不存在'),
  noticeState: (status: string, action: string) =>
    conflict('NOTICE_STATE', `公告当前状态为“${status}”，不能${action}`),
  noticeTypeInvalid: () => badRequest('NOTICE_TYPE_INVALID', '公告类型不在数据字典“公告类型”中', 'type'),

  // logs and sessions
  auditNotFound: () => notFound('AUDIT_NOT_FOUND', '审计记录不存在'),
  timeRange: () => badRequest('TIME_RANGE_INVALID', '结束时间不能早于开始时间', 'to'),
  sessionNotFound: () => notFound('SESSION_NOT_FOUND', '会话不存在或已结束'),
  ownSession: () => badRequest('OWN_SESSION', '不能强制下线自己的当前会话，请使用“退出登录”', 'id'),
};
