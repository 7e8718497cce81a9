/**
 * Providers' access tokens in the database, so that every app instance on one PostgreSQL shares
 * them. One row per token scope — provider, base URL, account id, token mode — so a token is only
 * ever handed to clients of the service that issued it.
 * Some providers invalidate the previous token whenever anyone fetches a new one, so exactly one
 * caller across all processes may fetch: `refresh` runs under a per-key in-process lock (PGlite
 * has one connection; for PostgreSQL it spares pool connections) and then under the database's
 * exclusion for the key, re-reads the row, and fetches only if the stored token is still the
 * rejected one or is expired.
 *
 * The table holds live credentials. Protect the database accordingly; nothing here logs a token,
 * and the store prints as `[DatabaseTokenStore]`.
 */
import {
  KeyedLock,
  tokenScopeKey,
  tokenScopeProblem,
  type CachedToken,
  type TokenScope,
  type TokenStore,
} from '@orderkit/core';
import { StoreValidationError } from './errors.js';
import type { SqlClient, SqlDatabase } from './sql.js';

interface TokenRow {
  access_token: string;
  expires_at_ms: number;
}

const WHERE_SCOPE = 'provider = $1 AND base_url = $2 AND account_id = $3 AND token_mode = $4';
const SELECT = `SELECT access_token, expires_at_ms::float8 AS expires_at_ms FROM provider_access_tokens WHERE ${WHERE_SCOPE}`;

export class DatabaseTokenStore implements TokenStore {
  readonly #db: SqlDatabase;
  readonly #now: () => number;
  readonly #lock = new KeyedLock();

  constructor(db: SqlDatabase, now: () => number = Date.now) {
    this.#db = db;
    this.#now = now;
  }

  async get(scope: TokenScope): Promise<CachedToken | undefined> {
    checkScope(scope);
    return toToken((await this.#db.query<TokenRow>(SELECT, scopeParams(scope)))[0]);
  }

  // async: a bad scope rejects like every other failure of refresh, instead of throwing at the call.
  async refresh(
    scope: TokenScope,
    rejectedToken: string | undefined,
    fetchToken: () => Promise<CachedToken>,
  ): Promise<CachedToken> {
    checkScope(scope);
    const key = tokenScopeKey(scope);
    return this.#lock.run(key, () =>
      this.#db.exclusive(key, async (client) => {
        const stored = toToken((await client.query<TokenRow>(SELECT, scopeParams(scope)))[0]);
        if (stored && stored.accessToken !== rejectedToken && stored.expiresAt > this.#now()) return stored;
        const next = checkFetched(await fetchToken());
        await upsert(client, scope, next);
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

async function upsert(client: SqlClient, scope: TokenScope, token: CachedToken): Promise<void> {
  await client.query(
    `INSERT INTO provider_access_tokens (provider, base_url, account_id, token_mode, access_token, expires_at_ms, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, now())
     ON CONFLICT (provider, base_url, account_id, token_mode)
     DO UPDATE SET access_token = EXCLUDED.access_token, expires_at_ms = EXCLUDED.expires_at_ms, updated_at = now()`,
    [...scopeParams(scope), token.accessToken, token.expiresAt],
  );
}

function scopeParams(scope: TokenScope): [string, string, string, string] {
  return [scope.provider, scope.baseUrl, scope.accountId, scope.tokenMode];
}

function toToken(row: TokenRow | undefined): CachedToken | undefined {
  return row ? { accessToken: row.access_token, expiresAt: Number(row.expires_at_ms) } : undefined;
}

// The same rules as the table's CHECKs, said before the database says them less clearly; and the
// base URL must be normalised as the client does it, or two spellings of one service would get two
// rows and two refreshers.
function checkScope(scope: TokenScope): void {
  const problem = tokenScopeProblem(scope);
  if (problem)
    throw new StoreValidationError('scope', 'a token scope built by tokenScope() of @orderkit/core', problem);
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
