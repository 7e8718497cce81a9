import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDStoreClient,
  createInquireOrderDetailHandler,
  DStoreBusinessError,
  DStoreUnknownError,
  toNodeListener,
  type InquiryOutcome,
} from '../src/index.js';
import { CLIENT_ID, PATH, responseIssues, rsaPair, startServer } from './support.js';

const dstore = rsaPair();
const pos = rsaPair();
const events: InquiryOutcome[] = [];
let server: Awaited<ReturnType<typeof startServer>>;

beforeAll(async () => {
  const handler = createInquireOrderDetailHandler({
    clientId: CLIENT_ID,
    dstorePublicKey: dstore.publicKey,
    posPrivateKey: pos.privateKey,
    lookup: async (id) => {
      if (id === 'flaky') throw new Error('database unavailable');
      return id.startsWith('pds_')
        ? {
            posOrderId: `POS-${id.slice(4)}`,
            orderStatus: 'PREPARING',
            extendInfo: { tableNo: 'A12', note: '多加辣 ☕' },
          }
        : null;
    },
    onOutcome: (e) => events.push(e),
  });
  server = await startServer(toNodeListener(handler));
});
afterAll(() => server.close());

const client = () =>
  createDStoreClient({
    baseUrl: server.url,
    clientId: CLIENT_ID,
    privateKey: dstore.privateKey,
    posPublicKey: pos.publicKey,
  });

describe('client (D-Store keys) ↔ handler (POS keys) over node:http', () => {
  it('S: the client gets the order the handler looked up, non-ASCII extendInfo intact', async () => {
    await expect(client().inquireOrderDetail('pds_2109_2022_1')).resolves.toEqual({
      posOrderId: 'POS-2109_2022_1',
      orderStatus: 'PREPARING',
      extendInfo: { tableNo: 'A12', note: '多加辣 ☕' },
    });
    expect(events.at(-1)).toMatchObject({ requestOrderId: 'pds_2109_2022_1', resultStatus: 'S' });
  });

  it('F: an unknown order is a DStoreBusinessError PROCESS_FAIL', async () => {
    await expect(client().inquireOrderDetail('missing')).rejects.toMatchObject({
      constructor: DStoreBusinessError,
      resultCode: 'PROCESS_FAIL',
    });
  });

  it('U: a failing lookup is a retryable DStoreUnknownError', async () => {
    await expect(client().inquireOrderDetail('flaky')).rejects.toMatchObject({
      constructor: DStoreUnknownError,
      retryable: true,
    });
  });

  it('a client with the wrong private key gets INVALID_SIGNATURE', async () => {
    const wrong = createDStoreClient({
      baseUrl: server.url,
      clientId: CLIENT_ID,
      privateKey: rsaPair().privateKey,
      posPublicKey: pos.publicKey,
    });
    await expect(wrong.inquireOrderDetail('pds_1')).rejects.toMatchObject({ resultCode: 'INVALID_SIGNATURE' });
  });

  it('conformance probes through sendSigned get signed, spec-valid answers', async () => {
    const c = client();
    const probes = [
      [{ body: '{"requestOrderId":' }, 'PARAM_ILLEGAL'],
      [{ body: '{"requestOrderId":"pds_1"}', signature: null }, 'INVALID_SIGNATURE'],
      [{ body: '{"requestOrderId":"pds_1"}', signBody: '{"requestOrderId":"pds_2"}' }, 'INVALID_SIGNATURE'],
      [{ body: '{"requestOrderId":"pds_1"}', requestTime: '2020-01-01T00:00:00+08:00' }, 'PARAM_ILLEGAL'],
      [{ body: '{"requestOrderId":"pds_1"}', clientId: 'OTHER' }, 'ACCESS_DENIED'],
      [{ body: '', method: 'GET' }, 'INVALID_API'],
      [{ body: JSON.stringify({ requestOrderId: 'x'.repeat(256) }) }, 'PARAM_ILLEGAL'],
      [{ body: 'x'.repeat(70 * 1024) }, 'PARAM_ILLEGAL'],
    ] as const;
    for (const [send, code] of probes) {
      const exchange = await c.sendSigned(send);
      expect(exchange.status).toBe(200);
      expect(exchange.signature).toEqual({ present: true, verified: true });
      expect(exchange.body.kind).toBe('json');
      if (exchange.body.kind === 'json') {
        expect(responseIssues(exchange.body.value)).toEqual([]);
        expect(exchange.body.value).toMatchObject({ result: { resultCode: code } });
      }
    }
  });

  it('answers an oversized body without reading it all and keeps serving', async () => {
    const response = await fetch(`${server.url}${PATH}`, {
      method: 'POST',
      body: 'x'.repeat(2 * 1024 * 1024),
      headers: { 'Client-Id': CLIENT_ID },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ result: { resultCode: 'PARAM_ILLEGAL' } });
    await expect(client().inquireOrderDetail('pds_2')).resolves.toMatchObject({ posOrderId: 'POS-2' });
  });
});
