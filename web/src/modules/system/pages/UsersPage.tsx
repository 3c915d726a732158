import { CopyOutlined, LockOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Spin,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { ButtonProps } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api, call, qs } from '../../../api/client';
import type { paths } from '../../../api/schema';
import { useAuth } from '../../../app/auth';
import { applyServerError, errorText, useErrorHandler } from '../../../components/errors';
import { OrgPicker } from '../../../components/OrgPicker';
import {
  KeywordInput,
  ServerTable,
  useReloadTable,
  type ServerColumn,
} from '../../../components/ServerTable';

type UsersGet = paths['/api/system/users']['get'];
type UserQuery = NonNullable<UsersGet['parameters']['query']>;
type UserItem = UsersGet['responses']['200']['content']['application/json']['items'][number];
type CreateBody = paths['/api/system/users']['post']['requestBody']['content']['application/json'];
type UpdateBody = NonNullable<
  paths['/api/system/users/{id}']['put']['requestBody']
>['content']['application/json'];
type RoleQuery = NonNullable<paths['/api/system/roles']['get']['parameters']['query']>;

const TABLE_ID = 'system.users';
const USERNAME_RE = /^[A-Za-z][A-Za-z0-9_.-]{2,63}$/;
const MOBILE_RE = /^1\d{10}$/;
/** Form field names, so the server's field errors land under them even when the field is still empty. */
const FIELDS = {
  username: 'username',
  displayName: 'displayName',
  orgId: 'orgId',
  phone: 'phone',
  email: 'email',
  password: 'password',
};

const fmt = (v: string | null | undefined) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '');

/** Copies text, also where the async clipboard API is missing (plain http on an intranet address). */
async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the old way
  }
  const ta = document.createElement('textarea');
  ta.value = text;
  ta.style.position = 'fixed';
  ta.style.opacity = '0';
  document.body.appendChild(ta);
  ta.select();
  const ok = document.execCommand('copy');
  ta.remove();
  return ok;
}

/** All roles (for the filter and the assignment list); needs role:list. */
function useRoleOptions(enabled: boolean) {
  return useQuery({
    queryKey: ['system', 'roles', 'all'],
    queryFn: () =>
      call(api.GET('/api/system/roles', { params: { query: { pageSize: 500, sort: 'sort' } as RoleQuery } })),
    enabled,
    staleTime: 60_000,
  });
}

