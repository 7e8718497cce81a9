/**
 * How the WeChat mock answers, as the platform does: HTTP 200 and an `errcode` for every failure.
 *
 * - `front`: what Prism's request validation would refuse (401/405/422) but WeChat answers in
 *   band — no access_token (41001), no orderId (10120002, after the token is checked), another
 *   method than GET on getOrder (10120405), a token call without grant_type/appid/secret (40002,
 *   41002, 41004), a stable_token body that is not a JSON object (47001).
 * - `backend` (behind Prism, which checked the request): the faults asked for, the credentials
 *   (40013, 40125), the token's lifecycle (wechat-tokens.ts), and the order for the id asked for
 *   (wechat-orders.ts).
 */
import {
  type Backend,
  example,
  type Front,
  json,
  type MockAnswer,
  type MockRequest,
  type SpecExample,
  seeded,
} from '../behaviour.js';
import { type Fixture, generatedOrder } from './wechat-orders.js';
import type { TokenBook, TokenVerdict } from './wechat-tokens.js';

export const ORDER_PATH = '/wxa/charge/service-provider/order/get';
export const TOKEN_PATH = '/cgi-bin/token';
export const STABLE_PATH = '/cgi-bin/stable_token';

export interface WeChatBehaviourOptions {
  seed: number;
  credentials: { appid: string; secret: string };
  tokens: TokenBook;
  fixtures: ReadonlyMap<string, Fixture>;
  now?: () => number;
}

/** The errmsg WeChat gives each code (its own wording). */
const MESSAGES: Record<number, string> = {
  [-1]: 'system error',
  40001: 'invalid credential, access_token is invalid or not latest',
  40002: 'invalid grant_type',
  40013: 'invalid appid',
  40014: 'invalid access_token',
  40125: 'invalid appsecret',
  41001: 'access_token missing',
  41002: 'appid missing',
  41004: 'appsecret missing',
  42001: 'access_token expired',
  45009: 'reach max api daily quota limit',
  45011: 'api minute-quota reach limit  mustslower  retry next minute',
  47001: 'data format error',
  10120002: 'parameter error',
  10120405: 'method not available',
};

export function weChatBehaviour(options: WeChatBehaviourOptions): { front: Front; backend: Backend } {
  const now = options.now ?? Date.now;
  let requests = 0;
  /** An in-band error; its `rid` (a request id, never to be parsed) drawn from the seed and a counter. */
  const error = (errcode: number): MockAnswer => {
    const r = seeded(options.seed, `rid:${++requests}`);
    const hex = (n: number) =>
      Math.floor(r() * 16 ** n)
        .toString(16)
        .padStart(n, '0');
    return json({ errcode, errmsg: `${MESSAGES[errcode] ?? 'error'} rid: ${hex(8)}-${hex(8)}-${hex(8)}` });
  };
  const tokenError = (token: string): MockAnswer | undefined => {
    const verdict: TokenVerdict = options.tokens.check(token, now());
    return verdict === 0 ? undefined : error(verdict);
  };
  const credentialsError = (appid: string, secret: string): MockAnswer | undefined => {
    if (appid !== options.credentials.appid) return error(40013);
    if (secret !== options.credentials.secret) return error(40125);
    return undefined;
  };
  /** What every token call checks first: grant_type, then appid, then secret present. */
  const missing = (grant: unknown, appid: unknown, secret: unknown): MockAnswer | undefined => {
    if (grant !== 'client_credential') return error(40002);
    if (typeof appid !== 'string' || appid === '') return error(41002);
    if (typeof secret !== 'string' || secret === '') return error(41004);
    return undefined;
  };

  const front: Front = (request) => {
    const { pathname, searchParams: q } = request.url;
    if (pathname === ORDER_PATH) {
      if (request.method !== 'GET') return error(10120405);
      const token = q.get('access_token');
      if (!token) return error(41001);
      if (!q.get('orderId')) return tokenError(token) ?? error(10120002);
      return undefined;
    }
    if (pathname === TOKEN_PATH && request.method === 'GET')
      return missing(q.get('grant_type'), q.get('appid'), q.get('secret'));
    if (pathname === STABLE_PATH && request.method === 'POST') {
      const body = parseObject(request.body);
      if (!body) return error(47001);
      if ('force_refresh' in body && typeof body.force_refresh !== 'boolean') return error(47001);
      return missing(body.grant_type, body.appid, body.secret);
    }
    return undefined;
  };

  const backend: Backend = (request) => {
    const { pathname, searchParams: q } = request.url;
    if (request.fault === 'busy') return error(-1);
    if (request.fault === 'quota') return error(45009);
    if (pathname === ORDER_PATH) return getOrder(request, q);
    if (pathname === TOKEN_PATH) {
      return credentialsError(q.get('appid') ?? '', q.get('secret') ?? '') ?? json(options.tokens.issue(now()));
    }
    if (pathname === STABLE_PATH) {
      const body = parseObject(request.body) ?? {};
      const refused = credentialsError(String(body.appid), String(body.secret));
      if (refused) return refused;
      const answer = options.tokens.stable(now(), body.force_refresh === true);
      return 'refused' in answer ? error(answer.refused) : json(answer);
    }
    // Prism routes only the spec's paths here.
    return error(10120405);
  };

  const getOrder = (request: MockRequest, q: URLSearchParams): MockAnswer | SpecExample => {
    if (request.fault === 'expire-token') return error(42001);
    const refused = tokenError(q.get('access_token') ?? '');
    if (refused) return refused;
    const orderId = q.get('orderId') ?? '';
    // A fixture is the spec's own named example: Prism answers it.
    const fixture = options.fixtures.get(orderId);
    return fixture ? example(fixture.name) : json(generatedOrder(options.seed, orderId));
  };

  return { front, backend };
}

function parseObject(body: Buffer): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
