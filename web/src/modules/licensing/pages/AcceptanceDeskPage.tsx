import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Drawer, Form, Input, Modal, Select, Space, Spin, Switch, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { api, call, qs } from '../../../api/client';
import type { paths } from '../../../api/schema';
import { useAuth } from '../../../app/auth';
import { errorText, useErrorHandler } from '../../../components/errors';
import {
  KeywordInput,
  ServerTable,
  useReloadTable,
  type ServerColumn,
} from '../../../components/ServerTable';
import { ApplicationFacts } from '../components/ApplicationFacts';
import { ApplicationMaterials } from '../components/ApplicationMaterials';
import { DeemedAcceptedTag } from '../components/DeskShared';

type DeskGet = paths['/api/licensing/acceptance-desk']['get'];
type DeskQuery = NonNullable<DeskGet['parameters']['query']>;
type DeskItem = DeskGet['responses']['200']['content']['application/json']['items'][number];
type Detail =
  paths['/api/licensing/applications/{id}']['get']['responses']['200']['content']['application/json'];
type AcceptBody =
  paths['/api/licensing/applications/{id}/accept']['post']['requestBody']['content']['application/json'];
type SupplementBody =
  paths['/api/licensing/applications/{id}/supplement']['post']['requestBody']['content']['application/json'];
type TerminateBody =
  paths['/api/licensing/applications/{id}/terminate']['post']['requestBody']['content']['application/json'];

const TABLE_ID = 'licensing.acceptance-desk';

const TYPE_OPTIONS: Array<{ value: DeskItem['type']; label: string }> = [
  { value: 'issue', label: '发证' },
  { value: 'renew', label: '延续' },
  { value: 'change', label: '变更' },
  { value: 'reexamine', label: '重新审查' },
  { value: 'reissue', label: '补领' },
  { value: 'cancel', label: '注销' },
];

const fmt = (v: string | null | undefined) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '');
function Due({ row }: { row: Pick<DeskItem, 'dueDate' | 'overdue' | 'daysLeft'> }) {
  if (!row.dueDate) return <>—</>;
  return (
    <Space size={4}>
      <span style={row.overdue ? { color: '#cf1322', fontWeight: 600 } : undefined}>{row.dueDate}</span>
      {row.overdue ? (
        <Tag color="error">已超期{row.daysLeft != null ? ` ${-row.daysLeft} 个工作日` : ''}</Tag>
      ) : row.daysLeft != null ? (
        <Tag color={row.daysLeft <= 1 ? 'warning' : 'default'}>剩 {row.daysLeft} 个工作日</Tag>
      ) : null}
    </Space>
  );
}

type Action = 'accept' | 'supplement' | 'terminate';

