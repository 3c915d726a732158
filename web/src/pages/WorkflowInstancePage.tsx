import { ExclamationCircleOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Modal,
  Result,
  Space,
  Spin,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { ButtonProps } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useParams } from 'react-router';
import { api, ApiError, call } from '../api/client';
import { useTabTitle } from '../app/layout/tabTitle';
import type { paths } from '../api/schema';
import { applyServerError, errorText, isStaleError } from '../components/errors';
import { TransferSelect } from '../components/TransferSelect';
import { FileUpload } from '../components/FileUpload';
import { WorkflowTimeline, workflowHistoryKey } from '../components/WorkflowTimeline';

type Instance =
  paths['/api/workflow/instances/{id}']['get']['responses']['200']['content']['application/json'];
type AllowedAction = Instance['allowedActions'][number];
type ActBody =
  paths['/api/workflow/instances/{id}/actions']['post']['requestBody']['content']['application/json'];
type Clock = Instance['clocks'][number];

const STATUS: Record<Instance['status'], { label: string; color: string }> = {
  active: { label: '办理中', color: 'processing' },
  completed: { label: '已办结', color: 'success' },
  withdrawn: { label: '已撤回', color: 'default' },
  terminated: { label: '已终止', color: 'error' },
};
const DUE_KIND: Record<string, string> = { working: '工作日', calendar: '自然日' };

const time = (v: string | null | undefined) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '—');

/** Buttons by kind of action: forward is primary, ends are red, the rest plain. */
function buttonProps(a: AllowedAction): ButtonProps {
  if (a.kind === 'terminate') return { danger: true };
  if (a.kind === 'transition' || a.kind === 'claim') return { type: 'primary' };
  return {};
}

const instanceKey = (id: string) => ['workflow', 'instance', id] as const;

/** 办理: one workflow instance with its deadline, the actions the user may take now and the history. */
export function WorkflowInstancePage() {
  const { id = '' } = useParams();
  const qc = useQueryClient();
  const [acting, setActing] = useState<AllowedAction>();
  const q = useQuery({
    queryKey: instanceKey(id),
    queryFn: () => call(api.GET('/api/workflow/instances/{id}', { params: { path: { id } } })),
    enabled: !!id,
  });
  useTabTitle(q.data ? `办理 · ${q.data.title}` : undefined);
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: instanceKey(id) });
    void qc.invalidateQueries({ queryKey: workflowHistoryKey(id) });
  };

  if (q.isLoading) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (q.error || !q.data)
    return (
      <Result
        status={q.error instanceof ApiError && q.error.status === 404 ? '404' : 'error'}
        title="无法打开该事项"
        subTitle={q.error ? errorText(q.error) : undefined}
        extra={<Button onClick={() => void q.refetch()}>重试</Button>}
      />
    );

  const d = q.data;
  const st = STATUS[d.status];
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="workflow-instance">
      <Card
        title={
          <Space>
            <span>{d.title}</span>
            <Tag color={st.color}>{st.label}</Tag>
          </Space>
        }
        extra={
          <Tooltip title="刷新">
            <Button icon={<ReloadOutlined />} aria-label="刷新" onClick={refresh} loading={q.isFetching} />
          </Tooltip>
        }
      >
        <Descriptions
          column={{ xs: 1, md: 2, xl: 3 }}
          size="small"
          items={[
            { key: 'process', label: '流程', children: d.processLabel },
            { key: 'state', label: '当前环节', children: <Tag color="blue">{d.stateLabel}</Tag> },
            { key: 'due', label: '办理期限', children: <DueDate d={d} /> },
            { key: 'applicant', label: '申请人', children: d.applicantName ?? '—' },
            { key: 'applicantOrg', label: '申请单位', children: d.applicantOrgName ?? '—' },
            { key: 'assignee', label: '当前办理人', children: d.assigneeName ?? '—' },
            { key: 'createdAt', label: '发起时间', children: time(d.createdAt) },
            { key: 'entered', label: '进入本环节', children: time(d.stateEnteredAt) },
            ...(d.completedAt
              ? [{ key: 'completed', label: '办结时间', children: time(d.completedAt) }]
              : []),
          ]}
        />
        {d.clocks.length > 0 && <Clocks clocks={d.clocks} paused={d.paused} />}
      </Card>

      <Card title="办理" size="small">
        {d.status !== 'active' ? (
          <Typography.Text type="secondary">该事项{st.label}，不能再办理。</Typography.Text>
        ) : d.allowedActions.length === 0 ? (
          <Typography.Text type="secondary">当前环节没有您可以执行的操作。</Typography.Text>
        ) : (
          <Space wrap data-testid="workflow-actions">
            {d.allowedActions.map((a) =>
              a.blockedReason ? (
                <Tooltip key={a.action} title={a.blockedReason}>
                  {/* A disabled button swallows mouse events; the span keeps the tooltip working. */}
                  <span style={{ display: 'inline-block', cursor: 'not-allowed' }}>
                    <Button
                      {...buttonProps(a)}
                      disabled
                      data-testid={`wf-action-${a.action}`}
                      style={{ pointerEvents: 'none' }}
                    >
                      {a.label}
                    </Button>
                  </span>
                </Tooltip>
              ) : (
                <Button
                  key={a.action}
                  {...buttonProps(a)}
                  onClick={() => setActing(a)}
                  data-testid={`wf-action-${a.action}`}
                >
                  {a.label}
                </Button>
              ),
            )}
          </Space>
        )}
      </Card>

      <Card title="办理过程" size="small">
        <WorkflowTimeline instanceId={id} />
      </Card>

      {acting && (
        <ActionModal
          instance={d}
          action={acting}
          onClose={() => setActing(undefined)}
          onDone={(next) => {
            qc.setQueryData(instanceKey(id), next);
            void qc.invalidateQueries({ queryKey: workflowHistoryKey(id) });
            // The inbox (home page and module lists) changes with every action.
            void qc.invalidateQueries({ queryKey: ['inbox'] });
            void qc.invalidateQueries({ queryKey: ['table'] });
            setActing(undefined);
          }}
          onStale={() => {
            setActing(undefined);
            refresh();
          }}
        />
      )}
    </Space>
  );
}

