import {
  AuditOutlined,
  CalendarOutlined,
  ClusterOutlined,
  DashboardOutlined,
  DesktopOutlined,
  FileSearchOutlined,
  FileTextOutlined,
  GlobalOutlined,
  LoginOutlined,
  NotificationOutlined,
  ReadOutlined,
  SafetyCertificateOutlined,
  SafetyOutlined,
  SettingOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import { matchPath } from 'react-router';

/** One page of the console: its path, title, menu group, and the permission codes that open it. */
export interface PageDef {
  path: string;
  title: string;
  group?: string;
  icon?: ReactNode;
  /** Any one of these codes opens the page (and shows its menu entry); none = any logged-in user. */
  permission?: string[];
  component: LazyExoticComponent<ComponentType>;
  /** Not in the side menu (opened from another page, e.g. a task from the inbox). */
  hidden?: boolean;
}

// Route-level code splitting: each page is its own chunk, loaded when first opened.
const page = <M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M) =>
  lazy(async () => ({ default: (await load())[name] as ComponentType }));

export const MENU_GROUPS: Array<{ key: string; title: string; icon: ReactNode }> = [
  { key: 'licensing', title: '生产许可', icon: <SafetyCertificateOutlined /> },
  { key: 'system', title: '系统管理', icon: <SettingOutlined /> },
  { key: 'security', title: '安全审计', icon: <SafetyOutlined /> },
];

