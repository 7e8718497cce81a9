/**
 * The client's options: the names every orderkit client shares (`ClientOptions`: `baseUrl`,
 * `fetch`, `timeoutMs`, `attemptTimeoutMs`, `retry`), Ovopark's credentials and extras, and the
 * checks that turn them into the settings a client runs on. A bad option is refused here, before
 * anything is sent, with one sentence saying what is wrong and what to use.
 */
import {
  clientOptionProblems,
  type CallOptions,
  type ClientOptions,
  type FetchLike,
  type RetryPolicy,
} from '@orderkit/core';
import { TOKEN_NOT_EXIST_CODE } from './codes.js';
import { OvoparkInputError } from './errors.js';
import { passwordDigest, type PasswordEncoding } from './login.js';
import type { SignMethod } from './sign.js';
import { PLATFORM_TIME_ZONE, TimestampClock } from './timestamp.js';
import type { WarningHandler } from './warnings.js';

export const DEFAULT_BASE_URL = 'https://openapi.opretail.com';
/** The newer gateway (ovopark/openplatform-sdk README.md); same `/cloud.api`, applications with their own `aid`. */
export const CLOUDAPI_BASE_URL = 'https://cloudapi.ovopark.com';
/** The older platform's fixed application id; `cloud.api` applications have their own (e.g. `DC-000392`). */
export const DEFAULT_AID = 'S107';
/**
 * Budget of one call, retries, backoff and (for searchPos) the login included. Three attempts of
 * at most `DEFAULT_ATTEMPT_TIMEOUT_MS` each fit in it with room for the backoff between them.
 */
export const DEFAULT_TIMEOUT_MS = 30_000;
/**
 * Per HTTP attempt. The gateway answers a 100-ticket page in well under a second; 10 s leaves room
 * for a slow cross-border link while a hung connection is given up and retried, not waited on.
 */
export const DEFAULT_ATTEMPT_TIMEOUT_MS = 10_000;
/**
 * `9990001 TOKEN_NOT_EXIST`: what the gateway answers for a missing, unknown or expired
 * `authenticator` token (seen by integrators on cloud.api). The pages document no such code.
 */
export const DEFAULT_AUTH_FAILURE_CODES: readonly string[] = [TOKEN_NOT_EXIST_CODE];

export interface OvoparkClientOptions extends ClientOptions {
  /** Developer key (`_akey`). */
  akey: string;
  /** Signing secret (`_asid`). Never sent; only hashed. */
  secret: string;
  /** Login name for `mobileLogin`, sent as its `userName` field. */
  account: string;
  /** Plain login password; sent as its lowercase MD5 hex unless `passwordEncoding` is `'plain'`. */
  password: string;
  /** How `mobileLogin` sends the password: `'md5'` (lowercase hex, the default, as the pages say) or `'plain'` (as typed, as the SDK example does). */
  passwordEncoding?: PasswordEncoding;
  /** Application id (`_aid`); default `S107`. Applications registered on cloud.api have their own, e.g. `DC-000392`. */
  aid?: string;
  /** Default `https://openapi.opretail.com`; also `https://cloudapi.ovopark.com` (`CLOUDAPI_BASE_URL`). */
  baseUrl?: string;
  /** `_sm`; default `md5`. */
  signMethod?: SignMethod;
  /** IANA zone of `_timestamp` and of range strings; default `Asia/Shanghai`, the platform's. */
  timeZone?: string;
  /** Budget of one call in milliseconds, retries and backoff included; default 30 000. */
  timeoutMs?: number;
  /** Time limit of one HTTP attempt in milliseconds (an attempt that runs out is retried); default 10 000. */
  attemptTimeoutMs?: number;
  /** Retries of the codes the spec marks retryable (`-999`, `-500`, `-100`), connection errors and attempt timeouts; default 3 attempts, 200 ms base, 2 s cap, full jitter. */
  retry?: Partial<RetryPolicy>;
  /** `stat.code`s that mean "token refused": searchPos logs in again once and repeats the call once. Default `['9990001']`. */
  authFailureCodes?: readonly string[];
  /**
   * Receives each distinct warning once: an answer that breaks only what the contract infers
   * (e.g. tickets under `data.records`) is used anyway, and this says what did not match and which
   * spec file to correct. Default: `console.warn` of the message.
   */
  onWarning?: WarningHandler;
  /** A fetch to send through (tests, proxies), called with one `Request` per attempt; default the global fetch. */
  fetch?: FetchLike;
  /** The clock behind `_timestamp`; default `() => new Date()`. */
  now?: () => Date;
}

