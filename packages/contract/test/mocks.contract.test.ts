/**
 * Contract suite against the Prism mocks: every operation of every spec is called through its
 * generated client (openapi-fetch typed by the generated `paths`), and every request and response
 * is checked against the spec with Ajv (2020-12) as well as by Prism (`--errors`).
 */
import createClient from 'openapi-fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  spec as dstoreSpec,
  formatMessageTime,
  loadPrivateKey,
  signatureHeader,
  type paths as DStorePaths,
} from '@orderkit/dstore';
import { dstorePrivateKey } from '@orderkit/dstore/dev-keys';
import {
  MOCK_CREDENTIALS as WECHAT_CREDENTIALS,
  spec as wechatSpec,
  type paths as WeChatPaths,
} from '@orderkit/wechat';
import {
  formatTimestamp,
  MOCK_CREDENTIALS,
  spec as ovoparkSpec,
  sign,
  type paths as OvoparkPaths,
} from '@orderkit/ovopark';
import { startMocks, type RunningMocks } from '@orderkit/mock-server';
import { ExchangeChecker, recordingFetch, type RecordedExchange } from '../src/index.js';

let mocks: RunningMocks;
beforeAll(async () => {
  mocks = await startMocks({ ports: { dstore: 0, wechat: 0, ovopark: 0 } });
  // Three Prisms at once: 15–22 s each on a loaded 2-core machine (measured), over 60 s together.
}, 120_000);
afterAll(async () => mocks?.stop());

const checkers = {
  dstore: new ExchangeChecker(dstoreSpec),
  wechat: new ExchangeChecker(wechatSpec),
  ovopark: new ExchangeChecker(ovoparkSpec),
};
const last = (exchanges: RecordedExchange[]) => exchanges[exchanges.length - 1]!;

/** The headers of a request the D-Store mock accepts: signed now with the published development key. */
const signedFor = (body: unknown) => {
  const clientId = '375Y93*******P00050';
  const time = formatMessageTime(new Date());
  return {
    'Client-Id': clientId,
    'Request-Time': time,
    Signature: signatureHeader({ clientId, time, body: JSON.stringify(body) }, loadPrivateKey(dstorePrivateKey)),
  };
};
/** The in-band result of a D-Store answer (every outcome is an HTTP 200 with a signed result). */
const resultOf = (ex: RecordedExchange) => (JSON.parse(ex.response.body) as { result: { resultCode: string } }).result;

