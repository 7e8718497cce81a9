/**
 * Every failure of this package is an OvoparkError. Errors carry only what is needed to act on
 * them — never the secret, the password (plain or MD5), the token, the request or the client —
 * and every text that comes from the wire is redacted by the client before it gets here.
 */
import {
  OrderkitAbortError,
  OrderkitAnswerError,
  OrderkitConnectionError,
  OrderkitError,
  OrderkitInputError,
  OrderkitProviderError,
  OrderkitTimeoutError,
} from '@orderkit/core';
import type { SchemaPosTicket } from './generated/openapi.js';

/**
 * Every error of this package: an `OrderkitError` (from `@orderkit/core`) with provider
 * `'ovopark'`. Each class below extends the kernel kind it is (input, connection, timeout, abort,
 * invalid answer, provider failure); `instanceof OvoparkError` matches all of them.
 */
export abstract class OvoparkError extends OrderkitError {
  static [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as { [OVOPARK]?: true })[OVOPARK] === true;
  }
}

const OVOPARK = Symbol('orderkit.ovopark');

const PROVIDER = 'ovopark';

/** What to do about each kind that has no provider code (a provider code's hint comes from the spec). */
const HINTS = {
  input: 'Fix the option or argument the message names; nothing was sent.',
  protocol:
    'Check baseUrl (a proxy or a wrong host answers like this); if the gateway answered, quote stat.cid to Ovopark support.',
  timeout:
    'The gateway may be slow or unreachable from here; retry later, or raise timeoutMs (the whole call) or attemptTimeoutMs (one attempt).',
  connection: 'Check baseUrl, DNS and the network; retry later.',
  abort: 'Your signal ended the call; repeat it if it is still wanted.',
  budget: 'Range again over error.incompleteWindows, split the range, or raise callBudget.',
} as const;

/** An argument or option is invalid; nothing was sent. `operation`: the function named in the message. */
export class OvoparkInputError extends OrderkitInputError {
  constructor(message: string, operation = /^([\w.]+): /.exec(message)?.[1] ?? 'createOvoparkClient') {
    super(message, { provider: PROVIDER, operation, hint: HINTS.input });
  }
}

interface ApiErrorFields {
  /** The method called (`_mt`). */
  method: string;
  code: string;
  meaning: string;
  /** The gateway's prompt text (`result`), redacted. */
  result?: string | undefined;
  /** The gateway's request id (`stat.cid`), for Ovopark support. */
  cid?: string | undefined;
  /** From the spec's `x-orderkit-codes` ('unknown code …' for a code it does not describe). */
  hint: string;
  retryable: boolean;
  known: boolean;
}

/** The gateway answered with `stat.code` ≠ 0. */
export class OvoparkApiError extends OrderkitProviderError {
  readonly method: string;
  readonly meaning: string;
  readonly result: string | undefined;
  readonly cid: string | undefined;

  constructor(message: string, fields: ApiErrorFields) {
    super(message, {
      provider: PROVIDER,
      operation: fields.method,
      code: fields.code,
      hint: fields.hint,
      retryable: fields.retryable,
      known: fields.known,
    });
    this.method = fields.method;
    this.meaning = fields.meaning;
    this.result = fields.result;
    this.cid = fields.cid;
  }
}

/** A gateway code (`1`–`17`, `-100`, `-500`, `-999`, or one the spec does not list). */
export class OvoparkGatewayError extends OvoparkApiError {
  /** The code's name from the spec (`KEY_UNLAWFUL`), or the `codename` the gateway sent. */
  readonly codename: string | undefined;
  /** HTTP calls made for this request, retries included. */
  readonly attempts: number;

  constructor(message: string, fields: ApiErrorFields & { codename?: string | undefined; attempts: number }) {
    super(message, fields);
    this.codename = fields.codename;
    this.attempts = fields.attempts;
  }
}

/** `7 SIGN_WRONG`. Not retried: the same inputs sign the same way. */
export class OvoparkSignatureError extends OvoparkGatewayError {
  /** What was hashed, with the secret (and a login's password MD5) shown as `***`. */
  readonly signingString: string;