/** Per-call options: the caller's `signal`, and `timeoutMs` / `retry` overriding the client's for this call. */
export type RequestOptions = CallOptions;

/** What a client runs on: every option checked, defaults applied. */
export interface Settings {
  akey: string;
  secret: string;
  account: string;
  password: string;
  /** Lowercase MD5 hex of the password (sent by default, masked always). */
  digest: string;
  passwordEncoding: PasswordEncoding;
  aid: string;
  baseUrl: string;
  signMethod: SignMethod;
  clock: TimestampClock;
  timeoutMs: number;
  attemptTimeoutMs: number;
  retry: Partial<RetryPolicy> | undefined;
  authFailureCodes: ReadonlySet<string>;
  onWarning: WarningHandler | undefined;
  fetch: FetchLike | undefined;
}

const FACTORY = 'createOvoparkClient';

function required(name: string, value: unknown): string {
  if (typeof value !== 'string' || value === '') {
    throw new OvoparkInputError(`${FACTORY}: option ${name} is required (a non-empty string).`);
  }
  return value;
}

function oneOf<T extends string>(name: string, value: T | undefined, allowed: readonly T[], fallback: T): T {
  const v = value ?? fallback;
  if (!allowed.includes(v)) {
    const choices = allowed.map((a) => JSON.stringify(a)).join(' or ');
    throw new OvoparkInputError(
      `${FACTORY}: ${name} must be ${choices} (default "${fallback}"), not ${JSON.stringify(v)}.`,
    );
  }
  return v;
}

/** The settings of a client, or an `OvoparkInputError` naming the first bad option (messages may quote it: scrub them). */
export function resolveSettings(options: OvoparkClientOptions): Settings {
  const akey = required('akey', options.akey);
  const secret = required('secret', options.secret);
  const account = required('account', options.account);
  const password = required('password', options.password);
  const passwordEncoding = oneOf('passwordEncoding', options.passwordEncoding, ['md5', 'plain'], 'md5');
  const aid = options.aid ?? DEFAULT_AID;
  // The contract's limit (SystemParams._aid); a wrong but well-formed id is the gateway's code 12.
  if (typeof aid !== 'string' || aid.trim() === '' || aid.length > 20) {
    throw new OvoparkInputError(
      `${FACTORY}: option aid must be the application id issued with your akey, 1 to 20 characters ` +
        `(default ${DEFAULT_AID}; cloud.api applications have their own, e.g. DC-000392), not ${JSON.stringify(aid)}.`,
    );
  }
  const signMethod = oneOf('signMethod', options.signMethod, ['md5', 'sha1'], 'md5');
  const timeZone = options.timeZone ?? PLATFORM_TIME_ZONE;
  let clock: TimestampClock;
  try {
    clock = new TimestampClock(timeZone, options.now ?? (() => new Date()));
  } catch {
    throw new OvoparkInputError(
      `${FACTORY}: timeZone ${JSON.stringify(timeZone)} is not an IANA time zone; use e.g. "Asia/Shanghai" (the default).`,
    );
  }
  const problems = clientOptionProblems(options, FACTORY);
  if (problems.length > 0) {
    const baseUrlHint = problems.some((p) => p.includes('baseUrl'))
      ? ` The default baseUrl is ${DEFAULT_BASE_URL}.`
      : '';
    throw new OvoparkInputError(problems.join(' ') + baseUrlHint);
  }
  return {
    akey,
    secret,
    account,
    password,
    digest: passwordDigest(password),
    passwordEncoding,
    aid,
    baseUrl: options.baseUrl ?? DEFAULT_BASE_URL,
    signMethod,
    clock,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    attemptTimeoutMs: options.attemptTimeoutMs ?? DEFAULT_ATTEMPT_TIMEOUT_MS,
    retry: options.retry,
    authFailureCodes: new Set((options.authFailureCodes ?? DEFAULT_AUTH_FAILURE_CODES).map(String)),
    onWarning: options.onWarning,
    fetch: options.fetch,
  };
}

/** Per-call options checked like the client's; a bad one is refused before anything is sent. */
export function checkCallOptions(options: RequestOptions, operation: string): void {
  const problems = clientOptionProblems({ timeoutMs: options.timeoutMs, retry: options.retry }, operation);
  if (problems.length > 0) throw new OvoparkInputError(problems.join(' '), operation);
}
