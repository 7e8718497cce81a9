/**
 * The embedded default: PGlite (PostgreSQL compiled to WASM) persisting to a directory, so the app
 * needs no database server. One process at a time: the directory is locked while open.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { DirectoryLock, LOCK_FILE_NAME } from './lock.js';
import type { OpenedDatabase, SqlClient, SqlDatabase } from './sql.js';

export const DEFAULT_DATA_DIR = '.data/order-desk';
/** PGlite's files sit in a subdirectory, beside the lock file, so the lock never enters PGDATA. */
export const PGDATA_SUBDIR = 'pgdata';

/**
 * PostgreSQL's buffer pool inside the WASM memory. PGlite's default (160 MB) is touched at start,
 * so it counts in the app's resident memory in full; the app answers lookups from memory (see
 * sql-store.ts) and writes the audit log at its tail, so 8 MB holds the working set (measured:
 * 281 → 154 MiB RSS for PGlite alone).
 */
const SHARED_BUFFERS = '8MB';
/** Creating a data directory runs initdb; past this it is left to the in-process open, which does the same. */
const INITDB_TIMEOUT_MS = 120_000;

export async function openPglite(dataDir: string, holder: string): Promise<OpenedDatabase> {
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const lock = DirectoryLock.acquire(dir, join(dir, LOCK_FILE_NAME), holder);
  let pg: PGlite;
  try {
    const pgdata = join(dir, PGDATA_SUBDIR);
    if (!existsSync(join(pgdata, 'PG_VERSION'))) await initdbInChild(pgdata);
    pg = await PGlite.create({
      dataDir: pgdata,
      startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${SHARED_BUFFERS}`],
    });
  } catch (error) {
    lock.release();
    throw error;
  }
  return { db: new PgliteDatabase(pg, lock), description: `PGlite (embedded) in ${dir}` };
}

/**
 * Runs initdb for a new data directory in a short-lived child process. In this process, initdb
 * leaves ~500 MiB of WASM memory and buffers behind (a second PGlite instance and initdb's own
 * module) that V8 only frees at a full GC that a quiet heap may never run: a freshly created store
 * kept the app at 850 MiB RSS, one reopened at 380 MiB. The child's memory goes with it. If the
 * child cannot run, PGlite.create does the same in this process, as before.
 */
async function initdbInChild(pgdata: string): Promise<void> {
  const script =
    'const { PGlite } = await import(process.argv[1]); const pg = await PGlite.create({ dataDir: process.argv[2] }); await pg.close();';
  const env = { ...process.env };
  // A loader or profiler the parent was started with has no business in this child.
  delete env.NODE_OPTIONS;
  await new Promise<void>((done) => {
    execFile(
      process.execPath,
      ['--input-type=module', '-e', script, pgliteEntry(), pgdata],
      { env, timeout: INITDB_TIMEOUT_MS, windowsHide: true },
      () => done(),
    );
  });
}

/** The ESM entry of @electric-sql/pglite as this module resolves it (a file: URL the child imports). */
function pgliteEntry(): string {
  try {
    return import.meta.resolve('@electric-sql/pglite');
  } catch {
    return pathToFileURL(createRequire(import.meta.url).resolve('@electric-sql/pglite')).href;
  }
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
