import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Drawer,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Space,
  Spin,
  Tag,
  Tooltip,
  Tree,
  Typography,
} from 'antd';
import type { ButtonProps, TreeDataNode } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, call, qs } from '../../../api/client';
import type { paths } from '../../../api/schema';
import { useAuth } from '../../../app/auth';
import { applyServerError, errorText, useErrorHandler } from '../../../components/errors';
import {
  KeywordInput,
  ServerTable,
  useReloadTable,
  type ServerColumn,
} from '../../../components/ServerTable';

type RolesGet = paths['/api/system/roles']['get'];
type RoleQuery = NonNullable<RolesGet['parameters']['query']>;
type RoleItem = RolesGet['responses']['200']['content']['application/json']['items'][number];
type DataScope = RoleItem['dataScope'];
type CreateBody = paths['/api/system/roles']['post']['requestBody']['content']['application/json'];
type UpdateBody = NonNullable<
  paths['/api/system/roles/{id}']['put']['requestBody']
>['content']['application/json'];

const TABLE_ID = 'system.roles';
const CODE_RE = /^[a-z][a-z0-9_]{1,47}$/;
const FIELDS = {
  code: 'code',
  name: 'name',
  dataScope: 'dataScope',
  description: 'description',
  sort: 'sort',
};

const DATA_SCOPE_LABEL: Record<DataScope, string> = {
  all: '全省',
  city: '本市',
  county: '本县',
  org: '本单位',
  self: '本人',
  assigned: '指派',
};
const DATA_SCOPE_HINT: Record<DataScope, string> = {
  all: '全省全部数据',
  city: '本市局管辖区域内的数据',
  county: '本县（区）局管辖区域内的数据',
  org: '本单位的数据',
  self: '仅本人创建或负责的数据',
  assigned: '仅指派给本人的数据（如评审专家）',
};
const SCOPE_COLOR: Record<DataScope, string> = {
  all: 'red',
  city: 'volcano',
  county: 'orange',
  org: 'blue',
  self: 'default',
  assigned: 'purple',
};

const fmt = (v: string | null | undefined) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '');

