import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Drawer, Input, Select, Spin, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api, call, qs } from '../../../api/client';
import type { paths } from '../../../api/schema';
import { useAuth } from '../../../app/auth';
import { errorText, useErrorHandler } from '../../../components/errors';
import { TimeRangeFilter, mapTimeRange } from '../../../components/TimeRangeFilter';
import { KeywordInput, ServerTable, type ServerColumn } from '../../../components/ServerTable';

type AuditItem =
  paths['/api/system/audit']['get']['responses']['200']['content']['application/json']['items'][number];
type VerifyReply =
  paths['/api/system/audit/verify']['post']['responses']['200']['content']['application/json'];

const TABLE_ID = 'security.audit';
const FMT = 'YYYY-MM-DD HH:mm';
const time = (v: string | null | undefined) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm:ss') : '—');
const PROBLEM_KIND: Record<string, string> = {
  changed: '记录被修改',
  deleted: '记录被删除',
  relinked: '哈希链被重接',
};

/** 审计日志: query, detail with the hash chain, and the integrity check (audit administrator). */
export function AuditLogPage() {
  const { hasPerm } = useAuth();
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const [detailId, setDetailId] = useState<string>();
  const [verifying, setVerifying] = useState(false);
  const [verify, setVerify] = useState<VerifyReply & { at: string }>();

  async function runVerify() {
    setVerifying(true);
    try {
      const r = await call(api.POST('/api/system/audit/verify'));
      setVerify({ ...r, at: dayjs().format('YYYY-MM-DD HH:mm:ss') });
      if (r.ok) void message.success(`校验通过，共 ${r.checked} 条`);
    } catch (e) {
      onError(e);
    } finally {
      setVerifying(false);
    }
  }

  const columns: ServerColumn<AuditItem>[] = [
    { key: 'seq', title: '序号', dataIndex: 'seq', sortField: 'seq', align: 'right' },
    {
      key: 'at',
      title: '时间',
      dataIndex: 'at',
      sortField: 'at',
      render: (v: string) => dayjs(v).format(FMT),
    },
    {
      key: 'username',
      title: '操作人',
      dataIndex: 'username',
      sortField: 'username',
      render: (v: string | null) => v ?? '—',
    },
    { key: 'orgName', title: '所属机构', dataIndex: 'orgName', render: (v: string | null) => v ?? '—' },
    { key: 'action', title: '操作', dataIndex: 'action', sortField: 'action' },
    {
      key: 'target',
      title: '操作对象',
      dataIndex: 'targetType',
      render: (_: unknown, r) =>
        r.targetType || r.targetId ? (
          <Typography.Text
            style={{ maxWidth: 260 }}
            ellipsis={{ tooltip: `${r.targetType ?? ''} ${r.targetId ?? ''}` }}
          >
            {r.targetType}
            {r.targetId ? ` / ${r.targetId}` : ''}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
    {
      key: 'request',
      title: '请求',
      dataIndex: 'path',
      render: (_: unknown, r) =>
        r.path ? (
          <Typography.Text
            type="secondary"
            style={{ maxWidth: 260 }}
            ellipsis={{ tooltip: `${r.method ?? ''} ${r.path}` }}
          >
            {r.method} {r.path}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
    { key: 'ip', title: 'IP', dataIndex: 'ip', render: (v: string | null) => v ?? '—' },
    {
      key: 'result',
      title: '结果',
      dataIndex: 'result',
      render: (v: AuditItem['result'], r) =>
        v === 'success' ? (
          <Tag color="green">成功</Tag>
        ) : (
          <Tag color="red">失败{r.statusCode ? ` ${r.statusCode}` : ''}</Tag>
        ),
    },
    {
      key: 'ops',
      title: '操作',
      fixed: 'right',
      render: (_: unknown, r) => (
        <Typography.Link onClick={() => setDetailId(r.id)} data-testid={`audit-detail-${r.seq}`}>
          详情
        </Typography.Link>
      ),
    },
  ];

  return (
    <div data-testid="audit-page" style={{ background: '#fff', padding: 16 }}>
      {verify && (
        <Alert
          style={{ marginBottom: 12 }}
          type={verify.ok ? 'success' : 'error'}
          showIcon
          closable={{ onClose: () => setVerify(undefined) }}
          data-testid="audit-verify-result"
          title={
            verify.ok ? (
              <span>完整性校验通过：已校验 {verify.checked} 条记录，未发现篡改或删除</span>
            ) : (
              <span style={{ color: '#cf1322', fontWeight: 600 }}>
                完整性校验失败
                {verify.problem
                  ? `：第 ${verify.problem.seq} 号记录${PROBLEM_KIND[verify.problem.kind] ?? ''}`
                  : ''}
              </span>
            )
          }
          description={
            verify.ok ? (
              <Typography.Text type="secondary">校验时间 {verify.at}</Typography.Text>
            ) : (
              <>
                <div style={{ color: '#cf1322' }}>{verify.problem?.message ?? verify.message}</div>
                <Typography.Text type="secondary">
                  {verify.message}（校验时间 {verify.at}）
                </Typography.Text>
              </>
            )
          }
        />
      )}
      <ServerTable<AuditItem>
        id={TABLE_ID}
        columns={columns}
        defaultSort="-seq"
        mapFilters={mapTimeRange}
        fetchPage={(q) => call(api.GET('/api/system/audit', { params: { query: q as never } }))}
        exportUrl={(q) => `/api/system/audit${qs({ ...(q as Record<string, string>), format: 'xlsx' })}`}
        exportName="审计日志"
        filters={[
          {
            name: 'username',
            label: '操作人',
            node: <Input allowClear placeholder="用户名（精确）" style={{ width: 150 }} />,
          },
          { name: 'action', label: '操作', node: <KeywordInput placeholder="操作关键字" /> },
          {
            name: 'result',
            label: '结果',
            node: (
              <Select
                allowClear
                placeholder="全部"
                style={{ width: 100 }}
                options={[
                  { value: 'success', label: '成功' },
                  { value: 'failure', label: '失败' },
                ]}
              />
            ),
          },
          { name: 'range', label: '时间', node: <TimeRangeFilter /> },
          {
            name: 'targetType',
            label: '对象类型',
            node: <Input allowClear placeholder="如 user、notice" style={{ width: 140 }} />,
          },
          {
            name: 'targetId',
            label: '对象标识',
            node: <Input allowClear placeholder="对象编号" style={{ width: 180 }} />,
          },
        ]}
        toolbar={
          hasPerm('audit:verify') && (
            <Button
              icon={<SafetyCertificateOutlined />}
              loading={verifying}
              onClick={() => void runVerify()}
              data-testid="audit-verify"
            >
              校验完整性
            </Button>
          )
        }
      />
      <AuditDetailDrawer id={detailId} onClose={() => setDetailId(undefined)} />
    </div>
  );
}

/** The detail text is JSON (passwords masked by the server); shown pretty-printed when it parses. */
function pretty(detail: string | null): string {
  if (!detail) return '';
  try {
    return JSON.stringify(JSON.parse(detail), null, 2);
  } catch {
    return detail;
  }
}

function AuditDetailDrawer({ id, onClose }: { id?: string; onClose: () => void }) {
  const q = useQuery({
    queryKey: ['security', 'audit', id],
    queryFn: () => call(api.GET('/api/system/audit/{id}', { params: { path: { id: id! } } })),
    enabled: !!id,
    staleTime: Infinity,
  });
  const a = q.data;
  const mono = { fontFamily: 'monospace', fontSize: 12, wordBreak: 'break-all' as const };
  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      size={720}
      title={a ? `审计记录 #${a.seq}` : '审计记录'}
      destroyOnHidden
    >
      {q.isLoading ? (
        <Spin />
      ) : q.error ? (
        <Typography.Text type="danger">{errorText(q.error)}</Typography.Text>
      ) : a ? (
        <div data-testid="audit-detail">
          <Descriptions
            size="small"
            bordered
            column={1}
            styles={{ label: { width: 110 } }}
            items={[
              { key: 'seq', label: '序号', children: a.seq },
              { key: 'at', label: '时间', children: time(a.at) },
              { key: 'username', label: '操作人', children: a.username ?? '—' },
              { key: 'userId', label: '用户编号', children: <span style={mono}>{a.userId ?? '—'}</span> },
              { key: 'orgName', label: '所属机构', children: a.orgName ?? '—' },
              { key: 'action', label: '操作', children: a.action },
              {
                key: 'result',
                label: '结果',
                children: (
                  <>
                    {a.result === 'success' ? <Tag color="green">成功</Tag> : <Tag color="red">失败</Tag>}
                    {a.statusCode !== null && (
                      <Typography.Text type="secondary">HTTP {a.statusCode}</Typography.Text>
                    )}
                  </>
                ),
              },
              {
                key: 'request',
                label: '请求',
                children: a.path ? <span style={mono}>{`${a.method ?? ''} ${a.path}`}</span> : '—',
              },
              { key: 'targetType', label: '对象类型', children: a.targetType ?? '—' },
              { key: 'targetId', label: '对象标识', children: <span style={mono}>{a.targetId ?? '—'}</span> },
              { key: 'ip', label: 'IP', children: a.ip ?? '—' },
              {
                key: 'requestId',
                label: '请求编号',
                children: a.requestId ? (
                  <Typography.Text copyable style={mono}>
                    {a.requestId}
                  </Typography.Text>
                ) : (
                  '—'
                ),
              },
              {
                key: 'detail',
                label: '请求内容',
                children: a.detail ? (
                  <pre
                    style={{
                      ...mono,
                      margin: 0,
                      maxHeight: 360,
                      overflow: 'auto',
                      background: '#fafafa',
                      padding: 8,
                      whiteSpace: 'pre-wrap',
                    }}
                    data-testid="audit-detail-json"
                  >
                    {pretty(a.detail)}
                  </pre>
                ) : (
                  '—'
                ),
              },
              {
                key: 'prevHash',
                label: '前一哈希',
                children: (
                  <Typography.Text copyable style={mono}>
                    {a.prevHash}
                  </Typography.Text>
                ),
              },
              {
                key: 'hash',
                label: '本条哈希',
                children: (
                  <Typography.Text copyable style={mono}>
                    {a.hash}
                  </Typography.Text>
                ),
              },
            ]}
          />
        </div>
      ) : null}
    </Drawer>
  );
}
