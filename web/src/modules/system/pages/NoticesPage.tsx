import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Descriptions,
  Drawer,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Spin,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState, type ReactNode } from 'react';
import { api, call, qs } from '../../../api/client';
import type { paths } from '../../../api/schema';
import { errorText, useErrorHandler } from '../../../components/errors';
import { RegionPicker } from '../../../components/RegionPicker';
import {
  KeywordInput,
  ServerTable,
  useReloadTable,
  type ServerColumn,
} from '../../../components/ServerTable';

type Notice =
  paths['/api/system/notices']['get']['responses']['200']['content']['application/json']['items'][number];
type NoticeDetail =
  paths['/api/system/notices/{id}']['get']['responses']['200']['content']['application/json'];
type CreateNotice = paths['/api/system/notices']['post']['requestBody']['content']['application/json'];
type UpdateNotice = paths['/api/system/notices/{id}']['put']['requestBody']['content']['application/json'];
type Status = Notice['status'];

const TABLE_ID = 'system.notices';
const STATUS: Record<Status, { label: string; color: string }> = {
  draft: { label: '草稿', color: 'default' },
  published: { label: '已发布', color: 'green' },
  withdrawn: { label: '已撤回', color: 'orange' },
};
const time = (v: string | null | undefined) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '—');

/** The notice types of the dictionary sys_notice_type (label and tag colour by value). */
function useNoticeTypes() {
  const q = useQuery({
    queryKey: ['dict', 'sys_notice_type'],
    queryFn: () =>
      call(api.GET('/api/system/dicts/{code}/items', { params: { path: { code: 'sys_notice_type' } } })),
    staleTime: 5 * 60_000,
  });
  const items = q.data?.items ?? [];
  const byValue = new Map(items.map((i) => [i.value, i]));
  return {
    options: items.map((i) => ({ value: i.value, label: i.label })),
    tag: (v: string) => {
      const i = byValue.get(v);
      return (
        <Tag color={i?.tagColor && i.tagColor !== 'default' ? i.tagColor : undefined}>{i?.label ?? v}</Tag>
      );
    },
  };
}