/** 角色管理 (security administrator): roles, data scope, and the permission editor under 三员分立. */
export function RolesPage() {
  const { me, hasPerm } = useAuth();
  const { message, modal } = App.useApp();
  const onError = useErrorHandler();
  const reload = useReloadTable();
  const qc = useQueryClient();
  const canWrite = hasPerm('role:write');
  const held = new Set(me?.roles ?? []);
  const [editing, setEditing] = useState<{ role?: RoleItem } | null>(null);
  const [permRole, setPermRole] = useState<Pick<RoleItem, 'id' | 'code' | 'name'> | null>(null);

  function afterChange() {
    void reload(TABLE_ID);
    void qc.invalidateQueries({ queryKey: ['system', 'roles'] });
  }

  async function setStatus(r: RoleItem, status: 'active' | 'disabled') {
    const path = { params: { path: { id: r.id } } };
    try {
      await call(
        status === 'disabled'
          ? api.POST('/api/system/roles/{id}/disable', path)
          : api.POST('/api/system/roles/{id}/enable', path),
      );
      void message.success(status === 'disabled' ? `已停用角色“${r.name}”` : `已启用角色“${r.name}”`);
      afterChange();
    } catch (e) {
      // 三员分立 refusals are long sentences the administrator has to read: a dialog, not a toast.
      if (e instanceof ApiError && (e.code === 'SEPARATION_OF_DUTIES' || e.code === 'ROLE_HELD_BY_SELF')) {
        modal.error({
          title: status === 'disabled' ? '不能停用该角色' : '不能启用该角色',
          content: errorText(e),
        });
      } else onError(e);
    }
  }

  const ownTip = '您持有该角色，不能修改（三员分立：须由其他安全管理员操作）';
  const columns: ServerColumn<RoleItem>[] = [
    { key: 'code', title: '角色编码', dataIndex: 'code', sortField: 'code', fixed: 'left' },
    { key: 'name', title: '角色名称', dataIndex: 'name', sortField: 'name' },
    {
      key: 'dataScope',
      title: '数据范围',
      dataIndex: 'dataScope',
      render: (v: DataScope) => (
        <Tooltip title={DATA_SCOPE_HINT[v]}>
          <Tag color={SCOPE_COLOR[v]}>{DATA_SCOPE_LABEL[v] ?? v}</Tag>
        </Tooltip>
      ),
    },
    {
      key: 'builtin',
      title: '类型',
      dataIndex: 'builtin',
      render: (v: boolean) => (v ? <Tag color="geekblue">内置</Tag> : <Tag>自定义</Tag>),
    },
    {
      key: 'status',
      title: '状态',
      dataIndex: 'status',
      sortField: 'status',
      render: (v: RoleItem['status']) =>
        v === 'active' ? <Tag color="success">正常</Tag> : <Tag color="error">停用</Tag>,
    },
    { key: 'userCount', title: '用户数', dataIndex: 'userCount', align: 'right' },
    {
      key: 'description',
      title: '说明',
      dataIndex: 'description',
      width: 320,
      render: (v: string | null) => (
        <Typography.Paragraph ellipsis={{ rows: 2, tooltip: v }} style={{ marginBottom: 0, maxWidth: 320 }}>
          {v ?? ''}
        </Typography.Paragraph>
      ),
    },
    { key: 'sort', title: '排序', dataIndex: 'sort', sortField: 'sort', align: 'right' },
    { key: 'updatedAt', title: '更新时间', dataIndex: 'updatedAt', render: fmt },
    {
      key: 'actions',
      title: '操作',
      fixed: 'right',
      render: (_: unknown, r) => {
        const own = held.has(r.code);
        const locked = (node: ReactNode) => <Tooltip title={ownTip}>{node}</Tooltip>;
        return (
          <Space size="small">
            <Typography.Link onClick={() => setPermRole(r)} data-testid={`role-perms-${r.code}`}>
              {canWrite && !own ? '权限设置' : '查看权限'}
            </Typography.Link>
            {canWrite &&
              (own ? (
                locked(<Typography.Link disabled>编辑</Typography.Link>)
              ) : (
                <Typography.Link onClick={() => setEditing({ role: r })} data-testid={`role-edit-${r.code}`}>
                  编辑
                </Typography.Link>
              ))}
            {canWrite &&
              (r.status === 'active' ? (
                r.builtin ? (
                  <Tooltip title="内置角色不能停用">
                    <Typography.Link disabled>停用</Typography.Link>
                  </Tooltip>
                ) : own ? (
                  locked(<Typography.Link disabled>停用</Typography.Link>)
                ) : (
                  <Popconfirm
                    title={`停用角色“${r.name}”？`}
                    description={
                      r.userCount > 0
                        ? `${r.userCount} 个用户持有该角色，停用后他们将失去该角色的权限。`
                        : '停用后该角色的权限不再生效。'
                    }
                    okText="停用"
                    okButtonProps={{ danger: true }}
                    onConfirm={() => setStatus(r, 'disabled')}
                  >
                    <Typography.Link type="danger" data-testid={`role-toggle-${r.code}`}>
                      停用
                    </Typography.Link>
                  </Popconfirm>
                )
              ) : (
                <Popconfirm
                  title={`启用角色“${r.name}”？`}
                  description="持有该角色的用户将重新获得其权限。"
                  okText="启用"
                  onConfirm={() => setStatus(r, 'active')}
                >
                  <Typography.Link data-testid={`role-toggle-${r.code}`}>启用</Typography.Link>
                </Popconfirm>
              ))}
          </Space>
        );
      },
    },
  ];

  return (
    <div style={{ background: '#fff', padding: 16 }}>
      <ServerTable<RoleItem>
        id={TABLE_ID}
        columns={columns}
        fetchPage={(q) => call(api.GET('/api/system/roles', { params: { query: q as RoleQuery } }))}
        exportUrl={(q) => `/api/system/roles${qs({ ...(q as Record<string, string>), format: 'xlsx' })}`}
        exportName="角色列表"
        filters={[
          { name: 'keyword', label: '关键字', node: <KeywordInput placeholder="角色编码或名称" /> },
          {
            name: 'status',
            label: '状态',
            node: (
              <Select
                allowClear
                style={{ width: 110 }}
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
              onClick={() => setEditing({})}
              data-testid="role-create"
            >
              新增角色
            </Button>
          )
        }
      />
      {editing && (
        <RoleFormModal
          role={editing.role}
          onClose={() => setEditing(null)}
          onSaved={(r, created) => {
            setEditing(null);
            afterChange();
            void message.success(created ? `已创建角色“${r.name}”，请设置其权限` : '已保存');
            if (created) setPermRole(r);
          }}
        />
      )}
      {permRole && (
        <PermissionDrawer
          role={permRole}
          readOnly={!canWrite || held.has(permRole.code)}
          ownRole={held.has(permRole.code)}
          onClose={() => setPermRole(null)}
          onSaved={() => {
            void message.success(`已保存角色“${permRole.name}”的权限，持有者下次操作时生效`);
            afterChange();
          }}
        />
      )}
    </div>
  );
}

interface FormValues {
  code: string;
  name: string;
  dataScope: DataScope;
  description?: string;
  sort?: number | null;
}

/** 新增 / 编辑角色 (code is fixed once created). */
function RoleFormModal(props: {
  role?: RoleItem | undefined;
  onClose: () => void;
  onSaved: (r: RoleItem, created: boolean) => void;
}) {
  const { role } = props;
  const [form] = Form.useForm<FormValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(v: FormValues) {
    setBusy(true);
    setError(null);
    try {
      if (role) {
        const body: UpdateBody = {
          name: v.name.trim(),
          dataScope: v.dataScope,
          description: v.description?.trim() || null,
          ...(v.sort !== undefined && v.sort !== null ? { sort: v.sort } : {}),
        };
        props.onSaved(
          await call(api.PUT('/api/system/roles/{id}', { params: { path: { id: role.id } }, body })),
          false,
        );
      } else {
        const body: CreateBody = {
          code: v.code.trim(),
          name: v.name.trim(),
          dataScope: v.dataScope,
          description: v.description?.trim() || null,
          ...(v.sort !== undefined && v.sort !== null ? { sort: v.sort } : {}),
        };
        props.onSaved(await call(api.POST('/api/system/roles', { body })), true);
      }
    } catch (e) {
      if (!applyServerError(form, e, FIELDS)) setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open
      title={role ? `编辑角色：${role.name}` : '新增角色'}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okText="保存"
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'role-form-submit' } as ButtonProps}
      mask={{ closable: false }}
      width={560}
    >
      {error && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={error}
          data-testid="role-form-error"
        />
      )}
      <Form<FormValues>
        form={form}
        layout="vertical"
        data-testid="role-form"
        onFinish={(v) => void submit(v)}
        initialValues={
          role
            ? {
                code: role.code,
                name: role.name,
                dataScope: role.dataScope,
                description: role.description ?? '',
                sort: role.sort,
              }
            : { dataScope: 'org', sort: 100 }
        }
      >
        <Form.Item
          name="code"
          label="角色编码"
          extra={role ? '角色编码创建后不能修改' : '小写字母开头，2–48 位小写字母、数字、下划线'}
          rules={[
            { required: true, message: '请输入角色编码' },
            { pattern: CODE_RE, message: '小写字母开头，2–48 位小写字母、数字、下划线' },
          ]}
        >
          <Input disabled={!!role} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="name"
          label="角色名称"
          rules={[
            { required: true, whitespace: true, message: '请输入角色名称' },
            { max: 64, message: '不超过 64 个字符' },
          ]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="dataScope"
          label="数据范围"
          rules={[{ required: true, message: '请选择数据范围' }]}
          extra="不能超出您本人的数据范围"
        >
          <Select
            data-testid="role-data-scope"
            options={(Object.keys(DATA_SCOPE_LABEL) as DataScope[]).map((k) => ({
              value: k,
              label: DATA_SCOPE_LABEL[k],
              hint: DATA_SCOPE_HINT[k],
            }))}
            optionRender={(o) => (
              <Space>
                <span>{o.label}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {(o.data as { hint: string }).hint}
                </Typography.Text>
              </Space>
            )}
          />
        </Form.Item>
        <Form.Item name="description" label="说明" rules={[{ max: 200, message: '不超过 200 个字符' }]}>
          <Input.TextArea rows={3} maxLength={200} showCount />
        </Form.Item>
        <Form.Item name="sort" label="排序" extra="数字小的排在前面">
          <InputNumber min={0} max={100000} precision={0} style={{ width: 160 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface SeparationDetails {
  sets?: string[];
  codes?: string[][];
  username?: string;
}

/**
 * The permission editor: the catalogue grouped by module as a checkbox tree. The server checks
 * 三员分立 for the role itself and for every user who holds it with other roles; its refusal is shown
 * above the tree and the conflicting codes are marked in red.
 */
function PermissionDrawer(props: {
  role: Pick<RoleItem, 'id' | 'code' | 'name'>;
  readOnly: boolean;
  ownRole: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { role, readOnly } = props;
  const qc = useQueryClient();
  const catalogue = useQuery({
    queryKey: ['system', 'permissions'],
    queryFn: () => call(api.GET('/api/system/permissions')),
    staleTime: 10 * 60_000,
  });
  const granted = useQuery({
    queryKey: ['system', 'roles', 'permissions', role.id],
    queryFn: () => call(api.GET('/api/system/roles/{id}/permissions', { params: { path: { id: role.id } } })),
    gcTime: 0,
  });
  const [checked, setChecked] = useState<string[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | Error | null>(null);

  const allCodes = useMemo(
    () => new Set((catalogue.data?.modules ?? []).flatMap((m) => m.permissions.map((p) => p.code))),
    [catalogue.data],
  );
  const current = checked ?? granted.data?.granted ?? [];
  const conflict = useMemo(() => {
    if (!(error instanceof ApiError) || error.code !== 'SEPARATION_OF_DUTIES') return new Set<string>();
    return new Set(((error.details as SeparationDetails | undefined)?.codes ?? []).flat());
  }, [error]);

  const treeData: TreeDataNode[] = useMemo(
    () =>
      (catalogue.data?.modules ?? []).map((m) => ({
        key: `module:${m.module}`,
        title: (
          <span>
            <b>{m.module}</b>
            <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
              {m.permissions.filter((p) => current.includes(p.code)).length}/{m.permissions.length}
            </Typography.Text>
          </span>
        ),
        children: m.permissions.map((p) => ({
          key: p.code,
          title: (
            <span
              data-testid={`perm-${p.code}`}
              style={conflict.has(p.code) ? { color: '#cf1322', fontWeight: 600 } : undefined}
            >
              {p.name}
              <Typography.Text
                type={conflict.has(p.code) ? 'danger' : 'secondary'}
                style={{ marginLeft: 8, fontSize: 12 }}
              >
                {p.code}
              </Typography.Text>
            </span>
          ),
        })),
      })),
    [catalogue.data, current, conflict],
  );

  async function save() {
    setBusy(true);
    setError(null);
    try {
      const codes = current.filter((c) => allCodes.has(c));
      const r = await call(
        api.PUT('/api/system/roles/{id}/permissions', { params: { path: { id: role.id } }, body: { codes } }),
      );
      qc.setQueryData(['system', 'roles', 'permissions', role.id], r);
      setChecked(null);
      props.onSaved();
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    } finally {
      setBusy(false);
    }
  }

  const loading = catalogue.isLoading || granted.isLoading;
  const loadError = catalogue.error ?? granted.error;
  const dirty = checked !== null;
  const separation = error instanceof ApiError && error.code === 'SEPARATION_OF_DUTIES';

  return (
    <Drawer
      open
      size={600}
      title={`${readOnly ? '查看' : '设置'}权限：${role.name}（${role.code}）`}
      onClose={props.onClose}
      data-testid="role-perm-drawer"
      extra={
        !readOnly && (
          <Space>
            <Button disabled={!dirty || busy} onClick={() => setChecked(null)}>
              撤销修改
            </Button>
            <Button
              type="primary"
              loading={busy}
              disabled={loading || !!loadError}
              onClick={() => void save()}
              data-testid="role-perm-save"
            >
              保存
            </Button>
          </Space>
        )
      }
    >
      {props.ownRole && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title="您持有该角色，不能修改其权限（三员分立：须由其他安全管理员操作）"
        />
      )}
      {!readOnly && (
        <Typography.Paragraph type="secondary">
          {'三员分立：系统管理员、安全管理员、审计管理员的管理权限不能由同一角色持有，' +
            '也不能因本角色与其他角色叠加而由同一用户同时持有。修改在持有该角色的用户下一次操作时生效。'}
        </Typography.Paragraph>
      )}
      {error && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="role-perm-error"
          title={separation ? '违反三员分立，未保存' : '保存失败'}
          description={
            <>
              <div>{errorText(error)}</div>
              {separation && conflict.size > 0 && (
                <div style={{ marginTop: 4 }}>冲突的权限已在下方标红。</div>
              )}
            </>
          }
        />
      )}
      {loading ? (
        <Spin style={{ display: 'block', margin: 48 }} />
      ) : loadError ? (
        <Alert type="error" showIcon title={errorText(loadError)} />
      ) : (
        <>
          <Typography.Text type="secondary">
            已选 {current.filter((c) => allCodes.has(c)).length} / {allCodes.size} 项权限
            {dirty && (
              <Tag color="orange" style={{ marginLeft: 8 }}>
                未保存
              </Tag>
            )}
          </Typography.Text>
          <Tree
            data-testid="role-perm-tree"
            style={{ marginTop: 8 }}
            checkable
            selectable={false}
            defaultExpandAll
            disabled={readOnly}
            treeData={treeData}
            checkedKeys={current}
            onCheck={(keys) => {
              const list = (Array.isArray(keys) ? keys : keys.checked).map(String);
              setChecked(list.filter((k) => allCodes.has(k)));
              if (separation) setError(null);
            }}
          />
        </>
      )}
    </Drawer>
  );
}
