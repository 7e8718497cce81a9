/**
 * The WeChat access token in the database, so that every app instance on one PostgreSQL shares it.
 * WeChat invalidates the previous token whenever anyone fetches a new one, so exactly one caller
 * across all processes may fetch: `refresh` runs under a per-key in-process mutex (PGlite has one
 * connection; for PostgreSQL it spares pool connections) and then under the database's exclusion
 * for the key, re-reads the row, and fetches only if the stored token is still the rejected one
 * or is expired.
 *
 * The table holds live credentials. Protect the database accordingly; nothing here logs a token,
 * and the store prints as `[DatabaseTokenStore]`.
 */
import type { CachedToken, TokenStore } from '@orderkit/wechat';
import { StoreValidationError } from './errors.js';
import type { SqlClient, SqlDatabase } from './sql.js';

interface TokenRow {
  access_token: string;
  expires_at_ms: number;
}

const SELECT = 'SELECT access_token, expires_at_ms::float8 AS expires_at_ms FROM access_tokens WHERE key = $1';

export class DatabaseTokenStore implements TokenStore {
  readonly #db: SqlDatabase;
  readonly #now: () => number;
  readonly #mutex = new KeyedMutex();

  constructor(db: SqlDatabase, now: () => number = Date.now) {
    this.#db = db;
    this.#now = now;
  }

  async get(key: string): Promise<CachedToken | undefined> {
    checkKey(key);
    return toToken((await this.#db.query<TokenRow>(SELECT, [key]))[0]);
  }

  refresh(key: string, rejectedToken: string | undefined, fetchToken: () => Promise<CachedToken>): Promise<CachedToken> {
    checkKey(key);
    return this.#mutex.run(key, () =>
      this.#db.exclusive(key, async (client) => {
        const stored = toToken((await client.query<TokenRow>(SELECT, [key]))[0]);
        if (stored && stored.accessToken !== rejectedToken && stored.expiresAt > this.#now()) return stored;
        const next = checkFetched(await fetchToken());
        await upsert(client, key, next);
        return next;
      }),
    );
  }

  toJSON(): string {
    return '[DatabaseTokenStore]';
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return '[DatabaseTokenStore]';
  }
}

async function upsert(client: SqlClient, key: string, token: CachedToken): Promise<void> {
  await client.query(
    `INSERT INTO access_tokens (key, access_token, expires_at_ms, updated_at) VALUES ($1, $2, $3, now())
     ON CONFLICT (key) DO UPDATE SET access_token = EXCLUDED.access_token, expires_at_ms = EXCLUDED.expires_at_ms, updated_at = now()`,
    [key, token.accessToken, token.expiresAt],
  );
}

function toToken(row: TokenRow | undefined): CachedToken | undefined {
  return row ? { accessToken: row.access_token, expiresAt: Number(row.expires_at_ms) } : undefined;
}

function checkKey(key: string): void {
  if (typeof key !== 'string' || key.length < 1 || key.length > 255) throw new StoreValidationError('key', 'length 1..255');
}

function checkFetched(token: CachedToken): CachedToken {
  if (typeof token?.accessToken !== 'string' || token.accessToken.length === 0) {
    throw new StoreValidationError('accessToken', 'a non-empty string returned by fetchToken');
  }
  if (typeof token.expiresAt !== 'number' || !Number.isFinite(token.expiresAt)) {
    throw new StoreValidationError('expiresAt', 'epoch milliseconds returned by fetchToken');
  }
  // Stored as whole milliseconds; hand back what a later get() will return.
  return { accessToken: token.accessToken, expiresAt: Math.round(token.expiresAt) };
}

/** One promise chain per key: callers of the same key run one after another, others in parallel. */
export class KeyedMutex {
  readonly #tails = new Map<string, Promise<void>>();

  run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const result = previous.then(fn);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.#tails.set(key, tail);
    void tail.then(() => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    });
    return result;
  }
}
