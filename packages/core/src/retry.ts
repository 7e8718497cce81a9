/** The one retry policy of the provider clients: bounded attempts, exponential backoff, full jitter. */

export interface RetryPolicy {
  /** Attempts in all, the first included (1 = no retry). */
  maxAttempts: number;
  /** Delay before the first retry, in milliseconds; doubles on each further retry. */
  baseDelayMs: number;
  /** Upper bound of a single delay, in milliseconds. */
  maxDelayMs: number;
  /** Source of randomness in [0, 1), replaceable in tests. */
  random?: () => number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 200, maxDelayMs: 2_000 };

/** "Full jitter" delay before retry number `retry` (1-based): uniform in [0, min(max, base·2^(retry-1))]. */
export function backoffDelay(retry: number, policy: RetryPolicy): number {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.round((policy.random ?? Math.random)() * cap);
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export interface RetryOptions<T> {
  policy: RetryPolicy;
  /** Decides from an outcome whether another attempt may help. Never retry a definite failure. */
  shouldRetry: (outcome: { ok: true; value: T } | { ok: false; error: unknown }, attempt: number) => boolean;
  signal?: AbortSignal;
  onRetry?: (info: { attempt: number; delayMs: number }) => void;
}

/**
 * Runs `attempt` until it gives an outcome `shouldRetry` refuses, or the attempts run out; returns
 * (or throws) the last outcome. A value is returned even when retryable once attempts are spent,
 * so the caller maps it to its own typed error.
 */
export async function withRetry<T>(attempt: (n: number) => Promise<T>, options: RetryOptions<T>): Promise<T> {
  const max = Math.max(1, options.policy.maxAttempts);
  for (let n = 1; ; n++) {
    let outcome: { ok: true; value: T } | { ok: false; error: unknown };
    try {
      outcome = { ok: true, value: await attempt(n) };
    } catch (error) {
      outcome = { ok: false, error };
    }
    if (n >= max || options.signal?.aborted || !options.shouldRetry(outcome, n)) {
      if (outcome.ok) return outcome.value;
      throw outcome.error;
    }
    const delayMs = backoffDelay(n, options.policy);
    options.onRetry?.({ attempt: n, delayMs });
    await sleep(delayMs, options.signal);
  }
}
