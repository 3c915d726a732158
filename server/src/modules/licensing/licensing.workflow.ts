import {
  defineProcess,
  registerProcess,
  type ActionDef,
  type TransitionEvent,
} from '../../platform/workflow/workflow.definition.js';
import { ApplicationsService } from './applications.service.js';
import {
  APPLICATION_VIEW_PERMISSIONS,
  LicensingPermissions as P,
  TERMINATE_PERMISSIONS,
} from './licensing.permissions.js';
import { APPLICATION_PROCESS_KEY } from './licensing.rules.js';

/**
 * 工业产品生产许可申请 (licensing.md §6): 受理 → 实地核查 → 产品检验 → 决定, with the legal clocks in
 * working days (《办法》第五十五条). The application record mirrors the state (applications.service.ts);
 * every change of state writes an outbox event. 注销 applications do not come here: they go to the
 * certificates' 注销 approval (cancellation.workflow.ts).
 *
 * Clocks: 受理 has its own 5 days; 实地核查 and 决定 share one budget counted from 受理 ('review'), which stops
 * while 检验 runs (a pausing state): 核查 may use 30 of it (《办法》第十八条), 决定 60 (《办法》第二十四条).
 */

const svc = (e: TransitionEvent) => new ApplicationsService(e.ctx);

type State =
  | 'accepting'
  | 'supplementing'
  | 'supplementing_running'
  | 'inspecting'
  | 'testing'
  | 'deciding'
  | 'approved'
  | 'refused'
  | 'not_accepted'
  | 'inspection_failed'
  | 'terminated'
  | 'withdrawn';

// 《办法》第三十二条: 终止办理 (the ground is recorded by POST /applications/:id/terminate).
const terminate: ActionDef<State> = {
  label: '终止办理',
  kind: 'terminate',
  to: 'terminated',
  permission: TERMINATE_PERMISSIONS,
  // An officer may end any application, but it is nobody's task because of that.
  inbox: false,
  effect: (e) => svc(e).onTerminated(e),
};

// seed 行政许可 1: 申请撤回 — by the applicant, before a decision.
const withdraw: ActionDef<State> = { label: '撤回申请', kind: 'withdraw', to: 'withdrawn' };

const resubmit: ActionDef<State> = {
  label: '提交补正材料',
  kind: 'returnToPrevious',
  applicant: true,
  requiresComment: false,
  effect: (e) => svc(e).onResubmit(e),
};

export const LICENSING_APPLICATION_PROCESS = defineProcess<State>({
  key: APPLICATION_PROCESS_KEY,
  label: '工业产品生产许可申请',
  initial: 'accepting',
  viewPermissions: APPLICATION_VIEW_PERMISSIONS,
  onTransition: (e) => svc(e).onTransition(e),
  states: {
    accepting: {
      label: '受理',
      // 《办法》第十二条: 自收到申请之日起 5 日内受理或者一次性告知需要补正的全部内容
      due: { days: 5, kind: 'working', clock: 'acceptance' },
      actions: {
        accept: {
          label: '受理（需实地核查）',
          to: 'inspecting',
          permission: P.accept,
          effect: (e) => svc(e).onAccepted(e, true),
        },
        acceptWithoutInspection: {
          label: '受理（不需实地核查）',
          to: 'deciding',
          permission: P.accept,
          effect: (e) => svc(e).onAccepted(e, false),
        },
        supplement: {
          label: '补正告知',
          kind: 'returnToApplicant',
          to: 'supplementing',
          permission: P.accept,
          effect: (e) => svc(e).onSupplement(e, true),
        },
        supplementClockRunning: {
          label: '补正告知（继续计时）',
          kind: 'returnToApplicant',
          to: 'supplementing_running',
          permission: P.accept,
          effect: (e) => svc(e).onSupplement(e, false),
        },
        // 《办法》第十二条: 不予受理
        notAccept: {
          label: '不予受理',
          kind: 'terminate',
          to: 'not_accepted',
          permission: P.accept,
          effect: (e) => svc(e).onNotAccepted(e),
        },
        transfer: { label: '转办', kind: 'transfer' },
        terminate,
        withdraw,
      },
    },
    // 补正期间暂停计时 (licensing.md §6 【待确认】, setting supplement.pausesClock = true, the default).
    supplementing: {
      label: '补正',
      applicant: true,
      pauses: true,
      actions: { resubmit, terminate, withdraw },
    },
    // 补正期间继续计时 (setting supplement.pausesClock = false): the 受理 clock keeps running.
    supplementing_running: {
      label: '补正（继续计时）',
      applicant: true,
      due: { days: 5, kind: 'working', clock: 'acceptance' },
      actions: { resubmit, terminate, withdraw },
    },
    inspecting: {
      label: '实地核查',
      // 《办法》第十八条: 自受理之日起 30 日内完成实地核查 (on the 'review' budget shared with 决定)
      due: { days: 30, kind: 'working', clock: 'review' },
      actions: {
        // Taken by the inspection part when the 组长 concludes (inspection.service.ts conclude).
        inspectionPassed: {
          label: '核查合格',
          to: 'testing',
          permission: P.inspect,
          requiresComment: false,
          effect: (e) => svc(e).onInspectionConcluded(e),
        },
        // 《办法》第二十条: 核查不合格的，审查终止
        inspectionFailed: {
          label: '核查不合格（审查终止）',
          kind: 'terminate',
          to: 'inspection_failed',
          permission: P.inspect,
          requiresComment: false,
          effect: (e) => svc(e).onInspectionConcluded(e),
        },
        terminate,
        withdraw,
      },
    },
    testing: {
      label: '产品检验',
      // 《办法》第二十二条、《条例》第二十四条第二款: 检验时间不计入审批时限
      pauses: true,
      actions: {
        testingDone: { label: '检验完成', to: 'deciding', permission: P.accept, requiresComment: false },
        terminate,
        withdraw,
      },
    },
    deciding: {
      label: '许可决定',
      // 《办法》第二十四条: 自受理之日起 60 日内作出是否准予许可的决定
      due: { days: 60, kind: 'working', clock: 'review' },
      actions: {
        approve: {
          label: '准予许可',
          to: 'approved',
          permission: P.decide,
          effect: (e) => svc(e).onApproved(e),
        },
        // 《办法》第二十四条: 不予许可的，书面说明理由
        refuse: {
          label: '不予许可',
          to: 'refused',
          permission: P.decide,
          requiresComment: true,
          effect: (e) => svc(e).onRefused(e),
        },
        transfer: { label: '转办', kind: 'transfer' },
        terminate,
        withdraw,
      },
    },
    approved: { label: '准予许可', terminal: true, outcome: 'completed' },
    refused: { label: '不予许可', terminal: true, outcome: 'completed' },
    not_accepted: { label: '不予受理', terminal: true, outcome: 'terminated' },
    inspection_failed: { label: '审查终止（核查不合格）', terminal: true, outcome: 'terminated' },
    terminated: { label: '终止办理', terminal: true, outcome: 'terminated' },
    withdrawn: { label: '已撤回', terminal: true, outcome: 'withdrawn' },
  },
});

registerProcess(LICENSING_APPLICATION_PROCESS);
