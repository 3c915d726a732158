import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  buttonName,
  createUser,
  GOOD_PASSWORD,
  launchBrowser,
  login,
  newPage,
  openFromMenu,
  shot,
  settled,
  sideMenu,
  submitLogin,
  tab,
  token,
} from './support';

/** The server's login rules as the user meets them: attempts left, lockout, forced change, lost session. */
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('账号安全', () => {
  it('连续输错密码：提示剩余次数，第 5 次锁定并显示剩余分钟数', async () => {
    const user = await createUser({ roles: ['province_officer'], ready: true, prefix: 'lock' });
    const { context, page } = await newPage(browser);
    await page.goto('/login');
    const error = page.getByTestId('login-error');
    for (let left = 4; left >= 1; left--) {
      await submitLogin(page, user.username, `Wrong#Pass${left}`);
      await expect.poll(() => error.innerText()).toContain(`用户名或密码错误，还可尝试 ${left} 次`);
    }
    await submitLogin(page, user.username, 'Wrong#Pass0');
    await expect.poll(() => error.innerText()).toMatch(/账号已锁定，请 1[45] 分钟后再试/);
    // Locked: even the right password is refused until the time is up (or the security administrator unlocks).
    await submitLogin(page, user.username, user.password);
    await expect.poll(() => error.innerText()).toMatch(/账号已锁定，请 1[45] 分钟后再试/);
    expect(page.url()).toContain('/login');
    await shot(page, 'lockout');

    // The security administrator unlocks; the user logs in.
    await api('POST', `/api/system/users/${user.id}/unlock`, await token('secadmin'));
    await submitLogin(page, user.username, user.password);
    await sideMenu(page).waitFor();
    await context.close();
  });

  it('首次登录强制修改密码：显示密码规则，弱密码在字段下显示服务端原因，合格后进入工作台', async () => {
    const user = await createUser({ roles: ['city_officer'], orgCode: 'SX-610100', prefix: 'first' });
    const { context, page } = await newPage(browser);
    await page.goto('/login');
    await submitLogin(page, user.username, user.password);
    await page.waitForURL(/\/change-password/);
    await page.getByText('首次登录或密码已过期，请先修改密码后再使用系统').waitFor();
    await page.getByText('密码至少 8 位，包含大写字母、小写字母、数字、特殊字符中的至少 3 类').waitFor();

    // The shell refuses every page until the password is changed.
    await page.goto('/system/regions');
    await page.waitForURL(/\/change-password/);

    await page.getByLabel('原密码').fill(user.password);
    await page.getByLabel('新密码', { exact: true }).fill('abcdefgh');
    await page.getByLabel('确认新密码').fill('abcdefgh');
    await page.getByRole('button', { name: '确认修改' }).click();
    const fieldError = page
      .locator('.ant-form-item')
      .filter({ has: page.getByLabel('新密码', { exact: true }) })
      .locator('.ant-form-item-explain-error');
    await expect
      .poll(() => fieldError.innerText())
      .toContain('新密码不符合要求：密码须包含大写字母、小写字母、数字、特殊字符中的至少 3 类');
    await shot(page, 'change-password');

    // Containing the username is refused too.
    await page.getByLabel('新密码', { exact: true }).fill(`${user.username}#A1`);
    await page.getByLabel('确认新密码').fill(`${user.username}#A1`);
    await page.getByRole('button', { name: '确认修改' }).click();
    await expect.poll(() => fieldError.innerText()).toContain('密码不能包含用户名');

    await page.getByLabel('新密码', { exact: true }).fill(GOOD_PASSWORD);
    await page.getByLabel('确认新密码').fill(GOOD_PASSWORD);
    await page.getByRole('button', { name: '确认修改' }).click();
    await sideMenu(page).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    await tab(page, '工作台').waitFor();
    await page.getByText('待办事项').first().waitFor();

    // The new password is the one that works from now on.
    await context.clearCookies();
    await login(page, user.username, GOOD_PASSWORD);
    await context.close();
  });

  it('会话被强制下线后，操作时转到登录页并说明原因，重新登录回到原页面', async () => {
    const user = await createUser({ roles: ['province_officer'], ready: true, prefix: 'sess' });
    const { context, page } = await newPage(browser);
    await login(page, user.username, user.password);
    await openFromMenu(page, '系统管理', '行政区划');
    expect(new URL(page.url()).pathname).toBe('/system/regions');
    await settled(page);

    // The security administrator ends the user's session (在线用户 → 强制下线).
    const sec = await token('secadmin');
    const sessions = await api<{ items: Array<{ id: string; username: string }> }>(
      'GET',
      `/api/system/sessions?keyword=${user.username}`,
      sec,
    );
    const mine = sessions.items.filter((s) => s.username === user.username);
    expect(mine.length).toBeGreaterThan(0);
    for (const s of mine) await api('DELETE', `/api/system/sessions/${s.id}`, sec);

    // The next request of the page (opening its list view) meets the dead session: the user is sent to the
    // login page with the reason, and back to this page after logging in again.
    await page.getByRole('tab', { name: '区划列表' }).click();
    await page.waitForURL(/\/login\?/);
    const url = new URL(page.url());
    expect(url.searchParams.get('reason')).toBe('SESSION_REVOKED');
    expect(url.searchParams.get('redirect')).toBe('/system/regions');
    await page.getByText('您已被强制下线或已在别处退出，请重新登录').waitFor();
    await shot(page, 'session-revoked');

    await submitLogin(page, user.username, user.password);
    await page.waitForURL((u) => u.pathname === '/system/regions');
    await tab(page, '行政区划').waitFor();
    await context.close();
  });

  it('会话 Cookie 丢失后，操作时转到登录页，重新登录回到原页面', async () => {
    const user = await createUser({
      roles: ['city_officer'],
      orgCode: 'SX-610100',
      ready: true,
      prefix: 'cookie',
    });
    const { context, page } = await newPage(browser);
    await login(page, user.username, user.password);
    await openFromMenu(page, '系统管理', '行政区划');
    await page.getByRole('tab', { name: '区划列表' }).click();
    await page.getByTestId('table-system.regions').locator('.ant-table-row').first().waitFor();
    await context.clearCookies({ name: 'samr_sid' });
    // Any action that asks the server: here, the table's refresh button.
    await page.getByTestId('table-system.regions').getByRole('button', { name: '刷新' }).click();
    await page.waitForURL(/\/login\?/);
    const url = new URL(page.url());
    expect(url.searchParams.get('redirect')).toBe('/system/regions');
    await page.getByText('请先登录').waitFor();
    await submitLogin(page, user.username, user.password);
    await page.waitForURL((u) => u.pathname === '/system/regions');
    await tab(page, '行政区划').waitFor();
    await context.close();
  });
});
