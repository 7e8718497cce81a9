/**
 * The WeChat client: openapi-fetch over the generated `paths`, plus what openapi-fetch leaves out —
 * the access_token, timeouts, retries, parsing by content, validation against the spec and typed
 * errors.
 */
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import {
  backoffDelay,
  DEFAULT_RETRY_POLICY,
  deadline,
  excerpt,
  isTimeout,
  parseBody,
  sleep,
  withRetry,
  type RetryPolicy,
} from '@orderkit/core';
import type { ValidationIssue } from '@orderkit/openapi-ajv';
import type { paths, SchemaAccessTokenSuccess, SchemaGetOrderSuccess, SchemaOrder } from './generated/openapi.js';
import type { SentRequest } from './debug.js';
import {
  WeChatAbortError,
  WeChatApiError,
  WeChatAuthError,
  WeChatBusyError,
  WeChatConnectionError,
  WeChatError,
  WeChatHttpError,
  WeChatInputError,
  WeChatProtocolError,
  WeChatTimeoutError,
  WeChatTokenError,
  type WeChatOperation,
} from './errors.js';
import { Deadlines } from '@orderkit/core';
import { SecretSet } from './redaction.js';
import { TokenManager } from './token.js';
import {
  InMemoryTokenStore,
  tokenScope,
  type CachedToken,
  type TokenMode,
  type TokenScope,
  type TokenStore,
} from './token-store.js';
import { operationsNeedingToken, schemaIssues, SUCCESS_SCHEMA } from './validation.js';
import { wireFetch, WireRequest, type CustomFetch } from './wire.js';

export const DEFAULT_BASE_URL = 'https://api.weixin.qq.com';
/**
 * Ten seconds: WeChat answers in well under a second when healthy; past that a call is better
 * failed and retried by the caller than left holding a request slot.
 */
export const DEFAULT_TIMEOUT_MS = 10_000;
/**
 * Five minutes, the grace period WeChat gives an old token after a new one is issued: refreshing
 * that early leaves every process sharing the token time to pick up the new one.
 */
export const DEFAULT_TOKEN_MARGIN_SECONDS = 300;

export type { TokenMode } from './token-store.js';

export interface WeChatClientOptions {
  appId: string;
  /** A credential: never logged, never in an error. */
  appSecret: string;
  /** Default `https://api.weixin.qq.com`. */
  baseUrl?: string;
  /**
   * Where the token lives; share one store between clients (and processes). The store keeps each
   * token under its scope — base URL, AppID, token mode — so clients of different services never
   * share one. Default: in memory.
   */
  tokenStore?: TokenStore;
  /**
   * `'token'` (default) uses GET /cgi-bin/token, which invalidates the previous token on every call;
   * `'stable_token'` uses POST /cgi-bin/stable_token, which returns the current token while it is valid.
   */
  tokenMode?: TokenMode;
  /** Refresh this many seconds before `expires_in` runs out. Default 300. */
  tokenMarginSeconds?: number;
  /** Budget of one call, token fetch and retries included, in milliseconds. Default 10000. */
  timeoutMs?: number;
  /** Retry policy for `errcode -1` (system busy). Default: 3 attempts, 200 ms base, 2 s cap, full jitter. */
  retry?: Partial<RetryPolicy>;
  /**
   * The fetch implementation (tests, proxies). Default `globalThis.fetch`. It is called as
   * `fetch(request, { signal })` with a real `Request` (URL with the access_token, method, headers,
   * body; no signal of its own) and must honour `signal`: timeouts and aborts depend on it. The
   * global fetch is instead called as `fetch(url, init)`, which saves building a second Request.
   */
  fetch?: CustomFetch;
  /** Clock in epoch milliseconds, for token expiry. Default `Date.now`. */
  now?: () => number;
  /** Told what every request sent, credentials masked. */
  debug?: (sent: SentRequest) => void;
}

export interface CallOptions {
  signal?: AbortSignal;
  /** Overrides the client's `timeoutMs` for this call. */
  timeoutMs?: number;
  /** Overrides parts of the client's retry policy for this call. */
  retry?: Partial<RetryPolicy>;
}

const ORDER_PATH = '/wxa/charge/service-provider/order/get';

