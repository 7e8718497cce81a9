import type { KeyObject } from 'node:crypto';
import type { Contract } from '../contract.js';
import {
  formatMessageTime,
  parseMessageTime,
  parseSignatureHeader,
  SIGNED_PATH,
  verifySignatureBytes,
} from '../signature.js';
import { type Failure, fail } from './decision.js';
import { memoByText } from './memo.js';

/**
 * Two companies' servers disagree on the time by seconds to minutes even with NTP; a window of
 * ±5 minutes absorbs that while still refusing a captured request replayed later.
 */
export const DEFAULT_REQUEST_TIME_TOLERANCE_MS = 5 * 60_000;

/** Where the verifier reads headers: a Fetch `Headers`, or any lookup by lower-case name. */
export interface HeaderSource {
  get(name: string): string | null;
}

export interface VerifierOptions {
  /** The Client-Id agreed with D-Store. */
  clientId: string;
  dstorePublicKey: KeyObject;
}

/** A request signed by D-Store: `path` is the one its signature covers, which the answer's must cover too. */
export interface Verified {
  kind: 'verified';
  path: string;
  /** The Request-Time header as sent; `createTimeWindow` checks it. */
  requestTime: string;
}

/**
 * Checks that a request comes from D-Store, in the documented order: Client-Id, Request-Time and
 * Signature present, then the signature over the exact body bytes. `path` is the requested path.
 * Request-Time's value is checked after this (`createTimeWindow`), so a stale unsigned request
 * learns nothing.
 */
export function createVerifier(
  options: VerifierOptions,
): (headers: HeaderSource, raw: Uint8Array, path: string) => Verified | Failure {
  const { clientId, dstorePublicKey } = options;

  /**
   * Verifies over the requested path first. The Alipay SDKs sign the API path they were given and
   * send it to `gatewayUrl + path` (alipay/global-open-sdk-java BaseAlipayClient, -python
   * default_alipay_client), so a sender configured with a prefixed base URL signs the operation
   * path alone: that is tried second, for a requested path that ends in the operation path.
   */
  function signedPath(path: string, time: string, raw: Uint8Array, signature: Uint8Array): string | null {
    if (verifySignatureBytes({ clientId, time, body: raw, path }, signature, dstorePublicKey)) return path;
    if (path === SIGNED_PATH || !path.endsWith(SIGNED_PATH)) return null;
    if (!verifySignatureBytes({ clientId, time, body: raw }, signature, dstorePublicKey)) return null;
    return SIGNED_PATH;
  }

  return (headers, raw, path) => {
    const sentClientId = headers.get('client-id');
    if (!sentClientId) return fail('PARAM_ILLEGAL', 'Client-Id: header is required');
    if (sentClientId !== clientId) {
      return fail('ACCESS_DENIED', 'Client-Id: not the client id agreed with this POS provider');
    }
    const requestTime = headers.get('request-time');
    if (!requestTime) return fail('PARAM_ILLEGAL', 'Request-Time: header is required');
    const signature = headers.get('signature');
    if (!signature) return fail('INVALID_SIGNATURE', 'Signature: header is required');
    const parsed = parseSignatureHeader(signature);
    if (!parsed) {
      return fail('INVALID_SIGNATURE', 'Signature: expected algorithm=RSA256,keyVersion=<n>,signature=<value>');
    }
    const verifiedPath = signedPath(path, requestTime, raw, parsed.signature);
    if (verifiedPath === null) return fail('INVALID_SIGNATURE', 'signature verification failed');
    return { kind: 'verified', path: verifiedPath, requestTime };
  };
}

/** Refuses a Request-Time that does not parse or lies more than `toleranceMs` from `now()`. */
export function createTimeWindow(options: {
  toleranceMs: number;
  now: () => Date;
  rules: Contract;
}): (requestTime: string) => Failure | null {
  const { toleranceMs, now, rules } = options;
  // Requests of the same second carry the same Request-Time.
  const parse = memoByText((t) => (rules.validateRequestTime(t) ? parseMessageTime(t) : null), 64, 64);
  return (requestTime) => {
    const sentAt = parse(requestTime);
    if (sentAt === null) {
      return fail(
        'PARAM_ILLEGAL',
        'Request-Time: expected ISO 8601 with offset (e.g. 2023-08-28T22:16:07+08:00) or epoch milliseconds',
      );
    }
    const serverNow = now().getTime();
    if (Math.abs(serverNow - sentAt) <= toleranceMs) return null;
    return fail(
      'PARAM_ILLEGAL',
      `Request-Time: must be within ±${Math.round(toleranceMs / 1000)} s of the server time ` +
        `(server time ${formatMessageTime(new Date(serverNow), 0)}); check the sender's clock`,
    );
  };
}
