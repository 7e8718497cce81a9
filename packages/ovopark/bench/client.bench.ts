/**
 * Per-call cost of the client next to a bare fetch of the same request and next to a bare
 * openapi-fetch client doing the same call (createClient<paths>, a signing body serializer and a
 * one-line authenticator middleware). Not a test: prints figures. All talk to the same loopback
 * server over the same keep-alive pool, so the difference is what searchPos adds (stamping,
 * signing, encoding, openapi-fetch, the transport, validation).
 *
 *   pnpm bench          (tsx --conditions=@orderkit/source bench/client.bench.ts)
 *   BENCH_ROUNDS=1 BENCH_PER_ROUND=5 BENCH_WARM_UP=5 pnpm bench    (a smoke run: does it run?)
 */
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import createClient from 'openapi-fetch';
import { createOvoparkClient, sign, spec, type paths, type SchemaSearchPosForm } from '../src/index.js';

const count = (name: string, fallback: number): number => {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
};
const ROUNDS = count('BENCH_ROUNDS', 20);
const PER_ROUND = count('BENCH_PER_ROUND', 100);
const WARM_UP = count('BENCH_WARM_UP', 500);

const success = JSON.stringify(spec.components.examples.SearchPosSuccess.value);
const login = JSON.stringify(spec.components.examples.MobileLoginSuccess.value);

// The server runs on its own thread, so its work neither delays nor pollutes the caches of the
// thread being measured; on a single thread every microsecond of either side adds to both.
const serverCode = `
  const http = require('node:http');
  const { parentPort, workerData } = require('node:worker_threads');
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8').includes('mobileLogin') ? workerData.login : workerData.success;
      res.writeHead(200, { 'content-type': 'application/json;charset=UTF-8', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
  });
  server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port));
`;
const worker = new Worker(serverCode, { eval: true, workerData: { success, login } });
const port = await new Promise<number>((resolve) => worker.once('message', resolve));
const baseUrl = `http://127.0.0.1:${port}`;

const credentials = { akey: 'bench-akey', secret: 'bench-secret', account: 'bench', password: 'bench-password' };
const client = createOvoparkClient({ ...credentials, baseUrl });
const { token } = await client.mobileLogin();
const params = {
  depId: 1001,
  startTime: '2024-01-01 11:00:00',
  endTime: '2024-01-01 12:00:00',
  pageNumber: 1,
  pageSize: 100,
};

// The raw request: built and signed once, as a hand-rolled integration would at best.
const form: Record<string, string> = {
  _aid: 'S107',
  _akey: credentials.akey,
  _mt: 'open.ovopark.pos.searchPos',
  _sm: 'md5',
  _requestMode: 'post',
  _version: 'v1',
  _timestamp: '20240101120000',
  depId: '1001',
  startTime: params.startTime,
  endTime: params.endTime,
  pageNumber: '1',
  pageSize: '100',
};
form._sig = sign(form, credentials.secret, 'md5');
const rawBody = new URLSearchParams(form).toString();
const rawHeaders = { 'Content-Type': 'application/x-www-form-urlencoded;charset=utf-8', authenticator: token };

async function raw(): Promise<unknown> {
  const res = await fetch(`${baseUrl}/cloud.api`, { method: 'POST', headers: rawHeaders, body: rawBody });
  return JSON.parse(await res.text());
}
/** The raw request with the one thing any safe client adds: a timeout signal (Node follows it per request). */
async function rawWithTimeout(): Promise<unknown> {
  const res = await fetch(`${baseUrl}/cloud.api`, {
    method: 'POST',
    headers: rawHeaders,
    body: rawBody,
    signal: AbortSignal.timeout(10_000),
  });
  return JSON.parse(await res.text());
}
const pkg = () => client.searchPos(params);

