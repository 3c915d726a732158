import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  field,
  launchBrowser,
  login,
  newPage,
  openFromMenu,
  pickTree,
  settled,
  shot,
  token,
} from './support';

/**
 * 工业产品生产许可 end to end in Chromium: the enterprise applies with its materials, the officer accepts with
 * 实地核查, the review team records the verification (the checklist page on a tablet-sized screen), the officer
 * completes 检验 and approves, and the enterprise downloads the certificate and sees its 许可文书.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A small valid PDF (the server checks the file's magic bytes). */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

interface Node {
  id: string;
  code: string;
}

/** 行业编号 / 产品编号 are 待需求方提供: the test gives 电线电缆 its codes so that a number can be assigned. */
async function giveCodes(): Promise<void> {
  const sheng = await token('sheng');
  const all = await api<{ items: Node[] }>('GET', '/api/licensing/catalogue/all', sheng);
  const byCode = new Map(all.items.map((n) => [n.code, n.id]));
  await api('PUT', `/api/licensing/catalogue/${byCode.get('C06')}`, sheng, { industryCode: '06' });
  await api('PUT', `/api/licensing/catalogue/${byCode.get('C06-V01')}`, sheng, { productCode: '001' });
}

/** The active drawer or modal holding `text`. */
const dialog = (page: Page, text: string) =>
  page.getByRole('dialog').filter({ visible: true, hasText: text }).last();