/** What openapi-fetch resolves with for a `parseAs: 'text'` call. */
interface RawAnswer {
  data?: string | undefined;
  error?: unknown;
  response: Response;
}
/**
 * The answers that refuse the token itself: 40001 (invalid or not the latest), 40014 (invalid) and
 * 42001 (expired). wechatpy (wechatpy/client/base.py) refreshes and repeats on the same three; this
 * client does it once per call.
 */
const TOKEN_REJECTED = new Set([40001, 40014, 42001]);
const BUSY = -1;
const AUTH = operationsNeedingToken();

export class WeChatClient {
  readonly #appId: string;
  readonly #appSecret: string;
  readonly #mode: TokenMode;
  readonly #timeoutMs: number;
  readonly #retry: RetryPolicy;
  readonly #now: () => number;
  readonly #debug: ((sent: SentRequest) => void) | undefined;
  readonly #http: Client<paths>;
  /** Shared timeout signals of calls that use the client's own `timeoutMs` and no caller signal. */
  readonly #deadlines: Deadlines;
  readonly #secrets: SecretSet;
  readonly #tokens: TokenManager;
  #lastRequest: WireRequest | undefined;

  constructor(options: WeChatClientOptions) {
    if (typeof options.appId !== 'string' || options.appId === '') {
      throw new WeChatInputError(
        'createWeChatClient: appId is missing; pass the AppID of the account (wx…).',
        'createWeChatClient',
      );
    }
    if (typeof options.appSecret !== 'string' || options.appSecret === '') {
      throw new WeChatInputError(
        'createWeChatClient: appSecret is missing; pass the AppSecret of the account.',
        'createWeChatClient',
      );
    }
    this.#appId = options.appId;
    this.#appSecret = options.appSecret;
    this.#mode = options.tokenMode ?? 'token';
    const baseUrl = options.baseUrl ?? DEFAULT_BASE_URL;
    let scope: TokenScope;
    try {
      scope = tokenScope(baseUrl, options.appId, this.#mode);
    } catch (error) {
      throw new TypeError(`createWeChatClient: ${(error as Error).message}`);
    }
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.#now = options.now ?? Date.now;
    this.#debug = options.debug;
    this.#secrets = new SecretSet(options.appSecret);
    this.#deadlines = new Deadlines(this.#timeoutMs);
    const send = wireFetch(options.fetch);
    this.#http = createClient<paths>({
      baseUrl,
      Request: WireRequest as unknown as typeof Request,
      fetch: send as unknown as (request: Request) => Promise<Response>,
      querySerializer: serializeQuery,
    });
    this.#http.use(this.#middleware());
    this.#tokens = new TokenManager({
      store: options.tokenStore ?? new InMemoryTokenStore(),
      scope,
      marginMs: (options.tokenMarginSeconds ?? DEFAULT_TOKEN_MARGIN_SECONDS) * 1000,
      now: this.#now,
      fetchToken: (rejected) => this.#fetchToken(rejected),
      onToken: (token) => this.#secrets.addToken(token),
    });
  }

  /** The purchase order `orderId`, as the spec types it. */
  async getOrder(orderId: string, options: CallOptions = {}): Promise<SchemaOrder> {
    if (typeof orderId !== 'string' || orderId === '') {
      throw new WeChatInputError(
        'getOrder: orderId must be a non-empty string, e.g. "DD2981741311549200000".',
        'getOrder',
      );
    }
    const timeoutMs = options.timeoutMs ?? this.#timeoutMs;
    const { signal, clear } =
      timeoutMs === this.#timeoutMs ? this.#deadlines.start(options.signal) : deadline(timeoutMs, options.signal);
    const policy = options.retry ? { ...this.#retry, ...options.retry } : this.#retry;
    const state = { refreshed: false };
    // withRetry's semantics for `errcode -1` without its per-attempt closures and outcome objects:
    // the first attempt is a plain call, and only a busy answer enters the backoff.
    const max = Math.max(1, policy.maxAttempts);
    let attempt = 1;
    try {
      for (; ; attempt++) {
        try {
          return (await this.#getOrderOnce(orderId, signal, state)).order;
        } catch (error) {
          if (attempt >= max || signal.aborted || !isBusyError(error)) throw error;
        }
        await sleep(backoffDelay(attempt, policy), signal);
      }
    } catch (error) {
      if (isBusyError(error)) throw new WeChatBusyError(error.errmsg, 'getOrder', attempt);
      throw this.#publicError(error, signal, 'getOrder', timeoutMs);
    } finally {
      clear();
    }
  }

  /** What the latest request sent (method, URL, body), credentials masked. */
  lastRequest(): SentRequest | undefined {
    const last = this.#lastRequest;
    if (!last) return undefined;
    return this.#describe(last);
  }

  /** One try with one token; a refused token is replaced and the call repeated, once per `getOrder`. */
  async #getOrderOnce(
    orderId: string,
    signal: AbortSignal,
    state: { refreshed: boolean },
  ): Promise<SchemaGetOrderSuccess> {
    // Waits here, where the caller's signal is at hand, for the token the middleware then adds.
    let token = this.#tokens.peek() ?? (await this.#tokens.current(signal));
    let answer = this.#orderAnswer(await this.#sendOrder(orderId, token, signal));
    if (TOKEN_REJECTED.has(answer.errcode)) {
      if (state.refreshed) throw new WeChatAuthError(answer.errcode, answer.errmsg, 'getOrder');
      state.refreshed = true;
      token = await this.#tokens.replace(token, signal);
      answer = this.#orderAnswer(await this.#sendOrder(orderId, token, signal));
      if (TOKEN_REJECTED.has(answer.errcode)) throw new WeChatAuthError(answer.errcode, answer.errmsg, 'getOrder');
    }
    if (answer.errcode !== 0) throw new WeChatApiError(answer.errcode, answer.errmsg, 'getOrder');
    const issues = schemaIssues(SUCCESS_SCHEMA.getOrder, answer.body);
    if (issues.length) throw this.#invalid('getOrder', answer.response, answer.text, issues);
    return answer.body as SchemaGetOrderSuccess;
  }

  /**
   * `token` rides along in openapi-fetch's init (it hands unknown keys on to the `Request` it
   * builds, here a WireRequest) for the middleware to add to the URL: the call knows exactly which
   * token a refusal refers to, with no per-response bookkeeping.
   */
  #sendOrder(orderId: string, token: string, signal: AbortSignal): Promise<RawAnswer> {
    const init = { params: { query: { orderId } }, parseAs: 'text', signal, token } as const;
    return this.#http.GET(ORDER_PATH, init);
  }

  #orderAnswer({ data, error, response }: RawAnswer) {
    const body = this.#readObject('getOrder', response, data, error);
    const text = data ?? '';
    const errcode = typeof body.errcode === 'number' ? body.errcode : 0;
    const errmsg = errcode === 0 ? '' : this.#secrets.mask(typeof body.errmsg === 'string' ? body.errmsg : '');
    return { body, text, errcode, errmsg, response };
  }

  async #fetchToken(rejected: string | undefined): Promise<CachedToken> {
    const operation: WeChatOperation = this.#mode === 'token' ? 'getAccessToken' : 'getStableAccessToken';
    // Its own budget, not a caller's: many callers wait for this one fetch, and one of them giving
    // up must not fail the others.
    const { signal, clear } = deadline(this.#timeoutMs);
    try {
      const fetchOnce = (forceRefresh: boolean) =>
        withRetry(() => this.#requestToken(operation, forceRefresh, signal), {
          policy: this.#retry,
          signal,
          shouldRetry: isTokenBusy,
        });
      let token = await fetchOnce(false);
      // In normal mode stable_token hands back the current token; if that is the one WeChat just
      // refused, only a forced refresh gets another.
      if (this.#mode === 'stable_token' && rejected !== undefined && token.accessToken === rejected) {
        token = await fetchOnce(true);
      }
      return token;
    } catch (error) {
      throw this.#publicError(error, signal, operation, this.#timeoutMs);
    } finally {
      clear();
    }
  }

  async #requestToken(operation: WeChatOperation, forceRefresh: boolean, signal: AbortSignal): Promise<CachedToken> {
    const startedAt = this.#now();
    const credentials = { grant_type: 'client_credential', appid: this.#appId, secret: this.#appSecret } as const;
    const { data, error, response } =
      this.#mode === 'token'
        ? await this.#http.GET('/cgi-bin/token', { params: { query: credentials }, parseAs: 'text', signal })
        : await this.#http.POST('/cgi-bin/stable_token', {
            body: { ...credentials, force_refresh: forceRefresh },
            parseAs: 'text',
            signal,
          });
    const body = this.#readObject(operation, response, data, error);
    if (typeof body.errcode === 'number' && body.errcode !== 0) {
      const errmsg = this.#secrets.mask(typeof body.errmsg === 'string' ? body.errmsg : '');
      throw new WeChatTokenError(body.errcode, errmsg, operation);
    }
    const issues = schemaIssues(SUCCESS_SCHEMA[operation], body);
    if (issues.length) throw this.#invalid(operation, response, data ?? '', issues);
    const token = body as SchemaAccessTokenSuccess;
    this.#secrets.addToken(token.access_token);
    return { accessToken: token.access_token, expiresAt: startedAt + token.expires_in * 1000 };
  }

  /** The JSON object WeChat answered, whatever its Content-Type; anything else is a typed error. */
  #readObject(
    operation: WeChatOperation,
    response: Response,
    data: string | undefined,
    error: unknown,
  ): Record<string, unknown> {
    if (!response.ok) {
      const text = typeof error === 'string' ? error : JSON.stringify(error ?? '');
      throw new WeChatHttpError(response.status, operation, this.#excerpt(text));
    }
    const text = data ?? '';
    // JSON.parse skips JSON whitespace itself, so the usual body needs no trimmed copy; parseBody
    // (which also trims a BOM or other Unicode spaces) runs only when that fails.
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      value = this.#parseSlowly(operation, response, text);
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw this.#protocol(operation, response, text, 'is JSON but not an object');
    }
    return value as Record<string, unknown>;
  }

  #parseSlowly(operation: WeChatOperation, response: Response, text: string): unknown {
    const parsed = parseBody(text);
    if (parsed.kind === 'empty') throw this.#protocol(operation, response, '', 'was empty');
    if (parsed.kind === 'unparseable') {
      throw this.#protocol(operation, response, parsed.text, `is not JSON (${this.#secrets.mask(parsed.reason)})`);
    }
    return parsed.value;
  }

  #protocol(operation: WeChatOperation, response: Response, text: string, problem: string): WeChatProtocolError {
    return new WeChatProtocolError(problem, operation, response.headers.get('content-type') ?? '', this.#excerpt(text));
  }

  #invalid(
    operation: WeChatOperation,
    response: Response,
    text: string,
    issues: readonly ValidationIssue[],
  ): WeChatProtocolError {
    const listed = issues.map((i) => `${i.path || '(root)'} ${i.message}`).join('; ');
    return new WeChatProtocolError(
      `breaks the spec's schema: ${this.#secrets.mask(listed)}`,
      operation,
      response.headers.get('content-type') ?? '',
      this.#excerpt(text),
      issues,
    );
  }

  // Masked before it is cut, so that a cut cannot split a secret into something unrecognisable.
  #excerpt(text: string): string {
    return excerpt(this.#secrets.mask(text));
  }

  #publicError(error: unknown, signal: AbortSignal, operation: WeChatOperation, timeoutMs: number): WeChatError {
    if (error instanceof WeChatError) return error;
    if (signal.aborted) {
      return isTimeout(signal.reason) ? new WeChatTimeoutError(timeoutMs, operation) : new WeChatAbortError(operation);
    }
    const cause =
      error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
    if (error instanceof TypeError && cause !== undefined) {
      const code = typeof cause.code === 'string' ? cause.code : undefined;
      const detail = typeof cause.message === 'string' && cause.message ? cause.message : error.message;
      return new WeChatConnectionError(operation, code, this.#secrets.mask(detail));
    }
    if (error instanceof TypeError && error.message === 'fetch failed') {
      return new WeChatConnectionError(operation, undefined, 'fetch failed');
    }
    const message = error instanceof Error ? error.message : String(error);
    return new WeChatError(
      `WeChat ${operation} failed unexpectedly: ${this.#secrets.mask(message)}. This is a bug in @orderkit/wechat or in ` +
        'the injected fetch; please report it.',
      operation,
    );
  }

  /**
   * One middleware for every request: adds the access_token where the spec's security asks for it
   * (never on the token calls), and records what was sent for `lastRequest`/`debug`.
   */
  #middleware(): Middleware {
    // openapi-fetch hands the middleware a WireRequest (see wire.ts), not a Request: the token is
    // added to its URL string and the request is edited in place. The token is URL-encoded once per
    // token rather than once per call.
    let encodedFor: string | undefined;
    let encoded = '';
    const authorise = (request: WireRequest, token: string): undefined => {
      if (token !== encodedFor) {
        encoded = encodeURIComponent(token);
        encodedFor = token;
      }
      request.url = withQueryParameter(request.url, AUTH.parameter, token, encoded);
      return this.#record(request);
    };
    return {
      // Synchronous while the token is cached (every call but the first few): no extra promise.
      onRequest: ({ request: standIn, schemaPath }) => {
        const request = standIn as unknown as WireRequest;
        if (!AUTH.operations.has(`${request.method} ${schemaPath}`)) return this.#record(request);
        // getOrder passes the token it chose; any other call takes the cached one.
        const token = request.token ?? this.#tokens.peek();
        if (token !== undefined) return authorise(request, token);
        return this.#tokens.current().then((fetched) => authorise(request, fetched));
      },
    };
  }

  /** Keeps the stand-in request itself (method, final URL, JSON body): nothing is copied or masked until asked. */
  #record(request: WireRequest): undefined {
    this.#lastRequest = request;
    if (this.#debug) this.#debug(this.#describe(request));
    return undefined;
  }

  #describe(last: WireRequest): SentRequest {
    const mask = (text: string) => this.#secrets.mask(text);
    const body = last.body;
    return { method: last.method, url: mask(last.url), ...(body === null ? {} : { body: mask(body) }) };
  }

  toJSON(): Record<string, unknown> {
    return { appId: this.#appId, tokenMode: this.#mode, timeoutMs: this.#timeoutMs };
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `WeChatClient { appId: '${this.#appId}', tokenMode: '${this.#mode}' }`;
  }
}

