import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Empty, Space, Spin, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useNavigate } from 'react-router';
import { api, ApiError, call } from '../../../api/client';
import { useAuth } from '../../../app/auth';
import { errorText } from '../../../components/errors';
import type { AppDetail } from './DeskShared';

const fmt = (v: string | null | undefined) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '—');
const STATUS_COLOR: Record<string, string> = {
  planning: 'default',
  in_progress: 'processing',
  concluded: 'success',
  cancelled: 'default',
};

/**
 * 实地核查结果 of an application: its newest 核查任务 (GET /api/licensing/inspections?applicationId=…) and, from
 * the task's detail, the team, the dates and the conclusion with its counts.
 */
export function DeskInspectionResult({ app }: { app: AppDetail }) {
  const navigate = useNavigate();
  const { hasPerm } = useAuth();
  const canOpenTask = hasPerm(['licensing:inspect', 'licensing:observer']);
  const list = useQuery({
    queryKey: ['licensing', 'inspections', 'by-application', app.id],
    queryFn: () =>
      call(
        api.GET('/api/licensing/inspections', {
          params: { query: { applicationId: app.id, pageSize: 20, sort: '-createdAt' } },
        }),
      ),
    enabled: app.inspectionRequired !== false,
  });
  const tasks = list.data?.items ?? [];
  const task = tasks.find((t) => t.status !== 'cancelled') ?? tasks[0];
  const detail = useQuery({
    queryKey: ['licensing', 'inspection', task?.id],
    queryFn: () => call(api.GET('/api/licensing/inspections/{id}', { params: { path: { id: task!.id } } })),
    enabled: !!task,
  });

  if (app.inspectionRequired === false)
    return (
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description="受理时确定不需要实地核查（告知承诺或变更、补领申请）"
      />
    );
  if (list.isLoading) return <Spin style={{ display: 'block', margin: 24 }} />;
  if (list.error)
    return (
      <Alert
        type={list.error instanceof ApiError && list.error.status === 403 ? 'info' : 'error'}
        showIcon
        title={errorText(list.error)}
      />
    );
  if (!task)
    return (
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description={app.inspectionRequired ? '尚无可查看的核查任务' : '尚未受理，未安排实地核查'}
      />
    );

  const d = detail.data;
  const c = d?.conclusion;
  const team = d?.team ?? [];
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="desk-inspection">
      {c ? (
        <Alert
          type={c.finalResult === 'pass' ? 'success' : 'error'}
          showIcon
          title={`实地核查结论：${c.finalResultLabel}`}
          description={
            <>
              {c.overridden && (
                <div>
                  审查组改判（建议结论为{c.suggestedResult === 'pass' ? '合格' : '不合格'}）：
                  {c.overrideReason ?? '—'}
                </div>
              )}
              {c.comment && <div>核查意见：{c.comment}</div>}
              <div>作出结论时间：{fmt(c.concludedAt)}</div>
            </>
          }
        />
      ) : (
        <Alert type="info" showIcon title={`核查任务${task.statusLabel}，尚未作出核查结论`} />
      )}
      {detail.isLoading && <Spin />}
      {detail.error && <Typography.Text type="danger">{errorText(detail.error)}</Typography.Text>}
      <Descriptions column={2} size="small" bordered>
        <Descriptions.Item label="任务状态">
          <Tag color={STATUS_COLOR[task.status]}>{task.statusLabel}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label="组织单位">{d?.orgName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="审查组" span={2}>
          {team.length
            ? team.map((m) => (
                <Tag key={m.userId} color={m.role === 'leader' ? 'blue' : undefined}>
                  {m.roleLabel}：{m.name}（{m.orgName}）
                </Tag>
              ))
            : '—'}
          {d?.observer && (
            <Tag color="purple">
              观察员：{d.observer.name}（{d.observer.orgName}）
            </Tag>
          )}
        </Descriptions.Item>
        <Descriptions.Item label="计划核查日期">
          {d?.plan.start ? `${d.plan.start} 至 ${d.plan.end ?? ''}` : '—'}
        </Descriptions.Item>
        <Descriptions.Item label="实际核查日期">
          {d?.actual.start ? `${d.actual.start} 至 ${d.actual.end ?? ''}` : '—'}
        </Descriptions.Item>
        <Descriptions.Item label="核查期限">{d?.application?.inspectionDueDate ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="核查模板">
          {d?.template ? `${d.template.name}（第 ${d.template.version} 版）` : '—'}
        </Descriptions.Item>
        {c && (
          <>
            <Descriptions.Item label="核查条款" span={2}>
              {c.counts
                ? `共 ${c.counts.total} 项，适用 ${c.counts.applicable} 项：符合 ${c.counts.conform}、基本符合 ${c.counts.basic}、不符合 ${c.counts.nonconform}、不适用 ${c.counts.na}；否决项不符合 ${c.counts.vetoNonconform}`
                : '—'}
            </Descriptions.Item>
            <Descriptions.Item label="企业确认" span={2}>
              {c.enterpriseConfirmation === 'confirmed'
                ? `已签字确认${c.enterpriseSigner ? `（${c.enterpriseSigner}）` : ''}`
                : c.enterpriseConfirmation === 'refused'
                  ? `拒绝签字：${c.enterpriseRefusalNote ?? ''}`
                  : '—'}
              {c.resultNotifiedOn ? `；结果告知日期 ${c.resultNotifiedOn}` : ''}
            </Descriptions.Item>
          </>
        )}
      </Descriptions>
      {canOpenTask && (
        <Button size="small" onClick={() => void navigate(`/licensing/inspections/${task.id}`)}>
          打开核查任务
        </Button>
      )}
    </Space>
  );
}