describe('生产许可：申请 → 受理 → 核查 → 决定 → 证书', () => {
  it('企业申请并上传材料，受理人员受理，核查合格后准予许可，企业下载证书并查看许可文书', async () => {
    await giveCodes();

    // 1. The enterprise creates the application, fills the form, uploads every required material, submits.
    const ent = await newPage(browser);
    const page = ent.page;
    await login(page, 'qiye');
    await openFromMenu(page, '生产许可', '我的申请');
    await page.getByRole('button', { name: /新建申请/ }).click();
    const create = dialog(page, '创建草稿');
    await pickTree(page, field(create, '产品单元'), '电线电缆（001）');
    await create.getByText('需提交的材料').waitFor();
    await shot(page, 'licensing-apply-new');
    await create.getByRole('button', { name: /创建草稿/ }).click();

    const drawer = dialog(page, '申请表');
    await drawer.waitFor();
    await drawer.getByLabel('住所').fill('西安市新城区长乐路 1 号');
    await drawer.getByLabel('生产地址').fill('西安市新城区幸福路 88 号');
    await drawer.getByLabel('联系人').fill('郑经办');
    await drawer.getByLabel('联系电话').fill('13800000001');
    const required = drawer.locator('[data-testid^="material-"]').filter({ hasText: '必需' });
    const count = await required.count();
    expect(count).toBeGreaterThan(0);
    for (let i = 0; i < count; i++) {
      const item = required.nth(i);
      await item.locator('input[type=file]').setInputFiles({
        name: `材料${i + 1}.pdf`,
        mimeType: 'application/pdf',
        buffer: PDF,
      });
      await item.getByText('已齐全').waitFor();
    }
    await shot(page, 'licensing-apply-materials');
    await drawer.getByRole('button', { name: /提交申请/ }).click();
    await page.getByText('申请已提交').waitFor();
    await closeDrawers(page);
    const mine = await api<{
      items: Array<{ id: string; applicationNo: string; state: string; instanceId: string }>;
    }>('GET', '/api/licensing/applications?sort=-createdAt&pageSize=1', await token('qiye'));
    const app = mine.items[0]!;
    expect(app.state).toBe('accepting');

    // 2. The officer accepts at the 受理台, with 实地核查 (先核后证).
    const off = await newPage(browser);
    const officer = off.page;
    await login(officer, 'sheng');
    await openFromMenu(officer, '生产许可', '受理台');
    const row = officer.locator('.ant-table-row').filter({ hasText: app.applicationNo });
    await row.waitFor();
    await shot(officer, 'licensing-acceptance-desk');
    await row.getByRole('button', { name: /^受\s*理$/ }).click();
    const accept = dialog(officer, '需要实地核查');
    await accept.getByRole('button', { name: /^受\s*理$/ }).click();
    await officer
      .getByText(/已受理/)
      .first()
      .waitFor();

    // 3. The review team: organised and recorded through the API; the checklist as the team sees it on a tablet.
    const sheng = await token('sheng');
    const xian = await token('xian');
    const tasks = await api<{ items: Array<{ id: string }> }>(
      'GET',
      `/api/licensing/inspections?applicationId=${app.id}`,
      sheng,
    );
    const taskId = tasks.items[0]!.id;
    const cands = await api<{ items: Array<{ userId: string; username: string }> }>(
      'GET',
      `/api/licensing/inspections/${taskId}/team/candidates`,
      sheng,
    );
    const idOf = (u: string) => cands.items.find((c) => c.username === u)!.userId;
    const CLEAR = { employed: false, consulted: false, related: false, other: false };
    await api('PUT', `/api/licensing/inspections/${taskId}/team`, sheng, {
      members: [
        { userId: idOf('xian'), role: 'leader', declaration: CLEAR },
        { userId: idOf('xincheng'), role: 'member', declaration: CLEAR },
        { userId: idOf('zhuanjia'), role: 'member', declaration: CLEAR },
      ],
    });
    const team = await newPage(browser);
    await team.page.setViewportSize({ width: 1024, height: 768 });
    await login(team.page, 'xian');
    await team.page.goto(`/licensing/inspections/${taskId}`);
    await team.page.getByText('核查记录').first().waitFor();
    await settled(team.page);
    await shot(team.page, 'licensing-inspection-tablet');
    const task = await api<{ template: { chapters: Array<{ items: Array<{ id: string }> }> } }>(
      'GET',
      `/api/licensing/inspections/${taskId}`,
      xian,
    );
    await api('PUT', `/api/licensing/inspections/${taskId}/items`, xian, {
      items: task.template.chapters.flatMap((c) => c.items).map((i) => ({ itemId: i.id, result: 'conform' })),
    });
    await api('POST', `/api/licensing/inspections/${taskId}/conclude`, xian, {
      finalResult: 'pass',
      enterpriseConfirmation: 'confirmed',
      enterpriseSigner: '郑企业',
    });
    await team.context.close();

    // 4. The officer completes 检验 and approves at the 审批决定 desk; the number is shown.
    await openFromMenu(officer, '生产许可', '审批决定');
    const desk = officer.locator('.ant-tabs-tabpane-active').last();
    await officer.getByRole('tab', { name: /待产品检验完成/ }).click();
    const testing = officer.locator('.ant-table-row').filter({ visible: true, hasText: app.applicationNo });
    await testing.getByRole('button', { name: /办理/ }).click();
    await dialog(officer, '申请信息')
      .getByRole('button', { name: /检验完成/ })
      .click();
    await officer.getByTestId('desk-action-submit').click();
    const tested = officer.getByText(/已检验完成/).first();
    await confirmIfAsked(officer, '确定检验完成', tested);
    await tested.waitFor();
    await closeDrawers(officer);

    await officer.getByRole('tab', { name: /待许可决定/ }).click();
    const deciding = officer.locator('.ant-table-row').filter({ visible: true, hasText: app.applicationNo });
    await deciding.getByRole('button', { name: /办理/ }).click();
    const detail = dialog(officer, '申请信息');
    await detail.getByRole('tab', { name: '实地核查' }).click();
    await detail.getByText('合格').first().waitFor();
    await shot(officer, 'licensing-decision');
    await detail.getByRole('button', { name: /准予许可/ }).click();
    await officer.getByTestId('desk-action-submit').click();
    const issued = officer.getByTestId('desk-issued-number');
    await confirmIfAsked(officer, '确定准予许可', issued);
    await issued.waitFor();
    expect(await issued.innerText()).toMatch(/\(陕\)XK06-001-\d{5}/);
    await shot(officer, 'licensing-approved');
    void desk;

    // 5. The enterprise downloads the certificate PDF and sees its documents.
    await openFromMenu(page, '生产许可', '我的证书');
    const certRow = page.locator('.ant-table-row').filter({ visible: true, hasText: /XK06-001/ });
    await certRow.waitFor();
    await shot(page, 'licensing-my-certificates');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      certRow.getByRole('button', { name: /下载 PDF/ }).click(),
    ]);
    const file = await download.path();
    expect(file).toBeTruthy();
    const { readFileSync } = await import('node:fs');
    const bytes = readFileSync(file);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);

    await openFromMenu(page, '生产许可', '许可文书');
    for (const title of ['生产许可申请受理通知书', '生产许可实地核查结论通知书', '准予生产许可决定书'])
      await page.locator('.ant-table-row').filter({ visible: true, hasText: title }).first().waitFor();
    await shot(page, 'licensing-documents');

    await ent.context.close();
    await off.context.close();
  });
});

/**
 * Some actions ask once more before they are sent: waits (as long as a slow machine needs) until either that
 * question or the action's outcome (`done`) shows, and answers the question when it is asked.
 */
async function confirmIfAsked(page: Page, okText: string, done: Locator): Promise<void> {
  const confirm = page.locator('.ant-modal-confirm').filter({ visible: true });
  // The waits that lose the race end quietly (a rejected promise nobody awaits would fail the run).
  const which = await Promise.race([
    confirm.waitFor({ timeout: 30_000 }).then(
      () => 'confirm' as const,
      () => 'timeout' as const,
    ),
    done.waitFor({ timeout: 30_000 }).then(
      () => 'done' as const,
      () => 'timeout' as const,
    ),
  ]);
  if (which === 'confirm') await confirm.getByRole('button', { name: new RegExp(okText) }).click();
}

async function closeDrawers(page: Page): Promise<void> {
  for (const close of await page.locator('.ant-drawer-close').filter({ visible: true }).all())
    await close.click();
  await settled(page);
}
