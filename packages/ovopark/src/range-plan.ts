/**
 * What a range fetch will do, decided before any call: the input checked (a bad range fails at the
 * call site, before anything is sent), the one-hour windows (`208016`), the page size (`208015`),
 * the call budget (`208017` allows 300) and the concurrency.
 */
import { OvoparkInputError, type RangeWindow } from './errors.js';
import type { SchemaSearchPosData, SchemaSearchPosParams } from './generated/openapi.js';
import spec from './generated/spec.js';
import { formatDateTime, parseDateTime } from './timestamp.js';

/** `208016`: a query covers at most one hour. */
export const MAX_WINDOW_MS = 60 * 60 * 1000;
/** `208015`, as the spec bounds SearchPosParams.pageSize. */
export const MAX_PAGE_SIZE: number = spec.components.schemas.SearchPosParams.properties.pageSize.maximum;
/** `208017`: the platform's quota of calls. */
export const DEFAULT_CALL_BUDGET = 300;
export const DEFAULT_CONCURRENCY = 2;

export interface RangeProgress {
  windowsDone: number;
  windowsTotal: number;
  pages: number;
  /** Distinct tickets so far. */
  tickets: number;
  /** searchPos HTTP calls so far, retries included. */
  calls: number;
}

export interface SearchPosRangeParams {
  depId: SchemaSearchPosParams['depId'];
  /** `yyyy-MM-dd HH:mm:ss` in the client's time zone (the platform's), or a Date. */
  from: string | Date;
  /** Inclusive end, same forms as `from`. */
  to: string | Date;
  /** Tickets per page, at most 100; default 100. */
  pageSize?: number;
  /** searchPos calls in flight at once; default 2. */
  concurrency?: number;
  /** Most searchPos HTTP calls this range may make, retries included; default 300. */
  callBudget?: number;
  onProgress?: (progress: RangeProgress) => void;
  /**
   * Called when the range's complete part grows: every ticket before `until` (`yyyy-MM-dd
   * HH:mm:ss`, the start of the earliest window not fetched completely; the range's end once all
   * are) has been delivered. A range that stops (budget, timeout, error) can be resumed from there.
   */
  onCompleteUntil?: (until: string) => void;
}

/** Runs before each HTTP attempt, retries included; throws to refuse it. */
export type CallHook = () => void;

export interface PageFetcher {
  timeZone: string;
  fetchPage(
    params: Pick<SchemaSearchPosParams, 'depId' | 'startTime' | 'endTime' | 'pageNumber' | 'pageSize'>,
    call: { signal?: AbortSignal; beforeCall?: CallHook },
  ): Promise<SchemaSearchPosData>;
}

export interface Plan {
  depId: number;
  pageSize: number;
  concurrency: number;
  callBudget: number;
  windows: RangeWindow[];
  onProgress: ((progress: RangeProgress) => void) | undefined;
  onCompleteUntil: ((until: string) => void) | undefined;
}

function positiveInteger(name: string, value: number | undefined, fallback: number, max = Infinity): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < 1 || v > max) {
    throw new OvoparkInputError(
      `searchPosRange: ${name} must be an integer from 1${max < Infinity ? ` to ${max}` : ''}, not ${String(value)}.`,
    );
  }
  return v;
}

function instant(name: string, value: string | Date, timeZone: string): number {
  if (value instanceof Date) {
    const ms = value.getTime();
    if (Number.isNaN(ms)) throw new OvoparkInputError(`searchPosRange: ${name} is an invalid Date.`);
    return Math.floor(ms / 1000) * 1000;
  }
  const ms = typeof value === 'string' ? parseDateTime(value, timeZone) : undefined;
  if (ms === undefined) {
    throw new OvoparkInputError(
      `searchPosRange: ${name} ${JSON.stringify(value)} is not a date; pass a Date or 'yyyy-MM-dd HH:mm:ss' in ${timeZone}.`,
    );
  }
  return ms;
}

/** Consecutive windows of at most one hour; each starts where the previous ended (the server's ends are inclusive). */
export function splitWindows(fromMs: number, toMs: number, timeZone: string): RangeWindow[] {
  const windows: RangeWindow[] = [];
  let start = fromMs;
  for (;;) {
    const end = Math.min(start + MAX_WINDOW_MS, toMs);
    windows.push({ startTime: formatDateTime(start, timeZone), endTime: formatDateTime(end, timeZone) });
    if (end >= toMs) return windows;
    start = end;
  }
}

export function plan(params: SearchPosRangeParams, timeZone: string): Plan {
  if (!Number.isInteger(params.depId) || params.depId < 1) {
    throw new OvoparkInputError(
      `searchPosRange: depId must be a positive integer store id, not ${String(params.depId)}.`,
    );
  }
  const from = instant('from', params.from, timeZone);
  const to = instant('to', params.to, timeZone);
  if (from > to) {
    throw new OvoparkInputError(
      `searchPosRange: from (${formatDateTime(from, timeZone)}) is after to (${formatDateTime(to, timeZone)}); swap them.`,
    );
  }
  return {
    depId: params.depId,
    pageSize: positiveInteger('pageSize', params.pageSize, MAX_PAGE_SIZE, MAX_PAGE_SIZE),
    concurrency: positiveInteger('concurrency', params.concurrency, DEFAULT_CONCURRENCY),
    callBudget: positiveInteger('callBudget', params.callBudget, DEFAULT_CALL_BUDGET),
    windows: splitWindows(from, to, timeZone),
    onProgress: params.onProgress,
    onCompleteUntil: params.onCompleteUntil,
  };
}
