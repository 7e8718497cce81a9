import { describe, expect, it } from 'vitest';
import { createInquireOrderDetailHandler, type InquiryOutcome } from '../src/index.js';
import { DStoreConfigError } from '../src/errors.js';
import { CLIENT_ID, isoWithOffset, ownSignHeader, ownVerifyHeader, PATH, responseIssues, rsaPair } from './support.js';

const dstore = rsaPair();
const pos = rsaPair();
const START = new Date('2024-05-01T12:00:00Z').getTime();

/** A handler on a clock the test moves by hand. */
function setup(extra: Partial<Parameters<typeof createInquireOrderDetailHandler>[0]> = {}) {
  const clock = { t: START };
  const events: InquiryOutcome[] = [];
  const h = createInquireOrderDetailHandler({
    clientId: CLIENT_ID,
    dstorePublicKey: dstore.publicKey,
    posPrivateKey: pos.privateKey,
    lookup: async () => ({ posOrderId: 'P-1', orderStatus: 'READY' }),
    now: () => new Date(clock.t),
    onOutcome: (e) => events.push(e),
    ...extra,
  });
  return { h, clock, events };
}

function request(clock: { t: number }, body = '{"requestOrderId":"known"}'): Request {
  const time = isoWithOffset(new Date(clock.t));
  return new Request(`http://127.0.0.1${PATH}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json; charset=UTF-8',
      'Client-Id': CLIENT_ID,
      'Request-Time': time,
      Signature: ownSignHeader(CLIENT_ID, time, body, dstore.privateKey),
    },
    body,
  });
}

/** Checks the answer is signed and spec-valid with the test's own crypto; returns its result code. */
async function code(response: Response): Promise<string> {
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/json; charset=UTF-8');
  const text = await response.text();
  expect(
    ownVerifyHeader(
      CLIENT_ID,
      response.headers.get('response-time') ?? '',
      text,
      response.headers.get('signature'),
      pos.publicKey,
    ),
  ).toBe(true);
  const body = JSON.parse(text) as { result: { resultStatus: string; resultCode: string } };
  expect(responseIssues(body)).toEqual([]);
  if (body.result.resultCode === 'REQUEST_TRAFFIC_EXCEED_LIMIT') expect(body.result.resultStatus).toBe('F');
  return body.result.resultCode;
}

describe('rate limit (token bucket)', () => {
  it('admits the burst, then sheds with a signed, spec-valid F REQUEST_TRAFFIC_EXCEED_LIMIT', async () => {
    const { h, clock, events } = setup({ rateLimit: { requestsPerSecond: 5, burst: 3 } });
    const codes: string[] = [];
    for (let i = 0; i < 6; i += 1) codes.push(await code(await h(request(clock))));
    expect(codes).toEqual([
      'SUCCESS',
      'SUCCESS',
      'SUCCESS',
      'REQUEST_TRAFFIC_EXCEED_LIMIT',
      'REQUEST_TRAFFIC_EXCEED_LIMIT',
      'REQUEST_TRAFFIC_EXCEED_LIMIT',
    ]);
    expect(events.map((e) => e.resultCode)).toEqual(codes);
    expect(events[5]).not.toHaveProperty('requestOrderId');
  });

  it('refills at requestsPerSecond, never above the burst', async () => {
    const { h, clock } = setup({ rateLimit: { requestsPerSecond: 10, burst: 2 } });
    const send = async () => code(await h(request(clock)));
    expect([await send(), await send(), await send()]).toEqual(['SUCCESS', 'SUCCESS', 'REQUEST_TRAFFIC_EXCEED_LIMIT']);
    clock.t += 100; // one token
    expect([await send(), await send()]).toEqual(['SUCCESS', 'REQUEST_TRAFFIC_EXCEED_LIMIT']);
    clock.t += 60_000; // a long pause refills to the burst only
    expect([await send(), await send(), await send()]).toEqual(['SUCCESS', 'SUCCESS', 'REQUEST_TRAFFIC_EXCEED_LIMIT']);
    clock.t -= 5_000; // a clock stepping back refills nothing and breaks nothing
    expect(await send()).toBe('REQUEST_TRAFFIC_EXCEED_LIMIT');
  });

  it('burst defaults to one second of requests', async () => {
    const { h, clock } = setup({ rateLimit: { requestsPerSecond: 4 } });
    const codes: string[] = [];
    for (let i = 0; i < 5; i += 1) codes.push(await code(await h(request(clock))));
    expect(codes.filter((c) => c === 'SUCCESS')).toHaveLength(4);
    expect(codes[4]).toBe('REQUEST_TRAFFIC_EXCEED_LIMIT');
  });

  it('is checked before the body is read or any signature verified', async () => {
    const { h, clock } = setup({ rateLimit: { requestsPerSecond: 1, burst: 1 } });
    await code(await h(request(clock)));
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(1024));
      },
    });
    // No headers at all: unchecked, because shedding comes first.
    const req = new Request(`http://127.0.0.1${PATH}`, { method: 'POST', body, duplex: 'half' } as RequestInit);
    expect(await code(await h(req))).toBe('REQUEST_TRAFFIC_EXCEED_LIMIT');
    expect(pulled).toBeLessThanOrEqual(1);
  });

  it('no rate limit by default', async () => {
    const { h, clock } = setup();
    const codes = await Promise.all(Array.from({ length: 40 }, async () => code(await h(request(clock)))));
    expect(new Set(codes)).toEqual(new Set(['SUCCESS']));
  });

  it('refuses a nonsensical configuration', () => {
    expect(() => setup({ rateLimit: { requestsPerSecond: 0 } })).toThrow(DStoreConfigError);
    expect(() => setup({ rateLimit: { requestsPerSecond: Number.NaN } })).toThrow(/requestsPerSecond/);
    expect(() => setup({ rateLimit: { requestsPerSecond: 5, burst: 0 } })).toThrow(/burst/);
    expect(() => setup({ maxConcurrent: 0 })).toThrow(/maxConcurrent/);
  });
});

