import type { KeyInput } from '../keys.js';
import type { Lookup } from './lookup.js';
import type { InquiryOutcome } from './outcome.js';
import type { RateLimitOptions } from './rate-limit.js';

export interface InquireOrderDetailHandlerOptions {
  /** The Client-Id agreed with D-Store: requests must carry it, answers carry it. */
  clientId: string;
  /** D-Store's RSA public key (PEM or path), to verify requests. */
  dstorePublicKey: KeyInput;
  /** The POS provider's RSA private key (PEM or path), to sign answers. */
  posPrivateKey: KeyInput;
  /** Finds the order D-Store asks about; `null` when there is none. Honour `signal` to stop work on timeout. */
  lookup: Lookup;
  /** Budget of one lookup in ms (default 3000). Past it the answer is U/UNKNOWN_EXCEPTION and D-Store retries. */
  timeoutMs?: number;
  /** Accepted distance between Request-Time and this server's clock, in ms (default 5 minutes). */
  requestTimeToleranceMs?: number;
  /** Largest accepted body in bytes (default 64 KiB). */
  maxBodyBytes?: number;
  /** `keyVersion` written into the answer's Signature header (default 1). */
  keyVersion?: number;
  /** UTC offset of Response-Time in minutes (default: the host's local offset). */
  utcOffsetMinutes?: number;
  /** Clock, replaceable in tests. */
  now?: () => Date;
  /** Called once per answer; exceptions it throws are swallowed. */
  onOutcome?: (event: InquiryOutcome) => void;
  /**
   * Admission rate (token bucket), checked before anything else — before the body is read and
   * before any crypto. Over it: F/REQUEST_TRAFFIC_EXCEED_LIMIT. Default: no rate limit.
   */
  rateLimit?: RateLimitOptions;
  /** Inquiries in progress at once (default 64); one more is shed with F/REQUEST_TRAFFIC_EXCEED_LIMIT. */
  maxConcurrent?: number;
}
