import { ApartmentOutlined, DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Row,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Tooltip,
  Tree,
  Typography,
} from 'antd';
import type { ButtonProps, TreeDataNode } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { api, ApiError, call, qs } from '../../../api/client';
import type { paths } from '../../../api/schema';
import { useAuth } from '../../../app/auth';
import { applyServerError, errorText, useErrorHandler } from '../../../components/errors';
import {
  ORG_TREE_KEY,
  ORG_TYPE_LABEL,
  ORG_TYPES,
  OrgPicker,
  useOrgTree,
  type OrgNode,
} from '../../../components/OrgPicker';
import { indexRegions, RegionPicker, useRegionTree, type RegionNode } from '../../../components/RegionPicker';
import {
  KeywordInput,
  ServerTable,
  useReloadTable,
  type ServerColumn,
} from '../../../components/ServerTable';

type OrgsGet = paths['/api/system/orgs']['get'];
type OrgQuery = NonNullable<OrgsGet['parameters']['query']>;
type OrgItem = OrgsGet['responses']['200']['content']['application/json']['items'][number];
type OrgType = OrgItem['type'];
type CreateBody = paths['/api/system/orgs']['post']['requestBody']['content']['application/json'];
type UpdateBody = NonNullable<
  paths['/api/system/orgs/{id}']['put']['requestBody']
>['content']['application/json'];
type JurisdictionBody = NonNullable<
  paths['/api/system/orgs/{id}/jurisdiction']['put']['requestBody']
>['content']['application/json'];

const TABLE_ID = 'system.orgs';
const FIELDS = {
  name: 'name',
  shortName: 'shortName',
  code: 'code',
  type: 'type',
  parentId: 'parentId',
  regionCode: 'regionCode',
  creditCode: 'creditCode',
  contactPhone: 'contactPhone',
  sort: 'sort',
};

const fmt = (v: string | null | undefined) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '');
const typeLabel = (t: string) => ORG_TYPE_LABEL[t as OrgType] ?? t;
const statusTag = (s: string) =>
  s === 'active' ? <Tag color="success">正常</Tag> : <Tag color="error">停用</Tag>;
const detailKey = (id: string) => ['system', 'orgs', 'detail', id];
const jurisdictionKey = (id: string) => ['system', 'orgs', 'jurisdiction', id];

/** A tree filtered by a keyword: matches keep their subtree, other nodes stay only as paths to matches. */
function filterOrgTree(nodes: OrgNode[], kw: string): OrgNode[] {
  if (!kw) return nodes;
  const out: OrgNode[] = [];
  for (const n of nodes) {
    const hit = [n.name, n.shortName, n.code].some((s) => s?.toLowerCase().includes(kw.toLowerCase()));
    const children = hit ? n.children : filterOrgTree(n.children, kw);
    if (hit || children.length) out.push({ ...n, children });
  }
  return out;
}

function parentIndex(nodes: OrgNode[], parent: string | null = null, m = new Map<string, string | null>()) {
  for (const n of nodes) {
    m.set(n.id, parent);
    parentIndex(n.children, n.id, m);
  }
  return m;
}

const allIds = (nodes: OrgNode[]): string[] => nodes.flatMap((n) => [n.id, ...allIds(n.children)]);

