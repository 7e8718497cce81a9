import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const PRISM_BIN = require.resolve('@stoplight/prism-cli/dist/index.js');

export interface PrismOptions {
  specFile: string;
  port: number;
  host?: string;
  /** Generate answers from the schemas (seeded, so repeatable) instead of serving examples. */
  dynamic?: boolean;
  /** Seed of `--dynamic` answers (default 1). */
  seed?: number;
  /** Proxy mode: forward every valid request to this upstream and validate its answers too. */
  upstream?: string;
  /** Called with each line Prism prints. */
  onLog?: (line: string) => void;
  startTimeoutMs?: number;
}

export interface RunningPrism {
  url: string;
  stop(): Promise<void>;
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 3_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Starts `prism mock` (or `prism proxy` when `upstream` is set) with `--errors`, so request and
 * response violations become error answers; resolves once it listens.
 */
export async function startPrism(options: PrismOptions): Promise<RunningPrism> {
  const host = options.host ?? '127.0.0.1';
  const mode = options.upstream ? ['proxy', options.specFile, options.upstream] : ['mock', options.specFile];
  const args = [PRISM_BIN, ...mode, '--host', host, '--port', String(options.port), '--errors'];
  if (options.dynamic) args.push('--dynamic', '--seed', String(options.seed ?? 1));
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  const recent: string[] = [];
  const onData = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line.trim()) continue;
      recent.push(line);
      if (recent.length > 20) recent.shift();
      options.onLog?.(line);
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      void stopChild(child);
      reject(
        new Error(
          `Prism did not start within ${options.startTimeoutMs ?? 90_000} ms for ${options.specFile}:\n${recent.join('\n')}`,
        ),
      );
    }, options.startTimeoutMs ?? 90_000);
    const watch = (chunk: Buffer) => {
      if (chunk.toString('utf8').includes('Prism is listening')) {
        clearTimeout(timer);
        child.stdout.off('data', watch);
        resolve();
      }
    };
    child.stdout.on('data', watch);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(
        new Error(
          `Prism exited (${signal ?? `code ${code}`}) before listening on ${host}:${options.port}:\n${recent.join('\n')}`,
        ),
      );
    });
  });
  return { url: `http://${host}:${options.port}`, stop: () => stopChild(child) };
}
