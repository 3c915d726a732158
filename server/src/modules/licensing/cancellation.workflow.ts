import { defineProcess, registerProcess, type Effect } from '../../platform/workflow/workflow.definition.js';
import { LicensingPermissions as P } from './licensing.permissions.js';
import { CertificatesService } from './certificates.service.js';

/** Key and business type of the 注销 process (the business record is a licence_cancellation row). */
export const CANCELLATION_PROCESS_KEY = 'licensing.cancellation';
export const CANCELLATION_BUSINESS_TYPE = 'licensing.cancellation';

// The certificate changes only here, at the final approval, in the transition's transaction.
const approveEffect: Effect = async (e) => {
  await new CertificatesService(e.ctx).completeCancellation(
    e.trx,
    e.principal,
    e.instance.businessId,
    e.today,
  );
};

// 不予注销 or withdrawn: the request is closed, the certificate stays as it is.
const closeEffect: Effect = async (e) => {
  const outcome = e.to === 'withdrawn' ? 'withdrawn' : e.to === 'rejected' ? 'rejected' : undefined;
  if (!outcome) return;
  await new CertificatesService(e.ctx).closeCancellation(
    e.trx,
    e.principal,
    e.instance.businessId,
    outcome,
    e.today,
    e.comment,
  );
};

/**
 * 注销三级审批 (seed 行政许可 7: 增加注销三级审批：初审、审核、审批): 初审 → 审核 → 审批, each later level able
 * to return the case to the one before (returnToPrevious), 初审 and 审批 able to refuse (不予注销). The
 * certificate becomes 注销 only at the final approval. // 《办法》第三十五条: 应当依法办理注销手续的情形
 */
export const CANCELLATION_PROCESS = defineProcess({
  key: CANCELLATION_PROCESS_KEY,
  label: '生产许可证注销审批',
  initial: 'review',
  viewPermissions: [P.certificate],
  onTransition: closeEffect,
  states: {
    review: {
      label: '初审',
      actions: {
        pass: { label: '初审通过', to: 'audit', permission: P.cancelReview },
        reject: {
          label: '不予注销',
          kind: 'terminate',
          to: 'rejected',
          permission: P.cancelReview,
        },
        transfer: { label: '转办', kind: 'transfer' },
        withdraw: { label: '撤回注销申请', kind: 'withdraw' },
      },
    },
    audit: {
      label: '审核',
      actions: {
        pass: { label: '审核通过', to: 'approve', permission: P.cancelAudit },
        back: { label: '退回初审', kind: 'returnToPrevious', permission: P.cancelAudit },
        transfer: { label: '转办', kind: 'transfer' },
      },
    },
    approve: {
      label: '审批',
      actions: {
        approve: {
          label: '批准注销',
          to: 'cancelled',
          permission: P.cancelApprove,
          effect: approveEffect,
        },
        back: { label: '退回审核', kind: 'returnToPrevious', permission: P.cancelApprove },
        reject: {
          label: '不予注销',
          kind: 'terminate',
          to: 'rejected',
          permission: P.cancelApprove,
        },
        transfer: { label: '转办', kind: 'transfer' },
      },
    },
    cancelled: { label: '已注销', terminal: true, outcome: 'completed' },
    rejected: { label: '不予注销', terminal: true, outcome: 'terminated' },
  },
});

registerProcess(CANCELLATION_PROCESS);
