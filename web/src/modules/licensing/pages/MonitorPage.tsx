import { ClockCircleOutlined, InfoCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { useQueries, useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  Row,
  Segmented,
  Select,
  Space,
  Statistic,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api, call, qs } from '../../../api/client';
import { errorText } from '../../../components/errors';
import { RegionPicker } from '../../../components/RegionPicker';
import {
  KeywordInput,
  ServerTable,
  type PageResult,
  type ServerColumn,
  type ServerQuery,
} from '../../../components/ServerTable';
import { DeskDaysCell, DeskHandlerCell } from '../components/DeskMonitorCells';
import {
  DeskDue,
  DeskProductPicker,
  productText,
  StateTag,
  STATE_LABEL,
  TIMED_STATES,
  TYPE_OPTIONS,
  type AppItem,
  type AppListQuery,
} from '../components/DeskShared';

const TABLE_ID = 'licensing.monitor';
type View = 'overdue' | 'soon' | 'running';
const DAY_OPTIONS = [1, 2, 3, 5, 10].map((n) => ({ value: n, label: `${n} 个工作日内` }));
const TIMED = TIMED_STATES.join(',');

const listPage = (query: AppListQuery) => call(api.GET('/api/licensing/applications', { params: { query } }));

/**
 * Applications of the timed steps due on or before `cutoff` and not yet overdue. The list has no due-date
 * range filter, so the rows are read in due-date order (500 a request) until the first one beyond the cutoff.
 */
async function dueSoonRows(filters: Omit<AppListQuery, 'page' | 'pageSize' | 'sort'>, cutoff: string) {
  const rows: AppItem[] = [];
  for (let page = 1; page <= 20; page++) {
    const r = await listPage({
      ...filters,
      state: filters.state ?? TIMED,
      overdue: false,
      sort: 'dueDate',
      page,
      pageSize: 500,
    });
    const within = r.items.filter((i) => i.dueDate && i.dueDate <= cutoff);
    rows.push(...within);
    if (within.length < r.items.length || page * 500 >= r.total) break;
  }
  return rows;
}

const SORTABLE: Record<string, (r: AppItem) => string> = {
  dueDate: (r) => r.dueDate ?? '9999',
  applicationNo: (r) => r.applicationNo ?? '',
  enterpriseName: (r) => r.enterpriseName,
  submittedAt: (r) => r.submittedAt ?? '',
};

function localPage(rows: AppItem[], q: ServerQuery): PageResult<AppItem> {
  const sort = q.sort ?? 'dueDate';
  const key = SORTABLE[sort.replace(/^-/, '')] ?? SORTABLE.dueDate!;
  const dir = sort.startsWith('-') ? -1 : 1;
  const sorted = [...rows].sort((a, b) => dir * key(a).localeCompare(key(b), 'zh-CN'));
  return { items: sorted.slice((q.page - 1) * q.pageSize, q.page * q.pageSize), total: rows.length };
}

/** The last day of the window: the n-th working day after today (server's holiday calendar). */
function useCutoff(days: number) {
  const today = dayjs().format('YYYY-MM-DD');
  return useQuery({
    queryKey: ['calendar', 'addWorkingDays', today, days],
    queryFn: () =>
      call(
        api.GET('/api/calendar/compute', {
          params: { query: { op: 'addWorkingDays', start: today, n: days } },
        }),
      ).then((r) => String(r.result)),
    staleTime: 10 * 60_000,
  });
}

/**
 * 超期监控: applications whose current step is overdue, or due within N working days, in the user's data scope;
 * counts by step at the top; each row opens its process instance.
 */
export function MonitorPage() {
  const navigate = useNavigate();
  const [view, setView] = useState<View>('overdue');
  const [days, setDays] = useState(5);
  const [state, setState] = useState<string>();
  const cutoff = useCutoff(days);

  // Counts of the whole scope (not the table's filters): overdue per step, and due within the window.
  const overdueCounts = useQueries({
    queries: TIMED_STATES.map((s) => ({
      queryKey: ['table', TABLE_ID, 'count', s],
      queryFn: () => listPage({ state: s, overdue: true, pageSize: 1 }).then((r) => r.total),
    })),
  });
  const soonAll = useQuery({
    queryKey: ['table', TABLE_ID, 'soon-all', cutoff.data],
    queryFn: () => dueSoonRows({}, cutoff.data!),
    enabled: !!cutoff.data,
  });
  const soonCount = (s: string) => soonAll.data?.filter((r) => r.state === s).length;
  const totalOverdue = overdueCounts.every((q) => q.data !== undefined)
    ? overdueCounts.reduce((n, q) => n + (q.data ?? 0), 0)
    : undefined;
  const countError = overdueCounts.find((q) => q.error)?.error ?? soonAll.error ?? cutoff.error;

  const columns: ServerColumn<AppItem>[] = [
    {
      key: 'applicationNo',
      title: '申请编号',
      dataIndex: 'applicationNo',
      sortField: 'applicationNo',
      fixed: 'left',
      render: (v: string | null, r) =>
        r.instanceId ? (
          <a onClick={() => void navigate(`/workflow/instances/${r.instanceId}`)}>{v ?? '（未编号）'}</a>
        ) : (
          (v ?? '（未编号）')
        ),
    },
    { key: 'enterpriseName', title: '企业名称', dataIndex: 'enterpriseName', sortField: 'enterpriseName' },
    { key: 'productName', title: '产品', render: (_: unknown, r) => productText(r) },
    { key: 'typeLabel', title: '申请类型', dataIndex: 'typeLabel' },
    { key: 'regionName', title: '所在地', dataIndex: 'regionName' },
    {
      key: 'state',
      title: '当前环节',
      dataIndex: 'state',
      render: (v: string, r) => <StateTag state={v} label={r.stateLabel} />,
    },
    {
      key: 'dueDate',
      title: '办理期限',
      dataIndex: 'dueDate',
      sortField: 'dueDate',
      render: (_: unknown, r) => <DeskDue dueDate={r.dueDate} overdue={r.overdue} state={r.state} />,
    },
    { key: 'days', title: '超期 / 剩余', render: (_: unknown, r) => <DeskDaysCell row={r} /> },
    { key: 'handler', title: '承办单位', render: (_: unknown, r) => <DeskHandlerCell row={r} /> },
    {
      key: 'acceptedDate',
      title: '受理日期',
      dataIndex: 'acceptedDate',
      render: (v: string | null) => v ?? '—',
    },
    {
      key: 'actions',
      title: '操作',
      fixed: 'right',
      render: (_: unknown, r) =>
        r.instanceId && (
          <Button
            type="link"
            size="small"
            onClick={() => void navigate(`/workflow/instances/${r.instanceId}`)}
          >
            打开事项
          </Button>
        ),
    },
  ];

  const states = state ?? TIMED;
  const fetchPage = async (q: ServerQuery): Promise<PageResult<AppItem>> => {
    const { _view, ...rest } = q;
    if (_view !== 'soon') return listPage(rest as AppListQuery);
    const { page: _p, pageSize: _s, sort: _o, ...filters } = rest;
    return localPage(await dueSoonRows(filters as AppListQuery, cutoff.data!), q);
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Row gutter={[12, 12]}>
        <Col xs={24} md={8} xl={4}>
          <Card size="small" style={{ height: '100%' }}>
            <Statistic
              title="已超期（件）"
              value={totalOverdue ?? '-'}
              styles={{ content: { color: totalOverdue ? '#cf1322' : undefined } }}
              prefix={<WarningOutlined />}
            />
            <Typography.Text type="secondary">
              {days} 个工作日内到期 {soonAll.data?.length ?? '-'} 件
            </Typography.Text>
          </Card>
        </Col>
        {TIMED_STATES.map((s, i) => {
          const od = overdueCounts[i]?.data;
          const soon = soonCount(s);
          const active = state === s;
          return (
            <Col key={s} xs={12} md={8} xl={5}>
              <Card
                size="small"
                hoverable
                onClick={() => setState(active ? undefined : s)}
                style={{ height: '100%', borderColor: active ? '#1f5fbf' : undefined }}
                data-testid={`monitor-card-${s}`}
              >
                <Space orientation="vertical" size={4}>
                  <Typography.Text strong>{STATE_LABEL[s]}</Typography.Text>
                  <Space size={16}>
                    <span>
                      超期{' '}
                      <Typography.Text strong style={{ color: od ? '#cf1322' : undefined, fontSize: 18 }}>
                        {od ?? '-'}
                      </Typography.Text>
                    </span>
                    <span>
                      即将到期{' '}
                      <Typography.Text strong style={{ color: soon ? '#d48806' : undefined, fontSize: 18 }}>
                        {soon ?? '-'}
                      </Typography.Text>
                    </span>
                  </Space>
                </Space>
              </Card>
            </Col>
          );
        })}
      </Row>
      {countError && <Alert type="error" showIcon title={errorText(countError)} />}

      <Space wrap>
        <Segmented<View>
          value={view}
          onChange={setView}
          options={[
            { value: 'overdue', label: '已超期', icon: <WarningOutlined /> },
            { value: 'soon', label: '即将到期', icon: <ClockCircleOutlined /> },
            { value: 'running', label: '全部计时中' },
          ]}
        />
        {view === 'soon' && (
          <Select value={days} onChange={setDays} options={DAY_OPTIONS} style={{ width: 140 }} />
        )}
        {view === 'soon' && cutoff.data && (
          <Typography.Text type="secondary">办理期限在 {cutoff.data} 及以前（未超期）</Typography.Text>
        )}
        {state && (
          <Tag closable onClose={() => setState(undefined)} color="blue">
            当前环节：{STATE_LABEL[state]}
          </Tag>
        )}
        <Tooltip title="补正（暂停计时）和产品检验期间不计算期限，不在监控范围内">
          <InfoCircleOutlined style={{ color: '#999' }} />
        </Tooltip>
      </Space>

      {view === 'soon' && !cutoff.data ? null : (
        <ServerTable<AppItem>
          // Remounted per view: paging and sorting start again, the query keys differ.
          key={`${view}:${days}:${states}`}
          id={TABLE_ID}
          columns={columns}
          defaultSort="dueDate"
          fetchPage={fetchPage}
          exportUrl={
            view === 'soon'
              ? undefined
              : ({ _view, ...q }) =>
                  `/api/licensing/applications${qs({ ...(q as Record<string, string>), format: 'xlsx' })}`
          }
          exportName={view === 'overdue' ? '超期申请' : '计时中的申请'}
          toolbar={
            view === 'soon' ? (
              <Typography.Text type="secondary">即将到期视图由页面按期限筛选，暂不提供导出</Typography.Text>
            ) : undefined
          }
          mapFilters={(v) => ({
            ...v,
            state: states,
            ...(view === 'overdue' ? { overdue: true } : {}),
            // Not sent to the server: keeps the cache of the views apart (both read the same list).
            _view: view,
          })}
          filters={[
            {
              name: 'keyword',
              label: '关键字',
              node: <KeywordInput placeholder="企业、申请编号、信用代码、产品" />,
            },
            {
              name: 'type',
              label: '申请类型',
              node: <Select allowClear style={{ width: 120 }} options={TYPE_OPTIONS} placeholder="全部" />,
            },
            { name: 'productUnitId', label: '产品', node: <DeskProductPicker /> },
            {
              name: 'regionCode',
              label: '所在地',
              node: <RegionPicker levels={[2, 3]} placeholder="全部" style={{ width: 180 }} />,
            },
          ]}
        />
      )}
    </Space>
  );
}
