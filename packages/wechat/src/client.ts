/**
 * The WeChat client: openapi-fetch over the generated `paths`, plus what openapi-fetch leaves out —
 * the access_token, timeouts, retries, parsing by content, validation against the spec and typed
 * errors.
 */
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import { DEFAULT_RETRY_POLICY, deadline, excerpt, isTimeout, parseBody, withRetry, type RetryPolicy } from '@orderkit/runtime';
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
  WeChatProtocolError,
  WeChatTimeoutError,
  WeChatTokenError,
  type WeChatOperation,
} from './errors.js';
import { SecretSet } from './redaction.js';
import { TokenManager } from './token.js';
import { InMemoryTokenStore, type CachedToken, type TokenStore } from './token-store.js';
import { operationsNeedingToken, schemaIssues, SUCCESS_SCHEMA } from './validation.js';

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

export type TokenMode = 'token' | 'stable_token';

export interface WeChatClientOptions {
  appId: string;
  /** A credential: never logged, never in an error. */
  appSecret: string;
  /** Default `https://api.weixin.qq.com`. */
  baseUrl?: string;
  /** Where the token lives; share one store between clients (and processes) of one AppID. Default: in memory. */
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
   * `fetch(request, { signal })` and must honour `signal`: timeouts and aborts depend on it.
   */
  fetch?: (request: Request, init: { signal: AbortSignal }) => Promise<Response>;
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
const TOKEN_REJECTED = new Set([40001, 42001]);
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
  readonly #fetch: (request: Request, init: { signal: AbortSignal }) => Promise<Response>;
  readonly #secrets: SecretSet;
  readonly #tokens: TokenManager;
  /** Which token each answer was obtained with, so a refusal names the token to replace. */
  readonly #tokenOf = new WeakMap<Response, string>();
  #lastRequest: { method: string; url: string; body?: string } | undefined;

