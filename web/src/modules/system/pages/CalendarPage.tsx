import { DownloadOutlined, LeftOutlined, RightOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Row,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { api, call, download } from '../../../api/client';
import type { paths } from '../../../api/schema';
import { useAuth } from '../../../app/auth';
import { errorText, useErrorHandler } from '../../../components/errors';

type CalendarDay =
  paths['/api/calendar/years/{year}']['get']['responses']['200']['content']['application/json']['items'][number];
type SetDay = paths['/api/calendar/days/{day}']['put']['requestBody']['content']['application/json'];

const HOLIDAY = { bg: '#fff1f0', fg: '#cf1322', border: '#ffa39e' };
const WORKDAY = { bg: '#e6f4ff', fg: '#0958d9', border: '#91caff' };
const WEEK_HEAD = ['一', '二', '三', '四', '五', '六', '日'];
const MONTHS = [
  '一月',
  '二月',
  '三月',
  '四月',
  '五月',
  '六月',
  '七月',
  '八月',
  '九月',
  '十月',
  '十一月',
  '十二月',
];
const WEEKDAY_LABEL = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
const SOURCE_LABEL: Record<CalendarDay['source'], string> = {
  'chinese-days': '国务院放假通知（预置）',
  manual: '人工维护',
};

const yearKey = (year: number) => ['calendar', 'year', year] as const;

/** 节假日日历: a year of month grids; holidays red, adjusted working days blue; click a day to change it. */
export function CalendarPage() {
  const { hasPerm } = useAuth();
  const canWrite = hasPerm('calendar:write');
  const onError = useErrorHandler();
  const [year, setYear] = useState(() => dayjs().year());
  const [picked, setPicked] = useState<string>();
  const [exporting, setExporting] = useState(false);

  const q = useQuery({
    queryKey: yearKey(year),
    queryFn: () => call(api.GET('/api/calendar/years/{year}', { params: { path: { year } } })),
  });
  const byDay = useMemo(() => new Map((q.data?.items ?? []).map((d) => [d.day, d])), [q.data]);

  async function doExport() {
    setExporting(true);
    try {
      await download(`/api/calendar/years/${year}?format=xlsx`, `节假日日历-${year}.xlsx`);
    } catch (e) {
      onError(e);
    } finally {
      setExporting(false);
    }
  }

  const holidays = (q.data?.items ?? []).filter((d) => d.kind === 'holiday').length;
  const workdays = (q.data?.items ?? []).filter((d) => d.kind === 'workday').length;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="calendar-page">
      <Card
        size="small"
        title={
          <Space wrap>
            <Button
              icon={<LeftOutlined />}
              aria-label="上一年"
              onClick={() => setYear((y) => Math.max(2000, y - 1))}
            />
            <InputNumber
              min={2000}
              max={2100}
              precision={0}
              value={year}
              onChange={(v) => v && v >= 2000 && v <= 2100 && setYear(v)}
              suffix="年"
              style={{ width: 110 }}
              data-testid="calendar-year"
            />
            <Button
              icon={<RightOutlined />}
              aria-label="下一年"
              onClick={() => setYear((y) => Math.min(2100, y + 1))}
            />
            <Button onClick={() => setYear(dayjs().year())}>今年</Button>
            {q.data && (
              <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
                放假 {holidays} 天，调休上班 {workdays} 天
              </Typography.Text>
            )}
          </Space>
        }
        extra={
          <Button
            icon={<DownloadOutlined />}
            loading={exporting}
            onClick={() => void doExport()}
            data-testid="calendar-export"
          >
            导出
          </Button>
        }
      >
        <Legend canWrite={canWrite} />
        {q.error && <Typography.Text type="danger">{errorText(q.error)}</Typography.Text>}
        {q.data && q.data.items.length === 0 && (
          <Typography.Paragraph type="warning" style={{ marginTop: 8 }}>
            {year} 年尚未维护节假日（除周末外均按工作日计算）。请按国务院办公厅放假通知逐日设置。
          </Typography.Paragraph>
        )}
        <Row gutter={[16, 16]} style={{ marginTop: 12, opacity: q.isFetching ? 0.6 : 1 }}>
          {MONTHS.map((label, m) => (
            <Col key={m} xs={24} sm={12} lg={8} xxl={6}>
              <MonthGrid
                year={year}
                month={m}
                label={label}
                byDay={byDay}
                onPick={canWrite ? setPicked : undefined}
              />
            </Col>
          ))}
        </Row>
      </Card>
      <Card size="small" title={`${year} 年放假与调休安排`}>
        <Summary
          items={q.data?.items ?? []}
          loading={q.isLoading}
          onPick={canWrite ? setPicked : undefined}
        />
      </Card>
      {picked && (
        <DayModal day={picked} entry={byDay.get(picked)} year={year} onClose={() => setPicked(undefined)} />
      )}
    </Space>
  );
}

