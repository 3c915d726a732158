import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  DatePicker,
  Descriptions,
  Drawer,
  Dropdown,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, call, download, qs } from '../../../api/client';
import type { paths } from '../../../api/schema';
import { useAuth } from '../../../app/auth';
import { errorText, useErrorHandler } from '../../../components/errors';
import {
  KeywordInput,
  ServerTable,
  useReloadTable,
  type ServerColumn,
} from '../../../components/ServerTable';

type ListGet = paths['/api/licensing/certificates']['get'];
type ListQuery = NonNullable<ListGet['parameters']['query']>;
type CertItem = ListGet['responses']['200']['content']['application/json']['items'][number];
type RevokeBody =
  paths['/api/licensing/certificates/{id}/revoke']['post']['requestBody']['content']['application/json'];
type CancelBody =
  paths['/api/licensing/certificates/{id}/cancellation']['post']['requestBody']['content']['application/json'];
type CertState = CertItem['state'];
type SanctionKind = 'revoke' | 'withdraw' | 'rescind';

const TABLE_ID = 'licensing.certificates';

const STATE_OPTIONS: Array<{ value: CertState; label: string; color: string }> = [
  { value: 'valid', label: '有效', color: 'success' },
  { value: 'expired', label: '过期', color: 'default' },
  { value: 'replaced', label: '已换发', color: 'processing' },
  { value: 'revoked', label: '撤销', color: 'error' },
  { value: 'withdrawn', label: '撤回', color: 'warning' },
  { value: 'rescinded', label: '吊销', color: 'error' },
  { value: 'cancelled', label: '注销', color: 'default' },
];
const stateColor = (s: CertState) => STATE_OPTIONS.find((o) => o.value === s)?.color ?? 'default';

const SANCTIONS: Record<SanctionKind, { label: string; hint: string }> = {
  withdraw: { label: '撤回', hint: '撤回许可（《办法》第三十三条）' },
  revoke: { label: '撤销', hint: '撤销许可，证号作废不再使用（《办法》第三十四条）' },
  rescind: { label: '吊销', hint: '吊销许可证，3 年内不得再申请同一产品（《条例》第五十四条、第五十五条）' },
};

const CANCEL_GROUNDS: Array<{ value: NonNullable<CancelBody['ground']>; label: string }> = [
  { value: 'expired', label: '有效期届满未延续' },
  { value: 'terminated', label: '企业依法终止' },
  { value: 'sanctioned', label: '许可被撤回、撤销或吊销' },
  { value: 'force_majeure', label: '不可抗力' },
  { value: 'not_producing', label: '不再生产' },
  { value: 'applied', label: '企业申请' },
  { value: 'eliminated', label: '列入淘汰或禁止目录' },
  { value: 'other', label: '其他' },
];

const fmt = (v: string | null | undefined) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '');

function downloadPdf(c: { id: string; number: string }, onError: (e: unknown) => void) {
  void download(`/api/licensing/certificates/${c.id}/pdf`, `${c.number}.pdf`).catch(onError);
}

