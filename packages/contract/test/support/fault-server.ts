/**
 * One fake provider server on 127.0.0.1 (port 0) that plays WeChat, Ovopark and a D-Store POS
 * endpoint, and injects faults from a per-endpoint plan: a queue of faults consumed one per request,
 * then a function of the request count, then "answer normally".
 *
 * Every request is recorded and counted per endpoint. Normal answers are what the real provider
 * would send (WeChat's spec example order, an Ovopark `stat` envelope, a D-Store answer signed with
 * the POS key), so a fault is the only thing wrong with an exchange.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { formatMessageTime, loadPrivateKey, signatureHeader } from '@orderkit/dstore';
import { spec as wechatSpec } from '@orderkit/wechat';

export type Endpoint = 'wechat.token' | 'wechat.order' | 'ovopark.mobileLogin' | 'ovopark.searchPos' | 'dstore.inquire';
export const ENDPOINTS: readonly Endpoint[] = [
  'wechat.token',
  'wechat.order',
  'ovopark.mobileLogin',
  'ovopark.searchPos',
  'dstore.inquire',
];

/**
 * How D-Store answers are signed when the fault is about the body: over the bytes `sent` (the POS
 * itself produced them), over the `intended` full body (a proxy mangled it after signing), or `none`
 * (no Client-Id/Response-Time/Signature headers, as an intermediary's own page would have).
 */
export type DStoreSigning = 'sent' | 'intended' | 'none';

export type Fault =
  | { kind: 'ok' }
  /** Destroy the socket before answering. */
  | { kind: 'drop' }
  /** Never answer (no status line). */
  | { kind: 'stall' }
  /** Status line, headers and half the body, then nothing more. */
  | { kind: 'stallBody' }
  /** Status line, headers (full Content-Length) and half the body, then reset the connection. */
  | { kind: 'cut' }
  | { kind: 'status'; status: 500 | 502 | 503; body?: string }
  /** The normal JSON body cut in half, delivered completely (Content-Length of the half). */
  | { kind: 'truncate'; sign?: DStoreSigning }
  /** An HTML page with status 200. */
  | { kind: 'nonJson'; sign?: DStoreSigning }
  /** Status 200, empty body. */
  | { kind: 'empty'; sign?: DStoreSigning }
  /** Wait `ms`, then answer normally. */
  | { kind: 'slow'; ms: number }
  /** WeChat errcode. 40001/42001 also invalidate the server's current token (42001: it "expired"). */
  | { kind: 'wechat'; errcode: -1 | 40001 | 40014 | 42001 | 45009 | 99999 }
  /** Ovopark `stat.code`. */
  | { kind: 'ovopark'; code: '-999' | '-500' | '7' | '208016' | '9990001' }
  /** D-Store in-band outcome, correctly signed. */
  | { kind: 'dstore'; result: 'U' | 'F' }
  /** D-Store normal body signed with a key that is not the POS key. */
  | { kind: 'dstoreWrongKey' };

export interface RequestInfo {
  endpoint: Endpoint;
  /** 1-based count of requests to this endpoint since the last reset. */
  n: number;
  /** 1-based count of all requests since the last reset. */
  total: number;
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
  /** The fault applied. */
  fault: Fault;
  /**
   * What the client got, in short: the provider code of a JSON answer (`0`, `-1`, `42001`, `-999`,
   * `S`, `U`, `F`…), or the fault's kind when the answer was not a whole JSON body.
   */
  answer: string;
}

type Incoming = Omit<RequestInfo, 'fault' | 'answer'>;

export type Plan = (request: Incoming, server: FaultServer) => Fault | undefined;

export interface FaultServerOptions {
  /** D-Store: the Client-Id the POS answers with. */
  dstoreClientId: string;
  /** D-Store: the POS provider's private key (PEM), which signs its answers. */
  posPrivateKey: string;
  /** D-Store: a private key that is *not* the POS key, for `dstoreWrongKey`. */
  otherPrivateKey?: string;
}

