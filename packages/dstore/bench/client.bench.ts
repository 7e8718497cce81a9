/**
 * Per-call cost of the client against hand-written equivalents, over loopback.
 * (a) raw fetch + one RSA-2048 sign + one verify with node:crypto;
 * (b) a bare openapi-fetch client (`createClient<paths>`) with the same one-line signing, the same
 *     call and the same verification, nothing else;
 * (c) client.inquireOrderDetail.
 * All three do the same crypto and the same HTTP exchange, so (c)/(b) is what the package adds on
 * top of openapi-fetch (kernel transport, call signal, Ajv validation, typed outcome); target ≤ 1.05.
 * Run: pnpm --filter @orderkit/dstore bench (BENCH_CALLS, BENCH_WARMUP for a quick check).
 */
import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import createClient from 'openapi-fetch';
import { createDStoreClient, formatMessageTime, generateKeyPair, type paths } from '../src/index.js';

const CALLS = Number(process.env.BENCH_CALLS ?? 1000);
const BLOCK = 10;
const WARMUP = Number(process.env.BENCH_WARMUP ?? 200);
const CLIENT_ID = '375Y93BENCH0P00050';
const PATH = '/v2/pos/inquireOrderDetail';

const dstore = generateKeyPair();
const pos = generateKeyPair();

// A fixed signed success answer, signed once: the server's cost is not what is measured.
const responseBody = JSON.stringify({
  result: { resultStatus: 'S', resultCode: 'SUCCESS', resultMessage: 'success' },
  posOrderId: '2023063000010002',
  orderStatus: 'ACCEPTED',
});
const responseTime = formatMessageTime(new Date(), 480);
const content = (time: string, body: string) => Buffer.from(`POST ${PATH}\n${CLIENT_ID}.${time}.${body}`);
const responseSignature = `algorithm=RSA256,keyVersion=1,signature=${encodeURIComponent(
  sign('sha256', content(responseTime, responseBody), createPrivateKey(pos.privateKey)).toString('base64'),
)}`;

const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, {
      'Content-Type': 'application/json; charset=UTF-8',
      'Client-Id': CLIENT_ID,
      'Response-Time': responseTime,
      Signature: responseSignature,
      'Content-Length': Buffer.byteLength(responseBody),
    });
    res.end(responseBody);
  });
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const dstorePrivate = createPrivateKey(dstore.privateKey);
const posPublic = createPublicKey(pos.publicKey);

async function byHand(): Promise<void> {
  const body = JSON.stringify({ requestOrderId: 'pds_2109_2022_1' });
  const time = formatMessageTime(new Date(), 480);
  const signature = encodeURIComponent(sign('sha256', content(time, body), dstorePrivate).toString('base64'));
  const response = await fetch(`${baseUrl}${PATH}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json; charset=UTF-8',
      'Client-Id': CLIENT_ID,
      'Request-Time': time,
      Signature: `algorithm=RSA256,keyVersion=1,signature=${signature}`,
    },
    body,
  });
  if (!verified(response.headers, await response.text())) throw new Error('baseline failed');
}

/** The answer's signature, checked the way the client checks it, and its order. */
function verified(headers: Headers, text: string): boolean {
  const value = /signature=(.+)$/.exec(headers.get('signature') ?? '')?.[1] ?? '';
  const ok = verify(
    'sha256',
    content(headers.get('response-time') ?? '', text),
    posPublic,
    Buffer.from(decodeURIComponent(value), 'base64'),
  );
  return ok && (JSON.parse(text) as { posOrderId?: string }).posOrderId !== undefined;
}

const bare = createClient<paths>({ baseUrl });
/**
 * The one-line signing: the generated types make Client-Id, Request-Time and Signature required
 * header params of the operation, so, as in our client, the signed headers are those params.
 */
const signed = (body: string, time = formatMessageTime(new Date(), 480)) => ({
  'Client-Id': CLIENT_ID,
  'Request-Time': time,
  Signature: `algorithm=RSA256,keyVersion=1,signature=${encodeURIComponent(sign('sha256', content(time, body), dstorePrivate).toString('base64'))}`,
});
async function withBareClient(): Promise<void> {
  const inquiry = { requestOrderId: 'pds_2109_2022_1' };
  const body = JSON.stringify(inquiry);
  const { data, response } = await bare.POST('/v2/pos/inquireOrderDetail', {
    params: { header: signed(body) },
    headers: { 'Content-Type': 'application/json; charset=UTF-8' },
    body: inquiry,
    bodySerializer: () => body,
    parseAs: 'text',
  });
  if (!verified(response.headers, data ?? '')) throw new Error('bare client failed');
}

const client = createDStoreClient({
  baseUrl,
  clientId: CLIENT_ID,
  privateKey: dstore.privateKey,
  posPublicKey: pos.publicKey,
  utcOffsetMinutes: 480,
});
async function withPackage(): Promise<void> {
  await client.inquireOrderDetail('pds_2109_2022_1');
}

async function time(fn: () => Promise<void>, n: number, into: number[]): Promise<void> {
  for (let i = 0; i < n; i++) {
    const started = process.hrtime.bigint();
    await fn();
    into.push(Number(process.hrtime.bigint() - started) / 1000);
  }
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

const contenders = [byHand, withBareClient, withPackage];
for (const fn of contenders) await time(fn, WARMUP, []);
const samples: number[][] = contenders.map(() => []);
// Small alternating blocks, each side first in turn, so slow drift (GC, CPU frequency, other
// processes on the machine) falls on every side alike.
for (let done = 0, block = 0; done < CALLS; done += BLOCK, block++) {
  const n = Math.min(BLOCK, CALLS - done);
  for (let k = 0; k < contenders.length; k++) {
    const i = (block + k) % contenders.length;
    await time(contenders[i] as () => Promise<void>, n, samples[i] as number[]);
  }
}
for (const s of samples) s.sort((x, y) => x - y);
const [a, b, c] = samples as [number[], number[], number[]];
const fmt = (n: number) => n.toFixed(0).padStart(7);
const ratio = (x: number[], y: number[], q: number) => (quantile(x, q) / quantile(y, q)).toFixed(3);
console.log(
  `calls per side: ${a.length} (after ${WARMUP} warm-up), sequential, interleaved in blocks of ${BLOCK}, Node ${process.version}`,
);
console.log(
  `(a) fetch + sign + verify by hand   median ${fmt(quantile(a, 0.5))} µs   p99 ${fmt(quantile(a, 0.99))} µs`,
);
console.log(
  `(b) bare openapi-fetch client       median ${fmt(quantile(b, 0.5))} µs   p99 ${fmt(quantile(b, 0.99))} µs`,
);
console.log(
  `(c) client.inquireOrderDetail       median ${fmt(quantile(c, 0.5))} µs   p99 ${fmt(quantile(c, 0.99))} µs`,
);
console.log(`ratio (c)/(a) median ${ratio(c, a, 0.5)}   p99 ${ratio(c, a, 0.99)}`);
console.log(
  `ratio (c)/(b) median ${ratio(c, b, 0.5)}   p99 ${ratio(c, b, 0.99)}   Target: ≤ 1.05× of the bare openapi-fetch client`,
);
console.log(`bench: ratio to bare openapi-fetch client ${ratio(c, b, 0.5)}`);
console.log(`bench: ratio to raw fetch ${ratio(c, a, 0.5)}`);
server.close();
