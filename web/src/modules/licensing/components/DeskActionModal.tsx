import { ExclamationCircleOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { api, ApiError, call } from '../../../api/client';
import type { paths } from '../../../api/schema';
import { applyServerError, errorText, isStaleError } from '../../../components/errors';
import { TransferSelect } from '../../../components/TransferSelect';
import { FileUpload } from '../../../components/FileUpload';
import type { AppDetail } from './DeskShared';

export type Instance =
  paths['/api/workflow/instances/{id}']['get']['responses']['200']['content']['application/json'];
export type AllowedAction = Instance['allowedActions'][number];
type ActBody =
  paths['/api/workflow/instances/{id}/actions']['post']['requestBody']['content']['application/json'];
type TerminateBody =
  paths['/api/licensing/applications/{id}/terminate']['post']['requestBody']['content']['application/json'];

interface ActionForm {
  comment?: string;
  attachments?: string[];
  transferTo?: string;
  ground?: string;
}

/** Texts of the licensing actions; other actions the server offers get the generic wording. */
interface ActionText {
  commentLabel: string;
  commentExtra?: string;
  attachmentsLabel?: string;
  /** Shown at the top of the dialog. */
  notice?: string;
  /** Asked once more before the request is sent (irreversible decisions). */
  confirm?: string;
}

const TEXTS: Record<string, ActionText> = {
  testingDone: {
    commentLabel: '检验情况说明',
    attachmentsLabel: '检验报告',
    notice: '确认产品检验已完成，申请转入许可决定环节，审批时限恢复计时。',
  },
  approve: {
    commentLabel: '决定意见',
    notice:
      '准予许可后，系统将按编号规则赋予许可证编号并生成生产许可证（正本、副本），决定作出后不能撤回。' +
      '产品单元须已维护行业编号和产品编号。',
    confirm: '确认作出准予许可的决定？',
  },
  refuse: {
    commentLabel: '不予许可理由',
    commentExtra: '理由将写入不予许可决定，书面告知申请人（《办法》第二十四条）',
    notice: '不予许可的，应当书面说明理由。决定作出后不能撤回。',
    confirm: '确认作出不予许可的决定？',
  },
  transfer: {
    commentLabel: '转办说明',
    notice: '转办后，本环节只能由被转办人员办理。',
  },
  terminate: {
    commentLabel: '终止办理说明',
    notice: '终止办理后申请办结，不能恢复（《办法》第三十二条）。',
    confirm: '确认终止办理该申请？',
  },
};

/**
 * One action on an application's process: the server's actions through POST /api/workflow/instances/:id/actions
 * (comment required when the server says so, attachments, 转办 target), 终止办理 through
 * POST /api/licensing/applications/:id/terminate with its ground. Errors: the server's message as it is.
 */
export function DeskActionModal(props: {
  application: AppDetail;
  instance: Instance;
  action: AllowedAction;
  onClose: () => void;
  onDone: (action: AllowedAction) => void;
  onStale: () => void;
}) {
  const { application: app, instance, action } = props;
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<ActionForm>();
  const [saving, setSaving] = useState(false);
  const [uploading, setUploading] = useState(false);
  const [stale, setStale] = useState<string>();
  const [error, setError] = useState<ApiError | Error>();
  const isTerminate = action.action === 'terminate';
  const text: ActionText = TEXTS[action.action] ?? { commentLabel: '办理意见' };
  const commentRequired = isTerminate || action.requiresComment;

  const grounds = useQuery({
    queryKey: ['licensing', 'termination-grounds'],
    queryFn: () => call(api.GET('/api/licensing/termination-grounds')),
    enabled: isTerminate,
    staleTime: 300_000,
  });

  async function send(v: ActionForm) {
    setSaving(true);
    setError(undefined);
    const comment = v.comment?.trim();
    try {
      if (isTerminate) {
        const body: TerminateBody = {
          ground: v.ground!,
          comment: comment ?? '',
          expectedVersion: instance.version,
        };
        await call(
          api.POST('/api/licensing/applications/{id}/terminate', { params: { path: { id: app.id } }, body }),
        );
      } else {
        const body: ActBody = {
          action: action.action,
          expectedVersion: instance.version,
          ...(comment ? { comment } : {}),
          ...(v.attachments?.length ? { attachments: v.attachments } : {}),
          ...(action.needsTransferTo && v.transferTo ? { transferTo: v.transferTo } : {}),
        };
        await call(
          api.POST('/api/workflow/instances/{id}/actions', { params: { path: { id: instance.id } }, body }),
        );
      }
      void message.success(`已${action.label}：${app.applicationNo ?? ''} ${app.enterpriseName}`);
      props.onDone(action);
    } catch (e) {
      if (isStaleError(e)) setStale(e.message);
      else if (!applyServerError(form, e)) setError(e instanceof Error ? e : new Error(errorText(e)));
    } finally {
      setSaving(false);
    }
  }

  function submit(v: ActionForm) {
    if (!text.confirm) return void send(v);
    modal.confirm({
      title: text.confirm,
      icon: <ExclamationCircleOutlined />,
      content: `${app.applicationNo ?? ''} ${app.enterpriseName}（${app.productName}）`,
      okText: `确定${action.label}`,
      okButtonProps: { danger: action.action !== 'approve' },
      cancelText: '再想想',
      onOk: () => send(v),
    });
  }

  const danger = isTerminate || action.action === 'refuse';
  return (
    <Modal
      open
      title={`${action.label} — ${app.applicationNo ?? ''} ${app.enterpriseName}`}
      onCancel={props.onClose}
      width={620}
      destroyOnHidden
      mask={{ closable: false }}
      footer={
        stale ? (
          <Button type="primary" icon={<ReloadOutlined />} onClick={props.onStale}>
            刷新
          </Button>
        ) : (
          <Space>
            <Button onClick={props.onClose}>取消</Button>
            <Button
              type="primary"
              danger={danger}
              loading={saving}
              disabled={uploading}
              onClick={() => form.submit()}
              data-testid="desk-action-submit"
            >
              {uploading ? '附件上传中…' : `确定${action.label}`}
            </Button>
          </Space>
        )
      }
    >
      <div data-testid="desk-action-modal">
        {stale ? (
          <Alert
            type="warning"
            showIcon
            title="该申请已被他人办理，请刷新后查看最新状态"
            description={stale}
            style={{ marginBottom: 16 }}
          />
        ) : text.notice ? (
          <Alert
            type={danger ? 'warning' : 'info'}
            showIcon
            title={text.notice}
            style={{ marginBottom: 16 }}
          />
        ) : null}
        {error && (
          <Alert
            type="error"
            showIcon
            title={error.message}
            description={
              error instanceof ApiError && error.requestId ? (
                <Typography.Text type="secondary">请求编号 {error.requestId}</Typography.Text>
              ) : undefined
            }
            style={{ marginBottom: 16 }}
            data-testid="desk-action-error"
          />
        )}
        <Form<ActionForm> form={form} layout="vertical" onFinish={submit} disabled={!!stale}>
          {isTerminate && (
            <Form.Item name="ground" label="终止情形" rules={[{ required: true, message: '请选择终止情形' }]}>
              <Select
                loading={grounds.isLoading}
                placeholder="请选择《办法》第三十二条规定的情形"
                options={(grounds.data?.items ?? []).map((g) => ({
                  value: g.code,
                  label: `${g.label}（${g.article}）`,
                }))}
                notFoundContent={
                  grounds.error ? (
                    <Typography.Text type="danger">{errorText(grounds.error)}</Typography.Text>
                  ) : undefined
                }
                data-testid="desk-terminate-ground"
              />
            </Form.Item>
          )}
          {action.needsTransferTo && (
            <Form.Item
              name="transferTo"
              label="转办给"
              rules={[{ required: true, message: '请选择转办给谁' }]}
            >
              <TransferSelect instanceId={instance.id} />
            </Form.Item>
          )}
          <Form.Item
            name="comment"
            label={text.commentLabel}
            extra={text.commentExtra}
            rules={[
              ...(commentRequired
                ? [{ required: true, whitespace: true, message: `请填写${text.commentLabel}` }]
                : []),
              { max: 2000, message: `${text.commentLabel}不能超过 2000 字` },
            ]}
          >
            <Input.TextArea
              rows={4}
              showCount
              maxLength={2000}
              placeholder={commentRequired ? `请填写${text.commentLabel}（必填）` : '选填'}
              data-testid="desk-action-comment"
            />
          </Form.Item>
          {!isTerminate && (
            <Form.Item
              name="attachments"
              label={text.attachmentsLabel ?? '附件'}
              extra="PDF、图片、OFD、Word、Excel 等，单个文件大小以系统限制为准"
            >
              <FileUpload maxCount={20} onUploadingChange={setUploading} />
            </Form.Item>
          )}
        </Form>
      </div>
    </Modal>
  );
}
