/**
 * Per-call cost of the client next to a bare fetch of the same request. Not a test: prints
 * figures. Both sides talk to the same loopback server over the same keep-alive pool, so the
 * difference is what searchPos adds (stamping, signing, encoding, openapi-fetch, validation).
 *
 *   pnpm bench          (tsx --conditions=@orderkit/source bench/client.bench.ts)
 */
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { createOvoparkClient, sign, spec } from '../src/index.js';

const ROUNDS = 20;
const PER_ROUND = 100;
const WARM_UP = 500;

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

const rawTimes: number[] = [];
const timeoutTimes: number[] = [];
const pkgTimes: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  // Rotate the order so no variant always runs on the warmest pool.
  const order = [
    () => time(raw, PER_ROUND, rawTimes),
    () => time(rawWithTimeout, PER_ROUND, timeoutTimes),
    () => time(pkg, PER_ROUND, pkgTimes),
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

await worker.terminate();
process.exit(0);
