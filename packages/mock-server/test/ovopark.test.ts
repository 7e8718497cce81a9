/**
 * The Ovopark mock behaves like the gateway: our client (@orderkit/ovopark) against `startMocks`,
 * every behaviour of issue 11 item 2 and every fault, and every answer these tests receive checked
 * against the spec (JSON Schema 2020-12, @orderkit/openapi-ajv).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeIssues, OpenApiValidator } from '@orderkit/openapi-ajv';
import {
  createOvoparkClient,
  MOCK_CREDENTIALS,
  type OvoparkClientOptions,
  OvoparkApiError,
  OvoparkError,
  OvoparkProtocolError,
  OvoparkTimeoutError,
  spec,
} from '@orderkit/ovopark';
import { startMocks, type RunningMocks } from '../src/index.js';
import { ovoparkForm } from './support/ovopark-form.js';

const SEARCH_POS = 'open.ovopark.pos.searchPos';
const MOBILE_LOGIN = 'open.shopweb.security.mobileLogin';
const QUOTA = 12;
const SEED = 7;

let mocks: RunningMocks;
let url: string;
beforeAll(async () => {
  mocks = await startMocks({
    only: ['ovopark'],
    ports: { ovopark: 0 },
    seed: SEED,
    env: { MOCK_OVOPARK_QUOTA: String(QUOTA), MOCK_OVOPARK_TIMESTAMP_SKEW_S: '300' },
  });
  url = mocks.urls.ovopark as string;
}, 60_000);
afterAll(() => mocks?.stop());

// ── every answer of these tests, checked against the spec ──────────────────────────────────────
const validator = new OpenApiValidator(spec as never);
const seen: Array<{ mt: string; status: number; body: string }> = [];
// Both operations' 200 answers are these schemas (components/responses/*.yaml).
const schemaOf = (mt: string) =>
  `#/components/schemas/${mt === SEARCH_POS ? 'SearchPosResponse' : 'MobileLoginResponse'}`;

interface Recorder {
  fetch: (request: Request) => Promise<Response>;
  /** `_mt` of every request sent, in order. */
  sent: string[];
}

/** A fetch that records each exchange, and asks for `fault` on the first `times` searchPos calls. */
function recorder(fault?: string, times = 1): Recorder {
  const sent: string[] = [];
  let faults = 0;
  return {
    sent,
    async fetch(request: Request) {
      const mt = new URLSearchParams(await request.clone().text()).get('_mt') ?? '';
      sent.push(mt);
      let req = request;
      if (fault && mt === SEARCH_POS && faults < times) {
        faults += 1;
        const headers = new Headers(request.headers);
        headers.set('prefer', `fault=${fault}`);
        req = new Request(request, { headers });
      }
      const response = await fetch(req);
      // A truncated answer has no body to check: it is the transport fault the test asked for.
      const body = await response
        .clone()
        .text()
        .catch(() => undefined);
      if (body !== undefined) seen.push({ mt, status: response.status, body });
      return response;
    },
  };
}

const client = (rec: Recorder, options: Partial<OvoparkClientOptions> = {}) =>
  createOvoparkClient({
    akey: MOCK_CREDENTIALS.akey,
    secret: MOCK_CREDENTIALS.secret,
    account: MOCK_CREDENTIALS.account,
    password: MOCK_CREDENTIALS.password,
    baseUrl: url,
    fetch: rec.fetch,
    retry: { baseDelayMs: 10, maxDelayMs: 20 },
    onWarning: (w) => {
      throw new Error(`unexpected warning: ${w.message}`);
    },
    ...options,
  });

const form = ovoparkForm;

