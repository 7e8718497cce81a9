/**
 * The one transport of the provider clients, on openapi-fetch the way its maintainers describe it:
 * the client's middleware authenticates and signs; beneath it, the `fetch` built here runs the
 * attempts of one call — a per-attempt timeout, retries by one policy, a fresh copy of the request
 * for each attempt — under the call's signal, which bounds the whole call, retries included.
 *
 *   openapi-fetch ── middleware (auth, signing) ── retryingFetch ── fetch (global or the user's)
 *
 * What an answer means (success, failure, "try again") is the provider's: the adapter passes
 * `retryable`, whose codes come from the spec's `x-orderkit-codes`.
 */
import { backoffDelay, DEFAULT_RETRY_POLICY, sleep, type RetryPolicy } from './retry.js';
import { untilAborted } from './flight.js';

/** What the transport calls to send one attempt. */
export type FetchLike = (request: Request) => Promise<Response>;

/** One attempt's answer as the retry rule sees it. */
export interface AttemptAnswer {
  readonly status: number;
  readonly headers: Headers;
  /** The body, read once by the transport (only when the rule asked for it with `readBody`). */
  readonly text: string;
}

export interface RetryRule {
  /**
   * Whether this answer means "try again" besides HTTP 429, 502, 503 and 504, which are always
   * retried (e.g. an in-band busy code in HTTP 200). Never true for a definite failure.
   */
  retryable?: (answer: AttemptAnswer) => boolean;
  /**
   * Whether `retryable` needs the body (in-band codes inside HTTP 200). When false the body is
   * left unread and `text` is `''`. When true, `answerText(response)` gives the text read here.
   */
  readBody?: boolean;
}

export interface TransportOptions extends RetryRule {
  /** The fetch beneath; default the global fetch (looked up per call, so test stubs apply). */
  fetch?: FetchLike | undefined;
  /** Attempts, backoff and jitter; default 3 attempts, 200 ms base, 2 s cap, full jitter. */
  retry?: Partial<RetryPolicy> | undefined;
  /**
   * Time limit of one attempt, in milliseconds; an attempt that runs out is retried while the
   * call's own budget lasts. Default: none beyond the call's budget.
   */
  attemptTimeoutMs?: number | undefined;
  /** Told before each retry (logging, call budgets). Throwing stops the call with that error. */
  onRetry?: ((info: RetryInfo) => void) | undefined;
}

export interface RetryInfo {
  /** The attempt that just ended (1-based). */
  attempt: number;
  delayMs: number;
  /** Why: the answer's HTTP status, or the error of an attempt that got none. */
  reason: { status: number } | { error: unknown };
}

const DEFAULT_RETRYABLE_STATUS = new Set([429, 502, 503, 504]);

/**
 * Connection failures after which the request certainly never reached the server: those are
 * retried. A connection dropped or reset once the request was on its way is not — the provider
 * may have acted on it (the outcome is unknown) — and is left to the caller.
 */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** Whether a fetch error says the request never left: nothing to lose by sending it again. */
