import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { expect, inject, onTestFailed } from 'vitest';

/** The demo accounts' password (server/src/seed/demo.data.ts; works only in demo mode). */
export const DEMO_PASSWORD = 'Shaanxi@2026';
/** A password every fresh test user ends up with (three classes, no username in it). */
export const GOOD_PASSWORD = 'Qinling#2027';

export const baseUrl = (): string => inject('baseUrl');

/** Where the screenshots of the administrator's manual live (docs/manual/系统管理.md). */
export const MANUAL_IMAGES = path.resolve(import.meta.dirname, '..', '..', 'docs', 'manual', 'images');

/**
 * The system's Chromium with the flags known to work on this machine (no background networking: the network
 * is closed). Playwright adds --headless and a new empty user-data-dir of its own for every launch.
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    chromiumSandbox: false,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/** Screenshots of the pages open when a test failed (.tmp is not committed; CI keeps it with the logs). */
const FAILURES = path.resolve(import.meta.dirname, '..', '..', '.tmp', 'e2e-failures');

/**
 * A fresh browser context (own cookies and storage) with a desktop viewport and Chinese locale. When the test
 * fails, the page is photographed into .tmp/e2e-failures/.
 */
export async function newPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: baseUrl(),
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  onTestFailed(async ({ task }) => {
    if (page.isClosed()) return;
    fs.mkdirSync(FAILURES, { recursive: true });
    const name = `${task.name}-${Date.now()}`.replace(/[^\p{L}\p{N}_-]+/gu, '_').slice(0, 120);
    await page.screenshot({ path: path.join(FAILURES, `${name}.png`) }).catch(() => {});
  });
  return { context, page };
}

/** A unique, valid username (letter first, lower case and digits). */
export function uniqueName(prefix = 'e2e'): string {
  return `${prefix}${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

// --- API (bearer token: no CSRF header needed) ------------------------------------------------------------

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: { code?: string; message?: string },
  ) {
    super(`${status} ${body.code ?? ''} ${body.message ?? ''}`);
  }
}

/** Calls the API; returns the status and JSON body without throwing. */
export async function apiRaw(
  method: string,
  url: string,
  token?: string,
  body?: unknown,
): Promise<{ status: number; body: any }> {
  const r = await fetch(`${baseUrl()}${url}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await r.text();
  let json: any = {};
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    json = { message: text };
  }
  return { status: r.status, body: json };
}

/** Calls the API and returns the JSON body; throws ApiError on a non-2xx reply. */
export async function api<T = any>(method: string, url: string, token?: string, body?: unknown): Promise<T> {
  const r = await apiRaw(method, url, token, body);
  if (r.status >= 300) throw new ApiError(r.status, r.body);
  return r.body as T;
}

const tokens = new Map<string, string>();

/** Logs in through the API (cached per user and password): a bearer token. */
export async function token(username: string, password = DEMO_PASSWORD): Promise<string> {
  const key = `${username}\n${password}`;
  const cached = tokens.get(key);
  if (cached) return cached;
  const r = await api<{ token: string }>('POST', '/api/auth/login', undefined, { username, password });
  tokens.set(key, r.token);
  return r.token;
}

export interface TestUser {
  id: string;
  username: string;
  displayName: string;
  /** The one-time password of the create reply, or GOOD_PASSWORD once `ready`. */
  password: string;
}

/**
 * Creates a user through the API as the 三员 would: sysadmin creates it (the reply carries a one-time
 * password), secadmin grants the roles. With `ready`, the user also changes that password (API) so it can log
 * in straight to the workbench with GOOD_PASSWORD.
 */
export async function createUser(
  opts: { roles?: string[]; orgCode?: string; ready?: boolean; prefix?: string } = {},
): Promise<TestUser> {
  const sys = await token('sysadmin');
  const orgs = await api<{ items: Array<{ id: string; code: string | null }> }>(
    'GET',
    `/api/system/orgs?keyword=${encodeURIComponent(opts.orgCode ?? 'SX-610000')}&pageSize=50`,
    sys,
  );
  const org = orgs.items.find((o) => o.code === (opts.orgCode ?? 'SX-610000'));
  if (!org) throw new Error(`机构不存在: ${opts.orgCode}`);
  const username = uniqueName(opts.prefix);
  const displayName = `测试${username.slice(-6)}`;
  const created = await api<{ user: { id: string }; initialPassword: string | null }>(
    'POST',
    '/api/system/users',
    sys,
    { username, displayName, orgId: org.id },
  );
  if (!created.initialPassword) throw new Error('新增用户的回复没有一次性密码');
  const user: TestUser = { id: created.user.id, username, displayName, password: created.initialPassword };
  if (opts.roles?.length) {
    const sec = await token('secadmin');
    const roles = await api<{ items: Array<{ id: string; code: string }> }>(
      'GET',
      '/api/system/roles?pageSize=100',
      sec,
    );
    const roleIds = opts.roles.map((c) => {
      const r = roles.items.find((x) => x.code === c);
      if (!r) throw new Error(`角色不存在: ${c}`);
      return r.id;
    });
    await api('PUT', `/api/system/users/${user.id}/roles`, sec, { roleIds });
  }
  if (opts.ready) {
    const t = await api<{ token: string }>('POST', '/api/auth/login', undefined, {
      username,
      password: user.password,
    });
    await api('POST', '/api/auth/password', t.token, {
      oldPassword: user.password,
      newPassword: GOOD_PASSWORD,
    });
    await api('POST', '/api/auth/logout', t.token);
    user.password = GOOD_PASSWORD;
  }
  return user;
}

