import { ArrowRightOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Empty, Space, Spin, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { api, call } from '../api/client';
import type { paths } from '../api/schema';
import { DocumentPreview } from './DocumentPreview';
import { errorText } from './errors';

export type WorkflowHistoryItem =
  paths['/api/workflow/instances/{id}/history']['get']['responses']['200']['content']['application/json']['items'][number];

/** Dot colours by kind of action: green forward, orange back, red ends, blue the rest. */
const KIND_COLOR: Record<string, string> = {
  start: 'blue',
  transition: 'green',
  returnToPrevious: 'orange',
  returnToApplicant: 'orange',
  withdraw: 'gray',
  terminate: 'red',
  transfer: 'blue',
  claim: 'blue',
};

/** Query key of an instance's history (invalidate it after acting). */
export const workflowHistoryKey = (instanceId: string) => ['workflow', 'history', instanceId] as const;

interface Props {
  /** Loads the history of this instance… */
  instanceId?: string;
  /** …or shows these entries (oldest first, as the server returns them). */
  items?: WorkflowHistoryItem[];
  /** Newest first (default true: the latest step is what a handler reads first). */
  newestFirst?: boolean;
}

/**
 * 办理过程: one entry per transition (action, from → to, actor and organisation, time, comment, attachments).
 * Used on the workflow page and on any business record that runs a process.
 */
export function WorkflowTimeline({ instanceId, items, newestFirst = true }: Props) {
  const q = useQuery({
    queryKey: workflowHistoryKey(instanceId ?? ''),
    queryFn: () =>
      call(api.GET('/api/workflow/instances/{id}/history', { params: { path: { id: instanceId! } } })),
    enabled: !!instanceId && !items,
  });
  const list = items ?? q.data?.items;
  if (!items && q.isLoading) return <Spin style={{ display: 'block', margin: 24 }} />;
  if (!items && q.error) return <Typography.Text type="danger">{errorText(q.error)}</Typography.Text>;
  if (!list || list.length === 0)
    return <Empty description="暂无办理记录" image={Empty.PRESENTED_IMAGE_SIMPLE} />;

  const ordered = newestFirst
    ? [...list].sort((a, b) => b.seq - a.seq)
    : [...list].sort((a, b) => a.seq - b.seq);
  return (
    <div data-testid="workflow-timeline">
      <Timeline
        items={ordered.map((h) => ({
          key: h.id,
          color: KIND_COLOR[h.actionKind] ?? 'blue',
          content: (
            <div data-testid="workflow-timeline-item">
              <Space wrap size={8}>
                <Typography.Text strong>{h.actionLabel}</Typography.Text>
                <span>
                  {h.fromStateLabel ? (
                    <>
                      <Tag>{h.fromStateLabel}</Tag>
                      <ArrowRightOutlined style={{ color: '#999', marginRight: 8 }} />
                    </>
                  ) : null}
                  <Tag color="blue">{h.toStateLabel}</Tag>
                </span>
                <Typography.Text type="secondary">{dayjs(h.at).format('YYYY-MM-DD HH:mm')}</Typography.Text>
              </Space>
              <div style={{ marginTop: 4 }}>
                <Typography.Text>{h.actorName ?? '系统'}</Typography.Text>
                {h.actorOrgName && <Typography.Text type="secondary">（{h.actorOrgName}）</Typography.Text>}
                {h.assigneeAfterName && (
                  <Typography.Text type="secondary">，转交给 {h.assigneeAfterName}</Typography.Text>
                )}
                {h.dueDateAfter && (
                  <Typography.Text type="secondary">，办理期限 {h.dueDateAfter}</Typography.Text>
                )}
              </div>
              {h.comment && (
                <div
                  style={{
                    marginTop: 6,
                    padding: '6px 10px',
                    background: '#fafafa',
                    borderLeft: '3px solid #d9d9d9',
                    whiteSpace: 'pre-wrap',
                  }}
                >
                  {h.comment}
                </div>
              )}
              {h.attachments.length > 0 && (
                <div style={{ marginTop: 6 }}>
                  <Typography.Text type="secondary">附件：</Typography.Text>
                  <Space wrap size={[12, 0]}>
                    {h.attachments.map((id) => (
                      <DocumentPreview key={id} fileId={id} />
                    ))}
                  </Space>
                </div>
              )}
            </div>
          ),
        }))}
      />
    </div>
  );
}