/** 用户管理: list within the data scope, create/edit, disable/enable, unlock, reset password, assign roles. */
export function UsersPage() {
  const { me, hasPerm } = useAuth();
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const reload = useReloadTable();
  const canWrite = hasPerm('user:write');
  const canUnlock = hasPerm('user:unlock');
  const canAssign = hasPerm('user:assign-role');
  const canListRoles = hasPerm('role:list');
  const roles = useRoleOptions(canListRoles);
  const [editing, setEditing] = useState<{ id?: string } | null>(null);
  const [assigning, setAssigning] = useState<UserItem | null>(null);
  const [oneTime, setOneTime] = useState<{ username: string; password: string; reason: string } | null>(null);

  async function run(p: Promise<unknown>, done: string) {
    try {
      await p;
      void message.success(done);
      void reload(TABLE_ID);
    } catch (e) {
      onError(e);
    }
  }

  async function setStatus(u: UserItem, status: 'active' | 'disabled') {
    const path = { params: { path: { id: u.id } } };
    await run(
      call(
        status === 'disabled'
          ? api.POST('/api/system/users/{id}/disable', path)
          : api.POST('/api/system/users/{id}/enable', path),
      ),
      status === 'disabled' ? `已停用用户 ${u.username}` : `已启用用户 ${u.username}`,
    );
  }

  async function resetPassword(u: UserItem) {
    try {
      const r = await call(
        api.POST('/api/system/users/{id}/reset-password', { params: { path: { id: u.id } } }),
      );
      setOneTime({ username: u.username, password: r.password, reason: '密码已重置' });
      void reload(TABLE_ID);
    } catch (e) {
      onError(e);
    }
  }

  const columns: ServerColumn<UserItem>[] = [
    { key: 'username', title: '用户名', dataIndex: 'username', sortField: 'username', fixed: 'left' },
    { key: 'displayName', title: '姓名', dataIndex: 'displayName', sortField: 'displayName' },
    { key: 'org', title: '所属机构', dataIndex: ['org', 'name'], sortField: 'org' },
    { key: 'phone', title: '手机号码', dataIndex: 'phone', render: (v: string | null) => v ?? '' },
    { key: 'email', title: '电子邮箱', dataIndex: 'email', render: (v: string | null) => v ?? '' },
    {
      key: 'roles',
      title: '角色',
      dataIndex: 'roles',
      render: (v: UserItem['roles']) =>
        v.length ? (
          <Space size={[0, 4]} wrap>
            {v.map((r) => (
              <Tag key={r.id}>{r.name}</Tag>
            ))}
          </Space>
        ) : (
          <Typography.Text type="secondary">未授权</Typography.Text>
        ),
    },
    {
      key: 'status',
      title: '状态',
      dataIndex: 'status',
      sortField: 'status',
      render: (v: UserItem['status'], r) => (
        <Space size={4} wrap data-testid={`user-status-${r.username}`}>
          {v === 'active' ? <Tag color="success">正常</Tag> : <Tag color="error">停用</Tag>}
          {r.locked && (
            <Tooltip
              title={r.lockedUntil ? `密码错误次数过多，锁定至 ${fmt(r.lockedUntil)}` : '密码错误次数过多'}
            >
              <Tag color="orange" icon={<LockOutlined />}>
                已锁定
              </Tag>
            </Tooltip>
          )}
          {r.mustChangePassword && <Tag color="blue">待改密</Tag>}
        </Space>
      ),
    },
    {
      key: 'lastLoginAt',
      title: '最近登录',
      dataIndex: 'lastLoginAt',
      sortField: 'lastLoginAt',
      render: (v: string | null, r) =>
        v ? (
          <Tooltip title={r.lastLoginIp ? `IP：${r.lastLoginIp}` : undefined}>
            <span>{fmt(v)}</span>
          </Tooltip>
        ) : (
          <Typography.Text type="secondary">从未登录</Typography.Text>
        ),
    },
    { key: 'createdAt', title: '创建时间', dataIndex: 'createdAt', sortField: 'createdAt', render: fmt },
  ];

  if (canWrite || canUnlock || canAssign) {
    columns.push({
      key: 'actions',
      title: '操作',
      fixed: 'right',
      render: (_: unknown, r) => {
        const self = r.id === me?.id;
        return (
          <Space size="small" wrap={false}>
            {canWrite && (
              <Typography.Link
                onClick={() => setEditing({ id: r.id })}
                data-testid={`user-edit-${r.username}`}
              >
                编辑
              </Typography.Link>
            )}
            {canAssign &&
              (self ? (
                <Tooltip title="不能修改自己的角色（三员分立）">
                  <Typography.Link disabled>分配角色</Typography.Link>
                </Tooltip>
              ) : (
                <Typography.Link onClick={() => setAssigning(r)} data-testid={`user-roles-${r.username}`}>
                  分配角色
                </Typography.Link>
              ))}
            {canUnlock && r.locked && (
              <Popconfirm
                title={`解除用户“${r.displayName}”的锁定？`}
                onConfirm={() =>
                  run(
                    call(api.POST('/api/system/users/{id}/unlock', { params: { path: { id: r.id } } })),
                    `已解锁用户 ${r.username}`,
                  )
                }
              >
                <Typography.Link data-testid={`user-unlock-${r.username}`}>解锁</Typography.Link>
              </Popconfirm>
            )}
            {canWrite && (
              <Popconfirm
                title={`重置用户“${r.displayName}”的密码？`}
                description="将生成一次性密码，该用户的全部会话立即结束，下次登录须修改密码。"
                okText="重置"
                okButtonProps={{ danger: true }}
                onConfirm={() => resetPassword(r)}
              >
                <Typography.Link data-testid={`user-reset-${r.username}`}>重置密码</Typography.Link>
              </Popconfirm>
            )}
            {canWrite &&
              !self &&
              (r.status === 'active' ? (
                <Popconfirm
                  title={`停用用户“${r.displayName}”？`}
                  description="停用后该用户不能登录，其全部会话立即结束。"
                  okText="停用"
                  okButtonProps={{ danger: true }}
                  onConfirm={() => setStatus(r, 'disabled')}
                >
                  <Typography.Link type="danger" data-testid={`user-toggle-${r.username}`}>
                    停用
                  </Typography.Link>
                </Popconfirm>
              ) : (
                <Popconfirm
                  title={`启用用户“${r.displayName}”？`}
                  okText="启用"
                  onConfirm={() => setStatus(r, 'active')}
                >
                  <Typography.Link data-testid={`user-toggle-${r.username}`}>启用</Typography.Link>
                </Popconfirm>
              ))}
          </Space>
        );
      },
    });
  }

  const filters = [
    { name: 'keyword', label: '关键字', node: <KeywordInput placeholder="用户名或姓名" /> },
    {
      name: 'orgId',
      label: '所属机构',
      node: <OrgPicker allowDisabled placeholder="含下级机构" style={{ width: 240 }} />,
    },
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
    ...(canListRoles
      ? [
          {
            name: 'roleCode',
            label: '角色',
            node: (
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                style={{ width: 180 }}
                loading={roles.isLoading}
                options={(roles.data?.items ?? []).map((r) => ({ value: r.code, label: r.name }))}
              />
            ),
          },
        ]
      : []),
  ];

  return (
    <div style={{ background: '#fff', padding: 16 }}>
      <ServerTable<UserItem>
        id={TABLE_ID}
        columns={columns}
        defaultSort="username"
        fetchPage={(q) => call(api.GET('/api/system/users', { params: { query: q as UserQuery } }))}
        exportUrl={(q) => `/api/system/users${qs({ ...(q as Record<string, string>), format: 'xlsx' })}`}
        exportName="用户列表"
        filters={filters}
        toolbar={
          canWrite && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing({})}
              data-testid="user-create"
            >
              新增用户
            </Button>
          )
        }
      />
      {editing && (
        <UserFormModal
          userId={editing.id}
          passwordPolicy={me?.passwordPolicy}
          onClose={() => setEditing(null)}
          onSaved={(username, initialPassword) => {
            setEditing(null);
            void reload(TABLE_ID);
            if (initialPassword) setOneTime({ username, password: initialPassword, reason: '用户已创建' });
            else void message.success(editing.id ? '已保存' : `已创建用户 ${username}`);
          }}
        />
      )}
      {assigning && (
        <AssignRolesModal
          user={assigning}
          onClose={() => setAssigning(null)}
          onSaved={() => {
            setAssigning(null);
            void message.success(`已更新用户 ${assigning.username} 的角色`);
            void reload(TABLE_ID);
          }}
        />
      )}
      {oneTime && <OneTimePasswordModal {...oneTime} onClose={() => setOneTime(null)} />}
    </div>
  );
}