  constructor(
    message: string,
    fields: ApiErrorFields & { codename?: string | undefined; attempts: number; signingString: string },
  ) {
    super(message, fields);
    this.signingString = fields.signingString;
  }
}

/** A six-digit business code of the method (`206004` department does not exist, …). */
export class OvoparkBusinessError extends OvoparkApiError {}

/** The answer is not what the contract describes: empty, not JSON, no `stat.code`, or a success that violates the schema. */
export class OvoparkProtocolError extends OrderkitAnswerError {
  constructor(
    message: string,
    readonly method: string,
    readonly status: number,
    /** The start of the body, redacted. */
    readonly bodyExcerpt: string,
  ) {
    super(message, { provider: PROVIDER, operation: method, hint: HINTS.protocol });
  }
}

/** No complete answer within `timeoutMs`. */
export class OvoparkTimeoutError extends OrderkitTimeoutError {
  constructor(
    message: string,
    readonly method: string,
    readonly timeoutMs: number,
  ) {
    super(message, { provider: PROVIDER, operation: method, hint: HINTS.timeout });
  }
}

/** The request did not reach the gateway, or the connection broke (DNS, refused, reset, TLS). */
export class OvoparkConnectionError extends OrderkitConnectionError {
  constructor(
    message: string,
    readonly method: string,
    cause: unknown,
  ) {
    super(message, { provider: PROVIDER, operation: method, cause, hint: HINTS.connection });
  }
}

/** The caller's AbortSignal fired. */
export class OvoparkAbortError extends OrderkitAbortError {
  constructor(
    message: string,
    readonly method: string,
  ) {
    super(message, { provider: PROVIDER, operation: method, hint: HINTS.abort });
  }
}

export interface RangeWindow {
  startTime: string;
  endTime: string;
}

/**
 * searchPosRange stopped because its next call would have exceeded `callBudget`: a definite stop
 * (outcome `'failed'`, no provider code) on our side, with what was fetched so far.
 */
export class OvoparkBudgetError extends OrderkitError {
  readonly callBudget: number;
  readonly calls: number;
  /** Every distinct ticket fetched before stopping. */
  readonly tickets: SchemaPosTicket[];
  readonly windowsDone: number;
  readonly windowsTotal: number;
  /** The windows not fetched completely, in time order; range again over these to finish. */
  readonly incompleteWindows: RangeWindow[];

  constructor(fields: {
    callBudget: number;
    calls: number;
    tickets: SchemaPosTicket[];
    windowsDone: number;
    windowsTotal: number;
    incompleteWindows: RangeWindow[];
  }) {
    const first = fields.incompleteWindows[0];
    const last = fields.incompleteWindows[fields.incompleteWindows.length - 1];
    super(
      `searchPosRange stopped before its next call would exceed callBudget ${fields.callBudget} ` +
        `(${fields.calls} searchPos calls made, retries included). It fetched ${fields.tickets.length} tickets ` +
        `and completed ${fields.windowsDone} of ${fields.windowsTotal} one-hour windows; error.tickets holds them. ` +
        (first && last
          ? `To finish, range again from '${first.startTime}' to '${last.endTime}' ` +
            `(or over error.incompleteWindows), split into narrower ranges, or raise callBudget — ` +
            `the platform allows 300 calls (code 208017).`
          : 'Raise callBudget or narrow the range.'),
      { provider: PROVIDER, operation: 'searchPosRange', retryable: true, hint: HINTS.budget },
    );
    this.callBudget = fields.callBudget;
    this.calls = fields.calls;
    this.tickets = fields.tickets;
    this.windowsDone = fields.windowsDone;
    this.windowsTotal = fields.windowsTotal;
    this.incompleteWindows = fields.incompleteWindows;
  }
}

// Brands the prototypes (not the instances: nothing extra shows in inspect or JSON), so
// `instanceof OvoparkError` holds for every class above and its instances.
for (const ctor of [
  OvoparkInputError,
  OvoparkApiError,
  OvoparkProtocolError,
  OvoparkTimeoutError,
  OvoparkConnectionError,
  OvoparkAbortError,
  OvoparkBudgetError,
]) {
  Object.defineProperty(ctor.prototype, OVOPARK, { value: true });
}
