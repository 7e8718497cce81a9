/**
 * The client's requests, through openapi-fetch over the generated `paths`:
 *
 *   openapi-fetch ── authorise(token), recorder ── retryingFetch (attempts, busy retries) ── fetch
 *
 * The middleware adds the access_token and records what is sent; the kernel's transport beneath
 * runs the attempts of one request under the call's signal and repeats the answers the spec calls
 * retryable (`errcode -1`, …), reading each body once for it.
 */
import { answerText, attemptsOf, retryingFetch, type FetchLike, type RetryPolicy } from '@orderkit/core';
import createClient, { type Client } from 'openapi-fetch';
import { readAnswer, repeatable, type WeChatAnswer } from './answer.js';
import { authorise } from './auth.js';
import { RequestRecorder, type SentRequest } from './debug.js';
import type { WeChatOperation } from './errors.js';
import type { paths } from './generated/openapi.js';
import type { SecretSet } from './redaction.js';
import type { TokenMode } from './token-store.js';

const ORDER_PATH = '/wxa/charge/service-provider/order/get';

export interface WeChatHttpOptions {
  baseUrl: string;
  appId: string;
  appSecret: string;
  fetch: FetchLike | undefined;
  retry: RetryPolicy;
  attemptTimeoutMs: number | undefined;
  secrets: SecretSet;
  debug: ((sent: SentRequest) => void) | undefined;
}

export class WeChatHttp {
  readonly #options: WeChatHttpOptions;
  readonly #http: Client<paths>;
  readonly #transport: FetchLike;
  readonly #recorder: RequestRecorder;

  constructor(options: WeChatHttpOptions) {
    this.#options = options;
    this.#transport = this.#transportFor(options.retry);
    this.#http = createClient<paths>({ baseUrl: options.baseUrl, fetch: this.#transport });
    this.#recorder = new RequestRecorder((text) => options.secrets.mask(text), options.debug);
  }

  /** One getOrder request with `token` (its attempts under `policy`), read as an answer. */
  async getOrder(orderId: string, token: string, signal: AbortSignal, policy: RetryPolicy): Promise<WeChatAnswer> {
    const { response } = await this.#http.GET(ORDER_PATH, {
      params: { query: { orderId } },
      // The transport has read the body (for the busy code); answerText hands it over unread again.
      parseAs: 'stream',
      signal,
      fetch: policy === this.#options.retry ? this.#transport : this.#transportFor(policy),
      middleware: [authorise(token), this.#recorder.middleware],
    });
    return this.#read('getOrder', response);
  }

  /** One token request (retried while WeChat is busy, under the client's policy). */
  async getToken(mode: TokenMode, forceRefresh: boolean, signal: AbortSignal): Promise<WeChatAnswer> {
    const credentials = {
      grant_type: 'client_credential',
      appid: this.#options.appId,
      secret: this.#options.appSecret,
    } as const;
    const common = { parseAs: 'stream' as const, signal, middleware: [this.#recorder.middleware] };
    if (mode === 'token') {
      const { response } = await this.#http.GET('/cgi-bin/token', { ...common, params: { query: credentials } });
      return this.#read('getAccessToken', response);
    }
    const body = { ...credentials, force_refresh: forceRefresh };
    const { response } = await this.#http.POST('/cgi-bin/stable_token', { ...common, body });
    return this.#read('getStableAccessToken', response);
  }

  /** What the latest request sent, credentials masked. */
  lastRequest(): SentRequest | undefined {
    return this.#recorder.last();
  }

  async #read(operation: WeChatOperation, response: Response): Promise<WeChatAnswer> {
    const text = await answerText(response);
    return readAnswer(operation, response, text, attemptsOf(response), this.#options.secrets);
  }

  #transportFor(retry: RetryPolicy): FetchLike {
    const { fetch, attemptTimeoutMs } = this.#options;
    return retryingFetch({
      fetch,
      retry,
      attemptTimeoutMs,
      readBody: true,
      retryable: repeatable,
    });
  }

  toJSON(): string {
    return '[WeChatHttp]';
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return '[WeChatHttp]';
  }
}