/** 证书管理: list, detail with history, PDF, 撤销/撤回/吊销, 发起注销. */
export function CertificatesPage() {
  const { hasPerm } = useAuth();
  const onError = useErrorHandler();
  const canSanction = hasPerm('licensing:revoke');
  const canCancel = hasPerm(['licensing:certificate', 'licensing:cancel-review']);
  const [openId, setOpenId] = useState<string | null>(null);
  const [sanction, setSanction] = useState<{ kind: SanctionKind; cert: CertItem } | null>(null);
  const [cancelling, setCancelling] = useState<CertItem | null>(null);

  const columns: ServerColumn<CertItem>[] = [
    {
      key: 'number',
      title: '证书编号',
      dataIndex: 'number',
      sortField: 'number',
      fixed: 'left',
      render: (v: string, r) => <a onClick={() => setOpenId(r.id)}>{v}</a>,
    },
    { key: 'enterpriseName', title: '企业名称', dataIndex: 'enterpriseName', sortField: 'enterpriseName' },
    { key: 'creditCode', title: '统一社会信用代码', dataIndex: 'creditCode' },
    { key: 'productName', title: '产品', dataIndex: 'productName' },
    { key: 'applicationTypeLabel', title: '取证方式', dataIndex: 'applicationTypeLabel' },
    { key: 'issueDate', title: '发证日期', dataIndex: 'issueDate', sortField: 'issueDate' },
    {
      key: 'validTo',
      title: '有效期至',
      dataIndex: 'validTo',
      sortField: 'validTo',
      render: (v: string, r) =>
        r.state === 'valid' && r.daysToExpiry <= 90 ? (
          <Space size={4}>
            <span style={{ color: '#d46b08' }}>{v}</span>
            <Tag color="warning">{r.daysToExpiry} 天后届满</Tag>
          </Space>
        ) : (
          v
        ),
    },
    {
      key: 'state',
      title: '状态',
      dataIndex: 'stateLabel',
      render: (v: string, r) => (
        <Space size={4}>
          <Tag color={stateColor(r.state)}>{v}</Tag>
          {r.pendingCancellationId && <Tag color="orange">注销审批中</Tag>}
        </Space>
      ),
    },
    {
      key: 'actions',
      title: '操作',
      fixed: 'right',
      render: (_: unknown, r) => (
        <Space size={4}>
          <Button type="link" size="small" onClick={() => setOpenId(r.id)}>
            详情
          </Button>
          <Button type="link" size="small" onClick={() => downloadPdf(r, onError)}>
            PDF
          </Button>
          {r.state === 'valid' && (canSanction || canCancel) && (
            <Dropdown
              menu={{
                items: [
                  ...(canSanction
                    ? (['withdraw', 'revoke', 'rescind'] as const).map((k) => ({
                        key: k,
                        danger: true,
                        label: SANCTIONS[k].label,
                        onClick: () => setSanction({ kind: k, cert: r }),
                      }))
                    : []),
                  ...(canCancel && !r.pendingCancellationId
                    ? [{ key: 'cancel', label: '发起注销', onClick: () => setCancelling(r) }]
                    : []),
                ],
              }}
            >
              <Button type="link" size="small">
                处置
              </Button>
            </Dropdown>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <ServerTable<CertItem>
        id={TABLE_ID}
        columns={columns}
        fetchPage={(q) => call(api.GET('/api/licensing/certificates', { params: { query: q as ListQuery } }))}
        exportUrl={(q) =>
          `/api/licensing/certificates${qs({ ...(q as Record<string, string>), format: 'xlsx' })}`
        }
        exportName="生产许可证"
        mapFilters={(v) => {
          const { validTo, includeReplaced, ...rest } = v as { validTo?: [Dayjs, Dayjs] } & Record<
            string,
            unknown
          >;
          return {
            ...rest,
            includeReplaced: includeReplaced ? true : undefined,
            validToFrom: validTo?.[0]?.format('YYYY-MM-DD'),
            validToTo: validTo?.[1]?.format('YYYY-MM-DD'),
          };
        }}
        filters={[
          {
            name: 'keyword',
            label: '关键字',
            node: <KeywordInput placeholder="证书编号、企业、信用代码、产品" />,
          },
          {
            name: 'state',
            label: '状态',
            node: (
              <Select
                allowClear
                style={{ width: 120 }}
                placeholder="全部"
                options={STATE_OPTIONS.map(({ value, label }) => ({ value, label }))}
              />
            ),
          },
          { name: 'validTo', label: '有效期至', node: <DatePicker.RangePicker /> },
          {
            name: 'includeReplaced',
            label: '含已换发旧证',
            node: (
              <Select
                allowClear
                style={{ width: 90 }}
                placeholder="否"
                options={[{ value: 'true', label: '是' }]}
              />
            ),
          },
        ]}
      />
      <DetailDrawer id={openId} onClose={() => setOpenId(null)} onOpen={setOpenId} />
      {sanction && <SanctionModal {...sanction} onClose={() => setSanction(null)} />}
      {cancelling && <CancelModal cert={cancelling} onClose={() => setCancelling(null)} />}
    </>
  );
}

function DetailDrawer(props: { id: string | null; onClose: () => void; onOpen: (id: string) => void }) {
  const onError = useErrorHandler();
  const q = useQuery({
    queryKey: ['licensing', 'certificate', props.id],
    queryFn: () => call(api.GET('/api/licensing/certificates/{id}', { params: { path: { id: props.id! } } })),
    enabled: !!props.id,
  });
  const d = q.data;
  return (
    <Drawer
      open={!!props.id}
      onClose={props.onClose}
      width={760}
      title={d ? `证书 ${d.number}` : '证书详情'}
      extra={d && <Button onClick={() => downloadPdf(d, onError)}>下载 PDF</Button>}
    >
      {q.isLoading && <Spin />}
      {q.error && <Typography.Text type="danger">{errorText(q.error)}</Typography.Text>}
      {d && (
        <>
          <Descriptions column={2} size="small" bordered>
            <Descriptions.Item label="证书编号">{d.number}</Descriptions.Item>
            <Descriptions.Item label="状态">
              <Tag color={stateColor(d.state)}>{d.stateLabel}</Tag>
              {d.numberVoided && <Tag color="red">证号已作废</Tag>}
            </Descriptions.Item>
            <Descriptions.Item label="企业名称" span={2}>
              {d.enterpriseName}
            </Descriptions.Item>
            <Descriptions.Item label="统一社会信用代码">{d.creditCode ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="产品">{d.productName}</Descriptions.Item>
            <Descriptions.Item label="住所" span={2}>
              {d.residence ?? '—'}
            </Descriptions.Item>
            <Descriptions.Item label="生产地址" span={2}>
              {d.productionAddress ?? '—'}
            </Descriptions.Item>
            <Descriptions.Item label="取证方式">{d.applicationTypeLabel}</Descriptions.Item>
            <Descriptions.Item label="发证日期">{d.issueDate}</Descriptions.Item>
            <Descriptions.Item label="有效期" span={2}>
              {d.validFrom} 至 {d.validTo}（最迟延续申请日 {d.latestRenewalDate}）
            </Descriptions.Item>
            {d.cancelledDate && <Descriptions.Item label="注销日期">{d.cancelledDate}</Descriptions.Item>}
            {d.sanction && (
              <Descriptions.Item label={`${d.sanction.label}决定`} span={2}>
                {d.sanction.date}，{d.sanction.article}
                {d.sanction.documentNo ? `，${d.sanction.documentNo}` : ''}
                <br />
                {d.sanction.grounds}
                {d.sanction.barLastDay && <div>禁止再申请至 {d.sanction.barLastDay}</div>}
              </Descriptions.Item>
            )}
          </Descriptions>
          {d.chain.length > 1 && (
            <>
              <Typography.Title level={5} style={{ marginTop: 20 }}>
                同一编号历次证书
              </Typography.Title>
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={d.chain}
                columns={[
                  {
                    key: 'issueDate',
                    title: '发证日期',
                    render: (_: unknown, c) =>
                      c.id === d.id ? c.issueDate : <a onClick={() => props.onOpen(c.id)}>{c.issueDate}</a>,
                  },
                  { key: 'type', title: '取证方式', dataIndex: 'applicationTypeLabel' },
                  {
                    key: 'valid',
                    title: '有效期',
                    render: (_: unknown, c) => `${c.validFrom} 至 ${c.validTo}`,
                  },
                  {
                    key: 'state',
                    title: '状态',
                    render: (_: unknown, c) => <Tag color={stateColor(c.state)}>{c.stateLabel}</Tag>,
                  },
                ]}
              />
            </>
          )}
          {d.cancellations.length > 0 && (
            <>
              <Typography.Title level={5} style={{ marginTop: 20 }}>
                注销
              </Typography.Title>
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={d.cancellations}
                columns={[
                  { key: 'groundLabel', title: '注销情形', dataIndex: 'groundLabel' },
                  { key: 'reason', title: '理由', dataIndex: 'reason' },
                  { key: 'statusLabel', title: '状态', dataIndex: 'statusLabel' },
                  {
                    key: 'createdAt',
                    title: '发起时间',
                    dataIndex: 'createdAt',
                    render: (v: string) => fmt(v),
                  },
                ]}
              />
            </>
          )}
          <Typography.Title level={5} style={{ marginTop: 20 }}>
            证书历史
          </Typography.Title>
          <Timeline
            items={d.events.map((e) => ({
              key: e.id,
              children: (
                <>
                  <Typography.Text strong>{e.label}</Typography.Text>{' '}
                  <Typography.Text type="secondary">
                    {e.date} · {[e.actorOrgName, e.actorName].filter(Boolean).join(' ')}
                  </Typography.Text>
                  {e.article && <div>依据：{e.article}</div>}
                  {e.comment && <div>{e.comment}</div>}
                </>
              ),
            }))}
          />
        </>
      )}
    </Drawer>
  );
}

function useAfterChange() {
  const reload = useReloadTable();
  const qc = useQueryClient();
  return (id: string) => {
    void reload(TABLE_ID);
    void qc.invalidateQueries({ queryKey: ['licensing', 'certificate', id] });
  };
}

function SanctionModal(props: { kind: SanctionKind; cert: CertItem; onClose: () => void }) {
  const { kind, cert } = props;
  const s = SANCTIONS[kind];
  const [form] = Form.useForm<{
    decisionDate?: Dayjs;
    grounds: string;
    article?: string;
    documentNo?: string;
  }>();
  const { message, modal } = App.useApp();
  const onError = useErrorHandler();
  const after = useAfterChange();
  const [busy, setBusy] = useState(false);

  async function submit() {
    const v = await form.validateFields();
    const ok = await modal.confirm({
      title: `确认${s.label}证书 ${cert.number}？`,
      content: `${cert.enterpriseName} · ${cert.productName}。${s.hint}，操作后不可恢复。`,
      okText: `确认${s.label}`,
      okButtonProps: { danger: true },
    });
    if (!ok) return;
    const body: RevokeBody = {
      grounds: v.grounds,
      decisionDate: v.decisionDate?.format('YYYY-MM-DD'),
      article: v.article || undefined,
      documentNo: v.documentNo || undefined,
    };
    const path = { params: { path: { id: cert.id } }, body };
    setBusy(true);
    try {
      if (kind === 'revoke') await call(api.POST('/api/licensing/certificates/{id}/revoke', path));
      else if (kind === 'withdraw') await call(api.POST('/api/licensing/certificates/{id}/withdraw', path));
      else await call(api.POST('/api/licensing/certificates/{id}/rescind', path));
      void message.success(`已${s.label}证书 ${cert.number}`);
      after(cert.id);
      props.onClose();
    } catch (e) {
      onError(e, form);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open
      title={`${s.label}许可 — ${cert.number}`}
      okText={s.label}
      okButtonProps={{ danger: true, loading: busy }}
      onOk={() => void submit()}
      onCancel={props.onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{s.hint}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ decisionDate: dayjs() }} preserve={false}>
        <Form.Item name="decisionDate" label="决定日期">
          <DatePicker />
        </Form.Item>
        <Form.Item
          name="grounds"
          label="事实与理由"
          rules={[{ required: true, whitespace: true, message: '请填写事实与理由' }]}
        >
          <Input.TextArea rows={4} maxLength={2000} showCount />
        </Form.Item>
        <Form.Item name="article" label="依据条款" extra="不填则使用默认条款">
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="documentNo" label="决定书文号">
          <Input maxLength={100} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function CancelModal(props: { cert: CertItem; onClose: () => void }) {
  const { cert } = props;
  const [form] = Form.useForm<{ ground?: CancelBody['ground']; reason: string }>();
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const after = useAfterChange();
  const [busy, setBusy] = useState(false);

  async function submit() {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const body: CancelBody = { reason: v.reason, ground: v.ground };
      await call(
        api.POST('/api/licensing/certificates/{id}/cancellation', {
          params: { path: { id: cert.id } },
          body,
        }),
      );
      void message.success(`已发起注销，进入审批：${cert.number}`);
      after(cert.id);
      props.onClose();
    } catch (e) {
      onError(e, form);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open
      title={`发起注销 — ${cert.number}`}
      okText="发起注销"
      okButtonProps={{ loading: busy }}
      onOk={() => void submit()}
      onCancel={props.onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        依职权注销，经初审、审核、审批后证书注销（《办法》第三十五条）。
      </Typography.Paragraph>
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="ground" label="注销情形" rules={[{ required: true, message: '请选择注销情形' }]}>
          <Select options={CANCEL_GROUNDS} placeholder="请选择" />
        </Form.Item>
        <Form.Item
          name="reason"
          label="注销理由"
          rules={[{ required: true, whitespace: true, message: '请填写注销理由' }]}
        >
          <Input.TextArea rows={4} maxLength={2000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
