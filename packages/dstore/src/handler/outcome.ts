import type { ResultCode, ResultStatus } from './decision.js';

/** One answered inquiry, for an audit log. Holds no key, signature or lookup error text. */
export interface InquiryOutcome {
  /** Present once the body was read and valid. */
  requestOrderId?: string;
  resultStatus: ResultStatus;
  resultCode: ResultCode;
  resultMessage: string;
  latencyMs: number;
}

/** Calls `onOutcome` with each event; what it throws is swallowed. */
export function reporter(onOutcome: (event: InquiryOutcome) => void): (event: InquiryOutcome) => void {
  return (event) => {
    try {
      onOutcome(event);
    } catch {
      // An audit sink failing must not change the answer D-Store gets.
    }
  };
}
