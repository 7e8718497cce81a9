/** PostgreSQL through a pg Pool, for DATABASE_URL: several app instances may share the database. */
import pg from 'pg';
import type { OpenedDatabase, SqlClient, SqlDatabase } from './sql.js';

const MASK = '***';

/** First key of the two-key advisory locks taken by `exclusive`; the second is hashtext(key). */
export const EXCLUSIVE_LOCK_NAMESPACE = 0x6f6b; // "ok"

export function openPostgres(databaseUrl: string, maxConnections = 10): OpenedDatabase {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: maxConnections,
    // A server that does not answer must fail openStore, not hang it.
    connectionTimeoutMillis: 10_000,
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

function client(target: pg.Pool | pg.PoolClient): SqlClient {
  return {
    async query<R>(text: string, params: readonly unknown[] = []) {
      return (await target.query(text, [...params])).rows as R[];
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
    this.#client = client(pool);
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

  close(): Promise<void> {
    this.#closed ??= this.#pool.end();
    return this.#closed;
  }
}
