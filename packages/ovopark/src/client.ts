/**
 * The Ovopark client: openapi-fetch over the `/cloud.api#<method>` operations of the spec, with
 * the gateway's signed form body, the login token, bounded retries of the platform's transient
 * codes, a timeout per HTTP call, and typed errors.
 */
import createClient from 'openapi-fetch';
import type { ValidationWarning } from '@orderkit/openapi-ajv';
import { DEFAULT_RETRY_POLICY, isTimeout, redact, withRetry, type RetryPolicy } from '@orderkit/core';
import { NO_DATA_CODE, RETRYABLE_CODES, SUCCESS_CODE, TOKEN_NOT_EXIST_CODE } from './codes.js';
import { checkParams, methodOf, successData, warmUp, type OvoparkPath } from './contract.js';
import { Deadlines } from '@orderkit/core';
import { apiError, readAnswer, type Answer } from './envelope.js';
import {
  OvoparkAbortError,
  OvoparkApiError,
  OvoparkConnectionError,
  OvoparkError,
  OvoparkInputError,
  OvoparkTimeoutError,
} from './errors.js';
import { signedFormSerializer, type WireParams } from './form.js';
import type {
  paths,
  SchemaMobileLoginData,
  SchemaMobileLoginParams,
  SchemaPosTicket,
  SchemaSearchPosData,
  SchemaSearchPosParams,
  SchemaSystemParams,
} from './generated/openapi.js';
import { passwordDigest, TokenCache, type PasswordEncoding } from './login.js';
import { pageWarning, readPage } from './page.js';
import { searchPosRange, streamPosRange, type CallHook, type SearchPosRangeParams } from './range.js';
import { debugSigningString, type SignMethod } from './sign.js';
import { PLATFORM_TIME_ZONE, TimestampClock } from './timestamp.js';
import { wireFetch, WireRequest, type FetchFunction } from './transport.js';
import {
  defaultWarningHandler,
  foldIssues,
  mismatchWarning,
  onceEach,
  type OvoparkWarning,
  type WarningHandler,
} from './warnings.js';

export const DEFAULT_BASE_URL = 'https://openapi.opretail.com';
/** The newer gateway (ovopark/openplatform-sdk README.md); same `/cloud.api`, applications with their own `aid`. */
export const CLOUDAPI_BASE_URL = 'https://cloudapi.ovopark.com';
/** The older platform's fixed application id; `cloud.api` applications have their own (e.g. `DC-000392`). */
export const DEFAULT_AID = 'S107';
/**
 * Per HTTP call. The gateway answers a 100-ticket page in well under a second; 10 s leaves room
 * for a slow cross-border link while keeping a hung connection from stalling a range fetch (each
 * retry gets its own 10 s, so one searchPos waits at most about maxAttempts × 10 s plus backoff).
 */
export const DEFAULT_TIMEOUT_MS = 10_000;
/**
 * `9990001 TOKEN_NOT_EXIST`: what the gateway answers for a missing, unknown or expired
 * `authenticator` token (seen by integrators on cloud.api). The pages document no such code.
 */
export const DEFAULT_AUTH_FAILURE_CODES: readonly string[] = [TOKEN_NOT_EXIST_CODE];

const SEARCH_POS = '/cloud.api#open.ovopark.pos.searchPos' satisfies OvoparkPath;
const MOBILE_LOGIN = '/cloud.api#open.shopweb.security.mobileLogin' satisfies OvoparkPath;
/**
 * What the SDKs send (ovopark/openplatform-sdk `ApiConst.java`, erdengzhazha/open_ovopark_sdk
 * `OkClient.java`). The body is UTF-8 percent-escapes either way; naming the charset keeps a
 * gateway or proxy from guessing another one for non-ASCII values, which are signed as UTF-8.
 */
const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded;charset=utf-8';
/** The header that carries the login token (the SDKs' name; the pages only say "the token"). */
const TOKEN_HEADER = 'authenticator';

const SYSTEM = {
  _requestMode: 'post',
  _version: 'v1',
} as const satisfies Partial<SchemaSystemParams>;

export interface OvoparkClientOptions {
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
  /** Per HTTP call, in milliseconds; default 10 000. */
  timeoutMs?: number;
  /** Retries of `-999`/`-500`; default 3 attempts, 200 ms base, 2 s cap, full jitter. */
  retry?: Partial<RetryPolicy>;
  /** `stat.code`s that mean "token refused": searchPos logs in again once and repeats the call once. Default `['9990001']`. */
  authFailureCodes?: readonly string[];
  /**
   * Receives each distinct warning once: an answer that breaks only what the contract infers
   * (e.g. tickets under `data.records`) is used anyway, and this says what did not match and which
   * spec file to correct. Default: `console.warn` of the message.
   */
  onWarning?: WarningHandler;
  /** A fetch to send through (tests, proxies); default the global fetch. */
  fetch?: FetchFunction;
  /** The clock behind `_timestamp`; default `() => new Date()`. */
  now?: () => Date;
}

