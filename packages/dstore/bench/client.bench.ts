/**
 * Per-call cost of the client against a hand-written equivalent, over loopback.
 * (a) raw fetch + one RSA-2048 sign + one verify with node:crypto; (b) client.inquireOrderDetail.
 * Both do the same crypto and the same HTTP exchange, so the ratio is the package's own overhead
 * (openapi-fetch, timeout signal, Ajv validation, parsing). Run: pnpm --filter @orderkit/dstore bench
 */
import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDStoreClient, formatMessageTime, generateKeyPair } from '../src/index.js';

const CALLS = Number(process.env.BENCH_CALLS ?? 1000);
const BLOCK = 10;
const WARMUP = 200;
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
  const text = await response.text();
  const value = /signature=(.+)$/.exec(response.headers.get('signature') ?? '')?.[1] ?? '';
  const ok = verify(
    'sha256',
    content(response.headers.get('response-time') ?? '', text),
    posPublic,
    Buffer.from(decodeURIComponent(value), 'base64'),
  );
  if (!ok || (JSON.parse(text) as { posOrderId?: string }).posOrderId === undefined) throw new Error('baseline failed');
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

await time(byHand, WARMUP, []);
await time(withPackage, WARMUP, []);
const a: number[] = [];
const b: number[] = [];
// Small alternating blocks, each side first in turn, so slow drift (GC, CPU frequency, other
// processes on the machine) falls on both sides alike.
for (let done = 0, block = 0; done < CALLS; done += BLOCK, block++) {
  const n = Math.min(BLOCK, CALLS - done);
  if (block % 2 === 0) {
    await time(byHand, n, a);
    await time(withPackage, n, b);
  } else {
    await time(withPackage, n, b);
    await time(byHand, n, a);
  }
}
a.sort((x, y) => x - y);
b.sort((x, y) => x - y);
const fmt = (n: number) => n.toFixed(0).padStart(7);
console.log(
  `calls per side: ${a.length} (after ${WARMUP} warm-up), sequential, interleaved in blocks of ${BLOCK}, Node ${process.version}`,
);
console.log(
  `(a) fetch + sign + verify by hand   median ${fmt(quantile(a, 0.5))} µs   p99 ${fmt(quantile(a, 0.99))} µs`,
);
console.log(
  `(b) client.inquireOrderDetail       median ${fmt(quantile(b, 0.5))} µs   p99 ${fmt(quantile(b, 0.99))} µs`,
);
console.log(
  `ratio (b)/(a) median ${(quantile(b, 0.5) / quantile(a, 0.5)).toFixed(3)}   p99 ${(quantile(b, 0.99) / quantile(a, 0.99)).toFixed(3)}   target ≤ 1.10`,
);
server.close();
