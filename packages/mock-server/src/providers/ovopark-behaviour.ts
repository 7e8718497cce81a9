/**
 * Ovopark's gateway and its two methods as the mock plays them, split the way the behaviour layer
 * runs them (src/behaviour.ts):
 * - `front`: the gateway's own checks (system parameters, key, method, timestamp, signature), and
 *   the answers to what Prism's request validation would refuse but the gateway answers in band
 *   (a missing `authenticator` header, `pageSize` over 100, a malformed date…);
 * - `backend`, behind Prism: the login token, the quota, the one-hour range and the pages of
 *   tickets, and the in-band faults (`busy`, `expire-token`, `quota`).
 */
import { createHash } from 'node:crypto';
import { MOCK_CREDENTIALS } from '@orderkit/ovopark';
import type { Backend, Front, MockAnswer, MockRequest } from '../behaviour.js';
import { seeded } from '../behaviour.js';
import {
  checkSystem,
  type CodeNames,
  envelope,
  type Form,
  type GatewayOptions,
  platformDay,
  readForm,
  type Refusal,
  wallClockMs,
} from './ovopark-gateway.js';
import { ticketsBetween } from './ovopark-tickets.js';

export const SEARCH_POS = 'open.ovopark.pos.searchPos';
export const MOBILE_LOGIN = 'open.shopweb.security.mobileLogin';
/** The header searchPos reads the login token from (specs/ovopark OvoparkToken.yaml). */
const TOKEN_HEADER = 'authenticator';
/** `208016`: a query covers at most one hour. */
const MAX_RANGE_MS = 3_600_000;
/** `208015`. */
const MAX_PAGE_SIZE = 100;
/** Tokens kept at most (the oldest forgotten first), so a client logging in in a loop cannot grow the mock. */
const MAX_TOKENS = 10_000;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** The mock's knobs: `MOCK_OVOPARK_QUOTA` and `MOCK_OVOPARK_TIMESTAMP_SKEW_S`. */
export interface OvoparkKnobs {
  /** searchPos calls per store per platform day (`208017` beyond). */
  quota: number;
  /** Largest accepted `_timestamp` distance from the mock's clock, in seconds (`16` beyond). */
  skewSeconds: number;
}

export const DEFAULT_QUOTA = 300;
export const DEFAULT_SKEW_S = 600;

function wholeNumber(env: Record<string, string | undefined>, name: string, fallback: number, min: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n) || n < min)
    throw new Error(`${name}=${raw} must be a whole number of at least ${min} (default ${fallback})`);
  return n;
}

export function ovoparkKnobs(env: Record<string, string | undefined>): OvoparkKnobs {
  return {
    quota: wholeNumber(env, 'MOCK_OVOPARK_QUOTA', DEFAULT_QUOTA, 1),
    skewSeconds: wholeNumber(env, 'MOCK_OVOPARK_TIMESTAMP_SKEW_S', DEFAULT_SKEW_S, 0),
  };
}

const positiveInteger = (text: string | undefined): number | undefined =>
  text !== undefined && /^\d{1,15}$/.test(text) && Number(text) >= 1 ? Number(text) : undefined;

interface SearchParams {
  depId: number;
  fromMs: number;
  toMs: number;
  pageNumber: number;
  pageSize: number;
}

/** searchPos's business parameters, or the method's refusal of them (what Prism's schema would refuse too). */
function searchParams(form: Form): SearchParams | Refusal {
  const depId = positiveInteger(form.get('depId'));
  if (depId === undefined) return { code: 206004, result: 'depId must be the id of a store (an integer from 1)' };
  const fromMs = wallClockMs(form.get('startTime') ?? '', DATE_TIME);
  const toMs = wallClockMs(form.get('endTime') ?? '', DATE_TIME);
  if (fromMs === undefined || toMs === undefined)
    return { code: 208006, result: 'startTime and endTime must be yyyy-MM-dd HH:mm:ss' };
  const pageNumber = form.has('pageNumber') ? positiveInteger(form.get('pageNumber')) : 1;
  if (pageNumber === undefined) return { code: 999999, result: 'pageNumber must be an integer from 1' };
  const pageSize = form.has('pageSize') ? positiveInteger(form.get('pageSize')) : MAX_PAGE_SIZE;
  if (pageSize === undefined || pageSize > MAX_PAGE_SIZE)
    return { code: 208015, result: `pageSize must be an integer from 1 to ${MAX_PAGE_SIZE}` };
  return { depId, fromMs, toMs, pageNumber, pageSize };
}

const isRefusal = (value: SearchParams | Refusal): value is Refusal => 'code' in value;

export interface OvoparkBehaviour {
  front: Front;
  backend: Backend;
  /** `POST /cloud.api` with `_mt=<m>` → `/cloud.api/<m>`, the derived spec's path Prism routes on. */
  route(request: MockRequest): string;
}

