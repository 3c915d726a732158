import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Select, Space, Tag } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { api, call, qs } from '../api/client';
import type { paths } from '../api/schema';
import { KeywordInput, ServerTable, type ServerColumn } from '../components/ServerTable';

type InboxItem =
  paths['/api/workflow/inbox']['get']['responses']['200']['content']['application/json']['items'][number];

const TASK_TYPE: Record<InboxItem['taskType'], string> = {
  assigned: '指派给我',
  handle: '待我办理',
  applicant: '待我补正',
};

/** 工作台: the 待办 inbox across every process, latest notices and a few counters. */
export function HomePage() {
  const navigate = useNavigate();
  const all = useQuery({
    queryKey: ['inbox', 'count'],
    queryFn: () => call(api.GET('/api/workflow/inbox', { params: { query: { pageSize: 1 } } })),
  });
  const overdue = useQuery({
    queryKey: ['inbox', 'overdue'],
    queryFn: () =>
      call(api.GET('/api/workflow/inbox', { params: { query: { pageSize: 1, overdue: true } } })),
  });
  const notices = useQuery({
    queryKey: ['notices', 'mine', 'latest'],
    queryFn: () => call(api.GET('/api/system/notices/mine', { params: { query: { pageSize: 5 } } })),
  });

  const columns: ServerColumn<InboxItem>[] = [
    {
      key: 'title',
      title: '事项',
      dataIndex: 'title',
      render: (v: string, r) => <a onClick={() => void navigate(`/workflow/instances/${r.id}`)}>{v}</a>,
    },
    { key: 'process', title: '流程', dataIndex: 'processLabel' },
    { key: 'state', title: '当前环节', dataIndex: 'stateLabel' },
    {
      key: 'taskType',
      title: '来源',
      dataIndex: 'taskType',
      render: (v: InboxItem['taskType']) => TASK_TYPE[v],
    },
    { key: 'applicant', title: '申请单位', dataIndex: 'applicantOrgName' },
    {
      key: 'dueDate',
      title: '办理期限',
      dataIndex: 'dueDate',
      sortField: 'dueDate',
      render: (v: string | null, r) =>
        !v ? (
          '—'
        ) : (
          <Space>
            <span
              style={{ color: r.overdue ? '#cf1322' : undefined, fontWeight: r.overdue ? 600 : undefined }}
            >
              {v}
            </span>
            {r.paused ? (
              <Tag>暂停计时</Tag>
            ) : r.overdue ? (
              <Tag color="red">已超期 {Math.abs(r.daysLeft ?? 0)} 天</Tag>
            ) : r.daysLeft !== null && r.daysLeft <= 2 ? (
              <Tag color="orange">剩 {r.daysLeft} 天</Tag>
            ) : null}
          </Space>
        ),
    },
    {
      key: 'createdAt',
      title: '发起时间',
      dataIndex: 'createdAt',
      sortField: 'createdAt',
      render: (v: string) => v.slice(0, 16).replace('T', ' '),
    },
  ];

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Row gutter={16}>
        <Col span={8}>
          <Card>
            <Counter title="待办事项" value={all.data?.total} />
          </Card>
        </Col>
        <Col span={8}>
          <Card>
            <Counter title="已超期" value={overdue.data?.total} danger={(overdue.data?.total ?? 0) > 0} />
          </Card>
        </Col>
        <Col span={8}>
          <Card>
            <Counter title="未读公告" value={notices.data?.unread} />
          </Card>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={17}>
          <Card title="待办">
            <ServerTable<InboxItem>
              id="home.inbox"
              columns={columns}
              defaultSort="dueDate"
              fetchPage={(q) => call(api.GET('/api/workflow/inbox', { params: { query: q as never } }))}
              exportUrl={(q) =>
                `/api/workflow/inbox${qs({ ...(q as Record<string, string>), format: 'xlsx' })}`
              }
              exportName="待办事项"
              filters={[
                { name: 'keyword', label: '事项', node: <KeywordInput placeholder="事项名称" /> },
                {
                  name: 'overdue',
                  label: '超期',
                  node: (
                    <Select
                      allowClear
                      style={{ width: 120 }}
                      options={[
                        { value: true, label: '已超期' },
                        { value: false, label: '未超期' },
                      ]}
                    />
                  ),
                },
              ]}
            />
          </Card>
        </Col>
        <Col span={7}>
          <Card title="最新公告" extra={<a onClick={() => void navigate('/notices')}>更多</a>}>
            {/* Plain markup rather than antd List: the workbench is the first page after login (bench:web). */}
            {notices.isLoading ? (
              <div style={{ color: 'rgba(0,0,0,0.45)' }}>加载中…</div>
            ) : (notices.data?.items ?? []).length === 0 ? (
              <div style={{ color: 'rgba(0,0,0,0.45)' }}>暂无公告</div>
            ) : (
              <ul style={{ listStyle: 'none', margin: 0, padding: 0 }} data-testid="home-notices">
                {(notices.data?.items ?? []).map((n) => (
                  <li key={n.id} style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}>
                    <Space>
                      {!n.read && <Tag color="blue">未读</Tag>}
                      <a onClick={() => void navigate(`/notices?id=${n.id}`)}>{n.title}</a>
                    </Space>
                    <div style={{ color: 'rgba(0,0,0,0.45)', fontSize: 12 }}>
                      {n.publishedAt?.slice(0, 10)}
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </Col>
      </Row>
    </Space>
  );
}

/** A workbench counter (plain markup instead of antd Statistic: the workbench is the first page after login). */
function Counter(props: { title: ReactNode; value: number | undefined; danger?: boolean }) {
  return (
    <div>
      <div style={{ color: 'rgba(0,0,0,0.45)', marginBottom: 4 }}>{props.title}</div>
      <div style={{ fontSize: 24, color: props.danger ? '#cf1322' : undefined }}>{props.value ?? '…'}</div>
    </div>
  );
}
