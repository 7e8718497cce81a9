/**
 * The WeChat client: the adapter of the kit's kernel for WeChat — the access_token (cached,
 * refreshed once per call when WeChat refuses it), what an answer means, validation against the
 * spec, and typed errors. Requests, retries and timeouts are the kernel's (see http.ts).
 */
import { callSignal, DEFAULT_RETRY_POLICY, type RetryPolicy } from '@orderkit/core';
import { BUSY, invalidAnswer, TOKEN_REFUSED, type WeChatAnswer } from './answer.js';
import type { SentRequest } from './debug.js';
import { WeChatApiError, WeChatAuthError, WeChatBusyError, WeChatInputError } from './errors.js';
import { publicError, type CallLimits } from './failure.js';
import type { SchemaGetOrderSuccess, SchemaOrder } from './generated/openapi.js';
import { WeChatHttp } from './http.js';
import {
  checkOptions,
  DEFAULT_BASE_URL,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_TOKEN_MARGIN_SECONDS,
  policyOf,
  type CallOptions,
  type WeChatClientOptions,
} from './options.js';
import { SecretSet } from './redaction.js';
import { fetchToken } from './token-fetch.js';
import { InMemoryTokenStore, tokenScope, type TokenMode, type TokenScope } from './token-store.js';
import { TokenManager } from './token.js';
import { successIssues } from './validation.js';

export {
  DEFAULT_BASE_URL,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_TOKEN_MARGIN_SECONDS,
  type CallOptions,
  type WeChatClientOptions,
} from './options.js';
export type { TokenMode } from './token-store.js';

export class WeChatClient {
  readonly #appId: string;
  readonly #mode: TokenMode;
  readonly #timeoutMs: number;
  readonly #attemptTimeoutMs: number | undefined;
  readonly #retry: RetryPolicy;
  readonly #secrets: SecretSet;
  readonly #http: WeChatHttp;
  readonly #tokens: TokenManager;

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
    this.#secrets = new SecretSet(options.appSecret);
    this.#appId = options.appId;
    this.#mode = options.tokenMode ?? 'token';
    const baseUrl = options.baseUrl ?? DEFAULT_BASE_URL;
    let scope: TokenScope;
    try {
      scope = tokenScope(baseUrl, options.appId, this.#mode);
    } catch (error) {
      // Kept a TypeError (callers and tests rely on it); its message never quotes the URL.
      throw new TypeError(`createWeChatClient: ${(error as Error).message}`);
    }
    checkOptions(options, 'createWeChatClient', this.#secrets);
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#attemptTimeoutMs = options.attemptTimeoutMs;
    this.#retry = policyOf(DEFAULT_RETRY_POLICY, options.retry);
    this.#http = new WeChatHttp({
      baseUrl,
      appId: options.appId,
      appSecret: options.appSecret,
      fetch: options.fetch,
      retry: this.#retry,
      attemptTimeoutMs: this.#attemptTimeoutMs,
      secrets: this.#secrets,
      debug: options.debug,
    });
    const source = {
      http: this.#http,
      mode: this.#mode,
      timeoutMs: this.#timeoutMs,
      attemptTimeoutMs: this.#attemptTimeoutMs,
      now: options.now ?? Date.now,
      secrets: this.#secrets,
    };
    this.#tokens = new TokenManager({
      store: options.tokenStore ?? new InMemoryTokenStore(),
      scope,
      marginMs: (options.tokenMarginSeconds ?? DEFAULT_TOKEN_MARGIN_SECONDS) * 1000,
      now: source.now,
      fetchToken: (rejected) => fetchToken(source, rejected),
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
    if (options.timeoutMs !== undefined || options.retry !== undefined)
      checkOptions(options, 'getOrder', this.#secrets);
    const limits: CallLimits = {
      timeoutMs: options.timeoutMs ?? this.#timeoutMs,
      attemptTimeoutMs: this.#attemptTimeoutMs,
    };
    // One signal bounds the whole call: the wait for a token, every attempt and every backoff.
    const call = callSignal(limits.timeoutMs, options.signal);
    try {
      return (await this.#getOrder(orderId, call.signal, policyOf(this.#retry, options.retry))).order;
    } catch (error) {
      throw publicError(error, call, 'getOrder', limits, this.#secrets);
    } finally {
      call.end();
    }
  }

  /** What the latest request sent (method, URL, body), credentials masked. */
  lastRequest(): SentRequest | undefined {
    return this.#http.lastRequest();
  }

  /**
   * One getOrder with one token; a refused token is replaced and the request repeated, once per
   * call. The repeat gets the attempts the first request left: a call makes at most
   * `maxAttempts` attempts, plus the one repeat.
   */
  async #getOrder(orderId: string, signal: AbortSignal, policy: RetryPolicy): Promise<SchemaGetOrderSuccess> {
    let token = this.#tokens.peek() ?? (await this.#tokens.current(signal));
    let answer = await this.#http.getOrder(orderId, token, signal, policy);
    let attempts = answer.attempts;
    if (TOKEN_REFUSED.has(answer.errcode)) {
      token = await this.#tokens.replace(token, signal);
      const left = { ...policy, maxAttempts: Math.max(1, policy.maxAttempts - attempts + 1) };
      answer = await this.#http.getOrder(orderId, token, signal, left);
      attempts += answer.attempts - 1;
      if (TOKEN_REFUSED.has(answer.errcode)) throw new WeChatAuthError(answer.errcode, answer.errmsg, 'getOrder');
    }
    return this.#order(answer, attempts);
  }

  #order(answer: WeChatAnswer, attempts: number): SchemaGetOrderSuccess {
    if (answer.errcode === BUSY) throw new WeChatBusyError(answer.errmsg, 'getOrder', attempts);
    if (answer.errcode !== 0) throw new WeChatApiError(answer.errcode, answer.errmsg, 'getOrder');
    const issues = successIssues('getOrder', answer.body);
    if (issues.length) throw invalidAnswer('getOrder', answer, issues, this.#secrets);
    // Checked against GetOrderSuccess just above.
    return answer.body as unknown as SchemaGetOrderSuccess;
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
