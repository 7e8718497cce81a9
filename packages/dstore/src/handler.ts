import { deadline, isTimeout } from '@orderkit/core';
import type { components } from './generated/openapi.js';
import { contract, describe } from './contract.js';
import { DStoreConfigError } from './errors.js';
import { loadPrivateKey, loadPublicKey, type KeyInput } from './keys.js';
import {
  formatMessageTime,
  parseMessageTime,
  parseSignatureHeader,
  requestPath,
  signatureHeader,
  SIGNED_PATH,
  verifySignatureBytes,
} from './signature.js';

type Answer = components['schemas']['InquireOrderDetailResponse'];
type Success = components['schemas']['InquireOrderDetailSuccess'];
type FailureResult = components['schemas']['FailureResult'];
type ResultStatus = components['schemas']['ResultStatus'];
type ResultCode = components['schemas']['ResultCode'];
type InquiryRequest = components['schemas']['InquireOrderDetailRequest'];

/** Well under D-Store's 8 s, leaving room for the network both ways and for signing. */
export const DEFAULT_LOOKUP_TIMEOUT_MS = 3_000;
/**
 * Two companies' servers disagree on the time by seconds to minutes even with NTP; a window of
 * ±5 minutes absorbs that while still refusing a captured request replayed later.
 */
export const DEFAULT_REQUEST_TIME_TOLERANCE_MS = 5 * 60_000;
/** An inquiry is one id of at most 255 characters; 64 KiB is generous and still bounds memory. */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;
/**
 * Inquiries being worked on at once (body read, verify, lookup, sign). Past it the handler sheds
 * with F/REQUEST_TRAFFIC_EXCEED_LIMIT instead of queueing: each waiting request holds a socket and
 * its body, so an unbounded queue is unbounded memory and ever-growing latency.
 */
export const DEFAULT_MAX_CONCURRENT = 64;

/** A token bucket: `requestsPerSecond` refill, at most `burst` (default: one second's worth) at once. */
export interface RateLimitOptions {
  /** Sustained rate admitted, in requests per second (> 0). */
  requestsPerSecond: number;
  /** Requests admitted at once after a quiet period (default: `requestsPerSecond`, at least 1). */
  burst?: number;
}

const RESULT_MESSAGE_MAX = 256;
const CONTENT_TYPE = 'application/json; charset=UTF-8';

/** What `lookup` returns for a known order; anything else it returns is ignored. */
export type FoundOrder = Pick<Success, 'posOrderId' | 'orderStatus'> & { extendInfo?: Success['extendInfo'] | null };

/** One answered inquiry, for an audit log. Holds no key, signature or lookup error text. */
export interface InquiryOutcome {
  /** Present once the body was read and valid. */
  requestOrderId?: string;
  resultStatus: ResultStatus;
  resultCode: ResultCode;
  resultMessage: string;
  latencyMs: number;
}

