import { DStoreConfigError } from '../errors.js';

/** A token bucket: `requestsPerSecond` refill, at most `burst` (default: one second's worth) at once. */
export interface RateLimitOptions {
  /** Sustained rate admitted, in requests per second (> 0). */
  requestsPerSecond: number;
  /** Requests admitted at once after a quiet period (default: `requestsPerSecond`, at least 1). */
  burst?: number;
}

/**
 * Admission by token bucket: each call takes a token if there is one. `now` is the handler's
 * clock, so tests can drive the refill.
 */
export function tokenBucket(limit: RateLimitOptions, now: () => Date): () => boolean {
  const rate = limit.requestsPerSecond;
  if (typeof rate !== 'number' || !Number.isFinite(rate) || rate <= 0) {
    throw new DStoreConfigError(`rateLimit.requestsPerSecond must be a positive number (got ${String(rate)}).`);
  }
  const capacity = limit.burst ?? Math.max(1, rate);
  if (typeof capacity !== 'number' || !Number.isFinite(capacity) || capacity < 1) {
    throw new DStoreConfigError(`rateLimit.burst must be a number of at least 1 (got ${String(limit.burst)}).`);
  }
  let tokens = capacity;
  let last = now().getTime();
  return () => {
    const t = now().getTime();
    // A clock stepping backwards refills nothing rather than draining the bucket.
    if (t > last) tokens = Math.min(capacity, tokens + ((t - last) / 1000) * rate);
    last = Math.max(last, t);
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  };
}
