/**
 * Where access tokens live, so that any number of clients — in one process or many — share one
 * token. WeChat invalidates the previous token whenever a new one is fetched with /cgi-bin/token,
 * so independent refreshers knock each other out; the store is the one place that decides who
 * refreshes.
 */

export interface CachedToken {
  readonly accessToken: string;
  /** When WeChat stops accepting the token: epoch milliseconds (fetch start + `expires_in`). */
  readonly expiresAt: number;
}

export interface TokenStore {
  /** The token stored under `key`, fresh or not, or `undefined` if there is none. */
  get(key: string): Promise<CachedToken | undefined>;
  /**
   * Replaces the token under `key`, at most one caller at a time per key (across every process
   * that shares the store). Inside that exclusion: if the stored token is no longer
   * `rejectedToken` — somebody replaced it since the caller looked — return the stored one without
   * fetching; otherwise call `fetchToken` once, store its result and return it.
   *
   * `rejectedToken` is the token the caller saw and cannot use (expired, or refused by WeChat),
   * `undefined` if it saw none. A failed `fetchToken` leaves the stored token as it was.
   *
   * A PostgreSQL store, for instance, does this in one transaction: `SELECT … FOR UPDATE` the row
   * of `key` (or take `pg_advisory_xact_lock(hashtext(key))`), compare, fetch, `UPDATE`, commit.
   */
  refresh(key: string, rejectedToken: string | undefined, fetchToken: () => Promise<CachedToken>): Promise<CachedToken>;
}

/** The default store: one process, mutual exclusion by one promise chain per key. */
export class InMemoryTokenStore implements TokenStore {
  readonly #tokens = new Map<string, CachedToken>();
  readonly #locks = new Map<string, Promise<unknown>>();

  async get(key: string): Promise<CachedToken | undefined> {
    return this.#tokens.get(key);
  }

  refresh(key: string, rejectedToken: string | undefined, fetchToken: () => Promise<CachedToken>): Promise<CachedToken> {
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

  async #refreshNow(key: string, rejectedToken: string | undefined, fetchToken: () => Promise<CachedToken>): Promise<CachedToken> {
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
