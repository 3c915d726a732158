/**
 * Permission codes of 工业产品生产许可 (the catalogue in platform/access/permission-catalogue.ts holds their
 * Chinese names; seed/roles.data.ts grants them to the built-in roles).
 */
export const LicensingPermissions = {
  /** 企业：申请、撤回、补正. */
  apply: 'licensing:apply',
  /** 受理、补正告知、不予受理、检验完成、终止办理. */
  accept: 'licensing:accept',
  /** 实地核查 (and its result on the application process). */
  inspect: 'licensing:inspect',
  /** 指派观察员. */
  observer: 'licensing:observer',
  /** 准予 / 不予许可. */
  decide: 'licensing:decide',
  certificate: 'licensing:certificate',
  revoke: 'licensing:revoke',
  cancelReview: 'licensing:cancel-review',
  cancelAudit: 'licensing:cancel-audit',
  cancelApprove: 'licensing:cancel-approve',
  /** 产品目录、申请材料清单、许可规则配置. */
  catalogue: 'licensing:catalogue',
  template: 'licensing:template',
  stats: 'licensing:stats',
} as const;

const P = LicensingPermissions;

/** Who may read applications (each within their data scope): the enterprise and every licensing role. */
export const APPLICATION_VIEW_PERMISSIONS: readonly string[] = [
  P.apply,
  P.accept,
  P.decide,
  P.inspect,
  P.observer,
  P.stats,
  P.certificate,
];

/** Who may end an application by 终止办理 (《办法》第三十二条). */
export const TERMINATE_PERMISSIONS: readonly string[] = [P.accept, P.decide];
