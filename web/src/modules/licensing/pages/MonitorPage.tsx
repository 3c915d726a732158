import { ClockCircleOutlined, InfoCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { useQueries } from '@tanstack/react-query';
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
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api, call, qs } from '../../../api/client';
import { errorText } from '../../../components/errors';
import { RegionPicker } from '../../../components/RegionPicker';
import {
  KeywordInput,
  ServerTable,
  type ServerColumn,
  type ServerQuery,
} from '../../../components/ServerTable';
import { DeskDaysCell, DeskHandlerCell } from '../components/DeskMonitorCells';
import {
  DeemedAcceptedTag,
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
/** How many applications match (the server counts; one row is read). */
const countOf = (query: AppListQuery) => listPage({ ...query, pageSize: 1 }).then((r) => r.total);

/**
 * 超期监控: applications whose current step is overdue, or due within N working days (the server's window,
 * counted with the holiday calendar), in the user's data scope; counts by step at the top; each row opens its
 * process instance.
 */
export function MonitorPage() {
  const navigate = useNavigate();
  const [view, setView] = useState<View>('overdue');
  const [days, setDays] = useState(5);
  const [state, setState] = useState<string>();

  // Counts of the whole scope (not the table's filters): overdue per step, and due within the window.
  const overdueCounts = useQueries({
    queries: TIMED_STATES.map((s) => ({
      queryKey: ['table', TABLE_ID, 'count', 'overdue', s],
      queryFn: () => countOf({ state: s, overdue: true }),
    })),
  });
  const soonCounts = useQueries({
    queries: TIMED_STATES.map((s) => ({
      queryKey: ['table', TABLE_ID, 'count', 'soon', s, days],
      queryFn: () => countOf({ state: s, dueWithinDays: days }),
    })),
  });
  const sum = (counts: Array<{ data?: number }>) =>
    counts.every((q) => q.data !== undefined) ? counts.reduce((n, q) => n + (q.data ?? 0), 0) : undefined;
  const totalOverdue = sum(overdueCounts);
  const totalSoon = sum(soonCounts);
  const countError = [...overdueCounts, ...soonCounts].find((q) => q.error)?.error;

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
      render: (v: string, r) => (
        <Space size={4} wrap={false}>
          <StateTag state={v} label={r.stateLabel} />
          <DeemedAcceptedTag on={r.deemedAcceptedOn} />
        </Space>
      ),
    },
    {
      key: 'dueDate',
      title: '办理期限',
      dataIndex: 'dueDate',
      sortField: 'dueDate',
      render: (_: unknown, r) => (
        <DeskDue dueDate={r.dueDate} overdue={r.overdue} state={r.state} daysLeft={r.daysLeft} />
      ),
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
  const fetchPage = (q: ServerQuery) => listPage(q as AppListQuery);

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
              {days} 个工作日内到期 {totalSoon ?? '-'} 件
            </Typography.Text>
          </Card>
        </Col>
        {TIMED_STATES.map((s, i) => {
          const od = overdueCounts[i]?.data;
          const soon = soonCounts[i]?.data;
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
        {view === 'soon' && (
          <Typography.Text type="secondary">办理期限在今天起 {days} 个工作日内（未超期）</Typography.Text>
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

      <ServerTable<AppItem>
        // Remounted per view: paging and sorting start again.
        key={`${view}:${days}:${states}`}
        id={TABLE_ID}
        columns={columns}
        defaultSort="dueDate"
        fetchPage={fetchPage}
        exportUrl={(q) =>
          `/api/licensing/applications${qs({ ...(q as Record<string, string>), format: 'xlsx' })}`
        }
        exportName={
          view === 'overdue' ? '超期申请' : view === 'soon' ? `${days}个工作日内到期的申请` : '计时中的申请'
        }
        mapFilters={(v) => ({
          ...v,
          state: states,
          ...(view === 'overdue' ? { overdue: true } : view === 'soon' ? { dueWithinDays: days } : {}),
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
    </Space>
  );
}
