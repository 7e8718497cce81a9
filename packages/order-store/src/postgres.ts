/** PostgreSQL through a pg Pool, for DATABASE_URL: several app instances may share the database. */
import pg from 'pg';
import type { OpenedDatabase, SqlClient, SqlDatabase } from './sql.js';

const MASK = '***';

/** First key of the two-key advisory locks taken by `exclusive`; the second is hashtext(key). */
export const EXCLUSIVE_LOCK_NAMESPACE = 0x6f6b; // "ok"

/**
 * A query that has not answered in this time fails (and its connection is dropped), so that a
 * server that stops answering without closing the connection cannot hold the pool's connections
 * forever; a caller with its own deadline (the D-Store lookup: 3 s) answers before it. Not applied
 * inside transactions: `exclusive` may wait at the token lock while another process fetches a
 * token (bounded by idle_in_transaction_session_timeout, below).
 */
export const QUERY_TIMEOUT_MS = 15_000;

export function openPostgres(databaseUrl: string, maxConnections = 10): OpenedDatabase {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: maxConnections,
    // A server that does not answer must fail openStore, not hang it.
    connectionTimeoutMillis: 10_000,
    // A peer gone without a word (a host down, a dropped NAT entry) is noticed on idle connections.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    // synchronous_commit: an acknowledged order must survive a crash even if the server defaults
    // to asynchronous commit. idle_in_transaction_session_timeout: a token fetch that never returns
    // must not hold the token lock, and every other instance, forever. (An `options` parameter in
    // the URL replaces both.)
    options: '-c synchronous_commit=on -c idle_in_transaction_session_timeout=60000',
  });
  // An idle connection the server drops (restart, failover) must not crash the app: the next
  // query gets a new connection or a proper error.
  pool.on('error', () => undefined);
  return { db: new PostgresDatabase(pool), description: `PostgreSQL ${maskDatabaseUrl(databaseUrl)}` };
}

/** Node's socket errors that mean the server could not be reached or the connection was lost. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
/**
 * SQLSTATEs of an unreachable server: class 08 (connection exception), 57P01-57P03 (admin or
 * crash shutdown, cannot connect now: starting up), 53300 (too many connections).
 */
const UNREACHABLE_STATES = /^(08...|57P0[123]|53300)$/;
/** What pg itself says when a connection ends, or a connect or query runs past its time. */
const PG_MESSAGES =
  /^(Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect|Query read timeout|Client was closed)/;

/** See SqlDatabase.unreachable. */
export function isUnreachable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || UNREACHABLE_STATES.test(code))) return true;
  if (error instanceof AggregateError) return error.errors.some(isUnreachable);
  return PG_MESSAGES.test(error.message);
}

/** The URL with its password (and any password-like query parameter) replaced by `***`. */
export function maskDatabaseUrl(databaseUrl: string): string {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    return '(connection string not shown: not a URL)';
  }
  if (url.password) url.password = MASK;
  for (const name of [...url.searchParams.keys()]) {
    if (/pass|secret|token|key/i.test(name)) url.searchParams.set(name, MASK);
  }
  return url.toString();
}

/** `queryTimeoutMs`: see QUERY_TIMEOUT_MS; none on a transaction's connection. */
function client(target: pg.Pool | pg.PoolClient, queryTimeoutMs?: number): SqlClient {
  return {
    async query<R>(text: string, params: readonly unknown[] = []) {
      const config: pg.QueryConfig & { query_timeout?: number } = { text, values: [...params] };
      if (queryTimeoutMs !== undefined) config.query_timeout = queryTimeoutMs;
      return (await target.query(config)).rows as R[];
    },
    async exec(script: string) {
      // Without parameters pg uses the simple protocol, which accepts several statements.
      await target.query(script);
    },
  };
}

class PostgresDatabase implements SqlDatabase {
  readonly #pool: pg.Pool;
  readonly #client: SqlClient;
  #closed: Promise<void> | undefined;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
    this.#client = client(pool, QUERY_TIMEOUT_MS);
  }

  query<R>(text: string, params?: readonly unknown[]): Promise<R[]> {
    return this.#client.query<R>(text, params);
  }

  exec(script: string): Promise<void> {
    return this.#client.exec(script);
  }

  async transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T> {
    const connection = await this.#pool.connect();
    let broken: Error | undefined;
    try {
      await connection.query('BEGIN');
      const result = await fn(client(connection));
      await connection.query('COMMIT');
      return result;
    } catch (error) {
      try {
        await connection.query('ROLLBACK');
      } catch (rollbackError) {
        // A connection that cannot roll back is in an unknown state: drop it from the pool.
        broken = rollbackError as Error;
      }
      throw error;
    } finally {
      connection.release(broken);
    }
  }

  /**
   * A transaction holding the advisory lock of `key`: other processes' `exclusive(key)` wait at
   * the lock until this one commits or rolls back; the lock is released with the transaction, so
   * a crashed holder cannot leave it taken.
   */
  exclusive<T>(key: string, fn: (client: SqlClient) => Promise<T>): Promise<T> {
    return this.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1::int, hashtext($2))', [EXCLUSIVE_LOCK_NAMESPACE, key]);
      return fn(tx);
    });
  }

  unreachable(error: unknown): boolean {
    return isUnreachable(error);
  }

  close(): Promise<void> {
    this.#closed ??= this.#pool.end();
    return this.#closed;
  }
}