/** 通知公告 (administration): drafts, publishing, withdrawal, read counts. */
export function NoticesPage() {
  const { message, modal } = App.useApp();
  const onError = useErrorHandler();
  const reload = useReloadTable();
  const types = useNoticeTypes();
  const [editing, setEditing] = useState<string | 'new'>();
  const [viewing, setViewing] = useState<string>();
  const qc = useQueryClient();
  const changed = () => {
    void reload(TABLE_ID);
    void qc.invalidateQueries({ queryKey: ['system', 'notices'] });
    // The bell and the home page show the reader's side.
    void qc.invalidateQueries({ queryKey: ['notices'] });
  };

  async function run(n: Notice, what: 'publish' | 'withdraw' | 'delete') {
    try {
      if (what === 'publish')
        await call(api.POST('/api/system/notices/{id}/publish', { params: { path: { id: n.id } } }));
      else if (what === 'withdraw')
        await call(api.POST('/api/system/notices/{id}/withdraw', { params: { path: { id: n.id } } }));
      else await call(api.DELETE('/api/system/notices/{id}', { params: { path: { id: n.id } } }));
      void message.success({ publish: '公告已发布', withdraw: '公告已撤回', delete: '公告已删除' }[what]);
      changed();
    } catch (e) {
      onError(e);
    }
  }

  const confirmPublish = (n: Notice) =>
    modal.confirm({
      title: `发布公告“${n.title}”？`,
      content: `发布后${n.regionName ? `「${n.regionName}」范围内` : '全省'}的用户都能看到此公告。`,
      okText: '发布',
      onOk: () => run(n, 'publish'),
    });
  const confirmWithdraw = (n: Notice) =>
    modal.confirm({
      title: `撤回公告“${n.title}”？`,
      content: '撤回后用户将看不到此公告；撤回的公告可修改后重新发布。',
      okText: '撤回',
      okButtonProps: { danger: true },
      onOk: () => run(n, 'withdraw'),
    });
  const confirmDelete = (n: Notice) =>
    modal.confirm({
      title: `删除草稿“${n.title}”？`,
      content: '删除后不可恢复。',
      okText: '删除',
      okButtonProps: { danger: true },
      onOk: () => run(n, 'delete'),
    });

  const columns: ServerColumn<Notice>[] = [
    {
      key: 'title',
      title: '标题',
      dataIndex: 'title',
      sortField: 'title',
      render: (v: string, r) => <Typography.Link onClick={() => setViewing(r.id)}>{v}</Typography.Link>,
    },
    { key: 'type', title: '类型', dataIndex: 'type', render: (v: string) => types.tag(v) },
    {
      key: 'status',
      title: '状态',
      dataIndex: 'status',
      sortField: 'status',
      render: (v: Status) => <Tag color={STATUS[v].color}>{STATUS[v].label}</Tag>,
    },
    { key: 'region', title: '发布范围', dataIndex: 'regionName', render: (v: string | null) => v ?? '全省' },
    {
      key: 'publishedAt',
      title: '发布时间',
      dataIndex: 'publishedAt',
      sortField: 'publishedAt',
      render: time,
    },
    { key: 'publishedBy', title: '发布人', dataIndex: 'publishedBy', render: (v: string | null) => v ?? '—' },
    {
      key: 'readCount',
      title: '已读人数',
      dataIndex: 'readCount',
      align: 'right',
      render: (v: number, r) => (r.status === 'draft' ? '—' : v),
    },
    { key: 'createdBy', title: '创建人', dataIndex: 'createdBy', render: (v: string | null) => v ?? '—' },
    { key: 'createdAt', title: '创建时间', dataIndex: 'createdAt', sortField: 'createdAt', render: time },
    {
      key: 'ops',
      title: '操作',
      fixed: 'right',
      render: (_: unknown, r) => (
        <Space size={4} data-testid={`notice-ops-${r.id}`}>
          <Typography.Link onClick={() => setViewing(r.id)}>查看</Typography.Link>
          {r.status !== 'published' && (
            <Typography.Link onClick={() => setEditing(r.id)}>编辑</Typography.Link>
          )}
          {r.status !== 'published' && (
            <Typography.Link onClick={() => confirmPublish(r)}>发布</Typography.Link>
          )}
          {r.status === 'published' && (
            <Typography.Link type="danger" onClick={() => confirmWithdraw(r)}>
              撤回
            </Typography.Link>
          )}
          {r.status === 'draft' && (
            <Typography.Link type="danger" onClick={() => confirmDelete(r)}>
              删除
            </Typography.Link>
          )}
        </Space>
      ),
    },
  ];

  return (
    <div data-testid="notices-page" style={{ background: '#fff', padding: 16 }}>
      <ServerTable<Notice>
        id={TABLE_ID}
        columns={columns}
        defaultSort="-createdAt"
        fetchPage={(q) => call(api.GET('/api/system/notices', { params: { query: q as never } }))}
        exportUrl={(q) => `/api/system/notices${qs({ ...(q as Record<string, string>), format: 'xlsx' })}`}
        exportName="通知公告"
        filters={[
          { name: 'keyword', label: '标题', node: <KeywordInput placeholder="标题关键字" /> },
          {
            name: 'type',
            label: '类型',
            node: <Select allowClear placeholder="全部" style={{ width: 120 }} options={types.options} />,
          },
          {
            name: 'status',
            label: '状态',
            node: (
              <Select
                allowClear
                placeholder="全部"
                style={{ width: 110 }}
                options={(Object.keys(STATUS) as Status[]).map((s) => ({ value: s, label: STATUS[s].label }))}
              />
            ),
          },
        ]}
        toolbar={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing('new')}
            data-testid="notice-new"
          >
            新增公告
          </Button>
        }
      />
      {editing && (
        <NoticeEditor
          id={editing === 'new' ? undefined : editing}
          typeOptions={types.options}
          onClose={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            changed();
          }}
        />
      )}
      <NoticeViewer id={viewing} onClose={() => setViewing(undefined)} typeTag={types.tag} />
    </div>
  );
}

interface EditorValues {
  title: string;
  type: string;
  regionCode?: string | null;
  content: string;
}

