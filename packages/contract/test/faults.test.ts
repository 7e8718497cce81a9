/**
 * Faults against the three provider clients, over loopback (test/support/fault-server.ts).
 *
 * For every client × fault: the call settles — with the correct result or a typed error of the
 * expected class — within the client's documented time bound plus generous slack, and the server
 * saw exactly the number of requests the client's retry policy allows. Then a mixed run: a WeChat
 * client making 200 getOrder calls while the server expires its token twice and answers -1 at
 * random (seeded), plus a fast-check property over seeds and fault rates.
 *
 * A summary table (fault, client, calls, requests seen, outcome, max settle time) is printed at the
 * end for the closing note.
 */
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createWeChatClient,
  WeChatApiError,
  WeChatAuthError,
  WeChatBusyError,
  WeChatConnectionError,
  WeChatError,
  WeChatHttpError,
  WeChatProtocolError,
  WeChatTimeoutError,
  WeChatTokenError,
  type WeChatClient,
} from '@orderkit/wechat';
import {
  createOvoparkClient,
  OvoparkBudgetError,
  OvoparkBusinessError,
  OvoparkConnectionError,
  OvoparkError,
  OvoparkGatewayError,
  OvoparkProtocolError,
  OvoparkSignatureError,
  OvoparkTimeoutError,
  type OvoparkClient,
} from '@orderkit/ovopark';
import {
  createDStoreClient,
  DStoreBusinessError,
  DStoreConnectionError,
  DStoreError,
  DStoreProtocolError,
  DStoreSignatureError,
  DStoreTimeoutError,
  DStoreUnknownError,
  generateKeyPair,
  type DStoreClient,
} from '@orderkit/dstore';
import {
  DSTORE_ORDER,
  ENDPOINTS,
  mulberry32,
  OVOPARK_PAGE,
  startFaultServer,
  WECHAT_PAID,
  type Endpoint,
  type Fault,
  type FaultServer,
} from './support/fault-server.js';

// Small budgets keep the suite fast; slack is generous so a loaded 2-core machine does not flake.
const TIMEOUT_MS = 500;
const SLACK_MS = 1_000;
const RETRY = { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20 };
const MIXED_TIMEOUT_MS = 1_000;
/** Longest total backoff of one retried call: every delay is at most maxDelayMs. */
const MAX_BACKOFF_MS = (RETRY.maxAttempts - 1) * RETRY.maxDelayMs;

const DSTORE_CLIENT_ID = 'faults-client';
const dstoreKeys = generateKeyPair();
const posKeys = generateKeyPair();
const otherKeys = generateKeyPair();

type ClientName = 'wechat' | 'ovopark' | 'dstore';
type ErrorClass = abstract new (...args: never[]) => Error;

/**
 * The documented bound of one call, before slack. WeChat and D-Store: `timeoutMs` covers the whole
 * call. Ovopark: `timeoutMs` is per HTTP call ("one searchPos waits at most about maxAttempts ×
 * timeoutMs plus backoff"), plus the 1 % slice its shared timers may add, and a login when the
 * token is refused (another maxAttempts × timeoutMs).
 */
function boundMs(client: ClientName, logins = 0): number {
  if (client !== 'ovopark') return TIMEOUT_MS;
  const oneRequest = RETRY.maxAttempts * (TIMEOUT_MS + Math.min(100, TIMEOUT_MS / 100)) + MAX_BACKOFF_MS;
  return oneRequest * (1 + 2 * logins);
}

interface Row {
  fault: string;
  client: ClientName;
  calls: number;
  requests: string;
  outcome: string;
  maxMs: number;
}
const rows: Row[] = [];

const describeCounts = (counts: Partial<Record<Endpoint, number>>): string =>
  ENDPOINTS.filter((e) => counts[e] !== undefined)
    .map((e) => `${e.split('.')[1]} ${counts[e]}`)
    .join(', ') || 'none';

let server: FaultServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function freshServer(): Promise<FaultServer> {
  server = await startFaultServer({
    dstoreClientId: DSTORE_CLIENT_ID,
    posPrivateKey: posKeys.privateKey,
    otherPrivateKey: otherKeys.privateKey,
  });
  return server;
}

const wechatClient = (s: FaultServer, timeoutMs = TIMEOUT_MS): WeChatClient =>
  createWeChatClient({
    appId: 'wx0123456789abcdef',
    appSecret: 'SECRET_faults_0123456789abcdef',
    baseUrl: s.url,
    timeoutMs,
    retry: RETRY,
  });

const ovoparkClient = (s: FaultServer, timeoutMs = TIMEOUT_MS): OvoparkClient =>
  createOvoparkClient({
    akey: 'akey-faults',
    secret: 'S3CRET-faults',
    account: 'faults-admin',
    password: 'Pl4in-faults',
    baseUrl: s.url,
    timeoutMs,
    retry: RETRY,
  });

const dstoreClient = (s: FaultServer, timeoutMs = TIMEOUT_MS): DStoreClient =>
  createDStoreClient({
    baseUrl: s.url,
    clientId: DSTORE_CLIENT_ID,
    privateKey: dstoreKeys.privateKey,
    posPublicKey: posKeys.publicKey,
    timeoutMs,
    utcOffsetMinutes: 480,
  });

