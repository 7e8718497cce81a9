/**
 * Where access tokens live, so that any number of clients — in one process or many — share one
 * token. WeChat invalidates the previous token whenever a new one is fetched with /cgi-bin/token,
 * so independent refreshers knock each other out; the store is the one place that decides who
 * refreshes.
 *
 * A token belongs to the platform that issued it: the service at one base URL, for one AppID, by
 * one token call. Stores keep tokens by that scope, so a token from a mock or a proxy is never
 * sent to the live service (nor one service's to another), and a stable token never stands in
 * for a /cgi-bin/token one (WeChat keeps the two apart).
 */

/** `'token'`: GET /cgi-bin/token. `'stable_token'`: POST /cgi-bin/stable_token. */
export type TokenMode = 'token' | 'stable_token';

const TOKEN_MODES: ReadonlySet<string> = new Set<TokenMode>(['token', 'stable_token']);

/** Whose token it is. Build it with `tokenScope`, which normalises the base URL. */
export interface TokenScope {
  /** The issuing service: scheme, host, port and path of the client's base URL, no trailing `/`. */
  readonly baseUrl: string;
  readonly appId: string;
  readonly tokenMode: TokenMode;
}

/**
 * The scope of the tokens a client with these options uses. Spellings of one base URL that reach
 * the same service (`HTTPS://API.weixin.qq.com/`, `https://api.weixin.qq.com:443`) give one scope,
 * so that their clients share a token instead of refreshing against each other.
 * Throws a TypeError for a base URL that is not an absolute http(s) URL.
 */
export function tokenScope(baseUrl: string, appId: string, tokenMode: TokenMode): TokenScope {
  return { baseUrl: normaliseBaseUrl(baseUrl), appId, tokenMode };
}

/**
 * `baseUrl` as a scope holds it. Query, fragment and credentials are left out: they do not change
 * which service answers, and a scope is stored and may be printed.
 */
export function normaliseBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new TypeError('baseUrl is not an absolute URL; pass one like "https://api.weixin.qq.com".');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(
      `baseUrl must be an http(s) URL, not ${url.protocol}; pass one like "https://api.weixin.qq.com".`,
    );
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** Why `scope` is not one `tokenScope` builds, or `undefined` if it is. For stores that take scopes from outside. */
export function tokenScopeProblem(scope: TokenScope): string | undefined {
  if (scope === null || typeof scope !== 'object')
    return 'the scope must be an object { baseUrl, appId, tokenMode } from tokenScope()';
  if (typeof scope.appId !== 'string' || scope.appId === '') return 'appId must be a non-empty string';
  if (!TOKEN_MODES.has(scope.tokenMode)) return "tokenMode must be 'token' or 'stable_token'";
  if (typeof scope.baseUrl !== 'string') return 'baseUrl must be a string';
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
  return JSON.stringify([scope.tokenMode, scope.baseUrl, scope.appId]);
}

export interface CachedToken {
  readonly accessToken: string;
  /** When WeChat stops accepting the token: epoch milliseconds (fetch start + `expires_in`). */
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
   * `rejectedToken` is the token the caller saw and cannot use (expired, or refused by WeChat),
   * `undefined` if it saw none. A failed `fetchToken` leaves the stored token as it was.
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

/** The default store: one process, mutual exclusion by one promise chain per scope. */
export class InMemoryTokenStore implements TokenStore {
  readonly #tokens = new Map<string, CachedToken>();
  readonly #locks = new Map<string, Promise<unknown>>();

  async get(scope: TokenScope): Promise<CachedToken | undefined> {
    return this.#tokens.get(tokenScopeKey(scope));
  }

  refresh(
    scope: TokenScope,
    rejectedToken: string | undefined,
    fetchToken: () => Promise<CachedToken>,
  ): Promise<CachedToken> {
    const key = tokenScopeKey(scope);
    const previous = this.#locks.get(key) ?? Promise.resolve();
    const run = previous.then(
      () => this.#refreshNow(key, rejectedToken, fetchToken),
      () => this.#refreshNow(key, rejectedToken, fetchToken),
    );
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    this.#locks.set(key, settled);
    void settled.then(() => {
      if (this.#locks.get(key) === settled) this.#locks.delete(key);
    });
    return run;
  }

  async #refreshNow(
    key: string,
    rejectedToken: string | undefined,
    fetchToken: () => Promise<CachedToken>,
  ): Promise<CachedToken> {
    const current = this.#tokens.get(key);
    if (current && current.accessToken !== rejectedToken) return current;
    const next = await fetchToken();
    this.#tokens.set(key, next);
    return next;
  }

  // Tokens are credentials: printing the store must not show them.
  toJSON(): string {
    return '[InMemoryTokenStore]';
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return '[InMemoryTokenStore]';
  }
}
