import { describe, expect, it } from 'vitest';
import {
  firstReportYear,
  reminderMilestone,
  reportStatus,
  SELF_INSPECTION_ITEMS,
  submittableYears,
} from '../self-inspection.rules.js';

describe('年度自查报告 rules (《办法》第四十八条)', () => {
  it('six items, as the article lists them', () => {
    expect(SELF_INSPECTION_ITEMS.map(([, label]) => label)).toHaveLength(6);
  });

  it('获证未满一年的，可以在下一年度提交', () => {
    // Whatever the deadline, a certificate is not a year old by a deadline of its own year → the next year.
    expect(firstReportYear('2026-03-15', 'issue')).toBe(2027);
    expect(firstReportYear('2025-01-01', 'issue')).toBe(2026);
    expect(firstReportYear('2025-12-31', 'issue')).toBe(2026);
    // 延续 continues a licence: no grace year.
    expect(firstReportYear('2026-03-15', 'renew')).toBe(2026);
  });

  it('status of a year', () => {
    const base = { year: 2027, monthDay: '12-31', firstYear: 2027, submitted: null };
    expect(reportStatus({ ...base, today: '2027-06-01' })).toBe('pending');
    expect(reportStatus({ ...base, today: '2027-12-31' })).toBe('pending');
    expect(reportStatus({ ...base, today: '2028-01-01' })).toBe('overdue');
    expect(reportStatus({ ...base, year: 2026, today: '2027-01-01' })).toBe('not_due');
    expect(reportStatus({ ...base, today: '2028-01-01', submitted: { late: true } })).toBe('late_submitted');
    expect(reportStatus({ ...base, today: '2027-03-01', submitted: { late: false } })).toBe('submitted');
  });

  it('reminders 30 days before the deadline, then once overdue', () => {
    expect(reminderMilestone(2027, '2027-11-30', '12-31')).toBeNull();
    expect(reminderMilestone(2027, '2027-12-01', '12-31')).toBe(1);
    expect(reminderMilestone(2027, '2027-12-31', '12-31')).toBe(1);
    expect(reminderMilestone(2027, '2028-01-01', '12-31')).toBe(0);
  });

  it('years that may be submitted: the issue year up to this year, at most five', () => {
    expect(submittableYears('2026-03-15', '2027-05-01')).toEqual([2027, 2026]);
    expect(submittableYears('2018-01-01', '2027-05-01')).toEqual([2027, 2026, 2025, 2024, 2023]);
  });
});
