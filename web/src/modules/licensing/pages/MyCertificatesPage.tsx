import { BellOutlined, FilePdfOutlined, RightOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Badge, Button, Card, List, Select, Space, Switch, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api, call, download, qs } from '../../../api/client';
import type { paths } from '../../../api/schema';
import { errorText, useErrorHandler } from '../../../components/errors';
import { KeywordInput, ServerTable, type ServerColumn } from '../../../components/ServerTable';

type ListGet = paths['/api/licensing/certificates']['get'];
type ListQuery = NonNullable<ListGet['parameters']['query']>;
type CertItem = ListGet['responses']['200']['content']['application/json']['items'][number];
type CertState = CertItem['state'];
type ReminderQuery = NonNullable<
  paths['/api/licensing/certificates/reminders']['get']['parameters']['query']
>;

const TABLE_ID = 'licensing.my-certificates';

const STATE_TAG: Record<CertState, { label: string; color: string }> = {
  valid: { label: '有效', color: 'success' },
  expired: { label: '过期', color: 'default' },
  replaced: { label: '已换发', color: 'default' },
  revoked: { label: '撤销', color: 'error' },
  withdrawn: { label: '撤回', color: 'warning' },
  rescinded: { label: '吊销', color: 'error' },
  cancelled: { label: '注销', color: 'default' },
};

const STATE_OPTIONS = (
  ['valid', 'cancelled', 'revoked', 'rescinded', 'expired', 'withdrawn'] as CertState[]
).map((v) => ({ value: v, label: STATE_TAG[v].label }));

/** 我的证书: the enterprise's 生产许可证, PDF download, and the reminders (延续申报, 年度自查报告). */
export function MyCertificatesPage() {
  const onError = useErrorHandler();
  const [downloading, setDownloading] = useState<string>();

  async function pdf(c: CertItem) {
    setDownloading(c.id);
    try {
      await download(`/api/licensing/certificates/${c.id}/pdf?copy=both`, `${c.number}.pdf`);
    } catch (e) {
      onError(e);
    } finally {
      setDownloading(undefined);
    }
  }

  const columns: ServerColumn<CertItem>[] = [
    { key: 'number', title: '证书编号', dataIndex: 'number', sortField: 'number', fixed: 'left' },
    { key: 'product', title: '产品', dataIndex: 'productName' },
    {
      key: 'state',
      title: '状态',
      dataIndex: 'state',
      render: (v: CertState, r) => {
        const t = STATE_TAG[v] ?? { label: r.stateLabel, color: 'default' };
        return (
          <Space size={4}>
            <Tag color={t.color}>{t.label}</Tag>
            {r.pendingCancellationId && <Tag color="purple">注销审批中</Tag>}
          </Space>
        );
      },
    },
    { key: 'applicationType', title: '发证类型', dataIndex: 'applicationTypeLabel' },
    { key: 'issueDate', title: '发证日期', dataIndex: 'issueDate', sortField: 'issueDate' },
    {
      key: 'validTo',
      title: '有效期至',
      dataIndex: 'validTo',
      sortField: 'validTo',
      render: (v: string, r) =>
        r.state === 'valid' && r.daysToExpiry <= 180 ? (
          <Space size={4}>
            {v}
            <Tag color="orange">{r.daysToExpiry} 天后到期</Tag>
          </Space>
        ) : (
          v
        ),
    },
    {
      key: 'latestRenewalDate',
      title: '最迟延续申请日',
      dataIndex: 'latestRenewalDate',
      render: (v: string, r) => (r.state === 'valid' ? v : ''),
    },
    {
      key: 'productionAddress',
      title: '生产地址',
      dataIndex: 'productionAddress',
      render: (v: string | null) => v ?? '',
    },
    {
      key: 'sanction',
      title: '处理情况',
      dataIndex: 'sanction',
      render: (_: unknown, r) =>
        r.sanction
          ? `${r.sanction.label}（${r.sanction.date}${r.sanction.documentNo ? `，${r.sanction.documentNo}` : ''}）`
          : r.cancelledDate
            ? `注销（${r.cancelledDate}）`
            : '',
    },
    {
      key: 'actions',
      title: '操作',
      fixed: 'right',
      render: (_: unknown, r) => (
        <Button
          type="link"
          size="small"
          icon={<FilePdfOutlined />}
          loading={downloading === r.id}
          onClick={() => void pdf(r)}
        >
          下载 PDF
        </Button>
      ),
    },
  ];

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Reminders />
      <Card title="我的证书" size="small">
        <ServerTable<CertItem>
          id={TABLE_ID}
          columns={columns}
          defaultSort="-issueDate"
          fetchPage={(q) =>
            call(api.GET('/api/licensing/certificates', { params: { query: q as unknown as ListQuery } }))
          }
          exportUrl={(q) =>
            `/api/licensing/certificates${qs({ ...(q as Record<string, string>), format: 'xlsx' })}`
          }
          exportName="我的生产许可证"
          filters={[
            { name: 'keyword', label: '关键字', node: <KeywordInput placeholder="证书编号或产品" /> },
            {
              name: 'state',
              label: '状态',
              node: <Select allowClear style={{ width: 120 }} options={STATE_OPTIONS} placeholder="全部" />,
            },
          ]}
        />
      </Card>
    </Space>
  );
}