  constructor(options: WeChatClientOptions) {
    if (typeof options.appId !== 'string' || options.appId === '') {
      throw new TypeError('createWeChatClient: appId is missing; pass the AppID of the account (wx…).');
    }
    if (typeof options.appSecret !== 'string' || options.appSecret === '') {
      throw new TypeError('createWeChatClient: appSecret is missing; pass the AppSecret of the account.');
    }
    this.#appId = options.appId;
    this.#appSecret = options.appSecret;
    this.#mode = options.tokenMode ?? 'token';
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.#now = options.now ?? Date.now;
    this.#debug = options.debug;
    this.#secrets = new SecretSet(options.appSecret);
    this.#fetch = options.fetch ?? ((request, init) => fetch(request, init));
    this.#http = createClient<paths>({ baseUrl: options.baseUrl ?? DEFAULT_BASE_URL });
    this.#http.use(this.#middleware());
    this.#tokens = new TokenManager({
      store: options.tokenStore ?? new InMemoryTokenStore(),
      key: `wechat:${this.#mode}:${options.appId}`,
      marginMs: (options.tokenMarginSeconds ?? DEFAULT_TOKEN_MARGIN_SECONDS) * 1000,
      now: this.#now,
      fetchToken: (rejected) => this.#fetchToken(rejected),
      onToken: (token) => this.#secrets.addToken(token),
    });
  }

  /** The purchase order `orderId`, as the spec types it. */
  async getOrder(orderId: string, options: CallOptions = {}): Promise<SchemaOrder> {
    if (typeof orderId !== 'string' || orderId === '') {
      throw new TypeError('getOrder: orderId must be a non-empty string, e.g. "DD2981741311549200000".');
    }
    const timeoutMs = options.timeoutMs ?? this.#timeoutMs;
    const { signal, clear } = deadline(timeoutMs, options.signal);
    const policy = options.retry ? { ...this.#retry, ...options.retry } : this.#retry;
    const state = { refreshed: false, attempts: 0 };
    try {
      const body = await withRetry(
        () => {
          state.attempts++;
          return this.#getOrderOnce(orderId, signal, state);
        },
        { policy, signal, shouldRetry: isBusy },
      );
      return body.order;
    } catch (error) {
      if (isBusy({ ok: false, error }) && error instanceof WeChatApiError) {
        throw new WeChatBusyError(error.errmsg, 'getOrder', state.attempts);
      }
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
  async #getOrderOnce(orderId: string, signal: AbortSignal, state: { refreshed: boolean }): Promise<SchemaGetOrderSuccess> {
    let answer = await this.#requestOrder(orderId, signal);
    if (TOKEN_REJECTED.has(answer.errcode)) {
      if (state.refreshed) throw new WeChatAuthError(answer.errcode, answer.errmsg, 'getOrder');
      state.refreshed = true;
      await this.#tokens.replace(answer.token, signal);
      answer = await this.#requestOrder(orderId, signal);
      if (TOKEN_REJECTED.has(answer.errcode)) throw new WeChatAuthError(answer.errcode, answer.errmsg, 'getOrder');
    }
    if (answer.errcode !== 0) throw new WeChatApiError(answer.errcode, answer.errmsg, 'getOrder');
    const issues = schemaIssues(SUCCESS_SCHEMA.getOrder, answer.body);
    if (issues.length) throw this.#invalid('getOrder', answer.response, answer.text, issues);
    return answer.body as SchemaGetOrderSuccess;
  }

  async #requestOrder(orderId: string, signal: AbortSignal) {
    // Waits here, where the caller's signal is at hand, for a token the middleware then finds cached.
    if (this.#tokens.peek() === undefined) await this.#tokens.current(signal);
    const { data, error, response } = await this.#http.GET(ORDER_PATH, {
      params: { query: { orderId } },
      parseAs: 'text',
      fetch: this.#fetchUnder(signal),
    });
    const body = this.#readObject('getOrder', response, data, error);
    const text = data ?? '';
    const errcode = typeof body.errcode === 'number' ? body.errcode : 0;
    const errmsg = errcode === 0 ? '' : this.#secrets.mask(typeof body.errmsg === 'string' ? body.errmsg : '');
    return { body, text, errcode, errmsg, response, token: this.#tokenOf.get(response) ?? '' };
  }

  /**
   * The signal goes to fetch only, not into openapi-fetch's Request: every Request built with a
   * signal costs undici a linked AbortSignal, and the middleware builds a second Request.
   */
  #fetchUnder(signal: AbortSignal): (request: Request) => Promise<Response> {
    return (request) => this.#fetch(request, { signal });
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
        ? await this.#http.GET('/cgi-bin/token', { params: { query: credentials }, parseAs: 'text', fetch: this.#fetchUnder(signal) })
        : await this.#http.POST('/cgi-bin/stable_token', {
            body: { ...credentials, force_refresh: forceRefresh },
            parseAs: 'text',
            fetch: this.#fetchUnder(signal),
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
  #readObject(operation: WeChatOperation, response: Response, data: string | undefined, error: unknown): Record<string, unknown> {
    if (!response.ok) {
      const text = typeof error === 'string' ? error : JSON.stringify(error ?? '');
      throw new WeChatHttpError(response.status, operation, this.#excerpt(text));
    }
    const parsed = parseBody(data ?? '');
    if (parsed.kind === 'empty') throw this.#protocol(operation, response, '', 'was empty');
    if (parsed.kind === 'unparseable') {
      throw this.#protocol(operation, response, parsed.text, `is not JSON (${this.#secrets.mask(parsed.reason)})`);
    }
    const value = parsed.value;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw this.#protocol(operation, response, parsed.text, 'is JSON but not an object');
    }
    return value as Record<string, unknown>;
  }

  #protocol(operation: WeChatOperation, response: Response, text: string, problem: string): WeChatProtocolError {
    return new WeChatProtocolError(problem, operation, response.headers.get('content-type') ?? '', this.#excerpt(text));
  }

  #invalid(operation: WeChatOperation, response: Response, text: string, issues: readonly ValidationIssue[]): WeChatProtocolError {
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
    const cause = error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
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
    const used = new WeakMap<Request, string>();
    const authorise = async (request: Request): Promise<Request> => {
      const token = this.#tokens.peek() ?? (await this.#tokens.current());
      const authorised = new Request(withQueryParameter(request.url, AUTH.parameter, token), {
        method: request.method,
        headers: request.headers,
        redirect: request.redirect,
        ...(request.body === null ? {} : { body: request.body, duplex: 'half' }),
      } as RequestInit);
      used.set(authorised, token);
      return authorised;
    };
    return {
      onRequest: async ({ request, schemaPath }) => {
        const sent = AUTH.operations.has(`${request.method} ${schemaPath}`) ? await authorise(request) : request;
        // Only the stable_token call has a body; reading a clone leaves the original to be sent.
        const body = sent.body === null ? undefined : await sent.clone().text();
        this.#record({ method: sent.method, url: sent.url, ...(body === undefined ? {} : { body }) });
        return sent === request ? undefined : sent;
      },
      onResponse: ({ request, response }) => {
        const token = used.get(request);
        if (token !== undefined) this.#tokenOf.set(response, token);
        return undefined;
      },
    };
  }

  #record(last: { method: string; url: string; body?: string }): undefined {
    this.#lastRequest = last;
    this.#debug?.(this.#describe(last));
    return undefined;
  }

  #describe(last: { method: string; url: string; body?: string }): SentRequest {
    const mask = (text: string) => this.#secrets.mask(text);
    return { method: last.method, url: mask(last.url), ...(last.body === undefined ? {} : { body: mask(last.body) }) };
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
function withQueryParameter(url: string, name: string, value: string): string {
  const hash = url.indexOf('#');
  const base = hash === -1 ? url : url.slice(0, hash);
  const fragment = hash === -1 ? '' : url.slice(hash);
  if (base.includes(`${name}=`)) {
    const parsed = new URL(url);
    parsed.searchParams.set(name, value);
    return parsed.href;
  }
  return `${base}${base.includes('?') ? '&' : '?'}${name}=${encodeURIComponent(value)}${fragment}`;
}

function isBusy(outcome: { ok: boolean; error?: unknown }): boolean {
  return !outcome.ok && outcome.error instanceof WeChatApiError && outcome.error.errcode === BUSY;
}

function isTokenBusy(outcome: { ok: boolean; error?: unknown }): boolean {
  return !outcome.ok && outcome.error instanceof WeChatTokenError && outcome.error.errcode === BUSY;
}
