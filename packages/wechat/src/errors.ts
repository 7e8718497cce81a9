/**
 * One error class per failure kind, each a kernel kind of `@orderkit/core` (provider `'wechat'`;
 * `instanceof WeChatError` matches all of them). Messages are built from already-masked
 * text (see redaction.ts) and say what went wrong and what to do; no error keeps a `Request`, a
 * `Response` or a raw `cause`, because those carry the access_token or the AppSecret.
 */
import type { ValidationIssue } from '@orderkit/openapi-ajv';
import {
  lookupCode,
  OrderkitAbortError,
  OrderkitAnswerError,
  OrderkitConnectionError,
  OrderkitError,
  OrderkitInputError,
  OrderkitProviderError,
  OrderkitTimeoutError,
  type CodeEntry,
} from '@orderkit/core';
import { HINT, UNKNOWN_ADVICE, unknownCode } from './error-hints.js';
import { codes } from './generated/codes.js';
import type { operations } from './generated/openapi.js';

/** The spec's operationId of the call that failed. */
export type WeChatOperation = keyof operations;

const PROVIDER = 'wechat';
const WECHAT = Symbol('orderkit.wechat');
const table: Readonly<Record<string, CodeEntry>> = codes;

/** What specs/wechat says about an errcode; 'unknown code …' for one it does not know (the set is open). */
export const errCodeInfo = (errcode: number) => lookupCode(PROVIDER, table, errcode);

/**
 * Every error of this package. Thrown as itself only for an unexpected failure (a bug here or in
 * an injected fetch), whose outcome is unknown.
 */
export class WeChatError extends OrderkitError {
  declare readonly operation: WeChatOperation;

  static [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as { [WECHAT]?: true })[WECHAT] === true;
  }

  constructor(message: string, operation: WeChatOperation) {
    super(message, { provider: PROVIDER, operation, outcome: 'unknown', hint: HINT.bug });
  }
}

/** An argument or option is invalid; nothing was sent. */
export class WeChatInputError extends OrderkitInputError {
  declare readonly operation: WeChatOperation | 'createWeChatClient';
  constructor(message: string, operation: WeChatOperation | 'createWeChatClient') {
    super(message, { provider: PROVIDER, operation, hint: HINT.input });
  }
}

/**
 * WeChat answered `errcode` ≠ 0 to a business call. WeChat's codes are an open set: a code the spec
 * does not know is still this error (with `known: false`), never a protocol error.
 */
export class WeChatApiError extends OrderkitProviderError {
  declare readonly operation: WeChatOperation;
  /** The spec's description of `errcode`, when the spec knows the code. */
  readonly meaning: string | undefined;
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
    operation: WeChatOperation,
    advice?: string,
  ) {
    const info = errCodeInfo(errcode);
    const meaning = info.known ? info.meaning : undefined;
    super(
      `WeChat ${operation} failed with errcode ${errcode} (${errmsg || 'no errmsg'}). ` +
        `${meaning ?? unknownCode(errcode)} ${advice ?? (info.known ? info.hint : UNKNOWN_ADVICE)}`,
      {
        provider: PROVIDER,
        operation,
        code: String(errcode),
        hint: info.hint,
        retryable: info.retryable,
        outcome: info.outcome,
        known: info.known,
      },
    );
    this.meaning = meaning;
  }
}

/** WeChat stayed busy (`errcode -1`) on every attempt the retry policy allowed. */
export class WeChatBusyError extends WeChatApiError {
  constructor(
    errmsg: string,
    operation: WeChatOperation,
    readonly attempts: number,
  ) {
    super(
      -1,
      errmsg,
      operation,
      `It was still busy after ${attempts} attempt(s); retry later, or allow more attempts with the \`retry\` option.`,
    );
  }
}

/** The access_token was rejected (`40001`/`40014`/`42001`) again right after a refresh. */
export class WeChatAuthError extends WeChatApiError {
  constructor(errcode: number, errmsg: string, operation: WeChatOperation) {
    super(
      errcode,
      errmsg,
      operation,
      'The token was rejected again right after a refresh. Something else is fetching tokens for this AppID ' +
        '(each /cgi-bin/token call invalidates the previous token): share one TokenStore between all callers, ' +
        "or use tokenMode 'stable_token'.",
    );
  }
}