/** A client for one WeChat account (AppID). Create it once and share it: it holds the token cache. */
export function createWeChatClient(options: WeChatClientOptions): WeChatClient {
  return new WeChatClient(options);
}

/**
 * `url` with `name=value` in its query. String surgery rather than `URL.searchParams.set`, which
 * re-parses and re-serialises the whole URL on the hot path; falls back to it if `name` is there.
 */
function withQueryParameter(
  url: string,
  name: string,
  value: string,
  encodedValue = encodeURIComponent(value),
): string {
  const hash = url.indexOf('#');
  const base = hash === -1 ? url : url.slice(0, hash);
  const fragment = hash === -1 ? '' : url.slice(hash);
  if (base.includes(`${name}=`)) {
    const parsed = new URL(url);
    parsed.searchParams.set(name, value);
    return parsed.href;
  }
  return `${base}${base.includes('?') ? '&' : '?'}${name}=${encodedValue}${fragment}`;
}

function isBusyError(error: unknown): error is WeChatApiError {
  return error instanceof WeChatApiError && error.errcode === BUSY;
}

/**
 * openapi-fetch's default query serialization (form, exploded: `name=encodeURIComponent(value)`,
 * `&`-joined, nullish values left out) for the flat string queries of this API, as one function:
 * openapi-fetch otherwise builds a new serializer on every call.
 */
function serializeQuery(query: Record<string, unknown>): string {
  let out = '';
  for (const name in query) {
    const value = query[name];
    if (value === undefined || value === null) continue;
    if (typeof value === 'object') throw new Error(`serializeQuery: ${name} is not a primitive`);
    out += `${out === '' ? '' : '&'}${name}=${encodeURIComponent(value as string | number | boolean)}`;
  }
  return out;
}

function isTokenBusy(outcome: { ok: boolean; error?: unknown }): boolean {
  return !outcome.ok && outcome.error instanceof WeChatTokenError && outcome.error.errcode === BUSY;
}
