import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiRaw,
  launchBrowser,
  login,
  newPage,
  readMenu,
  settled,
  shot,
  sideMenu,
  tab,
  token,
} from './support';

/**
 * What each seeded role sees after logging in: its menu (generated from its permission codes, 三员分立), a
 * page it may not use refused with 没有权限, and the same refusal from the API.
 */
interface RoleCase {
  username: string;
  displayName: string;
  org: string;
  menu: Record<string, string[] | null>;
  /** A page path in the console the role may not use, and its tab title. */
  forbidden: [path: string, title: string];
  /** An API call the role may not make. */
  refused: [method: string, url: string, body?: unknown];
}

const TOP = { 工作台: null, 我的公告: null };
const PLATFORM_GROUPS = ['系统管理', '安全审计'];
const OFFICER = { ...TOP, 系统管理: ['组织机构', '行政区划', '数据字典'] };
const ANY_USER_BODY = {
  username: 'nobody1',
  displayName: '无',
  orgId: '00000000-0000-7000-8000-000000000000',
};

const ROLES: RoleCase[] = [
  {
    username: 'sysadmin',
    displayName: '系统管理员',
    org: '陕西省市场监督管理局',
    menu: {
      ...TOP,
      系统管理: [
        '用户管理',
        '角色管理',
        '组织机构',
        '行政区划',
        '数据字典',
        '系统参数',
        '通知公告',
        '节假日日历',
      ],
    },
    forbidden: ['/security/audit', '审计日志'],
    refused: ['GET', '/api/system/audit'],
  },
  {
    username: 'secadmin',
    displayName: '安全管理员',
    org: '陕西省市场监督管理局',
    menu: {
      ...TOP,
      系统管理: ['用户管理', '角色管理', '组织机构', '行政区划'],
      安全审计: ['登录日志', '在线用户'],
    },
    forbidden: ['/system/params', '系统参数'],
    refused: ['POST', '/api/system/users', ANY_USER_BODY],
  },
  {
    username: 'auditadmin',
    displayName: '审计管理员',
    org: '陕西省市场监督管理局',
    menu: { ...TOP, 安全审计: ['审计日志', '登录日志'] },
    forbidden: ['/system/users', '用户管理'],
    refused: ['GET', '/api/system/users'],
  },
  {
    username: 'sheng',
    displayName: '王省局',
    org: '陕西省市场监督管理局',
    menu: OFFICER,
    forbidden: ['/system/users', '用户管理'],
    refused: ['GET', '/api/system/users'],
  },
  {
    username: 'xian',
    displayName: '李西安',
    org: '西安市市场监督管理局',
    menu: OFFICER,
    forbidden: ['/system/roles', '角色管理'],
    refused: ['GET', '/api/system/roles'],
  },
  {
    username: 'xincheng',
    displayName: '陈新城',
    org: '西安市新城区市场监督管理局',
    menu: OFFICER,
    forbidden: ['/security/sessions', '在线用户'],
    refused: ['GET', '/api/system/sessions'],
  },
  {
    username: 'qiye',
    displayName: '郑企业',
    org: '西安秦风电器有限公司',
    menu: { ...TOP, 系统管理: ['行政区划', '数据字典'] },
    forbidden: ['/system/orgs', '组织机构'],
    refused: ['GET', '/api/system/orgs'],
  },
  {
    username: 'zhuanjia',
    displayName: '钱专家',
    org: '陕西省评审专家库',
    menu: { ...TOP, 系统管理: ['行政区划', '数据字典'] },
    forbidden: ['/security/login-logs', '登录日志'],
    refused: ['GET', '/api/system/login-logs'],
  },
  {
    username: 'yunwei',
    displayName: '冯运维',
    org: '平台运维单位',
    menu: { ...TOP, 系统管理: ['行政区划'] },
    forbidden: ['/system/dicts', '数据字典'],
    refused: ['GET', '/api/system/dicts'],
  },
];

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('登录与菜单', () => {
  it('登录页（截图）', async () => {
    const { context, page } = await newPage(browser);
    await page.goto('/');
    // Not logged in: the shell sends the visitor to the login page, remembering where they wanted to go.
    await page.waitForURL(/\/login\?redirect=%2F/);
    await page.getByLabel('用户名').waitFor();
    await shot(page, 'login');
    await context.close();
  });

  it.each(ROLES)('$username 登录后看到本角色的菜单，越权页面与接口被拒绝', async (r) => {
    const { context, page } = await newPage(browser);
    await login(page, r.username);
    // Top bar: the user's name and organisation.
    const user = page.getByTestId('user-menu');
    await expect.poll(() => user.innerText()).toContain(r.displayName);
    expect(await user.innerText()).toContain(r.org);
    // The platform's menu groups are exactly what the role's permission codes open (business modules add
    // groups of their own, checked by their tests).
    const menu = await readMenu(page);
    for (const top of Object.keys(TOP)) expect(menu).toHaveProperty(top, null);
    for (const group of PLATFORM_GROUPS)
      expect([group, menu[group] ?? null]).toEqual([group, r.menu[group] ?? null]);

    // A page outside the role: the route refuses with 没有权限 (403) and no data is fetched.
    const [path, title] = r.forbidden;
    await page.goto(path);
    await tab(page, title).waitFor();
    const result = page.getByTestId('status-403');
    await result.waitFor();
    expect(await result.innerText()).toContain('没有权限');
    if (r.username === 'qiye') await shot(page, 'forbidden');

    // The API refuses the same thing, whatever the menu shows.
    const [method, url, body] = r.refused;
    const res = await apiRaw(method, url, await token(r.username), body);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('FORBIDDEN');
    await context.close();
  });

  it('退出登录后回到登录页，受保护页面需要重新登录', async () => {
    const { context, page } = await newPage(browser);
    await login(page, 'xian');
    await page.getByTestId('user-menu').hover();
    await page.getByRole('menuitem', { name: '退出登录' }).click();
    await page.waitForURL(/\/login/);
    await page.goto('/system/regions');
    await page.waitForURL(/\/login\?redirect=%2Fsystem%2Fregions/);
    expect(await sideMenu(page).count()).toBe(0);
    await settled(page);
    await context.close();
  });
});
