import { BarChartOutlined, DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Empty,
  Form,
  Radio,
  Select,
  Space,
  Table,
  Tooltip,
  Typography,
} from 'antd';
import type { TableColumnType, TablePaginationConfig } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import dayjs, { type Dayjs } from 'dayjs';
import type { ECharts, EChartsOption } from 'echarts';
import { useEffect, useRef, useState } from 'react';
import { api, call, download, qs } from '../../../api/client';
import type { paths } from '../../../api/schema';
import { errorText, useErrorHandler } from '../../../components/errors';
import { RegionPicker } from '../../../components/RegionPicker';
import {
  DeskProductPicker,
  OPEN_STATES,
  STATE_LABEL,
  TYPE_OPTIONS,
  type AppType,
} from '../components/DeskShared';

type StatsGet = paths['/api/licensing/statistics']['get'];
type StatsQuery = StatsGet['parameters']['query'];
type StatsReply = StatsGet['responses']['200']['content']['application/json'];
type StatsRow = StatsReply['items'][number];
type GroupBy = StatsQuery['groupBy'];
type Params = Omit<StatsQuery, 'page' | 'pageSize' | 'sort' | 'format'>;

interface FilterForm {
  groupBy: GroupBy;
  type?: AppType;
  state?: string[];
  productUnitId?: string;
  regionCode?: string;
  submitted?: [Dayjs | null, Dayjs | null] | null;
}

/** 办理状态 filter: the open states first, then the ends (drafts are never counted). */
const STATE_OPTIONS = [
  ...OPEN_STATES.map((s) => ({ value: s, label: STATE_LABEL[s] ?? s })),
  ...Object.entries(STATE_LABEL)
    .filter(([s]) => !(OPEN_STATES as readonly string[]).includes(s))
    .map(([value, label]) => ({ value, label })),
];

const GROUPS: Array<{ value: GroupBy; label: string; column: string }> = [
  { value: 'city', label: '按设区市', column: '设区市' },
  { value: 'product', label: '按产品单元', column: '产品单元' },
  { value: 'type', label: '按申请类型', column: '申请类型' },
  { value: 'state', label: '按办理状态', column: '办理状态' },
];

type Measure = Exclude<keyof StatsRow, 'key' | 'label'>;
const MEASURES: Array<{ key: Measure; title: string; color: string; hint?: string }> = [
  { key: 'total', title: '申请件数', color: '#1f5fbf', hint: '已提交的申请（不含草稿）' },
  { key: 'inProgress', title: '办理中', color: '#4096ff' },
  { key: 'approved', title: '准予许可', color: '#52c41a' },
  { key: 'refused', title: '不予许可', color: '#fa8c16' },
  {
    key: 'endedOtherwise',
    title: '其他办结',
    color: '#8c8c8c',
    hint: '不予受理、核查不合格、撤回、终止办理、转注销审批',
  },
  { key: 'overdue', title: '超期', color: '#cf1322', hint: '当前环节已超过办理期限的在办申请' },
  {
    key: 'deemedAccepted',
    title: '视为受理',
    color: '#d48806',
    hint: '受理期限届满未受理也未告知补正，依《办法》第十二条自收到申请材料之日起视为受理的申请',
  },
];
/** Counters shown beside the stacked outcomes in the chart (not part of their sum). */
const SIDE_MEASURES: Measure[] = ['overdue', 'deemedAccepted'];
const DEFAULT_SORT = '-total';
const DEFAULT_PAGE_SIZE = 50;

const INITIAL: FilterForm = { groupBy: 'city' };

function toParams(v: FilterForm): Params {
  const [from, to] = v.submitted ?? [];
  return {
    groupBy: v.groupBy,
    ...(v.type ? { type: v.type } : {}),
    ...(v.state?.length ? { state: v.state.join(',') } : {}),
    ...(v.productUnitId ? { productUnitId: v.productUnitId } : {}),
    ...(v.regionCode ? { regionCode: v.regionCode } : {}),
    ...(from ? { submittedFrom: from.format('YYYY-MM-DD') } : {}),
    ...(to ? { submittedTo: to.format('YYYY-MM-DD') } : {}),
  };
}

