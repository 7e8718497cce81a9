/**
 * Every failure of this package is an OvoparkError. Errors carry only what is needed to act on
 * them — never the secret, the password (plain or MD5), the token, the request or the client —
 * and every text that comes from the wire is redacted by the client before it gets here.
 */
import type { SchemaPosTicket } from './generated/openapi.js';

export class OvoparkError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }

  /** Loggers that JSON-serialize errors get the useful fields instead of `{}`. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, message: this.message };
    for (const [key, value] of Object.entries(this)) out[key] = value;
    return out;
  }
}

/** An argument or option is invalid; nothing was sent. */
export class OvoparkInputError extends OvoparkError {}

interface ApiErrorFields {
  /** The method called (`_mt`). */
  method: string;
  code: string;
  meaning: string;
  /** The gateway's prompt text (`result`), redacted. */
  result?: string | undefined;
  /** The gateway's request id (`stat.cid`), for Ovopark support. */
  cid?: string | undefined;
}

/** The gateway answered with `stat.code` ≠ 0. */
export class OvoparkApiError extends OvoparkError {
  readonly method: string;
  readonly code: string;
  readonly meaning: string;
  readonly result: string | undefined;
  readonly cid: string | undefined;

  constructor(message: string, fields: ApiErrorFields) {
    super(message);
    this.method = fields.method;
    this.code = fields.code;
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

  constructor(message: string, fields: ApiErrorFields & { codename?: string | undefined; attempts: number; signingString: string }) {
    super(message, fields);
    this.signingString = fields.signingString;
  }
}

/** A six-digit business code of the method (`206004` department does not exist, …). */
export class OvoparkBusinessError extends OvoparkApiError {}

/** The answer is not what the contract describes: empty, not JSON, no `stat.code`, or a success that violates the schema. */
export class OvoparkProtocolError extends OvoparkError {
  constructor(
    message: string,
    readonly method: string,
    readonly status: number,
    /** The start of the body, redacted. */
    readonly bodyExcerpt: string,
  ) {
    super(message);
  }
}

/** No complete answer within `timeoutMs`. */
export class OvoparkTimeoutError extends OvoparkError {
  constructor(
    message: string,
    readonly method: string,
    readonly timeoutMs: number,
  ) {
    super(message);
  }
}

/** The request did not reach the gateway, or the connection broke (DNS, refused, reset, TLS). */
export class OvoparkConnectionError extends OvoparkError {
  constructor(
    message: string,
    readonly method: string,
    cause: unknown,
  ) {
    super(message, { cause });
  }
}

/** The caller's AbortSignal fired. */
export class OvoparkAbortError extends OvoparkError {
  constructor(
    message: string,
    readonly method: string,
  ) {
    super(message);
  }
}

export interface RangeWindow {
  startTime: string;
  endTime: string;
}

/** searchPosRange stopped because its next call would have exceeded `callBudget`. */
export class OvoparkBudgetError extends OvoparkError {
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
    );
    this.callBudget = fields.callBudget;
    this.calls = fields.calls;
    this.tickets = fields.tickets;
    this.windowsDone = fields.windowsDone;
    this.windowsTotal = fields.windowsTotal;
    this.incompleteWindows = fields.incompleteWindows;
  }
}
