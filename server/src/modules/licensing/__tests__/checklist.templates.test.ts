import type { Static } from '@sinclair/typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readXlsx } from '../../../platform/documents/xlsx.js';
import { createTestApp, type Session, type TestApp } from '../../../../test/harness.js';
import type { TemplateDetail, TemplatePage } from '../checklist.templates.schemas.js';
import type { InspectionDetail } from '../inspection.schemas.js';
import { expectError, ok, openTask } from './inspection.fixtures.js';

type Detail = Static<typeof TemplateDetail>;
const BASE = '/api/licensing/checklist-templates';
const UNKNOWN = '01890000-0000-7000-8000-000000000000';

describe('/api/licensing/checklist-templates', () => {
  let t: TestApp;
  let sheng: Session;
  let xian: Session;
  let qiye: Session;
  let variety: string;

  beforeAll(async () => {
    t = await createTestApp({ config: { loginRateLimit: 10000 } });
    sheng = await t.login('sheng');
    xian = await t.login('xian');
    qiye = await t.login('qiye');
    variety = (
      await t.ctx.db
        .selectFrom('licensing_catalogue_node')
        .select('id')
        .where('code', '=', 'C06-V01')
        .executeTakeFirstOrThrow()
    ).id;
  });
  afterAll(async () => t.close());

  const create = (body: Record<string, unknown> = {}) =>
    sheng.post(BASE, {
      code: `T${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`,
      name: '水泥产品实地核查记录表',
      allowedResults: ['conform', 'basic', 'nonconform', 'na'],
      rules: { generalFailLimit: 3, basicPerFail: 2 },
      chapters: [
        {
          title: '质量管理职责',
          items: [
            { code: '1.1', content: '应建立质量管理制度' },
            { code: '1.2', content: '应明确质量负责人', method: '查阅任命文件' },
          ],
        },
        { title: '产品检验', items: [{ code: '2.1', content: '应具备出厂检验设备', veto: true }] },
      ],
      ...body,
    });

  it('seeds two published example templates, clearly labelled 示例', async () => {
    const page = ok<Static<typeof TemplatePage>>(await sheng.get(`${BASE}?isExample=true&sort=code`));
    expect(page.items.map((i) => [i.code, i.status, i.isExample])).toEqual([
      ['EX-DXDL', 'published', true],
      ['EX-WHHXP', 'published', true],
    ]);
    for (const i of page.items) {
      expect(i.name).toMatch(/^【示例】.*非正式细则/);
      expect(i.vetoCount).toBeGreaterThan(0);
      expect(i.rules.generalFailLimit).not.toBeNull();
    }
    expect(page.items[1]!.rules).toMatchObject({ basicEnabled: true, basicPerFail: 3 });
    const d = ok<Detail>(await sheng.get(`${BASE}/${page.items[0]!.id}`));
    expect(d.description).toContain('不是正式的实施细则');
    expect(d.chapters.map((c) => c.title)).toEqual([
      '质量管理职责',
      '生产资源',
      '技术文件',
      '采购与过程控制',
      '产品检验',
      '不合格品控制',
    ]);
    // In demo mode the example is bound to the catalogue's 电线电缆, so an application for it gets the checklist.
    expect(d.varietyId).toBe(variety);
    const task = await openTask(t.ctx, { productUnitId: variety });
    const td = ok<Static<typeof InspectionDetail>>(
      await sheng.get(`/api/licensing/inspections/${task.taskId}`),
    );
    expect(td.template).toMatchObject({ id: d.id, code: 'EX-DXDL' });
  });

  it('answers 401 / 403 / 400 / 404', async () => {
    expectError(await t.app.inject({ method: 'GET', url: BASE }), 401);
    expectError(await t.app.inject({ method: 'POST', url: BASE, payload: {} }), 401);
    expectError(await qiye.get(BASE), 403, 'FORBIDDEN');
    // Inspectors may read (to choose a template) but not edit.
    ok(await xian.get(BASE));
    expectError(await xian.post(BASE, { code: 'X1', name: 'x' }), 403, 'FORBIDDEN');
    const anyId = ok<Static<typeof TemplatePage>>(await sheng.get(BASE)).items[0]!.id;
    for (const [method, path] of [
      ['PUT', `/${anyId}`],
      ['DELETE', `/${anyId}`],
      ['POST', `/${anyId}/chapters`],
      ['POST', `/${anyId}/items`],
      ['POST', `/${anyId}/publish`],
      ['POST', `/${anyId}/versions`],
    ] as const) {
      expectError(await xian.request({ method, url: `${BASE}${path}`, payload: {} }), 403, 'FORBIDDEN');
      expectError(await t.app.inject({ method, url: `${BASE}${path}`, payload: {} }), 401);
    }
    expectError(await sheng.get(`${BASE}/${UNKNOWN}`), 404, 'CHECKLIST_TEMPLATE_NOT_FOUND');
    expectError(await sheng.post(BASE, { code: '中文', name: 'x' }), 400, 'VALIDATION', 'code');
    expectError(
      await create({ allowedResults: ['conform', 'na'] }),
      400,
      'CHECKLIST_TEMPLATE_INVALID',
      'allowedResults',
    );
    expectError(
      await create({ allowedResults: ['conform', 'nonconform'], rules: { basicPerFail: 3 } }),
      400,
      'CHECKLIST_TEMPLATE_INVALID',
      'rules.basicPerFail',
    );
    expectError(await create({ rules: { vetoFailLimit: -1 } }), 400, 'VALIDATION', 'rules.vetoFailLimit');
    expectError(await create({ varietyId: UNKNOWN }), 400, 'CHECKLIST_TEMPLATE_INVALID', 'varietyId');
    expectError(await create({ productUnitId: variety }), 400, 'CHECKLIST_TEMPLATE_INVALID', 'productUnitId');
    expectError(await create({ code: 'EX-DXDL' }), 409, 'CHECKLIST_TEMPLATE_CODE_TAKEN', 'code');
    expectError(
      await create({
        chapters: [
          {
            title: 'a',
            items: [
              { code: '1', content: 'x' },
              { code: '1', content: 'y' },
            ],
          },
        ],
      }),
      409,
      'CHECKLIST_ITEM_CODE_TAKEN',
      'code',
    );
  });

  it('builds a draft (chapters, items, 否决项), publishes it, and keeps it read-only', async () => {
    let d = ok<Detail>(
      await create({ rules: { generalFailLimit: null, basicPerFail: 2 }, varietyId: variety }),
    );
    expect(d).toMatchObject({ status: 'draft', version: 1, isExample: false, varietyId: variety });
    expect(d.rules).toEqual({
      vetoFailLimit: 0,
      generalFailLimit: null,
      basicPerFail: 2,
      vetoAllowsBasic: false,
      basicEnabled: true,
    });
    const id = d.id;
    d = ok<Detail>(await sheng.post(`${BASE}/${id}/chapters`, { title: '不合格品控制' }));
    const ch3 = d.chapters.find((c) => c.title === '不合格品控制')!;
    expect(ch3.seq).toBe(3);
    // A chapter without items and a missing N keep the draft from being published.
    const refused = await sheng.post(`${BASE}/${id}/publish`);
    expectError(refused, 400, 'CHECKLIST_TEMPLATE_INCOMPLETE', 'items');
    expect(refused.json<{ details: { problems: string[] } }>().details.problems).toEqual([
      '章节“不合格品控制”还没有核查条款，不能发布',
      '发布前须设定一般项不符合数上限 N（数值待需求方按细则提供）',
    ]);
    d = ok<Detail>(
      await sheng.post(`${BASE}/${id}/items`, {
        chapterId: ch3.id,
        code: '3.1',
        content: '应对不合格品标识隔离',
        veto: true,
      }),
    );
    expectError(
      await sheng.post(`${BASE}/${id}/items`, { chapterId: ch3.id, code: '3.1', content: 'dup' }),
      409,
      'CHECKLIST_ITEM_CODE_TAKEN',
      'code',
    );
    expectError(
      await sheng.post(`${BASE}/${id}/items`, { chapterId: UNKNOWN, code: '9.9', content: 'x' }),
      400,
      'CHECKLIST_CHAPTER_INVALID',
      'chapterId',
    );
    const item = d.chapters[0]!.items[0]!;
    d = ok<Detail>(
      await sheng.put(`${BASE}/${id}/items/${item.id}`, {
        content: '应建立并保持质量管理制度',
        method: '查阅文件',
      }),
    );
    expect(d.chapters[0]!.items[0]).toMatchObject({
      code: '1.1',
      content: '应建立并保持质量管理制度',
      method: '查阅文件',
    });
    d = ok<Detail>(
      await sheng.put(`${BASE}/${id}`, {
        rules: { generalFailLimit: 2, vetoAllowsBasic: true },
        ruleDocNo: '示例细则文号',
      }),
    );
    expect(d.rules).toMatchObject({ generalFailLimit: 2, basicPerFail: 2, vetoAllowsBasic: true });
    d = ok<Detail>(await sheng.post(`${BASE}/${id}/publish`));
    expect(d).toMatchObject({
      status: 'published',
      statusLabel: '已发布',
      publishedBy: '王省局',
      ruleDocNo: '示例细则文号',
    });
    // Published: read-only.
    expectError(await sheng.put(`${BASE}/${id}`, { name: '改名' }), 409, 'CHECKLIST_TEMPLATE_READ_ONLY');
    expectError(
      await sheng.post(`${BASE}/${id}/chapters`, { title: 'x' }),
      409,
      'CHECKLIST_TEMPLATE_READ_ONLY',
    );
    expectError(
      await sheng.put(`${BASE}/${id}/items/${item.id}`, { content: 'x' }),
      409,
      'CHECKLIST_TEMPLATE_READ_ONLY',
    );
    expectError(await sheng.del(`${BASE}/${id}/items/${item.id}`), 409, 'CHECKLIST_TEMPLATE_READ_ONLY');
    expectError(await sheng.del(`${BASE}/${id}`), 409, 'CHECKLIST_TEMPLATE_READ_ONLY');
    expectError(await sheng.post(`${BASE}/${id}/publish`), 409, 'CHECKLIST_TEMPLATE_READ_ONLY');
  });

  it('sets the whole order of a draft in one request (PUT /order), moving items between chapters', async () => {
    const d0 = ok<Detail>(await create());
    const id = d0.id;
    const [c1, c2] = d0.chapters;
    const [i11, i12] = c1!.items;
    const [i21] = c2!.items;
    const order = (chapters: Array<[string, string[]]>) => ({
      chapters: chapters.map(([cid, items]) => ({ id: cid, items })),
    });
    const shape = (d: Detail) => d.chapters.map((c) => [c.title, c.seq, c.items.map((i) => [i.code, i.seq])]);

    expectError(await t.app.inject({ method: 'PUT', url: `${BASE}/${id}/order`, payload: {} }), 401);
    expectError(
      await xian.put(`${BASE}/${id}/order`, order([[c1!.id, [i11!.id, i12!.id]]])),
      403,
      'FORBIDDEN',
    );
    expectError(await sheng.put(`${BASE}/${UNKNOWN}/order`, order([])), 404, 'CHECKLIST_TEMPLATE_NOT_FOUND');

    // Chapters swapped; 1.2 moves to the front of the other chapter, before 2.1; numbers stay.
    const d1 = ok<Detail>(
      await sheng.put(
        `${BASE}/${id}/order`,
        order([
          [c2!.id, [i12!.id, i21!.id]],
          [c1!.id, [i11!.id]],
        ]),
      ),
    );
    expect(shape(d1)).toEqual([
      [
        '产品检验',
        1,
        [
          ['1.2', 1],
          ['2.1', 2],
        ],
      ],
      ['质量管理职责', 2, [['1.1', 1]]],
    ]);
    expect(ok<Detail>(await sheng.get(`${BASE}/${id}`))).toEqual(d1);
    // A chapter may be left empty.
    const d2 = ok<Detail>(
      await sheng.put(
        `${BASE}/${id}/order`,
        order([
          [c1!.id, [i21!.id, i11!.id, i12!.id]],
          [c2!.id, []],
        ]),
      ),
    );
    expect(shape(d2)).toEqual([
      [
        '质量管理职责',
        1,
        [
          ['2.1', 1],
          ['1.1', 2],
          ['1.2', 3],
        ],
      ],
      ['产品检验', 2, []],
    ]);

    // Each list must be exactly the template's chapters and items; nothing is written otherwise.
    const other = ok<Detail>(await create());
    const foreignChapter = other.chapters[0]!.id;
    const foreignItem = other.chapters[0]!.items[0]!.id;
    const bad: Array<[string, unknown, string, string, string?]> = [
      [
        'missing chapter',
        order([[c1!.id, [i21!.id, i11!.id, i12!.id]]]),
        'CHECKLIST_ORDER_INVALID',
        'chapters',
        '产品检验',
      ],
      [
        'duplicate chapter',
        order([
          [c1!.id, [i21!.id, i11!.id, i12!.id]],
          [c1!.id, []],
        ]),
        'CHECKLIST_ORDER_INVALID',
        'chapters.1.id',
        '重复',
      ],
      [
        'chapter of another template',
        order([
          [c1!.id, [i21!.id, i11!.id, i12!.id]],
          [foreignChapter, []],
        ]),
        'CHECKLIST_ORDER_INVALID',
        'chapters.1.id',
        '不属于该模板',
      ],
      [
        'unknown chapter',
        order([
          [c1!.id, [i21!.id, i11!.id, i12!.id]],
          [UNKNOWN, []],
        ]),
        'CHECKLIST_ORDER_INVALID',
        'chapters.1.id',
      ],
      [
        'missing item',
        order([
          [c1!.id, [i21!.id, i11!.id]],
          [c2!.id, []],
        ]),
        'CHECKLIST_ORDER_INVALID',
        'chapters',
        '1.2',
      ],
      [
        'duplicate item',
        order([
          [c1!.id, [i21!.id, i11!.id, i12!.id]],
          [c2!.id, [i11!.id]],
        ]),
        'CHECKLIST_ORDER_INVALID',
        'chapters.1.items.0',
        '重复',
      ],
      [
        'item of another template',
        order([
          [c1!.id, [i21!.id, i11!.id, i12!.id]],
          [c2!.id, [foreignItem]],
        ]),
        'CHECKLIST_ORDER_INVALID',
        'chapters.1.items.0',
        '不属于该模板',
      ],
      ['no chapters field', {}, 'VALIDATION', 'chapters'],
      ['chapters not a list', { chapters: { id: c1!.id } }, 'VALIDATION', 'chapters'],
      ['chapter without items', { chapters: [{ id: c1!.id }] }, 'VALIDATION', 'chapters.0.items'],
      ['not a uuid', order([[c1!.id, ['1.1']]]), 'VALIDATION', 'chapters.0.items.0'],
      ['extra field', { chapters: [], seq: 1 }, 'VALIDATION', 'seq'],
      [
        'extra field in a chapter',
        { chapters: [{ id: c1!.id, items: [], title: 'x' }] },
        'VALIDATION',
        'chapters.0.title',
      ],
    ];
    for (const [what, body, code, field, text] of bad) {
      const r = await sheng.put(`${BASE}/${id}/order`, body);
      expect([r.statusCode, r.json<{ field?: string }>().field], what).toEqual([400, field]);
      expectError(r, 400, code, field);
      if (text) expect(r.json<{ message: string }>().message, what).toContain(text);
    }
    expect(shape(ok<Detail>(await sheng.get(`${BASE}/${id}`)))).toEqual(shape(d2));

    // Drafts only, like every other edit.
    ok(
      await sheng.put(
        `${BASE}/${id}/order`,
        order([
          [c1!.id, [i11!.id, i12!.id]],
          [c2!.id, [i21!.id]],
        ]),
      ),
    );
    ok(await sheng.post(`${BASE}/${id}/publish`));
    expectError(
      await sheng.put(
        `${BASE}/${id}/order`,
        order([
          [c2!.id, [i21!.id]],
          [c1!.id, [i11!.id, i12!.id]],
        ]),
      ),
      409,
      'CHECKLIST_TEMPLATE_READ_ONLY',
    );
  });

  it('edits by new versions; running tasks keep their snapshot', async () => {
    const v1 = ok<Detail>(await create());
    expectError(await sheng.post(`${BASE}/${v1.id}/versions`), 409, 'CHECKLIST_TEMPLATE_IS_DRAFT');
    ok(await sheng.post(`${BASE}/${v1.id}/publish`));
    // A task takes version 1.
    const task = await openTask(t.ctx);
    ok(await sheng.put(`/api/licensing/inspections/${task.taskId}/template`, { templateId: v1.id }));

    const v2 = ok<Detail>(await sheng.post(`${BASE}/${v1.id}/versions`));
    expect(v2).toMatchObject({ code: v1.code, version: 2, status: 'draft', rules: v1.rules });
    const shape = (d: Detail) =>
      d.chapters.map((c) => [c.title, c.items.map((i) => [i.code, i.content, i.veto])]);
    expect(shape(v2)).toEqual(shape(v1));
    expect(v2.chapters[0]!.id).not.toBe(v1.chapters[0]!.id);
    expectError(await sheng.post(`${BASE}/${v1.id}/versions`), 409, 'CHECKLIST_TEMPLATE_DRAFT_EXISTS');
    ok(await sheng.del(`${BASE}/${v2.id}/items/${v2.chapters[0]!.items[1]!.id}`));
    ok(await sheng.put(`${BASE}/${v2.id}/chapters/${v2.chapters[0]!.id}`, { title: '质量管理' }));
    ok(await sheng.put(`${BASE}/${v2.id}`, { rules: { generalFailLimit: 5 } }));
    expect(ok<Detail>(await sheng.post(`${BASE}/${v2.id}/publish`))).toMatchObject({
      status: 'published',
      version: 2,
    });

    const v1After = ok<Detail>(await sheng.get(`${BASE}/${v1.id}`));
    expect(v1After.status).toBe('superseded');
    expect(shape(v1After)).toEqual(shape(v1));
    // The task keeps what it took.
    const td = ok<Static<typeof InspectionDetail>>(
      await sheng.get(`/api/licensing/inspections/${task.taskId}`),
    );
    expect(td.template).toMatchObject({ id: v1.id, version: 1, rules: { generalFailLimit: 3 } });
    expect(td.template!.chapters[0]).toMatchObject({ title: '质量管理职责' });
    expect(td.template!.chapters[0]!.items).toHaveLength(2);
    // A superseded version cannot be chosen for a new task.
    const other = await openTask(t.ctx);
    expectError(
      await sheng.put(`/api/licensing/inspections/${other.taskId}/template`, { templateId: v1.id }),
      400,
      'INSPECTION_TEMPLATE_INVALID',
      'templateId',
    );

    const all = ok<Static<typeof TemplatePage>>(await sheng.get(`${BASE}?code=${v1.code}`));
    expect(all.items.map((i) => [i.version, i.status])).toEqual([
      [2, 'published'],
      [1, 'superseded'],
    ]);
    const latest = ok<Static<typeof TemplatePage>>(
      await sheng.get(`${BASE}?code=${v1.code}&latestOnly=true`),
    );
    expect(latest.items.map((i) => [i.version, i.itemCount])).toEqual([[2, 2]]);

    // A draft may be thrown away.
    const v3 = ok<Detail>(await sheng.post(`${BASE}/${v1.id}/versions`));
    expect(v3.version).toBe(3);
    ok(await sheng.del(`${BASE}/${v3.id}`));
    expectError(await sheng.get(`${BASE}/${v3.id}`), 404, 'CHECKLIST_TEMPLATE_NOT_FOUND');

    const res = await sheng.get(`${BASE}?format=xlsx&code=${v1.code}`);
    expect(res.statusCode).toBe(200);
    const rows = await readXlsx(res.rawPayload);
    expect(rows[0]!.slice(0, 4)).toEqual(['模板编号', '模板名称', '版本', '状态']);
    expect(rows.slice(1).map((r) => [r[2], r[3]])).toEqual([
      ['2', '已发布'],
      ['1', '已被新版本替代'],
    ]);
  });
});
