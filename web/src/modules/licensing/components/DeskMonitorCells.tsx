import { useQuery } from '@tanstack/react-query';
import { Skeleton, Tag, Typography } from 'antd';
import { api, call } from '../../../api/client';
import { workflowHistoryKey } from '../../../components/WorkflowTimeline';
import type { AppItem } from './DeskShared';

/**
 * Cells of the 超期监控 table: the working days left or overdue of the step's due date (counted by the server,
 * `daysLeft`) and the unit handling the application (from the process history, loaded per visible row and
 * cached — the list cannot name it: an unassigned step is open to every bureau whose scope covers it).
 */

const loading = <Skeleton.Input active size="small" style={{ width: 80, minWidth: 80 }} />;

/** 超期 N 个工作日 / 剩 N 个工作日 / 今日到期, or the pause. */
export function DeskDaysCell({ row }: { row: AppItem }) {
  if (!row.dueDate) return <Typography.Text type="secondary">暂停计时</Typography.Text>;
  const days = row.daysLeft;
  if (row.overdue)
    return (
      <Tag color="error" data-testid="desk-days-overdue">
        {days != null && days < 0 ? `超期 ${-days} 个工作日` : '已超期'}
      </Tag>
    );
  if (days == null) return <>—</>;
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
