import type { Static } from '@sinclair/typebox';
import type { XlsxColumn } from '../../platform/documents/xlsx.js';
import type { SelfInspectionRow } from './self-inspection.repository.js';
import { REPORT_STATUS_LABEL } from './self-inspection.rules.js';
import type {
  SelfInspectionDetail,
  SelfInspectionItem,
  SelfInspectionStatusPage,
} from './self-inspection.schemas.js';
import type { StatusView } from './self-inspection.service.js';

type Item = Static<typeof SelfInspectionItem>;
type StatusItem = Static<typeof SelfInspectionStatusPage>['items'][number];

export function presentSelfInspection(r: SelfInspectionRow): Item {
  return {
    id: r.id,
    certificateId: r.certificate_id,
    certificateNo: r.certificate_no,
    productName: r.product_name,
    enterpriseName: r.enterprise_name,
    regionCode: r.region_code,
    year: r.report_year,
    submittedAt: new Date(r.submitted_at).toISOString(),
    submittedByName: r.submitted_by_name,
    late: r.late,
  };
}

export function presentSelfInspectionDetail(r: SelfInspectionRow): Static<typeof SelfInspectionDetail> {
  return {
    ...presentSelfInspection(r),
    conditionsKept: r.conditions_kept,
    changes: r.changes,
    production: r.production,
    certificateUse: r.certificate_use,
    inspections: r.inspections,
    other: r.other,
    fileIds: r.file_ids ? r.file_ids.split(',') : [],
  };
}

export function presentStatus(v: StatusView): StatusItem {
  return {
    certificateId: v.id,
    certificateNo: v.number,
    enterpriseName: v.enterprise_name,
    creditCode: v.credit_code,
    productName: v.product_name,
    regionCode: v.region_code,
    regionName: v.region_name,
    productionAddress: v.production_address,
    contactPhone: v.contact_phone,
    issueDate: v.issue_date,
    validTo: v.valid_to,
    firstYear: v.firstYear,
    status: v.status,
    statusLabel: REPORT_STATUS_LABEL[v.status],
    reportId: v.report_id,
    submittedAt: v.submitted_at ? new Date(v.submitted_at).toISOString() : null,
  };
}

export const SELF_INSPECTION_XLSX: XlsxColumn<Item>[] = [
  { header: '报告年度', value: (r) => r.year },
  { header: '企业名称', value: (r) => r.enterpriseName, width: 30 },
  { header: '证书编号', value: (r) => r.certificateNo, width: 24 },
  { header: '产品名称', value: (r) => r.productName, width: 24 },
  { header: '行政区划', value: (r) => r.regionCode },
  { header: '提交时间', value: (r) => r.submittedAt.slice(0, 10), width: 12 },
  { header: '提交人', value: (r) => r.submittedByName },
  { header: '逾期提交', value: (r) => (r.late ? '是' : '否') },
];

/** The status list as officers use it for 责令改正 (《办法》第五十一条): who, where, how to reach them. */
export const statusXlsx = (deadline: string): XlsxColumn<StatusItem>[] => [
  { header: '企业名称', value: (r) => r.enterpriseName, width: 30 },
  { header: '统一社会信用代码', value: (r) => r.creditCode, width: 22 },
  { header: '证书编号', value: (r) => r.certificateNo, width: 24 },
  { header: '产品名称', value: (r) => r.productName, width: 24 },
  { header: '所在地', value: (r) => r.regionName ?? r.regionCode, width: 14 },
  { header: '生产地址', value: (r) => r.productionAddress, width: 32 },
  { header: '联系电话', value: (r) => r.contactPhone, width: 16 },
  { header: '提交截止日', value: () => deadline, width: 12 },
  { header: '发证日期', value: (r) => r.issueDate, width: 12 },
  { header: '首个应提交年度', value: (r) => r.firstYear },
  { header: '状态', value: (r) => r.statusLabel },
  { header: '提交时间', value: (r) => r.submittedAt?.slice(0, 10) ?? '' },
];
