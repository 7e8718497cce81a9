/**
 * `inquireOrderDetail` on openapi-fetch, as its maintainers describe it: the request body is
 * serialized once by a per-request `bodySerializer`, and those exact bytes are signed into the
 * operation's header parameters (Client-Id, Request-Time, Signature); beneath the client, the
 * kernel's `retryingFetch` runs the attempts under the call's signal. What an answer means is
 * answer.ts (retry rule, signature) and outcome.ts (order or error).
 */
import {
  answerText,
  callSignal,
  clientOptionProblems,
  retryingFetch,
  type FetchLike,
  type RetryPolicy,
} from '@orderkit/core';
import createClient from 'openapi-fetch';
import { retryableAnswer } from './answer.js';
import type { InquiredOrder, InquireOptions } from './client-types.js';
import type { ClientContext } from './context.js';
import { contract, describe } from './contract.js';
import { DStoreRequestError } from './errors.js';
import { failureError } from './failure.js';
import type { components, paths } from './generated/openapi.js';
import { readAnswer, type Answer } from './outcome.js';
import { signatureHeader, SIGNED_PATH } from './signature.js';

type InquiryRequest = components['schemas']['InquireOrderDetailRequest'];

export const CONTENT_TYPE = 'application/json; charset=UTF-8';

export type InquireOrderDetail = (requestOrderId: string, options?: InquireOptions) => Promise<InquiredOrder>;

export function inquirer(context: ClientContext): InquireOrderDetail {
  const rules = contract();
  const path = context.operationPath;
  const retryable = retryableAnswer(context.verify, path);
  const transport = (retry: RetryPolicy): FetchLike =>
    retryingFetch({
      fetch: context.fetch,
      retry,
      attemptTimeoutMs: context.attemptTimeoutMs,
      retryable,
      // The rule reads the body only to look for a retryable code, so only when there is a retry.
      readBody: retry.maxAttempts > 1,
    });
  const api = createClient<paths>({ baseUrl: context.baseUrl, fetch: transport(context.retry) });

  return async function inquireOrderDetail(requestOrderId, options = {}) {
    const problems = clientOptionProblems({ timeoutMs: options.timeoutMs, retry: options.retry }, 'inquireOrderDetail');
    if (problems.length > 0) throw new DStoreRequestError(`The inquiry was not sent: ${problems.join(' ')}`, []);
    const inquiry: InquiryRequest = { requestOrderId };
    const issues = rules.validateRequest(inquiry);
    if (issues.length > 0) {
      throw new DStoreRequestError(
        `The inquiry was not sent: ${describe(issues)}. Pass a requestOrderId of 1 to 255 characters.`,
        issues,
      );
    }
    // Serialized once: these bytes are both signed and sent.
    const body = JSON.stringify(inquiry);
    const requestTime = context.time();
    const signature = signatureHeader(
      { clientId: context.clientId, time: requestTime, body, path },
      context.privateKey,
      context.keyVersion,
    );
    const timeoutMs = options.timeoutMs ?? context.timeoutMs;
    const call = callSignal(timeoutMs, options.signal);
    let answer: Answer;
    try {
      const { response, error } = await api.POST(SIGNED_PATH, {
        params: { header: { 'Client-Id': context.clientId, 'Request-Time': requestTime, Signature: signature } },
        headers: { 'Content-Type': CONTENT_TYPE },
        body: inquiry,
        bodySerializer: () => body,
        // The body is read below, as text: its exact bytes are what the signature covers.
        parseAs: 'stream',
        signal: call.signal,
        // A signed POST is never replayed to wherever a 3xx points.
        redirect: 'error',
        ...(options.retry && { fetch: transport({ ...context.retry, ...options.retry }) }),
      });
      const text = response.ok ? await answerText(response) : errorText(error);
      answer = { status: response.status, headers: response.headers, text };
    } catch (error) {
      throw failureError(error, call, { timeoutMs, attemptTimeoutMs: context.attemptTimeoutMs });
    } finally {
      call.end();
    }
    return readAnswer(answer, { verify: context.verify, path, rules });
  };
}

/** What openapi-fetch read of an answer that is not 2xx: its text, or the JSON it parsed. */
function errorText(error: unknown): string {
  if (error === undefined) return '';
  return typeof error === 'string' ? error : JSON.stringify(error);
}
