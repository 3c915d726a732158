import { hasPermission, type Principal } from '../access/principal.js';
import type { AppContext } from '../context.js';
import type { Database } from '../db/database.js';
import { forbidden } from '../errors.js';
import { paginate, type ListQuery, type Page } from '../http/paging.js';
import { uuidv7 } from '../ids.js';
import { backoffMs } from '../jobs/backoff.rules.js';
import { startPollLoop } from '../jobs/poll-loop.js';
import { registerWorkerLoop } from '../../worker.js';
import { getOutboxDriver, outboxDestinations, type DeliveryResult, type OutboxDelivery } from './drivers.js';
import { OutboxErrors } from './outbox.errors.js';
import {
  OutboxRepository,
  type OutboxAttemptRow,
  type OutboxEventRow,
  type OutboxListFilter,
  type OutboxResult,
} from './outbox.repository.js';

/** One side effect on the outside world, written with the business change that causes it. */
export interface PublishInput {
  /** Kind of business record, e.g. 'licence_application'. */
  aggregateType: string;
  /** Its id (or 办件编号); events of one aggregate and destination are delivered in order. */
  aggregateId: string;
  eventType: string;
  /** A destination registered with registerOutboxDriver. */
  destination: string;
  /** Serialised as JSON; the request body the driver sends. */
  payload: unknown;
  /** Stable across retries and replays; default the event id. Publishing a key twice adds nothing. */
  idempotencyKey?: string;
}

export interface Published {
  id: string;
  seq: number;
  idempotencyKey: string;
  /** True when an event with this idempotency key already existed (nothing was added). */
  duplicate: boolean;
}

export interface DeliverSummary {
  claimed: number;
  delivered: number;
  retried: number;
  dead: number;
}

export interface OutboxEventDetail {
  event: OutboxEventRow;
  attempts: OutboxAttemptRow[];
}

/** Events claimed per worker round (each from a different aggregate, delivered in parallel). */
export const OUTBOX_BATCH = 20;
/** A claimed event is this node's for this long; keep it well above every driver's timeout. */
export const OUTBOX_LEASE_MS = 5 * 60_000;
/** Random extra share of each retry delay, so events failed together do not retry in step. */
const JITTER = 0.2;
const MAX_ERROR_CHARS = 2000;

const LIMITS = {
  aggregateType: 48,
  aggregateId: 100,
  eventType: 100,
  destination: 64,
  idempotencyKey: 200,
} as const;

function check(field: keyof typeof LIMITS, v: string | undefined): void {
  if (v !== undefined && (v.length === 0 || v.length > LIMITS[field])) {
    throw OutboxErrors.badField(field, LIMITS[field]);
  }
}

async function publishIn(trx: Database, input: PublishInput): Promise<Published> {
  const repo = new OutboxRepository(trx);
  if (input.idempotencyKey) {
    const prior = await repo.findByKey(input.idempotencyKey);
    if (prior) {
      return { id: prior.id, seq: Number(prior.seq), idempotencyKey: input.idempotencyKey, duplicate: true };
    }
  }
  // Taking the seq locks the aggregate's counter row until the transaction ends, so a later publisher of
  // the same aggregate waits, and a lower seq is always committed before a higher one becomes visible.
  const seq = await repo.nextSeq(input.aggregateType, input.aggregateId);
  const id = uuidv7();
  const key = input.idempotencyKey ?? id;
  const inserted = await repo.insertEvent({
    id,
    aggregate_type: input.aggregateType,
    aggregate_id: input.aggregateId,
    seq,
    event_type: input.eventType,
    destination: input.destination,
    payload: JSON.stringify(input.payload ?? null),
    idempotency_key: key,
    next_attempt_at: null,
    locked_until: null,
    last_error: null,
    delivered_at: null,
  });
  if (inserted) return { id, seq, idempotencyKey: key, duplicate: false };
  // A concurrent transaction committed the same key first.
  const prior = await repo.findByKey(key);
  if (!prior) throw OutboxErrors.notFound();
  return { id: prior.id, seq: Number(prior.seq), idempotencyKey: key, duplicate: true };
}

/**
 * Writes an event to the outbox in the caller's transaction, so it is sent if and only if the business
 * change commits (DESIGN.md §10). Given a plain database handle, it opens its own transaction. Inside a
 * transaction always pass that transaction, never ctx.db: on PGlite (one connection) ctx.db would wait forever.
 */
export async function publish(trx: Database, input: PublishInput): Promise<Published> {
  check('aggregateType', input.aggregateType);
  check('aggregateId', input.aggregateId);
  check('eventType', input.eventType);
  check('destination', input.destination);
  check('idempotencyKey', input.idempotencyKey);
  if (trx.isTransaction) return publishIn(trx, input);
  return trx.transaction().execute((t) => publishIn(t, input));
}

function errorText(s: string): string {
  return s.length > MAX_ERROR_CHARS ? s.slice(0, MAX_ERROR_CHARS) + '…' : s;
}

function toDelivery(e: OutboxEventRow): OutboxDelivery {
  return {
    id: e.id,
    aggregateType: e.aggregate_type,
    aggregateId: e.aggregate_id,
    seq: Number(e.seq),
    eventType: e.event_type,
    destination: e.destination,
    payload: e.payload,
    idempotencyKey: e.idempotency_key,
    attempt: e.attempts,
  };
}