/** One call of each client, and the result it must produce when there is no fault in the end. */
const CALLS: Record<
  ClientName,
  { make: (s: FaultServer, timeoutMs?: number) => () => Promise<unknown>; warm: boolean; expected: unknown }
> = {
  wechat: {
    make: (s, timeoutMs) => {
      const c = wechatClient(s, timeoutMs);
      return () => c.getOrder('DD2981741311549200000');
    },
    warm: true,
    expected: WECHAT_PAID.order,
  },
  ovopark: {
    make: (s, timeoutMs) => {
      const c = ovoparkClient(s, timeoutMs);
      return () => c.searchPos({ depId: 1001, startTime: '2024-01-01 11:00:00', endTime: '2024-01-01 12:00:00' });
    },
    warm: true,
    expected: OVOPARK_PAGE,
  },
  dstore: {
    make: (s, timeoutMs) => {
      const c = dstoreClient(s, timeoutMs);
      return () => c.inquireOrderDetail('pds_faults_1');
    },
    warm: false,
    expected: { ...DSTORE_ORDER },
  },
};

interface Case {
  client: ClientName;
  /** Label in the summary table. */
  fault: string;
  /** Faults per endpoint, consumed one per request. */
  inject: Partial<Record<Endpoint, Fault[]>>;
  /** `true`: a fresh client, so the token/login happens inside the measured call. */
  cold?: boolean;
  /** `'ok'` for the correct result, else the error class. */
  outcome: 'ok' | ErrorClass;
  /** Exactly the requests the server must see per endpoint (endpoints not named: none). */
  requests: Partial<Record<Endpoint, number>>;
  /** Further checks on the error. */
  check?: (error: Error) => void;
  /** The call must not settle before this (a timeout that fires early is a bug). */
  notBeforeMs?: number;
  /** Logins inside the call (Ovopark bound). */
  logins?: number;
  /** Calls made at once (default 1); every one must end the same way. */
  calls?: number;
  /** Each call's budget when it is not what the case is about (default TIMEOUT_MS). */
  timeoutMs?: number;
}

const all = (fault: Fault, times = RETRY.maxAttempts): Fault[] => Array.from({ length: times }, () => fault);
const S = (status: 500 | 502 | 503): Fault => ({
  kind: 'status',
  status,
  body: `<html><body><h1>${status}</h1>upstream error</body></html>`,
});
const slowOk: Fault = { kind: 'slow', ms: 100 };
const slowTooLong: Fault = { kind: 'slow', ms: TIMEOUT_MS + 400 };

const W = 'wechat.order' as const;
const WT = 'wechat.token' as const;
const O = 'ovopark.searchPos' as const;
const OL = 'ovopark.mobileLogin' as const;
const D = 'dstore.inquire' as const;

const retryable = (expected: boolean) => (error: Error) => expect((error as DStoreError).retryable).toBe(expected);

