import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  apiRaw,
  buttonName,
  field,
  launchBrowser,
  login,
  newPage,
  pickTree,
  openFromMenu,
  settled,
  shot,
  submitLogin,
  token,
  uniqueName,
} from './support';

/**
 * 用户管理 through the UI (as the system administrator), then the audit administrator finds both actions in
 * 审计日志 and checks the chain.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('用户管理与审计日志', () => {
  it('系统管理员新增并停用用户，审计管理员在审计日志中查到这两项操作并校验完整性', async () => {
    const username = uniqueName('ui');
    const displayName = `界面${username.slice(-4)}`;

    // --- sysadmin: 用户管理 → 新增用户 ---
    const sys = await newPage(browser);
    let page = sys.page;
    await login(page, 'sysadmin');
    await openFromMenu(page, '系统管理', '用户管理');
    const table = page.getByTestId('table-system.users');
    await table.locator('.ant-table-row').first().waitFor();
    await shot(page, 'users');

    await page.getByTestId('user-create').click();
    const dialog = page.getByRole('dialog').filter({ has: page.getByTestId('user-form') });
    await field(dialog, '用户名').locator('input').fill(username);
    await field(dialog, '姓名').locator('input').fill(displayName);
    await pickTree(page, field(dialog, '所属机构'), '西安市市场监督管理局');
    await field(dialog, '手机号码').locator('input').fill('13800138000');
    await shot(page, 'user-create');
    await page.getByTestId('user-form-submit').click();

    // The one-time password is shown once.
    const otp = page.getByTestId('one-time-password');
    await otp.waitFor();
    const initialPassword = (await otp.innerText()).trim();
    expect(initialPassword.length).toBeGreaterThanOrEqual(8);
    await shot(page, 'user-one-time-password');
    await page.getByRole('button', { name: buttonName('我已记下') }).click();
    await otp.waitFor({ state: 'detached' });

    // The new user is in the list; find it and disable it (with confirmation).
    await field(table, '关键字').locator('input').fill(username);
    await table.getByRole('button', { name: buttonName('查询') }).click();
    await expect.poll(() => table.locator('.ant-table-row').count()).toBe(1);
    const status = page.getByTestId(`user-status-${username}`);
    await expect.poll(() => status.innerText()).toContain('正常');
    expect(await status.innerText()).toContain('待改密');
    await page.getByTestId(`user-toggle-${username}`).click();
    const confirm = page.locator('.ant-popconfirm:visible');
    expect(await confirm.innerText()).toContain(`停用用户“${displayName}”？`);
    await confirm.getByRole('button', { name: buttonName('停用') }).click();
    await expect.poll(() => status.innerText()).toContain('停用');
    await sys.context.close();

    // The server agrees: the account is disabled and cannot log in.
    const created = await api<{ items: Array<{ id: string; username: string; status: string }> }>(
      'GET',
      `/api/system/users?keyword=${username}`,
      await token('sysadmin'),
    );
    const user = created.items.find((u) => u.username === username)!;
    expect(user.status).toBe('disabled');
    const refused = await apiRaw('POST', '/api/auth/login', undefined, {
      username,
      password: initialPassword,
    });
    expect(refused.body.code).toBe('ACCOUNT_DISABLED');

    // --- auditadmin: 安全审计 → 审计日志 ---
    const aud = await newPage(browser);
    page = aud.page;
    await login(page, 'auditadmin');
    await openFromMenu(page, '安全审计', '审计日志');
    const audit = page.getByTestId('table-security.audit');
    await audit.locator('.ant-table-row').first().waitFor();

    await field(audit, '对象标识').locator('input').fill(user.id);
    await audit.getByRole('button', { name: buttonName('查询') }).click();
    await expect
      .poll(async () => (await audit.locator('.ant-table-row').allInnerTexts()).length)
      .toBeGreaterThanOrEqual(2);
    const rows = await audit.locator('.ant-table-row').allInnerTexts();
    const create = rows.find((r) => r.includes('新增用户'));
    const disable = rows.find((r) => r.includes('停用用户'));
    expect(create).toContain('sysadmin');
    expect(disable).toContain('sysadmin');
    expect(create).toContain('成功');
    expect(disable).toContain('成功');
    await shot(page, 'audit');

    // The detail of the creation names the new user (the request body, passwords masked).
    await audit.locator('.ant-table-row').filter({ hasText: '新增用户' }).getByText('详情').click();
    const detail = page.getByTestId('audit-detail-json');
    await expect.poll(() => detail.innerText()).toContain(username);
    await shot(page, 'audit-detail');
    await page.keyboard.press('Escape');
    await page.getByTestId('audit-detail').waitFor({ state: 'detached' });

    // 校验完整性: the hash chain is intact.
    await page.getByTestId('audit-verify').click();
    const result = page.getByTestId('audit-verify-result');
    await expect.poll(() => result.innerText()).toContain('完整性校验通过');
    await settled(page);
    await shot(page, 'audit-verify');
    await aud.context.close();
  });

  it('停用的用户登录时看到停用提示', async () => {
    const username = uniqueName('off');
    const sys = await token('sysadmin');
    const orgs = await api<{ items: Array<{ id: string; code: string | null }> }>(
      'GET',
      '/api/system/orgs?keyword=SX-610000',
      sys,
    );
    const org = orgs.items.find((o) => o.code === 'SX-610000')!;
    const r = await api<{ user: { id: string }; initialPassword: string }>('POST', '/api/system/users', sys, {
      username,
      displayName: '停用测试',
      orgId: org.id,
    });
    await api('POST', `/api/system/users/${r.user.id}/disable`, sys);
    const { context, page } = await newPage(browser);
    await page.goto('/login');
    await submitLogin(page, username, r.initialPassword);
    await expect
      .poll(() => page.getByTestId('login-error').innerText())
      .toContain('账号已停用，请联系系统管理员');
    await context.close();
  });
});