/** Every page. Modules add theirs here; the side menu and the route guard both read this list. */
export const PAGES: PageDef[] = [
  {
    path: '/',
    title: '工作台',
    icon: <DashboardOutlined />,
    component: page(() => import('../pages/HomePage'), 'HomePage'),
  },
  {
    path: '/system/users',
    title: '用户管理',
    group: 'system',
    icon: <UserOutlined />,
    permission: ['user:list'],
    component: page(() => import('../modules/system/pages/UsersPage'), 'UsersPage'),
  },
  {
    path: '/system/roles',
    title: '角色管理',
    group: 'system',
    icon: <TeamOutlined />,
    permission: ['role:list'],
    component: page(() => import('../modules/system/pages/RolesPage'), 'RolesPage'),
  },
  {
    path: '/system/orgs',
    title: '组织机构',
    group: 'system',
    icon: <ClusterOutlined />,
    permission: ['org:list'],
    component: page(() => import('../modules/system/pages/OrgsPage'), 'OrgsPage'),
  },
  {
    path: '/system/regions',
    title: '行政区划',
    group: 'system',
    icon: <GlobalOutlined />,
    permission: ['region:list'],
    component: page(() => import('../modules/system/pages/RegionsPage'), 'RegionsPage'),
  },
  {
    path: '/system/dicts',
    title: '数据字典',
    group: 'system',
    icon: <ReadOutlined />,
    permission: ['dict:list'],
    component: page(() => import('../modules/system/pages/DictsPage'), 'DictsPage'),
  },
  {
    path: '/system/params',
    title: '系统参数',
    group: 'system',
    icon: <SettingOutlined />,
    permission: ['param:list'],
    component: page(() => import('../modules/system/pages/ParamsPage'), 'ParamsPage'),
  },
  {
    path: '/system/notices',
    title: '通知公告',
    group: 'system',
    icon: <NotificationOutlined />,
    permission: ['notice:write'],
    component: page(() => import('../modules/system/pages/NoticesPage'), 'NoticesPage'),
  },
  {
    path: '/system/calendar',
    title: '节假日日历',
    group: 'system',
    icon: <CalendarOutlined />,
    permission: ['calendar:write'],
    component: page(() => import('../modules/system/pages/CalendarPage'), 'CalendarPage'),
  },
  {
    path: '/security/audit',
    title: '审计日志',
    group: 'security',
    icon: <AuditOutlined />,
    permission: ['audit:list'],
    component: page(() => import('../modules/system/pages/AuditLogPage'), 'AuditLogPage'),
  },
  {
    path: '/security/login-logs',
    title: '登录日志',
    group: 'security',
    icon: <LoginOutlined />,
    permission: ['loginlog:list'],
    component: page(() => import('../modules/system/pages/LoginLogPage'), 'LoginLogPage'),
  },
  {
    path: '/security/sessions',
    title: '在线用户',
    group: 'security',
    icon: <DesktopOutlined />,
    permission: ['session:list'],
    component: page(() => import('../modules/system/pages/SessionsPage'), 'SessionsPage'),
  },
  // 生产许可 — 企业端
  {
    path: '/licensing/my-applications',
    title: '我的申请',
    group: 'licensing',
    icon: <FileTextOutlined />,
    permission: ['licensing:apply'],
    component: page(() => import('../modules/licensing/pages/MyApplicationsPage'), 'MyApplicationsPage'),
  },
  {
    path: '/licensing/my-certificates',
    title: '我的证书',
    group: 'licensing',
    icon: <SafetyCertificateOutlined />,
    permission: ['licensing:apply'],
    component: page(() => import('../modules/licensing/pages/MyCertificatesPage'), 'MyCertificatesPage'),
  },
  // 生产许可 — 监管端
  {
    path: '/licensing/acceptance',
    title: '受理台',
    group: 'licensing',
    icon: <AuditOutlined />,
    permission: ['licensing:accept'],
    component: page(() => import('../modules/licensing/pages/AcceptanceDeskPage'), 'AcceptanceDeskPage'),
  },
  {
    path: '/licensing/certificates',
    title: '证书管理',
    group: 'licensing',
    icon: <SafetyCertificateOutlined />,
    permission: ['licensing:certificate', 'licensing:revoke', 'licensing:stats'],
    component: page(() => import('../modules/licensing/pages/CertificatesPage'), 'CertificatesPage'),
  },
  {
    path: '/licensing/my-documents',
    title: '许可文书',
    group: 'licensing',
    icon: <FileTextOutlined />,
    permission: ['licensing:apply'],
    component: page(() => import('../modules/licensing/pages/MyDocumentsPage'), 'MyDocumentsPage'),
  },
  {
    path: '/licensing/self-inspections',
    title: '年度自查报告',
    group: 'licensing',
    icon: <FileTextOutlined />,
    permission: ['licensing:apply', 'licensing:certificate', 'licensing:stats'],
    component: page(() => import('../modules/licensing/pages/SelfInspectionsPage'), 'SelfInspectionsPage'),
  },
  {
    path: '/licensing/inspections',
    title: '核查任务',
    group: 'licensing',
    icon: <AuditOutlined />,
    permission: ['licensing:inspect', 'licensing:observer', 'licensing:checklist'],
    component: page(() => import('../modules/licensing/pages/InspectionsPage'), 'InspectionsPage'),
  },
  {
    path: '/licensing/inspections/:id',
    title: '核查任务办理',
    hidden: true,
    permission: ['licensing:inspect', 'licensing:observer', 'licensing:checklist'],
    component: page(() => import('../modules/licensing/pages/InspectionTaskPage'), 'InspectionTaskPage'),
  },
  {
    path: '/licensing/decisions',
    title: '审批决定',
    group: 'licensing',
    icon: <AuditOutlined />,
    permission: ['licensing:decide', 'licensing:accept'],
    component: page(() => import('../modules/licensing/pages/DecisionDeskPage'), 'DecisionDeskPage'),
  },
  {
    path: '/licensing/monitor',
    title: '超期监控',
    group: 'licensing',
    icon: <DashboardOutlined />,
    permission: ['licensing:stats', 'licensing:accept', 'licensing:decide'],
    component: page(() => import('../modules/licensing/pages/MonitorPage'), 'MonitorPage'),
  },
  {
    path: '/licensing/statistics',
    title: '许可统计',
    group: 'licensing',
    icon: <DashboardOutlined />,
    permission: ['licensing:stats'],
    component: page(() => import('../modules/licensing/pages/StatisticsPage'), 'StatisticsPage'),
  },
  {
    path: '/licensing/catalogue',
    title: '产品目录',
    group: 'licensing',
    icon: <ClusterOutlined />,
    permission: ['licensing:catalogue'],
    component: page(() => import('../modules/licensing/pages/CataloguePage'), 'CataloguePage'),
  },
  {
    path: '/licensing/material-requirements',
    title: '申请材料清单',
    group: 'licensing',
    icon: <FileSearchOutlined />,
    permission: ['licensing:catalogue'],
    component: page(
      () => import('../modules/licensing/pages/MaterialRequirementsPage'),
      'MaterialRequirementsPage',
    ),
  },
  {
    path: '/licensing/checklist-templates',
    title: '核查模板',
    group: 'licensing',
    icon: <ReadOutlined />,
    permission: ['licensing:template'],
    component: page(
      () => import('../modules/licensing/pages/ChecklistTemplatesPage'),
      'ChecklistTemplatesPage',
    ),
  },
  {
    path: '/licensing/checklist-templates/:id',
    title: '编辑核查模板',
    hidden: true,
    permission: ['licensing:template'],
    component: page(
      () => import('../modules/licensing/pages/ChecklistTemplateEditorPage'),
      'ChecklistTemplateEditorPage',
    ),
  },
  {
    path: '/licensing/settings',
    title: '许可规则配置',
    group: 'licensing',
    icon: <SettingOutlined />,
    permission: ['licensing:catalogue', 'licensing:certificate'],
    component: page(
      () => import('../modules/licensing/pages/LicensingSettingsPage'),
      'LicensingSettingsPage',
    ),
  },
  {
    path: '/workflow/instances/:id',
    title: '办理',
    hidden: true,
    component: page(() => import('../pages/WorkflowInstancePage'), 'WorkflowInstancePage'),
  },
  {
    path: '/notices',
    title: '我的公告',
    icon: <FileSearchOutlined />,
    component: page(() => import('../pages/MyNoticesPage'), 'MyNoticesPage'),
  },
];

/** The page definition of a path (patterns like `/workflow/instances/:id` included). */
export function pageOf(pathname: string): PageDef | undefined {
  return PAGES.find((p) => p.path === pathname) ?? PAGES.find((p) => matchPath(p.path, pathname));
}
