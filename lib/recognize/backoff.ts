/**
 * Back-off for persisted jobs: "full jitter" (AWS Architecture Blog, "Exponential Backoff And
 * Jitter", 2015): the n-th wait is uniform in [0, min(cap, base × 2^n)), so clients throttled
 * together do not come back together. A server's `Retry-After` is a floor: never earlier than
 * asked, with the jitter on top so clients told the same second still spread out.
 *
 * Our own ~20 lines rather than p-retry: p-retry keeps its attempt count and timer in memory
 * around one promise, but a job here outlives the service worker (its count and its due time are
 * stored on the capture and an alarm wakes it), so only the delay formula is needed.
 */
export interface BackoffOptions {
  /** First window, ms. */
  baseMs: number;
  /** Largest window, ms. */
  capMs: number;
  /** Uniform in [0, 1); Math.random unless a test fixes it. */
  random?: () => number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1_000, capMs: 20_000 };

/**
 * The wait (ms) before retry number `retry` (0 for the first retry); `retryAfterMs` is the
 * server's `Retry-After`, when it sent one.
 */
export function backoffDelay(retry: number, retryAfterMs?: number, options: BackoffOptions = DEFAULT_BACKOFF): number {
  const random = options.random ?? Math.random;
  const window = Math.min(options.capMs, options.baseMs * 2 ** Math.max(0, retry));
  const jitter = Math.floor(random() * window);
  return retryAfterMs !== undefined && retryAfterMs > 0 ? retryAfterMs + jitter : jitter;
}

/**
 * `Retry-After` (RFC 9110 §10.2.3): delay-seconds or an HTTP-date; ms from `nowMs`, or undefined
 * when absent or unreadable. Capped at an hour: a broken header must not park a job for days.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const text = value.trim();
  const ms = /^\d+$/.test(text) ? Number(text) * 1000 : Date.parse(text) - nowMs;
  if (!Number.isFinite(ms)) return undefined;
  return Math.min(Math.max(0, ms), 3_600_000);
}
