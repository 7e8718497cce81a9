/**
 * The little the store needs from a database engine. PGlite and pg differ in their client APIs,
 * not in their SQL, so every statement the store runs is written once, against this.
 */
export interface SqlClient {
  query<R>(text: string, params?: readonly unknown[]): Promise<R[]>;
  /** Several statements without parameters (migrations). */
  exec(script: string): Promise<void>;
}

export interface SqlDatabase extends SqlClient {
  /** BEGIN … COMMIT on one connection; ROLLBACK and rethrow if `fn` throws. */
  transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T>;
  /**
   * Runs `fn` while no other process sharing the database runs `exclusive` for the same key.
   * Callers in this process are serialised beforehand (see token-store.ts).
   */
  exclusive<T>(key: string, fn: (client: SqlClient) => Promise<T>): Promise<T>;
  /**
   * Whether `error` says the database could not be reached (connection refused or dropped, the
   * server shutting down or starting up, a query past its time), not that it refused a statement:
   * the same write may succeed later.
   */
  unreachable(error: unknown): boolean;
  close(): Promise<void>;
}

export interface OpenedDatabase {
  db: SqlDatabase;
  /** Where the data lives, safe to print. */
  description: string;
}
