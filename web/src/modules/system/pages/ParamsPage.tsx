import { LockOutlined } from '@ant-design/icons';
import { App, Form, Input, InputNumber, Modal, Switch, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api, call, qs } from '../../../api/client';
import type { paths } from '../../../api/schema';
import { useAuth } from '../../../app/auth';
import { useErrorHandler } from '../../../components/errors';
import {
  KeywordInput,
  ServerTable,
  useReloadTable,
  type ServerColumn,
} from '../../../components/ServerTable';

type Param =
  paths['/api/system/params']['get']['responses']['200']['content']['application/json']['items'][number];
type UpdateParam = paths['/api/system/params/{key}']['put']['requestBody']['content']['application/json'];

const TABLE_ID = 'system.params';
const TYPE_LABEL: Record<Param['valueType'], string> = { string: '字符串', int: '整数', bool: '布尔' };

/** A value as its type reads: booleans as 是/否. */
function showValue(p: Param) {
  if (p.valueType === 'bool')
    return p.value === 'true' ? <Tag color="green">是</Tag> : p.value === 'false' ? <Tag>否</Tag> : p.value;
  if (p.valueType === 'int') return <Typography.Text code>{p.value}</Typography.Text>;
  return p.value === '' ? <Typography.Text type="secondary">（空）</Typography.Text> : p.value;
}

/** 系统参数: typed values edited one at a time; parameters from the environment are shown read-only. */
export function ParamsPage() {
  const { hasPerm } = useAuth();
  const canWrite = hasPerm('param:write');
  const [editing, setEditing] = useState<Param>();
  const reload = useReloadTable();

  const columns: ServerColumn<Param>[] = [
    {
      key: 'name',
      title: '参数名称',
      dataIndex: 'name',
      sortField: 'name',
      render: (v: string, r) =>
        r.editable ? (
          v
        ) : (
          <Tooltip title="来自环境变量，只读">
            <span>
              <LockOutlined style={{ color: '#999', marginRight: 4 }} />
              {v}
            </span>
          </Tooltip>
        ),
    },
    {
      key: 'key',
      title: '参数键',
      dataIndex: 'key',
      sortField: 'key',
      render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
    },
    { key: 'value', title: '参数值', dataIndex: 'value', render: (_: string, r) => showValue(r) },
    {
      key: 'valueType',
      title: '值类型',
      dataIndex: 'valueType',
      render: (v: Param['valueType']) => TYPE_LABEL[v],
    },
    {
      key: 'editable',
      title: '可修改',
      dataIndex: 'editable',
      render: (v: boolean) => (v ? <Tag color="blue">可修改</Tag> : <Tag>只读</Tag>),
    },
    {
      key: 'remark',
      title: '说明',
      dataIndex: 'remark',
      width: 360,
      render: (v: string | null, r) => (
        <Typography.Text type={r.editable ? undefined : 'secondary'} style={{ whiteSpace: 'normal' }}>
          {v ?? ''}
        </Typography.Text>
      ),
    },
    {
      key: 'updatedAt',
      title: '更新时间',
      dataIndex: 'updatedAt',
      sortField: 'updatedAt',
      render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm'),
    },
    { key: 'updatedBy', title: '更新人', dataIndex: 'updatedBy', render: (v: string | null) => v ?? '—' },
    ...(canWrite
      ? [
          {
            key: 'ops',
            title: '操作',
            fixed: 'right' as const,
            render: (_: unknown, r: Param) =>
              r.editable ? (
                <Typography.Link onClick={() => setEditing(r)} data-testid={`param-edit-${r.key}`}>
                  修改
                </Typography.Link>
              ) : (
                <Tooltip title={r.remark ?? '该参数来自环境变量，只读展示'}>
                  <Typography.Text type="secondary" style={{ cursor: 'not-allowed' }}>
                    只读
                  </Typography.Text>
                </Tooltip>
              ),
          },
        ]
      : []),
  ];

  return (
    <div data-testid="params-page" style={{ background: '#fff', padding: 16 }}>
      <ServerTable<Param>
        id={TABLE_ID}
        rowKey="key"
        columns={columns}
        defaultSort="key"
        fetchPage={(q) => call(api.GET('/api/system/params', { params: { query: q as never } }))}
        exportUrl={(q) => `/api/system/params${qs({ ...(q as Record<string, string>), format: 'xlsx' })}`}
        exportName="系统参数"
        filters={[{ name: 'keyword', label: '关键字', node: <KeywordInput placeholder="参数键或名称" /> }]}
      />
      {editing && (
        <ParamModal
          param={editing}
          onClose={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            void reload(TABLE_ID);
          }}
        />
      )}
    </div>
  );
}

interface FormValues {
  value: string | number | boolean | null;
}

function ParamModal(props: { param: Param; onClose: () => void; onSaved: () => void }) {
  const { param } = props;
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const { message } = App.useApp();
  const onError = useErrorHandler();

  const initial: FormValues['value'] =
    param.valueType === 'bool'
      ? param.value === 'true'
      : param.valueType === 'int'
        ? Number(param.value)
        : param.value;

  async function save(v: FormValues) {
    const body: UpdateParam = { value: v.value === null || v.value === undefined ? '' : String(v.value) };
    setSaving(true);
    try {
      await call(api.PUT('/api/system/params/{key}', { params: { path: { key: param.key } }, body }));
      void message.success(`参数“${param.name}”已保存`);
      props.onSaved();
    } catch (e) {
      onError(e, form);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open
      title={`修改参数 — ${param.name}`}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okText="保存"
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={{ value: initial }}
        onFinish={(v) => void save(v)}
      >
        <Form.Item label="参数键">
          <Typography.Text code>{param.key}</Typography.Text>（{TYPE_LABEL[param.valueType]}）
        </Form.Item>
        {param.valueType === 'bool' ? (
          <Form.Item name="value" label="参数值" valuePropName="checked">
            <Switch checkedChildren="是" unCheckedChildren="否" data-testid="param-value" />
          </Form.Item>
        ) : param.valueType === 'int' ? (
          <Form.Item name="value" label="参数值" rules={[{ required: true, message: '请填写整数' }]}>
            <InputNumber
              precision={0}
              min={-2147483648}
              max={2147483647}
              style={{ width: 200 }}
              data-testid="param-value"
            />
          </Form.Item>
        ) : (
          <Form.Item
            name="value"
            label="参数值"
            rules={[{ max: 500, message: '参数值长度不能超过 500 个字符' }]}
          >
            <Input.TextArea
              autoSize={{ minRows: 1, maxRows: 6 }}
              maxLength={500}
              showCount
              data-testid="param-value"
            />
          </Form.Item>
        )}
        {param.remark && <Typography.Paragraph type="secondary">{param.remark}</Typography.Paragraph>}
      </Form>
    </Modal>
  );
}
