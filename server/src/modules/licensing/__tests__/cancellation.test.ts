import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, FixedClock, type TestContext } from '../../../../test/harness.js';
import type { AppError } from '../../../platform/errors.js';
import { WorkflowService } from '../../../platform/workflow/workflow.service.js';
import { CANCELLATION_PROCESS_KEY } from '../cancellation.workflow.js';
import { CertificatesService } from '../certificates.service.js';
import { createProductUnit, enterprises, issue, principalOf } from './certificate.fixtures.js';

async function rejects(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    return e as AppError;
  }
  throw new Error('expected a rejection');
}

describe('注销三级审批 (seed 行政许可 7): 初审 → 审核 → 审批 with returns', () => {
  let t: TestContext;
  let certs: CertificatesService;
  let wf: WorkflowService;
  let unit: string;
  let ent: Awaited<ReturnType<typeof enterprises>>;
  const clock = new FixedClock(new Date('2026-03-16T09:00:00+08:00'));
  beforeAll(async () => {
    t = await createTestContext({ clock });
    certs = new CertificatesService(t.ctx);
    wf = new WorkflowService(t.ctx);
    unit = await createProductUnit(t.ctx, '21', '005', '水泥');
    ent = await enterprises(t.ctx);
  });
  afterAll(async () => t.close());

  const p = (u: string) => principalOf(t.ctx, u);
  const certRow = (id: string) =>
    t.ctx.db.selectFrom('licence_certificate').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const cancellationRow = (id: string) =>
    t.ctx.db.selectFrom('licence_cancellation').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  /** The enterprise applies for 注销 (the application process calls startCancellation in its transaction). */
  async function applyForCancellation(certificateId: string, applicationId: string | null = null) {
    const qiye = await p('qiye');
    return t.ctx.db.transaction().execute((trx) =>
      certs.startCancellation(trx, qiye, {
        certificateId,
        applicationId,
        reason: '企业转产，不再生产水泥',
        ground: 'not_producing',
      }),
    );
  }

  async function newCertificate(productUnitId = unit) {
    return issue(t.ctx, {
      applicationType: 'issue',
      enterpriseOrgId: ent.qinfeng.orgId,
      regionCode: ent.qinfeng.regionCode,
      productUnitId,
      decisionDate: '2026-03-16',
    });
  }

  it('returns at each level; the certificate stays valid until the final approval, then is 注销 with an outbox event', async () => {
    const c = await newCertificate();
    const { cancellationId, instanceId } = await applyForCancellation(c.id);
    const xian = await p('xian');
    const sheng = await p('sheng');
    const stillValid = async () => expect((await certRow(c.id)).status).toBe('valid');

    // A second request for the same certificate is refused while one is pending.
    expect(await rejects(applyForCancellation(c.id))).toMatchObject({ code: 'CANCELLATION_PENDING' });

    const steps: Array<[string, string, string]> = [
      ['xian', 'pass', 'audit'],
      ['sheng', 'back', 'review'], // 审核 returns to 初审
      ['xian', 'pass', 'audit'],
      ['sheng', 'pass', 'approve'],
      ['sheng', 'back', 'audit'], // 审批 returns to 审核
      ['sheng', 'pass', 'approve'],
    ];
    for (const [who, action, to] of steps) {
      const r = await wf.act(who === 'xian' ? xian : sheng, instanceId, action, {
        comment: action === 'back' ? '材料不全，退回' : '同意',
      });
      expect(r.instance.state).toBe(to);
      await stillValid();
      expect((await cancellationRow(cancellationId)).status).toBe('pending');
    }
    // The enterprise may not act on the officers' levels.
    expect(await rejects(wf.act(await p('qiye'), instanceId, 'approve'))).toMatchObject({ status: 403 });
    // Another city does not see the case at all.
    expect(await rejects(wf.act(await p('baoji'), instanceId, 'approve'))).toMatchObject({ status: 404 });

    clock.set(new Date('2026-03-20T09:00:00+08:00'));
    const done = await wf.act(sheng, instanceId, 'approve', { comment: '准予注销' });
    expect(done.instance).toMatchObject({ state: 'cancelled', status: 'completed' });
    expect(await certRow(c.id)).toMatchObject({
      status: 'cancelled',
      cancelled_date: '2026-03-20',
      cancellation_id: cancellationId,
    });
    expect(await cancellationRow(cancellationId)).toMatchObject({
      status: 'approved',
      decided_on: '2026-03-20',
    });
    const events = await t.ctx.db
      .selectFrom('outbox_event')
      .select('event_type')
      .where('aggregate_type', '=', 'licence_certificate')
      .where('aggregate_id', '=', 'XK21-005-00001')
      .orderBy('seq')
      .execute();
    expect(events.map((e) => e.event_type)).toEqual(['licence.issued', 'licence.cancelled']);

    const history = await wf.history(sheng, instanceId);
    expect(history.map((h) => [h.action, h.toState])).toEqual([
      ['start', 'review'],
      ['pass', 'audit'],
      ['back', 'review'],
      ['pass', 'audit'],
      ['pass', 'approve'],
      ['back', 'audit'],
      ['pass', 'approve'],
      ['approve', 'cancelled'],
    ]);
    const d = await certs.detail(sheng, c.id);
    expect(d.state).toBe('cancelled');
    expect(d.events.map((e) => e.event_type)).toEqual(['issued.issue', 'cancellation_started', 'cancelled']);
    expect(d.cancellations).toHaveLength(1);

    // A cancelled certificate is not cancelled again, nor revoked.
    expect(await rejects(applyForCancellation(c.id))).toMatchObject({ code: 'CERTIFICATE_NOT_CANCELLABLE' });
    expect(await rejects(certs.sanction(sheng, c.id, { kind: 'revoke', grounds: '已注销' }))).toMatchObject({
      code: 'CERTIFICATE_NOT_VALID',
    });
  });

  it('不予注销 at 审批 leaves the certificate valid; the enterprise may withdraw at 初审', async () => {
    clock.set(new Date('2026-03-23T09:00:00+08:00'));
    const unit2 = await createProductUnit(t.ctx, '21', '006');
    const c = await newCertificate(unit2);
    const first = await applyForCancellation(c.id);
    const sheng = await p('sheng');
    await wf.act(await p('xian'), first.instanceId, 'pass', { comment: '同意' });
    await wf.act(sheng, first.instanceId, 'pass', { comment: '同意' });
    const refused = await wf.act(sheng, first.instanceId, 'reject', { comment: '尚有未结案件，暂不予注销' });
    expect(refused.instance).toMatchObject({ state: 'rejected', status: 'terminated' });
    expect((await certRow(c.id)).status).toBe('valid');
    expect(await cancellationRow(first.cancellationId)).toMatchObject({ status: 'rejected' });

    const second = await applyForCancellation(c.id);
    // While a 注销 is pending the certificate is not renewed.
    const renew = await rejects(
      issue(t.ctx, {
        applicationType: 'renew',
        enterpriseOrgId: ent.qinfeng.orgId,
        regionCode: ent.qinfeng.regionCode,
        productUnitId: unit2,
        decisionDate: '2026-03-23',
        previousCertificateId: c.id,
      }),
    );
    expect(renew).toMatchObject({ code: 'PREVIOUS_CERTIFICATE_BEING_CANCELLED', status: 409 });
    const w = await wf.act(await p('qiye'), second.instanceId, 'withdraw', { comment: '继续生产' });
    expect(w.instance.status).toBe('withdrawn');
    expect((await certRow(c.id)).status).toBe('valid');
    expect(await cancellationRow(second.cancellationId)).toMatchObject({ status: 'withdrawn' });
    const d = await certs.detail(sheng, c.id);
    expect(d.events.map((e) => e.event_type)).toEqual([
      'issued.issue',
      'cancellation_started',
      'cancellation_rejected',
      'cancellation_started',
      'cancellation_withdrawn',
    ]);
  });

  it('依职权注销 of a revoked certificate by an officer (no applicant); the officer handles 初审', async () => {
    clock.set(new Date('2026-03-24T09:00:00+08:00'));
    const unit3 = await createProductUnit(t.ctx, '21', '007');
    const c = await newCertificate(unit3);
    const sheng = await p('sheng');
    await certs.sanction(sheng, c.id, { kind: 'revoke', grounds: '以欺骗手段取得许可' });
    const started = await certs.requestCancellation(sheng, c.id, { reason: '许可已被撤销，依法注销' });
    const inst = await wf.detail(sheng, started.instanceId);
    expect(inst).toMatchObject({
      processKey: CANCELLATION_PROCESS_KEY,
      state: 'review',
      applicantUserId: null,
    });
    expect((await cancellationRow(started.cancellationId)).ground).toBe('sanctioned');
    for (const a of ['pass', 'pass', 'approve'])
      await wf.act(sheng, started.instanceId, a, { comment: '同意' });
    const row = await certRow(c.id);
    // 注销 keeps the revocation record.
    expect(row).toMatchObject({ status: 'cancelled', sanction_kind: 'revoke', number_voided: true });
    // The enterprise cannot start one itself through this route (officers only).
    expect(
      await rejects(certs.requestCancellation(await p('qiye'), c.id, { reason: '企业申请' })),
    ).toMatchObject({
      status: 403,
    });
  });
});