describe('concurrency bound', () => {
  it('sheds past maxConcurrent instead of queueing, and admits again once work finishes', async () => {
    const releases: Array<() => void> = [];
    let started = 0;
    const { h, clock } = setup({
      maxConcurrent: 3,
      lookup: () =>
        new Promise((resolve) => {
          started += 1;
          releases.push(() => resolve({ posOrderId: 'P-1', orderStatus: 'READY' }));
        }),
    });
    const held = Array.from({ length: 3 }, () => h(request(clock)));
    for (let i = 0; i < 50 && started < 3; i += 1) await new Promise((r) => setTimeout(r, 10));
    expect(started).toBe(3);
    const shed = await Promise.all(Array.from({ length: 5 }, async () => code(await h(request(clock)))));
    expect(shed).toEqual(Array(5).fill('REQUEST_TRAFFIC_EXCEED_LIMIT'));
    expect(started).toBe(3); // the shed ones never reached the lookup
    for (const release of releases) release();
    expect(await Promise.all(held.map(async (p) => code(await p)))).toEqual(['SUCCESS', 'SUCCESS', 'SUCCESS']);
    const after = h(request(clock));
    for (let i = 0; i < 50 && started < 4; i += 1) await new Promise((r) => setTimeout(r, 10));
    releases[3]?.();
    expect(await code(await after)).toBe('SUCCESS');
  });

  it('bounds the queue with a lookup that answers at once: requests arriving together past maxConcurrent are shed', async () => {
    const { h, clock } = setup({ maxConcurrent: 3 });
    const codes = await Promise.all(Array.from({ length: 8 }, async () => code(await h(request(clock)))));
    expect(codes.filter((c) => c === 'SUCCESS')).toHaveLength(3);
    expect(codes.filter((c) => c === 'REQUEST_TRAFFIC_EXCEED_LIMIT')).toHaveLength(5);
    expect(h.stats()).toMatchObject({ inFlight: 0, maxInFlight: 3, maxConcurrent: 3, admitted: 3, shed: 5 });
    expect(await code(await h(request(clock)))).toBe('SUCCESS');
  });

  it('a failing or timing-out inquiry gives its slot back', async () => {
    const { h, clock } = setup({ maxConcurrent: 1, timeoutMs: 20, lookup: () => new Promise(() => undefined) });
    for (let i = 0; i < 3; i += 1) expect(await code(await h(request(clock)))).toBe('UNKNOWN_EXCEPTION');
  });

  it('the shed answer is signed for the current Response-Time even when its signature is reused', async () => {
    const { h, clock } = setup({ rateLimit: { requestsPerSecond: 1, burst: 1 } });
    clock.t = START + 600;
    await code(await h(request(clock)));
    const a = await h(request(clock));
    const b = await h(request(clock));
    expect(a.headers.get('signature')).toBe(b.headers.get('signature')); // one RSA signature per second
    clock.t += 500; // the next Response-Time second, half a token: still shed, signed anew
    const c = await h(request(clock));
    expect(c.headers.get('response-time')).not.toBe(a.headers.get('response-time'));
    for (const r of [a, b, c]) expect(await code(r)).toBe('REQUEST_TRAFFIC_EXCEED_LIMIT');
  });
});

describe('a body over the limit', () => {
  it('is answered with Connection: close, so a keep-alive client does not reuse a connection with unread bytes', async () => {
    const { h, clock } = setup({ maxBodyBytes: 16 });
    const over = await h(request(clock, JSON.stringify({ requestOrderId: 'x'.repeat(40) })));
    expect(over.headers.get('connection')).toBe('close');
    expect(await code(over)).toBe('PARAM_ILLEGAL');
    const fine = await h(request(clock, '{"requestOrderId":"k"}'.slice(0, 16)));
    expect(fine.headers.get('connection')).toBeNull();
  });
});
