export { backoffDelay, DEFAULT_RETRY_POLICY, sleep, withRetry, type RetryOptions, type RetryPolicy } from './retry.js';
export { deadline, isTimeout, TimeoutReason, untilAborted } from './timeout.js';
export { Deadlines, type CallDeadline } from './deadlines.js';
export { excerpt, parseBody, EXCERPT_LENGTH, type ParsedBody } from './body.js';
export { MASK, redact } from './redact.js';
export {
  isOutcomeUnknown,
  lookupCode,
  OrderkitAbortError,
  OrderkitAnswerError,
  OrderkitConfigError,
  OrderkitConnectionError,
  OrderkitError,
  OrderkitInputError,
  OrderkitProviderError,
  OrderkitTimeoutError,
  unknownCodeEntry,
  type CodeEntry,
  type OrderkitErrorFields,
  type Outcome,
  type ProviderName,
} from './errors.js';
export { freePort, isLoopbackHost } from './net.js';
export { KeyedLock } from './keyed-lock.js';
export {
  InMemoryTokenStore,
  normaliseBaseUrl,
  TOKEN_SCOPE_MAX_BASE_URL,
  TOKEN_SCOPE_MAX_NAME,
  tokenScope,
  tokenScopeKey,
  tokenScopeProblem,
  type CachedToken,
  type TokenScope,
  type TokenStore,
} from './token-store.js';
