/**
 * D-Store's mock answers as a POS endpoint does: it is @orderkit/dstore's own POS handler (verifies
 * Client-Id, Request-Time and the Signature over the exact body bytes, checks the body against the
 * spec, answers S / F / U, signs every answer), looking orders up in the mock's set
 * (dstore-orders.ts). The faults a client may ask for are the endpoint's own answers:
 * - `busy`: the order lookup fails, so the handler answers U UNKNOWN_EXCEPTION (D-Store retries U);
 * - `quota`: F REQUEST_TRAFFIC_EXCEED_LIMIT, before anything is checked, as the handler sheds load.
 * `expire-token` does not apply (D-Store has no token); slow, truncate and 5xx are the layer's.
 */
import type { KeyObject } from 'node:crypto';
import {
  createInquireOrderDetailHandler,
  type FoundOrder,
  formatMessageTime,
  requestPath,
  signatureHeader,
} from '@orderkit/dstore';
import type { MockAnswer, MockRequest } from '../behaviour.js';

export interface DStoreMockOptions {
  clientId: string;
  /** Verifies D-Store's requests. */
  dstorePublicKey: KeyObject;
  /** Signs the mock's answers. */
  posPrivateKey: KeyObject;
  lookup: (requestOrderId: string) => FoundOrder | null;
}

/** Headers the layer's own HTTP servers deal with; never copied into a Fetch Request. */
const TRANSPORT = new Set(['host', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);

function toRequest(request: MockRequest): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined || TRANSPORT.has(name)) continue;
    headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const method = request.method.toUpperCase();
  const hasBody = method !== 'GET' && method !== 'HEAD';
  return new Request(new URL(`${request.url.pathname}${request.url.search}`, 'http://mock.invalid'), {
    method,
    headers,
    ...(hasBody ? { body: new Uint8Array(request.body) } : {}),
  });
}

async function toAnswer(response: Response): Promise<MockAnswer> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'connection') headers[name] = value;
  });
  return { status: response.status, headers, body: new Uint8Array(await response.arrayBuffer()) };
}

const QUOTA_TEXT = JSON.stringify({
  result: {
    resultStatus: 'F',
    resultCode: 'REQUEST_TRAFFIC_EXCEED_LIMIT',
    resultMessage: 'request traffic over the limit of this POS endpoint; try again later (mock: Prefer fault=quota)',
  },
});

/** The mock's answer to any request: the same whether the front or the backend gives it. */
export function createDStoreMock(options: DStoreMockOptions): (request: MockRequest) => Promise<MockAnswer> {
  const { clientId, dstorePublicKey, posPrivateKey } = options;
  const base = { clientId, dstorePublicKey, posPrivateKey };
  const normal = createInquireOrderDetailHandler({ ...base, lookup: async (id) => options.lookup(id) });
  const busy = createInquireOrderDetailHandler({
    ...base,
    lookup: async () => {
      throw new Error('busy (mock: Prefer fault=busy)');
    },
  });
  const quota = (request: MockRequest): MockAnswer => {
    const time = formatMessageTime(new Date());
    const path = requestPath(request.url.href);
    return {
      status: 200,
      headers: {
        'content-type': 'application/json; charset=UTF-8',
        'client-id': clientId,
        'response-time': time,
        signature: signatureHeader({ clientId, time, body: QUOTA_TEXT, path }, posPrivateKey),
      },
      body: QUOTA_TEXT,
    };
  };
  return async (request) => {
    if (request.fault === 'quota') return quota(request);
    const handler = request.fault === 'busy' ? busy : normal;
    return toAnswer(await handler(toRequest(request)));
  };
}
