import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  activePane,
  launchBrowser,
  login,
  newPage,
  openFromMenu,
  settled,
  shot,
  tab,
  workspaceTabs,
} from './support';

/** The multi-tab workspace (多页签) and every system page opening in it (with the manual's screenshots). */
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const tabTitles = async (page: Page) =>
  (await workspaceTabs(page).locator('.ant-tabs-tab').allInnerTexts()).map((t) => t.trim());

/**
 * The right-click menu of a workspace tab once it is open: not while it pops up (clicked while it still moves,
 * Playwright retries with the document scrolled, and the menu, which stays at the pointer, moves back under it)
 * nor one fading out after closing.
 */
const openTabMenu = (page: Page) =>
  page
    .locator(
      '.ant-dropdown:not(.ant-dropdown-hidden):not([class*="-appear"]):not([class*="-enter"]):not([class*="-leave"])',
    )
    .filter({ hasText: '关闭其他' });

/** Opens the right-click menu of a tab and chooses an entry (刷新, 关闭, 关闭其他, 关闭全部). */
async function tabMenu(page: Page, title: string, entry: string): Promise<void> {
  await settled(page);
  // The tab bar is at the top of the document. A document left scrolled by an earlier click (the side menu is
  // long) jumps when the loading page changes its height; the menu, which stays at the pointer, would then
  // move between Playwright's press and release of the button.
  await page.evaluate(() => window.scrollTo(0, 0));
  await tab(page, title).getByText(title, { exact: true }).click({ button: 'right' });
  await openTabMenu(page)
    .locator('.ant-dropdown-menu-item')
    .filter({ hasText: new RegExp(`^${entry}$`) })
    .click();
}

