/**
 * What an answer to `inquireOrderDetail` means: the order (`S`), a definite failure (`F`), an
 * unknown outcome (`U`), or an answer that breaks the contract or cannot be trusted.
 */
import { excerpt, parseBody } from '@orderkit/core';
import type { AnswerVerifier } from './answer.js';
import type { InquiredOrder } from './client-types.js';
import { describe, type Contract } from './contract.js';
import { DStoreBusinessError, DStoreProtocolError, DStoreSignatureError, DStoreUnknownError } from './errors.js';
import type { components } from './generated/openapi.js';

type InquiryResponse = components['schemas']['InquireOrderDetailResponse'];

/** The last answer of a call, as the transport returned it. */
export interface Answer {
  status: number;
  headers: Headers;
  /** The body; for a status other than 200, what openapi-fetch read of it. */
  text: string;
}

/** Turns the answer into the order, or throws the error it amounts to. */
export function readAnswer(
  answer: Answer,
  context: { verify: AnswerVerifier; path: string; rules: Contract },
): InquiredOrder {
  const { status, text } = answer;
  if (status !== 200) {
    throw new DStoreProtocolError(
      `The POS provider answered HTTP ${status}; the contract answers every outcome with HTTP 200 and a signed body. ` +
        'Check baseUrl and that the endpoint is deployed at /v2/pos/inquireOrderDetail.',
      { status, bodyExcerpt: excerpt(text) },
      { retryable: status >= 500 || status === 429 },
    );
  }
  const check = context.verify(answer.headers, text, context.path);
  if (!check.verified) {
    throw new DStoreSignatureError(
      `The answer is untrusted, its outcome unknown: ${check.reason}. Check that posPublicKey is the POS provider's current key and that ` +
        `the provider signs "POST ${context.path}\\n<Client-Id>.<Response-Time>.<body>".`,
    );
  }
  const parsed = parseBody(text);
  if (parsed.kind !== 'json') {
    throw new DStoreProtocolError(
      `The answer is not JSON (${parsed.kind === 'empty' ? 'empty body' : parsed.reason}). The POS provider must answer a JSON body.`,
      { status: 200, bodyExcerpt: excerpt(text) },
    );
  }
  const { rules } = context;
  const issues = rules.validateResponse(parsed.value);
  if (issues.length > 0) {
    throw new DStoreProtocolError(
      `The answer does not match the contract: ${describe(issues)}. The POS provider must fix its response body.`,
      { status: 200, issues, bodyExcerpt: excerpt(text) },
    );
  }
  // Validated against the operation's response schema just above.
  const body = parsed.value as InquiryResponse;
  if ('posOrderId' in body) {
    if (body.extendInfo !== undefined && JSON.stringify(body.extendInfo).length > rules.maxExtendInfoLength) {
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
    const order: InquiredOrder = { posOrderId: body.posOrderId, orderStatus: body.orderStatus };
    if (body.extendInfo !== undefined) order.extendInfo = body.extendInfo;
    return order;
  }
  if (body.result.resultStatus === 'U') throw new DStoreUnknownError(body.result.resultMessage);
  throw new DStoreBusinessError(body.result.resultCode, body.result.resultMessage);
}
