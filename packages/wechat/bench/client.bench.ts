/**
 * What the client costs on top of the wire: `getOrder` (token middleware, timeout, parsing by
 * content, schema validation, typed result) against a raw `fetch` + `JSON.parse` of the same URL,
 * both on one loopback server, sequential, interleaved in rounds so drift hits both alike.
 *
 *   pnpm --filter @orderkit/wechat bench        (or: npx tsx bench/client.bench.ts)
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import spec from '../src/generated/spec.js';
import { createWeChatClient } from '../src/index.js';

const ROUNDS = 20;
const PER_ROUND = 100;
const WARM_UP = 500;
const TOKEN = `BENCH_TOKEN_${'x'.repeat(100)}`;
const ORDER_ID = 'DD2981741311549200000';
const PATH = '/wxa/charge/service-provider/order/get';

const orderBody = JSON.stringify((spec.components.examples as Record<string, { value: unknown }>).GetOrderPaid!.value);
const tokenBody = JSON.stringify({ access_token: TOKEN, expires_in: 7200 });

const server = createServer((req, res) => {
  const body = req.url?.startsWith('/cgi-bin/token') ? tokenBody : orderBody;
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const rawUrl = `${baseUrl}${PATH}?orderId=${ORDER_ID}&access_token=${TOKEN}`;

const client = createWeChatClient({ appId: 'wx0123456789abcdef', appSecret: 'bench-secret', baseUrl });

async function raw(): Promise<unknown> {
  const response = await fetch(rawUrl);
  return JSON.parse(await response.text());
}

const viaClient = () => client.getOrder(ORDER_ID);

async function time(fn: () => Promise<unknown>, n: number, into: number[]): Promise<void> {
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await fn();
    into.push((performance.now() - start) * 1000);
  }
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

await time(raw, WARM_UP, []);
await time(viaClient, WARM_UP, []);

const rawTimes: number[] = [];
const clientTimes: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  // Alternate which goes first, so neither always runs on a freshly warmed connection.
  if (round % 2 === 0) {
    await time(raw, PER_ROUND, rawTimes);
    await time(viaClient, PER_ROUND, clientTimes);
  } else {
    await time(viaClient, PER_ROUND, clientTimes);
    await time(raw, PER_ROUND, rawTimes);
  }
}
server.close();

rawTimes.sort((a, b) => a - b);
clientTimes.sort((a, b) => a - b);
const row = (name: string, t: number[]) =>
  `${name.padEnd(28)} median ${quantile(t, 0.5).toFixed(1).padStart(8)} µs   p99 ${quantile(t, 0.99).toFixed(1).padStart(8)} µs   (n=${t.length})`;
const ratio = quantile(clientTimes, 0.5) / quantile(rawTimes, 0.5);
console.log(
  `Node ${process.version}, ${ROUNDS} rounds × ${PER_ROUND} sequential calls each, after ${WARM_UP} warm-up calls`,
);
console.log(row('raw fetch + JSON.parse', rawTimes));
console.log(row('client.getOrder (validated)', clientTimes));
console.log(`median ratio getOrder / raw: ${ratio.toFixed(3)} (target ≤ 1.10)`);
