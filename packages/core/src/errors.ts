/**
 * One error model for every provider client. Each error says which provider and operation failed,
 * the provider's own code when it gave one, whether the outcome is known (`'failed'`: the provider
 * said no, or nothing was sent) or not (`'unknown'`: timeout, connection, an answer we cannot read
 * or verify), whether repeating the call may help, and a hint taken from the spec.
 *
 * Errors carry only what is needed to act on them. Messages are built from text the client has
 * already redacted; no error keeps a request, a response, a client or an options object.
 */

/** A provider's id as registered (the name of its `specs/<id>/` folder); the kernel knows no list. */
export type ProviderName = string;

/** `'failed'`: a definite no (the provider said so, or nothing was sent). `'unknown'`: nobody can say. */
export type Outcome = 'failed' | 'unknown';

export interface OrderkitErrorFields {
  provider: ProviderName;
  /** The spec's operationId (or the gateway method) of the call that failed. */
  operation: string;
  /** The provider's code, as a string, when the provider gave one. */
  code?: string | undefined;
  outcome?: Outcome;
  retryable?: boolean;
  /** What the code means and what to do, from the spec's code metadata. */
  hint?: string | undefined;
  cause?: unknown;
}

export class OrderkitError extends Error {
  readonly provider: ProviderName;
  readonly operation: string;
  readonly code: string | undefined;
  readonly outcome: Outcome;
  readonly retryable: boolean;
  readonly hint: string | undefined;

  constructor(message: string, fields: OrderkitErrorFields) {
    // `name` is set one way for the whole tree: the class's own name, on its prototype (not an own
    // field, so util.inspect stays uncluttered), before `super()` so the stack header has it too.
    const proto = new.target.prototype as { name?: string };
    if (!Object.hasOwn(proto, 'name')) {
      Object.defineProperty(proto, 'name', { value: new.target.name, writable: true, configurable: true });
    }
    super(message, fields.cause === undefined ? undefined : { cause: fields.cause });
    this.provider = fields.provider;
    this.operation = fields.operation;
    this.code = fields.code;
    this.outcome = fields.outcome ?? (new.target as unknown as { defaultOutcome: Outcome }).defaultOutcome;
    this.retryable = fields.retryable ?? (new.target as unknown as { defaultRetryable: boolean }).defaultRetryable;
    this.hint = fields.hint;
  }

  /** The outcome a kind has when the thrower does not say otherwise. */
  static defaultOutcome: Outcome = 'failed';
  /** Whether a kind is worth repeating when the thrower does not say otherwise. */
  static defaultRetryable = false;

  /** Whether the call's effect at the provider is unknown (`outcome === 'unknown'`). */
  get outcomeUnknown(): boolean {
    return this.outcome === 'unknown';
  }

  /** Loggers that JSON-serialize errors get the useful fields instead of `{}`; never the `cause`. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, message: this.message };
    for (const [key, value] of Object.entries(this)) if (key !== 'cause' && key !== 'name') out[key] = value;
    return out;
  }
}

/** An argument or option is invalid; nothing was sent. */
export class OrderkitInputError extends OrderkitError {}

/** The client's configuration (keys, credentials, URLs) is missing or inconsistent; nothing was sent. */
export class OrderkitConfigError extends OrderkitError {}

/** The connection failed before an answer arrived (DNS, refused, reset, TLS): the outcome is unknown. */
export class OrderkitConnectionError extends OrderkitError {
  static override defaultOutcome: Outcome = 'unknown';
  static override defaultRetryable = true;
}

/** No complete answer within the time budget: the outcome is unknown. */
export class OrderkitTimeoutError extends OrderkitError {
  static override defaultOutcome: Outcome = 'unknown';
  static override defaultRetryable = true;
}

/** The caller's AbortSignal cancelled the call; if it had been sent, its outcome is unknown. */
export class OrderkitAbortError extends OrderkitError {
  static override defaultOutcome: Outcome = 'unknown';
}

/**
 * The answer is not what the contract describes (wrong status, not JSON, off-schema) or cannot be
 * trusted (a signature that does not verify): whatever it claims, the outcome is unknown.
 */
export class OrderkitAnswerError extends OrderkitError {
  static override defaultOutcome: Outcome = 'unknown';
}

/** The provider answered with a failure code. `code` is set; `hint` comes from the spec. */
export class OrderkitProviderError extends OrderkitError {
  declare readonly code: string;
  /** Whether the spec knows `code` (some providers' code sets are open: the spec lists the known ones). */
  readonly known: boolean;

  constructor(message: string, fields: OrderkitErrorFields & { code: string; known?: boolean }) {
    super(message, fields);
    this.known = fields.known ?? true;
  }
}

/** What the spec says about one provider code (`packages/<provider>/src/generated/codes.ts`). */
export interface CodeEntry {
  /** The code's name (`x-enum-varnames`), e.g. `INVALID_SIGNATURE`; absent when the spec names none. */
  readonly name?: string;
  /** The code's meaning (`x-enumDescriptions`). */
  readonly meaning: string;
  readonly outcome: Outcome;
  readonly retryable: boolean;
  /** What to do about it (`x-orderkit-codes`). */
  readonly hint: string;
}

/** A code the spec does not describe: still a failure the provider reported, never a broken answer. */
export function unknownCodeEntry(provider: ProviderName, code: string): CodeEntry {
  return {
    meaning: `unknown code ${code} (not in specs/${provider}; the provider's code set is open)`,
    outcome: 'failed',
    retryable: false,
    hint: `unknown code ${code}: not described by specs/${provider}; see the provider's message and documentation`,
  };
}

/** Looks a code up in a generated table; a code the spec does not know gets the 'unknown code' entry. */
export function lookupCode(
  provider: ProviderName,
  table: Readonly<Record<string, CodeEntry>>,
  code: string | number,
): CodeEntry & { known: boolean } {
  const key = String(code);
  const entry = Object.hasOwn(table, key) ? table[key] : undefined;
  return entry ? { ...entry, known: true } : { ...unknownCodeEntry(provider, key), known: false };
}

/** Whether an error (from any client of this kit) left the outcome unknown. */
export const isOutcomeUnknown = (error: unknown): boolean =>
  error instanceof OrderkitError && error.outcome === 'unknown';
