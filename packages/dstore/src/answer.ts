/**
 * What a POS provider's answer is worth before it is read: whether its signature verifies, and
 * whether it asks to be sent again. Both rules are the spec's: the signed content of the contract,
 * and the `retryable` column of its result-code table (`src/generated/codes.ts`).
 */
import type { KeyObject } from 'node:crypto';
import { excerpt, type AttemptAnswer } from '@orderkit/core';
import { codes } from './generated/codes.js';
import { parseSignatureHeader, verifySignatureBytes } from './signature.js';

export interface AnswerCheck {
  /** A Signature header of the documented form was present. */
  present: boolean;
  verified: boolean;
  /** Why it does not verify, for the error message. */
  reason?: string;
}

export type AnswerVerifier = (headers: Headers, text: string, path: string) => AnswerCheck;

/** Checks answers signed by the POS provider for `clientId` over `POST <path>\n<Client-Id>.<Response-Time>.<body>`. */
export function answerVerifier(clientId: string, posPublicKey: KeyObject): AnswerVerifier {
  return (headers, text, path) => {
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
    if (!responseTime) {
      return {
        present: true,
        verified: false,
        reason: 'the answer has no Response-Time header, which is part of the signed content',
      };
    }
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
    if (verified) return { present: true, verified };
    return {
      present: true,
      verified,
      reason:
        'the signature does not verify with the POS provider public key over Client-Id, Response-Time and the exact body',
    };
  };
}

/** The result codes the spec marks `retryable` (UNKNOWN_EXCEPTION, REQUEST_TRAFFIC_EXCEED_LIMIT today). */
export const RETRYABLE_CODES: ReadonlySet<string> = new Set(
  Object.entries(codes)
    .filter(([, entry]) => entry.retryable)
    .map(([code]) => code),
);

/**
 * The retry rule of `inquireOrderDetail`, for the kernel's `retryingFetch`: HTTP 429 and 5xx, and a
 * signed HTTP 200 whose result code the spec marks retryable. An answer whose signature does not
 * verify is never retried: whatever code it claims is untrusted, so it is returned as it is and
 * becomes a DStoreSignatureError (outcome unknown).
 */
export function retryableAnswer(verify: AnswerVerifier, path: string): (answer: AttemptAnswer) => boolean {
  return (answer) => {
    if (answer.status === 429 || answer.status >= 500) return true;
    if (answer.status !== 200) return false;
    const code = resultCodeOf(answer.text);
    return code !== undefined && RETRYABLE_CODES.has(code) && verify(answer.headers, answer.text, path).verified;
  };
}

/** `result.resultCode` of a JSON body, or undefined for anything else. Never throws. */
function resultCodeOf(text: string): string | undefined {
  try {
    const code = (JSON.parse(text) as { result?: { resultCode?: unknown } } | null)?.result?.resultCode;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}
