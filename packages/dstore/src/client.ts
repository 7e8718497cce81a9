import createClient from 'openapi-fetch';
import { deadline, excerpt, isTimeout, parseBody, type ParsedBody } from '@orderkit/core';
import type { components, paths } from './generated/openapi.js';
import { contract, describe } from './contract.js';
import {
  DStoreAbortError,
  DStoreBusinessError,
  DStoreConfigError,
  DStoreConnectionError,
  DStoreError,
  DStoreProtocolError,
  DStoreRequestError,
  DStoreSignatureError,
  DStoreTimeoutError,
  DStoreUnknownError,
} from './errors.js';
import { loadPrivateKey, loadPublicKey, type KeyInput } from './keys.js';
import {
  formatMessageTime,
  parseSignatureHeader,
  requestPath,
  signatureHeader,
  signedContent,
  SIGNED_METHOD,
  SIGNED_PATH,
  verifySignatureBytes,
} from './signature.js';

type Request = components['schemas']['InquireOrderDetailRequest'];
type Response = components['schemas']['InquireOrderDetailResponse'];
type Success = components['schemas']['InquireOrderDetailSuccess'];

/** D-Store gives a POS provider 8 s to answer (D-Store FAQ); the client defaults to the same budget. */
export const DEFAULT_CLIENT_TIMEOUT_MS = 8_000;

const CONTENT_TYPE = 'application/json; charset=UTF-8';
/**
 * A signed POST must not be replayed to wherever a 3xx points. `redirect: 'error'` with
 * `window: null` is also the one combination for which undici skips cloning (tee-ing) the request
 * body on every call, a measurable share of a loopback call.
 */
const NO_REDIRECT = { redirect: 'error', window: null } as const satisfies RequestInit;

export interface DStoreClientOptions {
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
  /** Whole-call budget in ms, body read included (default 8000, D-Store's own budget). */
  timeoutMs?: number;
  /** Injected fetch (tests, proxies), called as `fetch(url, init)`; defaults to the global one. */
  fetch?: typeof globalThis.fetch;
  /** UTC offset of Request-Time in minutes (default: the host's local offset). */
  utcOffsetMinutes?: number;
  /** Clock, replaceable in tests. */
  now?: () => Date;
}

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
   */
  inquireOrderDetail(requestOrderId: string, options?: { signal?: AbortSignal }): Promise<InquiredOrder>;
  /** Sends a (possibly tampered) signed request and reports the raw answer; throws only on transport failures. */
  sendSigned(options: SendSignedOptions): Promise<SignedExchange>;
  /** The content the client would sign for this body and time, for comparing with the POS side's logs. */
  debugSignedContent(body: string, requestTime: string): string;
}

