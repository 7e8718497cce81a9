export type * from './generated/openapi.js';
export { default as spec } from './generated/spec.js';

export {
  createOvoparkClient,
  DEFAULT_AUTH_FAILURE_CODES,
  DEFAULT_BASE_URL,
  DEFAULT_TIMEOUT_MS,
  type OvoparkClient,
  type OvoparkClientOptions,
  type RequestOptions,
  type SearchPosParams,
} from './client.js';
export { describeCode, RETRYABLE_CODES, type CodeInfo } from './codes.js';
export {
  OvoparkAbortError,
  OvoparkApiError,
  OvoparkBudgetError,
  OvoparkBusinessError,
  OvoparkConnectionError,
  OvoparkError,
  OvoparkGatewayError,
  OvoparkInputError,
  OvoparkProtocolError,
  OvoparkSignatureError,
  OvoparkTimeoutError,
  type RangeWindow,
} from './errors.js';
export {
  DEFAULT_CALL_BUDGET,
  DEFAULT_CONCURRENCY,
  MAX_PAGE_SIZE,
  MAX_WINDOW_MS,
  type RangeProgress,
  type SearchPosRangeParams,
} from './range.js';
export { debugSigningString, sign, signingString, type SignableParams, type SignMethod } from './sign.js';
export { formatTimestamp, PLATFORM_TIME_ZONE } from './timestamp.js';
