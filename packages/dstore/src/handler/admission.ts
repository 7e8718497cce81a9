import { DStoreConfigError } from '../errors.js';
import type { Answer } from './decision.js';
import { type RateLimitOptions, tokenBucket } from './rate-limit.js';

/**
 * Inquiries admitted and not yet decided: those waiting for their turn (the queue, see nextTurn in
 * index.ts) and the one being worked on. Past it the handler sheds with
 * F/REQUEST_TRAFFIC_EXCEED_LIMIT instead of queueing: each waiting request holds a socket and its
 * body, so an unbounded queue is unbounded memory and ever-growing latency. At ~1.3 ms per answer,
 * 64 is at most ~85 ms of waiting, far inside D-Store's 8 s.
 */
export const DEFAULT_MAX_CONCURRENT = 64;

export const SHED_MESSAGE = 'traffic over the limit of this POS endpoint; try again later';
/** The shed answer never changes, so its text is built once. */
export const SHED_TEXT = JSON.stringify({
  result: { resultStatus: 'F', resultCode: 'REQUEST_TRAFFIC_EXCEED_LIMIT', resultMessage: SHED_MESSAGE },
} satisfies Answer);

/** What admission did since start: the queue of inquiries in progress is `inFlight`, never above `maxConcurrent`. */
export interface AdmissionStats {
  inFlight: number;
  /** The most inquiries in progress at once. */
  maxInFlight: number;
  maxConcurrent: number;
  admitted: number;
  /** Answered F/REQUEST_TRAFFIC_EXCEED_LIMIT (the bound or the rate). */
  shed: number;
}

/** Which inquiries are worked on and which are shed: a concurrency bound and an optional rate. */
export interface Admission {
  /** Takes a slot if the bound and the rate allow one; `false` means shed this request. */
  enter(): boolean;
  /** Gives back the slot of an admitted inquiry once its answer is decided. */
  leave(): void;
  /** Inquiries admitted and not yet decided. */
  readonly inFlight: number;
  stats(): AdmissionStats;
}

export function createAdmission(options: {
  maxConcurrent?: number | undefined;
  rateLimit?: RateLimitOptions | undefined;
  now: () => Date;
}): Admission {
  const maxConcurrent = options.maxConcurrent ?? DEFAULT_MAX_CONCURRENT;
  if (!Number.isInteger(maxConcurrent) || maxConcurrent < 1) {
    throw new DStoreConfigError(`maxConcurrent must be a positive integer (got ${String(options.maxConcurrent)}).`);
  }
  const admit = options.rateLimit ? tokenBucket(options.rateLimit, options.now) : () => true;
  let inFlight = 0;
  let maxInFlight = 0;
  let admitted = 0;
  let shed = 0;
  return {
    enter() {
      // The concurrency bound first: a request shed for it takes no token from the bucket.
      if (inFlight >= maxConcurrent || !admit()) {
        shed += 1;
        return false;
      }
      inFlight += 1;
      admitted += 1;
      if (inFlight > maxInFlight) maxInFlight = inFlight;
      return true;
    },
    leave() {
      inFlight -= 1;
    },
    get inFlight() {
      return inFlight;
    },
    stats: () => ({ inFlight, maxInFlight, maxConcurrent, admitted, shed }),
  };
}
