/** A call that got no answer, as one of this package's errors, by the kernel's classification. */
import { classifyFailure, OrderkitError, type CallSignal } from '@orderkit/core';
import { DStoreAbortError, DStoreConnectionError, DStoreTimeoutError } from './errors.js';

export interface FailureContext {
  /** The call's budget (its `timeoutMs`). */
  timeoutMs: number;
  /** The per-attempt limit, when one was set. */
  attemptTimeoutMs?: number | undefined;
}

/**
 * What a call threw before it had a usable answer. An orderkit error (from an injected fetch)
 * passes as it is; anything else that is neither a timeout nor an abort is reported as a failed
 * connection, as this client always has: an injected fetch that refuses a URL (order-desk's
 * outbound guard) says why in the message.
 */
export function failureError(error: unknown, call: CallSignal, context: FailureContext): OrderkitError {
  if (error instanceof OrderkitError) return error;
  const failure = classifyFailure(error, call);
  switch (failure.kind) {
    case 'timeout':
      return call.signal.aborted || context.attemptTimeoutMs === undefined
        ? new DStoreTimeoutError(context.timeoutMs)
        : new DStoreTimeoutError(context.attemptTimeoutMs, 'attempt');
    case 'abort':
      return new DStoreAbortError();
    default:
      return new DStoreConnectionError(failure.code ?? failure.detail);
  }
}