function Legend({ canWrite }: { canWrite: boolean }) {
  const box = (bg: string, border: string, text?: string, color?: string) => (
    <span
      style={{
        display: 'inline-block',
        width: 18,
        height: 18,
        lineHeight: '16px',
        textAlign: 'center',
        fontSize: 11,
        background: bg,
        border: `1px solid ${border}`,
        borderRadius: 3,
        color,
        verticalAlign: 'middle',
        marginRight: 4,
      }}
    >
      {text}
    </span>
  );
  return (
    <Space wrap size={16} data-testid="calendar-legend">
      <span>{box(HOLIDAY.bg, HOLIDAY.border, '休', HOLIDAY.fg)}法定节假日（放假）</span>
      <span>{box(WORKDAY.bg, WORKDAY.border, '班', WORKDAY.fg)}调休上班日</span>
      <span>{box('#fff', '#d9d9d9', '六', '#999')}周末</span>
      <span>{box('#fff', '#1f5fbf')}今天</span>
      <span>{box('#fff', '#d9d9d9', '', undefined)}工作日</span>
      {canWrite && <Typography.Text type="secondary">点击日期可设置放假、调休上班或恢复正常</Typography.Text>}
    </Space>
  );
}

function MonthGrid(props: {
  year: number;
  month: number;
  label: string;
  byDay: Map<string, CalendarDay>;
  onPick?: (day: string) => void;
}) {
  const first = dayjs(new Date(props.year, props.month, 1));
  const offset = (first.day() + 6) % 7;
  const days = first.daysInMonth();
  const today = dayjs().format('YYYY-MM-DD');
  const cells: Array<number | null> = [
    ...Array<null>(offset).fill(null),
    ...Array.from({ length: days }, (_, i) => i + 1),
  ];
  // Always six weeks, so the month boxes line up.
  while (cells.length < 42) cells.push(null);

  return (
    <div
      style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: 8 }}
      data-testid={`calendar-month-${props.month + 1}`}
    >
      <div style={{ textAlign: 'center', fontWeight: 600, marginBottom: 6 }}>{props.label}</div>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(7, 1fr)', gap: 2 }}>
        {WEEK_HEAD.map((w, i) => (
          <div key={w} style={{ textAlign: 'center', fontSize: 12, color: i >= 5 ? '#999' : '#666' }}>
            {w}
          </div>
        ))}
        {cells.map((d, i) => {
          if (d === null) return <div key={`e${i}`} style={{ height: 28 }} />;
          const date = first.date(d);
          const key = date.format('YYYY-MM-DD');
          const entry = props.byDay.get(key);
          const dow = date.day();
          const weekend = dow === 0 || dow === 6;
          const kind = entry?.kind;
          const style = kind === 'holiday' ? HOLIDAY : kind === 'workday' ? WORKDAY : null;
          const isToday = key === today;
          const tip = [
            `${key} ${WEEKDAY_LABEL[dow]}`,
            kind === 'holiday'
              ? `放假${entry?.name ? ` · ${entry.name}` : ''}`
              : kind === 'workday'
                ? `调休上班${entry?.name ? ` · ${entry.name}` : ''}`
                : kind === 'normal'
                  ? '已取消预置的节假日，按周一至周五计'
                  : weekend
                    ? '周末'
                    : '工作日',
          ].join('\n');
          return (
            <Tooltip
              key={key}
              title={<span style={{ whiteSpace: 'pre-line' }}>{tip}</span>}
              mouseEnterDelay={0.3}
            >
              <div
                role={props.onPick ? 'button' : undefined}
                tabIndex={props.onPick ? 0 : undefined}
                onClick={() => props.onPick?.(key)}
                onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && props.onPick?.(key)}
                data-testid={`calendar-day-${key}`}
                data-kind={kind ?? (weekend ? 'weekend' : 'workday-normal')}
                style={{
                  position: 'relative',
                  textAlign: 'center',
                  fontSize: 13,
                  lineHeight: '26px',
                  height: 28,
                  borderRadius: 4,
                  cursor: props.onPick ? 'pointer' : 'default',
                  background: style?.bg,
                  color: style ? style.fg : weekend ? '#999' : undefined,
                  fontWeight: style ? 600 : undefined,
                  border: isToday
                    ? '1px solid #1f5fbf'
                    : kind === 'normal'
                      ? '1px dashed #bfbfbf'
                      : `1px solid ${style?.border ?? 'transparent'}`,
                }}
              >
                {d}
                {style && (
                  <span
                    style={{
                      position: 'absolute',
                      top: -3,
                      right: 1,
                      fontSize: 9,
                      lineHeight: '12px',
                      fontWeight: 400,
                    }}
                  >
                    {kind === 'holiday' ? '休' : '班'}
                  </span>
                )}
              </div>
            </Tooltip>
          );
        })}
      </div>
    </div>
  );
}

