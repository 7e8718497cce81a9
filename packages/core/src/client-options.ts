/**
 * The options every provider client takes, under the same names, and the checks they share. A
 * provider's options extend `ClientOptions` with its credentials and extras.
 */
import type { RetryPolicy } from './retry.js';
import type { Failure, FetchLike } from './transport.js';

export interface ClientOptions {
  /** Where the provider is; each client has a documented default or requires it. */
  baseUrl?: string;
  /**
   * The fetch beneath the transport (tests, proxies); default the global fetch. Called with one
   * `Request` per attempt; it must honour `request.signal` (timeouts and aborts depend on it).
   */
  fetch?: FetchLike;
  /** Budget of one call in milliseconds — token fetch or login, every attempt and backoff included. */
  timeoutMs?: number;
  /** Time limit of one HTTP attempt in milliseconds; default none beyond `timeoutMs`. */
  attemptTimeoutMs?: number;
  /** Attempts, backoff and jitter of the retries the spec allows; see each client's README. */
  retry?: Partial<RetryPolicy>;
}

/** Per-call overrides, the same in every client. */
export interface CallOptions {
  signal?: AbortSignal;
  /** Overrides the client's `timeoutMs` for this call. */
  timeoutMs?: number;
  /** Overrides parts of the client's retry policy for this call. */
  retry?: Partial<RetryPolicy>;
}

/**
 * Problems with the shared options, each a sentence saying what is wrong and how to fix it; empty
 * when all is well. The provider throws them as its configuration error.
 */
export function clientOptionProblems(options: ClientOptions, factory: string): string[] {
  const problems: string[] = [];
  const positive = (name: string, value: unknown) => {
    if (value !== undefined && !(typeof value === 'number' && Number.isFinite(value) && value > 0)) {
      problems.push(`${factory}: ${name} must be a positive number of milliseconds, not ${String(value)}.`);
    }
  };
  positive('timeoutMs', options.timeoutMs);
  positive('attemptTimeoutMs', options.attemptTimeoutMs);
  if (options.baseUrl !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(options.baseUrl);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
      problems.push(`${factory}: baseUrl ${JSON.stringify(options.baseUrl)} is not an absolute http(s) URL.`);
    }
  }
  const attempts = options.retry?.maxAttempts;
  if (attempts !== undefined && !(Number.isInteger(attempts) && attempts >= 1)) {
    problems.push(`${factory}: retry.maxAttempts must be a whole number ≥ 1 (1 = no retry), not ${String(attempts)}.`);
  }
  if (options.fetch !== undefined && typeof options.fetch !== 'function') {
    problems.push(`${factory}: fetch must be a function (request: Request) => Promise<Response>.`);
  }
  return problems;
}

/**
 * The message of a call that got no usable answer, from `classifyFailure`: what happened and what
 * to do. `detail` is masked by the caller's `mask` before it is used.
 */
export function describeFailure(
  failure: Failure,
  context: { what: string; where: string; timeoutMs: number; mask?: (text: string) => string },
): string {
  const mask = context.mask ?? ((text: string) => text);
  switch (failure.kind) {
    case 'timeout':
      return (
        `${context.what}: no complete answer within ${context.timeoutMs} ms (retries included); the outcome is unknown. ` +
        'The service may be slow or unreachable from here: retry later, or raise timeoutMs.'
      );
    case 'abort':
      return `${context.what}: aborted by the caller's signal before an answer was read; the outcome is unknown.`;
    case 'connection':
      return (
        `${context.what}: could not reach ${context.where} (${failure.code ? `${failure.code}: ` : ''}${mask(failure.detail)}); ` +
        'the outcome is unknown. Check baseUrl, DNS and the network; retry later.'
      );
    default:
      return `${context.what} failed unexpectedly: ${mask(failure.detail)}. This is a bug in orderkit or in the injected fetch; please report it.`;
  }
}
