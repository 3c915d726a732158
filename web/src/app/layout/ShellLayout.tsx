import { BellOutlined, DownOutlined, LogoutOutlined, ReloadOutlined, UserOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Dropdown, Layout, Menu, Space, Spin, Tabs } from 'antd';
import type { MenuProps } from 'antd';
import { Suspense, useMemo, useRef, useState } from 'react';
import { Navigate, useLocation, useNavigate, useOutlet } from 'react-router';
import { api, call } from '../../api/client';
import { useAuth } from '../auth';
import { MENU_GROUPS, PAGES, pageOf } from '../pages';
import { TabTitleContext } from './tabTitle';
import { HOME_KEY, useTabs } from './useTabs';
import { ErrorBoundary } from '../../components/ErrorBoundary';
import { StatusMessage } from '../../components/StatusMessage';

const { Header, Sider, Content } = Layout;

/** The console shell: permission menu, top bar, breadcrumbs and the multi-tab workspace. */
export function ShellLayout() {
  const { me, loading, hasPerm, logout, lostReason } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const outlet = useOutlet();
  const [collapsed, setCollapsed] = useState(false);
  // The tab whose right-click menu is open (controlled: see the Dropdown of the tab labels).
  const [menuTab, setMenuTab] = useState<string | null>(null);
  const current = pageOf(location.pathname);
  const activeKey = location.pathname;
  const { tabs, elementOf, close, refresh, rename } = useTabs(activeKey, current?.title ?? '页面', outlet);
  // One stable title setter per tab, for pages that name their tab (useTabTitle).
  const titleSetters = useRef(new Map<string, (title: string) => void>());
  const titleSetter = (key: string) => {
    let f = titleSetters.current.get(key);
    if (!f) {
      f = (title: string) => rename(key, title);
      titleSetters.current.set(key, f);
    }
    return f;
  };

  const unread = useQuery({
    queryKey: ['notices', 'mine', 'unread'],
    queryFn: () =>
      call(api.GET('/api/system/notices/mine', { params: { query: { unreadOnly: true, pageSize: 1 } } })),
    enabled: !!me && !me.mustChangePassword,
    refetchInterval: 120_000,
  });

  const menuItems = useMemo<MenuProps['items']>(() => {
    const visible = PAGES.filter((p) => !p.hidden && hasPerm(p.permission));
    const top = visible.filter((p) => !p.group).map((p) => ({ key: p.path, icon: p.icon, label: p.title }));
    const groups = MENU_GROUPS.map((g) => ({
      key: g.key,
      icon: g.icon,
      label: g.title,
      children: visible
        .filter((p) => p.group === g.key)
        .map((p) => ({ key: p.path, icon: p.icon, label: p.title })),
    })).filter((g) => g.children.length > 0);
    return [...top, ...groups];
  }, [hasPerm]);

  if (loading) return <Spin fullscreen description="加载中…" />;
  if (!me)
    return (
      <Navigate
        to={`/login?redirect=${encodeURIComponent(location.pathname + location.search)}${lostReason ? `&reason=${lostReason}` : ''}`}
        replace
      />
    );
  if (me.mustChangePassword) return <Navigate to="/change-password" replace />;

  const group = MENU_GROUPS.find((g) => g.key === current?.group);
  const tabMenu = (key: string): MenuProps['items'] => [
    { key: 'refresh', label: '刷新', icon: <ReloadOutlined />, onClick: () => refresh(key) },
    { key: 'close', label: '关闭', disabled: key === HOME_KEY, onClick: () => closeTabs([key]) },
    {
      key: 'others',
      label: '关闭其他',
      onClick: () => {
        closeTabs(tabs.filter((t) => t.key !== key).map((t) => t.key));
        if (key !== activeKey) void navigate(key);
      },
    },
    { key: 'all', label: '关闭全部', onClick: () => closeTabs(tabs.map((t) => t.key)) },
  ];
  function closeTabs(keys: string[]) {
    setMenuTab(null);
    close(keys);
    if (keys.includes(activeKey) && activeKey !== HOME_KEY) {
      const rest = tabs.filter((t) => t.key === HOME_KEY || !keys.includes(t.key));
      void navigate(rest[rest.length - 1]?.key ?? HOME_KEY);
    }
  }

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} width={220} theme="dark">
        <div
          style={{
            color: '#fff',
            padding: '16px 12px',
            fontWeight: 600,
            whiteSpace: 'nowrap',
            overflow: 'hidden',
          }}
        >
          {collapsed ? '陕西市监' : '陕西省市场监督管理局'}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[activeKey]}
          defaultOpenKeys={current?.group ? [current.group] : []}
          items={menuItems}
          onClick={({ key }) => void navigate(key)}
          data-testid="side-menu"
        />
      </Sider>
      <Layout>
        <Header
          style={{ background: '#fff', padding: '0 16px', display: 'flex', alignItems: 'center', gap: 16 }}
        >
          {/* Plain text, styled like antd's Breadcrumb (which would add ~1.5 kB to the first load). */}
          <nav aria-label="当前位置" style={{ flex: 1, color: 'rgba(0,0,0,0.45)', lineHeight: 1.5715 }}>
            {['首页', ...(group ? [group.title] : []), current?.title ?? ''].map((t, i, all) => (
              <span key={i}>
                {i > 0 && <span style={{ margin: '0 8px' }}>/</span>}
                <span style={i === all.length - 1 ? { color: 'rgba(0,0,0,0.88)' } : undefined}>{t}</span>
              </span>
            ))}
          </nav>
          {/* A plain count bubble: antd Badge/Avatar cost several kB of the first load (bench:web). */}
          <span style={{ position: 'relative', display: 'inline-block' }}>
            <Button
              type="text"
              icon={<BellOutlined />}
              onClick={() => void navigate('/notices')}
              aria-label="公告"
            />
            {(unread.data?.unread ?? 0) > 0 && (
              <span
                data-testid="unread-count"
                style={{
                  position: 'absolute',
                  top: 0,
                  right: 0,
                  minWidth: 16,
                  height: 16,
                  padding: '0 4px',
                  borderRadius: 8,
                  background: '#ff4d4f',
                  color: '#fff',
                  fontSize: 11,
                  lineHeight: '16px',
                  textAlign: 'center',
                  pointerEvents: 'none',
                }}
              >
                {unread.data?.unread}
              </span>
            )}
          </span>
          <Dropdown
            menu={{
              items: [
                {
                  key: 'pwd',
                  label: '修改密码',
                  onClick: () => void navigate('/change-password?voluntary=1'),
                },
                { key: 'logout', label: '退出登录', icon: <LogoutOutlined />, onClick: () => void logout() },
              ],
            }}
          >
            <Space style={{ cursor: 'pointer' }} data-testid="user-menu">
              <UserOutlined />
              <span>{me.displayName}</span>
              <span style={{ color: 'rgba(0,0,0,0.45)' }}>{me.org.name}</span>
              <DownOutlined />
            </Space>
          </Dropdown>
        </Header>
        <Tabs
          type="editable-card"
          hideAdd
          size="small"
          activeKey={activeKey}
          onChange={(k) => void navigate(k)}
          onEdit={(k, action) => action === 'remove' && typeof k === 'string' && closeTabs([k])}
          style={{ background: '#fff', padding: '4px 16px 0' }}
          tabBarStyle={{ marginBottom: 0 }}
          data-testid="workspace-tabs"
          items={tabs.map((t) => ({
            key: t.key,
            closable: t.closable,
            label: (
              <Dropdown
                // The menu is portalled, but React events still bubble to the tab: without this a click on
                // 关闭 / 关闭全部 also "clicks" the tab and navigates back to the page being closed.
                menu={{ items: tabMenu(t.key), onClick: ({ domEvent }) => domEvent.stopPropagation() }}
                trigger={['contextMenu']}
                open={menuTab === t.key}
                onOpenChange={(open, { source }) => {
                  if (open) setMenuTab(t.key);
                  // A menu opened at the pointer is closed by the trigger on any scroll or resize of the
                  // window — also when a loading page changes the height of a scrolled document, right after
                  // the menu opened. Only a menu choice, a click elsewhere or Esc closes it here.
                  else if (source === 'menu' || !/^(scroll|resize)$/.test(window.event?.type ?? ''))
                    setMenuTab((k) => (k === t.key ? null : k));
                }}
              >
                <span>{t.title}</span>
              </Dropdown>
            ),
          }))}
        />
        <Content style={{ margin: 16 }}>
          {tabs.map((t) => {
            const el = elementOf(t.key);
            const page = pageOf(t.key);
            const allowed = !page || hasPerm(page.permission);
            return (
              <div key={`${t.key}#${t.version}`} style={{ display: t.key === activeKey ? 'block' : 'none' }}>
                <ErrorBoundary>
                  <TabTitleContext.Provider value={titleSetter(t.key)}>
                    <Suspense fallback={<Spin style={{ margin: 48 }} />}>
                      {!page ? (
                        <StatusMessage code="404" title="页面不存在" subTitle={t.key} />
                      ) : allowed ? (
                        el
                      ) : (
                        <StatusMessage
                          code="403"
                          tone="warning"
                          title="没有权限"
                          subTitle="您没有访问此页面的权限，请联系安全管理员授权"
                        />
                      )}
                    </Suspense>
                  </TabTitleContext.Provider>
                </ErrorBoundary>
              </div>
            );
          })}
        </Content>
      </Layout>
    </Layout>
  );
}
