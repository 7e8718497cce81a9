/**
 * The POS side of inquireOrderDetail, composed from one module per concern: admission (concurrency
 * bound, token bucket, shedding), the bounded body read, verification, the inquiry's schema, the
 * lookup under its deadline, and rendering and signing the answer.
 */
import { contract } from '../contract.js';
import { DStoreConfigError } from '../errors.js';
import { loadPrivateKey, loadPublicKey } from '../keys.js';
import { requestPath } from '../signature.js';
import { createAdmission, SHED_MESSAGE, SHED_TEXT } from './admission.js';
import { DEFAULT_MAX_BODY_BYTES, readInquiryBody } from './body.js';
import { type Decision, fail } from './decision.js';
import { parseInquiry } from './inquiry.js';
import { createLookup, DEFAULT_LOOKUP_TIMEOUT_MS } from './lookup.js';
import type { InquireOrderDetailHandlerOptions } from './options.js';
import { type InquiryOutcome, reporter } from './outcome.js';
import { clip, createResponder, renderAnswer } from './render.js';
import { createTimeWindow, createVerifier, DEFAULT_REQUEST_TIME_TOLERANCE_MS } from './verify.js';

export { DEFAULT_MAX_CONCURRENT } from './admission.js';
export { DEFAULT_MAX_BODY_BYTES } from './body.js';
export { DEFAULT_LOOKUP_TIMEOUT_MS, type FoundOrder } from './lookup.js';
export type { InquireOrderDetailHandlerOptions } from './options.js';
export type { InquiryOutcome } from './outcome.js';
export type { RateLimitOptions } from './rate-limit.js';
export { DEFAULT_REQUEST_TIME_TOLERANCE_MS } from './verify.js';

/**
 * The path both signatures cover: the path of the actual request (a deployment behind a path
 * prefix signs and verifies `/prefix/v2/pos/inquireOrderDetail`). `decide` switches it to the
 * operation path when only that verifies (see verify.ts), so the answer is signed as the request was.
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
  const { clientId } = options;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const now = options.now ?? (() => new Date());
  const admission = createAdmission({ maxConcurrent: options.maxConcurrent, rateLimit: options.rateLimit, now });
  const rules = contract();
  const verify = createVerifier({ clientId, dstorePublicKey });
  const inWindow = createTimeWindow({
    toleranceMs: options.requestTimeToleranceMs ?? DEFAULT_REQUEST_TIME_TOLERANCE_MS,
    now,
    rules,
  });
  const findOrder = createLookup(options.lookup, options.timeoutMs ?? DEFAULT_LOOKUP_TIMEOUT_MS);
  const respond = createResponder({
    clientId,
    posPrivateKey,
    keyVersion: options.keyVersion ?? 1,
    utcOffsetMinutes: options.utcOffsetMinutes,
    now,
  });
  const report = options.onOutcome ? reporter(options.onOutcome) : undefined;

  async function decide(request: globalThis.Request, exchange: Exchange): Promise<Decision> {
    if (request.method.toUpperCase() !== 'POST') {
      return fail(
        'INVALID_API',
        `method ${clip(request.method, 16)} is not supported; inquireOrderDetail is POST only`,
      );
    }
    const raw = await readInquiryBody(request, maxBodyBytes);
    if (!(raw instanceof Uint8Array)) return raw;
    const verified = verify(request.headers, raw, exchange.path);
    if (verified.kind === 'fail') return verified;
    exchange.path = verified.path;
    const late = inWindow(verified.requestTime);
    if (late) return late;
    const inquiry = parseInquiry(raw, rules);
    if (inquiry.kind === 'fail') return inquiry;
    return findOrder(inquiry.requestOrderId);
  }

  function shed(request: globalThis.Request, started: number): Response {
    // The body is left unread; cancelling it tells the server adapter it may discard the rest.
    request.body?.cancel().catch(() => undefined);
    const response = respond(SHED_TEXT, requestPath(request.url), { reuseSignature: true });
    report?.({
      resultStatus: 'F',
      resultCode: 'REQUEST_TRAFFIC_EXCEED_LIMIT',
      resultMessage: SHED_MESSAGE,
      latencyMs: performance.now() - started,
    });
    return response;
  }

  return async function inquireOrderDetailHandler(request) {
    const started = performance.now();
    // Checked first, before the body or any crypto: a flood costs a counter and a cached signature.
    if (!admission.enter()) return shed(request, started);
    const exchange: Exchange = { path: requestPath(request.url) };
    let decision: Decision;
    try {
      decision = await decide(request, exchange);
    } catch {
      decision = { kind: 'unknown', message: 'the inquiry could not be processed' };
    } finally {
      admission.leave();
    }
    const { text, answer } = renderAnswer(decision, rules);
    const closeConnection = decision.kind === 'fail' && decision.closeConnection === true;
    const response = respond(text, exchange.path, { closeConnection });
    if (report) {
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
