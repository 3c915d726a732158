import type { Browser, Locator, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buttonName, field, launchBrowser, login, newPage, openFromMenu } from './support';

/**
 * 常用筛选 of the lists (ServerTable): a filter with a time range is saved in the browser, and after a reload of
 * the browser page applying it puts the range back into the picker and into the query.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const STORE = 'samr:filters:security.audit';

/** The next request of the audit list whose query has these parameters (`null`: must be absent). */
function auditQuery(page: Page, params: Record<string, string | null>): Promise<Request> {
  return page.waitForRequest((r) => {
    const u = new URL(r.url());
    return (
      u.pathname === '/api/system/audit' &&
      !u.searchParams.has('format') &&
      Object.entries(params).every(([k, v]) => u.searchParams.get(k) === v)
    );
  });
}

/**
 * The entries of the 常用筛选 menu once it has popped up (clicked while it still grows, the pointer would land
 * beside it and the menu, opened by hovering, would close).
 */
const menuEntries = (page: Page): Locator =>
  page.locator(
    '.ant-dropdown:not(.ant-dropdown-hidden):not([class*="-appear"]):not([class*="-enter"]):not([class*="-leave"]) .ant-dropdown-menu-item',
  );

/** Chooses an entry of the 常用筛选 menu of a list. */
async function savedFilterMenu(page: Page, table: Locator, entry: string): Promise<void> {
  await table.getByRole('button', { name: buttonName('常用筛选') }).hover();
  await menuEntries(page)
    .filter({ hasText: new RegExp(`^${entry}$`) })
    .click();
}

/** The two inputs of the 时间 range picker: start and end as shown. */
const rangeText = async (table: Locator): Promise<string[]> => {
  const inputs = field(table, '时间').locator('.ant-picker input');
  return [await inputs.nth(0).inputValue(), await inputs.nth(1).inputValue()];
};

describe('常用筛选', () => {
  it('保存带时间范围的筛选，重新载入后应用：时间范围回到选择器并随查询发出', async () => {
    const { context, page } = await newPage(browser);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await login(page, 'auditadmin');
    await openFromMenu(page, '安全审计', '审计日志');
    const table = page.getByTestId('table-security.audit');
    await table.locator('.ant-table-row').first().waitFor();

    // A range typed into the picker (the browser is in Asia/Shanghai: 08:00 is 00:00 UTC).
    const FROM = '2026-01-01T00:00:00.000Z';
    const TO = '2026-12-31T10:30:59.999Z';
    let query = auditQuery(page, { from: FROM, to: TO });
    const inputs = field(table, '时间').locator('.ant-picker input');
    await inputs.nth(0).click();
    await inputs.nth(0).fill('2026-01-01 08:00');
    await inputs.nth(0).press('Enter');
    await inputs.nth(1).fill('2026-12-31 18:30');
    await inputs.nth(1).press('Enter');
    await table.getByRole('button', { name: buttonName('查询') }).click();
    await query;

    // 保存当前筛选 asks for a name; the dates are stored tagged, not as bare strings.
    page.once('dialog', (d) => void d.accept('全年审计'));
    await savedFilterMenu(page, table, '保存当前筛选…');
    await expect
      .poll(() => page.evaluate((k) => localStorage.getItem(k), STORE))
      .toBe(
        JSON.stringify([
          { name: '全年审计', values: { range: [{ $date: FROM }, { $date: '2026-12-31T10:30:00.000Z' }] } },
        ]),
      );

    // A reload of the browser page: the tab comes back with an empty filter bar.
    await page.reload();
    await table.locator('.ant-table-row').first().waitFor();
    expect(await rangeText(table)).toEqual(['', '']);

    // Applying the saved filter: the range is back in the picker and in the request.
    query = auditQuery(page, { from: FROM, to: TO });
    await savedFilterMenu(page, table, '全年审计');
    await query;
    await expect.poll(() => rangeText(table)).toEqual(['2026-01-01 08:00', '2026-12-31 18:30']);

    // Entries saved before dates were tagged (dayjs as ISO strings) still apply; malformed entries are left
    // out, a bad date is left empty, and nothing breaks.
    await page.evaluate(({ k, v }) => localStorage.setItem(k, v), {
      k: STORE,
      v: JSON.stringify([
        'junk',
        { name: 5, values: {} },
        { name: '无值', values: null },
        {
          name: '旧版保存',
          values: { range: ['2026-03-01T00:00:00.000Z', '2026-03-31T15:59:00.000Z'], result: 'success' },
        },
        { name: '坏日期', values: { range: [{ $date: 'not a date' }, null], gone: 'x' } },
      ]),
    });
    await page.reload();
    await table.locator('.ant-table-row').first().waitFor();
    await table.getByRole('button', { name: buttonName('常用筛选') }).hover();
    await expect
      .poll(async () => (await menuEntries(page).allInnerTexts()).map((t) => t.trim()))
      .toEqual(['保存当前筛选…', '旧版保存', '坏日期', '清除常用筛选']);

    query = auditQuery(page, {
      from: '2026-03-01T00:00:00.000Z',
      to: '2026-03-31T15:59:59.999Z',
      result: 'success',
    });
    await savedFilterMenu(page, table, '旧版保存');
    await query;
    await expect.poll(() => rangeText(table)).toEqual(['2026-03-01 08:00', '2026-03-31 23:59']);
    expect(await field(table, '结果').innerText()).toContain('成功');

    // 坏日期: the other fields are cleared, the bad date stays empty, the unknown field is not sent.
    query = auditQuery(page, { from: null, to: null, result: null, gone: null });
    await savedFilterMenu(page, table, '坏日期');
    await query;
    await expect.poll(() => rangeText(table)).toEqual(['', '']);

    expect(errors).toEqual([]);
    await context.close();
  });
});