const CASES: Case[] = [
  // ── WeChat getOrder (token already cached unless cold) ────────────────────────────────────────
  {
    client: 'wechat',
    fault: 'drop',
    inject: { [W]: [{ kind: 'drop' }] },
    outcome: WeChatConnectionError,
    requests: { [W]: 1 },
  },
  {
    client: 'wechat',
    fault: 'stall',
    inject: { [W]: [{ kind: 'stall' }] },
    outcome: WeChatTimeoutError,
    requests: { [W]: 1 },
    notBeforeMs: TIMEOUT_MS,
  },
  {
    client: 'wechat',
    fault: 'stall mid-body',
    inject: { [W]: [{ kind: 'stallBody' }] },
    outcome: WeChatTimeoutError,
    requests: { [W]: 1 },
    notBeforeMs: TIMEOUT_MS,
  },
  {
    client: 'wechat',
    fault: 'reset mid-body',
    inject: { [W]: [{ kind: 'cut' }] },
    outcome: WeChatConnectionError,
    requests: { [W]: 1 },
  },
  ...([500, 502, 503] as const).map(
    (status): Case => ({
      client: 'wechat',
      fault: `HTTP ${status}`,
      // 502 and 503 are the kernel's "try again" (README, the one retry rule): every attempt is made.
      inject: { [W]: status === 500 ? [S(status)] : all(S(status)) },
      outcome: WeChatHttpError,
      requests: { [W]: status === 500 ? 1 : RETRY.maxAttempts },
      check: (e) => expect((e as WeChatHttpError).status).toBe(status),
    }),
  ),
  {
    client: 'wechat',
    fault: 'truncated JSON',
    inject: { [W]: [{ kind: 'truncate' }] },
    outcome: WeChatProtocolError,
    requests: { [W]: 1 },
  },
  {
    client: 'wechat',
    fault: 'non-JSON (HTML)',
    inject: { [W]: [{ kind: 'nonJson' }] },
    outcome: WeChatProtocolError,
    requests: { [W]: 1 },
  },
  {
    client: 'wechat',
    fault: 'empty body',
    inject: { [W]: [{ kind: 'empty' }] },
    outcome: WeChatProtocolError,
    requests: { [W]: 1 },
  },
  { client: 'wechat', fault: 'slow 100 ms', inject: { [W]: [slowOk] }, outcome: 'ok', requests: { [W]: 1 } },
  {
    client: 'wechat',
    fault: `slow ${slowTooLong.kind === 'slow' ? slowTooLong.ms : 0} ms`,
    inject: { [W]: [slowTooLong] },
    outcome: WeChatTimeoutError,
    requests: { [W]: 1 },
    notBeforeMs: TIMEOUT_MS,
  },
  {
    client: 'wechat',
    fault: 'errcode -1 once',
    inject: { [W]: [{ kind: 'wechat', errcode: -1 }] },
    outcome: 'ok',
    requests: { [W]: 2 },
  },
  {
    client: 'wechat',
    fault: 'errcode -1 always',
    inject: { [W]: all({ kind: 'wechat', errcode: -1 }, 10) },
    outcome: WeChatBusyError,
    requests: { [W]: RETRY.maxAttempts },
    check: (e) => expect((e as WeChatBusyError).attempts).toBe(RETRY.maxAttempts),
  },
  {
    client: 'wechat',
    fault: 'errcode 40001 (token replaced)',
    inject: { [W]: [{ kind: 'wechat', errcode: 40001 }] },
    outcome: 'ok',
    requests: { [W]: 2, [WT]: 1 },
  },
  {
    client: 'wechat',
    fault: 'errcode 42001 (token expired)',
    inject: { [W]: [{ kind: 'wechat', errcode: 42001 }] },
    outcome: 'ok',
    requests: { [W]: 2, [WT]: 1 },
  },
  {
    client: 'wechat',
    fault: 'errcode 40014 (token invalid)',
    inject: { [W]: [{ kind: 'wechat', errcode: 40014 }] },
    outcome: 'ok',
    requests: { [W]: 2, [WT]: 1 },
  },
  {
    client: 'wechat',
    fault: 'errcode 45009 (daily quota)',
    inject: { [W]: [{ kind: 'wechat', errcode: 45009 }] },
    outcome: WeChatApiError,
    requests: { [W]: 1 },
    check: (e) => expect(e).toMatchObject({ errcode: 45009, known: true }),
  },
  {
    client: 'wechat',
    fault: 'errcode 99999 (unknown code)',
    inject: { [W]: [{ kind: 'wechat', errcode: 99999 }] },
    outcome: WeChatApiError,
    requests: { [W]: 1 },
    check: (e) => expect(e).toMatchObject({ errcode: 99999, known: false, meaning: undefined }),
  },
  {
    client: 'wechat',
    fault: '42001 then 40001 after refresh',
    inject: {
      [W]: [
        { kind: 'wechat', errcode: 42001 },
        { kind: 'wechat', errcode: 40001 },
      ],
    },
    outcome: WeChatAuthError,
    requests: { [W]: 2, [WT]: 1 },
  },
  {
    client: 'wechat',
    fault: '-1, then 42001, then ok',
    inject: {
      [W]: [
        { kind: 'wechat', errcode: -1 },
        { kind: 'wechat', errcode: 42001 },
      ],
    },
    outcome: 'ok',
    requests: { [W]: 3, [WT]: 1 },
  },
  {
    client: 'wechat',
    fault: 'token: drop',
    cold: true,
    inject: { [WT]: [{ kind: 'drop' }] },
    outcome: WeChatConnectionError,
    requests: { [WT]: 1 },
  },
  {
    client: 'wechat',
    fault: 'token: stall',
    cold: true,
    inject: { [WT]: [{ kind: 'stall' }] },
    outcome: WeChatTimeoutError,
    requests: { [WT]: 1 },
    notBeforeMs: TIMEOUT_MS,
  },
  {
    client: 'wechat',
    fault: 'token: HTTP 502',
    cold: true,
    inject: { [WT]: all(S(502)) },
    outcome: WeChatHttpError,
    requests: { [WT]: RETRY.maxAttempts },
  },
  {
    client: 'wechat',
    fault: 'token: non-JSON',
    cold: true,
    inject: { [WT]: [{ kind: 'nonJson' }] },
    outcome: WeChatProtocolError,
    requests: { [WT]: 1 },
  },
  {
    client: 'wechat',
    fault: 'token: errcode -1 once',
    cold: true,
    inject: { [WT]: [{ kind: 'wechat', errcode: -1 }] },
    outcome: 'ok',
    requests: { [WT]: 2, [W]: 1 },
  },
  {
    client: 'wechat',
    fault: 'token: errcode -1 always',
    cold: true,
    inject: { [WT]: all({ kind: 'wechat', errcode: -1 }, 10) },
    outcome: WeChatTokenError,
    requests: { [WT]: RETRY.maxAttempts },
  },
  // Single-flight under faults: 20 calls at once share one token fetch (and its retries).
  {
    client: 'wechat',
    fault: 'token: stall, 20 calls at once',
    cold: true,
    calls: 20,
    inject: { [WT]: [{ kind: 'stall' }] },
    outcome: WeChatTimeoutError,
    requests: { [WT]: 1 },
    notBeforeMs: TIMEOUT_MS,
  },
  {
    client: 'wechat',
    fault: 'token: errcode -1 always, 20 calls at once',
    cold: true,
    calls: 20,
    inject: { [WT]: all({ kind: 'wechat', errcode: -1 }, 10) },
    outcome: WeChatTokenError,
    requests: { [WT]: RETRY.maxAttempts },
  },
  {
    client: 'wechat',
    fault: '42001 to 20 calls at once',
    calls: 20,
    // One refresh shared by 20 calls, each repeated once, is what is checked, not how fast 40
    // requests go on a loaded 2-core machine (it took 923 ms once in a fresh-clone run).
    timeoutMs: 5_000,
    inject: { [W]: all({ kind: 'wechat', errcode: 42001 }, 1) },
    outcome: 'ok',
    requests: { [W]: 40, [WT]: 1 },
  },

  // ── Ovopark searchPos (logged in unless cold) ─────────────────────────────────────────────────
  {
    client: 'ovopark',
    fault: 'drop',
    inject: { [O]: [{ kind: 'drop' }] },
    outcome: OvoparkConnectionError,
    requests: { [O]: 1 },
  },
  {
    client: 'ovopark',
    fault: 'stall',
    inject: { [O]: [{ kind: 'stall' }] },
    outcome: OvoparkTimeoutError,
    requests: { [O]: 1 },
    notBeforeMs: TIMEOUT_MS,
  },
  {
    client: 'ovopark',
    fault: 'stall mid-body',
    inject: { [O]: [{ kind: 'stallBody' }] },
    outcome: OvoparkTimeoutError,
    requests: { [O]: 1 },
    notBeforeMs: TIMEOUT_MS,
  },
  {
    client: 'ovopark',
    fault: 'reset mid-body',
    inject: { [O]: [{ kind: 'cut' }] },
    outcome: OvoparkConnectionError,
    requests: { [O]: 1 },
  },
  ...([500, 502, 503] as const).map(
    (status): Case => ({
      client: 'ovopark',
      fault: `HTTP ${status}`,
      // 502 and 503 are the kernel's "try again" (README, the one retry rule): every attempt is made.
      inject: { [O]: status === 500 ? [S(status)] : all(S(status)) },
      outcome: OvoparkProtocolError,
      requests: { [O]: status === 500 ? 1 : RETRY.maxAttempts },
      check: (e) => expect((e as OvoparkProtocolError).status).toBe(status),
    }),
  ),
  {
    client: 'ovopark',
    fault: 'truncated JSON',
    inject: { [O]: [{ kind: 'truncate' }] },
    outcome: OvoparkProtocolError,
    requests: { [O]: 1 },
  },
  {
    client: 'ovopark',
    fault: 'non-JSON (HTML)',
    inject: { [O]: [{ kind: 'nonJson' }] },
    outcome: OvoparkProtocolError,
    requests: { [O]: 1 },
  },
  {
    client: 'ovopark',
    fault: 'empty body',
    inject: { [O]: [{ kind: 'empty' }] },
    outcome: OvoparkProtocolError,
    requests: { [O]: 1 },
  },
  { client: 'ovopark', fault: 'slow 100 ms', inject: { [O]: [slowOk] }, outcome: 'ok', requests: { [O]: 1 } },
  {
    client: 'ovopark',
    fault: `slow ${TIMEOUT_MS + 400} ms`,
    inject: { [O]: [slowTooLong] },
    outcome: OvoparkTimeoutError,
    requests: { [O]: 1 },
    notBeforeMs: TIMEOUT_MS,
  },
  {
    client: 'ovopark',
    fault: 'stat -999 once',
    inject: { [O]: [{ kind: 'ovopark', code: '-999' }] },
    outcome: 'ok',
    requests: { [O]: 2 },
  },
  ...(['-999', '-500'] as const).map(
    (code): Case => ({
      client: 'ovopark',
      fault: `stat ${code} always`,
      inject: { [O]: all({ kind: 'ovopark', code }, 10) },
      outcome: OvoparkGatewayError,
      requests: { [O]: RETRY.maxAttempts },
      check: (e) => {
        expect((e as OvoparkGatewayError).code).toBe(code);
        expect((e as OvoparkGatewayError).attempts).toBe(RETRY.maxAttempts);
      },
    }),
  ),
  {
    client: 'ovopark',
    fault: 'stat 7 SIGN_WRONG',
    inject: { [O]: all({ kind: 'ovopark', code: '7' }, 10) },
    outcome: OvoparkSignatureError,
    requests: { [O]: 1 },
    check: (e) => expect((e as OvoparkSignatureError).attempts).toBe(1),
  },
  {
    client: 'ovopark',
    fault: 'business 208016',
    inject: { [O]: all({ kind: 'ovopark', code: '208016' }, 10) },
    outcome: OvoparkBusinessError,
    requests: { [O]: 1 },
    check: (e) => expect((e as OvoparkBusinessError).code).toBe('208016'),
  },
  {
    client: 'ovopark',
    fault: 'token refused (9990001 TOKEN_NOT_EXIST) mid-run',
    inject: { [O]: [{ kind: 'ovopark', code: '9990001' }] },
    outcome: 'ok',
    requests: { [O]: 2, [OL]: 1 },
    logins: 1,
  },
  {
    client: 'ovopark',
    fault: 'login: stat -999 always',
    cold: true,
    inject: { [OL]: all({ kind: 'ovopark', code: '-999' }, 10) },
    outcome: OvoparkGatewayError,
    requests: { [OL]: RETRY.maxAttempts },
    logins: 1,
  },
  {
    client: 'ovopark',
    fault: 'login: stall',
    cold: true,
    inject: { [OL]: [{ kind: 'stall' }] },
    outcome: OvoparkTimeoutError,
    requests: { [OL]: 1 },
    logins: 1,
  },
  {
    client: 'ovopark',
    fault: 'login: stall, 20 calls at once',
    cold: true,
    calls: 20,
    inject: { [OL]: [{ kind: 'stall' }] },
    outcome: OvoparkTimeoutError,
    requests: { [OL]: 1 },
    logins: 1,
  },
  {
    client: 'ovopark',
    fault: 'token refused (9990001 TOKEN_NOT_EXIST) again after re-login',
    inject: {
      [O]: [
        { kind: 'ovopark', code: '9990001' },
        { kind: 'ovopark', code: '9990001' },
      ],
    },
    // 9990001 is a gateway code (seven digits), not a six-digit business code.
    outcome: OvoparkGatewayError,
    requests: { [O]: 2, [OL]: 1 },
    logins: 1,
  },

  // ── D-Store inquireOrderDetail ────────────────────────────────────────────────────────────────
  {
    client: 'dstore',
    fault: 'drop',
    inject: { [D]: [{ kind: 'drop' }] },
    outcome: DStoreConnectionError,
    requests: { [D]: 1 },
    check: retryable(true),
  },
  {
    client: 'dstore',
    fault: 'stall',
    inject: { [D]: [{ kind: 'stall' }] },
    outcome: DStoreTimeoutError,
    requests: { [D]: 1 },
    check: retryable(true),
    notBeforeMs: TIMEOUT_MS,
  },
  {
    client: 'dstore',
    fault: 'stall mid-body',
    inject: { [D]: [{ kind: 'stallBody' }] },
    outcome: DStoreTimeoutError,
    requests: { [D]: 1 },
    check: retryable(true),
    notBeforeMs: TIMEOUT_MS,
  },
  {
    client: 'dstore',
    fault: 'reset mid-body',
    inject: { [D]: [{ kind: 'cut' }] },
    outcome: DStoreConnectionError,
    requests: { [D]: 1 },
    check: retryable(true),
  },
  ...([500, 502, 503] as const).map(
    (status): Case => ({
      client: 'dstore',
      fault: `HTTP ${status}`,
      inject: { [D]: [S(status)] },
      outcome: DStoreProtocolError,
      requests: { [D]: 1 },
      check: (e) => {
        expect((e as DStoreProtocolError).status).toBe(status);
        expect((e as DStoreProtocolError).retryable).toBe(true);
      },
    }),
  ),
  {
    client: 'dstore',
    fault: 'truncated JSON, signed as sent',
    inject: { [D]: [{ kind: 'truncate', sign: 'sent' }] },
    outcome: DStoreProtocolError,
    requests: { [D]: 1 },
    check: retryable(false),
  },
  {
    client: 'dstore',
    fault: 'truncated JSON, signature of whole body',
    inject: { [D]: [{ kind: 'truncate', sign: 'intended' }] },
    outcome: DStoreSignatureError,
    requests: { [D]: 1 },
    check: retryable(false),
  },
  {
    client: 'dstore',
    fault: 'non-JSON, signed as sent',
    inject: { [D]: [{ kind: 'nonJson', sign: 'sent' }] },
    outcome: DStoreProtocolError,
    requests: { [D]: 1 },
  },
  {
    client: 'dstore',
    fault: 'non-JSON, unsigned (proxy page)',
    inject: { [D]: [{ kind: 'nonJson', sign: 'none' }] },
    outcome: DStoreSignatureError,
    requests: { [D]: 1 },
  },
  {
    client: 'dstore',
    fault: 'empty body, signed',
    inject: { [D]: [{ kind: 'empty', sign: 'sent' }] },
    outcome: DStoreProtocolError,
    requests: { [D]: 1 },
  },
  {
    client: 'dstore',
    fault: 'signed with another key',
    inject: { [D]: [{ kind: 'dstoreWrongKey' }] },
    outcome: DStoreSignatureError,
    requests: { [D]: 1 },
  },
  { client: 'dstore', fault: 'slow 100 ms', inject: { [D]: [slowOk] }, outcome: 'ok', requests: { [D]: 1 } },
  {
    client: 'dstore',
    fault: `slow ${TIMEOUT_MS + 400} ms`,
    inject: { [D]: [slowTooLong] },
    outcome: DStoreTimeoutError,
    requests: { [D]: 1 },
    notBeforeMs: TIMEOUT_MS,
  },
  // The client never retries by itself: U comes back as a retryable error after one request.
  {
    client: 'dstore',
    fault: 'U UNKNOWN_EXCEPTION',
    inject: { [D]: all({ kind: 'dstore', result: 'U' }, 10) },
    outcome: DStoreUnknownError,
    requests: { [D]: 1 },
    check: retryable(true),
  },
  // Nothing retries an F.
  {
    client: 'dstore',
    fault: 'F PROCESS_FAIL',
    inject: { [D]: all({ kind: 'dstore', result: 'F' }, 10) },
    outcome: DStoreBusinessError,
    requests: { [D]: 1 },
    check: (e) => {
      expect((e as DStoreBusinessError).resultCode).toBe('PROCESS_FAIL');
      expect((e as DStoreBusinessError).retryable).toBe(false);
    },
  },
];