function DueDate({ d }: { d: Instance }) {
  if (!d.dueDate) return d.paused ? <Tag>暂停计时（等待申请人）</Tag> : <>—</>;
  return (
    <Space size={4} wrap>
      <span
        style={{ color: d.overdue ? '#cf1322' : undefined, fontWeight: d.overdue ? 600 : undefined }}
        data-testid="wf-due-date"
      >
        {d.dueDate}
      </span>
      {d.dueKind && <Typography.Text type="secondary">（{DUE_KIND[d.dueKind]}）</Typography.Text>}
      {d.paused ? (
        <Tag>暂停计时</Tag>
      ) : d.overdue ? (
        <Tag color="red">已超期 {Math.abs(d.daysLeft ?? 0)} 天</Tag>
      ) : d.daysLeft !== null ? (
        <Tag color={d.daysLeft <= 2 ? 'orange' : 'green'}>剩 {d.daysLeft} 天</Tag>
      ) : null}
    </Space>
  );
}

function Clocks({ clocks, paused }: { clocks: Clock[]; paused: boolean }) {
  return (
    <div style={{ marginTop: 12 }}>
      <Typography.Text type="secondary">法定计时{paused ? '（当前环节暂停计时）' : ''}</Typography.Text>
      <Table<Clock>
        size="small"
        rowKey="name"
        pagination={false}
        style={{ marginTop: 4, maxWidth: 720 }}
        dataSource={clocks}
        columns={[
          { key: 'label', title: '计时环节', dataIndex: 'label' },
          { key: 'kind', title: '类型', dataIndex: 'kind', render: (v: string) => DUE_KIND[v] ?? v },
          { key: 'limit', title: '时限（天）', dataIndex: 'limit', align: 'right' },
          { key: 'used', title: '已用（天）', dataIndex: 'used', align: 'right' },
          {
            key: 'remaining',
            title: '剩余（天）',
            dataIndex: 'remaining',
            align: 'right',
            render: (v: number) => <span style={{ color: v < 0 ? '#cf1322' : undefined }}>{v}</span>,
          },
          {
            key: 'running',
            title: '状态',
            dataIndex: 'running',
            render: (v: boolean) => (v ? <Tag color="processing">计时中</Tag> : <Tag>已停止</Tag>),
          },
        ]}
      />
    </div>
  );
}