describe('D-Store mock', () => {
  const op = { pathKey: '/v2/pos/inquireOrderDetail', method: 'post' };
  const client = () => {
    const rec = recordingFetch();
    return { rec, api: createClient<DStorePaths>({ baseUrl: mocks.urls.dstore, fetch: rec.fetch }) };
  };

  it('inquireOrderDetail: a valid request gets a spec-valid, signed-shape answer', async () => {
    const { rec, api } = client();
    const body = { requestOrderId: 'pds_2109xxxxxxxxxxxx_2022xxxxxxxxxxxxxxx_1' };
    const { data, response } = await api.POST('/v2/pos/inquireOrderDetail', {
      params: { header: signedFor(body) },
      body,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('sl-violations')).toBeNull();
    expect(data && 'posOrderId' in data && data.orderStatus).toBe('ACCEPTED');
    expect(checkers.dstore.check(op, last(rec.exchanges))).toEqual([]);
  });

  it('rejects a 256-character requestOrderId (mock F PARAM_ILLEGAL in band, checker names it)', async () => {
    const { rec, api } = client();
    const body = { requestOrderId: 'x'.repeat(256) };
    const { response } = await api.POST('/v2/pos/inquireOrderDetail', { params: { header: signedFor(body) }, body });
    expect(response.status).toBe(200);
    expect(resultOf(last(rec.exchanges))).toMatchObject({
      resultCode: 'PARAM_ILLEGAL',
      resultMessage: expect.stringMatching(/^requestOrderId/),
    });
    expect(checkers.dstore.check(op, last(rec.exchanges))).toContain(
      'request: body /requestOrderId must NOT have more than 255 characters',
    );
  });

  it('rejects a request without the Signature header', async () => {
    const { rec, api } = client();
    const { Signature: _omit, ...unsigned } = signedFor({ requestOrderId: 'pds_1' });
    const { response } = await api.POST('/v2/pos/inquireOrderDetail', {
      // @ts-expect-error the generated type requires Signature: this is the negative case
      params: { header: unsigned },
      body: { requestOrderId: 'pds_1' },
    });
    expect(response.status).toBe(200);
    expect(resultOf(last(rec.exchanges)).resultCode).toBe('INVALID_SIGNATURE');
    expect(checkers.dstore.check(op, last(rec.exchanges))).toContain(
      'request: required header parameter Signature is missing',
    );
  });

  it('rejects a missing required body field', async () => {
    const { rec, api } = client();
    // @ts-expect-error requestOrderId is required: this is the negative case
    const { response } = await api.POST('/v2/pos/inquireOrderDetail', { params: { header: signedFor({}) }, body: {} });
    expect(response.status).toBe(200);
    expect(resultOf(last(rec.exchanges)).resultCode).toBe('PARAM_ILLEGAL');
    expect(checkers.dstore.check(op, last(rec.exchanges))[0]).toMatch(/requestOrderId/);
  });
});

describe('WeChat mock', () => {
  const client = () => {
    const rec = recordingFetch();
    return { rec, api: createClient<WeChatPaths>({ baseUrl: mocks.urls.wechat, fetch: rec.fetch }) };
  };

  it('getAccessToken: answers a token', async () => {
    const { rec, api } = client();
    const { data } = await api.GET('/cgi-bin/token', {
      params: {
        query: {
          grant_type: 'client_credential',
          appid: WECHAT_CREDENTIALS.appId,
          secret: WECHAT_CREDENTIALS.appSecret,
        },
      },
    });
    expect(typeof data === 'object' && 'access_token' in data && data.expires_in).toBe(7200);
    expect(checkers.wechat.check({ pathKey: '/cgi-bin/token', method: 'get' }, last(rec.exchanges))).toEqual([]);
  });

  it('getStableAccessToken: answers a token', async () => {
    const { rec, api } = client();
    const { data } = await api.POST('/cgi-bin/stable_token', {
      body: {
        grant_type: 'client_credential',
        appid: WECHAT_CREDENTIALS.appId,
        secret: WECHAT_CREDENTIALS.appSecret,
        force_refresh: false,
      },
    });
    expect(typeof data === 'object' && 'access_token' in data).toBe(true);
    expect(checkers.wechat.check({ pathKey: '/cgi-bin/stable_token', method: 'post' }, last(rec.exchanges))).toEqual(
      [],
    );
  });

  it('getOrder: answers the order with the token from the token endpoint', async () => {
    const { rec, api } = client();
    const token = await api.GET('/cgi-bin/token', {
      params: {
        query: {
          grant_type: 'client_credential',
          appid: WECHAT_CREDENTIALS.appId,
          secret: WECHAT_CREDENTIALS.appSecret,
        },
      },
    });
    const accessToken = typeof token.data === 'object' && 'access_token' in token.data ? token.data.access_token : '';
    const { data } = await api.GET('/wxa/charge/service-provider/order/get', {
      params: { query: { orderId: 'DD2981741311549200000', access_token: accessToken } as { orderId: string } },
    });
    expect(typeof data === 'object' && 'order' in data && data.order.orderPrice).toBe('9900');
    expect(
      checkers.wechat.check({ pathKey: '/wxa/charge/service-provider/order/get', method: 'get' }, last(rec.exchanges)),
    ).toEqual([]);
  });

  it('answers getOrder without access_token (41001) and without orderId in band, as WeChat does', async () => {
    const { rec, api } = client();
    const op = { pathKey: '/wxa/charge/service-provider/order/get', method: 'get' };
    const noToken = await api.GET('/wxa/charge/service-provider/order/get', { params: { query: { orderId: 'DD1' } } });
    // The behaviour layer answers what Prism would refuse the way WeChat does: HTTP 200 + errcode.
    expect(noToken.response.status).toBe(200);
    expect(noToken.data).toMatchObject({ errcode: 41001 });
    expect(checkers.wechat.check(op, last(rec.exchanges))).toContain(
      'request: credentials required by accessToken are missing',
    );
    const noId = await api.GET('/wxa/charge/service-provider/order/get', {
      // @ts-expect-error orderId is required: this is the negative case
      params: { query: { access_token: 'MOCK' } },
    });
    expect(noId.response.status).toBe(200);
    expect(noId.data).toMatchObject({ errcode: 40014 }); // the token is checked first, and 'MOCK' is not one
    expect(checkers.wechat.check(op, last(rec.exchanges))).toContain(
      'request: required query parameter orderId is missing',
    );
  });
});

describe('Ovopark mock (the gateway’s behaviour in front of Prism, _mt routed)', () => {
  // The mock verifies _sig with its secret and _timestamp against its clock: every form here is
  // signed with the mock's credentials and a fresh timestamp (signed() below).
  const system = {
    _aid: MOCK_CREDENTIALS.aid,
    _akey: MOCK_CREDENTIALS.akey,
    _sm: 'md5',
    _requestMode: 'post',
    _version: 'v1',
    _timestamp: '20240101120000',
    _sig: '3F2504E04F8911D39A0C0305E82C3301',
  } as const;
  /** `body` with a fresh `_timestamp` and its `_sig` (made with @orderkit/ovopark's signer). */
  const signed = <T extends Record<string, unknown>>(body: T): T => {
    const { _sig: _drop, ...rest } = { ...body, _timestamp: formatTimestamp(Date.now(), 'Asia/Shanghai') };
    const wire = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, String(v)]));
    return { ...rest, _sig: sign(wire, MOCK_CREDENTIALS.secret, 'md5') } as unknown as T;
  };
  const form = { 'Content-Type': 'application/x-www-form-urlencoded' };
  const client = () => {
    const rec = recordingFetch();
    return { rec, api: createClient<OvoparkPaths>({ baseUrl: mocks.urls.ovopark, fetch: rec.fetch, headers: form }) };
  };
  const searchOp = { pathKey: '/cloud.api#open.ovopark.pos.searchPos', method: 'post' };
  const search = {
    ...system,
    _mt: 'open.ovopark.pos.searchPos',
    depId: 1001,
    startTime: '2024-01-01 11:00:00',
    endTime: '2024-01-01 12:00:00',
    pageSize: 100,
  } as const;
  let token = '';

  it('mobileLogin: POST /cloud.api with _mt=…mobileLogin gets the login answer', async () => {
    const { rec, api } = client();
    const { data } = await api.POST('/cloud.api#open.shopweb.security.mobileLogin', {
      body: signed({
        ...system,
        _mt: 'open.shopweb.security.mobileLogin' as const,
        userName: MOCK_CREDENTIALS.account,
        password: MOCK_CREDENTIALS.password,
      }),
    });
    token = data?.data?.token ?? '';
    expect(token).toMatch(/^MOCK_OVOPARK_TOKEN_[0-9a-f]{24}$/);
    const ex = last(rec.exchanges);
    expect(new URL(ex.request.url).pathname).toBe('/cloud.api');
    expect(
      checkers.ovopark.check({ pathKey: '/cloud.api#open.shopweb.security.mobileLogin', method: 'post' }, ex),
    ).toEqual([]);
  });

  it('searchPos: POST /cloud.api with _mt=…searchPos and the authenticator header gets the tickets', async () => {
    const { rec, api } = client();
    const { data } = await api.POST('/cloud.api#open.ovopark.pos.searchPos', {
      body: signed(search),
      headers: { authenticator: token },
    });
    expect(data?.stat.code).toBe(0);
    expect(data?.data?.content).toHaveLength(data?.data?.total ?? -1);
    expect(checkers.ovopark.check(searchOp, last(rec.exchanges))).toEqual([]);
  });

  it('answers pageSize over 100, a wrong _sm enum and a missing _timestamp in band (208015, 5, 14), as the gateway', async () => {
    const { rec, api } = client();
    const { _timestamp: _omit, ...noTimestamp } = signed(search);
    for (const [body, code] of [
      [signed({ ...search, pageSize: 101 }), 208015],
      [{ ...signed(search), _sm: 'sha256' }, 5],
      [noTimestamp, 14],
    ] as const) {
      // Each body breaks the contract on purpose, so it cannot have the generated type.
      const { response, data } = await api.POST('/cloud.api#open.ovopark.pos.searchPos', {
        body: body as never,
        headers: { authenticator: token },
      });
      expect(response.status).toBe(200);
      expect(data?.stat.code).toBe(code);
      expect(checkers.ovopark.check(searchOp, last(rec.exchanges)).length).toBeGreaterThan(0);
    }
  });

  it('catches an undeclared form field that Prism drops before validating', async () => {
    const { rec, api } = client();
    // orgid is not a searchPos parameter (a spread escapes TypeScript's excess-property check).
    const body = signed({ ...search, orgid: '1' });
    const { response } = await api.POST('/cloud.api#open.ovopark.pos.searchPos', {
      body,
      headers: { authenticator: token },
    });
    expect(response.status).toBe(200);
    expect(checkers.ovopark.check(searchOp, last(rec.exchanges))).toContain(
      'request: body (root) has unknown property "orgid"',
    );
  });

  it('answers an unregistered _mt the way the gateway does (code 9)', async () => {
    const res = await fetch(`${mocks.urls.ovopark}/cloud.api`, {
      method: 'POST',
      headers: form,
      body: new URLSearchParams({ ...system, _mt: 'open.nope' }),
    });
    expect((await res.json()).stat.code).toBe(9); // a number, as the gateway sends it
  });
});

