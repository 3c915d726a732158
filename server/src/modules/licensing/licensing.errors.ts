import { AppError, badRequest, conflict, forbidden, notFound } from '../../platform/errors.js';

/** Domain errors of the catalogue and the licence applications: stable codes, Chinese messages, the field. */
export const LicensingErrors = {
  // catalogue
  nodeNotFound: () => notFound('LICENSING_CATALOGUE_NOT_FOUND', '产品目录节点不存在'),
  nodeCodeTaken: (code: string) =>
    conflict('LICENSING_CATALOGUE_CODE_TAKEN', `目录编码“${code}”已被使用，请换一个`, 'code'),
  nodeCodeInvalid: () =>
    badRequest(
      'LICENSING_CATALOGUE_CODE_INVALID',
      '目录编码只能由字母、数字、点、下划线和连字符组成（最多 32 位）',
      'code',
    ),
  nodeParentInvalid: (message: string) =>
    badRequest('LICENSING_CATALOGUE_PARENT_INVALID', message, 'parentId'),
  nodeDatesInvalid: () =>
    badRequest('LICENSING_CATALOGUE_DATES_INVALID', '失效日期不能早于生效日期', 'validTo'),
  nodeInUse: (usage: { children: number; applications: number; requirements: number }) =>
    new AppError(
      'LICENSING_CATALOGUE_IN_USE',
      409,
      `该目录节点仍被使用（下级节点 ${usage.children} 个，申请 ${usage.applications} 件，材料要求 ${usage.requirements} 条），不能删除，可改为停用`,
      undefined,
      usage,
    ),
  notApplicable: (why: string) => badRequest('LICENSING_PRODUCT_NOT_APPLICABLE', why, 'productUnitId'),
  requirementNotFound: () => notFound('LICENSING_REQUIREMENT_NOT_FOUND', '申请材料要求不存在'),
  requirementTaken: (code: string) =>
    conflict(
      'LICENSING_REQUIREMENT_TAKEN',
      `该目录节点和申请类型下已有编码为“${code}”的材料要求，请直接修改它`,
      'code',
    ),
  selfInspectionNotFound: () =>
    notFound('LICENSING_SELF_INSPECTION_NOT_FOUND', '自查报告不存在或不在您的数据范围内'),
  selfInspectionCertificate: () =>
    badRequest(
      'LICENSING_SELF_INSPECTION_CERTIFICATE',
      '只能为本企业有效的生产许可证提交自查报告',
      'certificateId',
    ),
  selfInspectionYear: (years: readonly number[]) =>
    badRequest('LICENSING_SELF_INSPECTION_YEAR', `该证书可提交的报告年度为：${years.join('、')}`, 'year'),
  selfInspectionExists: (year: number) =>
    conflict('LICENSING_SELF_INSPECTION_EXISTS', `该证书 ${year} 年度的自查报告已提交，不能重复提交`, 'year'),
  documentNotFound: () => notFound('LICENSING_DOCUMENT_NOT_FOUND', '许可文书不存在或不在您的数据范围内'),
  settingNotFound: () => notFound('LICENSING_SETTING_NOT_FOUND', '该许可规则配置项不存在'),
  settingInvalid: (name: string, problem: string) =>
    badRequest('LICENSING_SETTING_INVALID', `“${name}”的取值不正确：${problem}`, 'value'),

  // applications
  applicationNotFound: () =>
    notFound('LICENSING_APPLICATION_NOT_FOUND', '生产许可申请不存在或不在您的数据范围内'),
  enterpriseOnly: () => forbidden('LICENSING_ENTERPRISE_ONLY', '只有企业用户可以以本企业名义申请生产许可'),
  state: (stateLabel: string, what: string) =>
    conflict('LICENSING_APPLICATION_STATE', `申请当前为“${stateLabel}”，不能${what}`),
  creditCodeInvalid: (code: string | null) =>
    badRequest(
      'LICENSING_CREDIT_CODE_INVALID',
      code
        ? `企业统一社会信用代码“${code}”校验位不正确（GB 32100），请先更正企业信息`
        : '企业尚未登记统一社会信用代码，请先完善企业信息',
      'creditCode',
    ),
  fieldsMissing: (fields: string[], labels: string[]) =>
    badRequest('LICENSING_FIELDS_MISSING', `请填写：${labels.join('、')}`, fields[0], { fields }),
  phoneInvalid: () =>
    badRequest(
      'LICENSING_PHONE_INVALID',
      '联系电话格式不正确（手机号或 029-88881234 形式的固定电话）',
      'contactPhone',
    ),
  materialsMissing: (list: string, missing: Array<{ code: string; name: string }>) =>
    badRequest('LICENSING_MATERIALS_MISSING', `申请材料不齐全，缺少：${list}`, 'materials', { missing }),
  materialFileType: (message: string, details: Record<string, unknown>) =>
    badRequest('LICENSING_MATERIAL_FILE_TYPE', message, 'materials', details),
  materialTooLarge: (message: string, details: Record<string, unknown>) =>
    badRequest('LICENSING_MATERIAL_TOO_LARGE', message, 'fileIds', details),
  materialUnknown: (code: string) =>
    badRequest('LICENSING_MATERIAL_UNKNOWN', `材料“${code}”不在本申请的材料清单中`, 'materialCode'),
  materialNotFound: () => notFound('LICENSING_MATERIAL_NOT_FOUND', '该申请材料不存在'),
  fileUnavailable: () =>
    badRequest('LICENSING_FILE_INVALID', '附件不存在、已删除或不是您本人上传的文件', 'fileIds'),
  activeCertificateRequired: (typeLabel: string) =>
    badRequest('LICENSING_CERTIFICATE_REQUIRED', `申请${typeLabel}须持有该产品有效的生产许可证`, 'type'),
  activeCertificateExists: (number: string) =>
    badRequest(
      'LICENSING_CERTIFICATE_EXISTS',
      `企业已持有该产品有效的生产许可证（${number}），请选择延续、变更等申请类型`,
      'type',
    ),
  renewalTooLate: (latest: string) =>
    badRequest(
      'LICENSING_RENEWAL_TOO_LATE',
      `延续申请应在有效期届满 6 个月前提出（《办法》第二十七条），本证书最晚申请日为 ${latest}；已超过期限的，请按发证申请办理`,
      'type',
      { latest },
    ),
  renewalTooEarly: (earliest: string) =>
    badRequest('LICENSING_RENEWAL_TOO_EARLY', `本证书自 ${earliest} 起方可申请延续`, 'type', { earliest }),
  barred: (until: string, article: string) =>
    badRequest(
      'LICENSING_APPLICATION_BARRED',
      `该产品的生产许可证已被吊销，${until} 前不得再次申请同一产品的生产许可（${article}）`,
      'productUnitId',
      { until, article },
    ),
  rectificationProofRequired: (revokedAt: string) =>
    badRequest(
      'LICENSING_RECTIFICATION_PROOF_REQUIRED',
      `该产品的生产许可曾于 ${revokedAt} 被撤销，再次申请须提供县级以上市场监管部门出具的整改证明`,
      'materials',
      { revokedAt },
    ),
  rectificationIssuerInvalid: () =>
    badRequest(
      'LICENSING_RECTIFICATION_ISSUER_INVALID',
      '整改证明须由县级以上市场监管部门出具，请选择出具证明的县级、市级或省级局',
      'issuerOrgId',
    ),
  openApplicationExists: () =>
    conflict(
      'LICENSING_APPLICATION_OPEN',
      '该产品已有正在办理的生产许可申请，请待其办结或撤回后再提交',
      'productUnitId',
    ),
  inspectionChoice: (message: string) =>
    badRequest('LICENSING_INSPECTION_CHOICE', message, 'inspectionRequired'),
  terminationGroundInvalid: () =>
    badRequest(
      'LICENSING_TERMINATION_GROUND_INVALID',
      '请选择《办法》第三十二条规定的终止办理情形',
      'ground',
    ),
  terminationGroundRequired: () =>
    badRequest(
      'LICENSING_TERMINATION_GROUND_REQUIRED',
      '终止办理须选择终止情形，请通过“终止办理”功能办理',
      'ground',
    ),
  supplementMode: (pauses: boolean) =>
    conflict(
      'LICENSING_SUPPLEMENT_MODE',
      pauses
        ? '按当前配置，补正期间暂停受理计时，请使用“补正告知”'
        : '按当前配置，补正期间继续计时，请使用“补正告知（继续计时）”',
      'action',
    ),
};
