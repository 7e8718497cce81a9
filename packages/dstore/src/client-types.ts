/** The public shapes of the D-Store client: its options, what it returns, and the raw exchange. */
import type { CallOptions, ClientOptions, ParsedBody } from '@orderkit/core';
import type { components } from './generated/openapi.js';
import type { KeyInput } from './keys.js';

type Success = components['schemas']['InquireOrderDetailSuccess'];

/**
 * The options every orderkit client takes (`baseUrl`, `fetch`, `timeoutMs`, `attemptTimeoutMs`,
 * `retry`), plus D-Store's credentials and clock.
 */
export interface DStoreClientOptions extends ClientOptions {
  /** The POS provider's base URL, without the operation path, e.g. `https://pos.example.com`. */
  baseUrl: string;
  /** The Client-Id agreed between D-Store and the POS provider. */
  clientId: string;
  /** D-Store's RSA private key (PEM or path), to sign requests. */
  privateKey: KeyInput;
  /** The POS provider's RSA public key (PEM or path), to verify answers. */
  posPublicKey: KeyInput;
  /** `keyVersion` written into the Signature header (default 1). */
  keyVersion?: number;
  /** UTC offset of Request-Time in minutes (default: the host's local offset). */
  utcOffsetMinutes?: number;
  /** Clock, replaceable in tests. */
  now?: () => Date;
}

/** Per-call options of `inquireOrderDetail`: `signal`, and overrides of `timeoutMs` and `retry`. */
export type InquireOptions = CallOptions;

/** What an `S` answer says about the order. */
export type InquiredOrder = Pick<Success, 'posOrderId' | 'orderStatus' | 'extendInfo'>;

/** A raw exchange for conformance runs: send exactly these bytes and headers, see exactly what came back. */
export interface SendSignedOptions {
  /** Sent as is: may be malformed JSON on purpose. */
  body: string | Uint8Array;
  /** Default `POST`. A GET or HEAD is sent without body. */
  method?: string;
  /** URL path appended to baseUrl (default the operation path). The signature covers the whole requested path. */
  path?: string;
  /** Client-Id header; `null` omits it. Default: the configured client id. */
  clientId?: string | null;
  /** Request-Time header; `null` omits it (the content is then signed with the current time). */
  requestTime?: string | null;
  /** Signature header as is; `null` omits it. Default: a valid signature of what is sent. */
  signature?: string | null;
  /** Sign these bytes instead of `body`, to produce a signature that does not match. */
  signBody?: string | Uint8Array;
  /** Content-Type; `null` omits it. */
  contentType?: string | null;
  /** Further headers, added last. */
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Budget of this exchange, body read included (default: the client's `timeoutMs`). */
  timeoutMs?: number;
}

export interface SignedExchange {
  status: number;
  headers: Headers;
  /** The response body text, exactly as received. */
  text: string;
  body: ParsedBody;
  signature: {
    /** A Signature header of the documented form was present. */
    present: boolean;
    /** It verifies with the POS public key over Client-Id, Response-Time and the exact body. */
    verified: boolean;
  };
  /** What went out, for reports: headers, and the content that was signed (no secret in either). */
  sent: { headers: Record<string, string>; signedContent: string };
  latencyMs: number;
}

export interface DStoreClient {
  /**
   * Asks the POS provider for an order. Resolves with the order on `S`; throws DStoreBusinessError
   * on `F`, DStoreUnknownError on `U` (retryable), and the transport or protocol errors otherwise.
   * With `retry.maxAttempts` above 1 the retryable answers are retried first (see the README).
   */
  inquireOrderDetail(requestOrderId: string, options?: InquireOptions): Promise<InquiredOrder>;
  /**
   * Sends a (possibly tampered) signed request once and reports the raw answer; throws only on
   * transport failures (timeout, abort, connection).
   */
  sendSigned(options: SendSignedOptions): Promise<SignedExchange>;
  /** The content the client would sign for this body and time, for comparing with the POS side's logs. */
  debugSignedContent(body: string, requestTime: string): string;
}
