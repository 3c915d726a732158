import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness.js';
import { appendAudit, verifyAuditChain } from '../audit.service.js';

describe('hash-chained audit log', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('records logins and state-changing requests with who, org, IP and result', async () => {
    const s = await t.login('xian');
    await s.post('/api/auth/logout');
    const rows = await t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('username', '=', 'xian')
      .orderBy('seq')
      .execute();
    expect(rows.map((r) => r.action)).toEqual(['登录', '退出登录']);
    expect(rows[1]).toMatchObject({
      org_name: '西安市市场监督管理局',
      result: 'success',
      method: 'POST',
      status_code: 200,
    });
    expect(rows[1]!.ip).toBeTruthy();
    expect(rows[1]!.request_id).toBeTruthy();
  });

  it('refuses UPDATE and DELETE on the table (append-only)', async () => {
    await expect(sql`update audit_log set action = 'x'`.execute(t.ctx.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(t.ctx.db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_log`.execute(t.ctx.db)).rejects.toThrow(/append-only/);
  });

  it('keeps one unbroken chain under concurrent appends', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => appendAudit(t.ctx, { action: `并发${i}`, result: 'success' })),
    );
    const r = await verifyAuditChain(t.ctx.db);
    expect(r.ok).toBe(true);
    expect(r.checked).toBeGreaterThanOrEqual(22);
  });

  it('detects a changed row and a deleted row even when the trigger is bypassed', async () => {
    await appendAudit(t.ctx, { action: '修改前', result: 'success', detail: { a: 1 } });
    await appendAudit(t.ctx, { action: '之后', result: 'success' });
    const target = await t.ctx.db
      .selectFrom('audit_log')
      .select('seq')
      .where('action', '=', '修改前')
      .executeTakeFirstOrThrow();
    // A DBA-level tamper: disable the trigger, change a row, restore it.
    await sql`alter table audit_log disable trigger audit_log_no_update`.execute(t.ctx.db);
    try {
      await sql`update audit_log set detail = '{"a":2}' where seq = ${target.seq}`.execute(t.ctx.db);
      const changed = await verifyAuditChain(t.ctx.db);
      expect(changed.ok).toBe(false);
      expect(changed.problem).toMatchObject({ seq: target.seq, kind: 'changed' });
      expect(changed.problem?.message).toContain('被篡改');

      await sql`update audit_log set detail = '{"a":1}' where seq = ${target.seq}`.execute(t.ctx.db);
      expect((await verifyAuditChain(t.ctx.db)).ok).toBe(true);

      await sql`delete from audit_log where seq = ${target.seq}`.execute(t.ctx.db);
      const deleted = await verifyAuditChain(t.ctx.db);
      expect(deleted.ok).toBe(false);
      expect(deleted.problem).toMatchObject({ seq: target.seq, kind: 'deleted' });
    } finally {
      await sql`alter table audit_log enable trigger audit_log_no_update`.execute(t.ctx.db);
    }
  });
});
