import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  activePane,
  api,
  launchBrowser,
  login,
  newPage,
  openFromMenu,
  readMenu,
  settled,
  shot,
  token,
  uploadFile,
} from './support';

/**
 * The staff pages of 生产许可 open and show their data in Chromium (screenshots for the manuals): 产品目录,
 * 核查模板, 许可规则配置, 超期监控, 许可统计, 核查任务 with the observer draw, 年度自查报告.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

interface Detail {
  id: string;
  instanceId: string;
  checklist: Array<{ code: string; name: string; required: boolean }>;
}

/** An application submitted through the API by the enterprise (every required material attached). */
async function submitApplication(productCode: string): Promise<Detail> {
  const qiye = await token('qiye');
  const sheng = await token('sheng');
  const all = await api<{ items: Array<{ id: string; code: string }> }>(
    'GET',
    '/api/licensing/catalogue/all',
    sheng,
  );
  const unit = all.items.find((n) => n.code === productCode)!.id;
  const d = await api<Detail>('POST', '/api/licensing/applications', qiye, {
    type: 'issue',
    productUnitId: unit,
    residence: '西安市新城区长乐路 1 号',
    productionAddress: '西安市新城区幸福路 88 号',
    contactName: '郑经办',
    contactPhone: '13800000001',
  });
  for (const c of d.checklist.filter((x) => x.required)) {
    const pdf = Buffer.from(
      `%PDF-1.4\n% ${c.code} ${Math.random()}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`,
    );
    const fileId = await uploadFile(qiye, `${c.name}.pdf`, pdf);
    await api('POST', `/api/licensing/applications/${d.id}/materials`, qiye, {
      materialCode: c.code,
      fileIds: [fileId],
    });
  }
  return api<Detail>('POST', `/api/licensing/applications/${d.id}/submit`, qiye, {});
}

async function visit(page: Page, title: string, expectText: string, name: string): Promise<void> {
  await openFromMenu(page, '生产许可', title);
  await activePane(page).getByText(expectText).first().waitFor();
  await shot(page, name);
}

const STAFF_CITY = ['证书管理', '年度自查报告', '核查任务', '超期监控', '许可统计'];
const LICENSING_MENU: Record<string, string[] | null> = {
  qiye: ['我的申请', '我的证书', '许可文书', '年度自查报告'],
  sheng: [
    '受理台',
    '证书管理',
    '年度自查报告',
    '核查任务',
    '审批决定',
    '超期监控',
    '许可统计',
    '产品目录',
    '申请材料清单',
    '核查模板',
    '许可规则配置',
  ],
  xian: STAFF_CITY,
  xincheng: STAFF_CITY,
  // The expert fills checklists of the tasks assigned to them (licensing:checklist).
  zhuanjia: ['核查任务'],
  sysadmin: null,
  yunwei: null,
};

describe('生产许可：菜单', () => {
  it.each(Object.keys(LICENSING_MENU))('%s 的“生产许可”菜单由其权限生成', async (username) => {
    const { context, page } = await newPage(browser);
    await login(page, username);
    const menu = await readMenu(page);
    expect(menu['生产许可'] ?? null).toEqual(LICENSING_MENU[username]);
    await context.close();
  });
});

describe('生产许可：监管端页面', () => {
  it('省局人员打开目录、模板、规则配置、超期监控与统计；市局人员抽取观察员并查看核查任务', async () => {
    // A task for 危险化学品无机产品 (its 示例 template is bound in demo mode), accepted with 实地核查.
    const app = await submitApplication('C07-V01');
    const sheng = await token('sheng');
    await api('POST', `/api/licensing/applications/${app.id}/accept`, sheng, { inspectionRequired: true });

    const { context, page } = await newPage(browser);
    await login(page, 'sheng');
    await visit(page, '产品目录', '电线电缆', 'licensing-catalogue');
    await visit(page, '核查模板', '示例', 'licensing-templates');
    await activePane(page)
      .getByRole('button', { name: /查看|编辑/ })
      .first()
      .click();
    await activePane(page).getByText('模板信息与判定规则').waitFor();
    await shot(page, 'licensing-template-editor');
    await visit(page, '许可规则配置', '补正期间暂停受理计时', 'licensing-settings');
    await visit(page, '超期监控', '已超期', 'licensing-monitor');
    await visit(page, '许可统计', '合计', 'licensing-statistics');
    await activePane(page).locator('canvas').first().waitFor();
    await shot(page, 'licensing-statistics');
    await visit(page, '证书管理', '证书编号', 'licensing-certificates');
    await visit(page, '年度自查报告', '年度', 'licensing-self-inspection-officer');
    await context.close();

    // The enterprise's view of 年度自查报告 (its certificates and their status for the year): a licence for
    // 瓶装液化石油气调压器 (告知承诺, test codes) granted first.
    const all = await api<{ items: Array<{ id: string; code: string }> }>(
      'GET',
      '/api/licensing/catalogue/all',
      sheng,
    );
    const node = (code: string) => all.items.find((n) => n.code === code)!.id;
    await api('PUT', `/api/licensing/catalogue/${node('C11')}`, sheng, { industryCode: '11' });
    await api('PUT', `/api/licensing/catalogue/${node('C11-V01')}`, sheng, {
      productCode: '001',
      approvalMode: 'commitment',
    });
    const granted = await submitApplication('C11-V01');
    await api('POST', `/api/licensing/applications/${granted.id}/accept`, sheng, {
      inspectionRequired: false,
    });
    await api('POST', `/api/workflow/instances/${granted.instanceId}/actions`, sheng, {
      action: 'approve',
      comment: '准予许可',
    });
    const ent = await newPage(browser);
    await login(ent.page, 'qiye');
    await openFromMenu(ent.page, '生产许可', '年度自查报告');
    await activePane(ent.page)
      .getByText(/XK11-001-\d{5}/)
      .first()
      .waitFor();
    await shot(ent.page, 'licensing-self-inspection-enterprise');
    await ent.context.close();

    // The city bureau draws the observer at random from its staff; the draw can be replayed.
    const city = await newPage(browser);
    await login(city.page, 'xian');
    await visit(city.page, '核查任务', '危险化学品', 'licensing-inspections');
    const tasks = await api<{ items: Array<{ id: string }> }>(
      'GET',
      `/api/licensing/inspections?applicationId=${app.id}`,
      sheng,
    );
    await city.page.goto(`/licensing/inspections/${tasks.items[0]!.id}`);
    await city.page.getByRole('tab', { name: '观察员' }).click();
    await city.page
      .getByRole('button', { name: /随机抽取/ })
      .first()
      .click();
    const confirm = city.page
      .locator('.ant-modal-confirm, .ant-modal')
      .filter({ visible: true, hasText: '随机抽取' });
    await confirm
      .getByRole('button', { name: /抽取|确定|确 定/ })
      .last()
      .click();
    await city.page.locator('.ant-modal-confirm').waitFor({ state: 'detached' });
    await city.page.getByText('抽取结果').first().waitFor();
    await settled(city.page);
    await shot(city.page, 'licensing-observer-draw');
    const detail = await api<{ observer: { userId: string } | null }>(
      'GET',
      `/api/licensing/inspections/${tasks.items[0]!.id}`,
      sheng,
    );
    expect(detail.observer).not.toBeNull();
    await city.context.close();
  });
});