const BASE_ERROR: Record<ClientName, ErrorClass> = { wechat: WeChatError, ovopark: OvoparkError, dstore: DStoreError };

// The first call of each client in this process compiles its validators and warms the JIT; on a
// loaded two-core CI box that alone can pass the 500 ms the cases allow. It is made once here with a
// generous timeout, so the cases time the faults, not start-up.
beforeAll(async () => {
  const s = await freshServer();
  for (const name of ['wechat', 'ovopark', 'dstore'] as const) await CALLS[name].make(s, 30_000)();
  s.reset();
});

describe.each(['wechat', 'ovopark', 'dstore'] as const)('%s under faults', (clientName) => {
  it.each(CASES.filter((c) => c.client === clientName).map((c) => [c.fault, c] as const))('%s', async (_label, c) => {
    const s = await freshServer();
    const spec = CALLS[c.client];
    const call = spec.make(s, c.timeoutMs);
    if (spec.warm && !c.cold) {
      await expect(call()).resolves.toEqual(spec.expected); // token/login cached before the fault
      s.reset();
    }
    for (const [endpoint, faults] of Object.entries(c.inject) as [Endpoint, Fault[]][]) s.enqueue(endpoint, ...faults);

    const settled = await Promise.all(
      Array.from({ length: c.calls ?? 1 }, async () => {
        const started = performance.now();
        const outcome = await call().then(
          (value) => ({ ok: true as const, value }),
          (error: unknown) => ({ ok: false as const, error }),
        );
        return { outcome, elapsed: performance.now() - started };
      }),
    );
    const counts = s.counts();
    const names = new Set(
      settled.map(({ outcome }) => (outcome.ok ? 'ok (correct result)' : (outcome.error as Error).constructor.name)),
    );
    const maxMs = Math.max(...settled.map((x) => x.elapsed));
    rows.push({
      fault: c.fault,
      client: c.client,
      calls: settled.length,
      requests: describeCounts(counts),
      outcome: [...names].join(' / '),
      maxMs,
    });

    for (const { outcome, elapsed } of settled) {
      if (c.outcome === 'ok') {
        if (!outcome.ok) throw outcome.error;
        expect(outcome.value).toEqual(spec.expected);
      } else {
        expect(outcome.ok, 'the call should have failed').toBe(false);
        const error = (outcome as { error: unknown }).error;
        expect(error).toBeInstanceOf(BASE_ERROR[c.client]);
        expect(error).toBeInstanceOf(c.outcome);
        expect((error as Error).constructor).toBe(c.outcome);
        c.check?.(error as Error);
      }
      expect(elapsed).toBeLessThan((c.timeoutMs ?? boundMs(c.client, c.logins)) + SLACK_MS);
      if (c.notBeforeMs !== undefined) expect(elapsed).toBeGreaterThanOrEqual(c.notBeforeMs - 20);
    }
    expect(counts).toEqual(c.requests);
  });
});

