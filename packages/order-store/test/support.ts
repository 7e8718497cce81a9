/** Backends for the shared store suite, and a second process for the single-opener and durability tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { openStore, type Store, type StoreKind } from '../src/index.js';
import { storeOptions } from './options.js';

/** One empty database of a backend: opened through the store, or inspected with raw SQL. */
export interface TestDatabase {
  open(): Promise<Store>;
  /** Raw SQL outside the store. PGlite allows one opener, so close the store first there. */
  raw<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
  dispose(): Promise<void>;
}

export interface Backend {
  kind: StoreKind;
  createDatabase(): Promise<TestDatabase>;
}

export function tempDir(prefix = 'order-store-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A data directory for one test, removed by the returned function (each PGlite directory is ~40 MB). */
export function tempDataDir(): { dataDir: string; remove: () => Promise<void> } {
  const parent = tempDir();
  return { dataDir: join(parent, 'store'), remove: async () => rmSync(parent, { recursive: true, force: true }) };
}

export const pgliteBackend: Backend = {
  kind: 'pglite',
  async createDatabase() {
    const parent = tempDir();
    const dataDir = join(parent, 'store');
    return {
      open: () => openStore({ ...storeOptions, dataDir }),
      async raw<R>(text: string, params: unknown[] = []) {
        mkdirSync(dataDir, { recursive: true });
        const db = await PGlite.create({ dataDir: join(dataDir, 'pgdata') });
        try {
          // Without parameters, exec: it runs several statements (a migration) and returns each result.
          if (params.length === 0) return ((await db.exec(text)).at(-1)?.rows ?? []) as R[];
          return (await db.query<R>(text, params)).rows;
        } finally {
          await db.close();
        }
      },
      async dispose() {
        rmSync(parent, { recursive: true, force: true });
      },
    };
  },
};

/** Each database is created fresh on the server named by `adminUrl` and dropped afterwards. */
export function postgresBackend(adminUrl: string): Backend {
  return {
    kind: 'postgres',
    async createDatabase() {
      const name = `orderkit_store_test_${randomBytes(6).toString('hex')}`;
      await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      const databaseUrl = url.toString();
      return {
        open: () => openStore({ ...storeOptions, databaseUrl }),
        async raw<R>(text: string, params: unknown[] = []) {
          const client = new pg.Client({ connectionString: databaseUrl });
          await client.connect();
          try {
            return (await client.query(text, params)).rows as R[];
          } finally {
            await client.end();
          }
        },
        async dispose() {
          await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        },
      };
    },
  };
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

const FIXTURE = fileURLToPath(new URL('./fixtures/store-child.ts', import.meta.url));
const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));

/** A child process running test/fixtures/store-child.ts under tsx, with its stdout split into lines. */
export class StoreChild {
  readonly process: ChildProcess;
  readonly lines: string[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  #stderr = '';
  #waiters: Array<() => void> = [];

  constructor(args: string[]) {
    this.process = spawn(process.execPath, ['--conditions=@orderkit/source', '--import', 'tsx', FIXTURE, ...args], {
      cwd: PACKAGE_DIR,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let buffer = '';
    this.process.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      buffer += chunk;
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      this.lines.push(...parts);
      for (const wake of this.#waiters.splice(0)) wake();
    });
    this.process.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      this.#stderr += chunk;
    });
    this.exited = new Promise((resolve) => {
      this.process.on('exit', (code, signal) => {
        for (const wake of this.#waiters.splice(0)) wake();
        resolve({ code, signal });
      });
    });
  }

  get pid(): number {
    return this.process.pid as number;
  }

  get stderr(): string {
    return this.#stderr;
  }

  /** Resolves once `predicate` holds for the lines so far; rejects if the child exits first. */
  async waitFor(predicate: (lines: string[]) => boolean, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.lines)) {
      if (this.process.exitCode !== null || this.process.signalCode !== null) {
        throw new Error(
          `child exited (${this.process.exitCode ?? this.process.signalCode}) before the expected output; stderr:\n${this.#stderr}`,
        );
      }
      if (Date.now() > deadline)
        throw new Error(
          `timed out waiting for the child; lines: ${this.lines.slice(-5).join(' | ')}; stderr:\n${this.#stderr}`,
        );
      await new Promise<void>((resolve) => {
        this.#waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  }

  async kill9(): Promise<void> {
    this.process.kill('SIGKILL');
    await this.exited;
  }
}