/** searchPos's (inferred) business parameters; paging falls back to the platform's defaults when left out. */
export type SearchPosParams = Pick<SchemaSearchPosParams, 'depId' | 'startTime' | 'endTime'> &
  Partial<Pick<SchemaSearchPosParams, 'pageNumber' | 'pageSize'>>;

/**
 * One page. Its shape is an inference: when the answer does not match it, the tickets are read
 * from the list-like field the answer has (see `page.ts`), a warning says which, and the fields
 * of `data` as received are kept alongside.
 */
export type SearchPosPage = SchemaSearchPosData & Record<string, unknown>;

export interface RequestOptions {
  signal?: AbortSignal;
}

export interface OvoparkClient {
  /** The cached token, or one login shared by every concurrent caller; `refresh: true` logs in anew. */
  mobileLogin(options?: RequestOptions & { refresh?: boolean }): Promise<SchemaMobileLoginData>;
  /** One page of tickets (at most one hour, at most 100 per page). */
  searchPos(params: SearchPosParams, options?: RequestOptions): Promise<SearchPosPage>;
  /** Every ticket of any range, each once: one-hour windows, all pages, bounded concurrency and calls. */
  searchPosRange(params: SearchPosRangeParams, options?: RequestOptions): Promise<SchemaPosTicket[]>;
  /** searchPosRange as an async iterator, yielding tickets as their pages arrive. */
  streamPosRange(params: SearchPosRangeParams, options?: RequestOptions): AsyncIterable<SchemaPosTicket>;
}

type FormOf<P extends OvoparkPath> = paths[P]['post']['requestBody']['content']['application/x-www-form-urlencoded'];
type DataOf<P extends OvoparkPath> = NonNullable<
  paths[P]['post']['responses'][200]['content']['application/json']['data']
>;
type BusinessOf<P extends OvoparkPath> = Omit<FormOf<P>, keyof SchemaSystemParams>;

interface CallOptions {
  signal?: AbortSignal | undefined;
  token?: string | undefined;
  /** Runs before every HTTP call, retries included; may throw to stop the call (call budgets). */
  beforeCall?: CallHook | undefined;
}

function required(name: string, value: unknown): string {
  if (typeof value !== 'string' || value === '') {
    throw new OvoparkInputError(`createOvoparkClient: option ${name} is required (a non-empty string).`);
  }
  return value;
}

/** Input errors quote the offending value, which could be a misplaced secret. */
const scrubInput = (error: unknown, scrub: (text: string) => string): unknown =>
  error instanceof OvoparkInputError ? new OvoparkInputError(scrub(error.message)) : error;

export function createOvoparkClient(options: OvoparkClientOptions): OvoparkClient {
  try {
    return buildClient(options);
  } catch (error) {
    const { secret, password } = options;
    const digest = typeof password === 'string' ? passwordDigest(password) : undefined;
    throw scrubInput(error, (text) => redact(text, [secret, password, digest, digest?.toUpperCase()]));
  }
}

