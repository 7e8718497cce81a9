/**
 * The embedded default: PGlite (PostgreSQL compiled to WASM) persisting to a directory, so the app
 * needs no database server. One process at a time: the directory is locked while open.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { DirectoryLock, LOCK_FILE_NAME } from './lock.js';
import type { OpenedDatabase, SqlClient, SqlDatabase } from './sql.js';

export const DEFAULT_DATA_DIR = '.data/order-desk';
/** PGlite's files sit in a subdirectory, beside the lock file, so the lock never enters PGDATA. */
export const PGDATA_SUBDIR = 'pgdata';

export async function openPglite(dataDir: string, holder: string): Promise<OpenedDatabase> {
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const lock = DirectoryLock.acquire(dir, join(dir, LOCK_FILE_NAME), holder);
  let pg: PGlite;
  try {
    pg = await PGlite.create({ dataDir: join(dir, PGDATA_SUBDIR) });
  } catch (error) {
    lock.release();
    throw error;
  }
  return { db: new PgliteDatabase(pg, lock), description: `PGlite (embedded) in ${dir}` };
}

function client(target: PGlite | Transaction): SqlClient {
  return {
    async query<R>(text: string, params: readonly unknown[] = []) {
      return (await target.query<R>(text, [...params])).rows;
    },
    async exec(script: string) {
      await target.exec(script);
    },
  };
}

class PgliteDatabase implements SqlDatabase {
  readonly #pg: PGlite;
  readonly #lock: DirectoryLock;
  readonly #client: SqlClient;
  #closed: Promise<void> | undefined;

  constructor(pg: PGlite, lock: DirectoryLock) {
    this.#pg = pg;
    this.#lock = lock;
    this.#client = client(pg);
  }

  query<R>(text: string, params?: readonly unknown[]): Promise<R[]> {
    return this.#client.query<R>(text, params);
  }

  exec(script: string): Promise<void> {
    return this.#client.exec(script);
  }

  transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T> {
    return this.#pg.transaction((tx) => fn(client(tx)));
  }

  /**
   * The lock file already keeps other processes out and the caller serialises this process, so
   * nothing more is taken. In particular no transaction is held while `fn` awaits the network:
   * PGlite has a single connection, and every other query would wait behind it.
   */
  exclusive<T>(_key: string, fn: (client: SqlClient) => Promise<T>): Promise<T> {
    return fn(this.#client);
  }

  /** In this process: never unreachable while open. */
  unreachable(): boolean {
    return false;
  }

  close(): Promise<void> {
    this.#closed ??= (async () => {
      try {
        await this.#pg.close();
      } finally {
        this.#lock.release();
      }
    })();
    return this.#closed;
  }
}
