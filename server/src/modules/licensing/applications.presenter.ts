import type { XlsxColumn } from '../../platform/documents/xlsx.js';
import type { ApplicationRow, StatsGroup, StatsRow, StatsTotalsRow } from './applications.repository.js';
import type { ApplicationDetail, ApplicationListItem } from './applications.service.js';
import { iso } from './catalogue.presenter.js';
import type { ApplicationType } from './catalogue.tables.js';
import {
  APPLICATION_TYPE_LABEL,
  APPROVAL_MODE_LABEL,
  EDITABLE_STATES,
  stateLabel,
} from './licensing.rules.js';

function presentApplication(r: ApplicationRow, daysLeft: number | null) {
  return {
    id: r.id,
    applicationNo: r.application_no,
    type: r.type,
    typeLabel: APPLICATION_TYPE_LABEL[r.type],
    state: r.state,
    stateLabel: stateLabel(r.state),
    enterpriseOrgId: r.enterprise_org_id,
    enterpriseName: r.enterprise_name,
    creditCode: r.credit_code,
    regionCode: r.region_code,
    regionName: r.region_name ?? null,
    productUnitId: r.product_unit_id,
    productName: r.product_name,
    productParentName: r.product_parent_name ?? null,
    applicantName: r.applicant_name ?? null,
    instanceId: r.instance_id,
    dueDate: r.due_date,
    overdue: r.overdue === true,
    daysLeft,
    submittedAt: iso(r.submitted_at),
    acceptedDate: r.accepted_date,
    deemedAcceptedOn: r.deemed_accepted_on,
    inspectionRequired: r.inspection_required,
    inspectionDueDate: r.inspection_due_date,
    decision: r.decision,
    decisionDate: r.decision_date,
    issuedCertificateNo: r.issued_certificate_no,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

/** An item of the list or of the 受理台. */
export function presentApplicationItem(d: ApplicationListItem) {
  return presentApplication(d.row, d.daysLeft);
}

export type PresentedApplication = ReturnType<typeof presentApplication>;

export function presentApplicationDetail(d: ApplicationDetail) {
  const r = d.row;
  return {
    ...presentApplication(r, d.daysLeft),
    certificateId: r.certificate_id,
    residence: r.residence,
    productionAddress: r.production_address,
    contactName: r.contact_name,
    contactPhone: r.contact_phone,
    changeDescription: r.change_description,
    reason: r.reason,
    remark: r.remark,
    decisionReason: r.decision_reason,
    issuedCertificateId: r.issued_certificate_id,
    terminationGround: r.termination_ground,
    terminationGroundLabel: r.termination_ground_label ?? null,
    closedAt: iso(r.closed_at),
    approvalMode: d.approvalMode,
    approvalModeLabel: APPROVAL_MODE_LABEL[d.approvalMode],
    productPath: d.productPath,
    editable: EDITABLE_STATES.has(r.state),
    rectificationRequiredSince: d.rectificationRequiredSince,
    materials: d.materials.map((m) => ({
      id: m.row.id,
      materialCode: m.row.material_code,
      materialName: m.materialName,
      fileId: m.row.file_id,
      fileName: m.fileName,
      ext: m.ext,
      size: m.size,
      issuerOrgId: m.row.issuer_org_id,
      issuerOrgName: m.row.issuer_org_name ?? null,
      createdAt: iso(m.row.created_at),
    })),
    checklist: d.checklist.map((c) => ({
      code: c.code,
      name: c.name,
      required: c.required,
      fileTypes: c.fileTypes,
      maxSizeMb: c.maxSizeMb,
      basis: c.basis,
      sourceTag: c.sourceTag,
      attached: c.attached,
      satisfied: c.satisfied,
    })),
  };
}

export const APPLICATION_XLSX: XlsxColumn<PresentedApplication>[] = [
  { header: '申请编号', value: (r) => r.applicationNo ?? '', width: 18 },
  { header: '申请类型', value: (r) => r.typeLabel, width: 10 },
  { header: '企业名称', value: (r) => r.enterpriseName, width: 30 },
  { header: '统一社会信用代码', value: (r) => r.creditCode ?? '', width: 22 },
  { header: '所在地', value: (r) => r.regionName ?? r.regionCode, width: 14 },
  { header: '产品', value: (r) => r.productName, width: 24 },
  { header: '状态', value: (r) => r.stateLabel, width: 14 },
  { header: '提交时间', value: (r) => (r.submittedAt ? r.submittedAt.slice(0, 10) : ''), width: 12 },
  { header: '受理日期', value: (r) => r.acceptedDate ?? '', width: 12 },
  { header: '视为受理', value: (r) => r.deemedAcceptedOn ?? '', width: 12 },
  { header: '当前环节期限', value: (r) => r.dueDate ?? '', width: 14 },
  { header: '剩余工作日', value: (r) => r.daysLeft ?? '', width: 10 },
  { header: '是否超期', value: (r) => (r.overdue ? '是' : '否'), width: 8 },
  { header: '证书编号', value: (r) => r.issuedCertificateNo ?? '', width: 22 },
];

const num = (v: string | number | null | undefined) => Number(v ?? 0);

/** The counters of one group of the statistics, or of all of them. */
export function presentStatsCounters(r: StatsTotalsRow) {
  return {
    total: num(r.total),
    inProgress: num(r.in_progress),
    approved: num(r.approved),
    refused: num(r.refused),
    endedOtherwise: num(r.ended_otherwise),
    overdue: num(r.overdue),
    deemedAccepted: num(r.deemed_accepted),
  };
}

export function presentStats(group: StatsGroup, r: StatsRow) {
  const key = String(r.key);
  const label =
    group === 'type'
      ? (APPLICATION_TYPE_LABEL[key as ApplicationType] ?? key)
      : group === 'state'
        ? stateLabel(key)
        : (r.label ?? key);
  return { key, label, ...presentStatsCounters(r) };
}

export const STATS_XLSX: XlsxColumn<ReturnType<typeof presentStats>>[] = [
  { header: '统计项', value: (r) => r.label, width: 30 },
  { header: '申请件数', value: (r) => r.total, width: 10 },
  { header: '办理中', value: (r) => r.inProgress, width: 10 },
  { header: '准予许可', value: (r) => r.approved, width: 10 },
  { header: '不予许可', value: (r) => r.refused, width: 10 },
  { header: '其他办结', value: (r) => r.endedOtherwise, width: 10 },
  { header: '超期', value: (r) => r.overdue, width: 8 },
  { header: '视为受理', value: (r) => r.deemedAccepted, width: 10 },
];
