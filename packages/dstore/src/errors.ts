import type { ValidationIssue } from '@orderkit/openapi-ajv';
import {
  lookupCode,
  OrderkitAbortError,
  OrderkitAnswerError,
  OrderkitConfigError,
  OrderkitConnectionError,
  OrderkitError,
  OrderkitInputError,
  OrderkitProviderError,
  OrderkitTimeoutError,
  type CodeEntry,
} from '@orderkit/core';
import { codes } from './generated/codes.js';
import type { components } from './generated/openapi.js';

type FailureResult = components['schemas']['FailureResult'];
type UnknownResult = components['schemas']['UnknownResult'];

const PROVIDER = 'dstore';
const OPERATION = 'inquireOrderDetail';
const DSTORE = Symbol('orderkit.dstore');
const table: Readonly<Record<string, CodeEntry>> = codes;

/**
 * Every error this package throws: an `OrderkitError` (from `@orderkit/core`) with provider
 * `'dstore'`, each class below extending the kernel kind it is; `instanceof DStoreError` matches all
 * of them. Errors carry only what is needed to act on them: no key material, no request signature,
 * no option object that could hold a key. `outcomeUnknown` is `outcome === 'unknown'`: `U`, no
 * (complete) answer, or an answer whose signature does not verify — its claimed result must not be
 * acted on.
 */
export abstract class DStoreError extends OrderkitError {
  static [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as { [DSTORE]?: true })[DSTORE] === true;
  }
}

/** A key could not be loaded, or is not a 2048-bit-or-larger RSA key of the expected kind. */
export class DStoreKeyError extends OrderkitConfigError {
  constructor(message: string) {
    super(message, {
      provider: PROVIDER,
      operation: OPERATION,
      hint: 'Give an RSA key of 2048 bits or more, the right half (PEM text, a file path or a KeyObject).',
    });
  }
}

/** Options given to the client or the handler are incomplete or inconsistent. */
export class DStoreConfigError extends OrderkitConfigError {
  constructor(message: string) {
    super(message, { provider: PROVIDER, operation: OPERATION, hint: 'Fix the option the message names.' });
  }
}

/** The inquiry we were asked to send would break the contract, so it was not sent. */
export class DStoreRequestError extends OrderkitInputError {
  constructor(
    message: string,
    readonly issues: ValidationIssue[],
  ) {
    super(message, {
      provider: PROVIDER,
      operation: OPERATION,
      hint: 'Nothing was sent; fix the argument the message names.',
    });
  }
}

/**
 * The POS provider answered `F`: a definite failure. Retryable only where the spec's code table says
 * so (REQUEST_TRAFFIC_EXCEED_LIMIT: slow down, then send again); every other `F` is final.
 */
export class DStoreBusinessError extends OrderkitProviderError {
  constructor(
    readonly resultCode: FailureResult['resultCode'],
    readonly resultMessage: string | undefined,
  ) {
    const info = lookupCode(PROVIDER, table, resultCode);
    super(
      `POS provider answered F/${resultCode}${resultMessage ? `: ${resultMessage}` : ''}. ` +
        (info.retryable
          ? `Nothing was done; ${info.hint}`
          : `This is final; fix the cause named by resultCode (${info.hint}) before sending the inquiry again.`),
      {
        provider: PROVIDER,
        operation: OPERATION,
        code: resultCode,
        hint: info.hint,
        retryable: info.retryable,
        outcome: 'failed',
        known: info.known,
      },
    );
  }
}

/** The POS provider answered `U`: its outcome is unknown, D-Store retries. */
export class DStoreUnknownError extends OrderkitProviderError {
  readonly resultCode: UnknownResult['resultCode'] = 'UNKNOWN_EXCEPTION';

  constructor(readonly resultMessage: string | undefined) {
    const info = lookupCode(PROVIDER, table, 'UNKNOWN_EXCEPTION');
    super(`POS provider answered U/UNKNOWN_EXCEPTION${resultMessage ? `: ${resultMessage}` : ''}. ${info.hint}`, {
      provider: PROVIDER,
      operation: OPERATION,
      code: 'UNKNOWN_EXCEPTION',
      hint: info.hint,
      retryable: info.retryable,
      outcome: info.outcome,
    });
  }
}