/** The token endpoint answered `errcode` ≠ 0 (wrong AppID/AppSecret, IP not whitelisted, …). */
export class WeChatTokenError extends OrderkitProviderError {
  declare readonly operation: WeChatOperation;
  /** The spec's description of `errcode`, when the spec knows the code. */
  readonly meaning: string | undefined;
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
    operation: WeChatOperation,
  ) {
    const info = errCodeInfo(errcode);
    const meaning = info.known ? info.meaning : undefined;
    super(
      `WeChat refused an access_token (${operation}): errcode ${errcode} (${errmsg || 'no errmsg'}). ` +
        `${meaning ?? unknownCode(errcode)} Check appId and appSecret, that the AppSecret is not frozen, and ` +
        "that this server's IP is on the account's API IP whitelist.",
      { provider: PROVIDER, operation, code: String(errcode), hint: info.hint, retryable: false, known: info.known },
    );
    this.meaning = meaning;
  }
}

/** WeChat's answer is not what specs/wechat describes: empty, not JSON, or against the schema. */
export class WeChatProtocolError extends OrderkitAnswerError {
  declare readonly operation: WeChatOperation;
  constructor(
    problem: string,
    operation: WeChatOperation,
    /** The answer's Content-Type, or `''` when it had none. */
    readonly contentType: string,
    /** The start of the body, credentials masked. */
    readonly bodyExcerpt: string,
    /** Where the body breaks the spec's schema, when it was JSON. */
    readonly issues: readonly ValidationIssue[] = [],
  ) {
    super(
      `WeChat's answer to ${operation} ${problem} (Content-Type ${contentType || 'none'}, body ${JSON.stringify(bodyExcerpt)}). ` +
        (issues.length
          ? 'The answer does not match specs/wechat; if WeChat changed its format, update the spec and run `pnpm generate`.'
          : 'WeChat sends such bodies on transient failures; retry later, and report it if it persists.'),
      { provider: PROVIDER, operation, retryable: issues.length === 0, hint: issues.length ? HINT.schema : HINT.body },
    );
  }
}

/** WeChat (or a proxy in front of it) answered with an HTTP status other than 2xx. */
export class WeChatHttpError extends OrderkitAnswerError {
  declare readonly operation: WeChatOperation;
  constructor(
    readonly status: number,
    operation: WeChatOperation,
    readonly bodyExcerpt: string,
  ) {
    super(
      `WeChat answered ${operation} with HTTP ${status} (body ${JSON.stringify(bodyExcerpt)}); WeChat itself always ` +
        'answers 200, so check baseUrl and any proxy in between, then retry.',
      { provider: PROVIDER, operation, retryable: true, hint: HINT.http },
    );
  }
}

/** No complete answer within the time budget. */
export class WeChatTimeoutError extends OrderkitTimeoutError {
  declare readonly operation: WeChatOperation;
  constructor(
    readonly timeoutMs: number,
    operation: WeChatOperation,
  ) {
    super(
      `WeChat ${operation} did not complete within ${timeoutMs} ms; retry later, or raise the \`timeoutMs\` option.`,
      { provider: PROVIDER, operation, hint: HINT.timeout },
    );
  }
}

/** The caller's AbortSignal fired. */
export class WeChatAbortError extends OrderkitAbortError {
  declare readonly operation: WeChatOperation;
  constructor(operation: WeChatOperation) {
    super(`WeChat ${operation} was aborted by the caller's AbortSignal.`, {
      provider: PROVIDER,
      operation,
      hint: HINT.abort,
    });
  }
}

/**
 * The request never got an answer: DNS, refused or reset connection, TLS. Its `code` is the system
 * error code (`ECONNREFUSED`, `ENOTFOUND`, …) when there is one: WeChat gave none.
 */
export class WeChatConnectionError extends OrderkitConnectionError {
  declare readonly operation: WeChatOperation;
  constructor(operation: WeChatOperation, code: string | undefined, detail: string) {
    super(
      `Could not reach WeChat for ${operation}: ${detail}${code ? ` (${code})` : ''}. Check baseUrl, DNS and ` +
        'outbound network access, then retry.',
      { provider: PROVIDER, operation, code, hint: HINT.connection },
    );
  }
}

// Brands the prototypes (not the instances: nothing extra in inspect or JSON), so that
// `instanceof WeChatError` holds for every class of this package. `name` is set by the kernel.
for (const ctor of [
  WeChatError,
  WeChatInputError,
  WeChatApiError,
  WeChatTokenError,
  WeChatProtocolError,
  WeChatHttpError,
  WeChatTimeoutError,
  WeChatAbortError,
  WeChatConnectionError,
]) {
  Object.defineProperty(ctor.prototype, WECHAT, { value: true });
}