function NoticeEditor(props: {
  id?: string;
  typeOptions: Array<{ value: string; label: string }>;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { id } = props;
  const [form] = Form.useForm<EditorValues>();
  const [saving, setSaving] = useState<'draft' | 'publish'>();
  const { message, modal } = App.useApp();
  const onError = useErrorHandler();
  const detail = useQuery({
    queryKey: ['system', 'notices', id],
    queryFn: () => call(api.GET('/api/system/notices/{id}', { params: { path: { id: id! } } })),
    enabled: !!id,
    gcTime: 0,
  });

  async function save(publish: boolean) {
    let v: EditorValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(publish ? 'publish' : 'draft');
    const regionCode = v.regionCode || null;
    try {
      let saved: NoticeDetail;
      if (id) {
        const body: UpdateNotice = { title: v.title.trim(), type: v.type, content: v.content, regionCode };
        saved = await call(api.PUT('/api/system/notices/{id}', { params: { path: { id } }, body }));
      } else {
        const body: CreateNotice = { title: v.title.trim(), type: v.type, content: v.content, regionCode };
        saved = await call(api.POST('/api/system/notices', { body }));
      }
      if (publish) {
        await call(api.POST('/api/system/notices/{id}/publish', { params: { path: { id: saved.id } } }));
        void message.success('公告已发布');
      } else {
        void message.success('草稿已保存');
      }
      props.onSaved();
    } catch (e) {
      onError(e, form);
    } finally {
      setSaving(undefined);
    }
  }

  const d = detail.data;
  return (
    <Modal
      open
      width={760}
      title={id ? '编辑公告' : '新增公告'}
      onCancel={props.onClose}
      destroyOnHidden
      mask={{ closable: false }}
      footer={
        <Space>
          <Button onClick={props.onClose}>取消</Button>
          <Button
            loading={saving === 'draft'}
            disabled={!!saving || (!!id && !d)}
            onClick={() => void save(false)}
            data-testid="notice-save-draft"
          >
            保存草稿
          </Button>
          <Button
            type="primary"
            loading={saving === 'publish'}
            disabled={!!saving || (!!id && !d)}
            onClick={() =>
              modal.confirm({
                title: '保存并发布此公告？',
                content: '发布后发布范围内的用户都能看到。',
                okText: '发布',
                onOk: () => save(true),
              })
            }
            data-testid="notice-save-publish"
          >
            保存并发布
          </Button>
        </Space>
      }
    >
      {id && detail.isLoading ? (
        <Spin style={{ display: 'block', margin: 48 }} />
      ) : id && detail.error ? (
        <Typography.Text type="danger">{errorText(detail.error)}</Typography.Text>
      ) : (
        <Form<EditorValues>
          form={form}
          layout="vertical"
          initialValues={
            d
              ? { title: d.title, type: d.type, regionCode: d.regionCode, content: d.content }
              : { regionCode: null }
          }
          data-testid="notice-form"
        >
          <Form.Item
            name="title"
            label="标题"
            rules={[{ required: true, whitespace: true, message: '请填写标题' }]}
          >
            <Input maxLength={200} showCount />
          </Form.Item>
          <Space size={24} wrap>
            <Form.Item name="type" label="类型" rules={[{ required: true, message: '请选择类型' }]}>
              <Select style={{ width: 160 }} options={props.typeOptions} placeholder="请选择" />
            </Form.Item>
            <Form.Item name="regionCode" label="发布范围" extra="不选表示全省">
              <RegionPicker placeholder="全省" style={{ width: 260 }} />
            </Form.Item>
          </Space>
          <Form.Item
            name="content"
            label="正文"
            rules={[{ required: true, whitespace: true, message: '请填写正文' }]}
          >
            <Input.TextArea autoSize={{ minRows: 8, maxRows: 20 }} maxLength={50000} showCount />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

function NoticeViewer(props: { id?: string; onClose: () => void; typeTag: (v: string) => ReactNode }) {
  const { id } = props;
  const q = useQuery({
    queryKey: ['system', 'notices', id],
    queryFn: () => call(api.GET('/api/system/notices/{id}', { params: { path: { id: id! } } })),
    enabled: !!id,
  });
  const n = q.data;
  return (
    <Drawer open={!!id} onClose={props.onClose} size={640} title={n?.title ?? '公告'} destroyOnHidden>
      {q.isLoading ? (
        <Spin />
      ) : q.error ? (
        <Typography.Text type="danger">{errorText(q.error)}</Typography.Text>
      ) : n ? (
        <div data-testid="notice-view">
          <Descriptions
            size="small"
            column={2}
            items={[
              { key: 'type', label: '类型', children: props.typeTag(n.type) },
              {
                key: 'status',
                label: '状态',
                children: <Tag color={STATUS[n.status].color}>{STATUS[n.status].label}</Tag>,
              },
              { key: 'region', label: '发布范围', children: n.regionName ?? '全省' },
              { key: 'readCount', label: '已读人数', children: n.readCount },
              { key: 'publishedAt', label: '发布时间', children: time(n.publishedAt) },
              { key: 'publishedBy', label: '发布人', children: n.publishedBy ?? '—' },
              ...(n.withdrawnAt
                ? [{ key: 'withdrawnAt', label: '撤回时间', children: time(n.withdrawnAt) }]
                : []),
              { key: 'createdBy', label: '创建人', children: n.createdBy ?? '—' },
              { key: 'createdAt', label: '创建时间', children: time(n.createdAt) },
            ]}
          />
          <div style={{ marginTop: 16, whiteSpace: 'pre-wrap', lineHeight: 1.8, fontSize: 15 }}>
            {n.content}
          </div>
        </div>
      ) : null}
    </Drawer>
  );
}