interface Group {
  key: string;
  name: string;
  kind: 'holiday' | 'workday' | 'normal';
  days: CalendarDay[];
}

/** Runs of consecutive days with the same kind and name (国庆节 10-01 至 10-08), then single days. */
function groupDays(items: CalendarDay[]): Group[] {
  const out: Group[] = [];
  for (const d of [...items].sort((a, b) => a.day.localeCompare(b.day))) {
    const last = out[out.length - 1];
    const prev = last?.days[last.days.length - 1];
    if (
      last &&
      prev &&
      last.kind === d.kind &&
      last.name === (d.name ?? '') &&
      d.kind === 'holiday' &&
      dayjs(d.day).diff(dayjs(prev.day), 'day') === 1
    ) {
      last.days.push(d);
    } else {
      out.push({ key: d.day, name: d.name ?? '', kind: d.kind, days: [d] });
    }
  }
  return out;
}

function Summary(props: { items: CalendarDay[]; loading: boolean; onPick?: (day: string) => void }) {
  const groups = useMemo(() => groupDays(props.items), [props.items]);
  return (
    <Table<Group>
      size="small"
      rowKey="key"
      loading={props.loading}
      dataSource={groups}
      pagination={false}
      locale={{ emptyText: '本年没有放假或调休安排' }}
      columns={[
        {
          key: 'kind',
          title: '类型',
          dataIndex: 'kind',
          width: 120,
          render: (k: Group['kind']) =>
            k === 'holiday' ? (
              <Tag color="red">放假</Tag>
            ) : k === 'workday' ? (
              <Tag color="blue">调休上班</Tag>
            ) : (
              <Tag>已取消预置</Tag>
            ),
        },
        { key: 'name', title: '名称', dataIndex: 'name', width: 160, render: (v: string) => v || '—' },
        {
          key: 'days',
          title: '日期',
          render: (_: unknown, g) => {
            const a = g.days[0]!;
            const b = g.days[g.days.length - 1]!;
            const link = (d: CalendarDay) =>
              props.onPick ? (
                <Typography.Link onClick={() => props.onPick?.(d.day)}>
                  {d.day}（{d.weekday}）
                </Typography.Link>
              ) : (
                <span>
                  {d.day}（{d.weekday}）
                </span>
              );
            return g.days.length === 1 ? (
              link(a)
            ) : (
              <span>
                {link(a)} 至 {link(b)}
              </span>
            );
          },
        },
        { key: 'count', title: '天数', width: 80, align: 'right', render: (_: unknown, g) => g.days.length },
        {
          key: 'source',
          title: '来源',
          width: 200,
          render: (_: unknown, g) => {
            const sources = [...new Set(g.days.map((d) => SOURCE_LABEL[d.source]))];
            return <Typography.Text type="secondary">{sources.join('、')}</Typography.Text>;
          },
        },
      ]}
    />
  );
}

