/**
 * Where access tokens live, so that any number of clients — in one process or many — share one
 * token. Some providers invalidate the previous token whenever a new one is fetched, so
 * independent refreshers knock each other out; the store is the one place that decides who
 * refreshes.
 *
 * A token belongs to what issued it: one provider's service at one base URL, for one account, by
 * one kind of token call (the token mode). Stores keep tokens by that scope, so a token from a mock
 * or a proxy is never sent to the live service (nor one service's to another).
 */
import { KeyedLock } from './flight.js';

/** Whose token it is. Build it with `tokenScope`, which normalises the base URL. */
export interface TokenScope {
  /** The provider's registered id. */
  readonly provider: string;
  /** The issuing service: scheme, host, port and path of the client's base URL, no trailing `/`. */
  readonly baseUrl: string;
  /** The account the token is for (an AppID, an application key). */
  readonly accountId: string;
  /** Which token call issued it; the provider names its modes. */
  readonly tokenMode: string;
}

/** Longest provider id, account id and token mode a scope may hold. */
export const TOKEN_SCOPE_MAX_NAME = 255;
/** Longest base URL a scope may hold. */
export const TOKEN_SCOPE_MAX_BASE_URL = 2048;

/**
 * The scope of the tokens a client with these options uses. Spellings of one base URL that reach
 * the same service (`HTTPS://API.EXAMPLE.COM/`, `https://api.example.com:443`) give one scope, so
 * that their clients share a token instead of refreshing against each other.
 * Throws a TypeError for a base URL that is not an absolute http(s) URL.
 */
export function tokenScope(
  scope: { provider: string; baseUrl: string; accountId: string; tokenMode: string },
  /** A base URL the error message offers as an example (the provider's live service). */
  example?: string,
): TokenScope {
  return {
    provider: scope.provider,
    baseUrl: normaliseBaseUrl(scope.baseUrl, example),
    accountId: scope.accountId,
    tokenMode: scope.tokenMode,
  };
}

/**
 * `baseUrl` as a scope holds it. Query, fragment and credentials are left out: they do not change
 * which service answers, and a scope is stored and may be printed.
 */
export function normaliseBaseUrl(baseUrl: string, example = 'https://api.example.com'): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new TypeError(`baseUrl is not an absolute URL; pass one like "${example}".`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`baseUrl must be an http(s) URL, not ${url.protocol}; pass one like "${example}".`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

const nameProblem = (field: string, value: unknown): string | undefined =>
  typeof value !== 'string' || value === '' || value.length > TOKEN_SCOPE_MAX_NAME
    ? `${field} must be a string of 1..${TOKEN_SCOPE_MAX_NAME} characters`
    : undefined;

/** Why `scope` is not one `tokenScope` builds, or `undefined` if it is. For stores that take scopes from outside. */
export function tokenScopeProblem(scope: TokenScope): string | undefined {
  if (scope === null || typeof scope !== 'object')
    return 'the scope must be an object { provider, baseUrl, accountId, tokenMode } from tokenScope()';
  const named =
    nameProblem('provider', scope.provider) ??
    nameProblem('accountId', scope.accountId) ??
    nameProblem('tokenMode', scope.tokenMode);
  if (named) return named;
  if (typeof scope.baseUrl !== 'string') return 'baseUrl must be a string';
  if (scope.baseUrl.length > TOKEN_SCOPE_MAX_BASE_URL)
    return `baseUrl must be at most ${TOKEN_SCOPE_MAX_BASE_URL} characters`;
  let normal: string;
  try {
    normal = normaliseBaseUrl(scope.baseUrl);
  } catch (error) {
    return (error as Error).message;
  }
  if (normal !== scope.baseUrl)
    return 'baseUrl must be normalised (no trailing "/", no query); build the scope with tokenScope()';
  return undefined;
}

/** One string per scope, for maps and locks: distinct scopes never share one. */
export function tokenScopeKey(scope: TokenScope): string {
  return JSON.stringify([scope.provider, scope.tokenMode, scope.baseUrl, scope.accountId]);
}

export interface CachedToken {
  readonly accessToken: string;
  /** When the provider stops accepting the token: epoch milliseconds (fetch start + its lifetime). */
  readonly expiresAt: number;
}

export interface TokenStore {
  /** The token stored for `scope`, fresh or not, or `undefined` if there is none. */
  get(scope: TokenScope): Promise<CachedToken | undefined>;
  /**
   * Replaces the token of `scope`, at most one caller at a time per scope (across every process
   * that shares the store). Inside that exclusion: if the stored token is no longer
   * `rejectedToken` — somebody replaced it since the caller looked — return the stored one without
   * fetching; otherwise call `fetchToken` once, store its result and return it.
   *
   * `rejectedToken` is the token the caller saw and cannot use (expired, or refused by the
   * provider), `undefined` if it saw none. A failed `fetchToken` leaves the stored token as it was.
   *
   * A PostgreSQL store, for instance, does this in one transaction: `SELECT … FOR UPDATE` the row
   * of `scope` (or take `pg_advisory_xact_lock(hashtext(tokenScopeKey(scope)))`), compare, fetch,
   * `UPDATE`, commit.
   */
  refresh(
    scope: TokenScope,
    rejectedToken: string | undefined,
    fetchToken: () => Promise<CachedToken>,
  ): Promise<CachedToken>;
}

/** The default store: one process, mutual exclusion by a keyed lock per scope. */
export class InMemoryTokenStore implements TokenStore {
  readonly #tokens = new Map<string, CachedToken>();
  readonly #lock = new KeyedLock();

  async get(scope: TokenScope): Promise<CachedToken | undefined> {
    return this.#tokens.get(tokenScopeKey(scope));
  }

  refresh(
    scope: TokenScope,
    rejectedToken: string | undefined,
    fetchToken: () => Promise<CachedToken>,
  ): Promise<CachedToken> {
    const key = tokenScopeKey(scope);
    return this.#lock.run(key, async () => {
      const current = this.#tokens.get(key);
      if (current && current.accessToken !== rejectedToken) return current;
      const next = await fetchToken();
      this.#tokens.set(key, next);
      return next;
    });
  }

  // Tokens are credentials: printing the store must not show them.
  toJSON(): string {
    return '[InMemoryTokenStore]';
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return '[InMemoryTokenStore]';
  }
}