// --- UI -----------------------------------------------------------------------------------------------------

/**
 * The accessible name of an antd button: antd puts a space between the two characters of a two-character
 * Chinese label ("登 录"), and a button that has shown its loading icon keeps it (hidden) in its name.
 */
export const buttonName = (label: string): RegExp =>
  new RegExp(`(^|\\s)${[...label].map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s*')}$`);

/** Fills the login form and submits it (the page must be /login). */
export async function submitLogin(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: buttonName('登录') }).click();
}

/** Logs in through the login page and waits for the shell (side menu) to appear. */
export async function login(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await submitLogin(page, username, password);
  await sideMenu(page).waitFor();
}

export const sideMenu = (page: Page): Locator => page.getByTestId('side-menu');
export const workspaceTabs = (page: Page): Locator => page.getByTestId('workspace-tabs');

/** The tab of the workspace whose label is `title`. */
export const tab = (page: Page, title: string): Locator =>
  workspaceTabs(page)
    .locator('.ant-tabs-tab')
    .filter({ hasText: new RegExp(`^${title}$`) });

/** The content of the visible (active) workspace tab. */
export const activePane = (page: Page): Locator =>
  page.locator('.ant-layout-content > div').filter({ visible: true }).first();

/** The menu as the user sees it: every group opened, `{ 工作台: null, 系统管理: ['用户管理', …] }`. */
export async function readMenu(page: Page): Promise<Record<string, string[] | null>> {
  const menu = sideMenu(page);
  await menu.waitFor();
  const out: Record<string, string[] | null> = {};
  // Top-level entries: plain items and sub-menus, in order.
  const top = menu.locator(':scope > li');
  const n = await top.count();
  for (let i = 0; i < n; i++) {
    const li = top.nth(i);
    const cls = (await li.getAttribute('class')) ?? '';
    if (cls.includes('ant-menu-submenu')) {
      const title = li.locator(':scope > .ant-menu-submenu-title');
      const label = (await title.innerText()).trim();
      if (!cls.includes('ant-menu-submenu-open')) await title.click();
      const items = li.locator('.ant-menu-item');
      await items.first().waitFor();
      out[label] = (await items.allInnerTexts()).map((t) => t.trim());
    } else if (cls.includes('ant-menu-item')) {
      out[(await li.innerText()).trim()] = null;
    }
  }
  return out;
}

/** Opens a page through the side menu (opening its group when needed). */
export async function openFromMenu(page: Page, group: string | null, title: string): Promise<void> {
  const menu = sideMenu(page);
  if (group) {
    const sub = menu.locator('.ant-menu-submenu').filter({ has: page.getByText(group, { exact: true }) });
    if (!((await sub.getAttribute('class')) ?? '').includes('ant-menu-submenu-open')) {
      await sub.locator('.ant-menu-submenu-title').click();
    }
  }
  await menu
    .locator('.ant-menu-item')
    .filter({ hasText: new RegExp(`^${title}$`) })
    .click();
  await expect.poll(() => tab(page, title).getAttribute('class')).toContain('ant-tabs-tab-active');
}

/** Waits until nothing in the visible page is loading (spinners, skeletons, table loading masks). */
export async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle').catch(() => {});
  await expect
    .poll(() => page.locator('.ant-spin-spinning, .ant-skeleton-active').filter({ visible: true }).count(), {
      timeout: 15_000,
    })
    .toBe(0);
}

/**
 * Saves a screenshot for the manual under docs/manual/images/<name>.png (stable names; the manual links them).
 * Animations are frozen and the page settled first, so the pictures show content, not spinners.
 */
export async function shot(page: Page, name: string): Promise<void> {
  await settled(page);
  fs.mkdirSync(MANUAL_IMAGES, { recursive: true });
  await page.screenshot({
    path: path.join(MANUAL_IMAGES, `${name}.png`),
    animations: 'disabled',
    caret: 'hide',
  });
}

/** The text of the antd message / notification toasts currently shown. */
export const toasts = (page: Page): Locator => page.locator('.ant-message-notice, .ant-notification-notice');

/** The form item labelled `label` inside `scope` (ids repeat between a filter bar and a dialog). */
export const field = (scope: Locator, label: string): Locator =>
  scope.locator('.ant-form-item').filter({ has: scope.page().locator(`label[title="${label}"]`) });

/** Chooses a node in a TreeSelect (OrgPicker, catalogue) by typing part of its name; checks it was taken. */
export async function pickTree(page: Page, picker: Locator, name: string): Promise<void> {
  const option = page
    .locator('.ant-select-dropdown:visible .ant-select-tree-title')
    .filter({ hasText: new RegExp(`^${name}$`) });
  for (let attempt = 1; ; attempt++) {
    // (No Escape to close it: in a dialog that would close the dialog.)
    if ((await page.locator('.ant-select-dropdown:visible').count()) === 0)
      await picker.locator('.ant-select').click();
    await picker.locator('input').fill(name.slice(0, 6));
    await option.click();
    try {
      await expect.poll(() => picker.locator('.ant-select').innerText(), { timeout: 3000 }).toContain(name);
      return;
    } catch (e) {
      // The popup can re-render under the pointer while the tree filters; choose again.
      if (attempt >= 3) throw e;
    }
  }
}

/** Uploads a file through POST /api/files (multipart); returns its id. */
export async function uploadFile(token: string, name: string, content: Buffer): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(content)]), name);
  const r = await fetch(`${baseUrl()}/api/files`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  const body = (await r.json()) as { id?: string; message?: string };
  if (r.status >= 300 || !body.id) throw new ApiError(r.status, body);
  return body.id;
}
