export type * from './generated/openapi.js';
export { invoiceStatusValues, knownErrCodeValues, orderStatusValues } from './generated/openapi.js';
export { default as spec } from './generated/spec.js';
export {
  createWeChatClient,
  WeChatClient,
  DEFAULT_BASE_URL,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_TOKEN_MARGIN_SECONDS,
  type CallOptions,
  type TokenMode,
  type WeChatClientOptions,
} from './client.js';
export {
  InMemoryTokenStore,
  tokenScope,
  tokenScopeKey,
  tokenScopeProblem,
  type CachedToken,
  type TokenScope,
  type TokenStore,
} from './token-store.js';
export {
  WeChatError,
  WeChatApiError,
  WeChatBusyError,
  WeChatAuthError,
  WeChatTokenError,
  WeChatProtocolError,
  WeChatHttpError,
  WeChatTimeoutError,
  WeChatAbortError,
  WeChatConnectionError,
  WeChatInputError,
  errCodeInfo,
  type WeChatOperation,
} from './errors.js';
export { centsToYuan, orderDates, type OrderDates } from './order.js';
export {
  errCodeMeaning,
  errCodeName,
  invoiceStatusMeaning,
  invoiceStatusName,
  orderStatusMeaning,
  orderStatusName,
} from './enums.js';
export { describeRequest, type SentRequest } from './debug.js';
export { MOCK_CREDENTIALS } from './mock.js';
export { maskCredentials } from './redaction.js';
export type { RetryPolicy } from '@orderkit/core';