// ── Token lifetime and call budgets ─────────────────────────────────────────────────────────────

async function timed<T>(run: () => Promise<T>): Promise<{ outcome: string; error?: unknown; value?: T; ms: number }> {
  const started = performance.now();
  try {
    const value = await run();
    return { outcome: 'ok (correct result)', value, ms: performance.now() - started };
  } catch (error) {
    return { outcome: (error as Error).constructor.name, error, ms: performance.now() - started };
  }
}

describe('token lifetime and call budgets', () => {
  it('wechat: the client clock passes the token expiry mid-run → one proactive refresh', async () => {
    const s = await freshServer();
    let now = Date.now();
    const client = createWeChatClient({
      appId: 'wx0123456789abcdef',
      appSecret: 'SECRET_x',
      baseUrl: s.url,
      timeoutMs: TIMEOUT_MS,
      retry: RETRY,
      now: () => now,
    });
    let maxMs = 0;
    for (let i = 0; i < 10; i++) {
      if (i === 5) now += 7_200_000; // past expires_in: the cached token is no longer usable
      const r = await timed(() => client.getOrder('DD2981741311549200000'));
      maxMs = Math.max(maxMs, r.ms);
      expect(r.value).toEqual(WECHAT_PAID.order);
    }
    rows.push({
      fault: 'client clock passes token expiry mid-run',
      client: 'wechat',
      calls: 10,
      requests: describeCounts(s.counts()),
      outcome: 'ok (correct result)',
      maxMs,
    });
    expect(s.counts()).toEqual({ 'wechat.token': 2, 'wechat.order': 10 });
  });

  // Found here: a token whose expires_in was under tokenMarginSeconds never counted as fresh, so
  // every call fetched a new one (two per call at first). The margin is now capped at half the
  // token's remaining lifetime.
  it('wechat: a token living less than tokenMarginSeconds is fetched once, not once per call', async () => {
    const s = await freshServer();
    s.wechatExpiresIn = 200; // e.g. stable_token handing back a token with 200 s left; margin is 300 s
    const client = wechatClient(s);
    let maxMs = 0;
    for (let i = 0; i < 5; i++) {
      const r = await timed(() => client.getOrder('DD2981741311549200000'));
      maxMs = Math.max(maxMs, r.ms);
      expect(r.value).toEqual(WECHAT_PAID.order);
    }
    rows.push({
      fault: 'expires_in 200 s < 300 s margin (5 sequential calls)',
      client: 'wechat',
      calls: 5,
      requests: describeCounts(s.counts()),
      outcome: 'ok (correct result)',
      maxMs,
    });
    expect(s.counts()).toEqual({ 'wechat.token': 1, 'wechat.order': 5 });
  });

  it("wechat: a call's own timeoutMs bounds its wait for a stalled token fetch", async () => {
    const s = await freshServer();
    s.enqueue('wechat.token', { kind: 'stall' });
    const clientTimeoutMs = 2_000;
    const callTimeoutMs = 300;
    const client = createWeChatClient({
      appId: 'wx0123456789abcdef',
      appSecret: 'SECRET_x',
      baseUrl: s.url,
      timeoutMs: clientTimeoutMs,
      retry: RETRY,
    });
    const r = await timed(() => client.getOrder('DD2981741311549200000', { timeoutMs: callTimeoutMs }));
    rows.push({
      fault: `token fetch stalls; call timeoutMs ${callTimeoutMs}, client ${clientTimeoutMs}`,
      client: 'wechat',
      calls: 1,
      requests: describeCounts(s.counts()),
      outcome: r.outcome,
      maxMs: r.ms,
    });
    expect(r.error).toBeInstanceOf(WeChatTimeoutError);
    expect(r.ms).toBeLessThan(callTimeoutMs + SLACK_MS);
  });

  it('ovopark: retries of -999 count against searchPosRange callBudget', async () => {
    const s = await freshServer();
    const client = ovoparkClient(s);
    s.enqueue('ovopark.searchPos', { kind: 'ovopark', code: '-999' }, { kind: 'ovopark', code: '-999' });
    const r = await timed(() =>
      client.searchPosRange({
        depId: 1001,
        from: '2024-01-01 00:00:00',
        to: '2024-01-01 03:00:00',
        callBudget: 3,
        concurrency: 1,
      }),
    );
    rows.push({
      fault: '-999 twice in a 3-window range, callBudget 3',
      client: 'ovopark',
      calls: 1,
      requests: describeCounts(s.counts()),
      outcome: r.outcome,
      maxMs: r.ms,
    });
    expect(r.error).toBeInstanceOf(OvoparkBudgetError);
    const budget = r.error as OvoparkBudgetError;
    expect(budget.calls).toBe(3);
    expect(budget.tickets).toEqual([OVOPARK_PAGE.content[0]]);
    expect(s.counts()).toEqual({ 'ovopark.mobileLogin': 1, 'ovopark.searchPos': 3 });
    expect(r.ms).toBeLessThan(boundMs('ovopark', 1) + SLACK_MS);
  });
});

