import { sign as rsaSign, verify as rsaVerify, type KeyObject } from 'node:crypto';
import type { paths } from './generated/openapi.js';

/** The only operation of the contract; its method and path are part of every signed content. */
export const SIGNED_METHOD = 'POST';
export const SIGNED_PATH = '/v2/pos/inquireOrderDetail' satisfies keyof paths;
export const SIGNATURE_ALGORITHM = 'RSA256';

/**
 * The path a signature covers: the path of the request as sent, query excluded (the Alipay+ SDKs
 * sign `<METHOD> <path>`). Falls back to the operation path for a URL that does not parse.
 */
export function requestPath(url: string): string {
  try {
    return new URL(url).pathname || SIGNED_PATH;
  } catch {
    return SIGNED_PATH;
  }
}

/** What goes into one signature. `time` is the Request-Time or Response-Time header, verbatim. */
export interface SignedParts {
  clientId: string;
  time: string;
  /** The exact body sent: a string is taken as its UTF-8 bytes. */
  body: string | Uint8Array;
  method?: string;
  path?: string;
}

export interface ParsedSignatureHeader {
  algorithm: typeof SIGNATURE_ALGORITHM;
  /** `undefined` when the header names none: the signer's latest key (docs.alipayplus.com API overview). */
  keyVersion: number | undefined;
  /** The raw signature bytes (base64- and URL-decoded). */
  signature: Buffer;
}

/**
 * The exact content that is (or was) signed, as text, for debugging INVALID_SIGNATURE: compare it
 * byte for byte with what the other side signed. It holds no secret.
 */
export function signedContent(parts: SignedParts): string {
  return contentBytes(parts).toString('utf8');
}

/** `${METHOD} ${PATH}\n${clientId}.${time}.${body}` as bytes; the body is never re-serialized. */
export function contentBytes(parts: SignedParts): Buffer {
  const head = `${parts.method ?? SIGNED_METHOD} ${parts.path ?? SIGNED_PATH}\n${parts.clientId}.${parts.time}.`;
  if (typeof parts.body === 'string') return Buffer.from(head + parts.body, 'utf8');
  return Buffer.concat([Buffer.from(head, 'utf8'), parts.body]);
}

/** RSA-SHA256 (PKCS#1 v1.5) signature of the content, base64 then URL-encoded. */
export function signContent(parts: SignedParts, privateKey: KeyObject): string {
  return encodeURIComponent(rsaSign('sha256', contentBytes(parts), privateKey).toString('base64'));
}

export function formatSignatureHeader(signatureValue: string, keyVersion = 1): string {
  return `algorithm=${SIGNATURE_ALGORITHM},keyVersion=${keyVersion},signature=${signatureValue}`;
}

/** Signs `parts` and returns the complete `Signature` header value. */
export function signatureHeader(parts: SignedParts, privateKey: KeyObject, keyVersion = 1): string {
  return formatSignatureHeader(signContent(parts, privateKey), keyVersion);
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const FIELDS = new Set(['algorithm', 'keyVersion', 'signature']);
/** A whole Signature header rather than a bare value: it has a `signature=` field (a base64 value has no comma or space). */
const HEADER_LIKE = /(^|,)\s*signature\s*=/;

/**
 * Lenient parse of a received Signature header, as the Alipay+ API overview describes it
 * (docs.alipayplus.com, e.g. `algorithm=RSA256, keyVersion=0, signature=…`): fields split on `,`,
 * each on its first `=`, spaces around both trimmed; `keyVersion` optional (the signer's latest
 * key); the algorithm value case-insensitive. Each field at most once, no unknown field, and the
 * algorithm must be RSA256. The value may be URL-encoded or plain base64. What we send stays the
 * compact form of `formatSignatureHeader`. Returns `null` for anything else; never throws.
 */
export function parseSignatureHeader(header: string | null | undefined): ParsedSignatureHeader | null {
  if (typeof header !== 'string' || header.length === 0 || header.length > 4096) return null;
  const fields = new Map<string, string>();
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) return null;
    const key = part.slice(0, eq).trim();
    if (!FIELDS.has(key) || fields.has(key)) return null;
    fields.set(key, part.slice(eq + 1).trim());
  }
  if (fields.get('algorithm')?.toUpperCase() !== SIGNATURE_ALGORITHM) return null;
  const version = fields.get('keyVersion');
  if (version !== undefined && !/^\d{1,9}$/.test(version)) return null;
  const signature = decodeSignatureValue(fields.get('signature') ?? '');
  if (!signature) return null;
  return { algorithm: SIGNATURE_ALGORITHM, keyVersion: version === undefined ? undefined : Number(version), signature };
}

