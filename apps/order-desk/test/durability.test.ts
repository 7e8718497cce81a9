/**
 * Store durability (issue 6, part 4): order-desk runs as a CHILD process on the embedded store;
 * a stream of `pos set-order` writes goes through its API (POST /api/pos/orders, the path the CLI
 * takes while the app runs; the first few through the CLI itself); the app is killed with SIGKILL
 * mid-stream, with writes in flight; it is restarted on the same data folder (taking over the stale
 * lock); and every write whose 201 arrived before the kill must be there, with what was written.
 * Orders are read back through our D-Store endpoint (a signed inquireOrderDetail per id, on the
 * app's public face).
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createDStoreClient, DStoreBusinessError } from '@orderkit/dstore';
import { freePort } from '@orderkit/core';

const APP_DIR = fileURLToPath(new URL('..', import.meta.url));
const MAIN = path.join(APP_DIR, 'src', 'main.ts');
const CLI = path.join(APP_DIR, 'src', 'cli.ts');
const ACKS_BEFORE_KILL = 200;
const WRITERS = 8;
const MAX_WRITES = 5_000; // a bound, far above what is sent before the kill
const READY_TIMEOUT_MS = 60_000;
const STATUSES = [
  'ORDER_SUCCESS',
  'ACCEPTED',
  'PREPARING',
  'READY',
  'COMPLETED',
  'CANCELLED',
  'REJECTED',
  'ORDER_FAIL',
] as const;

const dataDir = mkdtempSync(path.join(tmpdir(), 'order-desk-durability-'));
const children: ChildProcess[] = [];

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

/** `endpointPort`: the public face (our D-Store endpoint); 0 = any free port, when it is not used. */
function envFor(port: number, endpointPort = 0): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PORT: String(port),
    ENDPOINT_PORT: String(endpointPort),
    HOST: '127.0.0.1',
    ORDER_DESK_DATA_DIR: dataDir,
    ORDER_DESK_PUBLIC_URL: `http://127.0.0.1:${port}`,
    // Nothing listens there: the providers are not used by this test.
    WECHAT_BASE_URL: 'http://127.0.0.1:9',
    OVOPARK_BASE_URL: 'http://127.0.0.1:9',
    DATABASE_URL: '',
  };
}

/** Starts order-desk as a child process and resolves once it printed "order-desk ready". */
function startApp(port: number, endpointPort = 0): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, ['--conditions=@orderkit/source', '--import', 'tsx', MAIN], {
    cwd: APP_DIR,
    env: envFor(port, endpointPort),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`order-desk not ready in ${READY_TIMEOUT_MS} ms:\n${output}`)),
      READY_TIMEOUT_MS,
    );
    const onData = () => {
      if (output.includes('order-desk ready')) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        resolve({ child, output: () => output });
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`order-desk exited (${code ?? signal}) before it was ready:\n${output}`));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((r) => child.once('exit', () => r()));
}

/** One POST /api/pos/orders; resolves with the HTTP status, rejects on a transport failure. */
function postOrder(agent: http.Agent, port: number, order: object): Promise<number> {
  const body = JSON.stringify(order);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/pos/orders',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        // Acknowledged means: the whole answer arrived.
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.setTimeout(10_000, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body);
  });
}

