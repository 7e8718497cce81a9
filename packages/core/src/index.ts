export { backoffDelay, DEFAULT_RETRY_POLICY, sleep, type RetryPolicy } from './retry.js';
export { deadline, isTimeout, TimeoutReason, untilAborted } from './timeout.js';
export { excerpt, parseBody, EXCERPT_LENGTH, type ParsedBody } from './body.js';
export { readBodyWithin, type BodySource, type BoundedBody } from './body-limit.js';
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
export {
  answerText,
  attemptsOf,
  callSignal,
  classifyFailure,
  neverSent,
  requestWithUrl,
  retryingFetch,
  type AttemptAnswer,
  type CallSignal,
  type Failure,
  type FailureKind,
  type FetchLike,
  type RetryInfo,
  type RetryRule,
  type TransportOptions,
} from './transport.js';
export { KeyedLock, SingleFlight } from './flight.js';
export { clientOptionProblems, describeFailure, type CallOptions, type ClientOptions } from './client-options.js';
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
