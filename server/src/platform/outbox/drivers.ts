/**
 * Outbox destinations: each event names a registered driver that delivers it (DESIGN.md §10). Drivers
 * for specific platforms (integration/drivers/*) wrap httpJsonDriver or implement OutboxDriver themselves.
 */

/** What a driver receives: one event, at its n-th attempt. */
export interface OutboxDelivery {
  id: string;
  aggregateType: string;
  aggregateId: string;
  /** Position of the event within its aggregate (1, 2, 3 …); gaps are possible. */
  seq: number;
  eventType: string;
  destination: string;
  /** JSON text exactly as published. */
  payload: string;
  /** The same on every attempt and replay, so the receiver can drop repeats. */
  idempotencyKey: string;
  /** 1 on the first attempt. */
  attempt: number;
}

/** A driver's answer. `retryable: false` sends the event to the dead letters at once (e.g. HTTP 400). */
export interface DeliveryResult {
  ok: boolean;
  status?: number;
  error?: string;
  retryable?: boolean;
}

export interface OutboxDriver {
  deliver(event: OutboxDelivery): Promise<DeliveryResult>;
}

const drivers = new Map<string, OutboxDriver>();

/** Registers (or replaces) the driver behind a destination name. */
export function registerOutboxDriver(name: string, driver: OutboxDriver): void {
  if (!/^[\w.-]{1,64}$/.test(name)) throw new Error(`invalid outbox destination name: ${name}`);
  drivers.set(name, driver);
}

/** The driver of a destination, if this process registered one. */
export function getOutboxDriver(name: string): OutboxDriver | undefined {
  return drivers.get(name);
}

/** Destinations this process can deliver to (the worker claims only their events). */
export function outboxDestinations(): string[] {
  return [...drivers.keys()];
}

export interface HttpJsonDriverOptions {
  url: string;
  /** Whole request including the response body; default 10 s. */
  timeoutMs?: number;
  /** Extra headers (authentication, app id). */
  headers?: Record<string, string>;
}

/** 408, 425, 429 and 5xx are worth another try; any other non-2xx answer will not change by retrying. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500;
}

/**
 * Header values must be visible ASCII: other characters (a Chinese 办件编号) and '%' are percent-encoded
 * (UTF-8), so a receiver recovers the value with decodeURIComponent; plain ASCII ids are unchanged.
 */
export function headerValue(s: string): string {
  return s.replace(/[^\x21-\x24\x26-\x7e]/gu, (c) => encodeURIComponent(c));
}

const MAX_BODY_IN_ERROR = 500;

/**
 * POSTs the event's JSON payload with Idempotency-Key, X-Event-Type, X-Aggregate-Type, X-Aggregate-Id and
 * X-Event-Seq headers (Node's fetch, AbortController timeout). 2xx is success.
 */
export function httpJsonDriver(opts: HttpJsonDriverOptions): OutboxDriver {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  return {
    async deliver(e: OutboxDelivery): Promise<DeliveryResult> {
      const ac = new AbortController();
      const timer = setTimeout(() => ac.abort(), timeoutMs);
      try {
        const res = await fetch(opts.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json; charset=utf-8',
            ...opts.headers,
            'idempotency-key': headerValue(e.idempotencyKey),
            'x-event-type': headerValue(e.eventType),
            'x-aggregate-type': headerValue(e.aggregateType),
            'x-aggregate-id': headerValue(e.aggregateId),
            'x-event-seq': String(e.seq),
          },
          body: e.payload,
          signal: ac.signal,
        });
        const text = await res.text();
        if (res.ok) return { ok: true, status: res.status };
        return {
          ok: false,
          status: res.status,
          retryable: isRetryableStatus(res.status),
          error: `HTTP ${res.status}${text ? `: ${text.slice(0, MAX_BODY_IN_ERROR)}` : ''}`,
        };
      } catch (err) {
        if (ac.signal.aborted) return { ok: false, retryable: true, error: `请求超时（${timeoutMs} 毫秒）` };
        const cause = (err as { cause?: { code?: string; message?: string } }).cause;
        const msg = cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
        return { ok: false, retryable: true, error: `网络错误: ${msg}` };
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
