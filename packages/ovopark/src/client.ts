/**
 * The Ovopark client: the adapter between the kernel's transport (see `gateway.ts`) and its
 * callers. It builds each operation's signed form, keeps the login token, decides what an answer
 * means (the data, read leniently where the contract only infers, or the typed error), logs in
 * again once when a token is refused, and runs the range fetches.
 */
import { callSignal, redact, type CallSignal } from '@orderkit/core';
import { NO_DATA_CODE, SUCCESS_CODE } from './codes.js';
import { checkParams, methodOf, MOBILE_LOGIN, SEARCH_POS, successData, warmUp, type OvoparkPath } from './contract.js';
import { apiError } from './envelope.js';
import { OvoparkApiError, OvoparkError, OvoparkInputError } from './errors.js';
import { createGateway, type Sent } from './gateway.js';
import type {
  SchemaMobileLoginData,
  SchemaMobileLoginForm,
  SchemaPosTicket,
  SchemaSearchPosData,
  SchemaSearchPosForm,
  SchemaSearchPosParams,
} from './generated/openapi.js';
import { passwordDigest, TokenCache } from './login.js';
import {
  checkCallOptions,
  resolveSettings,
  type OvoparkClientOptions,
  type RequestOptions,
  type Settings,
} from './options.js';
import { pageWarning, readPage } from './page.js';
import { searchPosRange, streamPosRange, type PageFetcher, type SearchPosRangeParams } from './range.js';
import { debugSigningString } from './sign.js';
import { defaultWarningHandler, foldIssues, mismatchWarning, onceEach, type OvoparkWarning } from './warnings.js';

/** searchPos's (inferred) business parameters; paging falls back to the platform's defaults when left out. */
export type SearchPosParams = Pick<SchemaSearchPosParams, 'depId' | 'startTime' | 'endTime'> &
  Partial<Pick<SchemaSearchPosParams, 'pageNumber' | 'pageSize'>>;

/**
 * One page. Its shape is an inference: when the answer does not match it, the tickets are read
 * from the list-like field the answer has (see `page.ts`), a warning says which, and the fields
 * of `data` as received are kept alongside.
 */
export type SearchPosPage = SchemaSearchPosData & Record<string, unknown>;

export interface OvoparkClient {
  /** The cached token, or one login shared by every concurrent caller; `refresh: true` logs in anew. */
  mobileLogin(options?: RequestOptions & { refresh?: boolean }): Promise<SchemaMobileLoginData>;
  /** One page of tickets (at most one hour, at most 100 per page). */
  searchPos(params: SearchPosParams, options?: RequestOptions): Promise<SearchPosPage>;
  /**
   * Every ticket of any range, each once: one-hour windows, all pages, bounded concurrency and
   * calls. `timeoutMs` and `retry` apply to each searchPos call of the range; `signal` to the range.
   */
  searchPosRange(params: SearchPosRangeParams, options?: RequestOptions): Promise<SchemaPosTicket[]>;
  /** searchPosRange as an async iterator, yielding tickets as their pages arrive. */
  streamPosRange(params: SearchPosRangeParams, options?: RequestOptions): AsyncIterable<SchemaPosTicket>;
}

/** A searchPos call as the range runs it: the caller's options, and the budget's hook before every attempt. */
interface PageCall extends RequestOptions {
  beforeAttempt?: (() => void) | undefined;
}

/** Input errors quote the offending value, which could be a misplaced secret. */
const scrubInput = (error: unknown, scrub: (text: string) => string): unknown =>
  error instanceof OvoparkInputError ? new OvoparkInputError(scrub(error.message), error.operation) : error;

export function createOvoparkClient(options: OvoparkClientOptions): OvoparkClient {
  let settings: Settings;
  try {
    settings = resolveSettings(options);
  } catch (error) {
    const { secret, password } = options;
    const digest = typeof password === 'string' ? passwordDigest(password) : undefined;
    throw scrubInput(error, (text) => redact(text, [secret, password, digest, digest?.toUpperCase()]));
  }
  return buildClient(settings);
}