const ORDER_PATH = '/wxa/charge/service-provider/order/get';
const DSTORE_PATH = '/v2/pos/inquireOrderDetail';
export const OVOPARK_LOGIN = 'open.shopweb.security.mobileLogin';
export const OVOPARK_SEARCH = 'open.ovopark.pos.searchPos';
const HTML = '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>';

/** The spec's own paid example of getOrder: what a correct WeChat answer is. */
export const WECHAT_PAID = structuredClone(
  (wechatSpec.components.examples as Record<string, { value: unknown }>).GetOrderPaid!.value,
) as { errcode: 0; errmsg: string; order: Record<string, unknown> };

export const OVOPARK_TICKET = { ticketId: 'T-0001', depId: 1001, ticketTime: '2024-01-01 11:05:00', totalAmount: 10 };
export const OVOPARK_PAGE = { total: 1, pageNumber: 1, pageSize: 100, content: [OVOPARK_TICKET] };
export const DSTORE_ORDER = { posOrderId: 'POS-0001', orderStatus: 'READY' } as const;

/** As the gateway sends it: `stat.code` and `stat.systime` are numbers (the Ovopark SDKs read int and long). */
export const ovoparkEnvelope = (code: string, data: unknown = null) => ({
  stat: {
    cid: `cid-${code}`,
    code: Number(code),
    codename: code === '0' ? 'SUCCESS' : `CODE_${code}`,
    systime: Date.now(),
  },
  result: code === '0' ? 'ok' : 'error',
  data,
});

export class FaultServer {
  url = '';
  readonly requests: RequestInfo[] = [];
  readonly #counts = new Map<Endpoint, number>();
  readonly #queues = new Map<Endpoint, Fault[]>();
  readonly #plans = new Map<Endpoint, Plan>();
  readonly #sockets = new Set<Socket>();
  readonly #options: FaultServerOptions;
  readonly #posKey;
  readonly #otherKey;
  readonly #server = createServer((req, res) => void this.#handle(req, res));

  /** WeChat: the one token getOrder accepts (issuing a new one invalidates the old, as WeChat does). */
  wechatToken: string | undefined;
  /** WeChat: tokens expired by `expireWeChatToken` (answered 42001 instead of 40001). */
  readonly wechatExpired = new Set<string>();
  wechatIssued = 0;
  /** WeChat: the `expires_in` (seconds) of the tokens issued. */
  wechatExpiresIn = 7200;
  /** Ovopark: the one login token searchPos accepts. */
  ovoparkToken: string | undefined;
  ovoparkIssued = 0;

