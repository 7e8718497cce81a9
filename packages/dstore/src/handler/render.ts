import type { KeyObject } from 'node:crypto';
import type { Contract } from '../contract.js';
import { formatMessageTime, signatureHeader } from '../signature.js';
import type { Answer, Decision } from './decision.js';
import { memoByText } from './memo.js';
import { signatureCache } from './signature-cache.js';

const RESULT_MESSAGE_MAX = 256;
const CONTENT_TYPE = 'application/json; charset=UTF-8';

/** `text`, cut to `max` characters with an ellipsis when longer. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** An answer's text: the result, the order's fields and an extendInfo of at most 2048 characters. */
const MEMO_MAX_LENGTH = 4096;
const valid = new WeakMap<Contract, (text: string) => boolean>();

/** Whether an answer's text meets the contract (the same text always does or never does). */
function meetsContract(text: string, rules: Contract): boolean {
  let check = valid.get(rules);
  if (!check) {
    check = memoByText((t) => rules.validateResponse(JSON.parse(t)).length === 0, MEMO_MAX_LENGTH);
    valid.set(rules, check);
  }
  return check(text);
}

/** The answer's body text, checked against the contract; a record that would break it becomes U. */
export function renderAnswer(decision: Decision, rules: Contract): { text: string; answer: Answer } {
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
    if (tooLong || !meetsContract(text, rules)) text = undefined;
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

export interface ResponderOptions {
  clientId: string;
  posPrivateKey: KeyObject;
  keyVersion: number;
  /** UTC offset of Response-Time in minutes (default: the host's local offset). */
  utcOffsetMinutes?: number | undefined;
  now: () => Date;
}

export interface RespondOptions {
  /** Reuse the last signature of this same text, path and second (for the shed answer). */
  reuseSignature?: boolean;
  /** Answer with `Connection: close`. */
  closeConnection?: boolean;
}

/** The headers of an answer's text, signed over `path`: what every HTTP 200 D-Store gets carries. */
export function createReplier(
  options: ResponderOptions,
): (text: string, path: string, how?: RespondOptions) => Record<string, string> {
  const { clientId, posPrivateKey, keyVersion, utcOffsetMinutes, now } = options;
  const sign = (text: string, time: string, path: string) =>
    signatureHeader({ clientId, time, body: text, path }, posPrivateKey, keyVersion);
  const signReused = signatureCache(sign);
  return (text, path, how = {}) => {
    const responseTime = formatMessageTime(now(), utcOffsetMinutes);
    // Lower-case names, because adapters that keep the spelling of this record (Hono's node server
    // does) would otherwise answer `Signature`, and alipay/global-open-sdk-python looks up
    // `signature`, `response-time` and `client-id` by exact lower-case name.
    const headers: Record<string, string> = {
      'content-type': CONTENT_TYPE,
      'client-id': clientId,
      'response-time': responseTime,
    };
    if (how.closeConnection) headers.connection = 'close';
    try {
      headers.signature = (how.reuseSignature ? signReused : sign)(text, responseTime, path);
    } catch {
      // Unreachable with a key checked at start-up; an unsigned answer then makes D-Store retry.
    }
    return headers;
  };
}

/** Turns an answer's text into the HTTP 200 response D-Store gets, signed over `path`. */
export function createResponder(
  options: ResponderOptions,
): (text: string, path: string, how?: RespondOptions) => Response {
  const reply = createReplier(options);
  return (text, path, how) => new Response(text, { status: 200, headers: reply(text, path, how) });
}
