/**
 * One error class per failure kind, under `WeChatError`. Messages are built from already-masked
 * text (see redaction.ts) and say what went wrong and what to do; no error keeps a `Request`, a
 * `Response` or a raw `cause`, because those carry the access_token or the AppSecret.
 */
import type { ValidationIssue } from '@orderkit/openapi-ajv';
import type { operations } from './generated/openapi.js';
import { errCodeMeaning } from './enums.js';

/** The spec's operationId of the call that failed. */
export type WeChatOperation = keyof operations;

export class WeChatError extends Error {
  constructor(
    message: string,
    readonly operation: WeChatOperation,
  ) {
    super(message);
  }

  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, message: this.message };
    for (const [key, value] of Object.entries(this)) if (key !== 'name') out[key] = value;
    return out;
  }
}

/**
 * WeChat answered `errcode` ≠ 0 to a business call. WeChat's codes are an open set: a code the spec
 * does not know is still this error (with `known: false`), never a protocol error.
 */
export class WeChatApiError extends WeChatError {
  /** The spec's description of `errcode`, when the spec knows the code. */
  readonly meaning: string | undefined;
  /** Whether specs/wechat knows `errcode` (its `KnownErrCode`). */
  readonly known: boolean;
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
    operation: WeChatOperation,
    advice?: string,
  ) {
    const meaning = errCodeMeaning(errcode);
    super(
      `WeChat ${operation} failed with errcode ${errcode} (${errmsg || 'no errmsg'}). ` +
        `${meaning ?? unknownCode(errcode)} ${advice ?? adviceFor(errcode)}`,
      operation,
    );
    this.meaning = meaning;
    this.known = meaning !== undefined;
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
export class WeChatTokenError extends WeChatError {
  /** The spec's description of `errcode`, when the spec knows the code. */
  readonly meaning: string | undefined;
  /** Whether specs/wechat knows `errcode` (its `KnownErrCode`). */
  readonly known: boolean;
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
    operation: WeChatOperation,
  ) {
    const meaning = errCodeMeaning(errcode);
    super(
      `WeChat refused an access_token (${operation}): errcode ${errcode} (${errmsg || 'no errmsg'}). ` +
        `${meaning ?? unknownCode(errcode)} Check appId and appSecret, that the AppSecret is not frozen, and ` +
        "that this server's IP is on the account's API IP whitelist.",
      operation,
    );
    this.meaning = meaning;
    this.known = meaning !== undefined;
  }
}

/** WeChat's answer is not what specs/wechat describes: empty, not JSON, or against the schema. */
export class WeChatProtocolError extends WeChatError {
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
      operation,
    );
  }
}

/** WeChat (or a proxy in front of it) answered with an HTTP status other than 2xx. */
export class WeChatHttpError extends WeChatError {
  constructor(
    readonly status: number,
    operation: WeChatOperation,
    readonly bodyExcerpt: string,
  ) {
    super(
      `WeChat answered ${operation} with HTTP ${status} (body ${JSON.stringify(bodyExcerpt)}); WeChat itself always ` +
        'answers 200, so check baseUrl and any proxy in between, then retry.',
      operation,
    );
  }
}

/** No complete answer within the time budget. */
export class WeChatTimeoutError extends WeChatError {
  constructor(
    readonly timeoutMs: number,
    operation: WeChatOperation,
  ) {
    super(
      `WeChat ${operation} did not complete within ${timeoutMs} ms; retry later, or raise the \`timeoutMs\` option.`,
      operation,
    );
  }
}

/** The caller's AbortSignal fired. */
export class WeChatAbortError extends WeChatError {
  constructor(operation: WeChatOperation) {
    super(`WeChat ${operation} was aborted by the caller's AbortSignal.`, operation);
  }
}

/** The request never got an answer: DNS, refused or reset connection, TLS. */
export class WeChatConnectionError extends WeChatError {
  constructor(
    operation: WeChatOperation,
    /** The system error code (`ECONNREFUSED`, `ENOTFOUND`, …) when there is one. */
    readonly code: string | undefined,
    detail: string,
  ) {
    super(
      `Could not reach WeChat for ${operation}: ${detail}${code ? ` (${code})` : ''}. Check baseUrl, DNS and ` +
        'outbound network access, then retry.',
      operation,
    );
  }
}

// WeChat adds codes without notice; an unknown one is a failure WeChat reported, so it is named as
// such instead of being mistaken for a broken answer.
function unknownCode(errcode: number): string {
  return `errcode ${errcode} is an unknown code (not in specs/wechat's KnownErrCode; WeChat's codes are an open set).`;
}

function adviceFor(errcode: number): string {
  switch (errcode) {
    case -1:
      return 'Retry later.';
    case 40001:
    case 40014:
    case 42001:
      return 'The client refreshes the token by itself; if this persists, something else is fetching tokens for this AppID.';
    case 40013:
      return 'Check the appId option.';
    case 41001:
      return 'The access_token did not arrive: check baseUrl and any proxy that rewrites the query string.';
    case 45009:
      return 'The daily quota is used up: retrying today will not help; wait for the reset or have the quota cleared.';
    case 45011:
      return 'Slow down and retry in the next minute.';
    case 48001:
      return "Check that the account has this API's permission and that the token belongs to this account.";
    case 61004:
      return "Add this server's outbound IP to the account's API IP whitelist.";
    case 10120002:
      return 'Check the orderId.';
    default:
      return "See WeChat's error-code documentation and the errmsg (quote its rid to WeChat support).";
  }
}

// On the prototype, not as an instance field: V8 writes the stack header while `super()` runs,
// before instance fields exist, and an own `name` would clutter util.inspect output.
for (const [ctor, name] of [
  [WeChatError, 'WeChatError'],
  [WeChatApiError, 'WeChatApiError'],
  [WeChatBusyError, 'WeChatBusyError'],
  [WeChatAuthError, 'WeChatAuthError'],
  [WeChatTokenError, 'WeChatTokenError'],
  [WeChatProtocolError, 'WeChatProtocolError'],
  [WeChatHttpError, 'WeChatHttpError'],
  [WeChatTimeoutError, 'WeChatTimeoutError'],
  [WeChatAbortError, 'WeChatAbortError'],
  [WeChatConnectionError, 'WeChatConnectionError'],
] as const) {
  Object.defineProperty(ctor.prototype, 'name', { value: name, writable: true, configurable: true });
}