export function ovoparkBehaviour(options: {
  seed: number;
  knobs: OvoparkKnobs;
  methods: ReadonlySet<string>;
  names: CodeNames;
  now?: () => number;
}): OvoparkBehaviour {
  const { seed, knobs, names } = options;
  const now = options.now ?? Date.now;
  const credentials = MOCK_CREDENTIALS;
  const gateway: GatewayOptions = { credentials, methods: options.methods, skewSeconds: knobs.skewSeconds, now };
  /** Valid tokens, oldest first. */
  const tokens = new Set<string>();
  let logins = 0;
  let requests = 0;
  /** searchPos calls per `<depId>|<platform day>`. */
  const calls = new Map<string, number>();

  const answer = (code: number, result: string, data: unknown = null): MockAnswer => {
    requests += 1;
    return envelope(names, `mock-${seed}-${String(requests).padStart(8, '0')}`, code, result, data, now());
  };
  const refuse = (r: Refusal) => answer(r.code, r.result);
  const isGatewayCall = (request: MockRequest) =>
    request.method === 'POST' && request.url.pathname.replace(/\/+$/, '') === '/cloud.api';
  const tokenOf = (request: MockRequest): string | undefined => {
    const value = request.headers[TOKEN_HEADER];
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const tokenRefusal = (request: MockRequest): Refusal | undefined => {
    const token = tokenOf(request);
    if (token === undefined) return { code: 9990001, result: `token not exist: send it in the ${TOKEN_HEADER} header` };
    if (!tokens.has(token)) return { code: 9990001, result: 'token not exist: unknown or expired, log in again' };
    return undefined;
  };

  const front: Front = (request) => {
    if (!isGatewayCall(request)) return undefined;
    const form = readForm(request);
    const system = checkSystem(form, gateway);
    if (system) return refuse(system);
    const mt = form.get('_mt');
    if (mt === SEARCH_POS) {
      // The token first (a gateway check), then what the method refuses before Prism would.
      if (tokenOf(request) === undefined) return refuse(tokenRefusal(request) as Refusal);
      const params = searchParams(form);
      if (isRefusal(params)) return refuse(tokenRefusal(request) ?? params);
    }
    if (mt === MOBILE_LOGIN) {
      const user = form.get('userName') ?? '';
      if (user === '' || user.length > 20) return refuse({ code: 103094, result: 'USERNAME_ERROE' });
      if (!form.get('password')) return refuse({ code: 103095, result: 'PASSWORD_ERROE' });
    }
    if (!['post', 'get'].includes(form.get('_requestMode')?.toLowerCase() ?? ''))
      return refuse({ code: 10, result: '_requestMode must be post or get' });
    return undefined;
  };

  function login(form: Form, request: MockRequest): MockAnswer {
    if (request.fault === 'busy') return answer(-999, 'platform busy: send the request again');
    if (form.get('userName') !== credentials.account) return answer(103094, 'USERNAME_ERROE');
    const password = form.get('password');
    // The lowercase MD5 hex the pages ask for, or the password as typed (the SDK example sends that).
    const digest = createHash('md5').update(credentials.password, 'utf8').digest('hex');
    if (password !== credentials.password && password !== digest) return answer(103095, 'PASSWORD_ERROE');
    logins += 1;
    const random = seeded(seed, `ovopark-token|${credentials.account}|${logins}`);
    const token = `MOCK_OVOPARK_TOKEN_${Array.from({ length: 3 }, () =>
      Math.floor(random() * 0x100000000)
        .toString(16)
        .padStart(8, '0'),
    ).join('')}`;
    tokens.add(token);
    if (tokens.size > MAX_TOKENS) tokens.delete(tokens.values().next().value as string);
    return answer(0, 'ok', { token, enterpriseId: credentials.enterpriseId });
  }

  function search(form: Form, request: MockRequest): MockAnswer {
    if (request.fault === 'busy') return answer(-999, 'platform busy: send the request again');
    if (request.fault === 'expire-token') {
      const token = tokenOf(request);
      if (token !== undefined) tokens.delete(token);
    }
    const token = tokenRefusal(request);
    if (token) return refuse(token);
    const params = searchParams(form);
    if (isRefusal(params)) return refuse(params);
    const key = `${params.depId}|${platformDay(now())}`;
    const used = (calls.get(key) ?? 0) + 1;
    calls.set(key, used);
    if (request.fault === 'quota' || used > knobs.quota)
      return answer(208017, `call count over the limit of ${knobs.quota} for store ${params.depId} today`);
    if (params.toMs < params.fromMs) return answer(208006, 'endTime is before startTime');
    if (params.toMs - params.fromMs > MAX_RANGE_MS) return answer(208016, 'query time range is at most 1 hour');
    const all = ticketsBetween(seed, params.depId, params.fromMs, params.toMs);
    const start = (params.pageNumber - 1) * params.pageSize;
    return answer(0, 'ok', {
      total: all.length,
      pageNumber: params.pageNumber,
      pageSize: params.pageSize,
      content: all.slice(start, start + params.pageSize),
    });
  }

  const backend: Backend = (request) => {
    const form = readForm(request);
    const mt = form.get('_mt');
    if (mt === MOBILE_LOGIN) return login(form, request);
    if (mt === SEARCH_POS) return search(form, request);
    // Only registered methods reach the backend (the front answers 9): a new one needs its behaviour here.
    return answer(-500, `the mock has no behaviour for ${String(mt).slice(0, 60)}`);
  };

  const route = (request: MockRequest): string => {
    if (!isGatewayCall(request)) return `${request.url.pathname}${request.url.search}`;
    const mt = readForm(request).get('_mt') ?? '';
    return `/cloud.api/${encodeURIComponent(mt)}${request.url.search}`;
  };

  return { front, backend, route };
}