function buildClient(s: Settings): OvoparkClient {
  // Every token ever received, so an echo of an old one is masked too.
  const tokensSeen = new Set<string>();
  const secrets = [s.secret, s.password, s.digest, s.digest.toUpperCase()];
  const scrub = (text: string): string => redact(text, [...secrets, ...tokensSeen]);
  const scrubbed = (error: unknown): unknown => scrubInput(error, scrub);
  const once = onceEach(s.onWarning ?? defaultWarningHandler);
  // Field names in a warning come from the answer: masked like everything the gateway sends back.
  const warn = (w: OvoparkWarning): void =>
    once({ ...w, message: scrub(w.message), field: w.field === undefined ? undefined : scrub(w.field) });
  const gateway = createGateway(s, scrub);
  warmUp([SEARCH_POS, MOBILE_LOGIN], ['SearchPosParams']);

  /** The system parameters of one call, with a fresh `_timestamp`; `_sig` is the serializer's. */
  const system = <M extends string>(mt: M) => ({
    _requestMode: 'post' as const,
    _version: 'v1',
    _aid: s.aid,
    _akey: s.akey,
    _mt: mt,
    _sm: s.signMethod,
    _timestamp: s.clock.next(),
  });

  /** What an answer means: a success's data (and the mismatches in inferred parts), else the typed failure. */
  function meaning(path: OvoparkPath, sent: Sent) {
    const method = methodOf(path);
    if (sent.answer.code !== SUCCESS_CODE) {
      throw apiError(sent.answer, {
        method,
        attempts: sent.attempts,
        scrub,
        maskedSigningString: () => scrub(debugSigningString(sent.signed ?? {}, s.secret)),
      });
    }
    const { data, warnings } = successData(path, sent.answer, sent.status, scrub);
    return { data, warnings: foldIssues(warnings, scrub) };
  }

  /** A wait under the call's signal (for the token): when the signal ends it, the call's timeout or abort. */
  async function within<T>(promise: Promise<T>, call: CallSignal, timeoutMs: number, method: string): Promise<T> {
    try {
      return await promise;
    } catch (error) {
      if (error instanceof OvoparkError || !call.signal.aborted) throw error;
      throw gateway.failure(method, error, { call, timeoutMs });
    }
  }

  // The login runs on the client's own budget, never a caller's: callers share it and may stop waiting.
  const tokens = new TokenCache(async () => {
    const form: SchemaMobileLoginForm = {
      ...system(methodOf(MOBILE_LOGIN)),
      userName: s.account,
      password: s.passwordEncoding === 'plain' ? s.password : s.digest,
      _sig: '',
    };
    const call = callSignal(s.timeoutMs);
    const sent = await gateway.mobileLogin(form, { call, timeoutMs: s.timeoutMs }).finally(() => call.end());
    const { data, warnings } = meaning(MOBILE_LOGIN, sent);
    // Validated against the contract by `meaning`, whose `token` is documented (strict).
    const { token } = data as SchemaMobileLoginData;
    tokensSeen.add(token);
    if (warnings.length > 0) warn(mismatchWarning(methodOf(MOBILE_LOGIN), warnings));
    return token;
  });

  /** The page, read leniently when the answer breaks the inferred shape of `data` (one warning says how). */
  function pageOf({ data, warnings }: ReturnType<typeof meaning>): SearchPosPage {
    if (warnings.length === 0) return data as SearchPosPage;
    const reading = readPage(data);
    warn(pageWarning(methodOf(SEARCH_POS), reading, warnings));
    return reading.page as SearchPosPage;
  }

  async function searchPosWith(params: SearchPosParams, options: PageCall): Promise<SearchPosPage> {
    const method = methodOf(SEARCH_POS);
    const business = {
      depId: params.depId,
      startTime: params.startTime,
      endTime: params.endTime,
      pageNumber: params.pageNumber,
      pageSize: params.pageSize,
    };
    try {
      checkParams('SearchPosParams', method, business);
      checkCallOptions(options, method);
    } catch (error) {
      throw scrubbed(error);
    }
    const timeoutMs = options.timeoutMs ?? s.timeoutMs;
    const call = callSignal(timeoutMs, options.signal);
    const send = async (token: string): Promise<SearchPosPage> => {
      const form: SchemaSearchPosForm = { ...system(method), ...business, _sig: '' };
      const sent = await gateway.searchPos(form, {
        call,
        timeoutMs,
        retry: options.retry,
        token,
        beforeAttempt: options.beforeAttempt,
      });
      return pageOf(meaning(SEARCH_POS, sent));
    };
    try {
      const token = tokens.current ?? (await within(tokens.get(call.signal), call, timeoutMs, method));
      try {
        return await send(token);
      } catch (error) {
        if (!(error instanceof OvoparkApiError && s.authFailureCodes.has(error.code))) throw error;
        // Exactly one new login (shared by the calls that saw the same token refused), then the call
        // once more; a second refusal is thrown as it is.
        return await send(await within(tokens.refresh(token, call.signal), call, timeoutMs, method));
      }
    } finally {
      call.end();
    }
  }

  /** The range's pages: each a searchPos call with the caller's options, counted by the range's budget. */
  function pages(options: RequestOptions): PageFetcher {
    try {
      checkCallOptions(options, 'searchPosRange');
    } catch (error) {
      throw scrubbed(error);
    }
    const { timeoutMs, retry } = options;
    return {
      timeZone: s.clock.timeZone,
      fetchPage: (params, call) =>
        searchPosWith(params, { timeoutMs, retry, signal: call.signal, beforeAttempt: call.beforeCall }).catch(
          (error: unknown) => {
            // A window without tickets may be answered "no data" instead of an empty page (inference).
            if (error instanceof OvoparkApiError && error.code === NO_DATA_CODE) {
              return { total: 0, content: [] } satisfies SearchPosPage;
            }
            throw error;
          },
        ),
    };
  }

  return {
    async mobileLogin(options = {}) {
      const method = methodOf(MOBILE_LOGIN);
      checkCallOptions(options, method);
      const timeoutMs = options.timeoutMs ?? s.timeoutMs;
      const call = callSignal(timeoutMs, options.signal);
      try {
        const wait = options.refresh ? tokens.refresh(undefined, call.signal) : tokens.get(call.signal);
        return { token: await within(wait, call, timeoutMs, method) };
      } finally {
        call.end();
      }
    },
    searchPos: (params, options = {}) => searchPosWith(params, options),
    searchPosRange: async (params, options = {}) => {
      try {
        return await searchPosRange(pages(options), params, options.signal);
      } catch (error) {
        throw scrubbed(error);
      }
    },
    streamPosRange: (params, options = {}) => {
      try {
        return streamPosRange(pages(options), params, options.signal);
      } catch (error) {
        throw scrubbed(error);
      }
    },
  };
}
