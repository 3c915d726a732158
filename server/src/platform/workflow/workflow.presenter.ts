import type { Static } from '@sinclair/typebox';
import type { XlsxColumn } from '../documents/xlsx.js';
import type { HistoryItemSchema, InboxItemSchema, InstanceDetailReply } from './workflow.schemas.js';
import type { HistoryEntry, InboxItem, InstanceView } from './workflow.service.js';

type InboxItemDto = Static<typeof InboxItemSchema>;

/** Inbox task → API shape. */
export function presentInboxItem(i: InboxItem): InboxItemDto {
  return {
    id: i.id,
    processKey: i.processKey,
    processLabel: i.processLabel,
    businessType: i.businessType,
    businessId: i.businessId,
    title: i.title,
    state: i.state,
    stateLabel: i.stateLabel,
    taskType: i.taskType,
    regionCode: i.regionCode,
    applicantName: i.applicantName,
    applicantOrgName: i.applicantOrgName,
    assigneeName: i.assigneeName,
    dueDate: i.dueDate,
    dueKind: i.dueKind,
    overdue: i.overdue,
    daysLeft: i.daysLeft,
    paused: i.paused,
    stateEnteredAt: i.stateEnteredAt.toISOString(),
    createdAt: i.createdAt.toISOString(),
    version: i.version,
  };
}

/** Instance detail → API shape (the internal clock JSON is shown as the clocks list). */
export function presentInstance(v: InstanceView): Static<typeof InstanceDetailReply> {
  return {
    id: v.id,
    processKey: v.processKey,
    processLabel: v.processLabel,
    businessType: v.businessType,
    businessId: v.businessId,
    title: v.title,
    state: v.state,
    stateLabel: v.stateLabel,
    status: v.status,
    regionCode: v.regionCode,
    orgId: v.orgId,
    applicantUserId: v.applicantUserId,
    applicantName: v.applicantName,
    applicantOrgId: v.applicantOrgId,
    applicantOrgName: v.applicantOrgName,
    assigneeUserId: v.assigneeUserId,
    assigneeName: v.assigneeName,
    dueDate: v.dueDate,
    dueKind: v.dueKind,
    overdue: v.overdue,
    daysLeft: v.daysLeft,
    paused: v.paused,
    clocks: v.clocks,
    stateEnteredAt: v.stateEnteredAt.toISOString(),
    createdAt: v.createdAt.toISOString(),
    updatedAt: v.updatedAt.toISOString(),
    completedAt: v.completedAt ? v.completedAt.toISOString() : null,
    version: v.version,
    allowedActions: v.allowedActions,
  };
}

/** Timeline entry → API shape. */
export function presentHistory(h: HistoryEntry): Static<typeof HistoryItemSchema> {
  return { ...h, at: h.at.toISOString() };
}

const localTime = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

const DUE_KIND_LABEL = { working: '工作日', calendar: '自然日' } as const;
const TASK_TYPE_LABEL = { assigned: '转办/签收', handle: '待办理', applicant: '待申请人补正/提交' } as const;

/** Columns of the inbox export (待办事项.xlsx). */
export const INBOX_XLSX_COLUMNS: XlsxColumn<InboxItemDto>[] = [
  { header: '流程', value: (r) => r.processLabel, width: 16 },
  { header: '事项名称', value: (r) => r.title, width: 40 },
  { header: '当前环节', value: (r) => r.stateLabel, width: 14 },
  { header: '待办类型', value: (r) => TASK_TYPE_LABEL[r.taskType], width: 16 },
  { header: '申请人', value: (r) => r.applicantName, width: 12 },
  { header: '申请单位', value: (r) => r.applicantOrgName, width: 30 },
  { header: '办理期限', value: (r) => r.dueDate, width: 12 },
  { header: '期限类型', value: (r) => (r.dueKind ? DUE_KIND_LABEL[r.dueKind] : ''), width: 10 },
  { header: '剩余天数', value: (r) => r.daysLeft, width: 10 },
  { header: '是否超期', value: (r) => (r.overdue ? '是' : '否'), width: 10 },
  { header: '计时暂停', value: (r) => (r.paused ? '是' : '否'), width: 10 },
  { header: '发起时间', value: (r) => localTime.format(new Date(r.createdAt)), width: 18 },
];
