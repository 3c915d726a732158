/** Retry delays for jobs and outbox deliveries. Pure: the caller supplies randomness. */

export interface BackoffOptions {
  /** Unit of the delay: after the n-th failure wait baseMs × 2^n (default 1 s). */
  baseMs?: number;
  /** Upper bound of the delay before jitter. */
  capMs?: number;
  /** Extra random share of the delay, 0–1 (0.2 adds up to 20 %), so failed peers do not retry in step. */
  jitter?: number;
}

/** Default upper bound: one hour. */
export const BACKOFF_CAP_MS = 3600_000;

/**
 * Exponential backoff: after the n-th failed attempt wait 2^n seconds (2 s, 4 s, 8 s …), capped at capMs,
 * plus up to `jitter` of it at random. `random` is in [0, 1).
 */
export function backoffMs(attempt: number, opts: BackoffOptions = {}, random = 0): number {
  const base = opts.baseMs ?? 1000;
  const cap = opts.capMs ?? BACKOFF_CAP_MS;
  const n = Math.max(1, Math.min(attempt, 40));
  const delay = Math.min(cap, base * 2 ** n);
  return Math.round(delay * (1 + (opts.jitter ?? 0) * random));
}
