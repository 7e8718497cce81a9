import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDStoreClient,
  DStoreBusinessError,
  DStoreConnectionError,
  DStoreProtocolError,
  DStoreRequestError,
  DStoreSignatureError,
  DStoreTimeoutError,
  DStoreUnknownError,
} from '../src/index.js';
import {
  CLIENT_ID,
  fakePos,
  ownVerifyHeader,
  PATH,
  rsaPair,
  signedReply,
  startServer,
  TIME_FORMAT,
} from './support.js';

const dstore = rsaPair();
const pos = rsaPair();
const success = {
  result: { resultStatus: 'S', resultCode: 'SUCCESS', resultMessage: 'success' },
  posOrderId: '2023063000010002',
  orderStatus: 'ACCEPTED',
  extendInfo: { tableNo: 'A12' },
};

let server: Awaited<ReturnType<typeof fakePos>>;
beforeAll(async () => {
  server = await fakePos(signedReply(success, pos.privateKey));
});
afterAll(() => server.close());

const client = (extra: Partial<Parameters<typeof createDStoreClient>[0]> = {}) =>
  createDStoreClient({
    baseUrl: server.url,
    clientId: CLIENT_ID,
    privateKey: dstore.privateKey,
    posPublicKey: pos.publicKey,
    ...extra,
  });

describe('the request on the wire', () => {
  it('is a signed POST of the exact body bytes with the documented headers', async () => {
    server.setReply(signedReply(success, pos.privateKey));
    server.requests.length = 0;
    await client({ utcOffsetMinutes: 480 }).inquireOrderDetail('pds_2109_2022_1');
    const [request] = server.requests;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe(PATH);
    expect(request?.headers['content-type']).toBe('application/json; charset=UTF-8');
    expect(request?.headers['client-id']).toBe(CLIENT_ID);
    const time = request?.headers['request-time'] as string;
    expect(time).toMatch(TIME_FORMAT);
    expect(time.endsWith('+08:00')).toBe(true);
    expect(Math.abs(Date.parse(time) - Date.now())).toBeLessThan(5_000);
    expect(request?.body.toString('utf8')).toBe('{"requestOrderId":"pds_2109_2022_1"}');
    const signature = request?.headers.signature as string;
    expect(signature).toMatch(/^algorithm=RSA256,keyVersion=1,signature=[A-Za-z0-9%]+$/);
    expect(ownVerifyHeader(CLIENT_ID, time, request!.body, signature, dstore.publicKey)).toBe(true);
  });

  it('writes the configured keyVersion', async () => {
    server.requests.length = 0;
    await client({ keyVersion: 3 }).inquireOrderDetail('x');
    expect(server.requests[0]?.headers.signature).toMatch(/^algorithm=RSA256,keyVersion=3,/);
  });

  it('does not send an id the contract forbids', async () => {
    server.requests.length = 0;
    await expect(client().inquireOrderDetail('x'.repeat(256))).rejects.toBeInstanceOf(DStoreRequestError);
    await expect(client().inquireOrderDetail('')).rejects.toBeInstanceOf(DStoreRequestError);
    expect(server.requests).toHaveLength(0);
  });
});

describe('outcomes', () => {
  it('S gives the order', async () => {
    server.setReply(signedReply(success, pos.privateKey));
    await expect(client().inquireOrderDetail('x')).resolves.toEqual({
      posOrderId: '2023063000010002',
      orderStatus: 'ACCEPTED',
      extendInfo: { tableNo: 'A12' },
    });
  });

  it('F throws a non-retryable DStoreBusinessError with code and message', async () => {
    server.setReply(
      signedReply(
        { result: { resultStatus: 'F', resultCode: 'PROCESS_FAIL', resultMessage: 'order not found' } },
        pos.privateKey,
      ),
    );
    const error = await client()
      .inquireOrderDetail('x')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DStoreBusinessError);
    expect(error).toMatchObject({ resultCode: 'PROCESS_FAIL', resultMessage: 'order not found', retryable: false });
  });

  it('U throws a retryable DStoreUnknownError', async () => {
    server.setReply(
      signedReply(
        { result: { resultStatus: 'U', resultCode: 'UNKNOWN_EXCEPTION', resultMessage: 'db down' } },
        pos.privateKey,
      ),
    );
    const error = await client()
      .inquireOrderDetail('x')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DStoreUnknownError);
    expect(error).toMatchObject({ resultCode: 'UNKNOWN_EXCEPTION', retryable: true });
  });
});

