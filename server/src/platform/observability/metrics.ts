import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { AppContext } from '../context.js';
import { jobBacklog } from '../jobs/jobs.service.js';
import { outboxDestinations } from '../outbox/drivers.js';
import { outboxBacklog } from '../outbox/outbox.service.js';

/** Request duration buckets in seconds. */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const JOB_BACKLOG_STATUSES = ['queued', 'running', 'failed', 'dead'] as const;
const OUTBOX_BACKLOG_STATUSES = ['pending', 'dead'] as const;

// Process metrics (CPU, memory, event loop, GC) describe the process, not an app: collected once into
// a registry of our own (never prom-client's global one), shared by every app built in this process.
let processRegistry: Registry | undefined;
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/** The per-app metrics: HTTP request durations and the job and outbox backlogs read at scrape time. */
export function createAppMetrics(ctx: Pick<AppContext, 'db' | 'logger'>) {
  const registry = new Registry();
  const httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by method, route pattern and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: BUCKETS,
    registers: [registry],
  });
  new Gauge({
    name: 'samr_job_backlog',
    help: 'Jobs waiting, running, waiting for a retry, or dead, by status',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      try {
        const rows = await jobBacklog(ctx);
        for (const s of JOB_BACKLOG_STATUSES) {
          this.set({ status: s }, rows.find((r) => r.status === s)?.n ?? 0);
        }
      } catch (err) {
        ctx.logger.warn({ err }, 'metrics: job backlog query failed');
      }
    },
  });
  // prom-client collects all metrics of a scrape concurrently, so each gauge runs its own (small,
  // index-backed) query rather than one filling the other.
  const outboxRows = async () => {
    const rows = await outboxBacklog(ctx);
    const destinations = new Set([...outboxDestinations(), ...rows.map((r) => r.destination)]);
    return { rows, destinations };
  };
  new Gauge({
    name: 'samr_outbox_backlog',
    help: 'Outbox events not delivered (pending) or dead letters, by status and destination',
    labelNames: ['status', 'destination'] as const,
    registers: [registry],
    async collect() {
      try {
        const { rows, destinations } = await outboxRows();
        this.reset();
        for (const d of destinations) {
          for (const s of OUTBOX_BACKLOG_STATUSES) {
            const row = rows.find((r) => r.destination === d && r.status === s);
            this.set({ status: s, destination: d }, row?.n ?? 0);
          }
        }
      } catch (err) {
        ctx.logger.warn({ err }, 'metrics: outbox backlog query failed');
      }
    },
  });
  new Gauge({
    name: 'samr_outbox_oldest_pending_seconds',
    help: 'Age of the oldest undelivered (pending) outbox event by destination',
    labelNames: ['destination'] as const,
    registers: [registry],
    async collect() {
      try {
        const { rows, destinations } = await outboxRows();
        this.reset();
        for (const d of destinations) {
          const row = rows.find((r) => r.destination === d && r.status === 'pending');
          this.set({ destination: d }, row?.oldestAgeSeconds ?? 0);
        }
      } catch (err) {
        ctx.logger.warn({ err }, 'metrics: outbox age query failed');
      }
    },
  });
  return { registry, httpDuration };
}

/**
 * Adds the request-duration hook and GET /metrics (Prometheus text format). /metrics needs no login:
 * expose it only on the internal network (the reverse proxy must not forward it from outside, e.g.
 * nginx `location /metrics { allow 10.0.0.0/8; deny all; }`), since it reveals routes and backlogs.
 */
export function installMetrics(app: FastifyInstance, ctx: AppContext): void {
  const { registry, httpDuration } = createAppMetrics(ctx);
  app.addHook('onResponse', async (req, reply) => {
    httpDuration.observe(
      {
        method: req.method,
        // The route pattern, never the raw URL, keeps the label set small; unknown paths share one label.
        route: req.routeOptions.url ?? '(unmatched)',
        status_code: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });
  app.get('/metrics', { schema: { hide: true } }, async (_req, reply) => {
    const text = (await processMetrics().metrics()) + '\n' + (await registry.metrics());
    return reply.header('content-type', registry.contentType).header('cache-control', 'no-store').send(text);
  });
}