interface ActionForm {
  comment?: string;
  attachments?: string[];
  transferTo?: string;
}

function ActionModal(props: {
  instance: Instance;
  action: AllowedAction;
  onClose: () => void;
  onDone: (next: Instance) => void;
  onStale: () => void;
}) {
  const { instance, action } = props;
  const { message } = App.useApp();
  const [form] = Form.useForm<ActionForm>();
  const [saving, setSaving] = useState(false);
  const [stale, setStale] = useState<string>();
  const [error, setError] = useState<string>();
  const [uploading, setUploading] = useState(false);

  async function submit(v: ActionForm) {
    setSaving(true);
    setError(undefined);
    const body: ActBody = {
      action: action.action,
      expectedVersion: instance.version,
      ...(v.comment?.trim() ? { comment: v.comment.trim() } : {}),
      ...(v.attachments?.length ? { attachments: v.attachments } : {}),
      ...(action.needsTransferTo && v.transferTo ? { transferTo: v.transferTo } : {}),
    };
    try {
      const next = await call(
        api.POST('/api/workflow/instances/{id}/actions', { params: { path: { id: instance.id } }, body }),
      );
      void message.success(`已${action.label}`);
      props.onDone(next);
    } catch (e) {
      if (isStaleError(e)) setStale(e.message);
      else if (!applyServerError(form, e)) setError(errorText(e));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open
      title={`${action.label} — ${instance.title}`}
      onCancel={props.onClose}
      width={600}
      destroyOnHidden
      mask={{ closable: false }}
      footer={
        stale ? (
          <Button type="primary" icon={<ReloadOutlined />} onClick={props.onStale} data-testid="wf-refresh">
            刷新
          </Button>
        ) : (
          <Space>
            <Button onClick={props.onClose}>取消</Button>
            <Button
              type="primary"
              danger={action.kind === 'terminate'}
              loading={saving}
              disabled={uploading}
              onClick={() => form.submit()}
              data-testid="wf-action-submit"
            >
              {uploading ? '附件上传中…' : `确定${action.label}`}
            </Button>
          </Space>
        )
      }
    >
      <div data-testid="wf-action-modal">
        {stale && (
          <Alert
            type="warning"
            showIcon
            icon={<ExclamationCircleOutlined />}
            title="已被他人办理，请刷新"
            description={stale}
            style={{ marginBottom: 16 }}
            data-testid="wf-conflict"
          />
        )}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Form<ActionForm> form={form} layout="vertical" onFinish={(v) => void submit(v)} disabled={!!stale}>
          {action.needsTransferTo && (
            <Form.Item
              name="transferTo"
              label="转办给"
              rules={[{ required: true, message: '请选择转办给谁' }]}
            >
              <TransferSelect instanceId={instance.id} data-testid="wf-transfer-to" />
            </Form.Item>
          )}
          <Form.Item
            name="comment"
            label="办理意见"
            rules={[
              ...(action.requiresComment
                ? [{ required: true, whitespace: true, message: `「${action.label}」需要填写办理意见` }]
                : []),
              { max: 2000, message: '办理意见不能超过 2000 字' },
            ]}
          >
            <Input.TextArea
              rows={4}
              showCount
              maxLength={2000}
              placeholder={action.requiresComment ? '请填写办理意见（必填）' : '可填写办理意见（选填）'}
              data-testid="wf-comment"
            />
          </Form.Item>
          <Form.Item
            name="attachments"
            label="附件"
            extra="PDF、图片、OFD、Word、Excel 等，单个文件大小以系统限制为准"
          >
            <FileUpload maxCount={50} onUploadingChange={setUploading} />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}