function cli(port: number, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--conditions=@orderkit/source', '--import', 'tsx', CLI, ...args],
      { cwd: APP_DIR, env: envFor(port), timeout: 30_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const order = (n: number) => ({
  requestOrderId: `dur_${n}`,
  posOrderId: `P-${n}`,
  orderStatus: STATUSES[n % STATUSES.length]!,
});

describe('store durability', () => {
  it('every acknowledged pos set-order write survives SIGKILL mid-stream and a restart on the same data folder', async () => {
    const port = await freePort();
    const first = await startApp(port);

    // A few through the CLI (it writes through the running app's API), before the stream.
    const acked = new Set<number>();
    for (const n of [0, 1, 2]) {
      const o = order(n);
      const r = await cli(port, [
        'pos',
        'set-order',
        o.requestOrderId,
        '--pos-order-id',
        o.posOrderId,
        '--status',
        o.orderStatus,
        '--json',
      ]);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout).via).toBe(`order-desk at http://127.0.0.1:${port}`);
      acked.add(n);
    }

    // The stream: WRITERS concurrent writers; SIGKILL as soon as ACKS_BEFORE_KILL answers arrived.
    const agent = new http.Agent({ keepAlive: true, maxSockets: WRITERS });
    const inFlight = new Set<number>();
    let next = 3;
    let killed = false;
    let inFlightAtKill: number[] = [];
    let refusedAfterKill = 0;
    const failedBeforeKill: string[] = [];
    const writer = async () => {
      while (!killed && next < MAX_WRITES) {
        const n = next++;
        inFlight.add(n);
        try {
          const status = await postOrder(agent, port, order(n));
          if (status === 201) acked.add(n);
          else if (status !== 201) failedBeforeKill.push(`dur_${n}: HTTP ${status}`);
        } catch (error) {
          if (killed) refusedAfterKill += 1;
          else failedBeforeKill.push(`dur_${n}: ${(error as Error).message}`);
        } finally {
          inFlight.delete(n);
        }
        if (!killed && acked.size >= ACKS_BEFORE_KILL) {
          killed = true;
          inFlightAtKill = [...inFlight];
          first.child.kill('SIGKILL');
        }
      }
    };
    const stream = Promise.all(Array.from({ length: WRITERS }, writer));
    await stream;
    await exited(first.child);
    agent.destroy();
    expect(first.child.signalCode).toBe('SIGKILL');
    expect(failedBeforeKill).toEqual([]);
    expect(readFileSync(path.join(dataDir, 'store', 'order-store.lock'), 'utf8')).toContain(String(first.child.pid)); // the stale lock is left behind

    // Restart on the same folder: the lock of the killed process is taken over.
    const port2 = await freePort();
    const endpointPort2 = await freePort();
    const second = await startApp(port2, endpointPort2);
    try {
      const keys = path.join(dataDir, 'dev-keys');
      const dstore = createDStoreClient({
        baseUrl: `http://127.0.0.1:${endpointPort2}`,
        clientId: '375Y93*******P00050',
        privateKey: readFileSync(path.join(keys, 'dstore-private.pem'), 'utf8'),
        posPublicKey: readFileSync(path.join(keys, 'pos-public.pem'), 'utf8'),
      });
      const lookup = async (n: number): Promise<'present' | 'absent' | string> => {
        try {
          const found = await dstore.inquireOrderDetail(`dur_${n}`);
          const o = order(n);
          return found.posOrderId === o.posOrderId && found.orderStatus === o.orderStatus
            ? 'present'
            : `wrong: ${found.posOrderId} ${found.orderStatus}`;
        } catch (error) {
          if (error instanceof DStoreBusinessError && error.resultCode === 'PROCESS_FAIL') return 'absent';
          return `error: ${(error as Error).message}`;
        }
      };
      const missing: string[] = [];
      let present = 0;
      const ackedIds = [...acked].sort((a, b) => a - b);
      for (let i = 0; i < ackedIds.length; i += 16) {
        const batch = ackedIds.slice(i, i + 16);
        const results = await Promise.all(batch.map(lookup));
        results.forEach((r, j) => {
          if (r === 'present') present += 1;
          else missing.push(`dur_${batch[j]}: ${r}`);
        });
      }
      let inFlightLanded = 0;
      for (const n of inFlightAtKill) if ((await lookup(n)) === 'present') inFlightLanded += 1;
      console.log(
        `durability: ${acked.size} writes acknowledged before SIGKILL (3 via the CLI), ${present} present after restart, ` +
          `${inFlightAtKill.length} in flight at the kill (${inFlightLanded} of them landed), ${refusedAfterKill} failed at/after the kill; ` +
          `sent ${next} in all; restart took over the stale lock`,
      );
      expect(missing).toEqual([]);
      expect(present).toBe(acked.size);
      expect(acked.size).toBeGreaterThanOrEqual(ACKS_BEFORE_KILL);
      expect(inFlightAtKill.length).toBeGreaterThan(0);
    } finally {
      second.child.kill('SIGTERM');
      await exited(second.child);
    }
    expect(second.child.exitCode).toBe(0);
  }, 120_000);
});