describe('answers that are refused', () => {
  it('a signature by another key is a DStoreSignatureError', async () => {
    server.setReply(signedReply(success, rsaPair().privateKey));
    await expect(client().inquireOrderDetail('x')).rejects.toBeInstanceOf(DStoreSignatureError);
  });

  it('an S answer whose signature does not verify is an unknown outcome, not a success', async () => {
    server.setReply(signedReply(success, rsaPair().privateKey));
    await expect(client().inquireOrderDetail('x')).rejects.toMatchObject({
      name: 'DStoreSignatureError',
      outcomeUnknown: true,
      retryable: false,
    });
  });

  it('a signature over another body is a DStoreSignatureError', async () => {
    server.setReply((recorded, res) => {
      const good = signedReply({ ...success, orderStatus: 'COMPLETED' }, pos.privateKey);
      const fake = {
        writeHead: (s: number, h: Record<string, string>) => res.writeHead(s, h),
        end: () => res.end(JSON.stringify(success)),
      };
      good(recorded, fake as never);
    });
    await expect(client().inquireOrderDetail('x')).rejects.toBeInstanceOf(DStoreSignatureError);
  });

  it('an unsigned answer is a DStoreSignatureError', async () => {
    server.setReply(signedReply(success, pos.privateKey, { signature: null }));
    await expect(client().inquireOrderDetail('x')).rejects.toThrow(/no Signature header/);
  });

  it('an answer for another Client-Id is a DStoreSignatureError', async () => {
    server.setReply(signedReply(success, pos.privateKey, { clientId: 'SOMEONE_ELSE' }));
    await expect(client().inquireOrderDetail('x')).rejects.toBeInstanceOf(DStoreSignatureError);
  });

  it('a signed non-JSON answer is a DStoreProtocolError', async () => {
    server.setReply(signedReply('<html>oops</html>', pos.privateKey));
    const error = await client()
      .inquireOrderDetail('x')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DStoreProtocolError);
    expect((error as Error).message).toMatch(/not JSON/);
  });

  it('a signed off-schema answer is a DStoreProtocolError with the issues', async () => {
    server.setReply(signedReply({ ...success, orderStatus: 'SHIPPED' }, pos.privateKey));
    const error = (await client()
      .inquireOrderDetail('x')
      .catch((e: unknown) => e)) as DStoreProtocolError;
    expect(error).toBeInstanceOf(DStoreProtocolError);
    expect(error.issues.map((i) => i.path)).toContain('/orderStatus');
  });

  it('an HTTP 500 is a retryable DStoreProtocolError naming the status', async () => {
    server.setReply((_r, res) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('boom');
    });
    const error = (await client()
      .inquireOrderDetail('x')
      .catch((e: unknown) => e)) as DStoreProtocolError;
    expect(error).toBeInstanceOf(DStoreProtocolError);
    expect(error).toMatchObject({ status: 500, retryable: true });
  });
});

