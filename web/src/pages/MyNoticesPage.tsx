import { NotificationOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Badge, Card, Drawer, Empty, List, Segmented, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { api, call } from '../api/client';
import type { paths } from '../api/schema';
import { errorText } from '../components/errors';

type MyNotice =
  paths['/api/system/notices/mine']['get']['responses']['200']['content']['application/json']['items'][number];

const PATH = '/notices';
const time = (v: string | null | undefined) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '—');

/** 我的公告: published notices for the user, unread first marked; opening one marks it read. */
export function MyNoticesPage() {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const location = useLocation();
  const navigate = useNavigate();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [open, setOpen] = useState<MyNotice>();

  const types = useQuery({
    queryKey: ['dict', 'sys_notice_type'],
    queryFn: () =>
      call(api.GET('/api/system/dicts/{code}/items', { params: { path: { code: 'sys_notice_type' } } })),
    staleTime: 5 * 60_000,
  });
  const typeTag = (v: string) => {
    const i = types.data?.items.find((x) => x.value === v);
    return (
      <Tag color={i?.tagColor && i.tagColor !== 'default' ? i.tagColor : undefined}>{i?.label ?? v}</Tag>
    );
  };

  const q = useQuery({
    queryKey: ['notices', 'mine', 'list', { unreadOnly, page, pageSize }],
    queryFn: () =>
      call(api.GET('/api/system/notices/mine', { params: { query: { unreadOnly, page, pageSize } } })),
    placeholderData: keepPreviousData,
  });

  async function show(n: MyNotice) {
    setOpen(n);
    if (n.read) return;
    try {
      await call(api.POST('/api/system/notices/{id}/read', { params: { path: { id: n.id } } }));
      setOpen((cur) => (cur?.id === n.id ? { ...cur, read: true, readAt: new Date().toISOString() } : cur));
      // The list, the bell's badge and the home page all count unread notices.
      void qc.invalidateQueries({ queryKey: ['notices', 'mine'] });
    } catch {
      // Reading still works; the notice simply stays unread.
    }
  }

  // `?id=` (from the home page and the bell) opens that notice. The page stays mounted in its tab, so it reacts
  // to each navigation to /notices?id=…, and only while /notices is the current route.
  const handled = useRef<string>(undefined);
  const wanted = location.pathname === PATH ? new URLSearchParams(location.search).get('id') : null;
  useEffect(() => {
    if (!wanted || handled.current === location.key) return;
    handled.current = location.key;
    const onPage = q.data?.items.find((n) => n.id === wanted);
    if (onPage) {
      void show(onPage);
      return;
    }
    // Not on the page shown: look through the user's notices (the reader API has no single-notice read).
    void qc
      .fetchQuery({
        queryKey: ['notices', 'mine', 'all'],
        queryFn: () =>
          call(api.GET('/api/system/notices/mine', { params: { query: { page: 1, pageSize: 500 } } })),
        staleTime: 30_000,
      })
      .then((all) => {
        const n = all.items.find((x) => x.id === wanted);
        if (n) void show(n);
        else void message.warning('该公告不存在或已撤回');
      })
      .catch((e: unknown) => void message.error(errorText(e)));
    // Re-run only for a new navigation (show, qc and message do not change what it does).
  }, [wanted, location.key]);

  function close() {
    setOpen(undefined);
    if (location.pathname === PATH && location.search.includes('id=')) void navigate(PATH, { replace: true });
  }

  const data = q.data;
  return (
    <Card
      data-testid="my-notices"
      title={
        <Space>
          <NotificationOutlined />
          <span>我的公告</span>
          {data && data.unread > 0 && <Badge count={data.unread} title={`${data.unread} 条未读`} />}
        </Space>
      }
      extra={
        <Segmented
          value={unreadOnly ? 'unread' : 'all'}
          onChange={(v) => {
            setUnreadOnly(v === 'unread');
            setPage(1);
          }}
          options={[
            { value: 'all', label: '全部' },
            { value: 'unread', label: `未读${data ? `（${data.unread}）` : ''}` },
          ]}
        />
      }
    >
      {q.error && <Typography.Text type="danger">{errorText(q.error)}</Typography.Text>}
      <List<MyNotice>
        loading={q.isFetching}
        dataSource={data?.items ?? []}
        locale={{ emptyText: <Empty description={unreadOnly ? '没有未读公告' : '暂无公告'} /> }}
        pagination={{
          current: page,
          pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (t) => `共 ${t} 条`,
          onChange: (p, s) => {
            setPage(p);
            setPageSize(s);
          },
        }}
        renderItem={(n) => (
          <List.Item
            key={n.id}
            style={{ cursor: 'pointer' }}
            onClick={() => void show(n)}
            data-testid={`my-notice-${n.id}`}
            extra={<Typography.Text type="secondary">{time(n.publishedAt)}</Typography.Text>}
          >
            <List.Item.Meta
              avatar={
                <Badge dot={!n.read} offset={[-2, 2]}>
                  <NotificationOutlined style={{ fontSize: 18, color: n.read ? '#bbb' : '#1f5fbf' }} />
                </Badge>
              }
              title={
                <Space>
                  {!n.read && <Tag color="blue">未读</Tag>}
                  {typeTag(n.type)}
                  <Typography.Text style={{ fontWeight: n.read ? 'normal' : 600 }}>{n.title}</Typography.Text>
                </Space>
              }
              description={
                <Typography.Paragraph type="secondary" ellipsis={{ rows: 1 }} style={{ margin: 0 }}>
                  {n.content}
                </Typography.Paragraph>
              }
            />
          </List.Item>
        )}
      />
      <Drawer open={!!open} onClose={close} size={640} title={open?.title} destroyOnHidden>
        {open && (
          <div data-testid="my-notice-view">
            <Space wrap style={{ marginBottom: 16 }}>
              {typeTag(open.type)}
              <Typography.Text type="secondary">发布时间：{time(open.publishedAt)}</Typography.Text>
              {open.read && open.readAt && (
                <Typography.Text type="secondary">阅读时间：{time(open.readAt)}</Typography.Text>
              )}
            </Space>
            <div style={{ whiteSpace: 'pre-wrap', lineHeight: 1.8, fontSize: 15 }}>{open.content}</div>
          </div>
        )}
      </Drawer>
    </Card>
  );
}
