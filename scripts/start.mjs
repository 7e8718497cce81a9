#!/usr/bin/env node
// `pnpm start [--no-build]`: builds the clients and the docs (turbo, its logs shown only for a task
// that fails), checks that every port it needs is free, starts the Prism mocks and then order-desk,
// and prints the URLs. One short line per phase; a child's own lines are shown when it fails to
// start or when it prints something after everything is ready. Ctrl-C (SIGINT), SIGTERM or SIGHUP
// stops every process it started, waits for them, and exits 0.
// package.json runs it as `exec node scripts/start.mjs`: without a shell in between, pnpm sees
// this exit 0 after Ctrl-C (a shell waiting for it dies of the SIGINT, and pnpm then prints
// ELIFECYCLE). `exec` needs a POSIX shell, which pnpm uses for scripts everywhere but Windows.
// Exit codes: 0 ready then stopped (or stopped before ready), 1 a build or a process failed,
// 2 bad configuration: a port in use or invalid, an unknown option — one line, before anything starts.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const NAME = 'pnpm start';
const USAGE = `usage: ${NAME} [--no-build]   (--no-build: use the dist/ folders of the last build as they are)`;

/** Running children by name: build (turbo), mocks, order-desk. */
const children = new Map();
let stopping = false;

/** A problem with the configuration: one line, exit 2, nothing started. */
class UsageError extends Error {}

function fail(message, code) {
  console.error(`${NAME}: ${message}`);
  return stop(code);
}

function signalGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // the group is gone already
  }
}

/** Stops every child (SIGTERM, SIGKILL after 5 s), waits until each has exited, then exits. */
async function stop(code) {
  if (stopping) return;
  stopping = true;
  const label = { build: 'the build', mocks: 'the mocks' };
  if (children.size && code === 0)
    console.log(`stopping ${[...children.keys()].map((name) => label[name] ?? name).join(' and ')}…`);
  await Promise.all(
    [...children.values()].map(
      ({ child, detached, ready }) =>
        new Promise((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          // A child in a process group of its own (see run) is killed with its own children.
          const force = setTimeout(() => (detached ? signalGroup(child, 'SIGKILL') : child.kill('SIGKILL')), 5_000);
          child.once('exit', () => {
            clearTimeout(force);
            resolve();
          });
          // Not ready yet: its own children (Prism) may be starting, so the whole group is told;
          // the mock server then stops whatever did start. Once ready, each stops its own.
          if (detached && !ready) signalGroup(child, 'SIGTERM');
          else child.kill('SIGTERM');
        }),
    ),
  );
  if (code === 0) console.log('stopped.');
  process.exit(code);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => void stop(0));

/**
 * Spawns `command` and resolves with its output lines once `ready(lines)` says so (or, without
 * `ready`, when it exits 0). Its output is kept, not shown, until then; it is shown when the child
 * exits before that. After ready, what it prints is relayed with its name.
 */
function run(name, command, args, { env = process.env, ready } = {}) {
  return new Promise((resolve, reject) => {
    // The services run in a process group of their own: Ctrl-C reaches this script only, which
    // stops them in order and keeps their shutdown lines out of the terminal. turbo stays in the
    // terminal's group, so Ctrl-C during the build reaches it (and the tasks it runs) directly.
    const detached = name !== 'build';
    const child = spawn(command, args, { cwd: root, env, detached, stdio: ['ignore', 'pipe', 'pipe'] });
    const entry = { child, detached, lines: [], ready: false };
    children.set(name, entry);
    const check = () => {
      if (entry.ready || !ready?.(entry.lines)) return;
      entry.ready = true;
      clearInterval(poll);
      resolve(entry.lines);
    };
    // A `ready` that waits for a pause in the output needs a look now and then, not only on output.
    const poll = ready ? setInterval(check, 200) : undefined;
    const onLine = (line, out) => {
      if (!line.trim()) return;
      if (entry.ready && !stopping) out.write(`${line.startsWith(`${name}:`) ? '' : `[${name}] `}${line}\n`);
      else entry.lines.push(line);
    };
    for (const [stream, out] of [
      [child.stdout, process.stdout],
      [child.stderr, process.stderr],
    ]) {
      let rest = '';
      stream.on('data', (chunk) => {
        const parts = (rest + chunk.toString('utf8')).split('\n');
        rest = parts.pop();
        for (const line of parts) onLine(line, out);
        check();
      });
      stream.on('end', () => rest && onLine(rest, out));
    }
    child.once('error', (error) => reject(new Error(`${name} could not be started: ${error.message}`)));
    child.once('close', (code, signal) => {
      clearInterval(poll);
      children.delete(name);
      if (stopping) return;
      const how = signal ?? `code ${code}`;
      // After ready its lines were relayed as they came; the rest of the stack goes down with it.
      if (entry.ready) return void fail(`${name} exited (${how}) while running; stopping the rest`, 1);
      if (!ready && code === 0) return resolve(entry.lines);
      for (const line of entry.lines) console.error(`[${name}] ${line}`);
      reject(new Error(`${name} ${ready ? 'exited before it was ready' : 'failed'} (${how}); its output is above`));
    });
  });
}