export function createDStoreClient(options: DStoreClientOptions): DStoreClient {
  if (!options.baseUrl)
    throw new DStoreConfigError('createDStoreClient needs baseUrl: the POS provider URL without the path.');
  if (!options.clientId)
    throw new DStoreConfigError('createDStoreClient needs clientId: the Client-Id agreed with the POS provider.');
  const privateKey = loadPrivateKey(options.privateKey, 'D-Store private key (privateKey)');
  const posPublicKey = loadPublicKey(options.posPublicKey, 'POS provider public key (posPublicKey)');
  const { clientId } = options;
  const keyVersion = options.keyVersion ?? 1;
  const timeoutMs = options.timeoutMs ?? DEFAULT_CLIENT_TIMEOUT_MS;
  const now = options.now ?? (() => new Date());
  const fetchFn = options.fetch ?? globalThis.fetch;
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const rules = contract();
  const api = createClient<paths>({
    baseUrl,
    Request: PlainRequest as unknown as typeof globalThis.Request,
    fetch: (req) => {
      const plain = req as unknown as PlainRequest;
      return fetchFn(plain.url, plain.init);
    },
  });

  const time = () => formatMessageTime(now(), options.utcOffsetMinutes);
  /**
   * Both signatures cover the path actually requested, prefix of baseUrl included (a POS endpoint
   * deployed under `https://pos.example.com/dstore` is signed as `/dstore/v2/pos/inquireOrderDetail`).
   */
  const operationPath = requestPath(`${baseUrl}${SIGNED_PATH}`);

  function verifyAnswer(
    headers: Headers,
    text: string,
    path: string,
  ): { present: boolean; verified: boolean; reason?: string } {
    const header = headers.get('signature');
    if (!header) return { present: false, verified: false, reason: 'the answer has no Signature header' };
    const parsed = parseSignatureHeader(header);
    if (!parsed) {
      return {
        present: false,
        verified: false,
        reason: 'the Signature header is not "algorithm=RSA256,keyVersion=<n>,signature=<value>"',
      };
    }
    const responseTime = headers.get('response-time');
    if (!responseTime)
      return {
        present: true,
        verified: false,
        reason: 'the answer has no Response-Time header, which is part of the signed content',
      };
    const answeredId = headers.get('client-id');
    if (answeredId !== null && answeredId !== clientId) {
      return {
        present: true,
        verified: false,
        reason: `the answer's Client-Id "${excerpt(answeredId, 64)}" is not the configured one`,
      };
    }
    const verified = verifySignatureBytes(
      { clientId, time: responseTime, body: text, path },
      parsed.signature,
      posPublicKey,
    );
    return verified
      ? { present: true, verified }
      : {
          present: true,
          verified,
          reason:
            'the signature does not verify with the POS provider public key over Client-Id, Response-Time and the exact body',
        };
  }

  async function inquireOrderDetail(
    requestOrderId: string,
    callOptions: { signal?: AbortSignal } = {},
  ): Promise<InquiredOrder> {
    const request: Request = { requestOrderId };
    const requestIssues = rules.validateRequest(request);
    if (requestIssues.length > 0) {
      throw new DStoreRequestError(
        `The inquiry was not sent: ${describe(requestIssues)}. Pass a requestOrderId of 1 to 255 characters.`,
        requestIssues,
      );
    }
    // Serialized once: these bytes are both signed and sent.
    const body = JSON.stringify(request);
    const requestTime = time();
    const signature = signatureHeader(
      { clientId, time: requestTime, body, path: operationPath },
      privateKey,
      keyVersion,
    );
    const limit = deadline(timeoutMs, callOptions.signal);
    let result: Awaited<ReturnType<typeof api.POST>>;
    try {
      result = await api.POST('/v2/pos/inquireOrderDetail', {
        params: { header: { 'Client-Id': clientId, 'Request-Time': requestTime, Signature: signature } },
        headers: { 'Content-Type': CONTENT_TYPE },
        body: request,
        bodySerializer: () => body,
        parseAs: 'text',
        signal: limit.signal,
        ...NO_REDIRECT,
      });
    } catch (error) {
      throw transportError(error, limit.signal, timeoutMs);
    } finally {
      limit.clear();
    }
    const { response } = result;
    if (response.status !== 200) {
      const raw =
        result.error === undefined
          ? ''
          : typeof result.error === 'string'
            ? result.error
            : JSON.stringify(result.error);
      throw new DStoreProtocolError(
        `The POS provider answered HTTP ${response.status}; the contract answers every outcome with HTTP 200 and a signed body. ` +
          'Check baseUrl and that the endpoint is deployed at /v2/pos/inquireOrderDetail.',
        { status: response.status, bodyExcerpt: excerpt(raw) },
        { retryable: response.status >= 500 || response.status === 429 },
      );
    }
    const text = typeof result.data === 'string' ? result.data : '';
    const check = verifyAnswer(response.headers, text, operationPath);
    if (!check.verified) {
      throw new DStoreSignatureError(
        `The answer is untrusted, its outcome unknown: ${check.reason}. Check that posPublicKey is the POS provider's current key and that ` +
          `the provider signs "POST ${operationPath}\\n<Client-Id>.<Response-Time>.<body>".`,
      );
    }
    const parsed = parseBody(text);
    if (parsed.kind !== 'json') {
      throw new DStoreProtocolError(
        `The answer is not JSON (${parsed.kind === 'empty' ? 'empty body' : parsed.reason}). The POS provider must answer a JSON body.`,
        { status: 200, bodyExcerpt: excerpt(text) },
      );
    }
    const issues = rules.validateResponse(parsed.value);
    if (issues.length > 0) {
      throw new DStoreProtocolError(
        `The answer does not match the contract: ${describe(issues)}. The POS provider must fix its response body.`,
        { status: 200, issues, bodyExcerpt: excerpt(text) },
      );
    }
    const answer = parsed.value as Response;
    if ('posOrderId' in answer) {
      if (answer.extendInfo !== undefined && JSON.stringify(answer.extendInfo).length > rules.maxExtendInfoLength) {
        throw new DStoreProtocolError(
          `The answer's extendInfo is longer than ${rules.maxExtendInfoLength} characters when serialized; the POS provider must shorten it.`,
          {
            status: 200,
            issues: [
              { path: '/extendInfo', message: `must be at most ${rules.maxExtendInfoLength} characters serialized` },
            ],
          },
        );
      }
      const order: InquiredOrder = { posOrderId: answer.posOrderId, orderStatus: answer.orderStatus };
      if (answer.extendInfo !== undefined) order.extendInfo = answer.extendInfo;
      return order;
    }
    if (answer.result.resultStatus === 'U') throw new DStoreUnknownError(answer.result.resultMessage);
    throw new DStoreBusinessError(answer.result.resultCode, answer.result.resultMessage);
  }

  async function sendSigned(send: SendSignedOptions): Promise<SignedExchange> {
    const method = (send.method ?? SIGNED_METHOD).toUpperCase();
    const requestTime = send.requestTime === undefined ? time() : send.requestTime;
    const sentClientId = send.clientId === undefined ? clientId : send.clientId;
    const url = `${baseUrl}${send.path ?? SIGNED_PATH}`;
    const path = requestPath(url);
    const signedParts = {
      clientId: sentClientId ?? clientId,
      time: requestTime ?? time(),
      body: send.signBody ?? send.body,
      path,
    };
    const headers: Record<string, string> = {};
    const contentType = send.contentType === undefined ? CONTENT_TYPE : send.contentType;
    if (contentType !== null) headers['Content-Type'] = contentType;
    if (sentClientId !== null) headers['Client-Id'] = sentClientId;
    if (requestTime !== null) headers['Request-Time'] = requestTime;
    const signature =
      send.signature === undefined ? signatureHeader(signedParts, privateKey, keyVersion) : send.signature;
    if (signature !== null) headers.Signature = signature;
    Object.assign(headers, send.headers);
    const callTimeout = send.timeoutMs ?? timeoutMs;
    const limit = deadline(callTimeout, send.signal);
    const started = performance.now();
    let response: globalThis.Response;
    let text: string;
    try {
      const withBody = method !== 'GET' && method !== 'HEAD';
      response = await fetchFn(url, {
        method,
        headers,
        body: withBody ? (typeof send.body === 'string' ? send.body : Buffer.from(send.body)) : undefined,
        signal: limit.signal,
        ...NO_REDIRECT,
      });
      text = await response.text();
    } catch (error) {
      throw transportError(error, limit.signal, callTimeout);
    } finally {
      limit.clear();
    }
    const check = verifyAnswer(response.headers, text, path);
    return {
      status: response.status,
      headers: response.headers,
      text,
      body: parseBody(text),
      signature: { present: check.present, verified: check.verified },
      sent: { headers, signedContent: signedContent(signedParts) },
      latencyMs: performance.now() - started,
    };
  }

  return {
    inquireOrderDetail,
    sendSigned,
    debugSignedContent: (body, requestTime) =>
      signedContent({ clientId, time: requestTime, body, path: operationPath }),
  };
}

