import type { Static } from '@sinclair/typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testClock, type Session, type TestApp } from '../../../../test/harness.js';
import type { InspectionDetail, InspectionPage } from '../inspection.schemas.js';
import { InspectionService } from '../inspection.service.js';
import { detail, nodeId, submitted, TEST_CONFIG } from './applications.fixtures.js';
import { CLEAR, expectError, ok, userIdOf } from './inspection.fixtures.js';

type Task = Static<typeof InspectionDetail>;

/**
 * The real application process (licensing.workflow.ts): 受理 with 实地核查 opens the task with the template bound
 * to the product; the 组长's conclusion moves the application to 产品检验, or ends the review.
 */
describe('现场核查 within the licence application process', () => {
  let t: TestApp;
  let qiye: Session;
  let sheng: Session;
  let xian: Session;
  let xincheng: Session;
  let ids: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp({ clock: testClock('2026-03-16T09:00:00+08:00'), config: TEST_CONFIG });
    qiye = await t.login('qiye');
    sheng = await t.login('sheng');
    xian = await t.login('xian');
    xincheng = await t.login('xincheng');
    ids = {};
    for (const u of ['xian', 'xincheng', 'zhuanjia']) ids[u] = await userIdOf(t.ctx, u);
  });
  afterAll(async () => t.close());

  async function accepted(code: string): Promise<{ applicationId: string; task: Task; unit: string }> {
    const unit = await nodeId(t, code);
    const app = await submitted(qiye, unit);
    ok(await sheng.post(`/api/licensing/applications/${app.id}/accept`, { inspectionRequired: true }));
    const page = ok<Static<typeof InspectionPage>>(
      await sheng.get(`/api/licensing/inspections?applicationId=${app.id}`),
    );
    expect(page.items).toHaveLength(1);
    const task = ok<Task>(await sheng.get(`/api/licensing/inspections/${page.items[0]!.id}`));
    return { applicationId: app.id, task, unit };
  }

  async function organise(task: Task): Promise<Task> {
    return ok<Task>(
      await sheng.put(`/api/licensing/inspections/${task.id}/team`, {
        members: [
          { userId: ids.xian, role: 'leader', declaration: CLEAR },
          { userId: ids.xincheng, role: 'member', declaration: CLEAR },
          { userId: ids.zhuanjia, role: 'member', declaration: CLEAR },
        ],
      }),
    );
  }

  it("受理 opens the task with the product's template; a passing conclusion moves the application to 检验", async () => {
    const { applicationId, task, unit } = await accepted('C06-V01');
    expect(task).toMatchObject({
      applicationId,
      status: 'planning',
      productUnitId: unit,
      enterpriseName: '西安秦风电器有限公司',
    });
    expect(task.template).toMatchObject({ code: 'EX-DXDL', isExample: true });
    // 《办法》第十八条: 30 working days from 受理 (computed by the application part).
    expect(task.application).toMatchObject({
      state: 'inspecting',
      acceptedDate: '2026-03-16',
      inspectionDueDate: expect.stringMatching(/^2026-04-\d\d$/) as unknown,
    });
    expect(task.application!.productName).toContain('电线电缆');
    const team = await organise(task);
    const items = team.template!.chapters.flatMap((c) => c.items);
    ok(
      await xincheng.put(`/api/licensing/inspections/${task.id}/items`, {
        items: items.map((i) => ({ itemId: i.id, result: 'conform' })),
      }),
    );
    const done = ok<Task>(
      await xian.post(`/api/licensing/inspections/${task.id}/conclude`, {
        finalResult: 'pass',
        enterpriseConfirmation: 'confirmed',
        enterpriseSigner: '郑企业',
      }),
    );
    expect(done.conclusion).toMatchObject({ finalResult: 'pass', suggestedResult: 'pass' });
    expect((await detail(sheng, applicationId)).state).toBe('testing');
    const c = await new InspectionService(t.ctx).conclusionOf(applicationId);
    expect(c).toMatchObject({ result: 'pass', leaderName: '李西安', templateCode: 'EX-DXDL' });
  });

  it('a failing conclusion ends the review (《办法》第二十条); withdrawal cancels an open task', async () => {
    const { applicationId, task } = await accepted('C07-V01');
    expect(task.template).toMatchObject({ code: 'EX-WHHXP' });
    const team = await organise(task);
    const items = team.template!.chapters.flatMap((c) => c.items);
    const veto = items.find((i) => i.veto)!;
    ok(
      await xian.put(`/api/licensing/inspections/${task.id}/items`, {
        items: items.map((i) =>
          i.id === veto.id
            ? { itemId: i.id, result: 'nonconform', problem: '无出厂检验设备', rectification: '配置检验设备' }
            : { itemId: i.id, result: 'conform' },
        ),
      }),
    );
    // The enterprise cannot conclude (not on the team).
    expectError(
      await qiye.post(`/api/licensing/inspections/${task.id}/conclude`, {
        finalResult: 'pass',
        enterpriseConfirmation: 'confirmed',
      }),
      404,
    );
    ok(
      await xian.post(`/api/licensing/inspections/${task.id}/conclude`, {
        finalResult: 'fail',
        enterpriseConfirmation: 'confirmed',
        enterpriseSigner: '郑企业',
      }),
    );
    expect((await detail(sheng, applicationId)).state).toBe('inspection_failed');
    expect(ok<Task>(await xian.get(`/api/licensing/inspections/${task.id}`)).status).toBe('concluded');
    // 《办法》第十九条: the conclusion is notified to the enterprise, with the 不符合 items.
    const docs = ok<{ items: Array<{ id: string; kind: string }> }>(
      await qiye.get(`/api/licensing/documents?applicationId=${applicationId}`),
    );
    expect(docs.items.map((d) => d.kind)).toEqual(['inspection_conclusion', 'acceptance_notice']);
    const conclusion = ok<{ content: { paragraphs: string[]; table: { rows: string[][] } | null } }>(
      await qiye.get(`/api/licensing/documents/${docs.items[0]!.id}`),
    );
    expect(conclusion.content.paragraphs.join('')).toContain('核查结论：不合格');
    expect(conclusion.content.table!.rows).toEqual([
      [veto.code, veto.content, '不符合', '无出厂检验设备', '配置检验设备'],
    ]);

    // No template is bound to 水泥: the task opens without one, for an officer to choose.
    const other = await accepted('C02-V01');
    expect(other.task.template).toBeNull();
    ok(
      await qiye.post(`/api/licensing/applications/${other.applicationId}/withdraw`, { comment: '暂不申请' }),
    );
    expect(ok<Task>(await sheng.get(`/api/licensing/inspections/${other.task.id}`)).status).toBe('cancelled');
  });
});
