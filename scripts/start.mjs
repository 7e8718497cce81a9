#!/usr/bin/env node
// `pnpm start` (after `turbo run build docs`): starts the Prism mocks and order-desk, prints the
// URLs, and on Ctrl-C (or SIGTERM) stops both and waits until every process has exited.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const children = new Map();
let stopping = false;

function start(name, file, ready) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, file)], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: process.env,
    });
    children.set(name, child);
    let seen = '';
    const relay = (stream, out) =>
      stream.on('data', (chunk) => {
        const text = chunk.toString('utf8');
        seen += text;
        for (const line of text.split('\n')) if (line.trim()) out.write(`[${name}] ${line}\n`);
        if (ready.test(seen)) resolve(child);
      });
    relay(child.stdout, process.stdout);
    relay(child.stderr, process.stderr);
    child.once('exit', (code, signal) => {
      children.delete(name);
      if (!stopping) {
        reject(
          new Error(
            `${name} exited (${signal ?? `code ${code}`}) ${seen.includes('ready') ? 'unexpectedly' : 'before it was ready'}`,
          ),
        );
        void stop(1);
      }
    });
  });
}

async function stop(code) {
  if (stopping) return;
  stopping = true;
  await Promise.all(
    [...children.values()].map(
      (child) =>
        new Promise((resolve) => {
          const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
          child.once('exit', () => {
            clearTimeout(force);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
  process.exit(code);
}

process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

try {
  const t0 = Date.now();
  // The mocks' default ports and the variables moving them, from order-desk's provider registry.
  const { mockPorts } = await import('../apps/order-desk/dist/providers/index.js');
  await start('mocks', 'packages/mock-server/dist/cli.js', /Ctrl-C stops them/);
  await start('order-desk', 'apps/order-desk/dist/main.js', /order-desk ready: (\S+)/);
  // order-desk has two faces (two listeners): the admin face (UI, API, docs) on HOST:PORT, and the
  // public face (only the providers' endpoints, e.g. ours for D-Store) on ENDPOINT_HOST:ENDPOINT_PORT, by default the next port.
  const port = Number(process.env.PORT || 3000);
  const host = process.env.HOST || '127.0.0.1';
  const endpointPort = process.env.ENDPOINT_PORT || String(port + 1);
  const endpointHost = process.env.ENDPOINT_HOST || '127.0.0.1';
  const reach = (h) => (h === '0.0.0.0' ? '127.0.0.1' : h);
  console.log(`
Ready in ${((Date.now() - t0) / 1000).toFixed(1)} s:
  order-desk UI        http://${reach(host)}:${port}/${process.env.ORDER_DESK_ADMIN_TOKEN ? '   (admin token: any user name, the token as password)' : ''}
  contracts (docs)     http://${reach(host)}:${port}/docs/index.html
  public face          http://${reach(endpointHost)}:${endpointPort}/   (only the providers' endpoints, listed in order-desk's lines)
  mocks                ${mockPorts.map((m) => `${m.name} :${process.env[m.portVariable] || m.port}`).join('  ')}
Ctrl-C stops everything.`);
} catch (error) {
  console.error(`pnpm start: ${error.message}`);
  await stop(1);
}