  constructor(options: FaultServerOptions) {
    this.#options = options;
    this.#posKey = loadPrivateKey(options.posPrivateKey);
    this.#otherKey = options.otherPrivateKey ? loadPrivateKey(options.otherPrivateKey) : undefined;
    this.#server.on('connection', (socket) => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  /** Faults for the next requests to `endpoint`, one each, in order. */
  enqueue(endpoint: Endpoint, ...faults: Fault[]): this {
    const queue = this.#queues.get(endpoint) ?? [];
    queue.push(...faults);
    this.#queues.set(endpoint, queue);
    return this;
  }

  /** The fault for every request to `endpoint` once its queue is empty (`undefined`: answer normally). */
  plan(endpoint: Endpoint, plan: Plan | undefined): this {
    if (plan) this.#plans.set(endpoint, plan);
    else this.#plans.delete(endpoint);
    return this;
  }

  /** Forgets counts, records, queues and plans (tokens stay valid). */
  reset(): this {
    this.requests.length = 0;
    this.#counts.clear();
    this.#queues.clear();
    this.#plans.clear();
    return this;
  }

  count(endpoint: Endpoint): number {
    return this.#counts.get(endpoint) ?? 0;
  }

  /** Requests per endpoint that saw at least one, e.g. `{ 'wechat.order': 3 }`. */
  counts(): Partial<Record<Endpoint, number>> {
    return Object.fromEntries(this.#counts);
  }

  /** WeChat's token runs out now: getOrder answers 42001 for it until a new one is issued. */
  expireWeChatToken(): void {
    if (this.wechatToken !== undefined) this.wechatExpired.add(this.wechatToken);
    this.wechatToken = undefined;
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const endpoint = this.#endpointOf(req.method ?? '', url.pathname, body);
    if (!endpoint) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    const n = (this.#counts.get(endpoint) ?? 0) + 1;
    this.#counts.set(endpoint, n);
    const base = {
      endpoint,
      n,
      total: this.requests.length + 1,
      method: req.method ?? '',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body,
    };
    const fault = this.#queues.get(endpoint)?.shift() ?? this.#plans.get(endpoint)?.(base, this) ?? { kind: 'ok' };
    const recorded: RequestInfo = { ...base, fault, answer: fault.kind };
    this.requests.push(recorded);
    await this.#answer(endpoint, recorded, req, res);
  }

  #endpointOf(method: string, path: string, body: string): Endpoint | undefined {
    if (method === 'GET' && path === '/cgi-bin/token') return 'wechat.token';
    if (method === 'GET' && path === ORDER_PATH) return 'wechat.order';
    if (method === 'POST' && path === DSTORE_PATH) return 'dstore.inquire';
    if (method === 'POST' && path === '/cloud.api') {
      const mt = new URLSearchParams(body).get('_mt');
      if (mt === OVOPARK_LOGIN) return 'ovopark.mobileLogin';
      if (mt === OVOPARK_SEARCH) return 'ovopark.searchPos';
    }
    return undefined;
  }

  /** What the provider would answer without a fault (state changes, e.g. a new token, happen here). */
  #normal(endpoint: Endpoint, request: Incoming): unknown {
    switch (endpoint) {
      case 'wechat.token': {
        this.wechatIssued += 1;
        this.wechatToken = `WX_TOKEN_${this.wechatIssued}_${'t'.repeat(24)}`;
        return { access_token: this.wechatToken, expires_in: this.wechatExpiresIn };
      }
      case 'wechat.order': {
        const token = request.query.get('access_token') ?? '';
        if (token !== '' && token === this.wechatToken) return WECHAT_PAID;
        return this.wechatExpired.has(token)
          ? { errcode: 42001, errmsg: 'access_token expired' }
          : { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' };
      }
      case 'ovopark.mobileLogin': {
        this.ovoparkIssued += 1;
        this.ovoparkToken = `ovo-token-${this.ovoparkIssued}`;
        return ovoparkEnvelope('0', { token: this.ovoparkToken, enterpriseId: 1689 });
      }
      case 'ovopark.searchPos': {
        // The gateway reads the login token from the `authenticator` header; a missing or stale one is 9990001.
        const token = request.headers.authenticator;
        return token !== undefined && token === this.ovoparkToken
          ? ovoparkEnvelope('0', OVOPARK_PAGE)
          : ovoparkEnvelope('9990001');
      }
      case 'dstore.inquire':
        return { result: { resultStatus: 'S', resultCode: 'SUCCESS', resultMessage: 'success' }, ...DSTORE_ORDER };
    }
  }

  #codeBody(endpoint: Endpoint, fault: Fault): unknown {
    if (fault.kind === 'wechat') {
      if (fault.errcode === -1) return { errcode: -1, errmsg: 'system error' };
      // Failures that leave the token alone: a common code (daily quota), and one no document lists.
      if (fault.errcode === 45009) return { errcode: 45009, errmsg: 'reach max api daily quota limit' };
      if (fault.errcode === 99999) return { errcode: 99999, errmsg: 'a code no document lists' };
      // The token the client holds is no longer accepted after this answer, as with the real thing.
      if (fault.errcode === 42001) this.expireWeChatToken();
      else this.wechatToken = undefined;
      const errmsg = { 40001: 'invalid credential', 40014: 'invalid access_token', 42001: 'access_token expired' }[
        fault.errcode
      ];
      return { errcode: fault.errcode, errmsg };
    }
    if (fault.kind === 'ovopark') {
      if (fault.code === '9990001') this.ovoparkToken = undefined;
      return ovoparkEnvelope(fault.code);
    }
    if (fault.kind === 'dstore') {
      return fault.result === 'U'
        ? { result: { resultStatus: 'U', resultCode: 'UNKNOWN_EXCEPTION', resultMessage: 'order store unavailable' } }
        : { result: { resultStatus: 'F', resultCode: 'PROCESS_FAIL', resultMessage: 'order not found' } };
    }
    throw new Error(`fault ${fault.kind} has no body of its own (${endpoint})`);
  }

  /** Headers for a body: JSON content type, and for D-Store the signed-answer headers. */
  #headers(
    endpoint: Endpoint,
    sent: string,
    signing: DStoreSigning,
    intended: string,
    wrongKey = false,
  ): Record<string, string> {
    const headers: Record<string, string> = {
      'content-type': endpoint.startsWith('wechat') ? 'text/plain' : 'application/json; charset=UTF-8',
    };
    if (endpoint !== 'dstore.inquire' || signing === 'none') return headers;
    const time = formatMessageTime(new Date(), 480);
    const clientId = this.#options.dstoreClientId;
    const key = wrongKey ? this.#otherKey : this.#posKey;
    if (!key) throw new Error('dstoreWrongKey needs otherPrivateKey');
    headers['client-id'] = clientId;
    headers['response-time'] = time;
    headers.signature = signatureHeader({ clientId, time, body: signing === 'sent' ? sent : intended }, key);
    return headers;
  }

