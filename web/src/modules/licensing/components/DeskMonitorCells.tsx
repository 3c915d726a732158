import { useQueries, useQuery } from '@tanstack/react-query';
import { Skeleton, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { api, call } from '../../../api/client';
import type { paths } from '../../../api/schema';
import { workflowHistoryKey } from '../../../components/WorkflowTimeline';
import type { AppItem } from './DeskShared';

/**
 * Cells of the 超期监控 table that the application list does not carry: the working days left or overdue of the
 * step's due date (counted with the holiday calendar, as the server counts them) and the unit handling the
 * application (from the process history, loaded per visible row and cached).
 */

type YearReply =
  paths['/api/calendar/years/{year}']['get']['responses']['200']['content']['application/json'];

const DAY_MS = 86_400_000;
const epochDay = (d: string) =>
  Math.round(Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10)) / DAY_MS);
const dayOf = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

/**
 * Working days from `from` to `to` (from excluded, to included; negative when `to` is earlier): the rule of
 * the server's calendar (Monday–Friday, less 放假日, plus 调休上班日).
 */
export function workingDaysBetween(years: YearReply[], from: string, to: string): number {
  const kind = new Map<string, string>();
  for (const y of years) for (const d of y.items) kind.set(d.day, d.kind);
  const a = epochDay(from);
  const b = epochDay(to);
  const [lo, hi, sign] = b >= a ? [a, b, 1] : [b, a, -1];
  let n = 0;
  for (let d = lo + 1; d <= hi; d++) {
    const k = kind.get(dayOf(d));
    const dow = new Date(d * DAY_MS).getUTCDay();
    if (k === 'workday' || (k !== 'holiday' && dow !== 0 && dow !== 6)) n++;
  }
  return n === 0 ? 0 : sign * n;
}

/** The holiday calendar of the years between two dates (each year cached for the session). */
function useCalendar(a: string, b: string) {
  const ya = +a.slice(0, 4);
  const yb = +b.slice(0, 4);
  const years: number[] = [];
  for (let y = Math.max(2000, Math.min(ya, yb)); y <= Math.min(2100, Math.max(ya, yb)); y++) years.push(y);
  return useQueries({
    queries: years.map((year) => ({
      queryKey: ['calendar', 'year', year],
      queryFn: () => call(api.GET('/api/calendar/years/{year}', { params: { path: { year } } })),
      staleTime: 30 * 60_000,
    })),
  });
}

const loading = <Skeleton.Input active size="small" style={{ width: 80, minWidth: 80 }} />;

/** 超期 N 个工作日 / 剩 N 个工作日 / 今日到期, or the pause. */
export function DeskDaysCell({ row }: { row: AppItem }) {
  const today = dayjs().format('YYYY-MM-DD');
  const due = row.dueDate ?? today;
  const cal = useCalendar(today, due);
  if (!row.dueDate) return <Typography.Text type="secondary">暂停计时</Typography.Text>;
  if (cal.some((q) => q.isLoading)) return loading;
  if (cal.some((q) => q.error)) return row.overdue ? <Tag color="error">已超期</Tag> : <>—</>;
  const days = workingDaysBetween(
    cal.map((q) => q.data!),
    today,
    row.dueDate,
  );
  if (row.overdue)
    return (
      <Tag color="error" data-testid="desk-days-overdue">
        {days < 0 ? `超期 ${-days} 个工作日` : '已超期'}
      </Tag>
    );
  if (days <= 0) return <Tag color="warning">今日到期</Tag>;
  return <Tag color={days <= 3 ? 'warning' : 'default'}>剩 {days} 个工作日</Tag>;
}

/**
 * 承办单位: the unit of the last officer who acted on the application (受理, 核查 …) and the person the step was
 * transferred to; the enterprise's own steps (提交、补正) do not count.
 */
export function DeskHandlerCell({ row }: { row: AppItem }) {
  const id = row.instanceId;
  const h = useQuery({
    queryKey: workflowHistoryKey(id ?? ''),
    queryFn: () => call(api.GET('/api/workflow/instances/{id}/history', { params: { path: { id: id! } } })),
    enabled: !!id,
    staleTime: 60_000,
  });
  if (!id) return <>—</>;
  if (h.isLoading) return loading;
  if (h.error) return <>—</>;
  const items = [...(h.data?.items ?? [])].sort((a, b) => b.seq - a.seq);
  const last = items.find(
    (i) => i.actionKind !== 'start' && i.actorOrgName && i.actorOrgName !== row.enterpriseName,
  );
  const assignee = items[0]?.assigneeAfterName;
  if (!last && !assignee) return <Typography.Text type="secondary">尚未受理</Typography.Text>;
  return (
    <span>
      {last?.actorOrgName ?? '—'}
      {assignee ? (
        <Typography.Text type="secondary">（转办给 {assignee}）</Typography.Text>
      ) : last?.actorName ? (
        <Typography.Text type="secondary">（{last.actorName}）</Typography.Text>
      ) : null}
    </span>
  );
}