/**
 * The answer's signature is missing, malformed or does not verify with the POS public key. Its
 * body is untrusted, so the outcome is unknown (`outcomeUnknown`) whatever result it claims; not
 * retryable, since a wrong key or a signer's bug does not fix itself.
 */
export class DStoreSignatureError extends OrderkitAnswerError {
  constructor(message: string) {
    super(message, {
      provider: PROVIDER,
      operation: OPERATION,
      retryable: false,
      hint: "Do not act on the answer's claimed result; check posPublicKey and the POS provider's signer.",
    });
  }
}

/** The answer is not what the contract describes: wrong HTTP status, not JSON, or off-schema (outcome unknown). */
export class DStoreProtocolError extends OrderkitAnswerError {
  constructor(
    message: string,
    readonly details: { status?: number; issues?: ValidationIssue[]; bodyExcerpt?: string } = {},
    options?: { retryable?: boolean },
  ) {
    const retryable = options?.retryable ?? false;
    super(message, {
      provider: PROVIDER,
      operation: OPERATION,
      retryable,
      hint: retryable
        ? 'The POS endpoint is failing or busy; retry later.'
        : 'The POS endpoint does not answer as the contract says; its operator must fix it.',
    });
  }

  get status(): number | undefined {
    return this.details.status;
  }

  get issues(): ValidationIssue[] {
    return this.details.issues ?? [];
  }
}

/**
 * No complete answer arrived within the call's `timeoutMs` (the whole call: every attempt, backoff
 * and the body read), or within `attemptTimeoutMs` on the last attempt (`scope: 'attempt'`).
 */
export class DStoreTimeoutError extends OrderkitTimeoutError {
  constructor(
    readonly timeoutMs: number,
    readonly scope: 'call' | 'attempt' = 'call',
  ) {
    const option = scope === 'call' ? 'timeoutMs' : 'attemptTimeoutMs';
    super(
      `No answer from the POS provider within ${timeoutMs} ms (${scope === 'call' ? 'the whole call, retries included' : 'the last attempt'}). ` +
        `The outcome is unknown; retry, or raise ${option} if the provider is known to be slow.`,
      {
        provider: PROVIDER,
        operation: OPERATION,
        retryable: true,
        hint: `The POS provider may be slow or unreachable from here: retry later, or raise ${option}.`,
      },
    );
  }
}

/** The connection failed before an answer arrived (DNS, refused, reset, TLS). */
export class DStoreConnectionError extends OrderkitConnectionError {
  constructor(readonly reason: string) {
    super(
      `Could not reach the POS provider: ${reason}. Check baseUrl, DNS and that the endpoint is up, then retry.`,
      // A reset may come after the POS provider acted: what it would have answered is unknown.
      {
        provider: PROVIDER,
        operation: OPERATION,
        retryable: true,
        hint: 'Check baseUrl, DNS and that the endpoint is up, then retry.',
      },
    );
  }
}

/** The caller's own AbortSignal cancelled the call. */
export class DStoreAbortError extends OrderkitAbortError {
  constructor() {
    super('The inquiry was aborted by the caller signal before an answer arrived; nothing to fix unless unintended.', {
      provider: PROVIDER,
      operation: OPERATION,
      hint: "The caller's signal cancelled the call; the outcome is unknown.",
    });
  }
}

// Brands the prototypes (not the instances: nothing extra in inspect or JSON), so that
// `instanceof DStoreError` holds for every class of this package.
for (const ctor of [
  DStoreKeyError,
  DStoreConfigError,
  DStoreRequestError,
  DStoreBusinessError,
  DStoreUnknownError,
  DStoreSignatureError,
  DStoreProtocolError,
  DStoreTimeoutError,
  DStoreConnectionError,
  DStoreAbortError,
]) {
  Object.defineProperty(ctor.prototype, DSTORE, { value: true });
}