function buildClient(options: OvoparkClientOptions): OvoparkClient {
  const akey = required('akey', options.akey);
  const secret = required('secret', options.secret);
  const account = required('account', options.account);
  const password = required('password', options.password);
  const digest = passwordDigest(password);
  const passwordEncoding: PasswordEncoding = options.passwordEncoding ?? 'md5';
  if (passwordEncoding !== 'md5' && passwordEncoding !== 'plain') {
    throw new OvoparkInputError(
      `createOvoparkClient: passwordEncoding must be "md5" (the default) or "plain", not ${JSON.stringify(passwordEncoding)}.`,
    );
  }
  const aid = options.aid ?? DEFAULT_AID;
  // The contract's limit (SystemParams._aid); a wrong but well-formed id is the gateway's code 12.
  if (typeof aid !== 'string' || aid.trim() === '' || aid.length > 20) {
    throw new OvoparkInputError(
      `createOvoparkClient: option aid must be the application id issued with your akey, 1 to 20 characters ` +
        `(default ${DEFAULT_AID}; cloud.api applications have their own, e.g. DC-000392), not ${JSON.stringify(aid)}.`,
    );
  }
  // Every token ever received, so an echo of an old one is masked too.
  const tokensSeen = new Set<string>();
  const secrets = (): string[] => [secret, password, digest, digest.toUpperCase(), ...tokensSeen];
  const scrub = (text: string): string => redact(text, secrets());
  const scrubbed = (error: unknown): unknown => scrubInput(error, scrub);
  const once = onceEach(options.onWarning ?? defaultWarningHandler);
  // Field names in a warning come from the answer: masked like everything the gateway sends back.
  const warn = (w: OvoparkWarning): void =>
    once({ ...w, message: scrub(w.message), field: w.field === undefined ? undefined : scrub(w.field) });
  const signMethod: SignMethod = options.signMethod ?? 'md5';
  if (signMethod !== 'md5' && signMethod !== 'sha1') {
    throw new OvoparkInputError(
      `createOvoparkClient: signMethod must be "md5" or "sha1", not ${JSON.stringify(signMethod)}.`,
    );
  }
  const timeZone = options.timeZone ?? PLATFORM_TIME_ZONE;
  let clock: TimestampClock;
  try {
    clock = new TimestampClock(timeZone, options.now ?? (() => new Date()));
  } catch {
    throw new OvoparkInputError(
      `createOvoparkClient: timeZone ${JSON.stringify(timeZone)} is not an IANA time zone; use e.g. "Asia/Shanghai" (the default).`,
    );
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!(Number.isFinite(timeoutMs) && timeoutMs > 0)) {
    throw new OvoparkInputError(
      `createOvoparkClient: timeoutMs must be a positive number of milliseconds, not ${timeoutMs}.`,
    );
  }
  const deadlines = new Deadlines(timeoutMs);
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const authFailureCodes = new Set((options.authFailureCodes ?? DEFAULT_AUTH_FAILURE_CODES).map(String));
  const baseUrl = options.baseUrl ?? DEFAULT_BASE_URL;
  try {
    new URL(baseUrl);
  } catch {
    throw new OvoparkInputError(
      `createOvoparkClient: baseUrl ${JSON.stringify(baseUrl)} is not an absolute URL; the default is ${DEFAULT_BASE_URL}.`,
    );
  }

  const http = createClient<paths>({
    baseUrl,
    // openapi-fetch types these as the DOM's Request; see transport.ts for why a lighter stand-in.
    Request: WireRequest as unknown as typeof Request,
    fetch: wireFetch(options.fetch) as unknown as FetchFunction,
  });
  warmUp([SEARCH_POS, MOBILE_LOGIN], ['SearchPosParams']);

  /** One HTTP call: fresh `_timestamp`, signed in the serializer, under its own deadline. */
  async function attempt<P extends OvoparkPath>(
    path: P,
    business: BusinessOf<P>,
    call: CallOptions,
  ): Promise<{ answer: Answer; status: number; signed: WireParams | undefined }> {
    const method = methodOf(path);
    const unsigned = {
      ...SYSTEM,
      _aid: aid,
      _akey: akey,
      _mt: method,
      _sm: signMethod,
      _timestamp: clock.next(),
      ...business,
    };
    let signed: WireParams | undefined;
    const headers: Record<string, string> = { 'Content-Type': FORM_CONTENT_TYPE };
    if (call.token !== undefined) headers[TOKEN_HEADER] = call.token;
    const limit = deadlines.start(call.signal);
    try {
      // One transport for every operation: openapi-fetch cannot resolve its init type for a generic
      // path, so the call is typed as searchPos while path and body both come from operation P.
      // `_sig` is missing from the body on purpose: the serializer adds it over the exact strings it encodes.
      const { data, error, response } = await http.POST(path as typeof SEARCH_POS, {
        body: unsigned as unknown as FormOf<typeof SEARCH_POS>,
        bodySerializer: signedFormSerializer(secret, signMethod, (params) => (signed = params)),
        headers,
        parseAs: 'text',
        signal: limit.signal,
      });
      const text = response.ok ? data : typeof error === 'string' ? error : JSON.stringify(error);
      return { answer: readAnswer(text, response.status, method, scrub), status: response.status, signed };
    } catch (error) {
      if (error instanceof OvoparkError) throw error;
      if (limit.signal.aborted && isTimeout(limit.signal.reason)) {
        throw new OvoparkTimeoutError(
          `${method}: no complete answer within ${timeoutMs} ms. The gateway may be slow or unreachable from here; ` +
            `retry later, or raise the timeoutMs option (default ${DEFAULT_TIMEOUT_MS}).`,
          method,
          timeoutMs,
        );
      }
      if (call.signal?.aborted) throw abortError(method);
      const reason =
        error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
      throw new OvoparkConnectionError(
        `${method}: could not reach the gateway at ${baseUrl} (${scrub(reason)}). Check baseUrl, DNS and the network; retry later.`,
        method,
        error,
      );
    } finally {
      limit.clear();
    }
  }

  const abortError = (method: string) =>
    new OvoparkAbortError(`${method}: aborted by the caller's signal before an answer was read.`, method);

  /** One request: bounded retries of the transient codes, then the data (and any inferred-part mismatches) or the typed error. */
  async function request<P extends OvoparkPath>(
    path: P,
    business: BusinessOf<P>,
    call: CallOptions,
  ): Promise<{ data: DataOf<P>; warnings: ValidationWarning[] }> {
    const method = methodOf(path);
    let attempts = 0;
    let last: Awaited<ReturnType<typeof attempt>>;
    try {
      last = await withRetry(
        () => {
          call.beforeCall?.();
          attempts += 1;
          return attempt(path, business, call);
        },
        {
          policy,
          ...(call.signal ? { signal: call.signal } : {}),
          shouldRetry: (outcome) => outcome.ok && RETRYABLE_CODES.has(outcome.value.answer.code),
        },
      );
    } catch (error) {
      // withRetry's backoff rejects with the raw abort reason.
      if (!(error instanceof OvoparkError) && call.signal?.aborted) throw abortError(method);
      throw error;
    }
    const { answer, status, signed } = last;
    if (answer.code === SUCCESS_CODE) {
      const { data, warnings } = successData(path, answer, status, scrub);
      return { data: data as DataOf<P>, warnings: foldIssues(warnings, scrub) };
    }
    throw apiError(answer, {
      method,
      attempts,
      scrub,
      maskedSigningString: () => scrub(debugSigningString(signed ?? {}, secret)),
    });
  }

  const tokens = new TokenCache(async () => {
    const sent = passwordEncoding === 'plain' ? password : digest;
    const business: BusinessOf<typeof MOBILE_LOGIN> = {
      userName: account,
      password: sent,
    } satisfies SchemaMobileLoginParams;
    const { data, warnings } = await request(MOBILE_LOGIN, business, {});
    tokensSeen.add(data.token);
    if (warnings.length > 0) warn(mismatchWarning(methodOf(MOBILE_LOGIN), warnings));
    return data.token;
  });

  /** The page, read leniently when the answer breaks the inferred shape of `data` (one warning says how). */
  function pageOf({ data, warnings }: { data: SchemaSearchPosData; warnings: ValidationWarning[] }): SearchPosPage {
    if (warnings.length === 0) return data as SearchPosPage;
    const reading = readPage(data);
    warn(pageWarning(methodOf(SEARCH_POS), reading, warnings));
    return reading.page as SearchPosPage;
  }

  async function searchPosWith(params: SearchPosParams, call: CallOptions): Promise<SearchPosPage> {
    const business = {
      depId: params.depId,
      startTime: params.startTime,
      endTime: params.endTime,
      pageNumber: params.pageNumber,
      pageSize: params.pageSize,
    };
    try {
      checkParams('SearchPosParams', methodOf(SEARCH_POS), business);
    } catch (error) {
      throw scrubbed(error);
    }
    const form = business as BusinessOf<typeof SEARCH_POS>;
    let token = tokens.current ?? (await withAbort(tokens.get(call.signal), SEARCH_POS, call.signal));
    try {
      return pageOf(await request(SEARCH_POS, form, { ...call, token }));
    } catch (error) {
      if (!(error instanceof OvoparkApiError && authFailureCodes.has(error.code))) throw error;
      // Exactly one new login (shared by the calls that saw the same token refused), then the call
      // once more; a second refusal is thrown as it is.
      token = await withAbort(tokens.refresh(token, call.signal), SEARCH_POS, call.signal);
      return pageOf(await request(SEARCH_POS, form, { ...call, token }));
    }
  }

  async function withAbort<T>(promise: Promise<T>, path: OvoparkPath, signal: AbortSignal | undefined): Promise<T> {
    try {
      return await promise;
    } catch (error) {
      if (!(error instanceof OvoparkError) && signal?.aborted) throw abortError(methodOf(path));
      throw error;
    }
  }

  const pageFetcher = {
    timeZone,
    fetchPage: (params: SearchPosParams, call: CallOptions) =>
      searchPosWith(params, call).catch((error: unknown) => {
        // A window without tickets may be answered "no data" instead of an empty page (inference).
        if (error instanceof OvoparkApiError && error.code === NO_DATA_CODE) {
          return { total: 0, content: [] } satisfies SearchPosPage;
        }
        throw error;
      }),
  };

  return {
    async mobileLogin(opts = {}) {
      const token = await withAbort(
        opts.refresh ? tokens.refresh(undefined, opts.signal) : tokens.get(opts.signal),
        MOBILE_LOGIN,
        opts.signal,
      );
      return { token };
    },
    searchPos: (params, opts = {}) => searchPosWith(params, { signal: opts.signal }),
    searchPosRange: (params, opts = {}) =>
      searchPosRange(pageFetcher, params, opts.signal).catch((error: unknown) => {
        throw scrubbed(error);
      }),
    streamPosRange: (params, opts = {}) => {
      try {
        return streamPosRange(pageFetcher, params, opts.signal);
      } catch (error) {
        throw scrubbed(error);
      }
    },
  };
}