/** 组织机构: the organisation tree, the selected unit's detail and sub-units, and its 管辖关系. */
export function OrgsPage() {
  const { hasPerm } = useAuth();
  const { message, modal } = App.useApp();
  const onError = useErrorHandler();
  const reload = useReloadTable();
  const qc = useQueryClient();
  const canWrite = hasPerm('org:write');
  const tree = useOrgTree();
  const [keyword, setKeyword] = useState('');
  const [expanded, setExpanded] = useState<string[] | null>(null);
  const [selected, setSelected] = useState<string | undefined>();
  const [editing, setEditing] = useState<{ id?: string; parentId?: string } | null>(null);
  const [jurisdictionOf, setJurisdictionOf] = useState<{ id: string; name: string } | null>(null);

  const items = useMemo(() => tree.data?.items ?? [], [tree.data]);
  const parents = useMemo(() => parentIndex(items), [items]);
  const shown = useMemo(() => filterOrgTree(items, keyword.trim()), [items, keyword]);
  const expandedKeys = expanded ?? (keyword.trim() ? allIds(shown) : items.map((n) => n.id));

  const detail = useQuery({
    queryKey: detailKey(selected ?? ''),
    queryFn: () => call(api.GET('/api/system/orgs/{id}', { params: { path: { id: selected! } } })),
    enabled: !!selected,
  });

  function select(id: string | undefined, parentId?: string | null) {
    setSelected(id);
    if (!id) return;
    // Open the path down to it, so a unit picked in the table shows in the tree.
    const path: string[] = parentId ? [parentId] : [];
    for (let p = parents.get(parentId ?? id); p; p = parents.get(p)) path.push(p);
    setExpanded((e) => [...new Set([...(e ?? expandedKeys), ...path])]);
  }

  function afterChange(id?: string) {
    void qc.invalidateQueries({ queryKey: ORG_TREE_KEY });
    void reload(TABLE_ID);
    if (id) {
      void qc.invalidateQueries({ queryKey: detailKey(id) });
      void qc.invalidateQueries({ queryKey: jurisdictionKey(id) });
    }
  }

  async function setStatus(o: { id: string; name: string }, status: 'active' | 'disabled') {
    const path = { params: { path: { id: o.id } } };
    try {
      await call(
        status === 'disabled'
          ? api.POST('/api/system/orgs/{id}/disable', path)
          : api.POST('/api/system/orgs/{id}/enable', path),
      );
      void message.success(status === 'disabled' ? `已停用“${o.name}”` : `已启用“${o.name}”`);
      afterChange(o.id);
    } catch (e) {
      // 409: active users or active sub-units; the administrator has to act on them first.
      if (e instanceof ApiError && e.status === 409) {
        modal.warning({ title: `不能停用“${o.name}”`, content: errorText(e) });
      } else onError(e);
    }
  }

  const toggle = (o: { id: string; name: string; status: string }, testid: string) =>
    o.status === 'active' ? (
      <Popconfirm
        title={`停用“${o.name}”？`}
        description="须先停用或调整该机构的全部用户和下级机构；停用后不能再选为用户的所属机构。"
        okText="停用"
        okButtonProps={{ danger: true }}
        onConfirm={() => setStatus(o, 'disabled')}
      >
        <Typography.Link type="danger" data-testid={testid}>
          停用
        </Typography.Link>
      </Popconfirm>
    ) : (
      <Popconfirm title={`启用“${o.name}”？`} okText="启用" onConfirm={() => setStatus(o, 'active')}>
        <Typography.Link data-testid={testid}>启用</Typography.Link>
      </Popconfirm>
    );

  const treeData = useMemo(() => {
    const kw = keyword.trim();
    const conv = (ns: OrgNode[]): TreeDataNode[] =>
      ns.map((n) => {
        const i = kw ? n.name.indexOf(kw) : -1;
        const name =
          i >= 0 ? (
            <>
              {n.name.slice(0, i)}
              <span style={{ color: '#cf1322' }}>{kw}</span>
              {n.name.slice(i + kw.length)}
            </>
          ) : (
            n.name
          );
        return {
          key: n.id,
          title: (
            <span style={n.status !== 'active' ? { color: '#999' } : undefined}>
              {name}
              {n.status !== 'active' && (
                <Tag style={{ marginLeft: 4 }} color="default">
                  停用
                </Tag>
              )}
            </span>
          ),
          children: n.children.length ? conv(n.children) : undefined,
          isLeaf: n.children.length === 0,
        };
      });
    return conv(shown);
  }, [shown, keyword]);

  const columns: ServerColumn<OrgItem>[] = [
    {
      key: 'name',
      title: '机构名称',
      dataIndex: 'name',
      sortField: 'name',
      fixed: 'left',
      render: (v: string, r) => <Typography.Link onClick={() => select(r.id)}>{v}</Typography.Link>,
    },
    { key: 'shortName', title: '简称', dataIndex: 'shortName', render: (v: string | null) => v ?? '' },
    {
      key: 'code',
      title: '机构编码',
      dataIndex: 'code',
      sortField: 'code',
      render: (v: string | null) => v ?? '',
    },
    { key: 'type', title: '类型', dataIndex: 'type', sortField: 'type', render: (v: string) => typeLabel(v) },
    {
      key: 'region',
      title: '所在区划',
      dataIndex: 'regionCode',
      sortField: 'regionCode',
      render: (v: string, r) => `${r.regionName}（${v}）`,
    },
    {
      key: 'creditCode',
      title: '统一社会信用代码',
      dataIndex: 'creditCode',
      render: (v: string | null) => v ?? '',
    },
    {
      key: 'contactPhone',
      title: '联系电话',
      dataIndex: 'contactPhone',
      render: (v: string | null) => v ?? '',
    },
    { key: 'status', title: '状态', dataIndex: 'status', render: statusTag },
    { key: 'createdAt', title: '创建时间', dataIndex: 'createdAt', sortField: 'createdAt', render: fmt },
    {
      key: 'actions',
      title: '操作',
      fixed: 'right',
      render: (_: unknown, r) => (
        <Space size="small">
          {canWrite && (
            <Typography.Link
              onClick={() => setEditing({ id: r.id })}
              data-testid={`org-edit-${r.code ?? r.id}`}
            >
              编辑
            </Typography.Link>
          )}
          <Typography.Link
            onClick={() => setJurisdictionOf({ id: r.id, name: r.name })}
            data-testid={`org-jurisdiction-${r.code ?? r.id}`}
          >
            管辖关系
          </Typography.Link>
          {canWrite && toggle(r, `org-toggle-${r.code ?? r.id}`)}
        </Space>
      ),
    },
  ];

  const d = detail.data;
  return (
    <Row gutter={16} wrap={false}>
      <Col flex="320px">
        <Card
          title="机构树"
          size="small"
          extra={
            <Typography.Link onClick={() => setSelected(undefined)} disabled={!selected}>
              全部机构
            </Typography.Link>
          }
          styles={{ body: { padding: 12 } }}
        >
          <Input.Search
            allowClear
            placeholder="名称、简称或编码"
            onSearch={(v) => {
              setKeyword(v);
              setExpanded(null);
            }}
            style={{ marginBottom: 8 }}
            data-testid="org-tree-search"
          />
          {tree.isLoading ? (
            <Spin style={{ display: 'block', margin: 32 }} />
          ) : tree.error ? (
            <Alert type="error" showIcon title={errorText(tree.error)} />
          ) : treeData.length === 0 ? (
            <Empty description={keyword ? '无匹配的机构' : '暂无机构'} />
          ) : (
            <div style={{ maxHeight: 'calc(100vh - 260px)', overflow: 'auto' }}>
              <Tree
                data-testid="org-tree"
                blockNode
                showLine
                treeData={treeData}
                expandedKeys={expandedKeys}
                onExpand={(k) => setExpanded(k.map(String))}
                selectedKeys={selected ? [selected] : []}
                onSelect={(k) => setSelected(k.length ? String(k[0]) : undefined)}
              />
            </div>
          )}
        </Card>
      </Col>
      <Col flex="auto" style={{ minWidth: 0 }}>
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          {selected && (
            <Card
              size="small"
              title={d ? d.name : '机构详情'}
              data-testid="org-detail"
              extra={
                d && (
                  <Space>
                    {canWrite && (
                      <Button
                        size="small"
                        icon={<EditOutlined />}
                        onClick={() => setEditing({ id: d.id })}
                        data-testid="org-edit"
                      >
                        编辑
                      </Button>
                    )}
                    {canWrite && (
                      <Button
                        size="small"
                        icon={<PlusOutlined />}
                        onClick={() => setEditing({ parentId: d.id })}
                        disabled={d.status !== 'active'}
                        data-testid="org-add-child"
                      >
                        新增下级机构
                      </Button>
                    )}
                    <Button
                      size="small"
                      icon={<ApartmentOutlined />}
                      onClick={() => setJurisdictionOf({ id: d.id, name: d.name })}
                      data-testid="org-jurisdiction"
                    >
                      管辖关系
                    </Button>
                    {canWrite &&
                      (d.status === 'active' ? (
                        <Popconfirm
                          title={`停用“${d.name}”？`}
                          description="须先停用或调整该机构的全部用户和下级机构。"
                          okText="停用"
                          okButtonProps={{ danger: true }}
                          onConfirm={() => setStatus(d, 'disabled')}
                        >
                          <Button size="small" danger data-testid="org-toggle">
                            停用
                          </Button>
                        </Popconfirm>
                      ) : (
                        <Popconfirm
                          title={`启用“${d.name}”？`}
                          okText="启用"
                          onConfirm={() => setStatus(d, 'active')}
                        >
                          <Button size="small" data-testid="org-toggle">
                            启用
                          </Button>
                        </Popconfirm>
                      ))}
                  </Space>
                )
              }
            >
              {detail.isLoading ? (
                <Spin style={{ display: 'block', margin: 24 }} />
              ) : detail.error ? (
                <Alert type="error" showIcon title={errorText(detail.error)} />
              ) : d ? (
                <>
                  <Descriptions
                    size="small"
                    column={{ xs: 1, md: 2, xl: 3 }}
                    items={[
                      { key: 'name', label: '机构名称', children: d.name },
                      { key: 'shortName', label: '简称', children: d.shortName ?? '—' },
                      { key: 'code', label: '机构编码', children: d.code ?? '—' },
                      { key: 'type', label: '类型', children: typeLabel(d.type) },
                      { key: 'parent', label: '上级机构', children: d.parentName ?? '—（顶级）' },
                      { key: 'region', label: '所在区划', children: `${d.regionName}（${d.regionCode}）` },
                      { key: 'credit', label: '统一社会信用代码', children: d.creditCode ?? '—' },
                      { key: 'phone', label: '联系电话', children: d.contactPhone ?? '—' },
                      { key: 'status', label: '状态', children: statusTag(d.status) },
                      { key: 'sort', label: '排序', children: d.sort },
                      { key: 'createdAt', label: '创建时间', children: fmt(d.createdAt) },
                      { key: 'updatedAt', label: '更新时间', children: fmt(d.updatedAt) },
                    ]}
                  />
                  <JurisdictionSummary orgId={d.id} />
                </>
              ) : null}
            </Card>
          )}
          <Card size="small" title={selected ? `下级机构${d ? `（${d.name}）` : ''}` : '全部机构'}>
            <ServerTable<OrgItem>
              key={selected ?? 'all'}
              id={TABLE_ID}
              columns={columns}
              // The parent is part of the query (and so of the cache key), not only of the request.
              mapFilters={(v) => ({ ...v, parentId: selected })}
              fetchPage={(q) => call(api.GET('/api/system/orgs', { params: { query: q as OrgQuery } }))}
              exportUrl={(q) => `/api/system/orgs${qs({ ...(q as Record<string, string>), format: 'xlsx' })}`}
              exportName="组织机构"
              filters={[
                {
                  name: 'keyword',
                  label: '关键字',
                  node: <KeywordInput placeholder="名称、编码或信用代码" />,
                },
                {
                  name: 'type',
                  label: '类型',
                  node: (
                    <Select
                      allowClear
                      style={{ width: 140 }}
                      options={ORG_TYPES.map((t) => ({ value: t, label: ORG_TYPE_LABEL[t] }))}
                    />
                  ),
                },
                {
                  name: 'status',
                  label: '状态',
                  node: (
                    <Select
                      allowClear
                      style={{ width: 100 }}
                      options={[
                        { value: 'active', label: '正常' },
                        { value: 'disabled', label: '停用' },
                      ]}
                    />
                  ),
                },
              ]}
              toolbar={
                canWrite && (
                  <Button
                    type="primary"
                    icon={<PlusOutlined />}
                    onClick={() =>
                      setEditing(selected && d?.status === 'active' ? { parentId: selected } : {})
                    }
                    data-testid="org-create"
                  >
                    新增机构
                  </Button>
                )
              }
            />
          </Card>
        </Space>
      </Col>
      {editing && (
        <OrgFormModal
          orgId={editing.id}
          defaultParentId={editing.parentId}
          onClose={() => setEditing(null)}
          onSaved={(o, created) => {
            setEditing(null);
            afterChange(o.id);
            void message.success(created ? `已创建“${o.name}”` : '已保存');
            if (created) select(o.id, o.parentId);
          }}
        />
      )}
      {jurisdictionOf && (
        <JurisdictionModal
          org={jurisdictionOf}
          readOnly={!canWrite}
          onClose={() => setJurisdictionOf(null)}
          onSaved={() => {
            void message.success(
              `已保存“${jurisdictionOf.name}”的管辖关系，相关用户的数据范围在其下一次操作时生效`,
            );
            setJurisdictionOf(null);
            afterChange(jurisdictionOf.id);
          }}
        />
      )}
    </Row>
  );
}

