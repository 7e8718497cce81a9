/**
 * ORDER_DESK_WORKERS > 1: the public face (the endpoints providers call) in that many processes on one
 * port, through node:cluster; the admin face stays in the primary.
 *
 * Only the endpoint is spread: it is what a calling provider loads, and it needs nothing but the
 * store. The admin face spends the providers' credentials (tokens, logins), runs the
 * providers' start-up work and is used by one person at a time: kept in one process, each of those
 * happens once, as with a single process. Every process opens its own connections to PostgreSQL
 * (the embedded store has one opener, so config.ts refuses more than one worker on it).
 *
 * The primary picks the ports before forking (a worker's port 0 would be its own), starts the
 * workers, and reports ready once each listens. A worker that dies is replaced (one line on
 * stderr); one that dies before listening is retried after a pause that doubles up to 30 s (the
 * database may be down). SIGINT/SIGTERM to the primary stops the workers, then itself.
 */
import cluster, { type Worker } from 'node:cluster';
import { ConfigError, loadConfig } from './config.js';
import { startServer } from './server.js';

type Message =
  | { type: 'order-desk:ready' }
  | { type: 'order-desk:failed'; message: string; code?: string; portVariable?: string; exitCode: number }
  | { type: 'order-desk:stop' };

const STOP_GRACE_MS = 10_000;
const MAX_RESTART_DELAY_MS = 30_000;

export interface EndpointWorkers {
  /** Resolves once every worker listens; rejects with the first one's start-up error. */
  ready: Promise<void>;
  /** Stops every worker (SIGKILL after 10 s) and replaces none. */
  close(): Promise<void>;
}

/** A worker's start-up failure, shaped like the error main.ts reports for a single process. */
export class WorkerStartError extends Error {
  override name = 'WorkerStartError';
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly portVariable: string | undefined,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

const how = (code: number | null, signal: string | null) => signal ?? `code ${code}`;

/** In the primary: forks `count` endpoint workers with `env` (the resolved ports) added. */
export function startEndpointWorkers(count: number, env: Record<string, string>): EndpointWorkers {
  const alive = new Set<Worker>();
  let closing = false;
  let listening = 0;
  let allReady = false;
  let restartDelay = 0;
  let settle!: { resolve(): void; reject(error: Error): void };
  const ready = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));

  const fork = () => {
    if (closing) return;
    const worker = cluster.fork(env);
    alive.add(worker);
    let workerReady = false;
    let failure: Extract<Message, { type: 'order-desk:failed' }> | undefined;
    worker.on('message', (message: Message) => {
      if (message?.type === 'order-desk:ready') {
        workerReady = true;
        restartDelay = 0;
        if (!allReady && ++listening === count) {
          allReady = true;
          settle.resolve();
        }
      } else if (message?.type === 'order-desk:failed') failure = message;
    });
    // Without a listener, an IPC error (the worker gone mid-send) would crash the primary.
    worker.on('error', () => undefined);
    worker.on('exit', (code, signal) => {
      alive.delete(worker);
      if (closing) return;
      if (!allReady) {
        // At start-up a failing worker fails the whole start (a port in use, a bad database URL).
        closing = true;
        for (const other of alive) other.process.kill('SIGTERM');
        settle.reject(
          failure
            ? new WorkerStartError(failure.message, failure.code, failure.portVariable, failure.exitCode)
            : new WorkerStartError(
                `an endpoint worker exited (${how(code, signal)}) before it was listening`,
                undefined,
                undefined,
                1,
              ),
        );
        return;
      }
      if (!workerReady) restartDelay = Math.min(MAX_RESTART_DELAY_MS, Math.max(1_000, restartDelay * 2));
      const delay = workerReady ? 0 : restartDelay;
      const why = failure ? `: ${failure.message}` : '';
      console.error(
        `order-desk: endpoint worker ${worker.process.pid} exited (${how(code, signal)})${why}; starting another${delay ? ` in ${delay / 1000} s` : ''}`,
      );
      setTimeout(fork, delay).unref();
    });
  };
  for (let i = 0; i < count; i++) fork();

  return {
    ready,
    async close() {
      closing = true;
      await Promise.all(
        [...alive].map(
          (worker) =>
            new Promise<void>((resolve) => {
              if (worker.isDead()) return resolve();
              const force = setTimeout(() => worker.process.kill('SIGKILL'), STOP_GRACE_MS);
              worker.once('exit', () => {
                clearTimeout(force);
                resolve();
              });
              try {
                worker.send({ type: 'order-desk:stop' } satisfies Message);
              } catch {
                worker.process.kill('SIGTERM');
              }
            }),
        ),
      );
    },
  };
}

/** In a worker: the public face only, on the store; stops on the primary's word or when it is gone. */
export async function runEndpointWorker(): Promise<void> {
  const send = (message: Message) => process.send?.(message);
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer(loadConfig(), { faces: 'public' });
  } catch (error) {
    const e = error as Error & { code?: string; portVariable?: string };
    send({
      type: 'order-desk:failed',
      message: e.message,
      exitCode: error instanceof ConfigError ? 2 : 1,
      ...(typeof e.code === 'string' ? { code: e.code } : {}),
      ...(e.portVariable ? { portVariable: e.portVariable } : {}),
    });
    process.exit(error instanceof ConfigError ? 2 : 1);
  }
  let closing = false;
  const close = () => {
    if (closing) return;
    closing = true;
    void server.close().then(() => process.exit(0));
  };
  process.on('message', (message: Message) => {
    if (message?.type === 'order-desk:stop') close();
  });
  // The primary gone (even by SIGKILL): nothing would stop or replace this worker.
  process.on('disconnect', close);
  // Ctrl-C reaches the whole process group: the primary stops the workers, in order.
  process.on('SIGINT', () => undefined);
  process.on('SIGTERM', close);
  send({ type: 'order-desk:ready' });
}
