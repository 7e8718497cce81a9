/**
 * Reference server for `pnpm bench`: @orderkit/dstore's handler alone on node:http through its own
 * toNodeListener, with the bench's orders in a Map and no audit log. Same keys, same requests as
 * order-desk; the difference to order-desk is Hono + @hono/node-server and the PGlite store.
 * Env: PORT, BENCH_KEYS_DIR (order-desk's dev-keys folder), BENCH_CLIENT_ID.
 */
import { createServer } from 'node:http';
import path from 'node:path';
import {
  createInquireOrderDetailHandler,
  toNodeListener,
  type FoundOrder,
} from '../../../../packages/dstore/src/index.ts';
import { benchOrders } from './orders.mjs';

const keys = process.env.BENCH_KEYS_DIR ?? '';
const orders = new Map<string, FoundOrder>(
  benchOrders().map((o) => [
    o.requestOrderId,
    { posOrderId: o.posOrderId, orderStatus: o.orderStatus as FoundOrder['orderStatus'], extendInfo: o.extendInfo },
  ]),
);
const handler = createInquireOrderDetailHandler({
  clientId: process.env.BENCH_CLIENT_ID ?? '',
  dstorePublicKey: path.join(keys, 'dstore-public.pem'),
  posPrivateKey: path.join(keys, 'pos-private.pem'),
  lookup: async (id) => orders.get(id) ?? null,
});
const server = createServer(toNodeListener(handler));
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log(`ready: http://127.0.0.1:${process.env.PORT}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
