export type * from './generated/openapi.js';
export { default as spec } from './generated/spec.js';

export { createOvoparkClient, type OvoparkClient, type SearchPosPage, type SearchPosParams } from './client.js';
export {
  CLOUDAPI_BASE_URL,
  DEFAULT_AID,
  DEFAULT_ATTEMPT_TIMEOUT_MS,
  DEFAULT_AUTH_FAILURE_CODES,
  DEFAULT_BASE_URL,
  DEFAULT_TIMEOUT_MS,
  type OvoparkClientOptions,
  type RequestOptions,
} from './options.js';
export type { PasswordEncoding } from './login.js';
export { LIST_FIELDS } from './page.js';
export { MOCK_CREDENTIALS } from './mock-credentials.js';
export type { OvoparkWarning, WarningHandler } from './warnings.js';
export { canonicalCode, describeCode, RETRYABLE_CODES, TOKEN_NOT_EXIST_CODE, type CodeInfo } from './codes.js';
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
export { formatTimestamp, parseDateTime, PLATFORM_TIME_ZONE } from './timestamp.js';
