/** Timeouts: every provider call runs under an AbortSignal that fires after its deadline. */

export class TimeoutReason extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
    this.name = 'TimeoutReason';
  }
}

/**
 * A signal that aborts after `timeoutMs` (with a `TimeoutReason`) or when `outer` aborts (with
 * its reason). Call `clear()` once the call is over so no timer is left behind.
 */
export function deadline(timeoutMs: number, outer?: AbortSignal): { signal: AbortSignal; clear: () => void } {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new TimeoutReason(timeoutMs)), timeoutMs);
  timer.unref?.();
  const onOuter = () => controller.abort(outer?.reason);
  if (outer?.aborted) onOuter();
  else outer?.addEventListener('abort', onOuter, { once: true });
  return {
    signal: controller.signal,
    clear: () => {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onOuter);
    },
  };
}

export const isTimeout = (reason: unknown): reason is TimeoutReason => reason instanceof TimeoutReason;

export { untilAborted } from './flight.js';
