/** The embedded store is opened by one process at a time; a lock left by a killed process is taken over. */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, StoreLockedError, type Store } from '../src/index.js';
import { storeOptions } from './options.js';
import { StoreChild, tempDataDir } from './support.js';

const LOCK = 'order-store.lock';

async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid as number;
}

describe('single opener (PGlite)', { timeout: 120_000 }, () => {
  const cleanup: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });

  it('refuses a second opener in this process, naming this pid', async () => {
    const { dataDir, remove } = tempDataDir();
    cleanup.push(remove);
    const store = await openStore({ ...storeOptions, dataDir, holderName: 'order-desk' });
    cleanup.push(() => store.close());
    const error = await openStore({ ...storeOptions, dataDir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreLockedError);
    expect((error as StoreLockedError).pid).toBe(process.pid);
    expect((error as Error).message).toContain(`order-desk (pid ${process.pid}) has the store at ${dataDir} open`);
    await store.close();
    expect(existsSync(join(dataDir, LOCK))).toBe(false);
  });

  it("refuses while another process has it open, naming that process's pid, and takes over after kill -9", async () => {
    const { dataDir, remove } = tempDataDir();
    cleanup.push(remove);
    const child = new StoreChild(['hold', dataDir]);
    cleanup.push(async () => {
      if (child.process.exitCode === null && child.process.signalCode === null) await child.kill9();
    });
    await child.waitFor((lines) => lines.includes(`ready ${child.pid}`));

    const error = await openStore({ ...storeOptions, dataDir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreLockedError);
    expect((error as StoreLockedError).pid).toBe(child.pid);
    expect((error as Error).message).toMatch(
      new RegExp(
        `^store-child \\(pid ${child.pid}\\) has the store at .* open since .*; stop it, or use the running app's API`,
      ),
    );

    await child.kill9();
    const store = await openStore({ ...storeOptions, dataDir });
    cleanup.push(() => store.close());
    expect(JSON.parse(readFileSync(join(dataDir, LOCK), 'utf8'))).toMatchObject({ pid: process.pid });
  });

  it('takes over a lock file left by a pid that no longer runs', async () => {
    const { dataDir, remove } = tempDataDir();
    cleanup.push(remove);
    // Create the database first, so the lock below is the only thing left over.
    await (await openStore({ ...storeOptions, dataDir })).close();
    const pid = await deadPid();
    writeFileSync(
      join(dataDir, LOCK),
      JSON.stringify({
        pid,
        holder: 'order-desk',
        host: (await import('node:os')).hostname(),
        since: '2020-01-01T00:00:00Z',
      }),
    );
    const store: Store = await openStore({ ...storeOptions, dataDir });
    cleanup.push(() => store.close());
    expect(JSON.parse(readFileSync(join(dataDir, LOCK), 'utf8')).pid).toBe(process.pid);
  });

  it('respects a lock file that is still being written, and takes over one that stayed unreadable', async () => {
    const { dataDir, remove } = tempDataDir();
    cleanup.push(remove);
    await (await openStore({ ...storeOptions, dataDir })).close();
    const lock = join(dataDir, LOCK);
    writeFileSync(lock, '');
    await expect(openStore({ ...storeOptions, dataDir })).rejects.toBeInstanceOf(StoreLockedError);
    const old = new Date(Date.now() - 60_000);
    utimesSync(lock, old, old);
    const store = await openStore({ ...storeOptions, dataDir });
    cleanup.push(() => store.close());
  });

  it('is released by a process that ends without calling close()', async () => {
    const { dataDir, remove } = tempDataDir();
    cleanup.push(remove);
    const child = new StoreChild(['exit', dataDir]);
    const { code } = await child.exited;
    expect(code, child.stderr).toBe(0);
    expect(child.lines).toContain(`ready ${child.pid}`);
    expect(existsSync(join(dataDir, LOCK))).toBe(false);
  });
});
