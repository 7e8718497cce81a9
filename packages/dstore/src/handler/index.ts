/**
 * The POS side of inquireOrderDetail, composed from one module per concern: admission (concurrency
 * bound, token bucket, shedding), the bounded body read, verification, the inquiry's schema, the
 * lookup under its deadline, and rendering and signing the answer.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { contract } from '../contract.js';
import { DStoreConfigError } from '../errors.js';
import { loadPrivateKey, loadPublicKey } from '../keys.js';
import { serveNatively } from '../node.js';
import { type AdmissionStats, createAdmission, SHED_MESSAGE, SHED_TEXT } from './admission.js';
import { DEFAULT_MAX_BODY_BYTES } from './body.js';
import { type Decision, fail } from './decision.js';
import { fromFetch, fromNode, type InquiryReply, type InquiryRequest } from './exchange.js';
import { parseInquiry } from './inquiry.js';
import { createLookup, DEFAULT_LOOKUP_TIMEOUT_MS } from './lookup.js';
import type { InquireOrderDetailHandlerOptions } from './options.js';
import { type InquiryOutcome, reporter } from './outcome.js';
import { clip, createReplier, renderAnswer } from './render.js';
import { createTimeWindow, createVerifier, DEFAULT_REQUEST_TIME_TOLERANCE_MS } from './verify.js';

export { type AdmissionStats, DEFAULT_MAX_CONCURRENT } from './admission.js';
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

/** The handler as `createInquireOrderDetailHandler` returns it: a Fetch API handler with its admission figures. */
export interface InquireOrderDetailHandler {
  (request: globalThis.Request): Promise<Response>;
  /** Inquiries in progress now, the most at once since start, the bound, and how many were shed. */
  stats(): AdmissionStats;
}

/**
 * The POS side of inquireOrderDetail as a Fetch API handler: `(Request) => Promise<Response>`.
 * It never throws; every answer is an HTTP 200 JSON body that validates against the contract and is
 * signed with the POS private key. `toNodeListener(handler)` serves it on node:http without Fetch
 * objects (same checks, same answers).
 */
export function createInquireOrderDetailHandler(options: InquireOrderDetailHandlerOptions): InquireOrderDetailHandler {
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
  const reply = createReplier({
    clientId,
    posPrivateKey,
    keyVersion: options.keyVersion ?? 1,
    utcOffsetMinutes: options.utcOffsetMinutes,
    now,
  });
  const report = options.onOutcome ? reporter(options.onOutcome) : undefined;

  async function decide(inquiry: InquiryRequest, exchange: Exchange): Promise<Decision> {
    if (inquiry.method.toUpperCase() !== 'POST') {
      return fail(
        'INVALID_API',
        `method ${clip(inquiry.method, 16)} is not supported; inquireOrderDetail is POST only`,
      );
    }
    const raw = await inquiry.body(maxBodyBytes);
    if (!(raw instanceof Uint8Array)) return raw;
    const verified = verify({ get: inquiry.header }, raw, exchange.path);
    if (verified.kind === 'fail') return verified;
    exchange.path = verified.path;
    const late = inWindow(verified.requestTime);
    if (late) return late;
    const parsed = parseInquiry(raw, rules);
    if (parsed.kind === 'fail') return parsed;
    return findOrder(parsed.requestOrderId);
  }

  function shed(inquiry: InquiryRequest, started: number): InquiryReply {
    inquiry.discardBody();
    const headers = reply(SHED_TEXT, inquiry.path, { reuseSignature: true });
    report?.({
      resultStatus: 'F',
      resultCode: 'REQUEST_TRAFFIC_EXCEED_LIMIT',
      resultMessage: SHED_MESSAGE,
      latencyMs: performance.now() - started,
    });
    return { text: SHED_TEXT, headers };
  }

  async function answer(inquiry: InquiryRequest, started: number): Promise<InquiryReply> {
    const exchange: Exchange = { path: inquiry.path };
    let decision: Decision;
    try {
      await nextTurn();
      decision = await decide(inquiry, exchange);
    } catch {
      decision = { kind: 'unknown', message: 'the inquiry could not be processed' };
    } finally {
      admission.leave();
    }
    const { text, answer: rendered } = renderAnswer(decision, rules);
    const closeConnection = decision.kind === 'fail' && decision.closeConnection === true;
    const headers = reply(text, exchange.path, { closeConnection });
    if (report) {
      const event: InquiryOutcome = {
        resultStatus: rendered.result.resultStatus,
        resultCode: rendered.result.resultCode,
        resultMessage: rendered.result.resultMessage ?? '',
        latencyMs: performance.now() - started,
      };
      if (decision.requestOrderId !== undefined) event.requestOrderId = decision.requestOrderId;
      report(event);
    }
    return { text, headers };
  }

  const handler = async function inquireOrderDetailHandler(request: globalThis.Request): Promise<Response> {
    const started = performance.now();
    const inquiry = fromFetch(request);
    // Checked first, before the body or any crypto: a flood costs a counter and a cached signature.
    const { text, headers } = admission.enter() ? await answer(inquiry, started) : shed(inquiry, started);
    return new Response(text, { status: 200, headers });
  } as InquireOrderDetailHandler;
  handler.stats = () => admission.stats();

  function listener(req: IncomingMessage, res: ServerResponse): void {
    const started = performance.now();
    const inquiry = fromNode(req);
    if (!admission.enter()) {
      send(req, res, shed(inquiry, started), true);
      return;
    }
    answer(inquiry, started).then(
      (r) => send(req, res, r, false),
      () => {
        // answer() never rejects; a broken socket is node:http's to clean up.
        if (!res.headersSent) res.writeHead(500);
        res.end();
      },
    );
  }
  serveNatively(handler, listener);
  return handler;
}

let turn: Promise<void> | undefined;

/**
 * Resolves once this turn of the event loop has read what the sockets hold. The work on an inquiry
 * is synchronous (verify, lookup from memory, sign), so without this pause each request would be
 * done before the next was even parsed: admission would never see more than one in flight, and
 * under overload the queue would be the kernel's (every connection's unread request), unbounded by
 * `maxConcurrent` and never shed. With it, every request that arrived while the last batch was
 * worked on is admitted (or shed) first, then the admitted ones are worked on in order.
 */
function nextTurn(): Promise<void> {
  turn ??= new Promise<void>((resolve) =>
    setImmediate(() => {
      turn = undefined;
      resolve();
    }),
  );
  return turn;
}

/** Bodies node:http may discard after the answer without closing the connection (see toNodeListener). */
const MAX_DISCARDED_BYTES = 1024 * 1024;

function send(req: IncomingMessage, res: ServerResponse, { text, headers }: InquiryReply, bodyLeft: boolean): void {
  const out: Record<string, string | number> = { ...headers, 'content-length': Buffer.byteLength(text) };
  if (bodyLeft && !req.complete) {
    const declared = Number(req.headers['content-length']);
    if (!(Number.isFinite(declared) && declared <= MAX_DISCARDED_BYTES)) out.connection = 'close';
  }
  res.writeHead(200, out);
  res.end(text);
}
