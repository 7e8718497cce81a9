import type { components } from '../generated/openapi.js';

export type Answer = components['schemas']['InquireOrderDetailResponse'];
export type Success = components['schemas']['InquireOrderDetailSuccess'];
export type ResultStatus = components['schemas']['ResultStatus'];
export type ResultCode = components['schemas']['ResultCode'];
export type FailureCode = components['schemas']['FailureResult']['resultCode'];

/** What the handler decided to answer, before it is rendered and signed. */
export type Decision = Answered | Failure | Unknown;

/** S: the order was found; `answer` holds only the contract's fields. */
export interface Answered {
  kind: 'answer';
  answer: Answer;
  requestOrderId?: string;
}

/** F: the request was refused; D-Store does not retry it. */
export interface Failure {
  kind: 'fail';
  code: FailureCode;
  message: string;
  requestOrderId?: string;
  /** Answer with `Connection: close`: the request's body was left unread. */
  closeConnection?: boolean;
}

/** U: we cannot know the answer now (lookup failed or timed out); D-Store retries. */
export interface Unknown {
  kind: 'unknown';
  message: string;
  requestOrderId?: string;
}

export function fail(code: FailureCode, message: string): Failure {
  return { kind: 'fail', code, message };
}
