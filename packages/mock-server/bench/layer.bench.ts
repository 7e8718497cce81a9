/**
 * What the behaviour layer costs, and how long `pnpm mock` takes to be ready:
 *
 * - requests/s of each provider's operations (`bench/providers/<id>.ts`, found by the `specs/<id>`
 *   folder) through `pnpm mock`'s mock (front → Prism's engine → backend, one process) next to
 *   `prism mock --errors` alone on the same spec, same request, same run, interleaved in rounds so
 *   that drift on a shared machine hits both alike; 8 keep-alive connections, each sending its next
 *   request when the previous answer is read. Target ≥ 0.8× of Prism alone, unless a case says why
 *   it has none (work Prism alone does not do, timed beside it with the bare platform);
 * - the time `pnpm mock` takes to be ready: from starting its process (Node, tsx, every provider's
 *   mock) to its "Ctrl-C stops them" line, median of 3.
 *
 *   pnpm --filter @orderkit/mock-server bench
 *   BENCH_SECONDS=4 BENCH_CONNECTIONS=8 …      seconds per target and operation (default 8), connections
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { freePort } from '@orderkit/core';
import { bundlePath, mockSettings, PROVIDERS, type Provider, startMocks } from '../src/index.js';
import { startPrism } from '../src/prism.js';
import type { BenchCase, Call, ProviderBench } from './types.js';

const count = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const SECONDS = count('BENCH_SECONDS', 8);
const CONNECTIONS = count('BENCH_CONNECTIONS', 8);
const ROUNDS = 4;
const host = '127.0.0.1';
const f1 = (n: number) => n.toFixed(1);

/** Successful answers per second over `ms` at `base`, from `CONNECTIONS` keep-alive connections. */
async function load(base: string, call: Call, ms: number): Promise<{ ok: number; failed: number; seconds: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const target = new URL(base);
  const headers = { ...call.headers, ...(call.body ? { 'content-length': String(Buffer.byteLength(call.body)) } : {}) };
  const end = performance.now() + ms;
  let ok = 0;
  let failed = 0;
  const one = () =>
    new Promise<void>((resolve) => {
      const req = http.request(
        { agent, host: target.hostname, port: target.port, method: call.method, path: call.path, headers },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            if (call.ok(res.statusCode ?? 0, Buffer.concat(chunks).toString('utf8'))) ok++;
            else failed++;
            resolve();
          });
        },
      );
      req.on('error', () => {
        failed++;
        resolve();
      });
      req.end(call.body);
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < end) await one();
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return { ok, failed, seconds };
}

/** The mock vs Prism alone on one case, interleaved: requests/s and failed answers of each. */
async function compare(mockUrl: string, prismUrl: string, c: BenchCase) {
  const targets = [
    { base: mockUrl, call: c.mock, ok: 0, failed: 0, seconds: 0 },
    { base: prismUrl, call: c.prism, ok: 0, failed: 0, seconds: 0 },
  ];
  for (const t of targets) await load(t.base, t.call, 1_000); // warm-up (JIT, sockets, Prism's caches)
  for (let round = 0; round < ROUNDS; round++) {
    for (const t of round % 2 ? [...targets].reverse() : targets) {
      const r = await load(t.base, t.call, (SECONDS * 1000) / ROUNDS);
      t.ok += r.ok;
      t.failed += r.failed;
      t.seconds += r.seconds;
    }
  }
  const [mock, prism] = targets.map((t) => ({ rps: t.ok / t.seconds, failed: t.failed })) as [
    { rps: number; failed: number },
    { rps: number; failed: number },
  ];
  return { mock, prism };
}

/** `pnpm mock`'s process, from spawn to its ready line, in seconds. */
async function startCli(): Promise<number> {
  const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
  const env: Record<string, string | undefined> = { ...process.env };
  for (const p of PROVIDERS) env[mockSettings(p).portVariable] = String(await freePort(host));
  const started = performance.now();
  const child = spawn(process.execPath, ['--conditions=@orderkit/source', '--import', 'tsx', cli], { env });
  let out = '';
  try {
    await new Promise<void>((resolve, reject) => {
      const onData = (c: Buffer) => {
        out += c.toString();
        if (out.includes('Ctrl-C stops them')) resolve();
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('exit', (code) => reject(new Error(`pnpm mock exited (${code}) before it was ready:\n${out}`)));
    });
    return (performance.now() - started) / 1000;
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGINT');
    await exited;
  }
}

/** The provider's bench module, or undefined when it has none. */
async function providerBench(p: Provider): Promise<ProviderBench | undefined> {
  const file = new URL(`./providers/${p}.ts`, import.meta.url);
  return existsSync(file) ? ((await import(file.href)) as { bench: ProviderBench }).bench : undefined;
}

// 1. `pnpm mock` readiness (median of 3 starts).
const starts: number[] = [];
for (let i = 0; i < 3; i++) starts.push(await startCli());
const readyS = [...starts].sort((a, b) => a - b)[1] as number;

// 2. Each provider's cases, one provider at a time: its mock and Prism alone on its spec.
console.log(`${CONNECTIONS} keep-alive connections, ${SECONDS} s per target and case in ${ROUNDS} interleaved rounds`);
for (const p of PROVIDERS) {
  const bench = await providerBench(p);
  if (!bench) continue;
  const mocks = await startMocks({ only: [p], ports: { [p]: 0 }, env: bench.env });
  const spec = (await bench.prismSpec?.(bundlePath(p))) ?? { file: bundlePath(p), remove: async () => {} };
  const prism = await startPrism({ specFile: spec.file, host, port: await freePort(host) }).catch(async (error) => {
    await Promise.all([mocks.stop(), spec.remove()]);
    throw error;
  });
  try {
    const mockUrl = mocks.urls[p] ?? '';
    for (const c of await bench.cases(mockUrl)) {
      const r = await compare(mockUrl, prism.url, c);
      const failed = r.mock.failed + r.prism.failed ? `, failed answers ${r.mock.failed} / ${r.prism.failed}` : '';
      const ratio = r.mock.rps / r.prism.rps;
      console.log(
        `bench: mock/Prism alone, ${c.what}: ${f1(r.mock.rps)} / ${f1(r.prism.rps)} req/s${failed} = ${ratio.toFixed(2)}× ${
          c.noTarget ? `(no target: ${c.noTarget})` : '(target ≥ 0.8×)'
        }`,
      );
      if (c.reference) {
        const reference = c.reference.micros();
        const mockUs = 1e6 / r.mock.rps;
        const prismUs = 1e6 / r.prism.rps;
        console.log(
          `bench: ${c.what}: ${c.reference.label}, same run, ${f1(reference)} µs of the mock's ${f1(mockUs)} µs per answer; the rest ${f1(mockUs - reference)} µs vs Prism alone ${f1(prismUs)} µs = ${(prismUs / (mockUs - reference)).toFixed(2)}× by time`,
        );
      }
    }
  } finally {
    await Promise.all([mocks.stop(), prism.stop(), spec.remove()]);
  }
}
console.log(
  `bench: pnpm mock ready in ${f1(readyS)} s (its process, from start to its ready line; median of ${starts.map(f1).join(', ')} s)`,
);
