import type { Static } from '@sinclair/typebox';
import type { XlsxColumn } from '../../platform/documents/xlsx.js';
import {
  APPLICATION_TYPE_LABEL,
  CANCELLATION_GROUND_LABEL,
  daysToExpiry,
  SANCTION_LABEL,
  settingDef,
} from './certificate.rules.js';
import type { CancellationRow, CertificateEventRow, ReminderRow } from './certificates.repository.js';
import type { CertificateDetail as DetailView, CertificateView } from './certificates.service.js';
import type {
  CertificateDetail,
  CertificateItem,
  ReminderPage,
  SettingItem,
  SettingsReply,
} from './certificates.schemas.js';
import type { SettingView } from './certificates.service.js';
import { SOURCE_TAG_LABEL } from './licensing.rules.js';

type Item = Static<typeof CertificateItem>;

const iso = (d: Date | string | null): string | null =>
  d === null ? null : typeof d === 'string' ? new Date(d).toISOString() : d.toISOString();

const CANCELLATION_STATUS_LABEL: Record<CancellationRow['status'], string> = {
  pending: '办理中',
  approved: '已注销',
  rejected: '不予注销',
  withdrawn: '已撤回',
};

/** A certificate as the API shows it (never the raw row: no verification token, no serial bookkeeping). */
export function presentCertificate(v: CertificateView, today: string): Item {
  const r = v.row;
  return {
    id: r.id,
    number: v.number,
    coreNumber: r.core_number,
    provinceAbbr: r.province_abbr,
    industryCode: r.industry_code,
    productCode: r.product_code,
    enterpriseOrgId: r.org_id,
    enterpriseName: r.enterprise_name,
    creditCode: r.credit_code,
    residence: r.residence,
    productionAddress: r.production_address,
    productUnitId: r.product_unit_id,
    productName: r.product_name,
    regionCode: r.region_code,
    applicationId: r.application_id,
    applicationType: r.application_type,
    applicationTypeLabel: APPLICATION_TYPE_LABEL[r.application_type],
    previousId: r.previous_id,
    issueDate: r.issue_date,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    daysToExpiry: daysToExpiry(r.valid_to, today),
    latestRenewalDate: v.latestRenewalDate,
    status: r.status,
    state: v.state,
    stateLabel: v.stateLabel,
    sanction:
      r.sanction_kind && r.sanction_date
        ? {
            kind: r.sanction_kind,
            label: SANCTION_LABEL[r.sanction_kind],
            date: r.sanction_date,
            grounds: r.sanction_grounds ?? '',
            article: r.sanction_article ?? '',
            documentNo: r.sanction_document_no,
            barLastDay: r.bar_last_day,
          }
        : null,
    numberVoided: r.number_voided,
    cancelledDate: r.cancelled_date,
    pendingCancellationId: v.pendingCancellationId,
    createdAt: iso(r.created_at)!,
  };
}

function presentEvent(e: CertificateEventRow) {
  return {
    id: e.id,
    certificateId: e.certificate_id,
    type: e.event_type,
    label: e.event_label,
    date: e.on_date,
    at: iso(e.at)!,
    actorName: e.actor_name,
    actorOrgName: e.actor_org_name,
    applicationId: e.application_id,
    cancellationId: e.cancellation_id,
    comment: e.comment,
    article: e.article,
  };
}

function presentCancellation(c: CancellationRow) {
  return {
    id: c.id,
    certificateId: c.certificate_id,
    applicationId: c.application_id,
    ground: c.ground,
    groundLabel: CANCELLATION_GROUND_LABEL[c.ground],
    reason: c.reason,
    status: c.status,
    statusLabel: CANCELLATION_STATUS_LABEL[c.status],
    workflowInstanceId: c.workflow_instance_id,
    decidedOn: c.decided_on,
    createdAt: iso(c.created_at)!,
  };
}

/** The certificate with its number's chain, history and 注销 requests. */
export function presentCertificateDetail(d: DetailView, today: string): Static<typeof CertificateDetail> {
  return {
    ...presentCertificate(d, today),
    chain: d.chain.map((c) => presentCertificate(c, today)),
    events: d.events.map(presentEvent),
    cancellations: d.cancellations.map(presentCancellation),
  };
}

type ReminderItem = Static<typeof ReminderPage>['items'][number];

export function presentReminder(r: ReminderRow): ReminderItem {
  return {
    id: r.id,
    certificateId: r.certificate_id,
    kind: r.kind,
    milestoneMonths: r.milestone_months,
    validTo: r.valid_to,
    latestApplyDate: r.latest_apply_date,
    title: r.title,
    content: r.content,
    createdOn: r.created_on,
    read: r.read_at !== null,
    readAt: iso(r.read_at),
  };
}

/**
 * A certificate setting as the settings page edits it: how the value is entered (from its definition in
 * certificate.rules SETTING_DEFS), where the rule comes from and when, by whom, it was last changed.
 */
export function presentSetting(s: SettingView): Static<typeof SettingItem> {
  const def = settingDef(s.key);
  const stamp = s.stamp;
  return {
    key: s.key,
    name: s.name,
    value: s.value,
    defaultValue: s.defaultValue,
    valueType: def?.type ?? 'string',
    options: def?.options ?? null,
    min: def?.min ?? null,
    max: def?.max ?? null,
    unit: def?.unit ?? null,
    remark: s.remark,
    sourceTag: def?.sourceTag ?? null,
    sourceTagLabel: def ? SOURCE_TAG_LABEL[def.sourceTag] : null,
    updatedAt: stamp ? iso(stamp.updatedAt) : null,
    updatedByName: stamp?.updatedByName ?? null,
  };
}

export function presentSettings(items: SettingView[]): Static<typeof SettingsReply> {
  return { items: items.map(presentSetting) };
}

/** Columns of the certificate list export (xlsx). */
export const CERTIFICATE_XLSX: XlsxColumn<Item>[] = [
  { header: '证书编号', value: (c) => c.number, width: 24 },
  { header: '企业名称', value: (c) => c.enterpriseName, width: 30 },
  { header: '统一社会信用代码', value: (c) => c.creditCode, width: 22 },
  { header: '产品名称', value: (c) => c.productName, width: 24 },
  { header: '申请类型', value: (c) => c.applicationTypeLabel },
  { header: '发证日期', value: (c) => c.issueDate, width: 12 },
  { header: '有效期起', value: (c) => c.validFrom, width: 12 },
  { header: '有效期至', value: (c) => c.validTo, width: 12 },
  { header: '状态', value: (c) => c.stateLabel },
  { header: '撤销/撤回/吊销', value: (c) => (c.sanction ? `${c.sanction.label} ${c.sanction.date}` : '') },
  { header: '依据条款', value: (c) => c.sanction?.article ?? '', width: 30 },
  { header: '注销日期', value: (c) => c.cancelledDate, width: 12 },
  { header: '行政区划', value: (c) => c.regionCode },
];
