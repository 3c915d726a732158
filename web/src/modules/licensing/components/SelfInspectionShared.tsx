import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Tag } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { api, call } from '../../../api/client';
import type { paths } from '../../../api/schema';
import { indexRegions, useRegionTree } from '../../../components/RegionPicker';

type StatusGet = paths['/api/licensing/self-inspections/status']['get'];
export type StatusQuery = StatusGet['parameters']['query'];
export type StatusItem = StatusGet['responses']['200']['content']['application/json']['items'][number];
export type ReportStatus = StatusItem['status'];
type ListGet = paths['/api/licensing/self-inspections']['get'];
export type ReportListQuery = NonNullable<ListGet['parameters']['query']>;
export type ReportItem = ListGet['responses']['200']['content']['application/json']['items'][number];
export type ReportDetail =
  paths['/api/licensing/self-inspections/{id}']['get']['responses']['200']['content']['application/json'];
export type ReportBody =
  paths['/api/licensing/self-inspections']['post']['requestBody']['content']['application/json'];

export const STATUS_TABLE_ID = 'licensing.self-inspections.status';
export const REPORTS_TABLE_ID = 'licensing.self-inspections.reports';

/** The six items of 《办法》第四十八条第二款, in order; the first five are required. */
export const REPORT_ITEMS: Array<{
  name: 'conditionsKept' | 'changes' | 'production' | 'certificateUse' | 'inspections' | 'other';
  label: string;
  required: boolean;
  placeholder: string;
}> = [
  {
    name: 'conditionsKept',
    label: '（一）取得生产许可证后持续保持许可条件的情况',
    required: true,
    placeholder: '生产设备、检验设备、人员、质量管理制度等是否持续满足实施细则要求',
  },
  {
    name: 'changes',
    label: '（二）企业名称、住所、生产地址等变化情况',
    required: true,
    placeholder: '如无变化，请填写“无变化”',
  },
  {
    name: 'production',
    label: '（三）企业生产状况及产品变化情况',
    required: true,
    placeholder: '年度生产、销售情况，产品品种、规格型号的变化',
  },
  {
    name: 'certificateUse',
    label: '（四）生产许可证证书、标志和编号使用情况',
    required: true,
    placeholder: '证书、标志和编号是否按规定使用',
  },
  {
    name: 'inspections',
    label: '（五）行政机关对产品质量的监督检查情况',
    required: true,
    placeholder: '本年度接受监督抽查、监督检查的次数和结果；如无，请填写“无”',
  },
  { name: 'other', label: '（六）其他需要说明的情况', required: false, placeholder: '选填' },
];

export const STATUS_TAG: Record<ReportStatus, { label: string; color: string }> = {
  submitted: { label: '已提交', color: 'success' },
  late_submitted: { label: '逾期提交', color: 'warning' },
  not_due: { label: '本年度无需提交', color: 'default' },
  pending: { label: '待提交', color: 'processing' },
  overdue: { label: '逾期未提交', color: 'error' },
};

export function StatusTag({ status, label }: { status: ReportStatus; label?: string }) {
  const t = STATUS_TAG[status] ?? { label: label ?? status, color: 'default' };
  return <Tag color={t.color}>{label ?? t.label}</Tag>;
}

export const currentYear = () => dayjs().year();

/** Report years offered in the selectors: five years back and the next year. */
export function yearOptions(): Array<{ value: number; label: string }> {
  const y = currentYear();
  const out: Array<{ value: number; label: string }> = [];
  for (let v = y + 1; v >= y - 5; v--) out.push({ value: v, label: `${v} 年度` });
  return out;
}

export const fmtTime = (v: string | null | undefined) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '');

/** Days from today to the deadline (negative once passed). */
export const daysTo = (deadline: string) =>
  dayjs(deadline).startOf('day').diff(dayjs().startOf('day'), 'day');

export interface SummaryFilter {
  year: number;
  regionCode?: string | undefined;
  keyword?: string | undefined;
}

export interface StatusSummary {
  loading: boolean;
  error: unknown;
  deadline?: string;
  total?: number;
  submitted?: number;
  late?: number;
  missing?: number;
  notDue?: number;
}

/** Counts for a year from the status list's `counts` (same filter, status aside) and the year's deadline. */
export function useStatusSummary(f: SummaryFilter): StatusSummary {
  const base = { year: f.year, regionCode: f.regionCode || undefined, keyword: f.keyword || undefined };
  const q = useQuery({
    queryKey: ['licensing', 'self-inspections', 'summary', base],
    queryFn: () =>
      call(
        api.GET('/api/licensing/self-inspections/status', {
          params: { query: { ...base, page: 1, pageSize: 1 } },
        }),
      ),
  });
  const c = q.data?.counts;
  return {
    loading: q.isLoading,
    error: q.error,
    deadline: q.data?.deadline,
    total: c?.total,
    submitted: c?.submitted,
    late: c?.late,
    missing: c?.missing,
    notDue: c?.notDue,
  };
}

/** After a submission: the lists of this page (any view) and the counts reload. */
export function useAfterSubmit() {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({
      predicate: (q) =>
        q.queryKey[0] === 'table' &&
        [STATUS_TABLE_ID, REPORTS_TABLE_ID].some((id) => String(q.queryKey[1]).startsWith(id)),
    });
    void qc.invalidateQueries({ queryKey: ['licensing', 'self-inspections'] });
    void qc.invalidateQueries({ queryKey: ['licensing', 'reminders'] });
  };
}

/** code → region name (falls back to the code until the tree is loaded). */
export function useRegionName(): (code: string) => string {
  const tree = useRegionTree();
  const index = useMemo(() => (tree.data ? indexRegions(tree.data.items) : undefined), [tree.data]);
  return (code: string) => index?.get(code)?.name ?? code;
}
