/**
 * Retries and budgets of inquireOrderDetail on the kernel transport: what is retried (the spec's
 * retryable codes, only when the answer verifies; HTTP 429/5xx; connection errors), that
 * `timeoutMs` bounds the whole call, retries and backoff included, and the per-call overrides.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes } from '../src/generated/codes.js';
import {
  createDStoreClient,
  DStoreAbortError,
  DStoreBusinessError,
  DStoreConnectionError,
  DStoreSignatureError,
  DStoreTimeoutError,
  DStoreUnknownError,
  type DStoreClientOptions,
} from '../src/index.js';
import { RETRYABLE_CODES } from '../src/answer.js';
import { CLIENT_ID, fakePos, ownVerifyHeader, rsaPair, signedReply, startServer, type Reply } from './support.js';

const dstore = rsaPair();
const pos = rsaPair();
const stranger = rsaPair();
const success = {
  result: { resultStatus: 'S', resultCode: 'SUCCESS', resultMessage: 'success' },
  posOrderId: '2023063000010002',
  orderStatus: 'ACCEPTED',
};
const order = { posOrderId: '2023063000010002', orderStatus: 'ACCEPTED' };
const U = signedReply({ result: { resultStatus: 'U', resultCode: 'UNKNOWN_EXCEPTION' } }, pos.privateKey);
const S = signedReply(success, pos.privateKey);
const fail = (resultCode: string) =>
  signedReply({ result: { resultStatus: 'F', resultCode, resultMessage: 'no' } }, pos.privateKey);
const status =
  (code: number): Reply =>
  (_r, res) => {
    res.writeHead(code, { 'content-type': 'text/plain' });
    res.end(`HTTP ${code}`);
  };
const hang: Reply = () => undefined;
const fast = { baseDelayMs: 1, maxDelayMs: 5 };

let server: Awaited<ReturnType<typeof fakePos>>;
let script: Reply[] = [];
beforeAll(async () => {
  // Each request takes the next reply of the script; the last one repeats.
  server = await fakePos((recorded, res) => ((script.length > 1 ? script.shift() : script[0]) ?? S)(recorded, res));
});
afterAll(() => server.close());

function play(...replies: Reply[]) {
  script = replies;
  server.requests.length = 0;
}

const client = (extra: Partial<DStoreClientOptions> = {}) =>
  createDStoreClient({
    baseUrl: server.url,
    clientId: CLIENT_ID,
    privateKey: dstore.privateKey,
    posPublicKey: pos.publicKey,
    ...extra,
  });

describe('retryable codes come from the spec table', () => {
  it('are the codes the generated table marks retryable, and nothing else', () => {
    const marked = Object.entries(codes)
      .filter(([, entry]) => entry.retryable)
      .map(([code]) => code);
    expect([...RETRYABLE_CODES].sort()).toEqual(marked.sort());
    expect([...RETRYABLE_CODES].sort()).toEqual(['REQUEST_TRAFFIC_EXCEED_LIMIT', 'UNKNOWN_EXCEPTION']);
  });

  it('U, then S: retried, the order after two requests', async () => {
    play(U, S);
    await expect(client({ retry: { maxAttempts: 3, ...fast } }).inquireOrderDetail('x')).resolves.toEqual(order);
    expect(server.requests).toHaveLength(2);
  });

  it('F REQUEST_TRAFFIC_EXCEED_LIMIT every time: retried to the last attempt, then a retryable DStoreBusinessError', async () => {
    play(fail('REQUEST_TRAFFIC_EXCEED_LIMIT'));
    const error = await client({ retry: { maxAttempts: 3, ...fast } })
      .inquireOrderDetail('x')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DStoreBusinessError);
    expect(error).toMatchObject({ code: 'REQUEST_TRAFFIC_EXCEED_LIMIT', retryable: true, outcome: 'failed' });
    expect(server.requests).toHaveLength(3);
  });

  it('a final F code is never retried', async () => {
    for (const code of ['PROCESS_FAIL', 'PARAM_ILLEGAL', 'INVALID_SIGNATURE', 'ACCESS_DENIED', 'INVALID_API']) {
      play(fail(code), S);
      const error = await client({ retry: { maxAttempts: 3, ...fast } })
        .inquireOrderDetail('x')
        .catch((e: unknown) => e);
      expect(error, code).toMatchObject({ constructor: DStoreBusinessError, code, retryable: false });
      expect(server.requests, code).toHaveLength(1);
    }
  });

  it('a U whose signature does not verify is not retried and stays outcome unknown', async () => {
    play(signedReply({ result: { resultStatus: 'U', resultCode: 'UNKNOWN_EXCEPTION' } }, stranger.privateKey), S);
    const error = await client({ retry: { maxAttempts: 3, ...fast } })
      .inquireOrderDetail('x')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DStoreSignatureError);
    expect(error).toMatchObject({ outcome: 'unknown', retryable: false });
    expect(server.requests).toHaveLength(1);
  });

  it('HTTP 503 and 429 are retried; every attempt sends the same signed bytes', async () => {
    play(status(503), status(429), S);
    await expect(client({ retry: { maxAttempts: 3, ...fast } }).inquireOrderDetail('x')).resolves.toEqual(order);
    expect(server.requests).toHaveLength(3);
    const [first] = server.requests;
    for (const request of server.requests) {
      expect(request.body.toString()).toBe('{"requestOrderId":"x"}');
      expect(request.headers.signature).toBe(first?.headers.signature);
      const verified = ownVerifyHeader(
        CLIENT_ID,
        request.headers['request-time'] as string,
        request.body,
        request.headers.signature as string,
        dstore.publicKey,
      );
      expect(verified).toBe(true);
    }
  });

  it('a refused connection is retried, then a DStoreConnectionError', async () => {
    const gone = await startServer(() => undefined);
    await gone.close();
    const seen: string[] = [];
    const error = await client({
      baseUrl: gone.url,
      retry: { maxAttempts: 3, ...fast },
      fetch: (request) => {
        seen.push(request.method);
        return fetch(request);
      },
    })
      .inquireOrderDetail('x')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DStoreConnectionError);
    expect(seen).toEqual(['POST', 'POST', 'POST']);
  });

  it('by default a call is one request: U comes back at once', async () => {
    play(U, S);
    await expect(client().inquireOrderDetail('x')).rejects.toBeInstanceOf(DStoreUnknownError);
    expect(server.requests).toHaveLength(1);
  });
});

describe('timeoutMs bounds the whole call, retries included', () => {
  it('stops retrying when the budget runs out during backoff', async () => {
    play(U);
    const started = performance.now();
    const error = await client({
      timeoutMs: 300,
      retry: { maxAttempts: 10, baseDelayMs: 1_000, maxDelayMs: 1_000, random: () => 1 },
    })
      .inquireOrderDetail('x')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DStoreTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 300, scope: 'call', outcome: 'unknown', retryable: true });
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(server.requests).toHaveLength(1);
  });

  it('attemptTimeoutMs retries a stalled attempt within the call budget', async () => {
    play(hang, S);
    const c = client({ timeoutMs: 5_000, attemptTimeoutMs: 200, retry: { maxAttempts: 2, ...fast } });
    await expect(c.inquireOrderDetail('x')).resolves.toEqual(order);
    expect(server.requests).toHaveLength(2);
  });

  it('a last attempt that runs out of attemptTimeoutMs is a DStoreTimeoutError naming it', async () => {
    play(hang);
    const error = await client({ timeoutMs: 5_000, attemptTimeoutMs: 100, retry: { maxAttempts: 2, ...fast } })
      .inquireOrderDetail('x')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ constructor: DStoreTimeoutError, timeoutMs: 100, scope: 'attempt' });
    expect(server.requests).toHaveLength(2);
  });
});

describe('per-call overrides', () => {
  it('retry: a client without retries retries this call', async () => {
    play(U, S);
    const c = client();
    await expect(c.inquireOrderDetail('x', { retry: { maxAttempts: 2, ...fast } })).resolves.toEqual(order);
    expect(server.requests).toHaveLength(2);
    play(U, S);
    await expect(c.inquireOrderDetail('x')).rejects.toBeInstanceOf(DStoreUnknownError);
  });

  it('retry: maxAttempts 1 turns the client’s retries off for this call', async () => {
    play(U, S);
    const c = client({ retry: { maxAttempts: 3, ...fast } });
    await expect(c.inquireOrderDetail('x', { retry: { maxAttempts: 1 } })).rejects.toBeInstanceOf(DStoreUnknownError);
    expect(server.requests).toHaveLength(1);
  });

  it('timeoutMs: this call’s budget, not the client’s', async () => {
    play(hang);
    const started = performance.now();
    const error = await client({ timeoutMs: 10_000 })
      .inquireOrderDetail('x', { timeoutMs: 100 })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ constructor: DStoreTimeoutError, timeoutMs: 100 });
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('signal: the caller aborts during backoff', async () => {
    play(U);
    const caller = new AbortController();
    const pending = client({ retry: { maxAttempts: 5, baseDelayMs: 5_000, maxDelayMs: 5_000, random: () => 1 } })
      .inquireOrderDetail('x', { signal: caller.signal })
      .catch((e: unknown) => e);
    while (server.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    caller.abort();
    const error = await pending;
    expect(error).toBeInstanceOf(DStoreAbortError);
    expect(error).toMatchObject({ outcome: 'unknown' });
  });

  it('a bad per-call option is an input error; nothing is sent', async () => {
    play(S);
    const c = client();
    await expect(c.inquireOrderDetail('x', { timeoutMs: -1 })).rejects.toThrow(/timeoutMs must be a positive number/);
    await expect(c.inquireOrderDetail('x', { retry: { maxAttempts: 0 } })).rejects.toThrow(/maxAttempts/);
    expect(server.requests).toHaveLength(0);
  });
});