// ── Mixed run: WeChat under token expiry and random "system busy" ─────────────────────────────────

interface MixedResult {
  calls: number;
  ok: number;
  errors: Map<string, number>;
  maxMs: number;
  orderRequests: number;
  tokenRequests: number;
  busyInjected: number;
  expiries: number;
}

/**
 * `calls` getOrder calls, `concurrency` at a time, each with its own orderId so the server's
 * records show every call's requests. The server expires its token when the order endpoint has
 * seen each of `expireAt` requests, and answers -1 to any other request with probability `busyRate`.
 */
async function mixedRun(
  s: FaultServer,
  opts: { seed: number; calls: number; concurrency: number; busyRate: number; expireAt: number[] },
): Promise<MixedResult> {
  // No stalls here, so a roomier budget than the single-fault cases: a timeout would only measure the machine's load.
  const client = createWeChatClient({
    appId: 'wx0123456789abcdef',
    appSecret: 'SECRET_mixed',
    baseUrl: s.url,
    timeoutMs: MIXED_TIMEOUT_MS,
    retry: RETRY,
  });
  // The first call of a process compiles the validators (about 100 ms, more under load): not part of the run.
  await expect(client.getOrder('DD-WARM-UP')).resolves.toEqual(WECHAT_PAID.order);
  s.reset();
  const random = mulberry32(opts.seed);
  const expireAt = new Set(opts.expireAt);
  let busyInjected = 0;
  let expiries = 0;
  s.plan('wechat.order', (request, fake) => {
    if (expireAt.has(request.n)) {
      fake.expireWeChatToken(); // this very request is answered 42001
      expiries += 1;
      return undefined;
    }
    if (random() < opts.busyRate) {
      busyInjected += 1;
      return { kind: 'wechat', errcode: -1 };
    }
    return undefined;
  });
  const result: MixedResult = {
    calls: opts.calls,
    ok: 0,
    errors: new Map(),
    maxMs: 0,
    orderRequests: 0,
    tokenRequests: 0,
    busyInjected: 0,
    expiries: 0,
  };
  let next = 0;
  const worker = async () => {
    while (next < opts.calls) {
      const i = next++;
      const orderId = `DD-MIXED-${opts.seed}-${i}`;
      const started = performance.now();
      try {
        const order = await client.getOrder(orderId);
        expect(order).toEqual(WECHAT_PAID.order);
        result.ok += 1;
      } catch (error) {
        // Typed, and only the kinds these faults can cause.
        expect(error).toBeInstanceOf(WeChatError);
        // A timeout only if the machine is too loaded for the (roomy) budget: typed, and counted.
        expect([WeChatBusyError, WeChatAuthError, WeChatTimeoutError]).toContain((error as Error).constructor);
        const name = (error as Error).constructor.name;
        result.errors.set(name, (result.errors.get(name) ?? 0) + 1);
        if (error instanceof WeChatBusyError) expect(error.attempts).toBe(RETRY.maxAttempts);
      }
      const elapsed = performance.now() - started;
      result.maxMs = Math.max(result.maxMs, elapsed);
      expect(elapsed).toBeLessThan(MIXED_TIMEOUT_MS + SLACK_MS);

      // This call's own requests: at most maxAttempts attempts, plus one repeat after a refresh.
      const mine = s.requests.filter((r) => r.endpoint === 'wechat.order' && r.query.get('orderId') === orderId);
      expect(mine.length).toBeGreaterThanOrEqual(1);
      expect(mine.length).toBeLessThanOrEqual(RETRY.maxAttempts + 1);
      const busy = mine.filter((r) => r.answer === '-1').length;
      const refused = mine.filter((r) => r.answer === '40001' || r.answer === '42001').length;
      expect(busy).toBeLessThanOrEqual(RETRY.maxAttempts);
      expect(refused).toBeLessThanOrEqual(2);
      const last = mine.at(-1)?.answer;
      if (last !== '0')
        expect(last === '-1' || last === '40001' || last === '42001' || result.errors.has('WeChatTimeoutError')).toBe(
          true,
        );
      if (!result.errors.has('WeChatTimeoutError')) expect(mine.length).toBe(busy + refused + (last === '0' ? 1 : 0));
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
  result.orderRequests = s.count('wechat.order');
  result.tokenRequests = s.count('wechat.token');
  result.busyInjected = busyInjected;
  result.expiries = expiries;
  return result;
}

describe('WeChat mixed run', () => {
  it('200 getOrder calls while the token expires twice and -1 comes at random (seed 20240101)', async () => {
    const s = await freshServer();
    const seed = 20240101;
    const pick = mulberry32(seed ^ 0x9e3779b9);
    // Two expiries, far enough apart that no call sees both.
    const expireAt = [30 + Math.floor(pick() * 40), 130 + Math.floor(pick() * 40)];
    const r = await mixedRun(s, { seed, calls: 200, concurrency: 8, busyRate: 0.15, expireAt });
    const errorText = [...r.errors].map(([k, v]) => `${k} ${v}`).join(', ');
    rows.push({
      fault: `mixed: 2 token expiries (order req #${expireAt.join(', #')}) + -1 at 15 % (${r.busyInjected} injected)`,
      client: 'wechat',
      calls: r.calls,
      requests: `order ${r.orderRequests}, token ${r.tokenRequests}`,
      outcome: `ok ${r.ok}${errorText ? `, ${errorText}` : ''}`,
      maxMs: r.maxMs,
    });
    expect(r.expiries).toBe(2);
    expect(r.ok + [...r.errors.values()].reduce((a, b) => a + b, 0)).toBe(200);
    // Exactly one refresh per expiry (the first token came with the warm-up call), however many calls saw it refused.
    expect(r.tokenRequests).toBe(r.expiries);
    // Every order request is one call's first, a retry after -1, or a repeat after a refusal.
    expect(r.orderRequests).toBeLessThanOrEqual(r.calls * (RETRY.maxAttempts + 1));
    expect(r.errors.get('WeChatAuthError') ?? 0).toBe(0);
  });

  it('property: any seed, busy rate and up to two expiries — every call correct or typed, tokens bounded', async () => {
    const summary = { runs: 0, calls: 0, ok: 0, typed: 0, orderRequests: 0, tokenRequests: 0, expiries: 0, maxMs: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.double({ min: 0, max: 0.4, noNaN: true }),
        fc.uniqueArray(fc.integer({ min: 2, max: 50 }), { maxLength: 2 }),
        async (seed, busyRate, expireAt) => {
          const s = await freshServer();
          try {
            // Expiry points at least 20 order requests apart, so no single call sees two.
            const spaced = [...expireAt].sort((a, b) => a - b).filter((n, i, a) => i === 0 || n - a[0]! >= 20);
            const r = await mixedRun(s, { seed, calls: 40, concurrency: 4, busyRate, expireAt: spaced });
            summary.runs += 1;
            summary.calls += r.calls;
            summary.ok += r.ok;
            summary.typed += r.calls - r.ok;
            summary.orderRequests += r.orderRequests;
            summary.tokenRequests += r.tokenRequests;
            summary.expiries += r.expiries;
            summary.maxMs = Math.max(summary.maxMs, r.maxMs);
            expect(r.tokenRequests).toBe(r.expiries);
          } finally {
            await s.close();
            server = undefined;
          }
        },
      ),
      { numRuns: 8, seed: 7 },
    );
    rows.push({
      fault: `property: ${summary.runs} runs, random seed/busy rate ≤ 40 %/0–2 expiries (${summary.expiries} in all)`,
      client: 'wechat',
      calls: summary.calls,
      requests: `order ${summary.orderRequests}, token ${summary.tokenRequests}`,
      outcome: `ok ${summary.ok}, typed ${summary.typed}`,
      maxMs: summary.maxMs,
    });
  });
});

afterAll(() => {
  if (rows.length === 0) return;
  const header = ['fault', 'client', 'calls', 'requests seen', 'outcome', 'max settle ms'];
  const body = rows.map((r) => [r.fault, r.client, String(r.calls), r.requests, r.outcome, r.maxMs.toFixed(0)]);
  const lines = [header, header.map(() => '---'), ...body].map((cells) => `| ${cells.join(' | ')} |`);
  console.log(
    `Faults against the clients (timeoutMs ${TIMEOUT_MS}, retry maxAttempts ${RETRY.maxAttempts}, ` +
      `backoff ${RETRY.baseDelayMs}–${RETRY.maxDelayMs} ms):\n${lines.join('\n')}`,
  );
});