// The bare openapi-fetch client: the same operation and body, signed per call in a body serializer,
// the token set by a one-line middleware; openapi-fetch parses the JSON.
const bare = createClient<paths>({
  baseUrl,
  headers: { 'Content-Type': 'application/x-www-form-urlencoded;charset=utf-8' },
  bodySerializer: (body: object | undefined) => {
    const fields: Record<string, string> = {};
    for (const [name, value] of Object.entries(body ?? {})) if (value !== undefined) fields[name] = String(value);
    fields._sig = sign(fields, credentials.secret, 'md5');
    return new URLSearchParams(fields).toString();
  },
});
bare.use({ onRequest: ({ request }) => void request.headers.set('authenticator', token) });
const bareForm: SchemaSearchPosForm = {
  _aid: 'S107',
  _akey: credentials.akey,
  _mt: 'open.ovopark.pos.searchPos',
  _sm: 'md5',
  _requestMode: 'post',
  _version: 'v1',
  _timestamp: '20240101120000',
  _sig: '',
  ...params,
};
const bareCall = () => bare.POST('/cloud.api#open.ovopark.pos.searchPos', { body: bareForm });

async function time(fn: () => Promise<unknown>, n: number, into: number[]): Promise<void> {
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    into.push(performance.now() - t0);
  }
}

const discard: number[] = [];
await time(raw, WARM_UP, discard);
await time(rawWithTimeout, WARM_UP, discard);
await time(pkg, WARM_UP, discard);
await time(bareCall, WARM_UP, discard);

const rawTimes: number[] = [];
const timeoutTimes: number[] = [];
const pkgTimes: number[] = [];
const bareTimes: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  // Rotate the order so no variant always runs on the warmest pool.
  const order = [
    () => time(raw, PER_ROUND, rawTimes),
    () => time(rawWithTimeout, PER_ROUND, timeoutTimes),
    () => time(pkg, PER_ROUND, pkgTimes),
    () => time(bareCall, PER_ROUND, bareTimes),
  ];
  for (let i = 0; i < order.length; i++) await order[(round + i) % order.length]!();
}

const quantile = (xs: number[], q: number): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};
const us = (ms: number) => `${(ms * 1000).toFixed(1)} µs`;
const rawMedian = quantile(rawTimes, 0.5);
const pkgMedian = quantile(pkgTimes, 0.5);

console.log(
  `searchPos against a loopback server on its own thread, ${rawTimes.length} calls each after ${WARM_UP} warm-up calls, interleaved in ${ROUNDS} rounds`,
);
console.log(`node ${process.version}; the spec's SearchPosSuccess example as the answer, ${success.length} bytes`);
const timeoutMedian = quantile(timeoutTimes, 0.5);
console.log(`  (a) raw fetch + JSON.parse             median ${us(rawMedian)}   p99 ${us(quantile(rawTimes, 0.99))}`);
console.log(
  `      raw fetch + timeout signal + parse  median ${us(timeoutMedian)}   p99 ${us(quantile(timeoutTimes, 0.99))}`,
);
console.log(`  (b) client.searchPos                   median ${us(pkgMedian)}   p99 ${us(quantile(pkgTimes, 0.99))}`);
console.log(`  ratio (b)/(a) of medians               ${(pkgMedian / rawMedian).toFixed(3)} (target ≤ 1.10)`);
console.log(`  ratio (b)/(raw + timeout) of medians   ${(pkgMedian / timeoutMedian).toFixed(3)}`);
const bareMedian = quantile(bareTimes, 0.5);
console.log(`  (c) bare openapi-fetch client          median ${us(bareMedian)}   p99 ${us(quantile(bareTimes, 0.99))}`);
console.log(
  `  ratio (b)/(c) of medians               ${(pkgMedian / bareMedian).toFixed(3)}×  Target: ≤ 1.05× of the bare openapi-fetch client`,
);
console.log(`bench: ratio to bare openapi-fetch client ${(pkgMedian / bareMedian).toFixed(3)}`);
console.log(`bench: ratio to raw fetch ${(pkgMedian / rawMedian).toFixed(3)}`);

await worker.terminate();
process.exit(0);