/** The regions an organisation supervises, as tags under its detail. */
function JurisdictionSummary({ orgId }: { orgId: string }) {
  const j = useQuery({
    queryKey: jurisdictionKey(orgId),
    queryFn: () => call(api.GET('/api/system/orgs/{id}/jurisdiction', { params: { path: { id: orgId } } })),
  });
  const [all, setAll] = useState(false);
  if (!j.data) return null;
  const max = 12;
  const list = all ? j.data.items : j.data.items.slice(0, max);
  return (
    <div style={{ marginTop: 8 }} data-testid="org-jurisdiction-summary">
      <Typography.Text type="secondary">
        管辖区划{j.data.implicit ? '（未设置，默认为本机构所在区划及其下级）' : ''}：
      </Typography.Text>
      <Space size={[4, 4]} wrap style={{ marginTop: 4 }}>
        {list.map((r) => (
          <Tooltip
            key={r.regionCode}
            title={
              r.validFrom || r.validTo
                ? `${r.regionCode}，有效期 ${r.validFrom ?? '不限'} 至 ${r.validTo ?? '不限'}`
                : r.regionCode
            }
          >
            <Tag color={j.data.implicit ? 'default' : r.validFrom || r.validTo ? 'gold' : 'blue'}>
              {r.regionName}
            </Tag>
          </Tooltip>
        ))}
        {j.data.items.length > max && (
          <Typography.Link onClick={() => setAll(!all)}>
            {all ? '收起' : `等 ${j.data.items.length} 个`}
          </Typography.Link>
        )}
        {j.data.items.length === 0 && <Typography.Text type="secondary">无</Typography.Text>}
      </Space>
    </div>
  );
}

