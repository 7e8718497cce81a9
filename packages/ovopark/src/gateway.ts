/**
 * The gateway on the kernel's transport, the way openapi-fetch is meant to be used:
 *
 *   openapi-fetch ── bodySerializer (signs the form) ── middleware (the `authenticator` token)
 *     ── retryingFetch (attempts, per-attempt timeout, retries of the spec's retryable codes)
 *     ── fetch (global or the caller's)
 *
 * The body is signed once per call; a retried attempt re-sends the same signed body (the gateway's
 * only check on it we know of is the `_timestamp` skew, far wider than any backoff). What comes
 * back is read here into an `Answer`; what it means (data, a typed failure) is the client's.
 */
import {
  answerText,
  attemptsOf,
  classifyFailure,
  retryingFetch,
  type AttemptAnswer,
  type CallSignal,
  type FetchLike,
  type RetryInfo,
  type RetryPolicy,
} from '@orderkit/core';
import createClient, { type Middleware } from 'openapi-fetch';
import { statCodeOf, transportRetryableCodes } from './codes.js';
import { methodOf, MOBILE_LOGIN, SEARCH_POS } from './contract.js';
import { readAnswer, type Answer } from './envelope.js';
import { OvoparkAbortError, OvoparkConnectionError, OvoparkError, OvoparkTimeoutError } from './errors.js';
import { signedFormSerializer, type WireParams } from './form.js';
import type { paths, SchemaMobileLoginForm, SchemaSearchPosForm } from './generated/openapi.js';
import type { Settings } from './options.js';

/**
 * What the SDKs send (ovopark/openplatform-sdk `ApiConst.java`, erdengzhazha/open_ovopark_sdk
 * `OkClient.java`). The body is UTF-8 percent-escapes either way; naming the charset keeps a
 * gateway or proxy from guessing another one for non-ASCII values, which are signed as UTF-8.
 */
export const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded;charset=utf-8';
/** The header that carries the login token (the SDKs' name; the pages only say "the token"). */
export const TOKEN_HEADER = 'authenticator';

/** One call as the client sends it. */
export interface Send {
  /** The call's signal: the caller's, and the whole call's budget. */
  call: CallSignal;
  /** The call's budget, for the timeout message. */
  timeoutMs: number;
  /** This call's overrides of the client's retry policy. */
  retry?: Partial<RetryPolicy> | undefined;
  /** The `authenticator` token (searchPos). */
  token?: string | undefined;
  /** Runs before every HTTP attempt, retries included; throwing refuses the attempt (call budgets). */
  beforeAttempt?: (() => void) | undefined;
}

export interface Sent {
  answer: Answer;
  status: number;
  /** HTTP attempts made, retries included. */
  attempts: number;
  /** The parameters as signed and sent, for explaining a `SIGN_WRONG`. */
  signed: WireParams | undefined;
}

/** What openapi-fetch is given per request besides the body: all documented request options. */
interface PostInit {
  bodySerializer: (body: object) => string;
  parseAs: 'stream';
  signal: AbortSignal;
  middleware?: Middleware[];
  fetch?: FetchLike;
}

/** Sets the call's token as the `authenticator` header, on the request openapi-fetch built. */
const authenticator = (token: string): Middleware => ({
  onRequest({ request }) {
    request.headers.set(TOKEN_HEADER, token);
    return request;
  },
});

export type Gateway = ReturnType<typeof createGateway>;

