export type * from './generated/openapi.js';
export { default as spec } from './generated/spec.js';
export {
  DStoreAbortError,
  DStoreBusinessError,
  DStoreConfigError,
  DStoreConnectionError,
  DStoreError,
  DStoreKeyError,
  DStoreProtocolError,
  DStoreRequestError,
  DStoreSignatureError,
  DStoreTimeoutError,
  DStoreUnknownError,
} from './errors.js';
export { generateKeyPair, loadPrivateKey, loadPublicKey, MIN_RSA_BITS, type KeyInput } from './keys.js';
export {
  contentBytes,
  formatMessageTime,
  formatSignatureHeader,
  parseMessageTime,
  parseSignatureHeader,
  signatureHeader,
  signContent,
  requestPath,
  signedContent,
  verifyContent,
  verifySignatureBytes,
  SIGNATURE_ALGORITHM,
  SIGNED_METHOD,
  SIGNED_PATH,
  type ParsedSignatureHeader,
  type SignedParts,
} from './signature.js';
export { createDStoreClient, posBaseUrl, DEFAULT_CLIENT_RETRY, DEFAULT_CLIENT_TIMEOUT_MS } from './client.js';
export type {
  DStoreClient,
  DStoreClientOptions,
  InquiredOrder,
  InquireOptions,
  SendSignedOptions,
  SignedExchange,
} from './client-types.js';
export {
  type AdmissionStats,
  createInquireOrderDetailHandler,
  type InquireOrderDetailHandler,
  DEFAULT_LOOKUP_TIMEOUT_MS,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_CONCURRENT,
  type RateLimitOptions,
  DEFAULT_REQUEST_TIME_TOLERANCE_MS,
  type FoundOrder,
  type InquireOrderDetailHandlerOptions,
  type InquiryOutcome,
} from './handler/index.js';
export { originForm, toNodeListener } from './node.js';
export { orderRules, type OrderRules } from './order-rules.js';