describe('the provider packages against the mocks, end to end', () => {
  it('WeChat client: one token fetch, then getOrder, every exchange spec-valid', async () => {
    const { createWeChatClient } = await import('@orderkit/wechat');
    const rec = recordingFetch();
    const client = createWeChatClient({
      ...WECHAT_CREDENTIALS,
      baseUrl: mocks.urls.wechat,
      fetch: (r) => rec.fetch(r),
    });
    // The mock's fixtures that cost 99.00 (paid, to be paid, refunding); other ids get generated orders.
    const ids = ['DD2981741311549200000', 'DD2981741311549200001', 'DD2981741311549200003'];
    const orders = await Promise.all(ids.map((id) => client.getOrder(id)));
    expect(orders.map((o) => o.orderPrice)).toEqual(['9900', '9900', '9900']);
    expect(rec.exchanges.map((e) => new URL(e.request.url).pathname)).toEqual([
      '/cgi-bin/token',
      ...Array(3).fill('/wxa/charge/service-provider/order/get'),
    ]);
    for (const ex of rec.exchanges) {
      const pathKey = new URL(ex.request.url).pathname;
      expect(checkers.wechat.check({ pathKey, method: 'get' }, ex)).toEqual([]);
    }
  });

  it('Ovopark client: mobileLogin, then a two-hour range paged as two windows, every exchange spec-valid', async () => {
    const { createOvoparkClient } = await import('@orderkit/ovopark');
    const rec = recordingFetch();
    const client = createOvoparkClient({
      akey: MOCK_CREDENTIALS.akey,
      secret: MOCK_CREDENTIALS.secret,
      account: MOCK_CREDENTIALS.account,
      password: MOCK_CREDENTIALS.password,
      baseUrl: mocks.urls.ovopark,
      fetch: rec.fetch as never,
    });
    const tickets = await client.searchPosRange({
      depId: 1001,
      from: '2024-01-01 10:00:00',
      to: '2024-01-01 12:00:00',
    });
    // The mock's seeded tickets of store 1001 (seed 1, the default), each once, all inside the range.
    expect(tickets).toHaveLength(43);
    expect(tickets[0]?.ticketId).toBe('T202401011001001');
    expect(new Set(tickets.map((t) => t.ticketId)).size).toBe(43);
    for (const t of tickets) {
      expect(t.depId).toBe(1001);
      expect(t.ticketTime! >= '2024-01-01 10:00:00' && t.ticketTime! <= '2024-01-01 12:00:00').toBe(true);
    }
    const methods = rec.exchanges.map((e) => new URLSearchParams(e.request.body).get('_mt'));
    expect(methods).toEqual([
      'open.shopweb.security.mobileLogin',
      'open.ovopark.pos.searchPos',
      'open.ovopark.pos.searchPos',
    ]);
    for (const ex of rec.exchanges) {
      const mt = new URLSearchParams(ex.request.body).get('_mt');
      expect(checkers.ovopark.check({ pathKey: `/cloud.api#${mt}`, method: 'post' }, ex)).toEqual([]);
    }
  });

  // One provider per test: each run starts a Prism proxy process of its own (about 10 s on a lightly
  // loaded machine), and the two in one test's 60 s did not fit in a loaded full run.
  it('pnpm contract wechat: the client through Prism’s validating proxy reports no violation', async () => {
    const { runWeChatLive } = await import('../src/providers/wechat.js');
    const wechat = await runWeChatLive({
      target: mocks.urls.wechat!,
      ...WECHAT_CREDENTIALS,
      orderId: 'DD1',
    });
    expect(wechat.map((r) => [r.operation, r.pass])).toEqual([
      ['getAccessToken', true],
      ['getOrder', true],
    ]);
  }, 60_000);

  it('pnpm contract ovopark: the client through Prism’s validating proxy reports no violation', async () => {
    const { runOvoparkLive } = await import('../src/providers/ovopark.js');
    const ovopark = await runOvoparkLive({
      target: mocks.urls.ovopark!,
      depId: 1001,
      from: '2024-01-01 11:00:00',
      to: '2024-01-01 12:00:00',
    });
    expect(ovopark.map((r) => [r.operation, r.pass])).toEqual([
      ['mobileLogin', true],
      ['searchPos', true],
    ]);
  }, 60_000);
});