interface FormValues {
  username: string;
  displayName: string;
  orgId: string;
  phone?: string;
  email?: string;
  password?: string;
}

/** 新增 / 编辑用户. Editing loads the detail, which carries the full phone number (the list masks it). */
function UserFormModal(props: {
  userId?: string | undefined;
  passwordPolicy?: string | undefined;
  onClose: () => void;
  onSaved: (username: string, initialPassword: string | null) => void;
}) {
  const { userId } = props;
  const [form] = Form.useForm<FormValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const detail = useQuery({
    queryKey: ['system', 'users', 'detail', userId],
    queryFn: () => call(api.GET('/api/system/users/{id}', { params: { path: { id: userId! } } })),
    enabled: !!userId,
    gcTime: 0,
  });

  async function submit(v: FormValues) {
    setBusy(true);
    setError(null);
    try {
      if (userId) {
        const body: UpdateBody = {
          displayName: v.displayName.trim(),
          orgId: v.orgId,
          phone: v.phone?.trim() || null,
          email: v.email?.trim() || null,
        };
        const u = await call(api.PUT('/api/system/users/{id}', { params: { path: { id: userId } }, body }));
        props.onSaved(u.username, null);
      } else {
        const body: CreateBody = {
          username: v.username.trim(),
          displayName: v.displayName.trim(),
          orgId: v.orgId,
          phone: v.phone?.trim() || null,
          email: v.email?.trim() || null,
          ...(v.password ? { password: v.password } : {}),
        };
        const r = await call(api.POST('/api/system/users', { body }));
        props.onSaved(r.user.username, r.initialPassword);
      }
    } catch (e) {
      // A field error goes under its field; anything else (with its request id) stays visible in the dialog.
      if (!applyServerError(form, e, FIELDS)) setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  const d = detail.data;
  return (
    <Modal
      open
      title={userId ? '编辑用户' : '新增用户'}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okText="保存"
      confirmLoading={busy}
      okButtonProps={{ disabled: !!userId && !d, 'data-testid': 'user-form-submit' } as ButtonProps}
      mask={{ closable: false }}
      width={560}
    >
      {error && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={error} />}
      {userId && !d ? (
        detail.error ? (
          <Alert type="error" showIcon title={errorText(detail.error)} />
        ) : (
          <Spin style={{ display: 'block', margin: 32 }} />
        )
      ) : (
        <Form<FormValues>
          form={form}
          layout="vertical"
          data-testid="user-form"
          onFinish={(v) => void submit(v)}
          initialValues={
            d
              ? {
                  username: d.username,
                  displayName: d.displayName,
                  orgId: d.org.id,
                  phone: d.phone ?? '',
                  email: d.email ?? '',
                }
              : {}
          }
        >
          <Form.Item
            name="username"
            label="用户名"
            extra={userId ? '用户名创建后不能修改' : '字母开头，3–64 位字母、数字、_ . -'}
            rules={[
              { required: true, message: '请输入用户名' },
              { pattern: USERNAME_RE, message: '字母开头，3–64 位字母、数字、_ . -' },
            ]}
          >
            <Input disabled={!!userId} autoComplete="off" />
          </Form.Item>
          <Form.Item
            name="displayName"
            label="姓名"
            rules={[
              { required: true, whitespace: true, message: '请输入姓名' },
              { max: 64, message: '不超过 64 个字符' },
            ]}
          >
            <Input />
          </Form.Item>
          <Form.Item name="orgId" label="所属机构" rules={[{ required: true, message: '请选择所属机构' }]}>
            <OrgPicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="phone"
            label="手机号码"
            rules={[{ pattern: MOBILE_RE, message: '手机号码格式不正确（11 位，以 1 开头）' }]}
          >
            <Input maxLength={11} />
          </Form.Item>
          <Form.Item name="email" label="电子邮箱" rules={[{ type: 'email', message: '电子邮箱格式不正确' }]}>
            <Input maxLength={128} />
          </Form.Item>
          {!userId && (
            <Form.Item
              name="password"
              label="初始密码"
              extra={`可不填：不填则由系统生成一次性初始密码，保存后显示一次。${props.passwordPolicy ?? ''}`}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          )}
        </Form>
      )}
    </Modal>
  );
}

/** 分配角色 (security administrator): a checkbox list of the roles; 三员分立 refusals shown under the list. */
function AssignRolesModal(props: { user: UserItem; onClose: () => void; onSaved: () => void }) {
  const { user } = props;
  const [form] = Form.useForm<{ roleIds: string[] }>();
  const roles = useRoleOptions(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const all = roles.data?.items ?? [];
  const heldDisabled = all.filter((r) => r.status !== 'active' && user.roles.some((x) => x.id === r.id));

  async function submit(v: { roleIds: string[] }) {
    setBusy(true);
    setError(null);
    try {
      const active = new Set(all.filter((r) => r.status === 'active').map((r) => r.id));
      const roleIds = (v.roleIds ?? []).filter((id) => active.has(id));
      await call(
        api.PUT('/api/system/users/{id}/roles', { params: { path: { id: user.id } }, body: { roleIds } }),
      );
      props.onSaved();
    } catch (e) {
      if (!applyServerError(form, e, { roleIds: 'roleIds' })) setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open
      title={`分配角色：${user.displayName}（${user.username}）`}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okText="保存"
      confirmLoading={busy}
      okButtonProps={{ disabled: roles.isLoading, 'data-testid': 'role-assign-submit' } as ButtonProps}
      mask={{ closable: false }}
      width={560}
      styles={{ body: { maxHeight: '65vh', overflowY: 'auto' } }}
    >
      <Typography.Paragraph type="secondary">
        三员分立：系统管理员、安全管理员、审计管理员的权限不能由同一用户同时持有；不能授予超出本人数据范围的角色。
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={error} />}
      {heldDisabled.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={`该用户持有已停用的角色（${heldDisabled.map((r) => r.name).join('、')}），保存后将被移除`}
        />
      )}
      {roles.isLoading ? (
        <Spin style={{ display: 'block', margin: 32 }} />
      ) : roles.error ? (
        <Alert type="error" showIcon title={errorText(roles.error)} />
      ) : (
        <Form
          form={form}
          layout="vertical"
          data-testid="role-assign-form"
          initialValues={{ roleIds: user.roles.map((r) => r.id) }}
          onFinish={(v) => void submit(v)}
        >
          <Form.Item name="roleIds" label="角色">
            <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
              {all.map((r) => (
                <Checkbox
                  key={r.id}
                  value={r.id}
                  disabled={r.status !== 'active'}
                  data-testid={`role-option-${r.code}`}
                >
                  <Space size={4}>
                    <span>{r.name}</span>
                    <Typography.Text type="secondary">{r.code}</Typography.Text>
                    {r.status !== 'active' && <Tag>已停用</Tag>}
                  </Space>
                  {r.description && (
                    <div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {r.description}
                      </Typography.Text>
                    </div>
                  )}
                </Checkbox>
              ))}
            </Checkbox.Group>
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

/** Shows a one-time password once, with a copy button; it cannot be shown again after closing. */
function OneTimePasswordModal(props: {
  username: string;
  password: string;
  reason: string;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  return (
    <Modal
      open
      title={`${props.reason}：一次性密码`}
      onCancel={props.onClose}
      mask={{ closable: false }}
      footer={[
        <Button
          key="copy"
          icon={<CopyOutlined />}
          data-testid="one-time-password-copy"
          onClick={() =>
            void copyText(props.password).then((ok) =>
              ok ? message.success('已复制到剪贴板') : message.warning('复制失败，请手动选中密码复制'),
            )
          }
        >
          复制密码
        </Button>,
        <Button key="ok" type="primary" onClick={props.onClose}>
          我已记下
        </Button>,
      ]}
    >
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        title="此密码只显示这一次，关闭后无法再次查看。请通过安全渠道告知用户；用户登录后须立即修改密码。"
      />
      <Space orientation="vertical" size={4}>
        <Typography.Text type="secondary">用户名：{props.username}</Typography.Text>
        <Typography.Text
          code
          copyable={{ text: props.password }}
          style={{ fontSize: 20 }}
          data-testid="one-time-password"
        >
          {props.password}
        </Typography.Text>
      </Space>
    </Modal>
  );
}
