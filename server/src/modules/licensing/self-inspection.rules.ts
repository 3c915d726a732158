import { addDays } from '../../platform/calendar/calendar.rules.js';

/**
 * 年度自查报告 (《办法》第四十八条): 自取得生产许可之日起，按年度提交自查报告；获证未满一年的，可以在下一年度提交.
 * The deadline of a year is a setting (MM-DD, 待需求方提供; default 12-31). Pure rules.
 */

/** The six items of the report (《办法》第四十八条第二款), in order. */
export const SELF_INSPECTION_ITEMS = [
  ['conditionsKept', '取得生产许可证后持续保持许可条件的情况'],
  ['changes', '企业名称、住所、生产地址等变化情况'],
  ['production', '企业生产状况及产品变化情况'],
  ['certificateUse', '生产许可证证书、标志和编号使用情况'],
  ['inspections', '行政机关对产品质量的监督检查情况'],
  ['other', '其他需要说明的情况'],
] as const;

/** Days before the deadline from which the reminder "即将到期" is sent (a design choice; the law sets no notice period). */
export const REMIND_DAYS_BEFORE = 30;

export function deadlineOf(year: number, monthDay: string): string {
  return `${year}-${monthDay}`;
}

/**
 * The first year a report is owed. A certificate from 发证 is never a year old by a deadline in its own year, so
 * its first report is due the next year (获证未满一年的，可以在下一年度提交); one from 延续/变更/补领/重新审查
 * continues an existing licence, so its obligation does not wait.
 */
export function firstReportYear(issueDate: string, applicationType: string): number {
  const year = Number(issueDate.slice(0, 4));
  return applicationType === 'issue' ? year + 1 : year;
}

/** Where a certificate stands for a year, as of `today`. */
export type ReportStatus = 'submitted' | 'late_submitted' | 'not_due' | 'pending' | 'overdue';

export const REPORT_STATUS_LABEL: Record<ReportStatus, string> = {
  submitted: '已提交',
  late_submitted: '逾期提交',
  not_due: '本年度无需提交',
  pending: '待提交',
  overdue: '逾期未提交',
};

export function reportStatus(input: {
  year: number;
  today: string;
  monthDay: string;
  firstYear: number;
  submitted: { late: boolean } | null;
}): ReportStatus {
  if (input.submitted) return input.submitted.late ? 'late_submitted' : 'submitted';
  if (input.year < input.firstYear) return 'not_due';
  return input.today > deadlineOf(input.year, input.monthDay) ? 'overdue' : 'pending';
}

/** Which reminder is due today for an unsubmitted year: 1 = due soon (30 days before), 0 = overdue, or none. */
export function reminderMilestone(year: number, today: string, monthDay: string): 0 | 1 | null {
  const deadline = deadlineOf(year, monthDay);
  if (today > deadline) return 0;
  if (today >= addDays(deadline, -REMIND_DAYS_BEFORE)) return 1;
  return null;
}

/** The years a report may be submitted for as of today: from the first year owed (or the issue year) to now. */
export function submittableYears(issueDate: string, today: string): number[] {
  const from = Number(issueDate.slice(0, 4));
  const to = Number(today.slice(0, 4));
  const years: number[] = [];
  for (let y = to; y >= from && years.length < 5; y--) years.push(y);
  return years;
}
