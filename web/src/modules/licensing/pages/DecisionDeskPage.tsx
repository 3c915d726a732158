import { useQuery } from '@tanstack/react-query';
import { Badge, Button, Select, Space, Switch, Tabs, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api, call, qs } from '../../../api/client';
import { useAuth } from '../../../app/auth';
import { RegionPicker } from '../../../components/RegionPicker';
import { KeywordInput, ServerTable, type ServerColumn } from '../../../components/ServerTable';
import { DeskApplicationDrawer } from '../components/DeskApplicationDrawer';
import {
  DeskDue,
  DeskProductPicker,
  fmtTime,
  productText,
  StateTag,
  TYPE_OPTIONS,
  type AppItem,
  type AppListQuery,
} from '../components/DeskShared';

const TABLE_ID = 'licensing.decision-desk';

type TabKey = 'deciding' | 'testing' | 'all';
const TABS: Array<{ key: TabKey; label: string; states: string; hint: string }> = [
  {
    key: 'deciding',
    label: '待许可决定',
    states: 'deciding',
    hint: '实地核查合格、产品检验完成或不需核查的申请',
  },
  {
    key: 'testing',
    label: '待产品检验完成',
    states: 'testing',
    hint: '产品检验期间暂停计时，检验完成后确认',
  },
  { key: 'all', label: '全部', states: 'testing,deciding', hint: '' },
];

/** Counts of a tab (all and overdue), under the table's key so that a reload of the table updates them too. */
function useCount(states: string, overdue?: boolean) {
  return useQuery({
    queryKey: ['table', TABLE_ID, 'count', states, overdue ?? null],
    queryFn: () =>
      call(
        api.GET('/api/licensing/applications', {
          params: { query: { state: states, pageSize: 1, ...(overdue ? { overdue: true } : {}) } },
        }),
      ).then((r) => r.total),
  });
}

/**
 * 审批决定: applications waiting for 产品检验完成 (testing) and for the decision (deciding) in the user's scope,
 * earliest due date first; the drawer shows the application and offers the actions the server allows.
 */
export function DecisionDeskPage() {
  const [tab, setTab] = useState<TabKey>('deciding');
  const [openId, setOpenId] = useState<string | null>(null);
  const deciding = useCount('deciding');
  const decidingOverdue = useCount('deciding', true);
  const testing = useCount('testing');

  const counts: Record<TabKey, number | undefined> = {
    deciding: deciding.data,
    testing: testing.data,
    all: deciding.data !== undefined && testing.data !== undefined ? deciding.data + testing.data : undefined,
  };

  return (
    <>
      <Tabs
        activeKey={tab}
        onChange={(k) => setTab(k as TabKey)}
        items={TABS.map((t) => ({
          key: t.key,
          label: (
            <Tooltip title={t.hint || undefined}>
              <Space size={6}>
                {t.label}
                {counts[t.key] !== undefined && (
                  <Badge count={counts[t.key]} showZero color={t.key === 'testing' ? '#722ed1' : '#1f5fbf'} />
                )}
                {t.key === 'deciding' && !!decidingOverdue.data && (
                  <Tag color="error" style={{ marginInlineEnd: 0 }}>
                    超期 {decidingOverdue.data}
                  </Tag>
                )}
              </Space>
            </Tooltip>
          ),
          // Each tab keeps its own filters and page while the user switches.
          children: <DeskTable states={t.states} onOpen={setOpenId} />,
        }))}
      />
      <DeskApplicationDrawer id={openId} onClose={() => setOpenId(null)} />
    </>
  );
}

function DeskTable({ states, onOpen }: { states: string; onOpen: (id: string) => void }) {
  const navigate = useNavigate();
  const { hasPerm } = useAuth();
  const canAct = hasPerm(['licensing:accept', 'licensing:decide']);

  const columns: ServerColumn<AppItem>[] = [
    {
      key: 'applicationNo',
      title: '申请编号',
      dataIndex: 'applicationNo',
      sortField: 'applicationNo',
      fixed: 'left',
      render: (v: string | null, r) => (
        <a onClick={() => onOpen(r.id)} style={r.overdue ? { color: '#cf1322' } : undefined}>
          {v ?? '（未编号）'}
        </a>
      ),
    },
    { key: 'typeLabel', title: '申请类型', dataIndex: 'typeLabel' },
    { key: 'enterpriseName', title: '企业名称', dataIndex: 'enterpriseName', sortField: 'enterpriseName' },
    { key: 'creditCode', title: '统一社会信用代码', dataIndex: 'creditCode' },
    { key: 'productName', title: '产品', render: (_: unknown, r) => productText(r) },
    { key: 'regionName', title: '所在地', dataIndex: 'regionName' },
    {
      key: 'state',
      title: '当前环节',
      dataIndex: 'state',
      render: (v: string, r) => <StateTag state={v} label={r.stateLabel} />,
    },
    {
      key: 'acceptedDate',
      title: '受理日期',
      dataIndex: 'acceptedDate',
      render: (v: string | null) => v ?? '—',
    },
    {
      key: 'inspectionRequired',
      title: '实地核查',
      dataIndex: 'inspectionRequired',
      render: (v: boolean | null) => (v == null ? '—' : v ? '已核查' : '不需核查'),
    },
    {
      key: 'submittedAt',
      title: '提交时间',
      dataIndex: 'submittedAt',
      sortField: 'submittedAt',
      render: (v: string | null) => fmtTime(v),
    },
    {
      key: 'dueDate',
      title: '办理期限',
      dataIndex: 'dueDate',
      sortField: 'dueDate',
      render: (_: unknown, r) => <DeskDue dueDate={r.dueDate} overdue={r.overdue} state={r.state} />,
    },
    {
      key: 'actions',
      title: '操作',
      fixed: 'right',
      render: (_: unknown, r) => (
        <Space size={4} wrap={false}>
          <Button type="link" size="small" onClick={() => onOpen(r.id)}>
            {canAct ? '办理' : '查看'}
          </Button>
          {r.instanceId && (
            <Button
              type="link"
              size="small"
              onClick={() => void navigate(`/workflow/instances/${r.instanceId}`)}
            >
              流程
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <ServerTable<AppItem>
      id={TABLE_ID}
      columns={columns}
      defaultSort="dueDate"
      fetchPage={(q) =>
        call(api.GET('/api/licensing/applications', { params: { query: q as AppListQuery } }))
      }
      exportUrl={(q) =>
        `/api/licensing/applications${qs({ ...(q as Record<string, string>), format: 'xlsx' })}`
      }
      exportName={states === 'testing' ? '待产品检验完成' : states === 'deciding' ? '待许可决定' : '审批决定'}
      mapFilters={(v) => ({ ...v, state: states, overdue: v.overdue ? true : undefined })}
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
        { name: 'overdue', label: '只看超期', node: <Switch size="small" /> },
      ]}
    />
  );
}