/**
 * 许可统计: applications counted by 设区市, 产品单元, 申请类型 or 办理状态 in the user's data scope, with filters,
 * server paging and sort, the 合计 of the whole query (the server's `totals`), a bar chart of the groups on the
 * page (ECharts, loaded only on this page) and the xlsx export of the same query.
 */
export function StatisticsPage() {
  const [form] = Form.useForm<FilterForm>();
  const onError = useErrorHandler();
  const [params, setParamsState] = useState<Params>(toParams(INITIAL));
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(DEFAULT_PAGE_SIZE);
  const [sort, setSort] = useState(DEFAULT_SORT);
  const [exporting, setExporting] = useState(false);
  const q = useQuery({
    queryKey: ['licensing', 'statistics', params, page, pageSize, sort],
    queryFn: (): Promise<StatsReply> =>
      call(api.GET('/api/licensing/statistics', { params: { query: { ...params, page, pageSize, sort } } })),
    placeholderData: keepPreviousData,
  });
  const rows = q.data?.items ?? [];
  const total = q.data?.total ?? 0;
  const totals = q.data?.totals;
  const group = GROUPS.find((g) => g.value === params.groupBy)!;

  /** New filters: back to the first page. */
  function setParams(next: Params) {
    setParamsState(next);
    setPage(1);
  }

  function onTableChange(
    p: TablePaginationConfig,
    _f: unknown,
    s: SorterResult<StatsRow> | SorterResult<StatsRow>[],
  ) {
    const one = Array.isArray(s) ? s[0] : s;
    const next =
      one?.order && one.columnKey
        ? `${one.order === 'descend' ? '-' : ''}${String(one.columnKey)}`
        : DEFAULT_SORT;
    if (next !== sort) {
      setSort(next);
      setPage(1);
    } else setPage(p.current ?? 1);
    setPageSize(p.pageSize ?? DEFAULT_PAGE_SIZE);
  }
  const orderOf = (key: string) =>
    sort.replace(/^-/, '') === key ? (sort.startsWith('-') ? 'descend' : 'ascend') : null;

  /** Opens a group: a city by product, a product or a type by city. */
  function drill(r: StatsRow) {
    const next: Partial<FilterForm> =
      params.groupBy === 'city'
        ? { regionCode: r.key, groupBy: 'product' }
        : params.groupBy === 'product'
          ? { productUnitId: r.key, groupBy: 'city' }
          : params.groupBy === 'type'
            ? { type: r.key as AppType, groupBy: 'city' }
            : { state: [r.key], groupBy: 'city' };
    form.setFieldsValue(next);
    setParams(toParams(form.getFieldsValue(true) as FilterForm));
  }

  async function doExport() {
    setExporting(true);
    try {
      await download(
        `/api/licensing/statistics${qs({ ...params, format: 'xlsx' })}`,
        `生产许可统计-${group.column}.xlsx`,
      );
    } catch (e) {
      onError(e);
    } finally {
      setExporting(false);
    }
  }

  const columns: TableColumnType<StatsRow>[] = [
    {
      key: 'label',
      title: group.column,
      dataIndex: 'label',
      sorter: true,
      sortOrder: orderOf('label'),
      render: (v: string, r) => (
        <Tooltip title={params.groupBy === 'city' ? '按产品单元查看该市' : '按设区市查看'}>
          <a onClick={() => drill(r)}>{v || r.key}</a>
        </Tooltip>
      ),
    },
    ...MEASURES.map<TableColumnType<StatsRow>>((m) => ({
      key: m.key,
      dataIndex: m.key,
      align: 'right',
      title: m.hint ? (
        <Tooltip title={m.hint}>
          <span style={{ borderBottom: '1px dashed #bbb' }}>{m.title}</span>
        </Tooltip>
      ) : (
        m.title
      ),
      sorter: true,
      sortOrder: orderOf(m.key),
      render: (v: number) =>
        SIDE_MEASURES.includes(m.key) && v > 0 ? (
          <span style={{ color: m.color, fontWeight: 600 }}>{v}</span>
        ) : (
          v
        ),
    })),
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Form<FilterForm>
        form={form}
        layout="inline"
        initialValues={INITIAL}
        onFinish={(v) => setParams(toParams(v))}
        style={{ rowGap: 8 }}
      >
        <Form.Item name="groupBy" label="统计维度">
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={GROUPS.map((g) => ({ value: g.value, label: g.label }))}
            onChange={() => form.submit()}
          />
        </Form.Item>
        <Form.Item name="type" label="申请类型">
          <Select allowClear style={{ width: 120 }} options={TYPE_OPTIONS} placeholder="全部" />
        </Form.Item>
        <Form.Item name="state" label="办理状态">
          <Select
            mode="multiple"
            allowClear
            maxTagCount="responsive"
            style={{ minWidth: 160, maxWidth: 320 }}
            options={STATE_OPTIONS}
            placeholder="全部"
          />
        </Form.Item>
        <Form.Item name="productUnitId" label="产品">
          <DeskProductPicker />
        </Form.Item>
        <Form.Item name="regionCode" label="所在地">
          <RegionPicker levels={[2, 3]} placeholder="全部" style={{ width: 180 }} />
        </Form.Item>
        <Form.Item name="submitted" label="提交日期">
          <DatePicker.RangePicker
            allowEmpty={[true, true]}
            presets={[
              { label: '本月', value: [dayjs().startOf('month'), dayjs()] },
              {
                label: '本季度',
                value: [
                  dayjs()
                    .startOf('month')
                    .subtract(dayjs().month() % 3, 'month'),
                  dayjs(),
                ],
              },
              { label: '本年', value: [dayjs().startOf('year'), dayjs()] },
              {
                label: '上一年',
                value: [
                  dayjs().subtract(1, 'year').startOf('year'),
                  dayjs().subtract(1, 'year').endOf('year'),
                ],
              },
            ]}
          />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit">
            统计
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              setParams(toParams(INITIAL));
            }}
          >
            重置
          </Button>
        </Space>
      </Form>

      <Card
        size="small"
        title={
          <Space>
            <BarChartOutlined />
            <span>{`生产许可申请统计（${group.column}）`}</span>
          </Space>
        }
        extra={
          <Space>
            <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void doExport()}>
              导出
            </Button>
            <Tooltip title="刷新">
              <Button
                icon={<ReloadOutlined />}
                aria-label="刷新"
                loading={q.isFetching}
                onClick={() => void q.refetch()}
              />
            </Tooltip>
          </Space>
        }
      >
        {q.error && <Alert type="error" showIcon title={errorText(q.error)} style={{ marginBottom: 12 }} />}
        <StatsChart rows={rows} loading={q.isLoading} />
        {total > rows.length && (
          <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }}>
            图表显示本页 {rows.length} 项（共 {total} 项）；合计行为全部 {total} 项的合计。
          </Typography.Text>
        )}
        <Table<StatsRow>
          rowKey="key"
          size="middle"
          loading={q.isFetching}
          columns={columns}
          dataSource={rows}
          scroll={{ x: 'max-content' }}
          onChange={onTableChange}
          pagination={
            total > DEFAULT_PAGE_SIZE || page > 1
              ? {
                  current: page,
                  pageSize,
                  total,
                  showSizeChanger: true,
                  pageSizeOptions: [20, 50, 100, 200],
                  showTotal: (t) => `共 ${t} 项`,
                }
              : false
          }
          locale={{
            emptyText: <Empty description="没有符合条件的申请" image={Empty.PRESENTED_IMAGE_SIMPLE} />,
          }}
          summary={() =>
            totals && rows.length > 0 ? (
              <Table.Summary fixed>
                <Table.Summary.Row
                  style={{ background: '#fafafa', fontWeight: 600 }}
                  data-testid="stats-total"
                >
                  <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
                  {MEASURES.map((m, i) => (
                    <Table.Summary.Cell key={m.key} index={i + 1} align="right">
                      <span
                        style={
                          SIDE_MEASURES.includes(m.key) && totals[m.key] > 0 ? { color: m.color } : undefined
                        }
                      >
                        {totals[m.key]}
                      </span>
                    </Table.Summary.Cell>
                  ))}
                </Table.Summary.Row>
              </Table.Summary>
            ) : null
          }
        />
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>
          统计口径：已提交的申请（不含草稿），按提交日期筛选；办理中、准予许可、不予许可、其他办结之和等于申请件数；超期为当前环节已超过办理期限的在办申请；视为受理为受理期限届满仍未受理或告知补正的申请（《办法》第十二条）。
        </Typography.Text>
      </Card>
    </Space>
  );
}