type Choice = 'holiday' | 'workday' | 'normal';

function DayModal(props: { day: string; entry?: CalendarDay; year: number; onClose: () => void }) {
  const { day, entry } = props;
  const qc = useQueryClient();
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const [form] = Form.useForm<{ kind: Choice; name?: string }>();
  const [saving, setSaving] = useState(false);
  const kind = Form.useWatch('kind', form);
  const dow = dayjs(day).day();
  const weekend = dow === 0 || dow === 6;
  const special = entry?.kind === 'holiday' || entry?.kind === 'workday';
  // An ordinary day is clicked to make it a holiday; a special one shows what it is now.
  const current: Choice = special ? entry.kind : 'holiday';

  async function save(v: { kind: Choice; name?: string }) {
    setSaving(true);
    try {
      if (v.kind === 'normal') {
        await call(api.DELETE('/api/calendar/days/{day}', { params: { path: { day } } }));
        void message.success(`${day} 已恢复正常（按周一至周五计）`);
      } else {
        const body: SetDay = { kind: v.kind, name: (v.name ?? '').trim() };
        await call(api.PUT('/api/calendar/days/{day}', { params: { path: { day } }, body }));
        void message.success(`${day} 已设为${v.kind === 'holiday' ? '法定节假日' : '调休上班日'}`);
      }
      await qc.invalidateQueries({ queryKey: yearKey(props.year) });
      props.onClose();
    } catch (e) {
      onError(e, form);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open
      width={440}
      title={`${day}（${WEEKDAY_LABEL[dow]}）`}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okText="保存"
      confirmLoading={saving}
      destroyOnHidden
    >
      <div data-testid="calendar-day-form">
        <Typography.Paragraph type="secondary">
          当前：
          {entry?.kind === 'holiday'
            ? `放假${entry.name ? `（${entry.name}）` : ''}`
            : entry?.kind === 'workday'
              ? `调休上班${entry.name ? `（${entry.name}）` : ''}`
              : weekend
                ? '周末（休息）'
                : '工作日'}
          {entry && `，${SOURCE_LABEL[entry.source]}`}
          {entry?.updatedByName &&
            `，${entry.updatedByName} 于 ${dayjs(entry.updatedAt).format('YYYY-MM-DD HH:mm')} 修改`}
        </Typography.Paragraph>
        <Form
          form={form}
          layout="vertical"
          initialValues={{ kind: current, name: entry?.name ?? '' }}
          onFinish={(v) => void save(v)}
        >
          <Form.Item name="kind" label="设置为" rules={[{ required: true }]}>
            <Radio.Group>
              <Radio value="holiday">法定节假日</Radio>
              <Tooltip title={weekend ? undefined : '调休上班日只能设在周六或周日'}>
                <Radio value="workday" disabled={!weekend}>
                  调休上班日
                </Radio>
              </Tooltip>
              <Tooltip title={special ? undefined : '该日没有放假或调休设置，无需恢复'}>
                <Radio value="normal" disabled={!special}>
                  恢复正常
                </Radio>
              </Tooltip>
            </Radio.Group>
          </Form.Item>
          {kind !== 'normal' && (
            <Form.Item
              name="name"
              label="名称"
              rules={[{ required: true, whitespace: true, message: '请填写名称（如：国庆节）' }]}
              extra={kind === 'workday' ? '如：国庆节调休' : '如：国庆节、春节'}
            >
              <Input maxLength={100} placeholder="如：国庆节" data-testid="calendar-day-name" />
            </Form.Item>
          )}
          {kind === 'normal' && (
            <Typography.Text type="secondary">恢复后按周一至周五为工作日、周六周日休息计算。</Typography.Text>
          )}
        </Form>
      </div>
    </Modal>
  );
}