export function createGateway(settings: Settings, scrub: (text: string) => string) {
  const retryCodes = transportRetryableCodes(settings.authFailureCodes);
  const retryCodeList = [...retryCodes];
  const retryable = ({ text }: AttemptAnswer): boolean => {
    // Parsed only when a retryable code appears in the text at all: the usual answer skips a
    // second JSON.parse (the adapter parses it once more, as the answer).
    if (!retryCodeList.some((code) => text.includes(code))) return false;
    const code = statCodeOf(text);
    return code !== undefined && retryCodes.has(code);
  };
  const transport = (retry: Partial<RetryPolicy> | undefined, onRetry?: (info: RetryInfo) => void): FetchLike =>
    retryingFetch({
      fetch: settings.fetch,
      retry: retry ? { ...settings.retry, ...retry } : settings.retry,
      attemptTimeoutMs: settings.attemptTimeoutMs,
      readBody: true,
      retryable,
      onRetry,
    });
  const http = createClient<paths>({
    baseUrl: settings.baseUrl,
    fetch: transport(undefined),
    headers: { 'Content-Type': FORM_CONTENT_TYPE },
  });

  /** The typed error of a call that got no answer. */
  function failure(method: string, error: unknown, send: Pick<Send, 'call' | 'timeoutMs'>): OvoparkError {
    const { kind, code, detail } = classifyFailure(error, send.call);
    if (kind === 'timeout') {
      const budget = send.call.timedOut();
      const limit = budget ? send.timeoutMs : settings.attemptTimeoutMs;
      return new OvoparkTimeoutError(
        budget
          ? `${method}: no complete answer within timeoutMs ${limit} ms (retries included); the outcome is unknown. ` +
              'The gateway may be slow or unreachable from here; retry later, or raise the timeoutMs option.'
          : `${method}: no attempt was answered within attemptTimeoutMs ${limit} ms; the outcome is unknown. ` +
              'The gateway may be slow or unreachable from here; retry later, or raise attemptTimeoutMs (and timeoutMs).',
        method,
        limit,
      );
    }
    if (kind === 'abort') {
      return new OvoparkAbortError(`${method}: aborted by the caller's signal before an answer was read.`, method);
    }
    const reason = `${code ? `${code}: ` : ''}${scrub(detail)}`;
    return new OvoparkConnectionError(
      kind === 'connection'
        ? `${method}: could not reach the gateway at ${settings.baseUrl} (${reason}); the outcome is unknown. ` +
            'Check baseUrl, DNS and the network; retry later.'
        : `${method}: sending failed unexpectedly (${reason}); the outcome is unknown. ` +
            'If you pass your own fetch, check that it sends the Request it is given.',
      method,
      error,
    );
  }

  /** Sends one call of any operation, `post` being that operation's typed openapi-fetch call. */
  async function send(
    method: string,
    post: (init: PostInit) => Promise<{ response: Response }>,
    options: Send,
  ): Promise<Sent> {
    let signed: WireParams | undefined;
    const hook = options.beforeAttempt;
    hook?.();
    let refused: { error: unknown } | undefined;
    const onRetry = hook
      ? () => {
          try {
            hook();
          } catch (error) {
            refused = { error };
            throw error;
          }
        }
      : undefined;
    const init: PostInit = {
      bodySerializer: signedFormSerializer(settings.secret, settings.signMethod, (params) => (signed = params)),
      // The transport has read the body already (for in-band retry codes); openapi-fetch leaves it be.
      parseAs: 'stream',
      signal: options.call.signal,
    };
    if (options.token !== undefined) init.middleware = [authenticator(options.token)];
    if (options.retry || onRetry) init.fetch = transport(options.retry, onRetry);
    let response: Response;
    try {
      ({ response } = await post(init));
    } catch (error) {
      if (refused) throw refused.error;
      if (error instanceof OvoparkError) throw error;
      throw failure(method, error, options);
    }
    const text = await answerText(response);
    return {
      answer: readAnswer(text, response.status, method, scrub),
      status: response.status,
      attempts: attemptsOf(response),
      signed,
    };
  }

  return {
    failure,
    searchPos: (form: SchemaSearchPosForm, options: Send) =>
      send(methodOf(SEARCH_POS), (init) => http.POST(SEARCH_POS, { body: form, ...init }), options),
    mobileLogin: (form: SchemaMobileLoginForm, options: Send) =>
      send(methodOf(MOBILE_LOGIN), (init) => http.POST(MOBILE_LOGIN, { body: form, ...init }), options),
  };
}