/** The bar chart: the four outcomes stacked (their sum is the number of applications), overdue beside them. */
function StatsChart({ rows, loading }: { rows: StatsRow[]; loading: boolean }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const [failed, setFailed] = useState<string>();

  useEffect(() => {
    let cancelled = false;
    // ECharts is loaded here only, so it stays out of the first-load bundle.
    import('echarts')
      .then((echarts) => {
        if (cancelled || !el.current) return;
        chart.current ??= echarts.init(el.current, undefined, { renderer: 'canvas' });
        const many = rows.length > 12;
        const option: EChartsOption = {
          tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
          legend: { top: 0 },
          grid: { left: 48, right: 24, top: 40, bottom: many ? 96 : 48 },
          xAxis: {
            type: 'category',
            data: rows.map((r) => r.label || r.key),
            axisLabel: { interval: 0, rotate: many ? 35 : 0, width: 120, overflow: 'truncate' },
          },
          yAxis: { type: 'value', minInterval: 1, name: '件' },
          dataZoom:
            rows.length > 25 ? [{ type: 'slider', start: 0, end: (25 / rows.length) * 100, bottom: 8 }] : [],
          series: [
            ...MEASURES.filter((m) => m.key !== 'total' && !SIDE_MEASURES.includes(m.key)).map((m) => ({
              name: m.title,
              type: 'bar' as const,
              stack: 'outcome',
              barMaxWidth: 48,
              itemStyle: { color: m.color },
              emphasis: { focus: 'series' as const },
              data: rows.map((r) => r[m.key]),
            })),
            ...MEASURES.filter((m) => SIDE_MEASURES.includes(m.key)).map((m) => ({
              name: m.title,
              type: 'bar' as const,
              barMaxWidth: 24,
              itemStyle: { color: m.color },
              data: rows.map((r) => r[m.key]),
            })),
          ],
        };
        chart.current.setOption(option, true);
      })
      .catch(() => !cancelled && setFailed('图表组件加载失败，请刷新页面重试'));
    return () => {
      cancelled = true;
    };
  }, [rows]);

  useEffect(() => {
    const node = el.current;
    if (!node) return;
    // Hidden tabs have no size; the chart follows the container when it shows again.
    const ro = new ResizeObserver(() => chart.current?.resize());
    ro.observe(node);
    return () => {
      ro.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  if (failed) return <Alert type="warning" showIcon title={failed} style={{ marginBottom: 12 }} />;
  return (
    <div style={{ position: 'relative', marginBottom: 12 }}>
      <div ref={el} style={{ width: '100%', height: 360 }} data-testid="stats-chart" />
      {!loading && rows.length === 0 && (
        <div
          style={{
            position: 'absolute',
            inset: 0,
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'center',
          }}
        >
          <Empty description="暂无统计数据" image={Empty.PRESENTED_IMAGE_SIMPLE} />
        </div>
      )}
    </div>
  );
}