export interface InquireOrderDetailHandlerOptions {
  /** The Client-Id agreed with D-Store: requests must carry it, answers carry it. */
  clientId: string;
  /** D-Store's RSA public key (PEM or path), to verify requests. */
  dstorePublicKey: KeyInput;
  /** The POS provider's RSA private key (PEM or path), to sign answers. */
  posPrivateKey: KeyInput;
  /** Finds the order D-Store asks about; `null` when there is none. Honour `signal` to stop work on timeout. */
  lookup: (requestOrderId: string, context: { signal: AbortSignal }) => Promise<FoundOrder | null>;
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

type Decision =
  | { kind: 'answer'; answer: Answer; requestOrderId?: string }
  | {
      kind: 'fail';
      code: FailureResult['resultCode'];
      message: string;
      requestOrderId?: string;
      closeConnection?: boolean;
    }
  | { kind: 'unknown'; message: string; requestOrderId?: string };

class BodyTooLarge extends Error {}

/**
 * The path both signatures cover: the path of the actual request (a deployment behind a path
 * prefix signs and verifies `/prefix/v2/pos/inquireOrderDetail`). `decide` switches it to the
 * operation path when only that verifies (see there), so the answer is signed as the request was.
 */
interface Exchange {
  path: string;
}

/**
 * The POS side of inquireOrderDetail as a Fetch API handler: `(Request) => Promise<Response>`.
 * It never throws; every answer is an HTTP 200 JSON body that validates against the contract and is
 * signed with the POS private key.
 */
export function createInquireOrderDetailHandler(
  options: InquireOrderDetailHandlerOptions,
): (request: globalThis.Request) => Promise<Response> {
  if (!options.clientId)
    throw new DStoreConfigError('createInquireOrderDetailHandler needs clientId: the Client-Id agreed with D-Store.');
  if (typeof options.lookup !== 'function') {
    throw new DStoreConfigError(
      'createInquireOrderDetailHandler needs lookup(requestOrderId, { signal }) returning the order or null.',
    );
  }
  const dstorePublicKey = loadPublicKey(options.dstorePublicKey, 'D-Store public key (dstorePublicKey)');
  const posPrivateKey = loadPrivateKey(options.posPrivateKey, 'POS provider private key (posPrivateKey)');
  const { clientId, lookup } = options;
  const timeoutMs = options.timeoutMs ?? DEFAULT_LOOKUP_TIMEOUT_MS;
  const tolerance = options.requestTimeToleranceMs ?? DEFAULT_REQUEST_TIME_TOLERANCE_MS;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const keyVersion = options.keyVersion ?? 1;
  const now = options.now ?? (() => new Date());
  const maxConcurrent = options.maxConcurrent ?? DEFAULT_MAX_CONCURRENT;
  if (!Number.isInteger(maxConcurrent) || maxConcurrent < 1) {
    throw new DStoreConfigError(`maxConcurrent must be a positive integer (got ${String(options.maxConcurrent)}).`);
  }
  const admit = options.rateLimit ? tokenBucket(options.rateLimit, now) : () => true;
  let inFlight = 0;
  const rules = contract();

  /**
   * Verifies over the requested path first. The Alipay SDKs sign the API path they were given and
   * send it to `gatewayUrl + path` (alipay/global-open-sdk-java BaseAlipayClient, -python
   * default_alipay_client), so a sender configured with a prefixed base URL signs the operation
   * path alone: that is tried second, for a requested path that ends in the operation path.
   */
  function verifies(exchange: Exchange, time: string, raw: Uint8Array, signature: Uint8Array): boolean {
    if (verifySignatureBytes({ clientId, time, body: raw, path: exchange.path }, signature, dstorePublicKey))
      return true;
    if (exchange.path === SIGNED_PATH || !exchange.path.endsWith(SIGNED_PATH)) return false;
    if (!verifySignatureBytes({ clientId, time, body: raw }, signature, dstorePublicKey)) return false;
    exchange.path = SIGNED_PATH;
    return true;
  }

  async function decide(request: globalThis.Request, exchange: Exchange): Promise<Decision> {
    if (request.method.toUpperCase() !== 'POST') {
      return {
        kind: 'fail',
        code: 'INVALID_API',
        message: `method ${clip(request.method, 16)} is not supported; inquireOrderDetail is POST only`,
      };
    }
    let raw: Uint8Array;
    try {
      raw = await readLimited(request, maxBodyBytes);
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        // The rest of the body stays unread: the answer says `Connection: close`, so a keep-alive client
        // does not send its next request on a connection the server is about to drop.
        return {
          kind: 'fail',
          code: 'PARAM_ILLEGAL',
          message: `body: larger than ${maxBodyBytes} bytes`,
          closeConnection: true,
        };
      }
      return { kind: 'unknown', message: 'the request body could not be read completely' };
    }
    const headers = request.headers;
    const sentClientId = headers.get('client-id');
    if (!sentClientId) return { kind: 'fail', code: 'PARAM_ILLEGAL', message: 'Client-Id: header is required' };
    if (sentClientId !== clientId) {
      return {
        kind: 'fail',
        code: 'ACCESS_DENIED',
        message: 'Client-Id: not the client id agreed with this POS provider',
      };
    }
    const requestTime = headers.get('request-time');
    if (!requestTime) return { kind: 'fail', code: 'PARAM_ILLEGAL', message: 'Request-Time: header is required' };
    const signature = headers.get('signature');
    if (!signature) return { kind: 'fail', code: 'INVALID_SIGNATURE', message: 'Signature: header is required' };
    const parsed = parseSignatureHeader(signature);
    if (!parsed) {
      return {
        kind: 'fail',
        code: 'INVALID_SIGNATURE',
        message: 'Signature: expected algorithm=RSA256,keyVersion=<n>,signature=<value>',
      };
    }
    if (!verifies(exchange, requestTime, raw, parsed.signature)) {
      return { kind: 'fail', code: 'INVALID_SIGNATURE', message: 'signature verification failed' };
    }
    const sentAt = rules.validateRequestTime(requestTime) ? parseMessageTime(requestTime) : null;
    if (sentAt === null) {
      return {
        kind: 'fail',
        code: 'PARAM_ILLEGAL',
        message: 'Request-Time: expected ISO 8601 with offset (e.g. 2023-08-28T22:16:07+08:00) or epoch milliseconds',
      };
    }
    const serverNow = now().getTime();
    if (Math.abs(serverNow - sentAt) > tolerance) {
      return {
        kind: 'fail',
        code: 'PARAM_ILLEGAL',
        message:
          `Request-Time: must be within ±${Math.round(tolerance / 1000)} s of the server time ` +
          `(server time ${formatMessageTime(new Date(serverNow), 0)}); check the sender's clock`,
      };
    }
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
    } catch {
      return { kind: 'fail', code: 'PARAM_ILLEGAL', message: 'body: not valid UTF-8' };
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return { kind: 'fail', code: 'PARAM_ILLEGAL', message: 'body: not valid JSON' };
    }
    const issues = rules.validateRequest(value);
    if (issues.length > 0) return { kind: 'fail', code: 'PARAM_ILLEGAL', message: describe(issues) };
    const { requestOrderId } = value as InquiryRequest;

