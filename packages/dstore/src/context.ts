/** What the client's operations share: its checked options, loaded keys and the signed path. */
import type { KeyObject } from 'node:crypto';
import { clientOptionProblems, DEFAULT_RETRY_POLICY, type FetchLike, type RetryPolicy } from '@orderkit/core';
import { answerVerifier, type AnswerVerifier } from './answer.js';
import type { DStoreClientOptions } from './client-types.js';
import { DStoreConfigError } from './errors.js';
import { loadPrivateKey, loadPublicKey } from './keys.js';
import { formatMessageTime, requestPath, SIGNED_PATH } from './signature.js';

/** D-Store gives a POS provider 8 s to answer (D-Store FAQ); the client defaults to the same budget. */
export const DEFAULT_CLIENT_TIMEOUT_MS = 8_000;

/**
 * One attempt unless the caller asks for more: D-Store's own scheduler retries `U`, and a client
 * for tests and conformance runs must show each answer as it came. `retry: { maxAttempts: 3 }`
 * turns the spec's retry rule on (see answer.ts).
 */
export const DEFAULT_CLIENT_RETRY: RetryPolicy = { ...DEFAULT_RETRY_POLICY, maxAttempts: 1 };

export interface ClientContext {
  /** Without trailing slashes, as openapi-fetch joins it with the operation path. */
  baseUrl: string;
  clientId: string;
  privateKey: KeyObject;
  keyVersion: number;
  timeoutMs: number;
  attemptTimeoutMs: number | undefined;
  retry: RetryPolicy;
  /** The user's fetch; undefined: the global fetch, looked up per call. */
  fetch: FetchLike | undefined;
  /** Request-Time for a request sent now. */
  time: () => string;
  verify: AnswerVerifier;
  /**
   * The path an inquiry is sent to and signed over, prefix of baseUrl included (a POS endpoint
   * deployed under `https://pos.example.com/dstore` is signed as `/dstore/v2/pos/inquireOrderDetail`).
   */
  operationPath: string;
}

/** Checks the options (one DStoreConfigError naming every problem) and loads the keys. */
export function clientContext(options: DStoreClientOptions): ClientContext {
  if (!options.baseUrl)
    throw new DStoreConfigError('createDStoreClient needs baseUrl: the POS provider URL without the path.');
  if (!options.clientId)
    throw new DStoreConfigError('createDStoreClient needs clientId: the Client-Id agreed with the POS provider.');
  const problems = clientOptionProblems(options, 'createDStoreClient');
  if (problems.length > 0) throw new DStoreConfigError(problems.join(' '));
  const privateKey = loadPrivateKey(options.privateKey, 'D-Store private key (privateKey)');
  const posPublicKey = loadPublicKey(options.posPublicKey, 'POS provider public key (posPublicKey)');
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const now = options.now ?? (() => new Date());
  const { utcOffsetMinutes } = options;
  return {
    baseUrl,
    clientId: options.clientId,
    privateKey,
    keyVersion: options.keyVersion ?? 1,
    timeoutMs: options.timeoutMs ?? DEFAULT_CLIENT_TIMEOUT_MS,
    attemptTimeoutMs: options.attemptTimeoutMs,
    retry: { ...DEFAULT_CLIENT_RETRY, ...options.retry },
    fetch: options.fetch,
    time: () => formatMessageTime(now(), utcOffsetMinutes),
    verify: answerVerifier(options.clientId, posPublicKey),
    operationPath: requestPath(`${baseUrl}${SIGNED_PATH}`),
  };
}
