/**
 * The D-Store mock against our own D-Store client (@orderkit/dstore): every behaviour of the POS
 * endpoint it mocks and every fault, each answer the client receives checked against the spec
 * (openapi-ajv: body and headers) and its signature verified.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDStoreClient,
  DStoreBusinessError,
  DStoreError,
  DStoreKeyError,
  DStoreUnknownError,
  generateKeyPair,
  SIGNED_PATH,
} from '@orderkit/dstore';
import * as dev from '@orderkit/dstore/dev-keys';
import { OpenApiValidator, resolvePointer, type OpenApiDocument } from '@orderkit/openapi-ajv';
import { startMocks, type RunningMocks } from '../src/index.js';
import { mockOrders, specOrders } from '../src/providers/dstore-orders.js';
import { bundlePath } from '../src/specs.js';

const SEED = 7;
const CLIENT_ID = 'orderkit-mock-test';
// The POS key is a knob: the test sets its own and verifies answers with the matching public key.
const pos = generateKeyPair();
const doc = JSON.parse(readFileSync(bundlePath('dstore'), 'utf8')) as OpenApiDocument;

// --- every answer the client receives, checked against the spec ---
const validator = new OpenApiValidator(doc);
const bodySchema = validator.responseBodyPointer(SIGNED_PATH, 'post');
const response200 = resolvePointer(doc, `#/paths/~1v2~1pos~1inquireOrderDetail/post/responses/200`) as {
  $ref?: string;
};
const declaredHeaders = Object.entries(
  (resolvePointer(doc, `${response200.$ref}/headers`) as Record<string, { $ref: string }>) ?? {},
).map(([name, h]) => ({ name: name.toLowerCase(), schema: `${h.$ref}/schema` }));

/** Each answer seen: status, headers and the exact body text, and the spec's verdict on it. */
const answers: Array<{ status: number; violations: string[]; prefer: string | null }> = [];
function specViolations(status: number, headers: Headers, text: string): string[] {
  if (status !== 200) return [`HTTP ${status}`];
  const out: string[] = [];
  for (const h of declaredHeaders) {
    const value = headers.get(h.name);
    const result = value === null ? { valid: false } : validator.validate(h.schema, value);
    if (!result.valid) out.push(`header ${h.name}: ${value ?? 'missing'}`);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return [...out, `body is not JSON: ${text.slice(0, 60)}`];
  }
  const result = validator.validate(bodySchema, body);
  if (!result.valid) out.push(...result.issues.map((i) => `body ${i.path} ${i.message}`));
  return out;
}
/** The Request to send, the client's own when it is one (a copy would not keep its abort signal under vitest). */
const asRequest = (input: RequestInfo | URL, init?: RequestInit) =>
  input instanceof Request && init === undefined ? input : new Request(input, init);
const recording: typeof fetch = async (input, init) => {
  const request = asRequest(input, init);
  const response = await fetch(request);
  const text = await response.clone().text();
  answers.push({
    status: response.status,
    violations: specViolations(response.status, response.headers, text),
    prefer: request.headers.get('prefer'),
  });
  return response;
};
/** The first attempt carries `Prefer: fault=<fault>`, later ones do not (a fault that clears up). */
const faultOnce = (fault: string): typeof fetch => {
  let first = true;
  return (input, init) => {
    const request = asRequest(input, init);
    if (first) request.headers.set('prefer', `fault=${fault}`);
    first = false;
    return recording(request);
  };
};

let mocks: RunningMocks;
let url: string;
beforeAll(async () => {
  mocks = await startMocks({
    only: ['dstore'],
    ports: { dstore: 0 },
    seed: SEED,
    env: { MOCK_DSTORE_CLIENT_ID: CLIENT_ID, MOCK_DSTORE_POS_PRIVATE_KEY: pos.privateKey },
  });
  url = mocks.urls.dstore!;
}, 60_000);
afterAll(() => mocks?.stop());

const client = (options: Partial<Parameters<typeof createDStoreClient>[0]> = {}) =>
  createDStoreClient({
    baseUrl: url,
    clientId: CLIENT_ID,
    privateKey: dev.dstorePrivateKey,
    posPublicKey: pos.publicKey,
    fetch: recording,
    ...options,
  });
const body = (requestOrderId: string) => JSON.stringify({ requestOrderId });

