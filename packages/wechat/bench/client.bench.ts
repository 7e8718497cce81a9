/**
 * What the client costs on top of the wire: `getOrder` (token middleware, whole-call budget, the
 * kernel's retrying transport, parsing by content, schema validation, typed result) against
 *
 * - a bare openapi-fetch client doing the same call: `createClient<paths>` with a one-line
 *   middleware adding the same access_token (the target: ≤ 1.05× of it), and
 * - a raw `fetch` + `JSON.parse` of the same URL,
 *
 * all on one loopback server, sequential, interleaved in rounds so drift hits all alike.
 *
 *   pnpm --filter @orderkit/wechat bench        (or: npx tsx bench/client.bench.ts)
 *   BENCH_ROUNDS=2 BENCH_PER_ROUND=20 BENCH_WARM_UP=20 …   a quick check that it runs
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import createClient from 'openapi-fetch';
import spec from '../src/generated/spec.js';
import { createWeChatClient, type paths } from '../src/index.js';

const count = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const ROUNDS = count('BENCH_ROUNDS', 20);
const PER_ROUND = count('BENCH_PER_ROUND', 100);
const WARM_UP = count('BENCH_WARM_UP', 500);
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

const bare = createClient<paths>({ baseUrl });
bare.use({ onRequest: ({ request }) => new Request(`${request.url}&access_token=${TOKEN}`, request) });
async function viaBare(): Promise<unknown> {
  const { data } = await bare.GET(PATH, { params: { query: { orderId: ORDER_ID } } });
  return data;
}

async function time(fn: () => Promise<unknown>, n: number, into: number[]): Promise<void> {
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await fn();
    into.push((performance.now() - start) * 1000);
  }
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

const contenders: Array<{ name: string; fn: () => Promise<unknown>; times: number[] }> = [
  { name: 'raw fetch + JSON.parse', fn: raw, times: [] },
  { name: 'bare openapi-fetch client', fn: viaBare, times: [] },
  { name: 'client.getOrder (validated)', fn: viaClient, times: [] },
];
for (const c of contenders) await time(c.fn, WARM_UP, []);
for (let round = 0; round < ROUNDS; round++) {
  // Rotate which goes first, so none always runs on a freshly warmed connection.
  for (let i = 0; i < contenders.length; i++) {
    const c = contenders[(round + i) % contenders.length]!;
    await time(c.fn, PER_ROUND, c.times);
  }
}
server.close();

for (const c of contenders) c.times.sort((a, b) => a - b);
const [rawC, bareC, clientC] = contenders as [(typeof contenders)[0], (typeof contenders)[0], (typeof contenders)[0]];
const row = (name: string, t: number[]) =>
  `${name.padEnd(28)} median ${quantile(t, 0.5).toFixed(1).padStart(8)} µs   p99 ${quantile(t, 0.99).toFixed(1).padStart(8)} µs   (n=${t.length})`;
const median = (t: number[]) => quantile(t, 0.5);
console.log(
  `Node ${process.version}, ${ROUNDS} rounds × ${PER_ROUND} sequential calls each, after ${WARM_UP} warm-up calls`,
);
for (const c of contenders) console.log(row(c.name, c.times));
console.log(
  `median getOrder / bare openapi-fetch client: ${(median(clientC.times) / median(bareC.times)).toFixed(3)}× ` +
    '(Target: ≤ 1.05× of the bare openapi-fetch client)',
);
console.log(`median getOrder / raw fetch: ${(median(clientC.times) / median(rawC.times)).toFixed(3)}×`);
console.log(`bench: ratio to bare openapi-fetch client ${(median(clientC.times) / median(bareC.times)).toFixed(3)}`);
console.log(`bench: ratio to raw fetch ${(median(clientC.times) / median(rawC.times)).toFixed(3)}`);
