import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, FixedClock, type TestApp } from '../../../../test/harness.js';
import { readXlsx } from '../../documents/xlsx.js';
import { FileService } from '../../files/files.service.js';
import { WorkflowService } from '../workflow.service.js';
import { principalOf, seedWorkflowFixtures, startTestInstance } from './workflow.fixtures.js';

/** The parts of reply bodies the tests look into. */
interface Row {
  id: string;
  action: string;
  displayName: string;
  at: string;
}
interface Body {
  items: Row[];
  allowedActions: Row[];
  total: number;
}
const json = (r: LightMyRequestResponse) => r.json<Body>();

const at = (clock: FixedClock, day: string, time = '09:00') => clock.set(new Date(`${day}T${time}:00+08:00`));

// A minimal valid PDF (the file service checks content, not the name).
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

describe('workflow over HTTP', () => {
  let t: TestApp;
  let wf: WorkflowService;
  const clock = new FixedClock(new Date('2026-04-14T09:00:00+08:00'));
  beforeAll(async () => {
    t = await createTestApp({ clock });
    await seedWorkflowFixtures(t.ctx);
    wf = new WorkflowService(t.ctx);
  });
  afterAll(async () => t.close());

  const p = (username: string) => principalOf(t.ctx, username);

  /** Starts and submits an instance on a given day, titled with a tag so a test finds its own tasks. */
  async function submitted(day: string, title: string): Promise<string> {
    at(clock, day);
    const id = await startTestInstance(t.ctx, { title });
    await wf.act(await p('qiye'), id, 'submit');
    return id;
  }

  it('answers 401 without a session on every route', async () => {
    const id = '0192f0e0-0000-7000-8000-000000000002';
    for (const [method, url] of [
      ['GET', '/api/workflow/inbox'],
      ['GET', `/api/workflow/instances/${id}`],
      ['GET', `/api/workflow/instances/${id}/history`],
      ['GET', `/api/workflow/instances/${id}/transfer-candidates`],
      ['POST', `/api/workflow/instances/${id}/actions`],
    ] as const) {
      const r = await t.app.inject({
        method,
        url,
        ...(method === 'POST' ? { payload: { action: 'accept' } } : {}),
      });
      expect(r.statusCode, url).toBe(401);
    }
  });

  it('lists the inbox with due dates, overdue flags and days left; filters, sorts, pages and exports', async () => {
    const tag = '收件箱测试';
    const a = await submitted('2026-04-01', `${tag} 甲`); // due Thu 9 April
    const b = await submitted('2026-04-08', `${tag} 乙`); // due Wed 15 April
    const c = await submitted('2026-04-13', `${tag} 丙`); // due Mon 20 April
    at(clock, '2026-04-13');
    const draft = await startTestInstance(t.ctx, { title: `${tag} 丁（草稿）` });
    at(clock, '2026-04-14');
    const xa1 = await t.login('wf_xa1');
    const kw = `keyword=${encodeURIComponent(tag)}`;

    const all = await xa1.get(`/api/workflow/inbox?${kw}`);
    expect(all.statusCode).toBe(200);
    const body = json(all);
    expect(body.total).toBe(3);
    expect(body.items.map((i) => i.id)).toEqual([a, b, c]);
    expect(body.items[0]).toMatchObject({
      processKey: 'wftest.licence',
      processLabel: '测试许可申请',
      state: 'accepting',
      stateLabel: '受理',
      taskType: 'handle',
      dueDate: '2026-04-09',
      dueKind: 'working',
      overdue: true,
      daysLeft: -3,
      applicantName: '郑企业',
      applicantOrgName: '西安秦风电器有限公司',
      version: 2,
    });
    expect(body.items[1]).toMatchObject({ dueDate: '2026-04-15', overdue: false, daysLeft: 1 });
    expect(body.items[2]).toMatchObject({ dueDate: '2026-04-20', overdue: false, daysLeft: 4 });

    const ids = async (query: string) =>
      json(await xa1.get(`/api/workflow/inbox?${kw}&${query}`)).items.map((i) => i.id);
    expect(await ids('sort=-dueDate')).toEqual([c, b, a]);
    expect(await ids('sort=-createdAt')).toEqual([c, b, a]);
    expect(await ids('overdue=true')).toEqual([a]);
    expect(await ids('overdue=false')).toEqual([b, c]);
    expect(await ids('processKey=other.process')).toEqual([]);
    const page2 = json(await xa1.get(`/api/workflow/inbox?${kw}&pageSize=2&page=2`));
    expect(page2).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(page2.items.map((i) => i.id)).toEqual([c]);
    const badSort = await xa1.get('/api/workflow/inbox?sort=title');
    expect(badSort.statusCode).toBe(400);
    expect(badSort.json()).toMatchObject({ code: 'SORT_FIELD_INVALID', field: 'sort' });

    const xlsx = await xa1.get(`/api/workflow/inbox?${kw}&format=xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const rows = await readXlsx(xlsx.rawPayload);
    expect(rows[0]).toContain('办理期限');
    expect(rows).toHaveLength(4);
    expect(rows[1]).toContain(`${tag} 甲`);
    expect(rows[1]).toContain('是');

    // The county bureau of 新城区 holds the same tasks; 宝鸡 does not, permission or not.
    const xc = await t.login('wf_xc');
    expect((await xc.get(`/api/workflow/inbox?${kw}`)).json().total).toBe(3);
    for (const u of ['wf_bj', 'baoji', 'xian', 'wf_sheng']) {
      const s = await t.login(u);
      expect((await s.get(`/api/workflow/inbox?${kw}`)).json().total, u).toBe(0);
    }
    // The applicant sees only the draft waiting for them, not the tasks of the bureau.
    const qiye = await t.login('qiye');
    const mine = json(await qiye.get(`/api/workflow/inbox?${kw}`));
    expect(mine.items.map((i) => i.id)).toEqual([draft]);
    expect(mine.items[0]).toMatchObject({
      taskType: 'applicant',
      stateLabel: '申请',
      dueDate: null,
      daysLeft: null,
    });
  });

  it('shows the detail with the actions this user may take, and the timeline with attachments', async () => {
    const id = await submitted('2026-04-14', '详情测试');
    const upload = await new FileService(t.ctx).upload(await p('wf_xa1'), {
      filename: '补正告知书.pdf',
      content: PDF,
    });
    const xa1 = await t.login('wf_xa1');
    const d = await xa1.get(`/api/workflow/instances/${id}`);
    expect(d.statusCode).toBe(200);
    expect(d.json()).toMatchObject({
      state: 'accepting',
      stateLabel: '受理',
      status: 'active',
      dueDate: '2026-04-21',
      paused: false,
      version: 2,
      clocks: [{ name: 'accepting', limit: 5, used: 0, remaining: 5, running: true }],
    });
    expect(json(d).allowedActions.map((a) => a.action)).toEqual([
      'accept',
      'supplement',
      'refuse',
      'claim',
      'transfer',
    ]);
    expect(json(d).allowedActions.find((a) => a.action === 'supplement')).toMatchObject({
      label: '补正告知',
      requiresComment: true,
      needsTransferTo: false,
    });

    const act = await xa1.post(`/api/workflow/instances/${id}/actions`, {
      action: 'supplement',
      comment: '请补正：营业执照副本、产品检验报告',
      attachments: [upload.id],
      expectedVersion: 2,
    });
    expect(act.statusCode).toBe(200);
    expect(act.json()).toMatchObject({
      state: 'supplementing',
      stateLabel: '补正',
      paused: true,
      version: 3,
    });
    expect(act.json().allowedActions).toEqual([]);

    const qiye = await t.login('qiye');
    const h = await qiye.get(`/api/workflow/instances/${id}/history`);
    expect(h.statusCode).toBe(200);
    const last = json(h).items.at(-1);
    expect(last).toMatchObject({
      action: 'supplement',
      actionLabel: '补正告知',
      actionKind: 'returnToApplicant',
      fromStateLabel: '受理',
      toStateLabel: '补正',
      actorName: 'wf_xa1',
      actorOrgName: '西安市市场监督管理局',
      comment: '请补正：营业执照副本、产品检验报告',
      attachments: [upload.id],
    });
    expect(typeof last?.at).toBe('string');
    // The attachment now belongs to the instance: the applicant may read it, 宝鸡 may not.
    const files = new FileService(t.ctx);
    const file = await files.getForRead(await p('qiye'), upload.id);
    expect(file.owner_type).toBe('workflow.instance');
    await expect(files.getForRead(await p('wf_bj'), upload.id)).rejects.toMatchObject({ status: 403 });
    // The applicant's own detail offers the resubmission.
    const mine = json(await qiye.get(`/api/workflow/instances/${id}`));
    expect(mine.allowedActions.map((a) => a.action)).toEqual(['resubmit', 'withdraw']);
  });

  it('answers 404 outside the data scope and 403 without the permission or for one’s own application', async () => {
    const id = await submitted('2026-04-14', '权限测试');
    const bj = await t.login('wf_bj');
    for (const url of [`/api/workflow/instances/${id}`, `/api/workflow/instances/${id}/history`]) {
      const r = await bj.get(url);
      expect(r.statusCode, url).toBe(404);
      expect(r.json().code).toBe('WF_NOT_FOUND');
    }
    const bjAct = await bj.post(`/api/workflow/instances/${id}/actions`, { action: 'accept' });
    expect(bjAct.statusCode).toBe(404);

    const sheng = await t.login('wf_sheng');
    const wrong = await sheng.post(`/api/workflow/instances/${id}/actions`, { action: 'accept' });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().code).toBe('WF_ACTION_NOT_ALLOWED');
    expect(wrong.json().message).toContain('受理');

    // wf_xa1 files an application in 西安 and holds the permission to accept it.
    at(clock, '2026-04-14');
    const own = await startTestInstance(t.ctx, { by: 'wf_xa1', title: '本人申请' });
    await wf.act(await p('wf_xa1'), own, 'submit');
    const xa1 = await t.login('wf_xa1');
    const self = await xa1.post(`/api/workflow/instances/${own}/actions`, { action: 'accept' });
    expect(self.statusCode).toBe(403);
    expect(self.json()).toMatchObject({ code: 'WF_SELF_APPROVAL', message: '不能审批或办理本人提交的申请' });
    // …and it is not in their inbox as a task to handle.
    const inbox = (await xa1.get(`/api/workflow/inbox?keyword=${encodeURIComponent('本人申请')}`)).json();
    expect(inbox.total).toBe(0);
  });

  it('answers 409 on a stale expectedVersion and 400 with the field for bad input', async () => {
    const id = await submitted('2026-04-14', '并发测试');
    const xa1 = await t.login('wf_xa1');
    const url = `/api/workflow/instances/${id}/actions`;
    const stale = await xa1.post(url, { action: 'accept', expectedVersion: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'WF_VERSION_CONFLICT', field: 'expectedVersion' });
    expect(stale.json().message).toContain('刷新');

    const cases: Array<[unknown, string]> = [
      [{}, 'action'],
      [{ action: 'accept', attachments: ['not-a-uuid'] }, 'attachments.0'],
      [{ action: 'transfer', transferTo: 'abc' }, 'transferTo'],
      [{ action: 'accept', expectedVersion: 0 }, 'expectedVersion'],
      [{ action: 'accept', extra: 1 }, 'extra'],
      [{ action: 'no such action' }, 'action'],
    ];
    for (const [payload, field] of cases) {
      const r = await xa1.post(url, payload);
      expect(r.statusCode, JSON.stringify(payload)).toBe(400);
      expect(r.json().field).toBe(field);
    }
    const unknown = await xa1.post(url, { action: 'fly' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ code: 'WF_ACTION_UNKNOWN', field: 'action' });
    const badId = await xa1.get('/api/workflow/instances/123');
    expect(badId.statusCode).toBe(400);
    expect(badId.json().field).toBe('id');
    const badOverdue = await xa1.get('/api/workflow/inbox?overdue=maybe');
    expect(badOverdue.statusCode).toBe(400);
    expect(badOverdue.json().field).toBe('overdue');

    const ok = await xa1.post(url, { action: 'accept', expectedVersion: 2, comment: '受理' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ state: 'reviewing', version: 3 });
  });

  it('lists transfer candidates and transfers through the API', async () => {
    const id = await submitted('2026-04-14', '转办测试');
    const xa1 = await t.login('wf_xa1');
    const c = await xa1.get(`/api/workflow/instances/${id}/transfer-candidates`);
    expect(c.statusCode).toBe(200);
    const names = json(c)
      .items.map((i) => i.displayName)
      .sort();
    expect(names).toEqual(['wf_xa2', 'wf_xc']);
    const xc = json(c).items.find((i) => i.displayName === 'wf_xc');
    const r = await xa1.post(`/api/workflow/instances/${id}/actions`, {
      action: 'transfer',
      transferTo: xc!.id,
    });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ assigneeName: 'wf_xc', allowedActions: [] });
    const s = await t.login('wf_xc');
    const inbox = (await s.get(`/api/workflow/inbox?keyword=${encodeURIComponent('转办测试')}`)).json();
    expect(inbox.items[0]).toMatchObject({ id, taskType: 'assigned', assigneeName: 'wf_xc' });
    const xa2 = await t.login('wf_xa2');
    expect(
      (await xa2.get(`/api/workflow/inbox?keyword=${encodeURIComponent('转办测试')}`)).json().total,
    ).toBe(0);
  });
});