export function neverSent(error: unknown): boolean {
  if (!(error instanceof TypeError)) return false;
  const code = (error.cause as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && NOT_SENT_CODES.has(code);
}
const defaultRetryable = (answer: AttemptAnswer): boolean => DEFAULT_RETRYABLE_STATUS.has(answer.status);

/** What the transport learned about the answer it returned, for the adapter that reads it. */
interface Exchange {
  attempts: number;
  text: string | undefined;
}
const exchanges = new WeakMap<Response, Exchange>();

/** How many attempts the call made before this answer (1 when it was not retried). */
export function attemptsOf(response: Response): number {
  return exchanges.get(response)?.attempts ?? 1;
}

/**
 * The body of an answer the transport returned, as text. The transport may already have read it
 * (to look for an in-band retry code); then it is not read again.
 */
export async function answerText(response: Response): Promise<string> {
  const exchange = exchanges.get(response);
  if (exchange?.text !== undefined) return exchange.text;
  return response.text();
}

/**
 * Each Request a middleware derived, with the Request it came from. A Request made with another's
 * signal follows it through a weak link only (undici: the parent's controller is reachable from its
 * own signal's source through a WeakRef, and strongly only from the parent Request), and
 * openapi-fetch drops its own Request once a middleware returns another. After a GC the parent's
 * controller is gone, its signal never aborts, and neither does the derived Request's: fetch and the
 * wait for its body no longer end at the call's limit (seen: a body stalled after the headers, behind
 * a token middleware, ran 30 s past a 500 ms budget in 3 of 60 calls while garbage was made). Held
 * here, the parent lives as long as the Request derived from it.
 */
const parents = new WeakMap<Request, Request>();

/** `request` sent to `url` instead (same method, headers, body, signal), its signal kept following the call's. */
export function requestWithUrl(request: Request, url: string): Request {
  const derived = new Request(url, request);
  parents.set(derived, request);
  return derived;
}

/** One attempt's signal: the call's, and the attempt's own time limit. */
interface AttemptLimit {
  signal: AbortSignal;
  /** Whether the attempt's own limit fired (not the call's signal). */
  expired(): boolean;
  /** Stops the timer and the listener once the attempt is over. */
  clear(): void;
}

/**
 * One controller that follows the call's signal and fires after `ms`: a signal and a timer per
 * attempt (AbortSignal.any over AbortSignal.timeout would make three signals).
 */
function attemptLimit(call: AbortSignal, ms: number): AttemptLimit {
  const controller = new AbortController();
  let expired = false;
  const onCall = () => controller.abort(call.reason);
  const timer = setTimeout(() => {
    expired = true;
    controller.abort(attemptTimeout(ms));
  }, ms);
  if (call.aborted) onCall();
  else call.addEventListener('abort', onCall, { once: true });
  return {
    signal: controller.signal,
    expired: () => expired,
    clear: () => {
      clearTimeout(timer);
      call.removeEventListener('abort', onCall);
    },
  };
}

/**
 * The `fetch` to give openapi-fetch (`createClient({ fetch })`, or per request). Each attempt sends
 * a Request of its own with the same method, URL, headers and body bytes (a body can be read only
 * once) under the request's signal — the call's — and, when set, its own time limit. Attempt timeouts, connection errors that prove the
 * request never left (refused, DNS) and the answers `retryable` names are retried; a connection
 * dropped once the request was on its way is not (the provider may have acted on it). The last answer is returned whatever it says, for the
 * adapter to turn into a result or a typed error. Aborts (the caller's or the call's budget) stop
 * at once and surface as the signal's reason.
 */
export function retryingFetch(options: TransportOptions = {}): FetchLike {
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const maxAttempts = Math.max(1, Math.floor(policy.maxAttempts));
  // The adapter's rule adds to the HTTP statuses every provider's "try again" shares.
  const extra = options.retryable;
  const retryable = (answer: AttemptAnswer) => defaultRetryable(answer) || (extra?.(answer) ?? false);
  const readBody = options.readBody === true;
  const attemptTimeoutMs = options.attemptTimeoutMs;
  const send: FetchLike = options.fetch ?? ((request) => globalThis.fetch(request));

  /**
   * One attempt's Request: `request` itself when nothing has to change, else one of its own with
   * the same method, URL, headers and body bytes, under the call's signal and the attempt's limit.
   */
  function attemptRequest(request: Request, body: ArrayBuffer | null, limit: AttemptLimit | undefined): Request {
    const signal = limit ? limit.signal : request.signal;
    return new Request(request.url, {
      method: request.method,
      headers: request.headers,
      body,
      signal,
      redirect: request.redirect,
    });
  }

  return async function fetchWithRetries(request: Request): Promise<Response> {
    // A body can be read once: when it may be sent more than once, or the attempt needs a signal
    // of its own, its bytes are read here, once, and each attempt sends them.
    const direct = attemptTimeoutMs === undefined && (request.body === null || maxAttempts === 1);
    const body = direct || request.body === null ? null : await request.arrayBuffer();
    for (let attempt = 1; ; attempt++) {
      const last = attempt >= maxAttempts;
      let reason: RetryInfo['reason'];
      // The attempt's limit covers its answer, body included.
      const limit = attemptTimeoutMs === undefined ? undefined : attemptLimit(request.signal, attemptTimeoutMs);
      try {
        const response = await send(direct ? request : attemptRequest(request, body, limit));
        let text: string | undefined;
        // Bounded by the attempt's (or the call's) signal itself, not only through fetch: a body
        // that stalls after the headers must end the attempt at its limit (seen: undici's read
        // outliving an abort that came just as the headers arrived).
        if (readBody) text = await untilAborted(response.text(), limit?.signal ?? request.signal);
        limit?.clear();
        const answer: AttemptAnswer = { status: response.status, headers: response.headers, text: text ?? '' };
        if (last || !retryable(answer)) {
          // A body read here goes up as an unread copy (openapi-fetch reads it as it is told to);
          // answerText gives the adapter the text without a second read.
          const returned = text === undefined ? response : rebuilt(response, text);
          exchanges.set(returned, { attempts: attempt, text });
          return returned;
        }
        if (text === undefined) await response.body?.cancel();
        reason = { status: response.status };
      } catch (error) {
        limit?.clear();
        if (request.signal.aborted) throw request.signal.reason;
        const timedOut = limit?.expired() === true;
        if (last || !(timedOut || neverSent(error))) throw timedOut ? attemptTimeout(attemptTimeoutMs) : error;
        reason = { error };
      }
      const delayMs = backoffDelay(attempt, policy);
      options.onRetry?.({ attempt, delayMs, reason });
      await sleep(delayMs, request.signal);
    }
  };
}

/** A Response that carries `text` as its unread body, with the original's status and headers. */
function rebuilt(response: Response, text: string): Response {
  return new Response(text, { status: response.status, statusText: response.statusText, headers: response.headers });
}

/** An attempt's timeout, as fetch reports its own: a DOMException named TimeoutError. */
function attemptTimeout(ms: number | undefined): DOMException {
  return new DOMException(`no answer within ${ms} ms (attemptTimeoutMs)`, 'TimeoutError');
}

/** The signal of one call: the caller's, if any, and the call's whole budget. */
export interface CallSignal {
  signal: AbortSignal;
  /** Whether the call ended because its budget ran out (not because the caller aborted). */
  timedOut(): boolean;
  /**
   * The call is over: stops its timer and stops listening to the caller's signal. Without it each
   * call would leave a listener on a caller's long-lived signal (one shutdown signal for every call,
   * a range search's signal for each of its pages) until that signal aborted.
   */
  end(): void;
}

/**
 * A signal that aborts when `caller` does or `timeoutMs` pass, whichever is first: the budget of
 * the whole call, token fetches, retries and backoff included.
 */
export function callSignal(timeoutMs: number, caller?: AbortSignal): CallSignal {
  // A timer that holds its controller strongly: AbortSignal.timeout's timer holds its signal only
  // weakly (and AbortSignal.any its sources), so a budget reachable only through fetch's internals
  // could be collected and never fire. (The 30 s stalls once put down to this were a derived
  // Request's broken signal link: see requestWithUrl.) unref: the budget alone never keeps a
  // process up.
  const controller = new AbortController();
  let expired = false;
  const timer = setTimeout(() => {
    expired = true;
    controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
  }, timeoutMs);
  timer.unref?.();
  const onCaller = () => {
    clearTimeout(timer);
    controller.abort(caller?.reason);
  };
  if (caller?.aborted) onCaller();
  else caller?.addEventListener('abort', onCaller, { once: true });
  return {
    signal: controller.signal,
    timedOut: () => expired,
    end() {
      clearTimeout(timer);
      caller?.removeEventListener('abort', onCaller);
    },
  };
}

/**
 * How a call that produced no usable answer ended: `'timeout'` (the call's budget, or the last
 * attempt's limit), `'abort'` (the caller's signal), `'connection'` (fetch failed: DNS, refused,
 * reset, TLS) or `'other'` (a bug, in our code or an injected fetch).
 */
export type FailureKind = 'timeout' | 'abort' | 'connection' | 'other';

export interface Failure {
  kind: FailureKind;
  /** A system code when fetch gave one (`ECONNREFUSED`, `ENOTFOUND`, `UND_ERR_SOCKET`, …). */
  code?: string | undefined;
  /** The most specific message available, unmasked: mask it before it goes into an error. */
  detail: string;
}

/** Classifies what a call threw before it had an answer, for the adapter's typed error. */
export function classifyFailure(error: unknown, call: CallSignal): Failure {
  if (call.signal.aborted) return { kind: call.timedOut() ? 'timeout' : 'abort', detail: 'aborted' };
  if (error instanceof DOMException && error.name === 'TimeoutError') return { kind: 'timeout', detail: error.message };
  if (error instanceof TypeError) {
    const cause = error.cause as { code?: unknown; message?: unknown } | undefined;
    const code = typeof cause?.code === 'string' ? cause.code : undefined;
    const detail = typeof cause?.message === 'string' && cause.message ? cause.message : error.message;
    if (cause !== undefined || error.message === 'fetch failed') return { kind: 'connection', code, detail };
  }
  return { kind: 'other', detail: error instanceof Error ? error.message : String(error) };
}
