import type { components } from '../generated/openapi.js';
import { type Contract, describe } from '../contract.js';
import { type Failure, fail } from './decision.js';
import { memoByText } from './memo.js';

type InquiryRequest = components['schemas']['InquireOrderDetailRequest'];

/** A body that is a valid inquiry; tagged, because the body itself may hold any extra field. */
export interface Inquiry {
  kind: 'inquiry';
  requestOrderId: InquiryRequest['requestOrderId'];
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
/** An inquiry body is `{"requestOrderId":"…"}` with an id of at most 255 characters. */
const MEMO_MAX_LENGTH = 512;
const checked = new WeakMap<Contract, (text: string) => Inquiry | Failure>();

/** The verified body as an inquiry: UTF-8, then JSON, then the contract's request schema. */
export function parseInquiry(raw: Uint8Array, rules: Contract): Inquiry | Failure {
  let text: string;
  try {
    text = utf8.decode(raw);
  } catch {
    return fail('PARAM_ILLEGAL', 'body: not valid UTF-8');
  }
  let check = checked.get(rules);
  if (!check) {
    check = memoByText((t) => parseText(t, rules), MEMO_MAX_LENGTH);
    checked.set(rules, check);
  }
  return check(text);
}

function parseText(text: string, rules: Contract): Inquiry | Failure {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return fail('PARAM_ILLEGAL', 'body: not valid JSON');
  }
  const issues = rules.validateRequest(value);
  if (issues.length > 0) return fail('PARAM_ILLEGAL', describe(issues));
  return { kind: 'inquiry', requestOrderId: (value as InquiryRequest).requestOrderId };
}
