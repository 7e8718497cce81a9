import { describe, expect, it } from 'vitest';
import { createInquireOrderDetailHandler, type FoundOrder, type InquiryOutcome } from '../src/index.js';
import {
  CLIENT_ID,
  isoWithOffset,
  ownSignHeader,
  ownVerifyHeader,
  PATH,
  responseIssues,
  rsaPair,
  TIME_FORMAT,
} from './support.js';

const dstore = rsaPair();
const pos = rsaPair();
const NOW = new Date('2024-05-01T12:00:00Z');
const orders = new Map<string, FoundOrder>([
  ['known', { posOrderId: 'P-1', orderStatus: 'READY', extendInfo: { tableNo: 'A12' } }],
]);

function handler(extra: Partial<Parameters<typeof createInquireOrderDetailHandler>[0]> = {}) {
  return createInquireOrderDetailHandler({
    clientId: CLIENT_ID,
    dstorePublicKey: dstore.publicKey,
    posPrivateKey: pos.privateKey,
    lookup: async (id) => orders.get(id) ?? null,
    now: () => NOW,
    ...extra,
  });
}
const standard = handler();

interface Build {
  body?: string | Uint8Array;
  method?: string;
  clientId?: string | null;
  time?: string | null;
  signature?: string | null;
  signBody?: string | Buffer;
  headers?: Record<string, string>;
}

function request(build: Build = {}): Request {
  const body = build.body ?? '{"requestOrderId":"known"}';
  const time = build.time === undefined ? isoWithOffset(NOW) : build.time;
  const headers = new Headers({ 'Content-Type': 'application/json; charset=UTF-8' });
  if (build.clientId !== null) headers.set('Client-Id', build.clientId ?? CLIENT_ID);
  if (time !== null) headers.set('Request-Time', time);
  const signature =
    build.signature === undefined
      ? ownSignHeader(
          CLIENT_ID,
          time ?? '',
          build.signBody ?? (typeof body === 'string' ? body : Buffer.from(body)),
          dstore.privateKey,
        )
      : build.signature;
  if (signature !== null) headers.set('Signature', signature);
  for (const [k, v] of Object.entries(build.headers ?? {})) headers.set(k, v);
  const method = build.method ?? 'POST';
  return new Request(`http://127.0.0.1${PATH}`, {
    method,
    headers,
    body: method === 'GET' || method === 'HEAD' ? undefined : typeof body === 'string' ? body : Buffer.from(body),
  });
}

/** Every answer: HTTP 200, JSON, valid against the spec, signed with the POS key (checked with the test's own code). */
async function answer(response: Response) {
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/json; charset=UTF-8');
  expect(response.headers.get('client-id')).toBe(CLIENT_ID);
  const time = response.headers.get('response-time') ?? '';
  expect(time).toMatch(TIME_FORMAT);
  const text = await response.text();
  expect(ownVerifyHeader(CLIENT_ID, time, text, response.headers.get('signature'), pos.publicKey)).toBe(true);
  const body = JSON.parse(text) as {
    result: { resultStatus: string; resultCode: string; resultMessage: string };
    [k: string]: unknown;
  };
  expect(responseIssues(body)).toEqual([]);
  expect(body.result.resultMessage.length).toBeLessThanOrEqual(256);
  expect(text).not.toMatch(/\bat .*\.(ts|js):\d+/);
  return body;
}

async function expectResult(req: Request, status: string, code: string, message?: RegExp, h = standard) {
  const body = await answer(await h(req));
  expect(body.result).toMatchObject({ resultStatus: status, resultCode: code });
  if (message) expect(body.result.resultMessage).toMatch(message);
  return body;
}

describe('answers a valid inquiry', () => {
  it('S/SUCCESS with posOrderId, orderStatus and extendInfo', async () => {
    const body = await expectResult(request(), 'S', 'SUCCESS');
    expect(body).toEqual({
      result: { resultStatus: 'S', resultCode: 'SUCCESS', resultMessage: 'success' },
      posOrderId: 'P-1',
      orderStatus: 'READY',
      extendInfo: { tableNo: 'A12' },
    });
  });

  it('accepts a 255-character requestOrderId', async () => {
    await expectResult(request({ body: JSON.stringify({ requestOrderId: 'x'.repeat(255) }) }), 'F', 'PROCESS_FAIL');
  });

  it('verifies the raw body bytes, not a re-serialization', async () => {
    await expectResult(request({ body: '{ "requestOrderId" : "known" , "extra": 1 }' }), 'S', 'SUCCESS');
  });

  it('copies only the contract fields from the lookup', async () => {
    const h = handler({
      lookup: async () => ({ posOrderId: 'P', orderStatus: 'COMPLETED', password: 'hunter2' }) as FoundOrder,
    });
    const body = await expectResult(request(), 'S', 'SUCCESS', undefined, h);
    expect(JSON.stringify(body)).not.toContain('hunter2');
  });
});

