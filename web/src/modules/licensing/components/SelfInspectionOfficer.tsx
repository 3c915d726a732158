import { Alert, Button, Card, Col, Form, Row, Select, Space, Statistic, Typography } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { api, call, qs } from '../../../api/client';
import { errorText } from '../../../components/errors';
import { RegionPicker } from '../../../components/RegionPicker';
import { KeywordInput, ServerTable, type ServerColumn } from '../../../components/ServerTable';
import { DeadlineText } from './SelfInspectionEnterprise';
import { SelfInspectionReportDrawer } from './SelfInspectionReportDrawer';
import { SelfInspectionReports } from './SelfInspectionReports';
import {
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

type StatusFilter = 'missing' | 'submitted';

interface Filters {
  year: number;
  status?: StatusFilter;
  regionCode?: string;
  keyword?: string;
}

function CountCard(props: {
  title: string;
  value: number | undefined;
  color?: string;
  extra?: ReactNode;
  suffix?: string;
  active?: boolean;
  onClick?: () => void;
  testId: string;
}) {
  return (
    <Card
      size="small"
      hoverable={!!props.onClick}
      onClick={props.onClick}
      data-testid={props.testId}
      style={{
        height: '100%',
        cursor: props.onClick ? 'pointer' : 'default',
        borderColor: props.active ? '#1677ff' : undefined,
        boxShadow: props.active ? '0 0 0 1px #1677ff' : undefined,
      }}
    >
      <Statistic
        title={props.title}
        value={props.value ?? '-'}
        suffix={props.value !== undefined ? props.suffix : undefined}
        styles={{ content: { color: props.color, fontSize: 24 } }}
      />
      {props.extra && <div style={{ fontSize: 12, color: '#8c8c8c', marginTop: 2 }}>{props.extra}</div>}
    </Card>
  );
}

/**
 * The officers' view: every valid certificate of the jurisdiction and whether its report for the year is in
 * (应交未交 → 责令改正, 《办法》第五十一条), the counts, and the submitted reports with their content.
 */
export function SelfInspectionOfficer(props: { year: number; onYearChange: (y: number) => void }) {
  const [form] = Form.useForm<Filters>();
  const [rest, setRest] = useState<Omit<Filters, 'year'>>({});
  // The year lives in the page (a link with ?year= may set it); the other filters here.
  const filters: Filters = { ...rest, year: props.year };
  const [openId, setOpenId] = useState<string | null>(null);
  const regionName = useRegionName();
  const summary = useStatusSummary(filters);
  const passed = summary.deadline ? daysTo(summary.deadline) < 0 : false;
  const owedTotal = (summary.submitted ?? 0) + (summary.missing ?? 0);

  useEffect(() => form.setFieldValue('year', props.year), [form, props.year]);

  function apply(next: Filters) {
    const { year, ...others } = next;
    // The server matches a printed number ((陕)XK06-001-00001) against the certificate's core number.
    const keyword = others.keyword?.trim() || undefined;
    setRest({ ...others, keyword });
    form.setFieldsValue(next);
    if (year !== props.year) props.onYearChange(year);
  }
  const setStatus = (status: StatusFilter | undefined) => apply({ ...filters, status });

  const columns: ServerColumn<StatusItem>[] = [
    {
      key: 'enterpriseName',
      title: '企业名称',
      dataIndex: 'enterpriseName',
      sortField: 'enterpriseName',
      fixed: 'left',
    },
    { key: 'certificateNo', title: '证书编号', dataIndex: 'certificateNo' },
    { key: 'productName', title: '产品名称', dataIndex: 'productName' },
    {
      key: 'status',
      title: '提交情况',
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
      key: 'regionCode',
      title: '行政区划',
      dataIndex: 'regionCode',
      render: (v: string) => regionName(v),
    },
    { key: 'creditCode', title: '统一社会信用代码', dataIndex: 'creditCode', render: (v) => v ?? '—' },
    { key: 'issueDate', title: '发证日期', dataIndex: 'issueDate', sortField: 'issueDate' },
    { key: 'validTo', title: '有效期至', dataIndex: 'validTo', sortField: 'validTo' },
    {
      key: 'firstYear',
      title: '首个应提交年度',
      dataIndex: 'firstYear',
      render: (v: number) => `${v} 年度`,
    },
    {
      key: 'actions',
      title: '操作',
      fixed: 'right',
      render: (_: unknown, r) =>
        r.reportId ? (
          <Button type="link" size="small" onClick={() => setOpenId(r.reportId)}>
            查看报告
          </Button>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small" title="证书自查报告提交情况">
        <Form<Filters>
          form={form}
          layout="inline"
          initialValues={filters}
          onFinish={(v) => apply({ ...v, year: v.year ?? filters.year })}
          style={{ marginBottom: 16, rowGap: 8 }}
        >
          <Form.Item name="year" label="报告年度" rules={[{ required: true, message: '请选择报告年度' }]}>
            <Select options={yearOptions()} style={{ width: 130 }} />
          </Form.Item>
          <Form.Item name="status" label="提交情况">
            <Select
              allowClear
              placeholder="全部"
              style={{ width: 130 }}
              options={[
                { value: 'missing', label: '应交未交' },
                { value: 'submitted', label: '已提交' },
              ]}
            />
          </Form.Item>
          <Form.Item name="regionCode" label="行政区划">
            <RegionPicker levels={[2, 3]} placeholder="全部" style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name="keyword" label="关键字">
            <KeywordInput placeholder="企业名称、证书编号或产品" style={{ width: 220 }} />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit">
              查询
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                apply({ year: filters.year });
              }}
            >
              重置
            </Button>
          </Space>
        </Form>

        <Space wrap size={24} style={{ marginBottom: 12 }}>
          <span>
            {filters.year} 年度提交截止日期：
            <DeadlineText deadline={summary.deadline} />
          </span>
          <Typography.Text type="secondary">点击统计卡片可按提交情况筛选。</Typography.Text>
        </Space>
        {summary.error ? (
          <Alert type="error" showIcon title={errorText(summary.error)} style={{ marginBottom: 12 }} />
        ) : null}
        <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
          <Col xs={12} md={6} xl={4}>
            <CountCard
              testId="count-total"
              title="有效证书"
              value={summary.total}
              active={!filters.status}
              onClick={() => setStatus(undefined)}
              extra="辖区内全部有效证书"
            />
          </Col>
          <Col xs={12} md={6} xl={5}>
            <CountCard
              testId="count-missing"
              title={passed ? '应交未交（逾期未提交）' : '应交未交（待提交）'}
              value={summary.missing}
              color={summary.missing ? (passed ? '#cf1322' : '#d46b08') : undefined}
              active={filters.status === 'missing'}
              onClick={() => setStatus('missing')}
              extra={passed ? '已过截止日期，应责令改正' : '截止日期前仍可按期提交'}
            />
          </Col>
          <Col xs={12} md={6} xl={5}>
            <CountCard
              testId="count-submitted"
              title="已提交"
              value={summary.submitted}
              color={summary.submitted ? '#389e0d' : undefined}
              active={filters.status === 'submitted'}
              onClick={() => setStatus('submitted')}
              extra={`其中逾期提交 ${summary.late ?? '-'} 份`}
            />
          </Col>
          <Col xs={12} md={6} xl={5}>
            <CountCard
              testId="count-not-due"
              title="本年度无需提交"
              value={summary.notDue}
              extra="获证未满一年，可于下一年度提交"
            />
          </Col>
          <Col xs={12} md={6} xl={5}>
            <CountCard
              testId="count-rate"
              title="提交率"
              suffix="%"
              value={
                owedTotal > 0 ? Number((((summary.submitted ?? 0) / owedTotal) * 100).toFixed(1)) : undefined
              }
              extra="已提交 ÷（已提交 + 应交未交）"
            />
          </Col>
        </Row>
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title="应交未交的处理"
          description={
            <>
              企业未按规定提交自查报告的，依据《工业产品生产许可证管理条例实施办法》第五十一条责令改正。
              将「提交情况」选为「应交未交」后点击「导出」，即可得到应交未交企业名单（Excel），作为责令改正的依据。
            </>
          }
        />
        <ServerTable<StatusItem>
          key={JSON.stringify(filters)}
          id={`${STATUS_TABLE_ID}.officer`}
          rowKey="certificateId"
          columns={columns}
          defaultSort="enterpriseName"
          mapFilters={() => ({ ...filters })}
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
          exportName={`${filters.year}年度自查报告提交情况`}
        />
      </Card>
      <Card size="small" title="已提交的自查报告">
        <SelfInspectionReports officer onOpen={setOpenId} regionName={regionName} />
      </Card>
      <SelfInspectionReportDrawer id={openId} onClose={() => setOpenId(null)} regionName={regionName} />
    </Space>
  );
}