async function raw(body: URLSearchParams | string, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}/cloud.api`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8', ...headers },
    body,
  });
  const text = await res.text();
  const mt = typeof body === 'string' ? '' : (body.get('_mt') ?? '');
  if ([SEARCH_POS, MOBILE_LOGIN].includes(mt)) seen.push({ mt, status: res.status, body: text });
  else seen.push({ mt: MOBILE_LOGIN, status: res.status, body: text }); // the envelope is the same
  expect(res.status).toBe(200);
  return JSON.parse(text) as { stat: { code: number; codename: string }; result: string; data: unknown };
}

async function token(): Promise<string> {
  const answer = await raw(
    form(MOBILE_LOGIN, { userName: MOCK_CREDENTIALS.account, password: MOCK_CREDENTIALS.password }),
  );
  return (answer.data as { token: string }).token;
}

const search = (overrides: Record<string, string> = {}) => ({
  depId: '2001',
  startTime: '2024-03-01 10:00:00',
  endTime: '2024-03-01 11:00:00',
  pageNumber: '1',
  pageSize: '100',
  ...overrides,
});

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    if (error instanceof OvoparkApiError) return error.code;
    throw error;
  }
}

describe('Ovopark mock: the gateway checks', () => {
  it('agrees with our client’s signature for md5 and sha1, and answers 7 to a wrong secret', async () => {
    for (const signMethod of ['md5', 'sha1'] as const) {
      const rec = recorder();
      const page = await client(rec, { signMethod }).searchPos({
        depId: 2001,
        startTime: '2024-03-01 10:00:00',
        endTime: '2024-03-01 11:00:00',
      });
      expect(page.total).toBeGreaterThanOrEqual(0);
      expect(rec.sent).toEqual([MOBILE_LOGIN, SEARCH_POS]);
    }
    const wrong = client(recorder(), { secret: 'not-the-secret' });
    expect(await codeOf(wrong.mobileLogin())).toBe('7');
  });

  it('answers 2 to another akey, 12 to another aid, 16 to a stale _timestamp, 15 to a malformed one', async () => {
    expect(await codeOf(client(recorder(), { akey: 'other' }).mobileLogin())).toBe('2');
    expect(await codeOf(client(recorder(), { aid: 'DC-000392' }).mobileLogin())).toBe('12');
    const late = () => new Date(Date.now() - 20 * 60_000);
    expect(await codeOf(client(recorder(), { now: late }).mobileLogin())).toBe('16');
    const login = { userName: 'demo', password: 'x' };
    expect((await raw(form(MOBILE_LOGIN, login, { _timestamp: '20241399120000' }))).stat.code).toBe(15);
    expect((await raw(form(MOBILE_LOGIN, login, { _timestamp: '2024-01-01' }))).stat.code).toBe(15);
  });

  it('answers 8 without _mt, 9 to an unregistered method or version, and each missing system parameter', async () => {
    expect((await raw(form(MOBILE_LOGIN, {}, { _mt: undefined }))).stat).toMatchObject({ code: 8 });
    expect((await raw(form('open.nope', {}))).stat).toMatchObject({ code: 9, codename: 'METHOD_NOTEXIST_CODE' });
    expect((await raw(form(MOBILE_LOGIN, {}, { _version: 'v9' }))).stat.code).toBe(9);
    for (const [name, code] of [
      ['_akey', 1],
      ['_sm', 4],
      ['_sig', 6],
      ['_aid', 11],
      ['_timestamp', 14],
    ] as const) {
      expect((await raw(form(MOBILE_LOGIN, {}, { [name]: undefined }))).stat.code, name).toBe(code);
    }
    expect((await raw(form(MOBILE_LOGIN, {}, { _sm: 'sha256' }))).stat.code).toBe(5);
  });

  it('answers a body that is no form, or garbage, in band and at once (code 1: no parameters)', async () => {
    const t0 = Date.now();
    expect((await raw('{"_mt": "x"', { 'content-type': 'application/json' })).stat.code).toBe(1);
    expect((await raw('%%%&&&==')).stat.code).toBe(1);
    expect(Date.now() - t0).toBeLessThan(1_000);
  });
});

describe('Ovopark mock: mobileLogin and searchPos', () => {
  it('logs in with the account and its password (md5 or plain) only: 103094, 103095 otherwise', async () => {
    expect(await codeOf(client(recorder(), { account: 'someone' }).mobileLogin())).toBe('103094');
    expect(await codeOf(client(recorder(), { password: 'wrong' }).mobileLogin())).toBe('103095');
    const plain = await client(recorder(), { passwordEncoding: 'plain' }).mobileLogin();
    const md5 = await client(recorder()).mobileLogin();
    expect(plain.token).toMatch(/^MOCK_OVOPARK_TOKEN_[0-9a-f]{24}$/);
    expect(md5.token).not.toBe(plain.token);
  });

  it('wants the token in the authenticator header: 9990001 without it, with another header, or an unknown one', async () => {
    const t = await token();
    expect((await raw(form(SEARCH_POS, search()))).stat).toMatchObject({ code: 9990001, codename: 'TOKEN_NOT_EXIST' });
    expect((await raw(form(SEARCH_POS, search()), { token: t })).stat.code).toBe(9990001);
    expect((await raw(form(SEARCH_POS, search()), { authenticator: 'nope' })).stat.code).toBe(9990001);
    expect((await raw(form(SEARCH_POS, search()), { authenticator: t })).stat.code).toBe(0);
  });

  it('refuses pageSize over 100 (208015), ranges over one hour (208016) and malformed dates (208006)', async () => {
    const t = await token();
    const h = { authenticator: t };
    expect((await raw(form(SEARCH_POS, search({ pageSize: '101' })), h)).stat.code).toBe(208015);
    expect((await raw(form(SEARCH_POS, search({ endTime: '2024-03-01 11:00:01' })), h)).stat.code).toBe(208016);
    expect((await raw(form(SEARCH_POS, search({ startTime: '2024-03-01T10:00' })), h)).stat.code).toBe(208006);
    // Our client sends a two-hour window as it is: the mock refuses it as the gateway does.
    const c = client(recorder());
    const twoHours = { depId: 2001, startTime: '2024-03-01 10:00:00', endTime: '2024-03-01 12:00:00' };
    expect(await codeOf(c.searchPos(twoHours))).toBe('208016');
  });

  it('pages over a deterministic ticket set: same request, same page; totals agree; a range is its hours', async () => {
    const c = client(recorder());
    const hour = { depId: 3001, startTime: '2024-03-01 10:00:00', endTime: '2024-03-01 11:00:00' };
    const whole = await c.searchPos({ ...hour, pageSize: 100 });
    expect(await c.searchPos({ ...hour, pageSize: 100 })).toEqual(whole);
    expect(whole.total).toBe(whole.content.length);
    const pages = [];
    for (let n = 1; n <= Math.max(1, Math.ceil(whole.total / 7)); n++) {
      const page = await c.searchPos({ ...hour, pageSize: 7, pageNumber: n });
      expect(page.total).toBe(whole.total);
      pages.push(...page.content);
    }
    expect(pages).toEqual(whole.content);
    const other = await c.searchPos({ ...hour, depId: 3002 });
    expect(other.content.map((t) => t.ticketId)).not.toEqual(whole.content.map((t) => t.ticketId));
    // The range client splits three hours into windows; the tickets are those of the hours, each once.
    const range = await c.searchPosRange({ depId: 3001, from: '2024-03-01 10:00:00', to: '2024-03-01 13:00:00' });
    const hours = [];
    for (const [from, to] of [
      ['10:00:00', '10:59:59'],
      ['11:00:00', '11:59:59'],
      ['12:00:00', '13:00:00'],
    ]) {
      const p = await c.searchPos({ depId: 3001, startTime: `2024-03-01 ${from}`, endTime: `2024-03-01 ${to}` });
      hours.push(...p.content);
    }
    expect(range.map((t) => t.ticketId).sort()).toEqual(hours.map((t) => t.ticketId).sort());
    expect(range.length).toBeGreaterThan(0);
  });

  it(`counts searchPos calls per store against the quota (${QUOTA} here): 208017 beyond`, async () => {
    const c = client(recorder());
    const call = () => c.searchPos({ depId: 4001, startTime: '2024-03-01 10:00:00', endTime: '2024-03-01 10:30:00' });
    for (let i = 0; i < QUOTA; i++) await call();
    expect(await codeOf(call())).toBe('208017');
    // Another store has its own count.
    await c.searchPos({ depId: 4002, startTime: '2024-03-01 10:00:00', endTime: '2024-03-01 10:30:00' });
  });
});

describe('Ovopark mock: faults on demand, as our client meets them', () => {
  const hour = { depId: 5001, startTime: '2024-03-01 10:00:00', endTime: '2024-03-01 11:00:00' };

  it('busy: -999, which the client sends again', async () => {
    const rec = recorder('busy');
    const page = await client(rec).searchPos(hour);
    expect(page.total).toBeGreaterThanOrEqual(0);
    expect(rec.sent).toEqual([MOBILE_LOGIN, SEARCH_POS, SEARCH_POS]);
    expect(seen.some((s) => s.body.includes('"code":-999'))).toBe(true);
  });

  it('expire-token: 9990001 and the token is gone; the client logs in again once and repeats the call', async () => {
    const rec = recorder('expire-token');
    await client(rec).searchPos(hour);
    expect(rec.sent).toEqual([MOBILE_LOGIN, SEARCH_POS, MOBILE_LOGIN, SEARCH_POS]);
  });

  it('quota: 208017, not retried', async () => {
    const rec = recorder('quota');
    expect(await codeOf(client(rec).searchPos(hour))).toBe('208017');
    expect(rec.sent).toEqual([MOBILE_LOGIN, SEARCH_POS]);
  });

  it('slow: the client’s attempt timeout, then its retry; without retries a timeout, outcome unknown', async () => {
    const rec = recorder('slow, delay=1500');
    const page = await client(rec, { attemptTimeoutMs: 500 }).searchPos(hour);
    expect(page.total).toBeGreaterThanOrEqual(0);
    expect(rec.sent).toEqual([MOBILE_LOGIN, SEARCH_POS, SEARCH_POS]);
    const t0 = Date.now();
    const error = await client(recorder('slow, delay=1500'), { attemptTimeoutMs: 500, retry: { maxAttempts: 1 } })
      .searchPos(hour)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OvoparkTimeoutError);
    expect((error as OvoparkError).outcome).toBe('unknown');
    expect(Date.now() - t0).toBeLessThan(1_400);
  });

  it('truncate: half an answer and a dropped connection, an unknown outcome', async () => {
    const error = await client(recorder('truncate', 5), { retry: { maxAttempts: 1 } })
      .searchPos(hour)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OvoparkError);
    expect((error as OvoparkError).outcome).toBe('unknown');
  });

  it('5xx: an HTTP 503 page, as a proxy in front of a gateway in trouble sends, is retried', async () => {
    const rec = recorder('5xx');
    const result = await client(rec).searchPos(hour);
    // The kernel retries HTTP 503 for every provider; the second searchPos gets the page.
    expect(result.total).toBeGreaterThanOrEqual(0);
    expect(rec.sent).toEqual([MOBILE_LOGIN, SEARCH_POS, SEARCH_POS]);
  });

  it('5xx on every attempt: a protocol error after the client’s attempts', async () => {
    const rec = recorder('5xx', 3);
    const error = await client(rec)
      .searchPos(hour)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OvoparkProtocolError);
    expect(rec.sent).toEqual([MOBILE_LOGIN, SEARCH_POS, SEARCH_POS, SEARCH_POS]);
  });
});

describe('Ovopark mock: every answer above is the contract’s', () => {
  it('validates each recorded answer against the spec', () => {
    const answers = seen.filter((s) => s.status === 200);
    expect(answers.length).toBeGreaterThan(40);
    for (const { mt, body } of answers) {
      const result = validator.validate(schemaOf(mt), JSON.parse(body));
      expect(result.valid, `${mt}: ${body.slice(0, 200)}\n${describeIssues(result)}`).toBe(true);
    }
    // Transport faults aside (the four 503s asked for: one retried, three in a row), nothing but
    // HTTP 200: no Prism error reached a client.
    expect(seen.filter((s) => s.status !== 200).map((s) => s.status)).toEqual([503, 503, 503, 503]);
  });
});
