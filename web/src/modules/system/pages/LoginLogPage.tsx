import { Input, Select, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { api, call, qs } from '../../../api/client';
import type { paths } from '../../../api/schema';
import { TimeRangeFilter, mapTimeRange } from '../../../components/TimeRangeFilter';
import { KeywordInput, ServerTable, type ServerColumn } from '../../../components/ServerTable';

type LoginLog =
  paths['/api/system/login-logs']['get']['responses']['200']['content']['application/json']['items'][number];

const TABLE_ID = 'security.login-logs';

/** Results the server records (logs.presenter.ts LOGIN_RESULT_LABEL). */
const RESULTS: Array<{ value: string; label: string; color: string }> = [
  { value: 'success', label: '登录成功', color: 'green' },
  { value: 'bad_password', label: '密码错误', color: 'red' },
  { value: 'unknown_user', label: '用户不存在', color: 'orange' },
  { value: 'locked', label: '账号锁定', color: 'volcano' },
  { value: 'disabled', label: '账号停用', color: 'default' },
  { value: 'demo_disabled', label: '演示账号不可用', color: 'default' },
];
const RESULT_COLOR = new Map(RESULTS.map((r) => [r.value, r.color]));

/** 登录日志: every login attempt with its result, IP and browser. */
export function LoginLogPage() {
  const columns: ServerColumn<LoginLog>[] = [
    {
      key: 'createdAt',
      title: '时间',
      dataIndex: 'createdAt',
      sortField: 'createdAt',
      render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm:ss'),
    },
    { key: 'username', title: '用户名', dataIndex: 'username', sortField: 'username' },
    { key: 'orgName', title: '所属机构', dataIndex: 'orgName', render: (v: string | null) => v ?? '—' },
    { key: 'ip', title: 'IP', dataIndex: 'ip', render: (v: string | null) => v ?? '—' },
    {
      key: 'result',
      title: '结果',
      dataIndex: 'result',
      sortField: 'result',
      render: (v: string, r) => <Tag color={RESULT_COLOR.get(v) ?? 'default'}>{r.resultLabel}</Tag>,
    },
    { key: 'message', title: '说明', dataIndex: 'message', render: (v: string | null) => v ?? '' },
    {
      key: 'userAgent',
      title: '浏览器',
      dataIndex: 'userAgent',
      render: (v: string | null) =>
        v ? (
          <Typography.Text type="secondary" style={{ maxWidth: 320 }} ellipsis={{ tooltip: v }}>
            {v}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
  ];

  return (
    <div data-testid="login-logs-page" style={{ background: '#fff', padding: 16 }}>
      <ServerTable<LoginLog>
        id={TABLE_ID}
        columns={columns}
        defaultSort="-createdAt"
        mapFilters={mapTimeRange}
        fetchPage={(q) => call(api.GET('/api/system/login-logs', { params: { query: q as never } }))}
        exportUrl={(q) => `/api/system/login-logs${qs({ ...(q as Record<string, string>), format: 'xlsx' })}`}
        exportName="登录日志"
        filters={[
          { name: 'username', label: '用户名', node: <KeywordInput placeholder="用户名" /> },
          {
            name: 'result',
            label: '结果',
            node: (
              <Select
                allowClear
                placeholder="全部"
                style={{ width: 140 }}
                options={RESULTS.map(({ value, label }) => ({ value, label }))}
              />
            ),
          },
          {
            name: 'ip',
            label: 'IP',
            node: <Input allowClear placeholder="IP 地址（精确）" style={{ width: 150 }} />,
          },
          { name: 'range', label: '时间', node: <TimeRangeFilter /> },
        ]}
      />
    </div>
  );
}