/** 受理台: applications waiting for 受理 in the user's scope, with their due dates; 受理 / 补正告知 / 不予受理. */
export function AcceptanceDeskPage() {
  const { hasPerm } = useAuth();
  const canAccept = hasPerm('licensing:accept');
  const [openId, setOpenId] = useState<string | null>(null);
  const [action, setAction] = useState<{ kind: Action; row: DeskItem | Detail } | null>(null);

  const columns: ServerColumn<DeskItem>[] = [
    {
      key: 'applicationNo',
      title: '申请编号',
      dataIndex: 'applicationNo',
      sortField: 'applicationNo',
      fixed: 'left',
      render: (v: string | null, r) => <a onClick={() => setOpenId(r.id)}>{v ?? '（未编号）'}</a>,
    },
    { key: 'typeLabel', title: '申请类型', dataIndex: 'typeLabel' },
    { key: 'enterpriseName', title: '企业名称', dataIndex: 'enterpriseName' },
    { key: 'creditCode', title: '统一社会信用代码', dataIndex: 'creditCode' },
    {
      key: 'productName',
      title: '产品',
      render: (_: unknown, r) =>
        r.productParentName ? `${r.productParentName} / ${r.productName}` : r.productName,
    },
    { key: 'regionName', title: '所在地', dataIndex: 'regionName' },
    {
      key: 'stateLabel',
      title: '状态',
      dataIndex: 'stateLabel',
      render: (v: string, r) => (
        <>
          <Tag>{v}</Tag>
          <DeemedAcceptedTag on={r.deemedAcceptedOn} />
        </>
      ),
    },
    {
      key: 'submittedAt',
      title: '提交时间',
      dataIndex: 'submittedAt',
      sortField: 'submittedAt',
      render: (v: string | null) => fmt(v),
    },
    {
      key: 'dueDate',
      title: '受理期限',
      dataIndex: 'dueDate',
      sortField: 'dueDate',
      render: (_: unknown, r) => <Due row={r} />,
    },
    {
      key: 'actions',
      title: '操作',
      fixed: 'right',
      render: (_: unknown, r) => (
        <Space size={4} wrap={false}>
          <Button type="link" size="small" onClick={() => setOpenId(r.id)}>
            详情
          </Button>
          {canAccept && (
            <>
              <Button type="link" size="small" onClick={() => setAction({ kind: 'accept', row: r })}>
                受理
              </Button>
              <Button type="link" size="small" onClick={() => setAction({ kind: 'supplement', row: r })}>
                补正告知
              </Button>
              <Button
                type="link"
                size="small"
                danger
                onClick={() => setAction({ kind: 'terminate', row: r })}
              >
                不予受理
              </Button>
            </>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <ServerTable<DeskItem>
        id={TABLE_ID}
        columns={columns}
        defaultSort="dueDate"
        fetchPage={(q) =>
          call(api.GET('/api/licensing/acceptance-desk', { params: { query: q as DeskQuery } }))
        }
        exportUrl={(q) =>
          `/api/licensing/acceptance-desk${qs({ ...(q as Record<string, string>), format: 'xlsx' })}`
        }
        exportName="受理台"
        mapFilters={(v) => ({ ...v, overdue: v.overdue ? true : undefined })}
        filters={[
          {
            name: 'keyword',
            label: '关键字',
            node: <KeywordInput placeholder="企业、申请编号、信用代码、产品" />,
          },
          {
            name: 'type',
            label: '申请类型',
            node: <Select allowClear style={{ width: 130 }} options={TYPE_OPTIONS} placeholder="全部" />,
          },
          {
            name: 'overdue',
            label: '只看超期',
            node: <Switch size="small" />,
          },
        ]}
      />
      <DetailDrawer
        id={openId}
        onClose={() => setOpenId(null)}
        canAccept={canAccept}
        onAction={(kind, row) => setAction({ kind, row })}
      />
      {action && (
        <ActionModal
          kind={action.kind}
          row={action.row}
          onClose={() => setAction(null)}
          onDone={() => {
            setAction(null);
            setOpenId(null);
          }}
        />
      )}
    </>
  );
}

function DetailDrawer(props: {
  id: string | null;
  onClose: () => void;
  canAccept: boolean;
  onAction: (kind: Action, row: Detail) => void;
}) {
  const q = useQuery({
    queryKey: ['licensing', 'application', props.id],
    queryFn: () => call(api.GET('/api/licensing/applications/{id}', { params: { path: { id: props.id! } } })),
    enabled: !!props.id,
  });
  const d = q.data;

  return (
    <Drawer
      open={!!props.id}
      onClose={props.onClose}
      width={760}
      title={d ? `申请详情 ${d.applicationNo ?? ''}` : '申请详情'}
      extra={
        d &&
        props.canAccept && (
          <Space>
            <Button type="primary" onClick={() => props.onAction('accept', d)}>
              受理
            </Button>
            <Button onClick={() => props.onAction('supplement', d)}>补正告知</Button>
            <Button danger onClick={() => props.onAction('terminate', d)}>
              不予受理
            </Button>
          </Space>
        )
      }
    >
      {q.isLoading && <Spin />}
      {q.error && <Typography.Text type="danger">{errorText(q.error)}</Typography.Text>}
      {d && (
        <>
          <ApplicationFacts
            app={d}
            head={[
              {
                label: '状态',
                children: (
                  <>
                    {d.stateLabel} <DeemedAcceptedTag on={d.deemedAcceptedOn} />
                  </>
                ),
              },
              { label: '审批模式', children: d.approvalModeLabel },
            ]}
            tail={[
              {
                label: '受理期限',
                children: <Due row={{ dueDate: d.dueDate, overdue: d.overdue, daysLeft: null }} />,
              },
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 20 }}>
            材料清单
          </Typography.Title>
          <ApplicationMaterials app={d} />
        </>
      )}
    </Drawer>
  );
}

function ActionModal(props: {
  kind: Action;
  row: DeskItem | Detail;
  onClose: () => void;
  onDone: () => void;
}) {
  const { kind, row } = props;
  const [form] = Form.useForm<Record<string, unknown>>();
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const reload = useReloadTable();
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const grounds = useQuery({
    queryKey: ['licensing', 'termination-grounds'],
    queryFn: () => call(api.GET('/api/licensing/termination-grounds')),
    enabled: kind === 'terminate',
    staleTime: 300_000,
  });
  const path = { params: { path: { id: row.id } } };
  const title = { accept: '受理', supplement: '补正告知', terminate: '不予受理' }[kind];
  // The desk row does not carry the approval mode: the detail (shared with the drawer's query) does.
  const detail = useQuery({
    queryKey: ['licensing', 'application', row.id],
    queryFn: () => call(api.GET('/api/licensing/applications/{id}', path)),
    enabled: kind === 'accept' && !('approvalMode' in row),
  });
  const mode = 'approvalMode' in row ? row.approvalMode : detail.data?.approvalMode;
  const verifyFirst = mode === 'verify_first';
  useEffect(() => {
    if (kind === 'accept' && mode) form.setFieldValue('inspectionRequired', mode === 'verify_first');
  }, [kind, mode, form]);

  async function submit() {
    const v = await form.validateFields();
    setBusy(true);
    try {
      if (kind === 'accept') {
        const body: AcceptBody = {
          inspectionRequired: !!v.inspectionRequired,
          comment: (v.comment as string | undefined) || undefined,
        };
        await call(api.POST('/api/licensing/applications/{id}/accept', { ...path, body }));
      } else if (kind === 'supplement') {
        const body: SupplementBody = { comment: v.comment as string };
        await call(api.POST('/api/licensing/applications/{id}/supplement', { ...path, body }));
      } else {
        const body: TerminateBody = { ground: v.ground as string, comment: v.comment as string };
        await call(api.POST('/api/licensing/applications/{id}/terminate', { ...path, body }));
      }
      void message.success(`已${title}：${row.enterpriseName}`);
      void reload(TABLE_ID);
      void qc.invalidateQueries({ queryKey: ['licensing', 'application', row.id] });
      props.onDone();
    } catch (e) {
      onError(e, form);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open
      title={`${title} — ${row.applicationNo ?? ''} ${row.enterpriseName}`}
      okText={title}
      okButtonProps={{ danger: kind === 'terminate', loading: busy }}
      onOk={() => void submit()}
      onCancel={props.onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ inspectionRequired: verifyFirst, comment: '', ground: undefined }}
        preserve={false}
      >
        {kind === 'accept' && (
          <Form.Item
            name="inspectionRequired"
            label="需要实地核查"
            valuePropName="checked"
            extra="先核后证的产品必须实地核查"
          >
            <Switch checkedChildren="是" unCheckedChildren="否" />
          </Form.Item>
        )}
        {kind === 'terminate' && (
          <Form.Item name="ground" label="终止情形" rules={[{ required: true, message: '请选择终止情形' }]}>
            <Select
              loading={grounds.isLoading}
              options={(grounds.data?.items ?? []).map((g) => ({
                value: g.code,
                label: `${g.label}（${g.article}）`,
              }))}
              placeholder="请选择"
            />
          </Form.Item>
        )}
        <Form.Item
          name="comment"
          label={kind === 'accept' ? '受理意见' : kind === 'supplement' ? '需补正的全部内容' : '说明'}
          rules={kind === 'accept' ? [] : [{ required: true, whitespace: true, message: '请填写' }]}
          extra={kind === 'supplement' ? '一次性告知申请人需要补正的全部内容' : undefined}
        >
          <Input.TextArea rows={4} maxLength={2000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
