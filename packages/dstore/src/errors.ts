import type { ValidationIssue } from '@orderkit/openapi-ajv';
import type { components } from './generated/openapi.js';

type FailureResult = components['schemas']['FailureResult'];
type UnknownResult = components['schemas']['UnknownResult'];

/**
 * Base class of every error this package throws. Errors carry only what is needed to act on
 * them: no key material, no request signature, no option object that could hold a key.
 */
export class DStoreError extends Error {
  /** Whether sending the same inquiry again may give a different answer. */
  readonly retryable: boolean = false;
  /**
   * Whether nobody can say what the POS provider's answer was: `U`, no (complete) answer, or an
   * answer whose signature does not verify — its claimed result must not be acted on.
   */
  readonly outcomeUnknown: boolean = false;

  constructor(message: string, options?: { retryable?: boolean; outcomeUnknown?: boolean }) {
    super(message);
    this.name = new.target.name;
    if (options?.retryable !== undefined) this.retryable = options.retryable;
    if (options?.outcomeUnknown !== undefined) this.outcomeUnknown = options.outcomeUnknown;
  }

  /** Loggers that JSON-serialize errors get the useful fields instead of `{}`. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, message: this.message };
    for (const [key, value] of Object.entries(this)) out[key] = value;
    return out;
  }
}

/** A key could not be loaded, or is not a 2048-bit-or-larger RSA key of the expected kind. */
export class DStoreKeyError extends DStoreError {}

/** Options given to the client or the handler are incomplete or inconsistent. */
export class DStoreConfigError extends DStoreError {}

/** The inquiry we were asked to send would break the contract, so it was not sent. */
export class DStoreRequestError extends DStoreError {
  constructor(
    message: string,
    readonly issues: ValidationIssue[],
  ) {
    super(message);
  }
}

/** The POS provider answered `F`: a definite failure that D-Store must not retry. */
export class DStoreBusinessError extends DStoreError {
  constructor(
    readonly resultCode: FailureResult['resultCode'],
    readonly resultMessage: string | undefined,
  ) {
    super(
      `POS provider answered F/${resultCode}${resultMessage ? `: ${resultMessage}` : ''}. ` +
        `This is final; fix the cause named by resultCode (${hintFor(resultCode)}) before sending the inquiry again.`,
      { retryable: false },
    );
  }
}

/** The POS provider answered `U`: its outcome is unknown, D-Store retries. */
export class DStoreUnknownError extends DStoreError {
  readonly resultCode: UnknownResult['resultCode'] = 'UNKNOWN_EXCEPTION';

  constructor(readonly resultMessage: string | undefined) {
    super(
      `POS provider answered U/UNKNOWN_EXCEPTION${resultMessage ? `: ${resultMessage}` : ''}. ` +
        'The outcome is unknown; retry the inquiry after a short delay.',
      { retryable: true, outcomeUnknown: true },
    );
  }
}

/**
 * The answer's signature is missing, malformed or does not verify with the POS public key. Its
 * body is untrusted, so the outcome is unknown (`outcomeUnknown`) whatever result it claims; not
 * retryable, since a wrong key or a signer's bug does not fix itself.
 */
export class DStoreSignatureError extends DStoreError {
  constructor(message: string) {
    super(message, { retryable: false, outcomeUnknown: true });
  }
}

/** The answer is not what the contract describes: wrong HTTP status, not JSON, or off-schema. */
export class DStoreProtocolError extends DStoreError {
  constructor(
    message: string,
    readonly details: { status?: number; issues?: ValidationIssue[]; bodyExcerpt?: string } = {},
    options?: { retryable?: boolean },
  ) {
    super(message, options);
  }

  get status(): number | undefined {
    return this.details.status;
  }

  get issues(): ValidationIssue[] {
    return this.details.issues ?? [];
  }
}

/** No complete answer arrived within the client's timeout. */
export class DStoreTimeoutError extends DStoreError {
  constructor(readonly timeoutMs: number) {
    super(
      `No answer from the POS provider within ${timeoutMs} ms. ` +
        'The outcome is unknown; retry, or raise timeoutMs if the provider is known to be slow.',
      { retryable: true, outcomeUnknown: true },
    );
  }
}

/** The connection failed before an answer arrived (DNS, refused, reset, TLS). */
export class DStoreConnectionError extends DStoreError {
  constructor(readonly reason: string) {
    super(
      `Could not reach the POS provider: ${reason}. Check baseUrl, DNS and that the endpoint is up, then retry.`,
      // A reset may come after the POS provider acted: what it would have answered is unknown.
      { retryable: true, outcomeUnknown: true },
    );
  }
}

/** The caller's own AbortSignal cancelled the call. */
export class DStoreAbortError extends DStoreError {
  constructor() {
    super('The inquiry was aborted by the caller signal before an answer arrived; nothing to fix unless unintended.', { outcomeUnknown: true });
  }
}

function hintFor(code: FailureResult['resultCode']): string {
  switch (code) {
    case 'PROCESS_FAIL':
      return 'business failure, e.g. unknown order';
    case 'PARAM_ILLEGAL':
      return 'a header or body field is wrong, the message names it';
    case 'INVALID_API':
      return 'wrong method or endpoint';
    case 'INVALID_SIGNATURE':
      return 'check the content to sign, the private key and the public key registered with the POS provider';
    case 'ACCESS_DENIED':
      return 'the Client-Id is not the one agreed with the POS provider';
    case 'REQUEST_TRAFFIC_EXCEED_LIMIT':
      return 'slow down';
  }
}
