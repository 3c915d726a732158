import { DatePicker, Input, Select, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api, call, qs } from '../../../api/client';
import type { paths } from '../../../api/schema';
import { KeywordInput, ServerTable, type ServerColumn } from '../../../components/ServerTable';

type LoginLog =
  paths['/api/system/login-logs']['get']['responses']['200']['content']['application/json']['items'][number];

const TABLE_ID = 'security.login-logs';
const FMT = 'YYYY-MM-DD HH:mm';

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

/** A time range filter; saved filters come back as ISO strings, so strings and dayjs are both accepted. */
function TimeRange(props: {
  value?: Array<Dayjs | string | null> | null;
  onChange?: (v: [Dayjs, Dayjs] | null) => void;
}) {
  const v = props.value?.map((x) => (x ? dayjs(x) : null));
  return (
    <DatePicker.RangePicker
      showTime={{ format: 'HH:mm' }}
      format={FMT}
      value={v && v.length === 2 ? (v as [Dayjs, Dayjs]) : null}
      onChange={(r) => props.onChange?.(r && r[0] && r[1] ? [r[0], r[1]] : null)}
      presets={[
        { label: '今天', value: [dayjs().startOf('day'), dayjs().endOf('day')] },
        { label: '最近 7 天', value: [dayjs().subtract(7, 'day').startOf('day'), dayjs().endOf('day')] },
        { label: '最近 30 天', value: [dayjs().subtract(30, 'day').startOf('day'), dayjs().endOf('day')] },
      ]}
      allowEmpty={[true, true]}
    />
  );
}

function mapFilters(values: Record<string, unknown>): Record<string, unknown> {
  const { range, ...rest } = values;
  const r = Array.isArray(range) ? range : [];
  const from = r[0] ? dayjs(r[0] as Dayjs | string).startOf('minute') : undefined;
  const to = r[1] ? dayjs(r[1] as Dayjs | string).endOf('minute') : undefined;
  return { ...rest, from: from?.toISOString(), to: to?.toISOString() };
}

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
        mapFilters={mapFilters}
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
          { name: 'range', label: '时间', node: <TimeRange /> },
        ]}
      />
    </div>
  );
}