const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

async function build() {
  const t0 = Date.now();
  console.log('building clients and docs… (turbo run build docs)');
  const turbo = path.join(root, 'node_modules', '.bin', 'turbo');
  const lines = await run('build', turbo, ['run', 'build', 'docs', '--output-logs=errors-only']);
  const text = lines.join('\n');
  const total = /Tasks:\s+\d+ successful, (\d+) total/.exec(text)?.[1];
  const cached = /Cached:\s+(\d+) cached/.exec(text)?.[1];
  console.log(`built in ${seconds(t0)}${total ? ` (${total} tasks, ${cached ?? 0} from turbo's cache)` : ''}`);
}

/** Whether `host:port` can be listened on now: undefined if so, else the error code (EADDRINUSE, EACCES, …). */
function probe(host, port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', (error) => resolve(error.code ?? error.message));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(undefined)));
  });
}

const wildcard = (host) => host === '0.0.0.0' || host === '::';
const sameListener = (a, b) => a.port === b.port && (a.host === b.host || wildcard(a.host) || wildcard(b.host));
const list = (items) =>
  items.length < 3 ? items.join(' and ') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;

/**
 * Every listener `pnpm start` opens and the variable that moves it, checked before anything is
 * spawned: a port named twice, or one another process holds, is a one-line exit 2.
 */
async function checkPorts(listeners) {
  for (const [i, a] of listeners.entries()) {
    const b = listeners.slice(i + 1).find((other) => sameListener(a, other));
    if (b) throw new UsageError(`${a.variable} and ${b.variable} are both ${a.port}; set one of them to another port`);
  }
  const results = await Promise.all(listeners.map(async (l) => ({ ...l, code: await probe(l.host, l.port) })));
  const inUse = results.filter((r) => r.code === 'EADDRINUSE');
  if (inUse.length) {
    const ports = list(inUse.map((r) => String(r.port)));
    const variables = list(inUse.map((r) => r.variable));
    throw new UsageError(
      `${inUse.length === 1 ? `port ${ports} is` : `ports ${ports} are`} in use (set ${variables}); stop what listens there or choose ${inUse.length === 1 ? 'another port' : 'other ports'}`,
    );
  }
  const other = results.find((r) => r.code);
  if (other) {
    const why = other.code === 'EACCES' ? 'needs privileges' : `cannot be opened (${other.code})`;
    throw new UsageError(
      `${other.host}:${other.port} ${why} (set ${other.variable}${other.hostVariable ? ` or ${other.hostVariable}` : ''})`,
    );
  }
}