  async #answer(endpoint: Endpoint, request: RequestInfo, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { fault } = request;
    const send = (status: number, text: string, headers: Record<string, string>) => {
      if (status === 200 && text !== '' && fault.kind !== 'truncate' && fault.kind !== 'nonJson')
        request.answer = codeOf(text);
      res.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(text)) });
      res.end(text);
    };
    switch (fault.kind) {
      case 'drop':
        req.socket.destroy();
        return;
      case 'stall':
        return; // the socket is destroyed by close()
      case 'status': {
        const text = fault.body ?? HTML.replace('502 Bad Gateway', `${fault.status} Error`);
        send(fault.status, text, { 'content-type': 'text/html' });
        return;
      }
      case 'slow':
        await new Promise((resolve) => setTimeout(resolve, fault.ms));
        break;
      default:
        break;
    }
    const normal = JSON.stringify(
      fault.kind === 'wechat' || fault.kind === 'ovopark' || fault.kind === 'dstore'
        ? this.#codeBody(endpoint, fault)
        : this.#normal(endpoint, request),
    );
    switch (fault.kind) {
      case 'stallBody':
      case 'cut': {
        const half = normal.slice(0, Math.floor(normal.length / 2));
        res.writeHead(200, {
          ...this.#headers(endpoint, normal, 'sent', normal),
          'content-length': String(Buffer.byteLength(normal)),
        });
        res.write(half);
        if (fault.kind === 'cut') setTimeout(() => req.socket.destroy(), 20);
        return;
      }
      case 'truncate': {
        const half = normal.slice(0, Math.floor(normal.length / 2));
        send(200, half, this.#headers(endpoint, half, fault.sign ?? 'sent', normal));
        return;
      }
      case 'nonJson':
        send(200, HTML, {
          ...this.#headers(endpoint, HTML, fault.sign ?? 'sent', normal),
          'content-type': 'text/html',
        });
        return;
      case 'empty':
        send(200, '', this.#headers(endpoint, '', fault.sign ?? 'sent', normal));
        return;
      case 'dstoreWrongKey':
        send(200, normal, this.#headers(endpoint, normal, 'sent', normal, true));
        return;
      default:
        send(200, normal, this.#headers(endpoint, normal, 'sent', normal));
    }
  }
}

/** The provider code in a whole JSON answer: WeChat errcode, Ovopark stat.code, D-Store resultStatus. */
function codeOf(text: string): string {
  const body = JSON.parse(text) as {
    errcode?: number;
    stat?: { code?: string };
    result?: { resultStatus?: string };
    access_token?: string;
  };
  if (body.stat?.code !== undefined) return body.stat.code;
  if (body.result?.resultStatus !== undefined) return body.result.resultStatus;
  return String(body.errcode ?? 0);
}

export async function startFaultServer(options: FaultServerOptions): Promise<FaultServer> {
  return new FaultServer(options).start();
}

/** A small seeded PRNG (mulberry32), so a "random" fault run can be replayed from its seed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
