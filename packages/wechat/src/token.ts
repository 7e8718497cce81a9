/**
 * The access_token of one client: cached until `expiresAt − margin`, and refreshed single-flight —
 * however many calls find no usable token at once, one refresh runs and they all wait for it,
 * because every /cgi-bin/token call invalidates the token the others are using.
 */
import { SingleFlight, untilAborted } from '@orderkit/core';
import type { CachedToken, TokenScope, TokenStore } from './token-store.js';

export interface TokenManagerOptions {
  store: TokenStore;
  /** Whose token: shared by every client of the same base URL, AppID and token mode. */
  scope: TokenScope;
  marginMs: number;
  now: () => number;
  /** Fetches a new token from WeChat; `rejectedToken` is the one being replaced, if any. */
  fetchToken: (rejectedToken: string | undefined) => Promise<CachedToken>;
  /** Told every token this manager hands out, so error messages can be cleaned of it. */
  onToken: (accessToken: string) => void;
}

export class TokenManager {
  readonly #options: TokenManagerOptions;
  #cached: CachedToken | undefined;
  readonly #flight = new SingleFlight<CachedToken>();
  /** When each token seen stops counting as fresh (epoch ms), fixed the first time it is seen. */
  readonly #refreshAt = new Map<string, number>();

  constructor(options: TokenManagerOptions) {
    this.#options = options;
  }

  /** The cached token if it is fresh by this client's clock and margin; no I/O, no waiting. */
  peek(): string | undefined {
    const cached = this.#cached;
    return cached && this.#fresh(cached) ? cached.accessToken : undefined;
  }

  /** A token that is fresh by this client's clock and margin (fetching one if needed). */
  async current(signal?: AbortSignal): Promise<string> {
    const cached = this.peek();
    if (cached !== undefined) return cached;
    const token = await this.#flight.run(() => this.#obtain(undefined, true), signal);
    return token.accessToken;
  }

  /**
   * A token other than `rejectedToken`, which WeChat refused: the one another caller already put
   * in its place, or a new one.
   */
  async replace(rejectedToken: string, signal?: AbortSignal): Promise<string> {
    const cached = this.#cached;
    if (cached && cached.accessToken !== rejectedToken && this.#fresh(cached)) return cached.accessToken;
    const running = this.#flight.current;
    if (running) {
      const joined = await untilAborted(running, signal);
      if (joined.accessToken !== rejectedToken) return joined.accessToken;
    }
    const token = await this.#flight.run(() => this.#obtain(rejectedToken, false), signal);
    return token.accessToken;
  }

  #fresh(token: CachedToken): boolean {
    let at = this.#refreshAt.get(token.accessToken);
    if (at === undefined) {
      // A token that lives less than twice the margin (stable_token answers with the remaining
      // lifetime) would never count as fresh and be fetched again on every call: the margin is
      // capped at half of the lifetime left when the token is first seen.
      const left = Math.max(0, token.expiresAt - this.#options.now());
      at = token.expiresAt - Math.min(this.#options.marginMs, left / 2);
      if (this.#refreshAt.size >= 16) this.#refreshAt.clear();
      this.#refreshAt.set(token.accessToken, at);
    }
    return this.#options.now() < at;
  }

  /** One flight's work: the store's token if it is fresh, else a refresh through the store. */
  async #obtain(rejectedToken: string | undefined, consultStore: boolean): Promise<CachedToken> {
    const { store, scope, fetchToken, onToken } = this.#options;
    let token: CachedToken | undefined;
    let seen = rejectedToken;
    if (consultStore) {
      const stored = await store.get(scope);
      if (stored && this.#fresh(stored)) token = stored;
      seen = stored?.accessToken;
    }
    token ??= await store.refresh(scope, seen, () => fetchToken(seen));
    onToken(token.accessToken);
    this.#fresh(token); // fixes its refresh time now, at receipt
    this.#cached = token;
    return token;
  }

  toJSON(): string {
    return '[TokenManager]';
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return '[TokenManager]';
  }
}
