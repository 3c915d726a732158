import { PlusOutlined } from '@ant-design/icons';
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
  Popconfirm,
  Row,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { TableColumnType } from 'antd';
import { useState } from 'react';
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

type DictType =
  paths['/api/system/dicts']['get']['responses']['200']['content']['application/json']['items'][number];
type DictItem =
  paths['/api/system/dicts/{code}/items']['get']['responses']['200']['content']['application/json']['items'][number];
type CreateType = paths['/api/system/dicts']['post']['requestBody']['content']['application/json'];
type UpdateType = paths['/api/system/dicts/{code}']['put']['requestBody']['content']['application/json'];
type CreateItem =
  paths['/api/system/dicts/{code}/items']['post']['requestBody']['content']['application/json'];
type UpdateItem =
  paths['/api/system/dicts/{code}/items/{id}']['put']['requestBody']['content']['application/json'];
type Status = DictType['status'];

const TABLE_ID = 'system.dicts';
const BUILTIN_NO_DELETE = '内置字典及其字典项不能删除，可改为停用';
const STATUS_OPTIONS = [
  { value: 'active', label: '正常' },
  { value: 'disabled', label: '停用' },
];
/** antd preset colours offered for dictionary tags (the server also takes #RRGGBB). */
const TAG_COLORS = [
  'default',
  'blue',
  'green',
  'red',
  'orange',
  'gold',
  'volcano',
  'cyan',
  'geekblue',
  'purple',
  'magenta',
  'lime',
];
const TAG_COLOR_RE = /^(#[0-9a-fA-F]{6}|[a-z-]{2,20})$/;

const statusTag = (s: Status) =>
  s === 'active' ? <Tag color="green">正常</Tag> : <Tag color="red">停用</Tag>;
const itemsKey = (code: string) => ['system', 'dicts', code, 'items'] as const;

/** 数据字典: dictionary types on the left, the selected type's items (edited in place) on the right. */
export function DictsPage() {
  const { hasPerm } = useAuth();
  const canWrite = hasPerm('dict:write');
  const { message, modal } = App.useApp();
  const onError = useErrorHandler();
  const reload = useReloadTable();
  const qc = useQueryClient();
  const [selected, setSelected] = useState<DictType>();
  const [editing, setEditing] = useState<DictType | 'new'>();

  async function toggleType(t: DictType) {
    const next: Status = t.status === 'active' ? 'disabled' : 'active';
    try {
      const body: UpdateType = { status: next };
      const r = await call(api.PUT('/api/system/dicts/{code}', { params: { path: { code: t.code } }, body }));
      void message.success(next === 'active' ? `已启用字典“${t.name}”` : `已停用字典“${t.name}”`);
      if (selected?.code === t.code) setSelected(r);
      void reload(TABLE_ID);
    } catch (e) {
      onError(e);
    }
  }

  async function deleteType(t: DictType) {
    try {
      await call(api.DELETE('/api/system/dicts/{code}', { params: { path: { code: t.code } } }));
      void message.success(`已删除字典“${t.name}”`);
      if (selected?.code === t.code) setSelected(undefined);
      void reload(TABLE_ID);
    } catch (e) {
      onError(e);
    }
  }

  const columns: ServerColumn<DictType>[] = [
    {
      key: 'code',
      title: '字典编码',
      dataIndex: 'code',
      sortField: 'code',
      render: (v: string, r) => (
        <Typography.Link
          strong={selected?.code === v}
          onClick={() => setSelected(r)}
          data-testid={`dict-type-${v}`}
        >
          {v}
        </Typography.Link>
      ),
    },
    {
      key: 'name',
      title: '字典名称',
      dataIndex: 'name',
      sortField: 'name',
      render: (v: string, r) => (r.remark ? <Tooltip title={r.remark}>{v}</Tooltip> : v),
    },
    { key: 'itemCount', title: '项数', dataIndex: 'itemCount', align: 'right' },
    {
      key: 'builtin',
      title: '内置',
      dataIndex: 'builtin',
      render: (v: boolean) => (v ? <Tag color="purple">内置</Tag> : <Tag>自定义</Tag>),
    },
    { key: 'status', title: '状态', dataIndex: 'status', render: statusTag },
    { key: 'sort', title: '排序', dataIndex: 'sort', sortField: 'sort', align: 'right' },
    {
      key: 'ops',
      title: '操作',
      fixed: 'right',
      render: (_: unknown, r) => (
        <Space size={4}>
          <Typography.Link onClick={() => setSelected(r)}>字典项</Typography.Link>
          {canWrite && (
            <>
              <Typography.Link onClick={() => setEditing(r)}>编辑</Typography.Link>
              {r.status === 'active' ? (
                <Typography.Link
                  type="danger"
                  onClick={() =>
                    modal.confirm({
                      title: `停用字典“${r.name}”？`,
                      content: '停用后表单中不再出现该字典的选项，已有数据不受影响。',
                      okText: '停用',
                      okButtonProps: { danger: true },
                      onOk: () => toggleType(r),
                    })
                  }
                >
                  停用
                </Typography.Link>
              ) : (
                <Typography.Link onClick={() => void toggleType(r)}>启用</Typography.Link>
              )}
              {r.builtin ? (
                <Tooltip title={BUILTIN_NO_DELETE}>
                  <Typography.Text type="secondary" style={{ cursor: 'not-allowed' }}>
                    删除
                  </Typography.Text>
                </Tooltip>
              ) : (
                <Popconfirm
                  title={`删除字典“${r.name}”？`}
                  description="字典及其全部字典项将被删除，不可恢复。"
                  okText="删除"
                  okButtonProps={{ danger: true }}
                  onConfirm={() => deleteType(r)}
                >
                  <Typography.Link type="danger">删除</Typography.Link>
                </Popconfirm>
              )}
            </>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Row gutter={[16, 16]} data-testid="dicts-page">
      <Col xs={24} xxl={11}>
        <Card title="字典类型" size="small">
          <ServerTable<DictType>
            id={TABLE_ID}
            rowKey="code"
            columns={columns}
            defaultSort="sort"
            fetchPage={(q) => call(api.GET('/api/system/dicts', { params: { query: q as never } }))}
            exportUrl={(q) => `/api/system/dicts${qs({ ...(q as Record<string, string>), format: 'xlsx' })}`}
            exportName="数据字典"
            filters={[
              { name: 'keyword', label: '关键字', node: <KeywordInput placeholder="编码或名称" /> },
              {
                name: 'status',
                label: '状态',
                node: (
                  <Select allowClear style={{ width: 100 }} options={STATUS_OPTIONS} placeholder="全部" />
                ),
              },
            ]}
            toolbar={
              canWrite && (
                <Button
                  type="primary"
                  icon={<PlusOutlined />}
                  onClick={() => setEditing('new')}
                  data-testid="dict-type-new"
                >
                  新增字典
                </Button>
              )
            }
          />
        </Card>
      </Col>
      <Col xs={24} xxl={13}>
        <DictItemsCard
          type={selected}
          canWrite={canWrite}
          onChanged={() => {
            void reload(TABLE_ID);
          }}
        />
      </Col>
      {editing && (
        <TypeModal
          type={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(undefined)}
          onSaved={(t) => {
            setEditing(undefined);
            void reload(TABLE_ID);
            if (selected?.code === t.code || editing === 'new') setSelected(t);
            void qc.invalidateQueries({ queryKey: itemsKey(t.code) });
          }}
        />
      )}
    </Row>
  );
}

function TypeModal(props: { type?: DictType; onClose: () => void; onSaved: (t: DictType) => void }) {
  const { type } = props;
  const [form] = Form.useForm<CreateType>();
  const [saving, setSaving] = useState(false);
  const { message } = App.useApp();
  const onError = useErrorHandler();

  async function save(v: CreateType) {
    setSaving(true);
    try {
      const remark = v.remark?.trim() ? v.remark.trim() : null;
      let r: DictType;
      if (type) {
        const body: UpdateType = { name: v.name, status: v.status, sort: v.sort, remark };
        r = await call(api.PUT('/api/system/dicts/{code}', { params: { path: { code: type.code } }, body }));
      } else {
        const body: CreateType = { code: v.code, name: v.name, status: v.status, sort: v.sort, remark };
        r = await call(api.POST('/api/system/dicts', { body }));
      }
      void message.success(type ? '字典已保存' : '字典已新增');
      props.onSaved(r);
    } catch (e) {
      onError(e, form);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open
      title={type ? `编辑字典 — ${type.name}` : '新增字典'}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okText="保存"
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form<CreateType>
        form={form}
        layout="vertical"
        onFinish={(v) => void save(v)}
        initialValues={
          type
            ? { code: type.code, name: type.name, status: type.status, sort: type.sort, remark: type.remark }
            : { status: 'active', sort: 100 }
        }
        data-testid="dict-type-form"
      >
        <Form.Item
          name="code"
          label="字典编码"
          extra={
            type ? '字典编码创建后不能修改' : '小写字母开头，可含小写字母、数字、下划线，如 sys_notice_type'
          }
          rules={[
            { required: true, message: '请填写字典编码' },
            {
              pattern: /^[a-z][a-z0-9_]{1,63}$/,
              message: '小写字母开头，仅含小写字母、数字、下划线（2–64 位）',
            },
          ]}
        >
          <Input disabled={!!type} maxLength={64} />
        </Form.Item>
        <Form.Item
          name="name"
          label="字典名称"
          rules={[{ required: true, whitespace: true, message: '请填写字典名称' }]}
        >
          <Input maxLength={64} />
        </Form.Item>
        <Space size={24}>
          <Form.Item name="sort" label="排序" rules={[{ required: true, message: '请填写排序' }]}>
            <InputNumber min={0} max={100000} precision={0} style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="status" label="状态">
            <Select style={{ width: 120 }} options={STATUS_OPTIONS} />
          </Form.Item>
        </Space>
        <Form.Item name="remark" label="备注">
          <Input.TextArea rows={2} maxLength={200} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** A row of the items editor: saved items, or the new one (id ''). */
interface ItemDraft {
  value: string;
  label: string;
  sort: number;
  status: Status;
  tagColor?: string | null;
  remark?: string | null;
}

const NEW_ID = '__new__';

function DictItemsCard(props: { type?: DictType; canWrite: boolean; onChanged: () => void }) {
  const { type, canWrite } = props;
  const qc = useQueryClient();
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const [form] = Form.useForm<ItemDraft>();
  const [editingId, setEditingId] = useState<string>();
  const [saving, setSaving] = useState(false);
  const q = useQuery({
    queryKey: itemsKey(type?.code ?? ''),
    queryFn: () =>
      call(
        api.GET('/api/system/dicts/{code}/items', {
          params: { path: { code: type!.code }, query: { includeDisabled: true } },
        }),
      ),
    enabled: !!type,
  });

  const [lastType, setLastType] = useState(type?.code);
  if (lastType !== type?.code) {
    setLastType(type?.code);
    setEditingId(undefined);
  }

  if (!type)
    return (
      <Card title="字典项" size="small">
        <Typography.Text type="secondary">请在左侧选择一个字典类型，查看和维护其字典项。</Typography.Text>
      </Card>
    );

  const items = q.data?.items ?? [];
  const rows: Array<DictItem | (ItemDraft & { id: string })> =
    editingId === NEW_ID
      ? [
          { id: NEW_ID, value: '', label: '', sort: nextSort(items), status: 'active', tagColor: null },
          ...items,
        ]
      : items;

  function startEdit(r: DictItem | (ItemDraft & { id: string })) {
    form.resetFields();
    form.setFieldsValue({
      value: r.value,
      label: r.label,
      sort: r.sort,
      status: r.status,
      tagColor: r.tagColor ?? null,
      remark: r.remark ?? null,
    });
    setEditingId(r.id);
  }

  function startNew() {
    form.resetFields();
    form.setFieldsValue({
      value: '',
      label: '',
      sort: nextSort(items),
      status: 'active',
      tagColor: null,
      remark: null,
    });
    setEditingId(NEW_ID);
  }

  async function save() {
    let v: ItemDraft;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    const code = type!.code;
    const tagColor = v.tagColor?.trim() ? v.tagColor.trim() : null;
    const remark = v.remark?.trim() ? v.remark.trim() : null;
    try {
      if (editingId === NEW_ID) {
        const body: CreateItem = {
          value: v.value.trim(),
          label: v.label.trim(),
          sort: v.sort,
          status: v.status,
          tagColor,
          remark,
        };
        await call(api.POST('/api/system/dicts/{code}/items', { params: { path: { code } }, body }));
        void message.success('字典项已新增');
      } else if (editingId) {
        const body: UpdateItem = { label: v.label.trim(), sort: v.sort, status: v.status, tagColor, remark };
        const old = items.find((i) => i.id === editingId);
        if (old && v.value.trim() !== old.value) body.value = v.value.trim();
        await call(
          api.PUT('/api/system/dicts/{code}/items/{id}', { params: { path: { code, id: editingId } }, body }),
        );
        void message.success('字典项已保存');
      }
      setEditingId(undefined);
      await qc.invalidateQueries({ queryKey: itemsKey(code) });
      props.onChanged();
    } catch (e) {
      onError(e, form);
    } finally {
      setSaving(false);
    }
  }

  async function toggle(i: DictItem) {
    try {
      const body: UpdateItem = { status: i.status === 'active' ? 'disabled' : 'active' };
      await call(
        api.PUT('/api/system/dicts/{code}/items/{id}', {
          params: { path: { code: type!.code, id: i.id } },
          body,
        }),
      );
      void message.success(body.status === 'active' ? `已启用“${i.label}”` : `已停用“${i.label}”`);
      await qc.invalidateQueries({ queryKey: itemsKey(type!.code) });
    } catch (e) {
      onError(e);
    }
  }

  async function remove(i: DictItem) {
    try {
      await call(
        api.DELETE('/api/system/dicts/{code}/items/{id}', {
          params: { path: { code: type!.code, id: i.id } },
        }),
      );
      void message.success(`已删除“${i.label}”`);
      await qc.invalidateQueries({ queryKey: itemsKey(type!.code) });
      props.onChanged();
    } catch (e) {
      onError(e);
    }
  }

  type Row = DictItem | (ItemDraft & { id: string });
  const isEditing = (r: Row) => r.id === editingId;
  const columns: TableColumnType<Row>[] = [
    {
      key: 'value',
      title: '字典值',
      dataIndex: 'value',
      render: (v: string, r) =>
        isEditing(r) ? (
          <Tooltip
            title={type.builtin && r.id !== NEW_ID ? '内置字典的字典值被程序引用，不能修改' : undefined}
          >
            <Form.Item
              name="value"
              noStyle={false}
              style={{ margin: 0 }}
              rules={[{ required: true, whitespace: true, message: '请填写字典值' }]}
            >
              <Input
                size="small"
                maxLength={64}
                disabled={type.builtin && r.id !== NEW_ID}
                style={{ width: 110 }}
                data-testid="dict-item-value"
              />
            </Form.Item>
          </Tooltip>
        ) : (
          <Typography.Text code>{v}</Typography.Text>
        ),
    },
    {
      key: 'label',
      title: '标签',
      dataIndex: 'label',
      render: (v: string, r) =>
        isEditing(r) ? (
          <Form.Item
            name="label"
            style={{ margin: 0 }}
            rules={[{ required: true, whitespace: true, message: '请填写标签' }]}
          >
            <Input size="small" maxLength={64} style={{ width: 110 }} data-testid="dict-item-label" />
          </Form.Item>
        ) : (
          v
        ),
    },
    {
      key: 'sort',
      title: '排序',
      dataIndex: 'sort',
      align: 'right',
      render: (v: number, r) =>
        isEditing(r) ? (
          <Form.Item name="sort" style={{ margin: 0 }} rules={[{ required: true, message: '请填写排序' }]}>
            <InputNumber size="small" min={0} max={100000} precision={0} style={{ width: 80 }} />
          </Form.Item>
        ) : (
          v
        ),
    },
    {
      key: 'status',
      title: '状态',
      dataIndex: 'status',
      render: (v: Status, r) =>
        isEditing(r) ? (
          <Form.Item
            name="status"
            style={{ margin: 0 }}
            getValueProps={(s: Status) => ({ checked: s === 'active' })}
            getValueFromEvent={(checked: boolean) => (checked ? 'active' : 'disabled')}
          >
            <Switch size="small" checkedChildren="正常" unCheckedChildren="停用" />
          </Form.Item>
        ) : (
          statusTag(v)
        ),
    },
    {
      key: 'tagColor',
      title: '标签颜色',
      dataIndex: 'tagColor',
      render: (v: string | null, r) =>
        isEditing(r) ? (
          <Form.Item
            name="tagColor"
            style={{ margin: 0 }}
            rules={[{ pattern: TAG_COLOR_RE, message: '颜色名（如 blue）或 #RRGGBB' }]}
          >
            <TagColorSelect />
          </Form.Item>
        ) : v ? (
          <Tag color={v === 'default' ? undefined : v}>{r.label}</Tag>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    {
      key: 'remark',
      title: '备注',
      dataIndex: 'remark',
      render: (v: string | null, r) =>
        isEditing(r) ? (
          <Form.Item name="remark" style={{ margin: 0 }}>
            <Input size="small" maxLength={200} style={{ width: 120 }} />
          </Form.Item>
        ) : (
          (v ?? '')
        ),
    },
    ...(canWrite
      ? [
          {
            key: 'ops',
            title: '操作',
            render: (_: unknown, r: Row) =>
              isEditing(r) ? (
                <Space size={4}>
                  <Button
                    type="link"
                    size="small"
                    loading={saving}
                    onClick={() => void save()}
                    data-testid="dict-item-save"
                  >
                    保存
                  </Button>
                  <Button type="link" size="small" onClick={() => setEditingId(undefined)}>
                    取消
                  </Button>
                </Space>
              ) : (
                <Space size={4}>
                  <Typography.Link disabled={!!editingId} onClick={() => startEdit(r)}>
                    编辑
                  </Typography.Link>
                  <Typography.Link
                    disabled={!!editingId}
                    type={r.status === 'active' ? 'danger' : undefined}
                    onClick={() => void toggle(r as DictItem)}
                  >
                    {r.status === 'active' ? '停用' : '启用'}
                  </Typography.Link>
                  {type.builtin ? (
                    <Tooltip title={BUILTIN_NO_DELETE}>
                      <Typography.Text type="secondary" style={{ cursor: 'not-allowed' }}>
                        删除
                      </Typography.Text>
                    </Tooltip>
                  ) : (
                    <Popconfirm
                      title={`删除字典项“${r.label}”？`}
                      description="已使用该值的数据将无法显示其标签。"
                      okText="删除"
                      okButtonProps={{ danger: true }}
                      onConfirm={() => remove(r as DictItem)}
                      disabled={!!editingId}
                    >
                      <Typography.Link type="danger" disabled={!!editingId}>
                        删除
                      </Typography.Link>
                    </Popconfirm>
                  )}
                </Space>
              ),
          },
        ]
      : []),
  ];

  return (
    <Card
      size="small"
      title={
        <Space>
          <span>字典项</span>
          <Typography.Text type="secondary">
            {type.name}（{type.code}）
          </Typography.Text>
          {type.builtin && <Tag color="purple">内置</Tag>}
          {type.status === 'disabled' && <Tag color="red">字典已停用</Tag>}
        </Space>
      }
      extra={
        canWrite && (
          <Button
            size="small"
            type="primary"
            icon={<PlusOutlined />}
            disabled={!!editingId}
            onClick={startNew}
            data-testid="dict-item-new"
          >
            新增字典项
          </Button>
        )
      }
      data-testid="dict-items"
    >
      {type.builtin && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
          内置字典：可修改标签、排序、颜色，可停用；字典值被程序引用，不能修改或删除。
        </Typography.Paragraph>
      )}
      {q.error && <Typography.Text type="danger">{errorText(q.error)}</Typography.Text>}
      <Form form={form} component={false}>
        <Table<Row>
          rowKey="id"
          size="small"
          loading={q.isFetching}
          columns={columns}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: '暂无字典项' }}
          onRow={(r) => ({ style: r.status === 'disabled' && !isEditing(r) ? { color: '#999' } : undefined })}
        />
      </Form>
    </Card>
  );
}

function nextSort(items: DictItem[]): number {
  return items.length ? Math.max(...items.map((i) => i.sort)) + 1 : 1;
}

/** Preset colour names with a preview, or a typed #RRGGBB. */
function TagColorSelect(props: { value?: string | null; onChange?: (v: string | null) => void }) {
  const [search, setSearch] = useState('');
  const custom = /^#[0-9a-fA-F]{6}$/.test(search) && !TAG_COLORS.includes(search) ? [search] : [];
  const current = props.value && !TAG_COLORS.includes(props.value) ? [props.value] : [];
  const options = [...new Set([...custom, ...current, ...TAG_COLORS])].map((c) => ({
    value: c,
    label: <Tag color={c === 'default' ? undefined : c}>{c}</Tag>,
  }));
  return (
    <Select
      size="small"
      allowClear
      placeholder="无"
      style={{ width: 130 }}
      value={props.value ?? undefined}
      onChange={(v?: string) => props.onChange?.(v ?? null)}
      showSearch={{
        onSearch: setSearch,
        filterOption: (input, o) => String(o?.value ?? '').includes(input.toLowerCase()),
      }}
      options={options}
    />
  );
}
