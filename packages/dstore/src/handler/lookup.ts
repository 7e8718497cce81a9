import { TimeoutReason } from '@orderkit/core';
import type { Decision, Success } from './decision.js';

/** Well under D-Store's 8 s, leaving room for the network both ways and for signing. */
export const DEFAULT_LOOKUP_TIMEOUT_MS = 3_000;

/** What `lookup` returns for a known order; anything else it returns is ignored. */
export type FoundOrder = Pick<Success, 'posOrderId' | 'orderStatus'> & { extendInfo?: Success['extendInfo'] | null };

export type Lookup = (requestOrderId: string, context: { signal: AbortSignal }) => Promise<FoundOrder | null>;

/**
 * The application's lookup under a deadline, its result as a decision: S with the order's
 * contract fields, F/PROCESS_FAIL for no order, U when it throws or runs past `timeoutMs` (its
 * signal then aborts). The lookup's error text never reaches the answer: it may name a database.
 *
 * The signal is made only when the lookup reads it: an AbortController with its listeners cost
 * more than a lookup answered from memory (6 % of the endpoint's time in the bench's profile).
 */
export function createLookup(lookup: Lookup, timeoutMs: number): (requestOrderId: string) => Promise<Decision> {
  return async (requestOrderId) => {
    let controller: AbortController | undefined;
    const context = {
      get signal() {
        controller ??= new AbortController();
        return controller.signal;
      },
    };
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const reason = new TimeoutReason(timeoutMs);
        controller?.abort(reason);
        reject(reason);
      }, timeoutMs);
      timer.unref?.();
    });
    let found: FoundOrder | null;
    try {
      // Promise.resolve: a lookup written in plain JavaScript may return the order itself.
      found = await Promise.race([Promise.resolve(lookup(requestOrderId, context)), late]);
    } catch (error) {
      return {
        kind: 'unknown',
        requestOrderId,
        message: error instanceof TimeoutReason ? 'order lookup did not complete in time' : 'order lookup failed',
      };
    } finally {
      clearTimeout(timer);
    }
    if (found === null || found === undefined) {
      return {
        kind: 'fail',
        code: 'PROCESS_FAIL',
        requestOrderId,
        message: 'order not found: no POS order is recorded for this requestOrderId',
      };
    }
    return { kind: 'answer', requestOrderId, answer: successAnswer(found) };
  };
}

function successAnswer(found: FoundOrder): Success {
  // Only the contract's fields are copied, so a lookup returning a whole database row leaks nothing.
  const answer: Success = {
    result: { resultStatus: 'S', resultCode: 'SUCCESS', resultMessage: 'success' },
    posOrderId: found.posOrderId,
    orderStatus: found.orderStatus,
  };
  if (found.extendInfo !== undefined && found.extendInfo !== null) answer.extendInfo = found.extendInfo;
  return answer;
}