describe('多页签工作区', () => {
  it('每个页签保留自己的筛选输入；关闭、关闭其他、刷新页签', async () => {
    const { context, page } = await newPage(browser);
    await login(page, 'sysadmin');

    await openFromMenu(page, '系统管理', '用户管理');
    const users = page.getByTestId('table-system.users').getByPlaceholder('用户名或姓名');
    await users.fill('王省');
    await openFromMenu(page, '系统管理', '系统参数');
    const params = page.getByTestId('table-system.params').getByPlaceholder('参数键或名称');
    await params.fill('password');
    expect(await tabTitles(page)).toEqual(['工作台', '用户管理', '系统参数']);

    // Switching tabs keeps each page mounted with its own input.
    await tab(page, '用户管理').click();
    await expect.poll(() => users.isVisible()).toBe(true);
    expect(await users.inputValue()).toBe('王省');
    expect(new URL(page.url()).pathname).toBe('/system/users');
    await tab(page, '系统参数').click();
    await expect.poll(() => params.isVisible()).toBe(true);
    expect(await params.inputValue()).toBe('password');
    await tab(page, '工作台').click();
    await tab(page, '用户管理').click();
    expect(await users.inputValue()).toBe('王省');
    await shot(page, 'tabs');

    // Refresh tab: the page is mounted again with fresh state.
    await tabMenu(page, '用户管理', '刷新');
    await expect
      .poll(() => page.getByTestId('table-system.users').getByPlaceholder('用户名或姓名').inputValue())
      .toBe('');
    // The other tab kept its input.
    await tab(page, '系统参数').click();
    expect(await params.inputValue()).toBe('password');

    // The tab list survives a reload of the browser page (the pages' state does not).
    await page.reload();
    await tab(page, '用户管理').waitFor();
    expect(await tabTitles(page)).toEqual(['工作台', '用户管理', '系统参数']);

    // Close (the × of a tab): the tab goes, the last remaining tab becomes active.
    await tab(page, '系统参数').locator('.ant-tabs-tab-remove').click();
    await expect.poll(() => tabTitles(page)).toEqual(['工作台', '用户管理']);
    await expect.poll(() => new URL(page.url()).pathname).toBe('/system/users');

    // Close others: only the chosen tab and the workbench (which never closes) stay.
    await openFromMenu(page, '系统管理', '数据字典');
    await openFromMenu(page, '系统管理', '组织机构');
    expect(await tabTitles(page)).toEqual(['工作台', '用户管理', '数据字典', '组织机构']);
    await tabMenu(page, '数据字典', '关闭其他');
    await expect.poll(() => tabTitles(page)).toEqual(['工作台', '数据字典']);
    await expect.poll(() => new URL(page.url()).pathname).toBe('/system/dicts');

    // Close all: back to the workbench.
    await tabMenu(page, '数据字典', '关闭全部');
    await expect.poll(() => tabTitles(page)).toEqual(['工作台']);
    await expect.poll(() => new URL(page.url()).pathname).toBe('/');
    await context.close();
  });

  it('页签右键菜单：页面滚动时不关闭，Esc 或点击别处时关闭；关闭后台页签不切换页面', async () => {
    const { context, page } = await newPage(browser);
    await page.setViewportSize({ width: 1440, height: 600 });
    await login(page, 'sysadmin');
    await openFromMenu(page, '系统管理', '用户管理');
    await openFromMenu(page, '系统管理', '系统参数');
    await settled(page);
    await page.evaluate(() => window.scrollTo(0, 0));
    const menu = openTabMenu(page);

    await tab(page, '用户管理').getByText('用户管理', { exact: true }).click({ button: 'right' });
    await menu.waitFor();
    // The document scrolls under the open menu, as it does when a page loading in the active tab changes the
    // height of a scrolled document: the menu stays open (it used to close at once).
    expect(await page.evaluate(() => document.documentElement.scrollHeight > window.innerHeight)).toBe(true);
    await page.evaluate(() => window.scrollTo(0, 40));
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => window.scrollY)).toBe(40);
    expect(await menu.isVisible()).toBe(true);
    // 关闭 on a tab in the background: that tab goes, the active page stays.
    await menu
      .locator('.ant-dropdown-menu-item')
      .filter({ hasText: /^关闭$/ })
      .click();
    await expect.poll(() => tabTitles(page)).toEqual(['工作台', '系统参数']);
    await menu.waitFor({ state: 'hidden' });
    expect(new URL(page.url()).pathname).toBe('/system/params');

    // Esc closes the menu, and so does a click elsewhere.
    await page.evaluate(() => window.scrollTo(0, 0));
    await tab(page, '工作台').getByText('工作台', { exact: true }).click({ button: 'right' });
    await menu.waitFor();
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'hidden' });
    await tab(page, '工作台').getByText('工作台', { exact: true }).click({ button: 'right' });
    await menu.waitFor();
    await page.getByTestId('table-system.params').getByPlaceholder('参数键或名称').click();
    await menu.waitFor({ state: 'hidden' });
    expect(new URL(page.url()).pathname).toBe('/system/params');
    await context.close();
  });

  // Every system page opens from the menu of the administrator who may use it, without an error, and is
  // photographed for the manual.
  const TOUR: Array<[user: string, group: string, title: string, image: string]> = [
    ['sysadmin', '系统管理', '组织机构', 'orgs'],
    ['sysadmin', '系统管理', '行政区划', 'regions'],
    ['sysadmin', '系统管理', '数据字典', 'dicts'],
    ['sysadmin', '系统管理', '系统参数', 'params'],
    ['sysadmin', '系统管理', '通知公告', 'notices'],
    ['sysadmin', '系统管理', '节假日日历', 'calendar'],
    ['secadmin', '系统管理', '角色管理', 'roles'],
    ['secadmin', '安全审计', '登录日志', 'login-logs'],
    ['secadmin', '安全审计', '在线用户', 'sessions'],
  ];

  it('每个系统管理页面都能打开（截图）', async () => {
    for (const user of [...new Set(TOUR.map((t) => t[0]))]) {
      const { context, page } = await newPage(browser);
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await login(page, user);
      for (const [, group, title, image] of TOUR.filter((t) => t[0] === user)) {
        await openFromMenu(page, group, title);
        await settled(page);
        const pane = activePane(page);
        // Not the error boundary, not 404/403: the page itself.
        expect(await pane.locator('.samr-status, .ant-result').count(), `${title} 显示了错误页`).toBe(0);
        expect((await pane.innerText()).trim().length, `${title} 是空白页`).toBeGreaterThan(0);
        await shot(page, image);
      }
      await page.goto('/notices');
      await tab(page, '我的公告').waitFor();
      await settled(page);
      expect(errors, `${user}: 页面脚本错误`).toEqual([]);
      await context.close();
    }
  });
});
