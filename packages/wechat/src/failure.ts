/** What a call that got no usable answer threw, as this package's typed error. */
import { classifyFailure, type CallSignal } from '@orderkit/core';
import {
  WeChatAbortError,
  WeChatConnectionError,
  WeChatError,
  WeChatTimeoutError,
  type WeChatOperation,
} from './errors.js';
import type { SecretSet } from './redaction.js';

export interface CallLimits {
  /** The call's whole budget. */
  timeoutMs: number;
  /** The limit of one attempt, when the client sets one. */
  attemptTimeoutMs?: number | undefined;
}

/**
 * `error` as a WeChatError: errors of this package pass unchanged (a token fetch's error reaches
 * every call that waited for it); the rest is classified by the kernel — the call's budget, the
 * caller's signal, the connection, or a bug.
 */
export function publicError(
  error: unknown,
  call: CallSignal,
  operation: WeChatOperation,
  limits: CallLimits,
  secrets: SecretSet,
): WeChatError {
  if (error instanceof WeChatError) return error;
  const failure = classifyFailure(error, call);
  switch (failure.kind) {
    case 'timeout':
      // Not the call's budget: the last attempt ran out of its own limit.
      return new WeChatTimeoutError(
        call.timedOut() ? limits.timeoutMs : (limits.attemptTimeoutMs ?? limits.timeoutMs),
        operation,
      );
    case 'abort':
      return new WeChatAbortError(operation);
    case 'connection':
      return new WeChatConnectionError(operation, failure.code, secrets.mask(failure.detail));
    default:
      return new WeChatError(
        `WeChat ${operation} failed unexpectedly: ${secrets.mask(failure.detail)}. This is a bug in @orderkit/wechat ` +
          'or in the injected fetch; please report it.',
        operation,
      );
  }
}
