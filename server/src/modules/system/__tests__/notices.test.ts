import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readXlsx } from '../../../platform/documents/xlsx.js';
import { createTestApp, type Session, type TestApp } from '../../../../test/harness.js';
import { expectError, ok } from './helpers.js';
import type * as T from './types.js';

const UNKNOWN = '01890000-0000-7000-8000-000000000000';

describe('/api/system/notices', () => {
  let t: TestApp;
  let sys: Session;
  let xian: Session;
  let weibin: Session;
  beforeAll(async () => {
    t = await createTestApp({ config: { loginRateLimit: 10000 } });
    sys = await t.login('sysadmin');
    xian = await t.login('xian');
    weibin = await t.login('weibin');
  });
  afterAll(async () => t.close());

  const draft = async (body: Record<string, unknown> = {}) =>
    ok<T.NoticeDetail>(
      await sys.post('/api/system/notices', {
        title: '关于系统升级的通知',
        content: '本周六系统升级。',
        type: 'maintenance',
        ...body,
      }),
    );

  it('creates a draft; answers 400 with the field for bad input', async () => {
    const n = await draft();
    expect(n).toMatchObject({
      status: 'draft',
      regionCode: null,
      regionName: null,
      publishedAt: null,
      readCount: 0,
    });
    expect(n.createdBy).toBe('系统管理员');
    expectError(
      await sys.post('/api/system/notices', { title: 'x', content: 'y', type: 'bogus' }),
      400,
      'NOTICE_TYPE_INVALID',
      'type',
    );
    expectError(
      await sys.post('/api/system/notices', { content: 'y', type: 'notice' }),
      400,
      'VALIDATION',
      'title',
    );
    expectError(
      await sys.post('/api/system/notices', {
        title: 'x',
        content: 'y',
        type: 'notice',
        regionCode: '619999',
      }),
      400,
      'REGION_INVALID',
      'regionCode',
    );
    expectError(
      await sys.post('/api/system/notices', { title: 'x', content: 'y', type: 'notice', regionCode: '61' }),
      400,
      'VALIDATION',
      'regionCode',
    );
  });

  it('edits drafts, publishes, withdraws and deletes by state', async () => {
    const n = await draft({ title: '草稿公告' });
    const edited = ok<T.NoticeDetail>(
      await sys.put(`/api/system/notices/${n.id}`, { title: '正式公告', content: '内容已更新' }),
    );
    expect(edited).toMatchObject({ title: '正式公告', content: '内容已更新' });
    const pub = ok<T.NoticeDetail>(await sys.post(`/api/system/notices/${n.id}/publish`));
    expect(pub).toMatchObject({ status: 'published', publishedBy: '系统管理员' });
    expect(pub.publishedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expectError(await sys.put(`/api/system/notices/${n.id}`, { title: '改' }), 409, 'NOTICE_STATE');
    expectError(await sys.post(`/api/system/notices/${n.id}/publish`), 409, 'NOTICE_STATE');
    expectError(await sys.del(`/api/system/notices/${n.id}`), 409, 'NOTICE_STATE');
    const wd = ok<T.NoticeDetail>(await sys.post(`/api/system/notices/${n.id}/withdraw`));
    expect(wd.status).toBe('withdrawn');
    expect(wd.withdrawnAt).not.toBeNull();
    expectError(await sys.post(`/api/system/notices/${n.id}/withdraw`), 409, 'NOTICE_STATE');
    ok<T.NoticeDetail>(await sys.put(`/api/system/notices/${n.id}`, { type: 'notice' }));
    expect(ok<T.NoticeDetail>(await sys.post(`/api/system/notices/${n.id}/publish`)).status).toBe(
      'published',
    );
    const gone = await draft({ title: '要删除的草稿' });
    expect(ok<T.OkReply>(await sys.del(`/api/system/notices/${gone.id}`)).ok).toBe(true);
    expectError(await sys.get(`/api/system/notices/${gone.id}`), 404, 'NOTICE_NOT_FOUND');
  });

  it('answers 400 / 404 for bad ids and bodies', async () => {
    const n = await draft();
    expectError(
      await sys.put(`/api/system/notices/${n.id}`, { type: 'bogus' }),
      400,
      'NOTICE_TYPE_INVALID',
      'type',
    );
    expectError(
      await sys.put(`/api/system/notices/${n.id}`, { status: 'published' }),
      400,
      'VALIDATION',
      'status',
    );
    expectError(await sys.put(`/api/system/notices/${UNKNOWN}`, { title: 'x' }), 404, 'NOTICE_NOT_FOUND');
    expectError(await sys.post(`/api/system/notices/${UNKNOWN}/publish`), 404, 'NOTICE_NOT_FOUND');
    expectError(await sys.post(`/api/system/notices/${UNKNOWN}/withdraw`), 404, 'NOTICE_NOT_FOUND');
    expectError(await sys.del(`/api/system/notices/${UNKNOWN}`), 404, 'NOTICE_NOT_FOUND');
    expectError(await sys.get('/api/system/notices/x1'), 400, 'VALIDATION', 'id');
    expectError(await sys.post('/api/system/notices/x1/publish'), 400, 'VALIDATION', 'id');
    expectError(await sys.post('/api/system/notices/x1/withdraw'), 400, 'VALIDATION', 'id');
    expectError(await sys.del('/api/system/notices/x1'), 400, 'VALIDATION', 'id');
  });

  it('lists with filters and exports xlsx', async () => {
    const r = ok<T.NoticePage>(await sys.get('/api/system/notices?status=published'));
    expect(r.items.every((n) => n.status === 'published')).toBe(true);
    expect(ok<T.NoticePage>(await sys.get('/api/system/notices?keyword=正式')).total).toBe(1);
    expectError(await sys.get('/api/system/notices?status=x'), 400, 'VALIDATION', 'status');
    const rows = await readXlsx((await sys.get('/api/system/notices?format=xlsx')).rawPayload);
    expect(rows[0]!.slice(0, 4)).toEqual(['标题', '类型', '状态', '发布范围']);
  });

  it('GET /mine shows published notices addressed to the reader, with read flags; POST /:id/read marks them', async () => {
    const all = await draft({ title: '全省通知', type: 'notice' });
    ok<T.NoticeDetail>(await sys.post(`/api/system/notices/${all.id}/publish`));
    const baoji = await draft({ title: '宝鸡市通知', type: 'notice', regionCode: '610300' });
    ok<T.NoticeDetail>(await sys.post(`/api/system/notices/${baoji.id}/publish`));
    const hidden = await draft({ title: '未发布' });

    const mine = ok<T.MyNoticesReply>(await xian.get('/api/system/notices/mine?pageSize=50'));
    const titles = mine.items.map((n) => n.title);
    expect(titles).toContain('全省通知');
    expect(titles).not.toContain('宝鸡市通知');
    expect(titles).not.toContain('未发布');
    expect(mine.items.find((n) => n.title === '全省通知')).toMatchObject({ read: false, readAt: null });
    const unreadBefore = mine.unread;

    expect(
      ok<T.MyNoticesReply>(await weibin.get('/api/system/notices/mine?pageSize=50')).items.map(
        (n) => n.title,
      ),
    ).toContain('宝鸡市通知');

    ok<T.OkReply>(await xian.post(`/api/system/notices/${all.id}/read`));
    ok<T.OkReply>(await xian.post(`/api/system/notices/${all.id}/read`));
    const after = ok<T.MyNoticesReply>(await xian.get('/api/system/notices/mine?pageSize=50'));
    expect(after.unread).toBe(unreadBefore - 1);
    expect(after.items.find((n) => n.id === all.id)!.read).toBe(true);
    expect(
      ok<T.MyNoticesReply>(await xian.get('/api/system/notices/mine?unreadOnly=true')).items.map((n) => n.id),
    ).not.toContain(all.id);
    expect(ok<T.NoticeDetail>(await sys.get(`/api/system/notices/${all.id}`)).readCount).toBe(1);

    expectError(await xian.post(`/api/system/notices/${baoji.id}/read`), 404, 'NOTICE_NOT_FOUND');
    expectError(await xian.post(`/api/system/notices/${hidden.id}/read`), 404, 'NOTICE_NOT_FOUND');
    expectError(await xian.post('/api/system/notices/x/read'), 400, 'VALIDATION', 'id');
    expectError(await xian.get('/api/system/notices/mine?pageSize=0'), 400, 'VALIDATION', 'pageSize');
  });
});