function Reminders() {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const [unreadOnly, setUnreadOnly] = useState(true);
  const [page, setPage] = useState(1);
  const query: ReminderQuery = { page, pageSize: 5, ...(unreadOnly ? { unread: true } : {}) };
  const q = useQuery({
    queryKey: ['licensing', 'reminders', query],
    queryFn: () => call(api.GET('/api/licensing/certificates/reminders', { params: { query } })),
  });

  async function markRead(id: string) {
    try {
      await call(api.POST('/api/licensing/certificates/reminders/{id}/read', { params: { path: { id } } }));
      void message.success('已标为已读');
      void qc.invalidateQueries({ queryKey: ['licensing', 'reminders'] });
    } catch (e) {
      onError(e);
    }
  }

  return (
    <Card
      size="small"
      title={
        <Space>
          <BellOutlined />
          申报提醒
          <Badge count={q.data?.unread ?? 0} />
        </Space>
      }
      extra={
        <Space>
          <Typography.Text type="secondary">只看未读</Typography.Text>
          <Switch
            size="small"
            checked={unreadOnly}
            onChange={(v) => {
              setUnreadOnly(v);
              setPage(1);
            }}
          />
        </Space>
      }
    >
      {q.error && <Alert type="error" showIcon message={errorText(q.error)} />}
      <List
        size="small"
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: unreadOnly ? '没有未读的申报提醒' : '没有申报提醒' }}
        pagination={
          (q.data?.total ?? 0) > 5
            ? { current: page, pageSize: 5, total: q.data?.total ?? 0, onChange: setPage, size: 'small' }
            : false
        }
        renderItem={(r) => (
          <List.Item
            actions={
              r.read
                ? [
                    <Typography.Text key="r" type="secondary">
                      已读
                    </Typography.Text>,
                  ]
                : [
                    <a key="r" onClick={() => void markRead(r.id)}>
                      标为已读
                    </a>,
                  ]
            }
          >
            <List.Item.Meta
              title={
                <Space>
                  {!r.read && <Badge status="processing" />}
                  <Tag color={r.kind === 'self_inspection' ? 'cyan' : 'gold'}>
                    {r.kind === 'self_inspection' ? '年度自查' : '延续申报'}
                  </Tag>
                  {r.title}
                </Space>
              }
              description={
                <>
                  <div>{r.content}</div>
                  {r.kind === 'self_inspection' ? (
                    <Space size={8} wrap>
                      <Typography.Text type="secondary">
                        {r.latestApplyDate.slice(0, 4)} 年度自查报告截止日期 {r.latestApplyDate} · 提醒日期{' '}
                        {r.createdOn}
                      </Typography.Text>
                      <a
                        onClick={() =>
                          void navigate(`/licensing/self-inspections?year=${r.latestApplyDate.slice(0, 4)}`)
                        }
                      >
                        前往年度自查报告 <RightOutlined style={{ fontSize: 10 }} />
                      </a>
                    </Space>
                  ) : (
                    <Typography.Text type="secondary">
                      有效期至 {r.validTo}
                      {r.milestoneMonths > 0 ? `（期满前 ${r.milestoneMonths} 个月提醒）` : ''}，最迟于{' '}
                      {r.latestApplyDate} 前提出延续申请 · 提醒日期 {r.createdOn}
                    </Typography.Text>
                  )}
                </>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