function decodeSignatureValue(value: string): Buffer | null {
  let base64 = value;
  if (value.includes('%')) {
    try {
      base64 = decodeURIComponent(value);
    } catch {
      return null;
    }
  }
  if (!BASE64.test(base64) || base64.length % 4 !== 0) return null;
  return Buffer.from(base64, 'base64');
}

/**
 * Whether `signature` (a full Signature header, a URL-encoded value or plain base64) is a valid
 * RSA-SHA256 signature of `parts` under `publicKey`. Returns false on any garbage; never throws.
 */
export function verifyContent(parts: SignedParts, signature: string | null | undefined, publicKey: KeyObject): boolean {
  try {
    if (typeof signature !== 'string') return false;
    const bytes = HEADER_LIKE.test(signature)
      ? parseSignatureHeader(signature)?.signature
      : decodeSignatureValue(signature.trim());
    return bytes ? verifySignatureBytes(parts, bytes, publicKey) : false;
  } catch {
    return false;
  }
}

/** As verifyContent, for a signature already decoded by parseSignatureHeader (saves a second parse). */
export function verifySignatureBytes(parts: SignedParts, signature: Uint8Array, publicKey: KeyObject): boolean {
  try {
    return signature.length > 0 && rsaVerify('sha256', contentBytes(parts), publicKey, signature);
  } catch {
    return false;
  }
}

const TIME_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|([+-])(\d{2}):(\d{2}))$/;

/**
 * ISO 8601 with offset and whole seconds, e.g. `2023-08-28T22:16:07+08:00`. The offset defaults to
 * the host's local offset; pass `offsetMinutes` (e.g. 480 for +08:00) to pin it.
 */
export function formatMessageTime(date: Date = new Date(), offsetMinutes?: number): string {
  const offset = offsetMinutes ?? -date.getTimezoneOffset();
  const shifted = new Date(Math.floor(date.getTime() / 1000) * 1000 + offset * 60_000);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return (
    `${pad(shifted.getUTCFullYear(), 4)}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}` +
    `T${pad(shifted.getUTCHours())}:${pad(shifted.getUTCMinutes())}:${pad(shifted.getUTCSeconds())}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

/** Epoch milliseconds as alipay/global-open-sdk-java sends Request-Time (`DateTool.getCurrentTimeMillis`). */
const EPOCH_MILLIS_RE = /^\d{1,16}$/;

/**
 * Epoch milliseconds of a Request-Time / Response-Time value, or `null` when it is neither of the
 * accepted forms: ISO 8601 with an offset or `Z` (what we send; the Python SDK sends UTC ISO) or
 * epoch milliseconds as digits (the Java SDK). An impossible date is `null` too (Date.parse would
 * roll 02-30 over into March). The signature covers the raw string, whichever form it has.
 */
export function parseMessageTime(value: string | null | undefined): number | null {
  if (typeof value !== 'string') return null;
  if (EPOCH_MILLIS_RE.test(value)) return Number(value);
  const m = TIME_RE.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, zone, sign, oh, om] = m;
  const fields = [y, mo, d, h, mi, s].map(Number) as [number, number, number, number, number, number];
  const local = Date.UTC(fields[0], fields[1] - 1, fields[2], fields[3], fields[4], fields[5]);
  const check = new Date(local);
  if (
    check.getUTCFullYear() !== fields[0] ||
    check.getUTCMonth() !== fields[1] - 1 ||
    check.getUTCDate() !== fields[2] ||
    check.getUTCHours() !== fields[3] ||
    check.getUTCMinutes() !== fields[4] ||
    check.getUTCSeconds() !== fields[5]
  ) {
    return null;
  }
  let offset = 0;
  if (zone !== 'Z') {
    if (Number(oh) > 23 || Number(om) > 59) return null;
    offset = (Number(oh) * 60 + Number(om)) * (sign === '-' ? -1 : 1);
  }
  const millis = frac ? Math.floor(Number(`0${frac}`) * 1000) : 0;
  return local - offset * 60_000 + millis;
}
