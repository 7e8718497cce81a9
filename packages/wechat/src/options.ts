/** The options of the WeChat client: the names every client of the kit shares, plus WeChat's own. */
import {
  clientOptionProblems,
  type CallOptions as SharedCallOptions,
  type ClientOptions,
  type RetryPolicy,
} from '@orderkit/core';
import type { SentRequest } from './debug.js';
import { WeChatInputError } from './errors.js';
import type { SecretSet } from './redaction.js';
import type { TokenMode, TokenStore } from './token-store.js';

export const DEFAULT_BASE_URL = 'https://api.weixin.qq.com';
/**
 * Ten seconds: WeChat answers in well under a second when healthy; past that a call is better
 * failed and retried by the caller than left holding a request slot.
 */
export const DEFAULT_TIMEOUT_MS = 10_000;
/**
 * Five minutes, the grace period WeChat gives an old token after a new one is issued: refreshing
 * that early leaves every process sharing the token time to pick up the new one.
 */
export const DEFAULT_TOKEN_MARGIN_SECONDS = 300;

export interface WeChatClientOptions extends ClientOptions {
  appId: string;
  /** A credential: never logged, never in an error. */
  appSecret: string;
  /** Default `https://api.weixin.qq.com`; part of the token's scope. */
  baseUrl?: string;
  /**
   * Where the token lives; share one store between clients (and processes). The store keeps each
   * token under its scope — base URL, AppID, token mode — so clients of different services never
   * share one. Default: in memory.
   */
  tokenStore?: TokenStore;
  /**
   * `'token'` (default) uses GET /cgi-bin/token, which invalidates the previous token on every call;
   * `'stable_token'` uses POST /cgi-bin/stable_token, which returns the current token while it is valid.
   */
  tokenMode?: TokenMode;
  /** Refresh this many seconds before `expires_in` runs out. Default 300. */
  tokenMarginSeconds?: number;
  /** Budget of one call — token wait, every attempt and backoff included — in milliseconds. Default 10000. */
  timeoutMs?: number;
  /**
   * Retries of the codes the spec marks retryable (`-1` system busy, `45011` per-minute limit).
   * Default: 3 attempts, 200 ms base, 2 s cap, full jitter.
   */
  retry?: Partial<RetryPolicy>;
  /** Clock in epoch milliseconds, for token expiry. Default `Date.now`. */
  now?: () => number;
  /** Told what every request sent, credentials masked. */
  debug?: (sent: SentRequest) => void;
}

/** Per-call overrides: `signal`, `timeoutMs`, `retry` — the same in every client of the kit. */
export type CallOptions = SharedCallOptions;

/** Throws a WeChatInputError naming every problem of the shared options, secrets masked. */
export function checkOptions(options: ClientOptions, where: string, secrets: SecretSet): void {
  // The base URL is checked by tokenScope, which keeps the TypeError callers rely on.
  const problems = clientOptionProblems({ ...options, baseUrl: undefined }, where);
  if (problems.length === 0) return;
  const operation = where === 'createWeChatClient' ? 'createWeChatClient' : 'getOrder';
  throw new WeChatInputError(secrets.mask(problems.join(' ')), operation);
}

/** The client's retry policy with a call's overrides. */
export function policyOf(base: RetryPolicy, override: Partial<RetryPolicy> | undefined): RetryPolicy {
  return override ? { ...base, ...override } : base;
}
