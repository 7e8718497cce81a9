/** Fetching an access_token from WeChat: the work of one TokenManager flight. */
import { callSignal } from '@orderkit/core';
import { invalidAnswer } from './answer.js';
import { WeChatTokenError, type WeChatOperation } from './errors.js';
import { publicError } from './failure.js';
import type { SchemaAccessTokenSuccess } from './generated/openapi.js';
import type { WeChatHttp } from './http.js';
import type { SecretSet } from './redaction.js';
import type { CachedToken, TokenMode } from './token-store.js';
import { successIssues } from './validation.js';

export interface TokenSource {
  http: WeChatHttp;
  mode: TokenMode;
  /** The client's `timeoutMs`: the budget of one token fetch, retries included. */
  timeoutMs: number;
  attemptTimeoutMs: number | undefined;
  now: () => number;
  secrets: SecretSet;
}

/**
 * A new token. It runs under its own budget, not a caller's: many calls may wait for this one
 * fetch, and one of them giving up must not fail the others (each stops waiting at its own time).
 * `rejected` is the token WeChat refused, if any: in stable_token mode WeChat hands the current
 * token back, and if that is the refused one only a forced refresh gets another.
 */
export async function fetchToken(source: TokenSource, rejected: string | undefined): Promise<CachedToken> {
  const operation: WeChatOperation = source.mode === 'token' ? 'getAccessToken' : 'getStableAccessToken';
  const call = callSignal(source.timeoutMs);
  try {
    let token = await requestToken(source, operation, false, call.signal);
    if (source.mode === 'stable_token' && rejected !== undefined && token.accessToken === rejected) {
      token = await requestToken(source, operation, true, call.signal);
    }
    return token;
  } catch (error) {
    const limits = { timeoutMs: source.timeoutMs, attemptTimeoutMs: source.attemptTimeoutMs };
    throw publicError(error, call, operation, limits, source.secrets);
  } finally {
    call.end();
  }
}

async function requestToken(
  source: TokenSource,
  operation: WeChatOperation,
  forceRefresh: boolean,
  signal: AbortSignal,
): Promise<CachedToken> {
  const startedAt = source.now();
  const answer = await source.http.getToken(source.mode, forceRefresh, signal);
  if (answer.errcode !== 0) throw new WeChatTokenError(answer.errcode, answer.errmsg, operation);
  const issues = successIssues(operation, answer.body);
  if (issues.length) throw invalidAnswer(operation, answer, issues, source.secrets);
  // Checked against AccessTokenSuccess just above.
  const token = answer.body as unknown as SchemaAccessTokenSuccess;
  source.secrets.addToken(token.access_token);
  return { accessToken: token.access_token, expiresAt: startedAt + token.expires_in * 1000 };
}