describe('D-Store mock: a POS endpoint that verifies and signs', () => {
  it('answers a known order S, signed with the POS key (the client verifies it)', async () => {
    const spec = specOrders(doc);
    await expect(client().inquireOrderDetail('pds_demo_1')).resolves.toEqual({
      posOrderId: '2023063000010002',
      orderStatus: 'ACCEPTED',
      extendInfo: { tableNo: 'A12' },
    });
    await expect(client().inquireOrderDetail(spec.exampleId)).resolves.toMatchObject(spec.example);
    for (const status of spec.statuses) {
      const order = await client().inquireOrderDetail(`pds_mock_${status.toLowerCase()}`);
      expect(order.orderStatus).toBe(status);
    }
  });

  it('answers MOCK-… ids with an order that is a function of the seed and the id', async () => {
    const expected = mockOrders(SEED, specOrders(doc));
    for (const id of ['MOCK-1', 'MOCK-2', 'MOCK-table-42']) {
      const order = await client().inquireOrderDetail(id);
      expect(order).toEqual(expected(id));
      expect(await client().inquireOrderDetail(id)).toEqual(order);
    }
    const otherSeed = mockOrders(SEED + 1, specOrders(doc));
    expect(['MOCK-1', 'MOCK-2', 'MOCK-3'].map(otherSeed)).not.toEqual(['MOCK-1', 'MOCK-2', 'MOCK-3'].map(expected));
  });

  it('answers an unknown order F PROCESS_FAIL (final), signed', async () => {
    for (const id of ['no-such-order', 'MOCK-', 'pds_demo_2']) {
      const error = await client()
        .inquireOrderDetail(id)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DStoreBusinessError);
      expect(error).toMatchObject({ code: 'PROCESS_FAIL', retryable: false, outcome: 'failed' });
    }
  });

  it('answers a bad signature F INVALID_SIGNATURE: tampered, missing, or made with another key', async () => {
    const c = client();
    const tampered = await c.sendSigned({ body: body('pds_demo_1'), signBody: body('pds_demo_2') });
    const missing = await c.sendSigned({ body: body('pds_demo_1'), signature: null });
    const other = await client({ privateKey: generateKeyPair().privateKey }).sendSigned({ body: body('pds_demo_1') });
    for (const ex of [tampered, missing, other]) {
      expect(ex.status).toBe(200);
      expect(ex.body).toMatchObject({
        kind: 'json',
        value: { result: { resultStatus: 'F', resultCode: 'INVALID_SIGNATURE' } },
      });
      expect(ex.signature).toEqual({ present: true, verified: true });
    }
  });

  it('verifies the exact bytes sent: a body with spaces and escapes (which Prism re-serializes) is S', async () => {
    const ex = await client().sendSigned({ body: '{ "requestOrderId" : "pds_demo\\u005f1" }\n' });
    expect(ex.body).toMatchObject({ kind: 'json', value: { result: { resultCode: 'SUCCESS' } } });
    expect(ex.signature.verified).toBe(true);
  });

  it('answers a malformed JSON body in band (F PARAM_ILLEGAL, signed) within a second', async () => {
    const started = performance.now();
    const ex = await client().sendSigned({ body: '{"requestOrderId": "abc"' });
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(ex.status).toBe(200);
    expect(ex.body).toMatchObject({
      kind: 'json',
      value: { result: { resultStatus: 'F', resultCode: 'PARAM_ILLEGAL' } },
    });
    expect(ex.signature.verified).toBe(true);
  });

  it('answers what Prism would refuse in band with the endpoint’s codes, each signed', async () => {
    const c = client();
    const cases: Array<[string, Parameters<typeof c.sendSigned>[0], string]> = [
      ['no Client-Id', { body: body('pds_demo_1'), clientId: null }, 'PARAM_ILLEGAL'],
      ['no Request-Time', { body: body('pds_demo_1'), requestTime: null }, 'PARAM_ILLEGAL'],
      ['Request-Time not a time', { body: body('pds_demo_1'), requestTime: 'yesterday' }, 'PARAM_ILLEGAL'],
      ['256-character id', { body: body('x'.repeat(256)) }, 'PARAM_ILLEGAL'],
      ['empty body', { body: '' }, 'PARAM_ILLEGAL'],
      ['body not an object', { body: '"pds_demo_1"' }, 'PARAM_ILLEGAL'],
      ['not JSON content', { body: body('pds_demo_1'), contentType: 'text/plain' }, 'SUCCESS'],
      ['GET', { body: '', method: 'GET' }, 'INVALID_API'],
      ['stale Request-Time', { body: body('pds_demo_1'), requestTime: '2020-01-01T00:00:00Z' }, 'PARAM_ILLEGAL'],
    ];
    for (const [name, options, code] of cases) {
      const ex = await c.sendSigned(options);
      const value = ex.body.kind === 'json' ? (ex.body.value as { result?: { resultCode?: string } }) : undefined;
      expect([name, ex.status, value?.result?.resultCode]).toEqual([name, 200, code]);
      expect(ex.signature.verified, name).toBe(true);
    }
  });

  it('answers another Client-Id F ACCESS_DENIED (MOCK_DSTORE_CLIENT_ID sets the one it expects)', async () => {
    const ex = await client({ clientId: '375Y93*******P00050' }).sendSigned({ body: body('pds_demo_1') });
    expect(ex.body).toMatchObject({ kind: 'json', value: { result: { resultCode: 'ACCESS_DENIED' } } });
  });
});

