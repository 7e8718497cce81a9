/**
 * Reference server for `pnpm bench`: the same exchange with node:http and node:crypto only — read
 * the body, verify the request, JSON.parse, look the order up in a Map, JSON.stringify, sign,
 * answer. No Fetch objects, no schema validation, no audit, none of the handler's checks: not a
 * usable endpoint, only the floor of what one Node process spends per answer besides the RSA work.
 * Env: PORT, BENCH_KEYS_DIR (order-desk's dev-keys folder), BENCH_CLIENT_ID.
 */
import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { benchOrders } from './orders.mjs';

const dir = process.env.BENCH_KEYS_DIR ?? '';
const clientId = process.env.BENCH_CLIENT_ID ?? '';
const dstorePublic = createPublicKey(readFileSync(path.join(dir, 'dstore-public.pem')));
const posPrivate = createPrivateKey(readFileSync(path.join(dir, 'pos-private.pem')));
const orders = new Map(
  benchOrders().map((o) => [
    o.requestOrderId,
    { posOrderId: o.posOrderId, orderStatus: o.orderStatus, extendInfo: o.extendInfo },
  ]),
);
const head = (time) => `POST /v2/pos/inquireOrderDetail\n${clientId}.${time}.`;
const pad = (n) => String(n).padStart(2, '0');
const now = () => {
  const d = new Date(Date.now() + 480 * 60_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}+08:00`;
};

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    const value = /signature=([^,]+)$/.exec(req.headers.signature ?? '')?.[1] ?? '';
    let order;
    try {
      if (
        verify(
          'sha256',
          Buffer.concat([Buffer.from(head(req.headers['request-time'] ?? '')), body]),
          dstorePublic,
          Buffer.from(decodeURIComponent(value), 'base64'),
        )
      ) {
        order = orders.get(JSON.parse(body.toString('utf8')).requestOrderId);
      }
    } catch {
      order = undefined;
    }
    const text = JSON.stringify(
      order
        ? { result: { resultStatus: 'S', resultCode: 'SUCCESS', resultMessage: 'success' }, ...order }
        : { result: { resultStatus: 'F', resultCode: 'PROCESS_FAIL', resultMessage: 'not verified or not found' } },
    );
    const time = now();
    const signature = encodeURIComponent(sign('sha256', Buffer.from(head(time) + text), posPrivate).toString('base64'));
    res.writeHead(200, {
      'content-type': 'application/json; charset=UTF-8',
      'client-id': clientId,
      'response-time': time,
      signature: `algorithm=RSA256,keyVersion=1,signature=${signature}`,
      'content-length': Buffer.byteLength(text),
    });
    res.end(text);
  });
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log(`ready: http://127.0.0.1:${process.env.PORT}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
