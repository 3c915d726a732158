import { EditOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Select, Space, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { api, call, qs } from '../../../api/client';
import { errorText } from '../../../components/errors';
import { ServerTable, type ServerColumn } from '../../../components/ServerTable';
import { SelfInspectionForm } from './SelfInspectionForm';
import { SelfInspectionReportDrawer } from './SelfInspectionReportDrawer';
import { SelfInspectionReports } from './SelfInspectionReports';
import {
  currentYear,
  daysTo,
  fmtTime,
  STATUS_TABLE_ID,
  StatusTag,
  useRegionName,
  useStatusSummary,
  yearOptions,
  type StatusItem,
  type StatusQuery,
} from './SelfInspectionShared';

/** The deadline of the year and how far it is. */
export function DeadlineText({ deadline }: { deadline?: string }) {
  if (!deadline) return <>—</>;
  const d = daysTo(deadline);
  return (
    <Space size={6}>
      <Typography.Text strong>{deadline}</Typography.Text>
      {d > 0 ? (
        <Typography.Text type={d <= 30 ? 'warning' : 'secondary'}>（还剩 {d} 天）</Typography.Text>
      ) : d === 0 ? (
        <Typography.Text type="warning">（今日截止）</Typography.Text>
      ) : (
        <Typography.Text type="danger">（已过截止日期 {-d} 天）</Typography.Text>
      )}
    </Space>
  );
}

/**
 * The enterprise's view: its valid certificates and where each stands for the chosen year, 填报 for those
 * owed, and its submitted reports.
 */
export function SelfInspectionEnterprise(props: { year: number; onYearChange: (y: number) => void }) {
  const { year, onYearChange } = props;
  const [filling, setFilling] = useState<StatusItem | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const summary = useStatusSummary({ year });
  const thisYear = currentYear();
  const regionName = useRegionName();

  const columns: ServerColumn<StatusItem>[] = [
    { key: 'certificateNo', title: '证书编号', dataIndex: 'certificateNo', fixed: 'left' },
    { key: 'productName', title: '产品名称', dataIndex: 'productName' },
    { key: 'issueDate', title: '发证日期', dataIndex: 'issueDate', sortField: 'issueDate' },
    { key: 'validTo', title: '有效期至', dataIndex: 'validTo', sortField: 'validTo' },
    {
      key: 'firstYear',
      title: '首个应提交年度',
      dataIndex: 'firstYear',
      render: (v: number) => `${v} 年度`,
    },
    {
      key: 'status',
      title: `${year} 年度提交情况`,
      dataIndex: 'status',
      render: (_: unknown, r) => <StatusTag status={r.status} label={r.statusLabel} />,
    },
    {
      key: 'submittedAt',
      title: '提交时间',
      dataIndex: 'submittedAt',
      render: (v: string | null) => fmtTime(v) || '—',
    },
    {
      key: 'actions',
      title: '操作',
      fixed: 'right',
      render: (_: unknown, r) => {
        if (r.reportId)
          return (
            <Button type="link" size="small" onClick={() => setOpenId(r.reportId)}>
              查看报告
            </Button>
          );
        if (r.status === 'pending' || r.status === 'overdue') {
          if (year > thisYear)
            return (
              <Tooltip title={`${year} 年度尚未开始，届时可填报`}>
                <Button type="link" size="small" disabled icon={<EditOutlined />}>
                  填报
                </Button>
              </Tooltip>
            );
          return (
            <Button
              type={r.status === 'overdue' ? 'primary' : 'link'}
              danger={r.status === 'overdue'}
              size="small"
              icon={<EditOutlined />}
              onClick={() => setFilling(r)}
            >
              填报
            </Button>
          );
        }
        return (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            获证未满一年，自 {r.firstYear} 年度起提交
          </Typography.Text>
        );
      },
    },
  ];

  const owed = summary.missing ?? 0;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        size="small"
        title="本企业证书提交情况"
        extra={
          <Space>
            <Typography.Text>报告年度</Typography.Text>
            <Select
              value={year}
              onChange={onYearChange}
              options={yearOptions()}
              style={{ width: 130 }}
              aria-label="报告年度"
            />
          </Space>
        }
      >
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Space wrap size={24}>
            <span>
              {year} 年度提交截止日期：
              <DeadlineText deadline={summary.deadline} />
            </span>
            {summary.total !== undefined && (
              <Typography.Text type="secondary">
                有效证书 {summary.total} 张，已提交 {summary.submitted ?? 0} 张，应提交尚未提交 {owed} 张
              </Typography.Text>
            )}
          </Space>
          {summary.error ? <Alert type="error" showIcon title={errorText(summary.error)} /> : null}
          {summary.total === 0 && (
            <Alert type="info" showIcon title="本企业目前没有有效的生产许可证，无需提交年度自查报告。" />
          )}
          {owed > 0 && year <= thisYear && (
            <Alert
              type={summary.deadline && daysTo(summary.deadline) < 0 ? 'error' : 'warning'}
              showIcon
              title={`您单位有 ${owed} 张证书尚未提交 ${year} 年度自查报告，请点击「填报」按时提交。`}
            />
          )}
          <ServerTable<StatusItem>
            id={`${STATUS_TABLE_ID}.enterprise`}
            rowKey="certificateId"
            columns={columns}
            mapFilters={(v) => ({ ...v, year })}
            fetchPage={(q) =>
              call(
                api.GET('/api/licensing/self-inspections/status', {
                  params: { query: q as unknown as StatusQuery },
                }),
              )
            }
            exportUrl={(q) =>
              `/api/licensing/self-inspections/status${qs({ ...(q as Record<string, string>), format: 'xlsx' })}`
            }
            exportName={`${year}年度自查报告提交情况`}
          />
        </Space>
      </Card>
      <Card size="small" title="已提交的自查报告">
        <SelfInspectionReports officer={false} onOpen={setOpenId} regionName={regionName} />
      </Card>
      {filling && (
        <SelfInspectionForm
          cert={filling}
          year={year}
          deadline={summary.deadline}
          onClose={() => setFilling(null)}
          onSubmitted={(id) => {
            setFilling(null);
            setOpenId(id);
          }}
        />
      )}
      <SelfInspectionReportDrawer id={openId} onClose={() => setOpenId(null)} regionName={regionName} />
    </Space>
  );
}