function transportError(error: unknown, signal: AbortSignal, timeoutMs: number): DStoreError {
  if (error instanceof DStoreError) return error;
  if (signal.aborted) return isTimeout(signal.reason) ? new DStoreTimeoutError(timeoutMs) : new DStoreAbortError();
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  const reason =
    typeof cause?.code === 'string'
      ? cause.code
      : typeof cause?.message === 'string'
        ? cause.message
        : error instanceof Error
          ? error.message
          : 'unknown network error';
  return new DStoreConnectionError(reason);
}

/**
 * Stands in for the Request that openapi-fetch builds before calling fetch. Node 20's undici spends
 * about 140 µs constructing a Request and then cloning it inside fetch; handing fetch the URL and
 * init directly removes a quarter of a loopback call's cost (see bench/client.bench.ts). The client
 * registers no middleware, which is the only other consumer of a real Request.
 */
class PlainRequest {
  readonly method: string;

  constructor(
    readonly url: string,
    readonly init: RequestInit,
  ) {
    this.method = init.method ?? 'GET';
  }
}

/**
 * The `baseUrl` a client needs from what a person gives: a POS provider's base URL, or the full
 * endpoint URL ending in the operation path (trailing slashes ignored). Throws a TypeError on a
 * string that is not a URL.
 */
export function posBaseUrl(endpoint: string): string {
  const url = new URL(endpoint);
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.origin}${path.endsWith(SIGNED_PATH) ? path.slice(0, -SIGNED_PATH.length) : path}`;
}