describe('D-Store mock: faults on demand (Prefer: fault=…)', () => {
  it('busy: U UNKNOWN_EXCEPTION, which the client retries (then S)', async () => {
    const retrying = client({ fetch: faultOnce('busy'), retry: { maxAttempts: 2, baseDelayMs: 1 } });
    const before = answers.length;
    await expect(retrying.inquireOrderDetail('pds_demo_1')).resolves.toMatchObject({ orderStatus: 'ACCEPTED' });
    expect(answers.length - before).toBe(2);
    const once = await client({ fetch: faultOnce('busy') })
      .inquireOrderDetail('pds_demo_1')
      .catch((e: unknown) => e);
    expect(once).toBeInstanceOf(DStoreUnknownError);
    expect(once).toMatchObject({ code: 'UNKNOWN_EXCEPTION', retryable: true, outcome: 'unknown' });
  });

  it('quota: F REQUEST_TRAFFIC_EXCEED_LIMIT, retryable per the spec (then S on retry)', async () => {
    const once = await client({ fetch: faultOnce('quota') })
      .inquireOrderDetail('pds_demo_1')
      .catch((e: unknown) => e);
    expect(once).toBeInstanceOf(DStoreBusinessError);
    expect(once).toMatchObject({ code: 'REQUEST_TRAFFIC_EXCEED_LIMIT', retryable: true });
    const retrying = client({ fetch: faultOnce('quota'), retry: { maxAttempts: 2, baseDelayMs: 1 } });
    await expect(retrying.inquireOrderDetail('pds_demo_1')).resolves.toMatchObject({ orderStatus: 'ACCEPTED' });
  });

  it('5xx: HTTP 503, which the client retries (then S)', async () => {
    const retrying = client({ fetch: faultOnce('5xx'), retry: { maxAttempts: 2, baseDelayMs: 1 } });
    await expect(retrying.inquireOrderDetail('pds_demo_1')).resolves.toMatchObject({ orderStatus: 'ACCEPTED' });
  });

  it('slow: the client’s timeout ends the call, outcome unknown', async () => {
    const slow: typeof fetch = (input, init) => {
      const request = asRequest(input, init);
      request.headers.set('prefer', 'fault=slow, delay=1500');
      return recording(request);
    };
    const error = await client({ fetch: slow, timeoutMs: 300 })
      .inquireOrderDetail('pds_demo_1')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DStoreError);
    expect(error).toMatchObject({ name: 'DStoreTimeoutError', outcome: 'unknown', retryable: true });
  });

  it('truncate: half an answer, then the connection drops: outcome unknown', async () => {
    const truncating: typeof fetch = (input, init) => {
      const request = asRequest(input, init);
      request.headers.set('prefer', 'fault=truncate');
      return fetch(request);
    };
    const error = await client({ fetch: truncating })
      .inquireOrderDetail('pds_demo_1')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DStoreError);
    expect(error).toMatchObject({ outcome: 'unknown' });
  });

  it('expire-token does not apply to D-Store: a 400 naming the faults it has', async () => {
    const ex = await client().sendSigned({ body: body('pds_demo_1'), headers: { prefer: 'fault=expire-token' } });
    expect(ex.status).toBe(400);
    expect(ex.text).toMatch(/no fault=expire-token; it has busy, quota, slow, truncate, 5xx/);
  });
});

describe('D-Store mock: knobs', () => {
  it('a key knob that is not a key stops the start with an error naming the variable', async () => {
    const error = await startMocks({
      only: ['dstore'],
      ports: { dstore: 0 },
      env: { MOCK_DSTORE_PUBLIC_KEY: '/nonexistent/dstore-public.pem' },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DStoreKeyError);
    expect((error as Error).message).toContain('MOCK_DSTORE_PUBLIC_KEY');
  });
});

// Last, over everything above: the front's in-band answers as much as those that came through Prism.
describe('D-Store mock: every answer the tests received', () => {
  it('is spec-valid (body and headers) unless it is a transport fault asked for', () => {
    expect(answers.length).toBeGreaterThan(30);
    for (const a of answers) {
      if (a.status === 200) expect(a.violations, JSON.stringify(a)).toEqual([]);
      else expect(a.prefer, JSON.stringify(a)).toMatch(/fault=(5xx|expire-token)/);
    }
  });
});
