/**
 * The embedded store's single-opener rule. Two PGlite instances writing one data directory corrupt
 * it, and PGlite itself does not notice, so the store takes a lock file first: created with `wx`
 * (fails if it exists), holding the owner's pid. A lock whose pid no longer runs was left by a
 * killed process and is taken over.
 */
import { randomUUID } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  linkSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { StoreLockedError } from './errors.js';

export const LOCK_FILE_NAME = 'order-store.lock';

/** A lock file younger than this without a readable pid is being written by its creator right now. */
const FRESH_LOCK_MS = 5_000;

interface LockContent {
  pid: number;
  holder: string;
  host: string;
  since: string;
}

export class DirectoryLock {
  readonly #file: string;
  readonly #text: string;
  readonly #onExit: () => void;
  #released = false;

  private constructor(file: string, text: string) {
    this.#file = file;
    this.#text = text;
    // A process that ends without close() (process.exit, an uncaught error, the event loop
    // draining) still frees the store; kill -9 cannot, and is handled as a stale lock instead.
    this.#onExit = () => this.release();
    process.on('exit', this.#onExit);
  }

  get file(): string {
    return this.#file;
  }

  /** Takes the lock on `dataDir` (which must exist) or throws StoreLockedError. */
  static acquire(dataDir: string, lockFile: string, holder: string): DirectoryLock {
    const content: LockContent = { pid: process.pid, holder, host: hostname(), since: new Date().toISOString() };
    const text = `${JSON.stringify(content)}\n`;
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        const fd = openSync(lockFile, 'wx', 0o644);
        try {
          writeSync(fd, text);
          fsyncSync(fd);
        } finally {
          closeSync(fd);
        }
        return new DirectoryLock(lockFile, text);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const existing = readLock(lockFile);
      if (existing === undefined) continue; // removed meanwhile: try again
      const owner = parse(existing.text);
      if (owner === undefined) {
        if (Date.now() - existing.mtimeMs < FRESH_LOCK_MS) {
          throw new StoreLockedError({ pid: undefined, holder: undefined, lockFile, dataDir });
        }
      } else if (owner.host !== hostname() || isAlive(owner.pid)) {
        // On another host (a shared directory) liveness cannot be checked, so the lock stands.
        throw new StoreLockedError({
          pid: owner.pid,
          holder: owner.host === hostname() ? owner.holder : `${owner.holder}@${owner.host}`,
          lockFile,
          dataDir,
          since: owner.since,
        });
      }
      takeOver(lockFile, existing.text);
    }
    throw new StoreLockedError({ pid: undefined, holder: undefined, lockFile, dataDir });
  }

  /** Removes the lock file if it is still ours. Idempotent, synchronous (it runs on 'exit'). */
  release(): void {
    if (this.#released) return;
    this.#released = true;
    process.off('exit', this.#onExit);
    try {
      if (readFileSync(this.#file, 'utf8') === this.#text) unlinkSync(this.#file);
    } catch {
      // Already gone: nothing to release.
    }
  }
}

function readLock(file: string): { text: string; mtimeMs: number } | undefined {
  try {
    const mtimeMs = statSync(file).mtimeMs;
    return { text: readFileSync(file, 'utf8'), mtimeMs };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function parse(text: string): LockContent | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockContent>;
    if (typeof value.pid !== 'number' || !Number.isInteger(value.pid) || value.pid <= 0) return undefined;
    return {
      pid: value.pid,
      holder: typeof value.holder === 'string' ? value.holder : 'a process',
      host: typeof value.host === 'string' ? value.host : hostname(),
      since: typeof value.since === 'string' ? value.since : '',
    };
  } catch {
    return undefined;
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes a stale lock without deleting a fresh one that another opener created in the meantime:
 * the file is moved aside first and only dropped if it is still the stale one we read.
 */
function takeOver(lockFile: string, staleText: string): void {
  const aside = `${lockFile}.stale-${process.pid}-${randomUUID()}`;
  try {
    renameSync(lockFile, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  try {
    if (readFileSync(aside, 'utf8') !== staleText) {
      try {
        linkSync(aside, lockFile);
      } catch {
        // A third opener holds the lock now; the loop in acquire() will report it.
      }
    }
  } finally {
    unlinkSync(aside);
  }
}