describe('maps every failure in the documented order', () => {
  it('GET → F INVALID_API', async () => {
    await expectResult(request({ method: 'GET' }), 'F', 'INVALID_API', /POST only/);
  });

  it('a body over maxBodyBytes → F PARAM_ILLEGAL, without reading it all', async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(16 * 1024).fill(0x20));
      },
    });
    const req = new Request(`http://127.0.0.1${PATH}`, {
      method: 'POST',
      headers: { 'Client-Id': CLIENT_ID },
      body: endless,
      duplex: 'half',
    } as RequestInit);
    await expectResult(req, 'F', 'PARAM_ILLEGAL', /larger than 65536 bytes/);
    expect(pulled).toBeLessThan(10);
  });

  it('a declared Content-Length over the limit → F PARAM_ILLEGAL', async () => {
    await expectResult(
      request({ body: '{"requestOrderId":"known"}' }),
      'F',
      'PARAM_ILLEGAL',
      /larger than 10 bytes/,
      handler({ maxBodyBytes: 10 }),
    );
  });

  it('missing Client-Id → F PARAM_ILLEGAL', async () => {
    await expectResult(request({ clientId: null }), 'F', 'PARAM_ILLEGAL', /Client-Id/);
  });

  it('another Client-Id → F ACCESS_DENIED', async () => {
    await expectResult(request({ clientId: 'SOMEONE_ELSE' }), 'F', 'ACCESS_DENIED');
  });

  it('missing Request-Time → F PARAM_ILLEGAL', async () => {
    await expectResult(request({ time: null }), 'F', 'PARAM_ILLEGAL', /Request-Time/);
  });

  it('missing Signature → F INVALID_SIGNATURE', async () => {
    await expectResult(request({ signature: null }), 'F', 'INVALID_SIGNATURE');
  });

  it('malformed Signature → F INVALID_SIGNATURE', async () => {
    await expectResult(request({ signature: 'algorithm=RSA,keyVersion=1,signature=abc' }), 'F', 'INVALID_SIGNATURE');
  });

  it('a signature over another body (tampered) → F INVALID_SIGNATURE', async () => {
    await expectResult(
      request({ signBody: '{"requestOrderId":"other"}' }),
      'F',
      'INVALID_SIGNATURE',
      /verification failed/,
    );
  });

  it('a signature by another key → F INVALID_SIGNATURE', async () => {
    const body = '{"requestOrderId":"known"}';
    const time = isoWithOffset(NOW);
    await expectResult(
      request({ body, time, signature: ownSignHeader(CLIENT_ID, time, body, rsaPair().privateKey) }),
      'F',
      'INVALID_SIGNATURE',
    );
  });

  it('checks the signature before the time window (a stale unsigned request learns nothing)', async () => {
    await expectResult(request({ time: '2000-01-01T00:00:00+08:00', signature: null }), 'F', 'INVALID_SIGNATURE');
  });

  it('a stale Request-Time → F PARAM_ILLEGAL naming the window', async () => {
    const stale = isoWithOffset(new Date(NOW.getTime() - 5 * 60_000 - 1_000));
    await expectResult(request({ time: stale }), 'F', 'PARAM_ILLEGAL', /within ±300 s/);
  });

  it('a future Request-Time → F PARAM_ILLEGAL', async () => {
    const future = isoWithOffset(new Date(NOW.getTime() + 5 * 60_000 + 1_000), -300);
    await expectResult(request({ time: future }), 'F', 'PARAM_ILLEGAL', /Request-Time/);
  });

  it('a Request-Time inside the window passes, in any offset', async () => {
    await expectResult(request({ time: isoWithOffset(new Date(NOW.getTime() - 4 * 60_000), 0) }), 'S', 'SUCCESS');
  });

  it('an unparseable Request-Time → F PARAM_ILLEGAL', async () => {
    await expectResult(request({ time: '2024-05-01 12:00:00' }), 'F', 'PARAM_ILLEGAL', /ISO 8601/);
  });

  it('malformed JSON → F PARAM_ILLEGAL', async () => {
    await expectResult(request({ body: '{"requestOrderId":' }), 'F', 'PARAM_ILLEGAL', /not valid JSON/);
  });

  it('a body that is not UTF-8 → F PARAM_ILLEGAL', async () => {
    await expectResult(request({ body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]) }), 'F', 'PARAM_ILLEGAL', /UTF-8/);
  });

  it('a 256-character requestOrderId → F PARAM_ILLEGAL naming the field', async () => {
    await expectResult(
      request({ body: JSON.stringify({ requestOrderId: 'x'.repeat(256) }) }),
      'F',
      'PARAM_ILLEGAL',
      /^requestOrderId: /,
    );
  });

  it('a missing or non-string requestOrderId → F PARAM_ILLEGAL naming the field', async () => {
    await expectResult(request({ body: '{}' }), 'F', 'PARAM_ILLEGAL', /requestOrderId/);
    await expectResult(request({ body: '{"requestOrderId":42}' }), 'F', 'PARAM_ILLEGAL', /requestOrderId/);
    await expectResult(request({ body: '[]' }), 'F', 'PARAM_ILLEGAL', /body/);
  });

  it('an unknown order → F PROCESS_FAIL', async () => {
    await expectResult(request({ body: '{"requestOrderId":"nope"}' }), 'F', 'PROCESS_FAIL', /order not found/);
  });

  it('a lookup that throws → U UNKNOWN_EXCEPTION without its message', async () => {
    const h = handler({
      lookup: async () => {
        throw new Error('connect to postgres://admin:s3cret@db failed');
      },
    });
    const body = await expectResult(request(), 'U', 'UNKNOWN_EXCEPTION', /order lookup failed/, h);
    expect(JSON.stringify(body)).not.toContain('s3cret');
  });

  it('a lookup slower than timeoutMs → U UNKNOWN_EXCEPTION, and its signal aborts', async () => {
    let aborted = false;
    const h = handler({
      timeoutMs: 50,
      lookup: (_id, { signal }) =>
        new Promise(() => {
          signal.addEventListener('abort', () => (aborted = true));
        }),
    });
    const started = Date.now();
    await expectResult(request(), 'U', 'UNKNOWN_EXCEPTION', /did not complete in time/, h);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(aborted).toBe(true);
  });
});