describe('transport failures', () => {
  it('no answer within timeoutMs is a retryable DStoreTimeoutError', async () => {
    const slow = await startServer(() => undefined);
    try {
      const started = Date.now();
      const error = await createDStoreClient({
        baseUrl: slow.url,
        clientId: CLIENT_ID,
        privateKey: dstore.privateKey,
        posPublicKey: pos.publicKey,
        timeoutMs: 150,
      })
        .inquireOrderDetail('x')
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DStoreTimeoutError);
      expect(error).toMatchObject({ timeoutMs: 150, retryable: true });
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      await slow.close();
    }
  });

  it('a refused connection is a retryable DStoreConnectionError', async () => {
    const gone = await startServer(() => undefined);
    await gone.close();
    const error = await createDStoreClient({
      baseUrl: gone.url,
      clientId: CLIENT_ID,
      privateKey: dstore.privateKey,
      posPublicKey: pos.publicKey,
    })
      .inquireOrderDetail('x')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DStoreConnectionError);
    expect((error as Error).message).toMatch(/ECONNREFUSED/);
  });

  it('uses an injected fetch', async () => {
    const seen: string[] = [];
    const c = client({
      fetch: (request) => {
        seen.push(`${request.method} ${request.url}`);
        return fetch(request);
      },
    });
    server.setReply(signedReply(success, pos.privateKey));
    await c.inquireOrderDetail('x');
    expect(seen).toEqual([`POST ${server.url}${PATH}`]);
  });
});

describe('sendSigned, for conformance runs', () => {
  it('sends malformed JSON as is, validly signed, and reports the raw answer', async () => {
    server.setReply(
      signedReply(
        { result: { resultStatus: 'F', resultCode: 'PARAM_ILLEGAL', resultMessage: 'body: not valid JSON' } },
        pos.privateKey,
      ),
    );
    server.requests.length = 0;
    const exchange = await client().sendSigned({ body: '{"requestOrderId":' });
    const sent = server.requests[0]!;
    expect(sent.body.toString()).toBe('{"requestOrderId":');
    expect(
      ownVerifyHeader(
        CLIENT_ID,
        sent.headers['request-time'] as string,
        sent.body,
        sent.headers.signature as string,
        dstore.publicKey,
      ),
    ).toBe(true);
    expect(exchange.status).toBe(200);
    expect(exchange.signature).toEqual({ present: true, verified: true });
    expect(exchange.body).toMatchObject({ kind: 'json', value: { result: { resultCode: 'PARAM_ILLEGAL' } } });
    expect(exchange.sent.signedContent).toBe(
      `POST ${PATH}\n${CLIENT_ID}.${sent.headers['request-time']}.{"requestOrderId":`,
    );
  });

  it('can omit headers, send a stale time, or tamper the signature', async () => {
    server.requests.length = 0;
    const c = client();
    await c.sendSigned({ body: '{}', signature: null, clientId: null });
    await c.sendSigned({ body: '{}', requestTime: '2020-01-01T00:00:00+08:00' });
    await c.sendSigned({ body: '{"a":1}', signBody: '{"a":2}' });
    const [omitted, stale, tampered] = server.requests;
    expect(omitted?.headers.signature).toBeUndefined();
    expect(omitted?.headers['client-id']).toBeUndefined();
    expect(stale?.headers['request-time']).toBe('2020-01-01T00:00:00+08:00');
    expect(
      ownVerifyHeader(
        CLIENT_ID,
        '2020-01-01T00:00:00+08:00',
        '{}',
        stale?.headers.signature as string,
        dstore.publicKey,
      ),
    ).toBe(true);
    expect(
      ownVerifyHeader(
        CLIENT_ID,
        tampered?.headers['request-time'] as string,
        '{"a":1}',
        tampered?.headers.signature as string,
        dstore.publicKey,
      ),
    ).toBe(false);
  });

  it('reports an unverified answer instead of throwing', async () => {
    server.setReply(
      signedReply(success, pos.privateKey, { signature: 'algorithm=RSA256,keyVersion=1,signature=AAAA' }),
    );
    const exchange = await client().sendSigned({ body: '{"requestOrderId":"x"}' });
    expect(exchange.signature).toEqual({ present: true, verified: false });
  });
});

describe('redirects', () => {
  it('never follows a redirect with a signed request', async () => {
    server.requests.length = 0;
    server.setReply((_r, res) => {
      res.writeHead(307, { location: '/elsewhere' });
      res.end();
    });
    const error = await client()
      .inquireOrderDetail('x')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DStoreConnectionError);
    expect((error as Error).message).toMatch(/redirect/);
    expect(server.requests).toHaveLength(1);
  });
});
