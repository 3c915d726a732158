import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness.js';

describe('演示事项 (demo mode only)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('an enterprise starts one; the county officer of its region sees it in the inbox and accepts it', async () => {
    const qiye = await t.login('qiye');
    const started = await qiye.post('/api/workflow/demo', { title: '演示：秦风电器 材料报送' });
    expect(started.statusCode).toBe(200);
    const id = started.json<{ id: string }>().id;

    const xincheng = await t.login('xincheng');
    const inbox = await xincheng.get('/api/workflow/inbox?processKey=demo.approval');
    expect(inbox.json<{ items: Array<{ id: string; stateLabel: string }> }>().items).toEqual([
      expect.objectContaining({ id, stateLabel: '受理' }),
    ]);
    const baoji = await t.login('baoji');
    expect(
      (await baoji.get('/api/workflow/inbox?processKey=demo.approval')).json<{ total: number }>().total,
    ).toBe(0);

    const acted = await xincheng.post(`/api/workflow/instances/${id}/actions`, { action: 'accept' });
    expect(acted.statusCode).toBe(200);
    expect(acted.json<{ state: string }>().state).toBe('reviewing');
  });

  it('refuses a bad title with the field, and refuses outside demo mode', async () => {
    const s = await t.login('sheng');
    const bad = await s.post('/api/workflow/demo', { title: 'x' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ field: string }>().field).toBe('title');
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/workflow/demo', payload: { title: '未登录' } }))
        .statusCode,
    ).toBe(401);
    t.ctx.config.demo = false;
    try {
      expect((await s.post('/api/workflow/demo', { title: '非演示模式' })).statusCode).toBe(404);
    } finally {
      t.ctx.config.demo = true;
    }
  });
});
