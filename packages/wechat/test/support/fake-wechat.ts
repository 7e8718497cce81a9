/**
 * An in-process fake of the three WeChat endpoints on 127.0.0.1, recording every request. By
 * default it behaves like WeChat: /cgi-bin/token issues a new token and invalidates the previous
 * one, getOrder answers the paid example for the current token and 40001 for any other.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import spec from '../../src/generated/spec.js';
import type { SchemaGetOrderSuccess } from '../../src/index.js';

export const APP_ID = 'wx0123456789abcdef';
export const APP_SECRET = 'SECRET_0123456789abcdef0123456789';

export interface Recorded {
  method: string;
  path: string;
  query: URLSearchParams;
  contentType: string | undefined;
  body: string;
}

export interface Reply {
  status?: number;
  contentType?: string;
  /** An object is sent as JSON; a string as is. */
  body: unknown;
  /** Never answer (the client must time out). */
  hang?: boolean;
  delayMs?: number;
}

type Handler = (request: Recorded, fake: FakeWeChat) => Reply | Promise<Reply>;

/** The spec's own `paid` example of getOrder, so the fake serves what the contract promises. */
export const PAID: SchemaGetOrderSuccess = structuredClone(
  (spec.components.examples as Record<string, { value: unknown }>).GetOrderPaid!.value,
) as SchemaGetOrderSuccess;

export class FakeWeChat {
  readonly requests: Recorded[] = [];
  url = '';
  /** Tokens getOrder accepts. */
  readonly valid = new Set<string>();
  issued = 0;
  expiresIn = 7200;
  /** Length of the tokens `issue` makes; WeChat names no maximum ("reserve at least 512"). */
  tokenLength = 48;
  onToken: Handler = (_request, fake) => ({ body: { access_token: fake.issue(), expires_in: fake.expiresIn } });
  onStableToken: Handler = (_request, fake) => ({ body: { access_token: fake.issue(), expires_in: fake.expiresIn } });
  onOrder: Handler = (request, fake) =>
    fake.valid.has(request.query.get('access_token') ?? '')
      ? { body: PAID }
      : { body: { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' } };
  readonly #server = createServer((req, res) => void this.#handle(req, res));
  /**
   * Every request received since the start (not cleared with `requests`), in order of arrival, and
   * whether the fake is holding its answer back (`hang`, or `delayMs` not yet over): what a test's
   * fake clock (./clock.ts) may move time for.
   */
  readonly #arrivals: Array<{ held: boolean }> = [];

  /** `prefix` starts every token this fake issues, so that tests can tell two fakes' tokens apart. */
  constructor(readonly prefix = 'ACCESS_TOKEN') {}

  /** A new token; like WeChat's /cgi-bin/token it invalidates the previous ones. */
  issue(): string {
    this.issued++;
    const head = `${this.prefix}_${this.issued}_`;
    const token = head + 'x'.repeat(Math.max(1, this.tokenLength - head.length));
    this.valid.clear();
    this.valid.add(token);
    return token;
  }

  count(path: string): number {
    return this.requests.filter((r) => r.path === path).length;
  }

  get tokenRequests(): number {
    return this.count('/cgi-bin/token') + this.count('/cgi-bin/stable_token');
  }

  get orderRequests(): number {
    return this.count('/wxa/charge/service-provider/order/get');
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise((resolve) => this.#server.close(resolve));
  }

  /** How many requests have arrived since the start. */
  get arrivals(): number {
    return this.#arrivals.length;
  }

  /** Whether the answer to request number `index` (0-based, in order of arrival) is being held back. */
  holds(index: number): boolean {
    return this.#arrivals[index]?.held ?? false;
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const arrival = { held: false };
    this.#arrivals.push(arrival);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const recorded: Recorded = {
      method: req.method ?? '',
      path: url.pathname,
      query: url.searchParams,
      contentType: req.headers['content-type'],
      body: Buffer.concat(chunks).toString('utf8'),
    };
    this.requests.push(recorded);
    const handler: Handler =
      url.pathname === '/cgi-bin/token'
        ? this.onToken
        : url.pathname === '/cgi-bin/stable_token'
          ? this.onStableToken
          : url.pathname === '/wxa/charge/service-provider/order/get'
            ? this.onOrder
            : () => ({ status: 404, body: 'not found' }) satisfies Reply;
    const reply = await handler(recorded, this);
    if (reply.hang) {
      arrival.held = true;
      return;
    }
    if (reply.delayMs) {
      arrival.held = true;
      await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
      arrival.held = false;
    }
    const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
    res.writeHead(reply.status ?? 200, { 'content-type': reply.contentType ?? 'application/json; charset=utf-8' });
    res.end(text);
  }
}

export async function startFake(prefix?: string): Promise<FakeWeChat> {
  return new FakeWeChat(prefix).start();
}
