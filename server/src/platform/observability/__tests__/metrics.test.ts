import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness.js';
import { enqueue } from '../../jobs/jobs.service.js';
import { publish } from '../../outbox/outbox.service.js';

describe('GET /metrics', () => {
  let t: TestApp;
  let other: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ demo: false });
    // A second app in the same process must not clash with the first (per-app registries).
    other = await createTestApp({ demo: false });
  });
  afterAll(async () => {
    await t.close();
    await other.close();
  });

  const scrape = async (app = t) => {
    const r = await app.app.inject({ method: 'GET', url: '/metrics' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('text/plain');
    return r.body;
  };

  it('serves process metrics and the request duration histogram by route pattern', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    await t.app.inject({ method: 'GET', url: '/api/ops/outbox/events/01900000-0000-7000-8000-000000000000' });
    await t.app.inject({ method: 'GET', url: '/no/such/path/123' });
    const text = await scrape();
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toContain('nodejs_eventloop_lag_seconds');
    expect(text).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/api\/health",status_code="200"\} 1\n/,
    );
    expect(text).toMatch(
      /http_request_duration_seconds_bucket\{le="\+Inf",method="GET",route="\/api\/health",status_code="200"\} 1\n/,
    );
    // The pattern, not the URL with its id; unknown paths share one label.
    expect(text).toContain('route="/api/ops/outbox/events/:id",status_code="401"');
    expect(text).not.toContain('01900000-0000-7000-8000-000000000000');
    expect(text).toContain('route="(unmatched)",status_code="404"');
    expect(text).not.toContain('/no/such/path');
    // The other app saw none of these requests.
    expect(await scrape(other)).not.toContain('route="/api/health"');
  });

  it('reports the job and outbox backlogs at scrape time', async () => {
    let text = await scrape();
    expect(text).toContain('samr_job_backlog{status="queued"} 0');
    await enqueue(t.ctx.db, 'metrics.test', null);
    await enqueue(t.ctx.db, 'metrics.test', null);
    await publish(t.ctx.db, {
      aggregateType: 'case',
      aggregateId: 'M-1',
      eventType: 'case.accepted',
      destination: 'metrics-dest',
      payload: {},
    });
    await t.ctx.db
      .updateTable('job')
      .set({ status: 'dead' })
      .where('id', '=', (await enqueue(t.ctx.db, 'metrics.test', null)).id)
      .execute();
    text = await scrape();
    expect(text).toContain('# TYPE samr_job_backlog gauge');
    expect(text).toContain('samr_job_backlog{status="queued"} 2');
    expect(text).toContain('samr_job_backlog{status="running"} 0');
    expect(text).toContain('samr_job_backlog{status="dead"} 1');
    expect(text).toContain('samr_outbox_backlog{status="pending",destination="metrics-dest"} 1');
    expect(text).toContain('samr_outbox_backlog{status="dead",destination="metrics-dest"} 0');
    expect(text).toMatch(/samr_outbox_oldest_pending_seconds\{destination="metrics-dest"\} \d/);
    expect(await scrape(other)).toContain('samr_job_backlog{status="queued"} 0');
  });

  it('needs no session and is not part of the API documentation', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer x' } });
    expect(r.statusCode).toBe(200);
    const spec = JSON.stringify((t.app as unknown as { swagger(): unknown }).swagger());
    expect(spec).not.toContain('"/metrics"');
  });
});