describe('never sends an off-contract answer', () => {
  it('an extendInfo over 2048 serialized characters → U', async () => {
    const h = handler({
      lookup: async () => ({ posOrderId: 'P', orderStatus: 'READY', extendInfo: { note: 'x'.repeat(2040) } }),
    });
    const body = await expectResult(request(), 'U', 'UNKNOWN_EXCEPTION', /could not be turned into a valid answer/, h);
    expect(body).not.toHaveProperty('extendInfo');
  });

  it('an extendInfo of exactly 2048 serialized characters is sent', async () => {
    const extendInfo = { note: 'x'.repeat(2048 - '{"note":""}'.length) };
    expect(JSON.stringify(extendInfo)).toHaveLength(2048);
    const h = handler({ lookup: async () => ({ posOrderId: 'P', orderStatus: 'READY', extendInfo }) });
    await expectResult(request(), 'S', 'SUCCESS', undefined, h);
  });

  it.each([
    ['an unknown orderStatus', { posOrderId: 'P', orderStatus: 'SHIPPED' }],
    ['an empty posOrderId', { posOrderId: '', orderStatus: 'READY' }],
    ['a 256-character posOrderId', { posOrderId: '9'.repeat(256), orderStatus: 'READY' }],
    [
      'a cyclic extendInfo',
      (() => {
        const e: Record<string, unknown> = {};
        e.self = e;
        return { posOrderId: 'P', orderStatus: 'READY', extendInfo: e };
      })(),
    ],
  ])('%s from the lookup → U with a generic message', async (_what, found) => {
    const h = handler({ lookup: async () => found as FoundOrder });
    await expectResult(
      request(),
      'U',
      'UNKNOWN_EXCEPTION',
      /^the order record could not be turned into a valid answer$/,
      h,
    );
  });

  it('a lookup that throws synchronously → U', async () => {
    const h = handler({
      lookup: (() => {
        throw new TypeError('boom');
      }) as never,
    });
    await expectResult(request(), 'U', 'UNKNOWN_EXCEPTION', undefined, h);
  });

  it('weird header values do not crash it', async () => {
    const req = request({ headers: { 'Client-Id': 'Ã©\u00ff', 'X-Junk': '\u00e9'.repeat(1000) } });
    await expectResult(req, 'F', 'ACCESS_DENIED');
  });

  it('a body stream that errors → U, never a throw', async () => {
    const broken = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.error(new Error('socket hang up'));
      },
    });
    const req = new Request(`http://127.0.0.1${PATH}`, { method: 'POST', body: broken, duplex: 'half' } as RequestInit);
    await expectResult(req, 'U', 'UNKNOWN_EXCEPTION');
  });
});

describe('onOutcome', () => {
  it('reports one audit event per answer, without secrets', async () => {
    const events: InquiryOutcome[] = [];
    const h = handler({
      onOutcome: (e) => {
        events.push(e);
        throw new Error('audit sink down');
      },
    });
    await expectResult(request(), 'S', 'SUCCESS', undefined, h);
    await expectResult(request({ signature: null }), 'F', 'INVALID_SIGNATURE', undefined, h);
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({
      requestOrderId: 'known',
      resultStatus: 'S',
      resultCode: 'SUCCESS',
      resultMessage: 'success',
    });
    expect(events[0]?.latencyMs).toBeGreaterThanOrEqual(0);
    expect(events[1]).toMatchObject({ resultStatus: 'F', resultCode: 'INVALID_SIGNATURE' });
    expect(events[1]).not.toHaveProperty('requestOrderId');
    const text = JSON.stringify(events);
    for (const secret of [pos.privateKey, dstore.privateKey]) expect(text).not.toContain(secret.split('\n')[2]);
    expect(text).not.toContain('signature=');
  });
});
