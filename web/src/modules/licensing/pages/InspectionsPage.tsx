import { Button, Select, Space, Switch, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api, call, qs } from '../../../api/client';
import type { paths } from '../../../api/schema';
import { useAuth } from '../../../app/auth';
import { RegionPicker } from '../../../components/RegionPicker';
import { KeywordInput, ServerTable, type ServerColumn } from '../../../components/ServerTable';
import {
  INSPECTIONS_TABLE_ID,
  InspectionDue,
  ROLE_COLOR,
  ROLE_LABEL,
  STATUS_OPTIONS,
  VERDICT_COLOR,
  VERDICT_LABEL,
  fmtTime,
  isOpen,
  rangeText,
  statusColor,
} from '../components/InspectionShared';

type ListGet = paths['/api/licensing/inspections']['get'];
type ListQuery = NonNullable<ListGet['parameters']['query']>;
type ListItem = ListGet['responses']['200']['content']['application/json']['items'][number];

/**
 * 核查任务: officers see the tasks in their jurisdiction, team members and observers their own (「我的任务」,
 * on by default for those who only take part in tasks). A row opens the task page in a tab.
 */
export function InspectionsPage() {
  const { hasPerm } = useAuth();
  const navigate = useNavigate();
  const manages = hasPerm(['licensing:inspect', 'licensing:observer']);
  const [mine, setMine] = useState(!manages);
  const open = (r: ListItem) => void navigate(`/licensing/inspections/${r.id}`);

  const columns: ServerColumn<ListItem>[] = [
    {
      key: 'applicationNo',
      title: '申请编号',
      fixed: 'left',
      dataIndex: 'applicationNo',
      render: (v: string | null, r) => <a onClick={() => open(r)}>{v ?? '—'}</a>,
    },
    {
      key: 'enterpriseName',
      title: '企业名称',
      dataIndex: 'enterpriseName',
      render: (v: string | null) => v ?? '—',
    },
    {
      key: 'productName',
      title: '产品',
      dataIndex: 'productName',
      render: (v: string | null) => v ?? '—',
    },
    {
      key: 'regionName',
      title: '所在地区',
      dataIndex: 'regionName',
      sortField: 'regionCode',
      render: (v: string | null, r) => v ?? r.regionCode,
    },
    {
      key: 'status',
      title: '状态',
      dataIndex: 'statusLabel',
      sortField: 'status',
      render: (v: string, r) => (
        <Space size={4}>
          <Tag color={statusColor(r.status)}>{v}</Tag>
          {r.myRole && <Tag color={ROLE_COLOR[r.myRole]}>我是{ROLE_LABEL[r.myRole]}</Tag>}
        </Space>
      ),
    },
    {
      key: 'plan',
      title: '计划核查日期',
      sortField: 'planStart',
      render: (_: unknown, r) => rangeText(r.planStart, r.planEnd),
    },
    {
      key: 'inspectionDueDate',
      title: '核查期限',
      sortField: 'inspectionDueDate',
      render: (_: unknown, r) => (
        <InspectionDue due={r.inspectionDueDate} open={isOpen(r.status)} overdue={r.overdue} />
      ),
    },
    {
      key: 'leaderName',
      title: '组长',
      render: (_: unknown, r) =>
        r.leaderName ? (
          <Tooltip title={`审查组 ${r.memberCount} 人${r.observerName ? `，观察员 ${r.observerName}` : ''}`}>
            {r.leaderName}
            <Typography.Text type="secondary"> 等 {r.memberCount} 人</Typography.Text>
          </Tooltip>
        ) : (
          <Typography.Text type="secondary">未组建</Typography.Text>
        ),
    },
    {
      key: 'observerName',
      title: '观察员',
      dataIndex: 'observerName',
      render: (v: string | null) => v ?? '—',
    },
    {
      key: 'finalResult',
      title: '核查结论',
      dataIndex: 'finalResult',
      render: (v: ListItem['finalResult']) =>
        v ? <Tag color={VERDICT_COLOR[v]}>{VERDICT_LABEL[v]}</Tag> : '—',
    },
    {
      key: 'concludedAt',
      title: '结论时间',
      dataIndex: 'concludedAt',
      sortField: 'concludedAt',
      render: (v: string | null) => (v ? fmtTime(v) : '—'),
    },
    {
      key: 'createdAt',
      title: '创建时间',
      dataIndex: 'createdAt',
      sortField: 'createdAt',
      render: (v: string) => fmtTime(v),
    },
    {
      key: 'actions',
      title: '操作',
      fixed: 'right',
      render: (_: unknown, r) => (
        <Button type="link" size="small" onClick={() => open(r)}>
          {isOpen(r.status) && (manages || r.myRole === 'leader' || r.myRole === 'member') ? '办理' : '查看'}
        </Button>
      ),
    },
  ];

  return (
    <ServerTable<ListItem>
      id={INSPECTIONS_TABLE_ID}
      columns={columns}
      defaultSort="-createdAt"
      fetchPage={(q) => call(api.GET('/api/licensing/inspections', { params: { query: q as ListQuery } }))}
      exportUrl={(q) =>
        `/api/licensing/inspections${qs({ ...(q as Record<string, string>), format: 'xlsx' })}`
      }
      exportName="现场核查任务"
      mapFilters={(v) => ({ ...v, mine: mine ? true : undefined, overdue: v.overdue ? true : undefined })}
      toolbar={
        <Space>
          <Switch checked={mine} onChange={setMine} data-testid="inspections-mine" />
          <span>我的任务</span>
          <Typography.Text type="secondary">
            {mine ? '只看本人担任组长、组员或观察员的任务' : '辖区内全部核查任务'}
          </Typography.Text>
        </Space>
      }
      filters={[
        {
          name: 'keyword',
          label: '关键字',
          node: <KeywordInput placeholder="企业名称、申请编号、产品" />,
        },
        {
          name: 'status',
          label: '状态',
          node: (
            <Select
              allowClear
              style={{ width: 120 }}
              placeholder="全部"
              options={STATUS_OPTIONS.map((o) => ({ value: o.value, label: o.label }))}
            />
          ),
        },
        {
          name: 'regionCode',
          label: '所在地区',
          node: <RegionPicker placeholder="全部地区" style={{ width: 180 }} />,
        },
        {
          name: 'finalResult',
          label: '核查结论',
          node: (
            <Select
              allowClear
              style={{ width: 110 }}
              placeholder="全部"
              options={[
                { value: 'pass', label: '合格' },
                { value: 'fail', label: '不合格' },
              ]}
            />
          ),
        },
        {
          name: 'overdue',
          label: '只看超期',
          node: <Switch size="small" data-testid="inspections-overdue" />,
        },
      ]}
    />
  );
}