async function main() {
  const args = process.argv.slice(2).filter((a) => a !== '--');
  const unknown = args.find((a) => a !== '--no-build');
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE);
    process.exit(0);
  }
  if (unknown) throw new UsageError(`unknown option ${unknown}; ${USAGE}`);
  const t0 = Date.now();
  if (!args.includes('--no-build')) await build();

  const dist = path.join(root, 'apps', 'order-desk', 'dist');
  const mockCli = path.join(root, 'packages', 'mock-server', 'dist', 'cli.js');
  if (!existsSync(path.join(dist, 'main.js')) || !existsSync(mockCli))
    throw new UsageError(
      'apps/order-desk/dist or packages/mock-server/dist is missing; run pnpm start without --no-build',
    );
  // What order-desk itself reads (environment, then .env), through its own readers, so the ports
  // checked here are the ones it and the mocks will open.
  const { ConfigError, loadEnv, port } = await import(path.join(dist, 'env.js'));
  const { securityConfig, listenerUrl } = await import(path.join(dist, 'config.js'));
  // The mocks' default ports and the variables moving them, from order-desk's provider registry.
  const { mockPorts } = await import(path.join(dist, 'providers', 'index.js'));
  let env;
  let app;
  let mocks;
  try {
    env = loadEnv(process.env);
    const host = env.HOST?.trim() || '127.0.0.1';
    const adminPort = port(env, 'PORT', 3000);
    app = { host, port: adminPort, ...securityConfig(env, host, adminPort) };
    mocks = mockPorts.map((m) => ({ ...m, port: port(env, m.portVariable, m.port) }));
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
  for (const m of mocks)
    if (m.port === 0)
      throw new UsageError(`${m.portVariable}=0: a mock needs a fixed port (1-65535) order-desk can find`);
  await checkPorts([
    ...mocks.map((m) => ({ host: '127.0.0.1', port: m.port, variable: m.portVariable })),
    ...(app.port === 0 ? [] : [{ host: app.host, port: app.port, variable: 'PORT', hostVariable: 'HOST' }]),
    ...(app.endpoint.port === 0
      ? []
      : [
          {
            host: app.endpoint.host,
            port: app.endpoint.port,
            variable: 'ENDPOINT_PORT',
            hostVariable: 'ENDPOINT_HOST',
          },
        ]),
  ]);

  const mockList = mocks.map((m) => `${m.name} :${m.port}`).join(', ');
  let t = Date.now();
  console.log(`starting mocks… (${mockList})`);
  // The ports as checked above, .env included (the mock server reads only its environment).
  const mockEnv = { ...process.env, ...Object.fromEntries(mocks.map((m) => [m.portVariable, String(m.port)])) };
  await run('mocks', process.execPath, [mockCli], {
    env: mockEnv,
    ready: (lines) => lines.some((l) => l.includes('Ctrl-C stops them')),
  });
  console.log(`mocks ready in ${seconds(t)}`);

  t = Date.now();
  console.log('starting order-desk…');
  // order-desk prints its ready line, then one indented line per face, provider and the store.
  let readyAt;
  const deskLines = await run('order-desk', process.execPath, [path.join(dist, 'main.js')], {
    env: mockEnv,
    ready: (lines) => {
      const i = lines.findIndex((l) => l.startsWith('order-desk ready: '));
      if (i < 0) return false;
      readyAt ??= Date.now();
      return lines.slice(i + 1).some((l) => /^\s+store\s/.test(l)) || Date.now() - readyAt > 1_000;
    },
  });
  console.log(`order-desk ready in ${seconds(t)}`);

  const admin = /^order-desk ready: (\S+)/m.exec(deskLines.join('\n'))?.[1] ?? listenerUrl(app.host, app.port);
  const details = deskLines.filter((l) => /^\s{2}\S/.test(l));
  console.log(`
ready in ${seconds(t0)}:
  order-desk UI        ${admin}/${app.admin.token ? '   (admin token: any user name, the token as password)' : ''}
  contracts (docs)     ${admin}/docs/index.html
  public face          ${app.endpoint.url}/   (only the providers' endpoints, below)
  mocks                ${mocks.map((m) => `${m.name} :${m.port}`).join('  ')}
order-desk:
${details.join('\n')}
Ctrl-C stops everything.`);
}

try {
  await main();
} catch (error) {
  if (!stopping) await fail(error.message, error instanceof UsageError ? 2 : 1);
}
