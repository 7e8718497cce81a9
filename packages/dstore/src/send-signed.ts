/**
 * `sendSigned`: one raw signed exchange for conformance runs. It sends what openapi-fetch would
 * refuse or fix (malformed JSON, missing or wrong headers and signatures, other methods and paths),
 * so it builds its `Request` itself; it runs under the same call signal and failure classification
 * as `inquireOrderDetail`, and is never retried (each probe is one request).
 */
import { callSignal, clientOptionProblems, parseBody } from '@orderkit/core';
import type { SendSignedOptions, SignedExchange } from './client-types.js';
import type { ClientContext } from './context.js';
import { DStoreRequestError } from './errors.js';
import { failureError } from './failure.js';
import { CONTENT_TYPE } from './inquire.js';
import { requestPath, signatureHeader, signedContent, SIGNED_METHOD, SIGNED_PATH } from './signature.js';

export type SendSigned = (options: SendSignedOptions) => Promise<SignedExchange>;

export function signedSender(context: ClientContext): SendSigned {
  const { clientId } = context;
  return async function sendSigned(send) {
    const problems = clientOptionProblems({ timeoutMs: send.timeoutMs }, 'sendSigned');
    if (problems.length > 0) throw new DStoreRequestError(`Nothing was sent: ${problems.join(' ')}`, []);
    const method = (send.method ?? SIGNED_METHOD).toUpperCase();
    const requestTime = send.requestTime === undefined ? context.time() : send.requestTime;
    const sentClientId = send.clientId === undefined ? clientId : send.clientId;
    const url = `${context.baseUrl}${send.path ?? SIGNED_PATH}`;
    const signedParts = {
      clientId: sentClientId ?? clientId,
      time: requestTime ?? context.time(),
      body: send.signBody ?? send.body,
      path: requestPath(url),
    };
    const headers: Record<string, string> = {};
    const contentType = send.contentType === undefined ? CONTENT_TYPE : send.contentType;
    if (contentType !== null) headers['Content-Type'] = contentType;
    if (sentClientId !== null) headers['Client-Id'] = sentClientId;
    if (requestTime !== null) headers['Request-Time'] = requestTime;
    const signature =
      send.signature === undefined
        ? signatureHeader(signedParts, context.privateKey, context.keyVersion)
        : send.signature;
    if (signature !== null) headers.Signature = signature;
    Object.assign(headers, send.headers);
    const timeoutMs = send.timeoutMs ?? context.timeoutMs;
    const call = callSignal(timeoutMs, send.signal);
    const fetch = context.fetch ?? ((request: Request) => globalThis.fetch(request));
    const started = performance.now();
    let response: Response;
    let text: string;
    try {
      const withBody = method !== 'GET' && method !== 'HEAD';
      const body = typeof send.body === 'string' ? send.body : Buffer.from(send.body);
      response = await fetch(
        new Request(url, {
          method,
          headers,
          body: withBody ? body : undefined,
          signal: call.signal,
          // A signed request is never replayed to wherever a 3xx points.
          redirect: 'error',
        }),
      );
      text = await response.text();
    } catch (error) {
      throw failureError(error, call, { timeoutMs });
    } finally {
      call.end();
    }
    const check = context.verify(response.headers, text, signedParts.path);
    return {
      status: response.status,
      headers: response.headers,
      text,
      body: parseBody(text),
      signature: { present: check.present, verified: check.verified },
      sent: { headers, signedContent: signedContent(signedParts) },
      latencyMs: performance.now() - started,
    };
  };
}
