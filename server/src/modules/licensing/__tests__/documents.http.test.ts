import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testClock, type Session, type TestApp } from '../../../../test/harness.js';
import { pdfPageTexts } from '../../../platform/documents/__tests__/pdf-inspect.js';
import type { FixedClock } from '../../../platform/clock.js';
import { readXlsx } from '../../../platform/documents/xlsx.js';
import { DEFAULT_REMEDY_TEXT } from '../documents.rules.js';
import { act, expectError, giveCodes, nodeId, ok, submitted, TEST_CONFIG } from './applications.fixtures.js';

const at = (iso: string) => new Date(`${iso}T10:00:00+08:00`);
const squash = (s: string) => s.replace(/\s+/g, '');

interface Doc {
  id: string;
  kind: string;
  docNo: string;
  title: string;
  applicationId: string;
  issuedOn: string;
}
interface DocDetail extends Doc {
  content: {
    addressee: string;
    paragraphs: string[];
    facts: Array<{ label: string; value: string }>;
    remedy: string | null;
  };
}

/** 许可文书: issued by the acts of the process, numbered, frozen, visible by scope, printable. */
describe('/api/licensing/documents', () => {
  let t: TestApp;
  let clock: FixedClock;
  let qiye: Session;
  let qiye2: Session;
  let sheng: Session;
  let xian: Session;
  let baoji: Session;
  const unit: Record<string, string> = {};

  beforeAll(async () => {
    clock = testClock('2026-03-16T09:00:00+08:00');
    t = await createTestApp({ clock, config: TEST_CONFIG });
    [qiye, qiye2, sheng, xian, baoji] = (await Promise.all(
      ['qiye', 'qiye2', 'sheng', 'xian', 'baoji'].map((u) => t.login(u)),
    )) as [Session, Session, Session, Session, Session];
    for (const code of ['C06-V01', 'C12-V01', 'C03-V01', 'C04-V01', 'C11-V01', 'C13-V01'])
      unit[code] = await nodeId(t, code);
    await giveCodes(t, 'C06-V01', '06', '001');
    await giveCodes(t, 'C12-V01', '12', '001');
    // 告知承诺 (test data: the mode is per catalogue node): 受理 without 实地核查.
    for (const code of ['C12-V01', 'C11-V01', 'C13-V01'])
      ok(await sheng.put(`/api/licensing/catalogue/${unit[code]}`, { approvalMode: 'commitment' }));
  });
  afterAll(async () => t.close());

  const docsOf = async (s: Session, applicationId: string) =>
    ok<{ items: Doc[]; total: number }>(
      await s.get(`/api/licensing/documents?applicationId=${applicationId}&sort=issuedAt`),
    ).items;

  it('补正 → 受理 → 准予许可: each act issues its document, numbered per kind and year', async () => {
    clock.set(at('2026-03-16'));
    const app = await submitted(qiye, unit['C06-V01']!);
    expect(await docsOf(qiye, app.id)).toEqual([]);
    ok(
      await sheng.post(`/api/licensing/applications/${app.id}/supplement`, {
        comment: '1. 补充质量管理制度文件；2. 补充检验设备清单',
      }),
    );
    ok(await qiye.post(`/api/licensing/applications/${app.id}/submit`, {}));
    clock.set(at('2026-03-17'));
    ok(await sheng.post(`/api/licensing/applications/${app.id}/accept`, { inspectionRequired: true }));
    ok(await act(sheng, app.instanceId!, 'inspectionPassed', { comment: '核查合格' }));
    ok(await act(sheng, app.instanceId!, 'testingDone'));
    clock.set(at('2026-04-21'));
    ok(await act(sheng, app.instanceId!, 'approve', { comment: '准予许可' }));

    const docs = await docsOf(qiye, app.id);
    expect(docs.map((d) => [d.kind, d.issuedOn])).toEqual([
      ['supplement_notice', '2026-03-16'],
      ['acceptance_notice', '2026-03-17'],
      ['approval_decision', '2026-04-21'],
    ]);
    expect(docs[0]!.docNo).toMatch(/^陕市监许补〔2026〕\d+号$/);
    expect(docs[1]!.docNo).toMatch(/^陕市监许受〔2026〕\d+号$/);
    expect(docs[2]!.docNo).toMatch(/^陕市监许准〔2026〕\d+号$/);

    // The 受理通知书 gives the decision limit (60 working days from 受理), not the 30 days of 核查.
    const acceptance = ok<DocDetail>(await qiye.get(`/api/licensing/documents/${docs[1]!.id}`));
    expect(acceptance.content.facts).toContainEqual({ label: '决定期限（预计）', value: '2026年6月12日' });
    const supplement = ok<DocDetail>(await qiye.get(`/api/licensing/documents/${docs[0]!.id}`));
    expect(supplement.content.paragraphs).toContain('1. 补充质量管理制度文件；2. 补充检验设备清单');
    const decision = ok<DocDetail>(await qiye.get(`/api/licensing/documents/${docs[2]!.id}`));
    const certNo = decision.content.facts.find((f) => f.label === '证书编号')!.value;
    expect(certNo).toMatch(/^\(陕\)XK06-001-\d{5}$/);
    expect(decision.content.facts).toContainEqual({ label: '有效期', value: '2026年4月21日至2031年4月22日' });

    // The PDF prints the frozen content; Word for officers who keep their own files.
    const pdf = await qiye.get(`/api/licensing/documents/${docs[2]!.id}/file`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = (await pdfPageTexts(pdf.rawPayload)).map(squash).join('');
    for (const s of [
      '准予生产许可决定书',
      docs[2]!.docNo,
      '西安秦风电器有限公司：',
      certNo,
      '陕西省市场监督管理局',
    ])
      expect(text).toContain(squash(s));
    const word = await sheng.get(`/api/licensing/documents/${docs[2]!.id}/file?format=docx`);
    expect(word.statusCode).toBe(200);
    expect(word.rawPayload.subarray(0, 2).toString()).toBe('PK');

    // A later change of the settings does not change an issued document.
    ok(
      await sheng.put('/api/licensing/settings/documents.numberPattern', {
        value: '陕许{字}〔{年}〕第{序号}号',
      }),
    );
    try {
      expect(ok<DocDetail>(await qiye.get(`/api/licensing/documents/${docs[2]!.id}`)).docNo).toBe(
        docs[2]!.docNo,
      );
      const next = await submitted(qiye, unit['C12-V01']!);
      ok(await sheng.post(`/api/licensing/applications/${next.id}/accept`, { inspectionRequired: false }));
      const [acc] = await docsOf(qiye, next.id);
      expect(acc!.docNo).toMatch(/^陕许受〔2026〕第\d+号$/);
      // Per kind and year the numbers run on without gaps.
      const seqs = [docs[1]!.docNo, acc!.docNo].map((n) => Number(/(\d+)号$/.exec(n)![1]));
      expect(seqs[1]! - seqs[0]!).toBe(1);
    } finally {
      ok(
        await sheng.put('/api/licensing/settings/documents.numberPattern', {
          value: '陕市监许{字}〔{年}〕{序号}号',
        }),
      );
    }
  });

  it('不予受理, 不予许可 and 终止办理 issue their documents with the reason and the remedies', async () => {
    clock.set(at('2026-05-06'));
    const a = await submitted(qiye, unit['C03-V01']!);
    ok(await act(sheng, a.instanceId!, 'notAccept', { comment: '申请事项不属于本机关职权范围' }));
    const [rejection] = await docsOf(qiye, a.id);
    const r = ok<DocDetail>(await qiye.get(`/api/licensing/documents/${rejection!.id}`));
    expect(r).toMatchObject({ kind: 'rejection_notice', title: '生产许可申请不予受理决定书' });
    expect(r.content.paragraphs).toContain('申请事项不属于本机关职权范围');
    expect(r.content.remedy).toBe(DEFAULT_REMEDY_TEXT);

    const b = await submitted(qiye, unit['C11-V01']!);
    ok(await sheng.post(`/api/licensing/applications/${b.id}/accept`, { inspectionRequired: false }));
    ok(await act(sheng, b.instanceId!, 'refuse', { comment: '产品检验不合格' }));
    const refusal = (await docsOf(qiye, b.id)).find((d) => d.kind === 'refusal_decision')!;
    const rd = ok<DocDetail>(await qiye.get(`/api/licensing/documents/${refusal.id}`));
    expect(rd.content.paragraphs).toContain('产品检验不合格');
    expect(rd.content.remedy).toBe(DEFAULT_REMEDY_TEXT);

    const c = await submitted(qiye, unit['C04-V01']!);
    ok(
      await sheng.post(`/api/licensing/applications/${c.id}/terminate`, {
        ground: 'fee_unpaid',
        comment: '逾期未缴纳检验费用',
      }),
    );
    const [term] = await docsOf(qiye, c.id);
    const td = ok<DocDetail>(await qiye.get(`/api/licensing/documents/${term!.id}`));
    expect(td.kind).toBe('termination_notice');
    expect(td.content.paragraphs[0]).toContain('因企业未按期缴纳相关费用，依据《办法》第三十二条');
    expect(td.content.paragraphs).toContain('说明：逾期未缴纳检验费用');
  });

  it('data scope: the enterprise sees its own, officers their jurisdiction; list filters and xlsx', async () => {
    clock.set(at('2026-05-11'));
    const app = await submitted(qiye, unit['C13-V01']!);
    ok(await sheng.post(`/api/licensing/applications/${app.id}/accept`, { inspectionRequired: false }));
    const [doc] = await docsOf(qiye, app.id);
    // qiye is in Xi'an: the Xi'an bureau sees it, Baoji and another enterprise do not.
    ok(await xian.get(`/api/licensing/documents/${doc!.id}`));
    expectError(await baoji.get(`/api/licensing/documents/${doc!.id}`), 404, 'LICENSING_DOCUMENT_NOT_FOUND');
    expectError(await qiye2.get(`/api/licensing/documents/${doc!.id}`), 404, 'LICENSING_DOCUMENT_NOT_FOUND');
    expectError(await qiye2.get(`/api/licensing/documents/${doc!.id}/file`), 404);
    expect(await docsOf(baoji, app.id)).toEqual([]);
    expect(await docsOf(qiye2, app.id)).toEqual([]);
    // Users without any licensing permission: 403; without a session: 401.
    const ops = await t.login('yunwei');
    expectError(await ops.get('/api/licensing/documents'), 403, 'FORBIDDEN');
    expectError(await t.app.inject({ method: 'GET', url: '/api/licensing/documents' }), 401);
    // Filters, sort, bad input, export.
    const accepted = ok<{ items: Doc[] }>(
      await sheng.get('/api/licensing/documents?kind=acceptance_notice&pageSize=100'),
    );
    expect(accepted.items.every((d) => d.kind === 'acceptance_notice')).toBe(true);
    const kw = ok<{ items: Doc[] }>(
      await sheng.get(`/api/licensing/documents?keyword=${encodeURIComponent(doc!.docNo)}`),
    );
    expect(kw.items.map((d) => d.id)).toEqual([doc!.id]);
    expectError(await sheng.get('/api/licensing/documents?kind=bogus'), 400, 'VALIDATION', 'kind');
    expectError(await sheng.get('/api/licensing/documents?sort=bogus'), 400, 'SORT_FIELD_INVALID', 'sort');
    expectError(await sheng.get(`/api/licensing/documents/${doc!.id}/file?format=exe`), 400, 'VALIDATION');
    const x = await sheng.get('/api/licensing/documents?format=xlsx&kind=acceptance_notice');
    expect(x.statusCode).toBe(200);
    const rows = await readXlsx(x.rawPayload);
    expect(rows[0]).toEqual([
      '文号',
      '文书名称',
      '申请编号',
      '企业名称',
      '行政区划',
      '出具日期',
      '经办人',
      '依据',
    ]);
    expect(rows.slice(1).map((r) => r[0])).toContain(doc!.docNo);
  });
});
