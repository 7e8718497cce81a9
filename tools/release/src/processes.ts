/**
 * Child processes for the release rehearsal: an environment that carries nothing of the workspace
 * or of the machine's configuration into them, commands that report instead of throwing, and
 * long-running children that are always stopped.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { root } from './workspace.js';

/**
 * Variables that would make a child see something else than the rehearsal sets up: npm and pnpm
 * settings (`pnpm run` exports `npm_config_*`, and an environment variable wins over a userconfig),
 * vitest's and turbo's own, Node options, and the configuration order-desk, the mocks and the
 * contract runner read (keys, client ids, base URLs), which must be their development defaults here.
 */
const DROPPED =
  /^(npm_|vitest|turbo_|node_options$|node_env$|test$|mock_|dstore_|pos_|order_desk_|database_url$|wechat_|ovopark_)/i;

/**
 * `process.env` without the variables above, and with PATH stripped of every folder inside the
 * repository (`pnpm run` puts the workspace's `node_modules/.bin` on it, where the workspace's own
 * `orderkit-mock` and `orderkit-contract` are linked), plus `extra`.
 */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) if (!DROPPED.test(name)) env[name] = value;
  env.PATH = (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter((dir) => dir && !isInside(root, path.resolve(dir)))
    .join(path.delimiter);
  return { ...env, ...extra };
}

/** Whether `file` is `dir` or inside it. */
export const isInside = (dir: string, file: string): boolean => {
  const relative = path.relative(dir, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
};

export interface Result {
  /** Exit code; null when a signal (or the timeout) ended it. */
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/**
 * Every child not yet exited, and how to end it: its process group (exec) or the process alone
 * (background). stopAll() ends what a failure left.
 */
const running = new Map<ChildProcess, 'group' | 'process'>();

/**
 * Runs a command to its end and reports how it ended (never throws for a non-zero exit: the test
 * asserts on the result and prints its output). Runs in a process group of its own, so that the
 * timeout (and stopAll) also ends what it started (npx's child, pnpm publish's npm).
 */
export function exec(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<Result> {
  const started = performance.now();
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, detached: true, stdio: 'pipe' });
  running.set(child, 'group');
  child.stdin.end();
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => {
    stderr += `\n[killed after ${options.timeoutMs} ms]`;
    killGroup(child, 'SIGKILL');
  }, options.timeoutMs);
  return new Promise((resolve, reject) => {
    child.once('error', (error) => {
      clearTimeout(timer);
      running.delete(child);
      reject(error);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      running.delete(child);
      resolve({ code, stdout, stderr, ms: Math.round(performance.now() - started) });
    });
  });
}

export interface Background {
  child: ChildProcess;
  /** Everything it printed so far, stdout and stderr interleaved. */
  output(): string;
  /** Resolves once `ready` matches its output; rejects when it exits first or `timeoutMs` passes. */
  ready: Promise<RegExpExecArray>;
  /** SIGTERM, SIGKILL after `graceMs`; resolves with how it exited. */
  stop(graceMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts a server: one process (node, or a bin whose shebang execs node), left in the test's
 * process group, so that a Ctrl-C in the terminal stops it even if the test cannot run its afterAll.
 */
export function background(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; ready: RegExp; timeoutMs: number },
): Background {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: 'pipe' });
  running.set(child, 'process');
  child.stdin.end();
  let output = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    }),
  );
  const ready = new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${command} not ready in ${options.timeoutMs} ms:\n${output}`)),
      options.timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = options.ready.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`${command} exited (${signal ?? code}) before it was ready:\n${output}`));
    });
  });
  // A rejection nobody awaits yet (a stop before ready) must not fail the run on its own.
  ready.catch(() => undefined);
  return {
    child,
    output: () => output,
    ready,
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill('SIGTERM');
      const force = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const result = await exited;
      clearTimeout(force);
      return result;
    },
  };
}

/** Signals the process group `child` leads (its pid): the child and whatever it started. */
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is gone already.
  }
}

/** For afterAll: SIGKILL whatever a failed test left running. */
export function stopAll(): void {
  for (const [child, how] of running) {
    if (how === 'group') killGroup(child, 'SIGKILL');
    else child.kill('SIGKILL');
  }
  running.clear();
}
