import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  buttonName,
  launchBrowser,
  login,
  newPage,
  settled,
  shot,
  tab,
  token,
  uniqueName,
} from './support';

/**
 * 工作台 待办: a task started through the API (the demo-mode 演示事项 process, POST /api/workflow/demo) shows
 * in the inbox of the officers who handle it, opens in a tab and can be handled there.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('工作台待办', () => {
  it('企业发起的事项出现在属地县局人员的待办中，点击在新页签打开并办理', async () => {
    // 西安秦风电器 (新城区) applies; the 新城区 county bureau handles it.
    const title = `演示申请 ${uniqueName('t')}`;
    const qiye = await token('qiye');
    const started = await api<{ id: string }>('POST', '/api/workflow/demo', qiye, { title });
    // Two more, so the workbench shows a list.
    for (const n of [1, 2]) await api('POST', '/api/workflow/demo', qiye, { title: `${title}-${n}` });

    const { context, page } = await newPage(browser);
    await login(page, 'xincheng');
    const inbox = page.getByTestId('table-home.inbox');
    const row = inbox.locator('.ant-table-row').filter({ hasText: new RegExp(`${title}(?!-)`) });
    await row.waitFor();
    const text = await row.innerText();
    expect(text).toContain('演示事项审批');
    expect(text).toContain('受理');
    expect(text).toContain('西安秦风电器有限公司');
    // The due date of the 受理 step (5 working days) is shown.
    expect(text).toMatch(/\d{4}-\d{2}-\d{2}/);
    await shot(page, 'workbench');

    // Filter by the title keyword.
    await inbox.getByPlaceholder('事项名称').fill(`${title}-2`);
    await inbox.getByRole('button', { name: buttonName('查询') }).click();
    await expect.poll(() => inbox.locator('.ant-table-row').count()).toBe(1);
    await inbox.getByRole('button', { name: buttonName('重置') }).click();
    await expect.poll(() => inbox.locator('.ant-table-row').count()).toBeGreaterThanOrEqual(3);

    // Clicking the task opens it in a tab of its own, named after the task.
    await row.getByText(title, { exact: true }).click();
    await page.waitForURL((u) => u.pathname === `/workflow/instances/${started.id}`);
    await tab(page, `办理 · ${title}`).waitFor();
    const detail = page.getByTestId('workflow-instance');
    await expect.poll(() => detail.innerText()).toContain(title);
    await page.getByTestId('wf-action-accept').waitFor();
    await settled(page);
    await shot(page, 'workflow-instance');

    // 受理 → the instance moves to 审核.
    await page.getByTestId('wf-action-accept').click();
    await page.getByTestId('wf-comment').fill('材料齐全，予以受理');
    await page.getByTestId('wf-action-submit').click();
    await page.getByTestId('wf-action-modal').waitFor({ state: 'detached' });
    await expect.poll(() => detail.innerText()).toContain('审核');
    await page.getByTestId('wf-action-approve').waitFor();
    await context.close();

    // The server agrees.
    const inst = await api<{ state: string }>(
      'GET',
      `/api/workflow/instances/${started.id}`,
      await token('xincheng'),
    );
    expect(inst.state).toBe('reviewing');
  });

  it('其他属地的人员看不到该事项', async () => {
    const title = `演示申请 ${uniqueName('t')}`;
    await api('POST', '/api/workflow/demo', await token('qiye'), { title });
    // 渭滨区 (宝鸡) county bureau: out of its jurisdiction.
    const other = await api<{ items: Array<{ title: string }> }>(
      'GET',
      `/api/workflow/inbox?keyword=${encodeURIComponent(title)}`,
      await token('weibin'),
    );
    expect(other.items).toEqual([]);
    const mine = await api<{ items: Array<{ title: string }> }>(
      'GET',
      `/api/workflow/inbox?keyword=${encodeURIComponent(title)}`,
      await token('xincheng'),
    );
    expect(mine.items.map((i) => i.title)).toEqual([title]);
  });
});
