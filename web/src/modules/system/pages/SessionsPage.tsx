import { App, Space, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { api, call, qs } from '../../../api/client';
import type { paths } from '../../../api/schema';
import { useAuth } from '../../../app/auth';
import { useErrorHandler } from '../../../components/errors';
import { OrgPicker } from '../../../components/OrgPicker';
import {
  KeywordInput,
  ServerTable,
  useReloadTable,
  type ServerColumn,
  type FilterDef,
} from '../../../components/ServerTable';

type Session =
  paths['/api/system/sessions']['get']['responses']['200']['content']['application/json']['items'][number];

const TABLE_ID = 'security.sessions';
const time = (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm');

/** 在线用户: active sessions within the data scope; the security administrator can force a logout. */
export function SessionsPage() {
  const { hasPerm } = useAuth();
  const canRevoke = hasPerm('session:revoke');
  const { message, modal } = App.useApp();
  const onError = useErrorHandler();
  const reload = useReloadTable();

  const revoke = (s: Session) =>
    modal.confirm({
      title: `强制下线“${s.displayName}（${s.username}）”？`,
      content: `该用户在 ${s.ip ?? '未知 IP'} 的会话将立即失效，需要重新登录。此操作记入审计日志。`,
      okText: '强制下线',
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          const r = await call(api.DELETE('/api/system/sessions/{id}', { params: { path: { id: s.id } } }));
          void message.success(`已将 ${r.username} 强制下线`);
          void reload(TABLE_ID);
        } catch (e) {
          onError(e);
        }
      },
    });

  const columns: ServerColumn<Session>[] = [
    {
      key: 'username',
      title: '用户名',
      dataIndex: 'username',
      sortField: 'username',
      render: (v: string, r) => (
        <Space size={4}>
          {v}
          {r.current && <Tag color="blue">当前会话</Tag>}
        </Space>
      ),
    },
    { key: 'displayName', title: '姓名', dataIndex: 'displayName' },
    { key: 'orgName', title: '所属机构', dataIndex: 'orgName' },
    { key: 'ip', title: 'IP', dataIndex: 'ip', render: (v: string | null) => v ?? '—' },
    {
      key: 'userAgent',
      title: '浏览器',
      dataIndex: 'userAgent',
      render: (v: string | null) =>
        v ? (
          <Typography.Text type="secondary" style={{ maxWidth: 280 }} ellipsis={{ tooltip: v }}>
            {v}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
    { key: 'loginAt', title: '登录时间', dataIndex: 'loginAt', sortField: 'loginAt', render: time },
    { key: 'lastSeenAt', title: '最后活动', dataIndex: 'lastSeenAt', sortField: 'lastSeenAt', render: time },
    { key: 'expiresAt', title: '最长有效至', dataIndex: 'expiresAt', render: time },
    ...(canRevoke
      ? [
          {
            key: 'ops',
            title: '操作',
            fixed: 'right' as const,
            render: (_: unknown, r: Session) =>
              r.current ? (
                <Tooltip title="不能强制下线自己的当前会话，请使用“退出登录”">
                  <Typography.Text type="secondary" style={{ cursor: 'not-allowed' }}>
                    强制下线
                  </Typography.Text>
                </Tooltip>
              ) : (
                <Typography.Link
                  type="danger"
                  onClick={() => revoke(r)}
                  data-testid={`session-revoke-${r.username}`}
                >
                  强制下线
                </Typography.Link>
              ),
          },
        ]
      : []),
  ];

  const filters: FilterDef[] = [
    { name: 'keyword', label: '用户', node: <KeywordInput placeholder="用户名或姓名" /> },
    ...(hasPerm('org:list')
      ? [
          {
            name: 'orgId',
            label: '机构',
            node: <OrgPicker placeholder="含下级机构" style={{ width: 220 }} />,
          },
        ]
      : []),
  ];

  return (
    <div data-testid="sessions-page" style={{ background: '#fff', padding: 16 }}>
      <ServerTable<Session>
        id={TABLE_ID}
        columns={columns}
        defaultSort="-lastSeenAt"
        fetchPage={(q) => call(api.GET('/api/system/sessions', { params: { query: q as never } }))}
        exportUrl={(q) => `/api/system/sessions${qs({ ...(q as Record<string, string>), format: 'xlsx' })}`}
        exportName="在线用户"
        filters={filters}
      />
    </div>
  );
}