    const limit = deadline(timeoutMs);
    let found: FoundOrder | null;
    try {
      found = await Promise.race([
        lookup(requestOrderId, { signal: limit.signal }),
        new Promise<never>((_, reject) =>
          limit.signal.addEventListener('abort', () => reject(limit.signal.reason), { once: true }),
        ),
      ]);
    } catch (error) {
      return {
        kind: 'unknown',
        requestOrderId,
        message: isTimeout(error) ? 'order lookup did not complete in time' : 'order lookup failed',
      };
    } finally {
      limit.clear();
    }
    if (found === null || found === undefined) {
      return {
        kind: 'fail',
        code: 'PROCESS_FAIL',
        requestOrderId,
        message: 'order not found: no POS order is recorded for this requestOrderId',
      };
    }
    return { kind: 'answer', requestOrderId, answer: successAnswer(found) };
  }

  function successAnswer(found: FoundOrder): Answer {
    // Only the contract's fields are copied, so a lookup returning a whole database row leaks nothing.
    const answer: Success = {
      result: { resultStatus: 'S', resultCode: 'SUCCESS', resultMessage: 'success' },
      posOrderId: found.posOrderId,
      orderStatus: found.orderStatus,
    };
    if (found.extendInfo !== undefined && found.extendInfo !== null) answer.extendInfo = found.extendInfo;
    return answer;
  }

  /** The answer's body text, checked against the contract; a record that would break it becomes U. */
  function render(decision: Decision): { text: string; answer: Answer } {
    let answer: Answer;
    if (decision.kind === 'answer') answer = decision.answer;
    else if (decision.kind === 'fail')
      answer = {
        result: {
          resultStatus: 'F',
          resultCode: decision.code,
          resultMessage: clip(decision.message, RESULT_MESSAGE_MAX),
        },
      };
    else
      answer = {
        result: {
          resultStatus: 'U',
          resultCode: 'UNKNOWN_EXCEPTION',
          resultMessage: clip(decision.message, RESULT_MESSAGE_MAX),
        },
      };
    let text: string | undefined;
    try {
      text = JSON.stringify(answer);
      const extendInfo = 'extendInfo' in answer ? answer.extendInfo : undefined;
      const tooLong = extendInfo !== undefined && JSON.stringify(extendInfo).length > rules.maxExtendInfoLength;
      if (tooLong || rules.validateResponse(JSON.parse(text)).length > 0) text = undefined;
    } catch {
      // JSON.stringify throws on cycles and BigInt in a lookup's extendInfo.
      text = undefined;
    }
    if (text === undefined) {
      answer = {
        result: {
          resultStatus: 'U',
          resultCode: 'UNKNOWN_EXCEPTION',
          resultMessage: 'the order record could not be turned into a valid answer',
        },
      };
      text = JSON.stringify(answer);
    }
    return { text, answer };
  }

  /**
   * The shed answer's signature only changes with Response-Time (whole seconds), so one RSA
   * signature per second serves every request shed in that second: shedding stays cheap.
   */
  let shedSigned: { time: string; path: string; signature: string } | undefined;
  function respond(text: string, path: string, shed = false, closeConnection = false): Response {
    const responseTime = formatMessageTime(now(), options.utcOffsetMinutes);
    // Lower-case names, because adapters that keep the spelling of this record (Hono's node server
    // does) would otherwise answer `Signature`, and alipay/global-open-sdk-python looks up
    // `signature`, `response-time` and `client-id` by exact lower-case name.
    const headers: Record<string, string> = {
      'content-type': CONTENT_TYPE,
      'client-id': clientId,
      'response-time': responseTime,
    };
    if (closeConnection) headers.connection = 'close';
    try {
      if (shed && shedSigned?.time === responseTime && shedSigned.path === path)
        headers.signature = shedSigned.signature;
      else {
        headers.signature = signatureHeader(
          { clientId, time: responseTime, body: text, path },
          posPrivateKey,
          keyVersion,
        );
        if (shed) shedSigned = { time: responseTime, path, signature: headers.signature };
      }
    } catch {
      // Unreachable with a key checked at start-up; an unsigned answer then makes D-Store retry.
    }
    return new Response(text, { status: 200, headers });
  }

  const shedMessage = 'traffic over the limit of this POS endpoint; try again later';
  const shedText = JSON.stringify({
    result: { resultStatus: 'F', resultCode: 'REQUEST_TRAFFIC_EXCEED_LIMIT', resultMessage: shedMessage },
  } satisfies Answer);

  function shed(request: globalThis.Request, started: number): Response {
    // The body is left unread; cancelling it tells the server adapter it may discard the rest.
    request.body?.cancel().catch(() => undefined);
    const response = respond(shedText, requestPath(request.url), true);
    report({
      resultStatus: 'F',
      resultCode: 'REQUEST_TRAFFIC_EXCEED_LIMIT',
      resultMessage: shedMessage,
      latencyMs: performance.now() - started,
    });
    return response;
  }

  function report(event: InquiryOutcome): void {
    if (!options.onOutcome) return;
    try {
      options.onOutcome(event);
    } catch {
      // An audit sink failing must not change the answer D-Store gets.
    }
  }

  return async function inquireOrderDetailHandler(request) {
    const started = performance.now();
    // Checked first, before the body or any crypto: a flood costs a counter and a cached signature.
    if (inFlight >= maxConcurrent || !admit()) return shed(request, started);
    inFlight += 1;
    const exchange: Exchange = { path: requestPath(request.url) };
    let decision: Decision;
    try {
      decision = await decide(request, exchange);
    } catch {
      decision = { kind: 'unknown', message: 'the inquiry could not be processed' };
    } finally {
      inFlight -= 1;
    }
    const { text, answer } = render(decision);
    const response = respond(text, exchange.path, false, decision.kind === 'fail' && decision.closeConnection === true);
    if (options.onOutcome) {
      const event: InquiryOutcome = {
        resultStatus: answer.result.resultStatus,
        resultCode: answer.result.resultCode,
        resultMessage: answer.result.resultMessage ?? '',
        latencyMs: performance.now() - started,
      };
      if (decision.requestOrderId !== undefined) event.requestOrderId = decision.requestOrderId;
      report(event);
    }
    return response;
  };
}

/** Admission by token bucket; `now` is the handler's clock, so tests can drive the refill. */
function tokenBucket(limit: RateLimitOptions, now: () => Date): () => boolean {
  const rate = limit.requestsPerSecond;
  if (typeof rate !== 'number' || !Number.isFinite(rate) || rate <= 0) {
    throw new DStoreConfigError(`rateLimit.requestsPerSecond must be a positive number (got ${String(rate)}).`);
  }
  const capacity = limit.burst ?? Math.max(1, rate);
  if (typeof capacity !== 'number' || !Number.isFinite(capacity) || capacity < 1) {
    throw new DStoreConfigError(`rateLimit.burst must be a number of at least 1 (got ${String(limit.burst)}).`);
  }
  let tokens = capacity;
  let last = now().getTime();
  return () => {
    const t = now().getTime();
    // A clock stepping backwards refills nothing rather than draining the bucket.
    if (t > last) tokens = Math.min(capacity, tokens + ((t - last) / 1000) * rate);
    last = Math.max(last, t);
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  };
}

/** Reads at most `max` bytes; stops reading (and cancels the stream) as soon as the limit is passed. */
async function readLimited(request: globalThis.Request, max: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > max) throw new BodyTooLarge();
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