async function deliverOne(ctx: AppContext, e: OutboxEventRow, sum: DeliverSummary): Promise<void> {
  const startedAt = ctx.clock.now();
  const t0 = performance.now();
  let r: DeliveryResult;
  const driver = getOutboxDriver(e.destination);
  try {
    r = driver
      ? await driver.deliver(toDelivery(e))
      : { ok: false, error: `没有注册投递目标: ${e.destination}` };
  } catch (err) {
    r = { ok: false, error: `投递程序异常: ${err instanceof Error ? err.message : String(err)}` };
  }
  const durationMs = Math.round(performance.now() - t0);
  const now = ctx.clock.now();
  const max = ctx.config.outboxMaxAttempts;
  let result: OutboxResult;
  if (r.ok) {
    result = { status: 'delivered', nextAttemptAt: null, lastError: null, deliveredAt: now };
  } else {
    const dead = r.retryable === false || e.attempts >= max;
    const error = errorText(r.error ?? (r.status ? `HTTP ${r.status}` : '投递失败'));
    result = {
      status: dead ? 'dead' : 'pending',
      nextAttemptAt: dead
        ? null
        : new Date(now.getTime() + backoffMs(e.attempts, { jitter: JITTER }, Math.random())),
      lastError: error,
      deliveredAt: null,
    };
  }
  const recorded = await new OutboxRepository(ctx.db).recordAttempt(
    {
      id: uuidv7(),
      event_id: e.id,
      attempt_no: e.attempts,
      at: startedAt,
      duration_ms: durationMs,
      ok: r.ok,
      http_status: r.status ?? null,
      error: r.ok ? null : result.lastError,
    },
    result,
  );
  const log = {
    eventId: e.id,
    destination: e.destination,
    attempt: e.attempts,
    status: r.status,
    durationMs,
  };
  if (!recorded) ctx.logger.warn(log, 'outbox lease lost before the attempt was recorded');
  else if (result.status === 'delivered') sum.delivered++;
  else if (result.status === 'dead') {
    sum.dead++;
    ctx.logger.error({ ...log, error: result.lastError }, 'outbox event dead');
  } else {
    sum.retried++;
    ctx.logger.warn(
      { ...log, error: result.lastError, next: result.nextAttemptAt },
      'outbox delivery failed',
    );
  }
}

/**
 * Delivers due events: per aggregate and destination only the lowest-seq undelivered one, so order is
 * kept; failures retry with exponential backoff (2^n s, capped, jittered); after config.outboxMaxAttempts
 * (or an answer that retrying cannot fix) the event is dead and blocks later events of its aggregate
 * until replayed. Every attempt is logged in outbox_attempt.
 */
export async function deliverDue(ctx: AppContext, limit = OUTBOX_BATCH): Promise<DeliverSummary> {
  const { claimed, expiredDead } = await new OutboxRepository(ctx.db).claimHeads(
    outboxDestinations(),
    ctx.clock.now(),
    limit,
    OUTBOX_LEASE_MS,
    ctx.config.outboxMaxAttempts,
    uuidv7,
  );
  const sum: DeliverSummary = { claimed: claimed.length, delivered: 0, retried: 0, dead: expiredDead };
  await Promise.all(
    claimed.map((e) =>
      // A failure to record (database gone) leaves the lease to expire; the event is then sent again.
      deliverOne(ctx, e, sum).catch((err: unknown) =>
        ctx.logger.error({ err, eventId: e.id }, 'outbox attempt could not be recorded'),
      ),
    ),
  );
  return sum;
}

/** Undelivered events by status and destination, for /metrics. */
export function outboxBacklog(ctx: Pick<AppContext, 'db'>) {
  return new OutboxRepository(ctx.db).countBacklog();
}

/** The operations page's view of the outbox: list, detail with attempts, replay of dead letters. */
export class OutboxService {
  constructor(private readonly ctx: AppContext) {}

  /** Paged list filtered by status, destination and aggregate (permission outbox:list). */
  async list(principal: Principal, filter: OutboxListFilter, q: ListQuery): Promise<Page<OutboxEventRow>> {
    if (!hasPermission(principal, 'outbox:list')) throw forbidden();
    return paginate(
      this.ctx.db,
      new OutboxRepository(this.ctx.db).listQuery(filter),
      q,
      {
        createdAt: 'created_at',
        status: 'status',
        destination: 'destination',
        aggregateId: 'aggregate_id',
        seq: 'seq',
        attempts: 'attempts',
        nextAttemptAt: 'next_attempt_at',
      },
      '-createdAt',
    );
  }

  /** One event with every delivery attempt (permission outbox:list). */
  async get(principal: Principal, id: string): Promise<OutboxEventDetail> {
    if (!hasPermission(principal, 'outbox:list')) throw forbidden();
    const repo = new OutboxRepository(this.ctx.db);
    const event = await repo.findById(id);
    if (!event) throw OutboxErrors.notFound();
    return { event, attempts: await repo.attemptsOf(id) };
  }

  /**
   * Sends a dead event again (dead → pending, attempts reset, same idempotency key), which also unblocks
   * the later events of its aggregate (permission outbox:replay).
   */
  async replay(principal: Principal, eventId: string): Promise<OutboxEventRow> {
    if (!hasPermission(principal, 'outbox:replay')) throw forbidden();
    const repo = new OutboxRepository(this.ctx.db);
    const replayed = await repo.replay(eventId);
    if (replayed) {
      this.ctx.logger.info({ eventId, by: principal.username }, 'outbox event replayed');
      return replayed;
    }
    const event = await repo.findById(eventId);
    if (!event) throw OutboxErrors.notFound();
    throw OutboxErrors.notDead(event.status);
  }
}

registerWorkerLoop('outbox', (ctx) =>
  startPollLoop({
    name: 'outbox',
    intervalMs: ctx.config.workerPollMs,
    logger: ctx.logger,
    tick: async () => {
      const r = await deliverDue(ctx, OUTBOX_BATCH);
      return r.claimed >= OUTBOX_BATCH;
    },
  }),
);