interface FormValues {
  name: string;
  shortName?: string;
  code?: string;
  type: OrgType;
  parentId?: string;
  regionCode: string;
  creditCode?: string;
  contactPhone?: string;
  sort?: number | null;
}

/** 新增 / 编辑机构. Editing loads the detail (full contact phone); parent and region are sent only when changed. */
function OrgFormModal(props: {
  orgId?: string | undefined;
  defaultParentId?: string | undefined;
  onClose: () => void;
  onSaved: (o: OrgItem, created: boolean) => void;
}) {
  const { orgId } = props;
  const [form] = Form.useForm<FormValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const detail = useQuery({
    queryKey: detailKey(orgId ?? ''),
    queryFn: () => call(api.GET('/api/system/orgs/{id}', { params: { path: { id: orgId! } } })),
    enabled: !!orgId,
  });
  const parent = useQuery({
    queryKey: detailKey(props.defaultParentId ?? ''),
    queryFn: () =>
      call(api.GET('/api/system/orgs/{id}', { params: { path: { id: props.defaultParentId! } } })),
    enabled: !orgId && !!props.defaultParentId,
  });
  const d = detail.data;

  async function submit(v: FormValues) {
    setBusy(true);
    setError(null);
    const common = {
      name: v.name.trim(),
      shortName: v.shortName?.trim() || null,
      code: v.code?.trim() || null,
      type: v.type,
      creditCode: v.creditCode?.trim().toUpperCase() || null,
      contactPhone: v.contactPhone?.trim() || null,
      ...(v.sort !== undefined && v.sort !== null ? { sort: v.sort } : {}),
    };
    try {
      if (orgId && d) {
        const body: UpdateBody = {
          ...common,
          ...((v.parentId ?? null) !== d.parentId ? { parentId: v.parentId ?? null } : {}),
          ...(v.regionCode !== d.regionCode ? { regionCode: v.regionCode } : {}),
        };
        props.onSaved(
          await call(api.PUT('/api/system/orgs/{id}', { params: { path: { id: orgId } }, body })),
          false,
        );
      } else {
        const body: CreateBody = { ...common, parentId: v.parentId ?? null, regionCode: v.regionCode };
        props.onSaved(await call(api.POST('/api/system/orgs', { body })), true);
      }
    } catch (e) {
      if (!applyServerError(form, e, FIELDS)) setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  const p = parent.data;
  const waiting = (!!orgId && !d) || (!orgId && !!props.defaultParentId && parent.isLoading);
  return (
    <Modal
      open
      title={orgId ? '编辑机构' : '新增机构'}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okText="保存"
      confirmLoading={busy}
      okButtonProps={{ disabled: waiting, 'data-testid': 'org-form-submit' } as ButtonProps}
      mask={{ closable: false }}
      width={680}
    >
      {error && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={error} />}
      {waiting ? (
        detail.error ? (
          <Alert type="error" showIcon title={errorText(detail.error)} />
        ) : (
          <Spin style={{ display: 'block', margin: 32 }} />
        )
      ) : (
        <Form<FormValues>
          form={form}
          layout="vertical"
          data-testid="org-form"
          onFinish={(v) => void submit(v)}
          initialValues={
            d
              ? {
                  name: d.name,
                  shortName: d.shortName ?? '',
                  code: d.code ?? '',
                  type: d.type,
                  parentId: d.parentId ?? undefined,
                  regionCode: d.regionCode,
                  creditCode: d.creditCode ?? '',
                  contactPhone: d.contactPhone ?? '',
                  sort: d.sort,
                }
              : {
                  parentId: props.defaultParentId,
                  regionCode: p?.regionCode,
                  sort: 0,
                }
          }
        >
          <Row gutter={16}>
            <Col span={16}>
              <Form.Item
                name="name"
                label="机构名称"
                rules={[
                  { required: true, whitespace: true, message: '请输入机构名称' },
                  { max: 100, message: '不超过 100 个字符' },
                ]}
              >
                <Input />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="shortName" label="简称" rules={[{ max: 50, message: '不超过 50 个字符' }]}>
                <Input />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="type" label="机构类型" rules={[{ required: true, message: '请选择机构类型' }]}>
                <Select
                  data-testid="org-type"
                  options={ORG_TYPES.map((t) => ({ value: t, label: ORG_TYPE_LABEL[t] }))}
                  placeholder="请选择"
                />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item
                name="code"
                label="机构编码"
                extra="稳定编码，用于数据迁移映射（可不填）"
                rules={[{ pattern: /^[A-Za-z0-9_-]{2,32}$/, message: '2–32 位字母、数字、_ -' }]}
              >
                <Input />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="parentId" label="上级机构" extra="不选则为顶级机构">
                <OrgPicker excludeId={orgId} style={{ width: '100%' }} placeholder="请选择上级机构" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item
                name="regionCode"
                label="所在行政区划"
                rules={[{ required: true, message: '请选择行政区划' }]}
              >
                <RegionPicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item
                name="creditCode"
                label="统一社会信用代码"
                rules={[{ len: 18, message: '统一社会信用代码为 18 位' }]}
              >
                <Input maxLength={18} style={{ textTransform: 'uppercase' }} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="contactPhone" label="联系电话" extra="手机号或 029-88881234 形式的固定电话">
                <Input maxLength={32} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="sort" label="排序" extra="数字小的排在前面">
                <InputNumber min={0} max={100000} precision={0} style={{ width: 160 }} />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      )}
    </Modal>
  );
}

interface Entry {
  regionCode: string;
  validFrom: string | null;
  validTo: string | null;
}

function descendants(n: RegionNode): string[] {
  return n.children.flatMap((c) => [c.code, ...descendants(c)]);
}

function filterRegions(nodes: RegionNode[], kw: string): RegionNode[] {
  if (!kw) return nodes;
  const out: RegionNode[] = [];
  for (const n of nodes) {
    const hit = n.name.includes(kw) || n.code.includes(kw);
    const children = hit ? n.children : filterRegions(n.children, kw);
    if (hit || children.length) out.push({ ...n, children });
  }
  return out;
}

/**
 * 管辖关系 editor: the regions an organisation supervises (each listed region counts by itself, so a city
 * and its counties are listed one by one), with optional validity dates. No rows = the implicit default.
 */
function JurisdictionModal(props: {
  org: { id: string; name: string };
  readOnly: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { org, readOnly } = props;
  const { modal } = App.useApp();
  const regions = useRegionTree();
  const current = useQuery({
    queryKey: jurisdictionKey(org.id),
    queryFn: () => call(api.GET('/api/system/orgs/{id}/jurisdiction', { params: { path: { id: org.id } } })),
  });
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const [cascade, setCascade] = useState(true);
  const [keyword, setKeyword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ text: string; row?: number } | null>(null);

  const index = useMemo(() => indexRegions(regions.data?.items ?? []), [regions.data]);
  const regionParents = useMemo(() => {
    const m = new Map<string, string>();
    const walk = (ns: RegionNode[]) =>
      ns.forEach((n) => {
        n.children.forEach((c) => m.set(c.code, n.code));
        walk(n.children);
      });
    walk(regions.data?.items ?? []);
    return m;
  }, [regions.data]);
  const list: Entry[] =
    entries ??
    (current.data?.items ?? []).map((r) => ({
      regionCode: r.regionCode,
      validFrom: r.validFrom,
      validTo: r.validTo,
    }));
  const codes = list.map((e) => e.regionCode);
  const shown = useMemo(
    () => filterRegions(regions.data?.items ?? [], keyword.trim()),
    [regions.data, keyword],
  );

  const treeData = useMemo(() => {
    const conv = (ns: RegionNode[]): TreeDataNode[] =>
      ns.map((n) => ({
        key: n.code,
        title: (
          <span>
            {n.name}
            <Typography.Text type="secondary" style={{ marginLeft: 6, fontSize: 12 }}>
              {n.code}
            </Typography.Text>
            {n.unverified && (
              <Tag color="orange" style={{ marginLeft: 4 }}>
                ※
              </Tag>
            )}
          </span>
        ),
        children: n.children.length ? conv(n.children) : undefined,
      }));
    return conv(shown);
  }, [shown]);

  function setCodes(next: string[]) {
    const keep = new Map(list.map((e) => [e.regionCode, e]));
    setEntries(
      [...new Set(next)].sort().map((c) => keep.get(c) ?? { regionCode: c, validFrom: null, validTo: null }),
    );
    setError(null);
  }

  function onCheck(code: string, checked: boolean) {
    const node = index.get(code);
    const affected = [code, ...(cascade && node ? descendants(node) : [])];
    setCodes(checked ? [...codes, ...affected] : codes.filter((c) => !affected.includes(c)));
  }

  function patch(code: string, p: Partial<Entry>) {
    setEntries(list.map((e) => (e.regionCode === code ? { ...e, ...p } : e)));
    setError(null);
  }

  async function save() {
    const body: JurisdictionBody = { items: list };
    const go = async () => {
      setBusy(true);
      setError(null);
      try {
        await call(api.PUT('/api/system/orgs/{id}/jurisdiction', { params: { path: { id: org.id } }, body }));
        props.onSaved();
      } catch (e) {
        const m = e instanceof ApiError ? /^items\.(\d+)\./.exec(e.field ?? '') : null;
        const row = m ? Number(m[1]) : undefined;
        const where =
          row !== undefined && list[row]
            ? `${index.get(list[row].regionCode)?.name ?? list[row].regionCode}：`
            : '';
        setError({ text: where + errorText(e), ...(row !== undefined ? { row } : {}) });
      } finally {
        setBusy(false);
      }
    };
    if (list.length === 0) {
      modal.confirm({
        title: '恢复默认管辖？',
        content: '未选择任何区划，保存后该机构将默认管辖其所在区划及其下级。',
        onOk: go,
      });
    } else await go();
  }

  const loading = regions.isLoading || current.isLoading;
  const loadError = regions.error ?? current.error;
  // The roots and every branch holding a chosen region are open when the tree first shows.
  const openKeys = [
    ...(regions.data?.items ?? []).map((r) => r.code),
    ...codes.flatMap((c) => {
      const up: string[] = [];
      for (let p = regionParents.get(c); p; p = regionParents.get(p)) up.push(p);
      return up;
    }),
  ];
  const rowErr = error?.row;
  return (
    <Modal
      open
      title={`管辖关系：${org.name}`}
      width={980}
      onCancel={props.onClose}
      mask={{ closable: false }}
      footer={
        readOnly
          ? [
              <Button key="close" onClick={props.onClose}>
                关闭
              </Button>,
            ]
          : [
              <Button key="cancel" onClick={props.onClose}>
                取消
              </Button>,
              <Button
                key="save"
                type="primary"
                loading={busy}
                disabled={loading || !!loadError}
                onClick={() => void save()}
                data-testid="jurisdiction-save"
              >
                保存
              </Button>,
            ]
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {'管辖关系决定市、县局用户的数据范围：列出的每个区划单独计入（勾选市不自动包含其下的区县，可用“同时勾选下级”）。' +
          '不设置时默认管辖本机构所在区划及其下级。'}
      </Typography.Paragraph>
      {current.data?.implicit && entries === null && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 8 }}
          title="该机构尚未设置管辖关系，下方为默认管辖范围；保存后即成为明确设置的管辖关系。"
        />
      )}
      {error && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 8 }}
          title={error.text}
          data-testid="jurisdiction-error"
        />
      )}
      {loading ? (
        <Spin style={{ display: 'block', margin: 48 }} />
      ) : loadError ? (
        <Alert type="error" showIcon title={errorText(loadError)} />
      ) : (
        <Row gutter={16}>
          <Col span={9}>
            <Space style={{ marginBottom: 8 }} wrap>
              <Input.Search
                allowClear
                placeholder="名称或代码"
                onSearch={setKeyword}
                style={{ width: 180 }}
              />
              {!readOnly && (
                <Checkbox
                  checked={cascade}
                  onChange={(e) => setCascade(e.target.checked)}
                  data-testid="jurisdiction-cascade"
                >
                  同时勾选下级
                </Checkbox>
              )}
            </Space>
            <div
              style={{
                height: 440,
                overflow: 'auto',
                border: '1px solid #f0f0f0',
                borderRadius: 4,
                padding: 4,
              }}
            >
              <Tree
                data-testid="jurisdiction-tree"
                checkable
                checkStrictly
                selectable={false}
                disabled={readOnly}
                defaultExpandedKeys={openKeys}
                {...(keyword.trim() ? { expandedKeys: [...index.keys()] } : {})}
                treeData={treeData}
                checkedKeys={{ checked: codes, halfChecked: [] }}
                onCheck={(_, info) => onCheck(String(info.node.key), info.checked)}
              />
            </div>
          </Col>
          <Col span={15}>
            <Space style={{ marginBottom: 8, justifyContent: 'space-between', width: '100%' }}>
              <Typography.Text>已选 {list.length} 个区划</Typography.Text>
              {!readOnly && list.length > 0 && (
                <Popconfirm title="清空全部已选区划？" onConfirm={() => setCodes([])}>
                  <Button size="small" danger>
                    清空
                  </Button>
                </Popconfirm>
              )}
            </Space>
            <Table<Entry>
              data-testid="jurisdiction-list"
              size="small"
              rowKey="regionCode"
              dataSource={list}
              pagination={false}
              scroll={{ y: 400 }}
              columns={[
                {
                  key: 'region',
                  title: '区划',
                  render: (_, e, i) => {
                    const n = index.get(e.regionCode);
                    return (
                      <span style={i === rowErr ? { color: '#cf1322', fontWeight: 600 } : undefined}>
                        {n?.name ?? e.regionCode}
                        <Typography.Text type="secondary" style={{ marginLeft: 6, fontSize: 12 }}>
                          {e.regionCode}
                        </Typography.Text>
                      </span>
                    );
                  },
                },
                {
                  key: 'validFrom',
                  title: '生效日期',
                  width: 150,
                  render: (_, e) => (
                    <DatePicker
                      size="small"
                      disabled={readOnly}
                      placeholder="不限"
                      value={e.validFrom ? dayjs(e.validFrom) : null}
                      onChange={(v) => patch(e.regionCode, { validFrom: v ? v.format('YYYY-MM-DD') : null })}
                    />
                  ),
                },
                {
                  key: 'validTo',
                  title: '失效日期',
                  width: 150,
                  render: (_, e) => (
                    <DatePicker
                      size="small"
                      disabled={readOnly}
                      placeholder="不限"
                      value={e.validTo ? dayjs(e.validTo) : null}
                      onChange={(v) => patch(e.regionCode, { validTo: v ? v.format('YYYY-MM-DD') : null })}
                    />
                  ),
                },
                ...(readOnly
                  ? []
                  : [
                      {
                        key: 'remove',
                        title: '',
                        width: 48,
                        render: (_: unknown, e: Entry) => (
                          <Tooltip title="移除">
                            <Button
                              size="small"
                              type="text"
                              danger
                              icon={<DeleteOutlined />}
                              aria-label="移除"
                              onClick={() => setCodes(codes.filter((c) => c !== e.regionCode))}
                            />
                          </Tooltip>
                        ),
                      },
                    ]),
              ]}
            />
          </Col>
        </Row>
      )}
    </Modal>
  );
}
