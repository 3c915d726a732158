import { badRequest, conflict, notFound } from '../../platform/errors.js';

/** Domain errors of 生产许可证书, with stable codes and Chinese messages. */
export const CertificateErrors = {
  notFound: () => notFound('CERTIFICATE_NOT_FOUND', '证书不存在或不在您的数据范围内'),
  publicNotFound: () => notFound('LICENCE_NOT_FOUND', '未查询到该生产许可证，请核对证书编号'),
  numberInvalid: () => badRequest('LICENCE_NUMBER_INVALID', '证书编号格式应为 (陕)XK××-×××-×××××', 'number'),
  previousRequired: (typeLabel: string) =>
    badRequest('PREVIOUS_CERTIFICATE_REQUIRED', `${typeLabel}须指明原证书`, 'previousCertificateId'),
  previousNotFound: () =>
    badRequest('PREVIOUS_CERTIFICATE_NOT_FOUND', '原证书不存在', 'previousCertificateId'),
  previousNotValid: (stateLabel: string) =>
    conflict(
      'PREVIOUS_CERTIFICATE_NOT_VALID',
      `原证书当前状态为「${stateLabel}」，不能据此办理`,
      'previousCertificateId',
    ),
  previousMismatch: () =>
    badRequest('PREVIOUS_CERTIFICATE_MISMATCH', '原证书不属于该企业或该产品单元', 'previousCertificateId'),
  alreadyLicensed: (number: string) =>
    conflict(
      'CERTIFICATE_ALREADY_VALID',
      `该企业该产品已持有有效证书 ${number}，请办理延续、变更或补领`,
      'productUnitId',
    ),
  productUnitNotFound: () => badRequest('PRODUCT_UNIT_NOT_FOUND', '产品单元不存在', 'productUnitId'),
  productCodesMissing: () =>
    conflict(
      'PRODUCT_CODES_MISSING',
      '该产品单元未维护行业编号或产品编号（应为 2 位和 3 位数字），无法赋号',
      'productUnitId',
    ),
  enterpriseNotFound: () => badRequest('ENTERPRISE_NOT_FOUND', '企业不存在', 'enterpriseOrgId'),
  decisionDateInvalid: () => badRequest('DATE_INVALID', '准予许可日期无效', 'decisionDate'),
  serialExhausted: (key: string) =>
    conflict('LICENCE_SERIAL_EXHAUSTED', `证书序号已用尽（${key}），请联系管理员调整编号规则`),
  notSanctionable: (stateLabel: string) =>
    conflict('CERTIFICATE_NOT_VALID', `证书当前状态为「${stateLabel}」，不能撤销、撤回或吊销`),
  sanctionDateInvalid: () => badRequest('DATE_INVALID', '决定日期不能晚于今天', 'decisionDate'),
  notCancellable: (stateLabel: string) =>
    conflict('CERTIFICATE_NOT_CANCELLABLE', `证书当前状态为「${stateLabel}」，不能注销`),
  previousBeingCancelled: () =>
    conflict(
      'PREVIOUS_CERTIFICATE_BEING_CANCELLED',
      '原证书正在办理注销，注销办结或撤回前不能据此发证',
      'previousCertificateId',
    ),
  cancellationPending: () =>
    conflict('CANCELLATION_PENDING', '该证书已有正在办理的注销申请', 'certificateId'),
  settingUnknown: (key: string) => badRequest('SETTING_UNKNOWN', `没有此配置项：${key}`, 'key'),
  settingInvalid: (name: string, problem: string) =>
    badRequest('SETTING_INVALID', `「${name}」${problem}`, 'value'),
  reminderNotFound: () => notFound('REMINDER_NOT_FOUND', '提醒不存在'),
};
