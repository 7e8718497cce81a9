import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  InMemoryTokenStore,
  tokenScope,
  WeChatAuthError,
  WeChatTokenError,
  type CachedToken,
  type TokenScope,
  type TokenStore,
} from '../src/index.js';
import { APP_ID, PAID, startFake, type FakeWeChat } from './support/fake-wechat.js';
import { clientOf, rejection } from './support/clients.js';

let fake: FakeWeChat;
beforeEach(async () => {
  fake = await startFake();
});
afterEach(() => fake.close());

const TOKEN = '/cgi-bin/token';

describe('token management', () => {
  it('refreshes the token once under 50 concurrent calls with no token, and all 50 succeed', async () => {
    // A slow token endpoint keeps every call waiting on the same refresh.
    fake.onToken = (_r, f) => ({ delayMs: 50, body: { access_token: f.issue(), expires_in: 7200 } });
    // What is counted here is token requests, not speed: on a loaded CI machine 50 calls can take
    // longer than the 2 s the other tests allow.
    const client = clientOf(fake, { timeoutMs: 20_000 });
    const orders = await Promise.all(Array.from({ length: 50 }, (_, i) => client.getOrder(`DD${i}`)));
    expect(orders).toHaveLength(50);
    expect(orders.every((o) => o.orderId === PAID.order.orderId)).toBe(true);
    expect(fake.count(TOKEN)).toBe(1);
    expect(fake.orderRequests).toBe(50);
  });

  it('refreshes once when the token expires while calls are in flight, and every call succeeds', async () => {
    const client = clientOf(fake);
    await client.getOrder('warm-up');
    const [oldToken] = [...fake.valid];
    const inFlight = 20;
    let release!: () => void;
    const allArrived = new Promise<void>((resolve) => (release = resolve));
    let arrivedWithOld = 0;
    fake.onOrder = async (request, f) => {
      const token = request.query.get('access_token');
      if (token === oldToken) {
        // Hold every call until all are in flight, then expire the token under them.
        if (++arrivedWithOld === inFlight) release();
        await allArrived;
        return { body: { errcode: 42001, errmsg: 'access_token expired' } };
      }
      return f.valid.has(token ?? '') ? { body: PAID } : { body: { errcode: 40001, errmsg: 'invalid credential' } };
    };
    const orders = await Promise.all(Array.from({ length: inFlight }, (_, i) => client.getOrder(`DD${i}`)));
    expect(orders.every((o) => o.orderId === PAID.order.orderId)).toBe(true);
    expect(fake.count(TOKEN)).toBe(2);
    expect(fake.orderRequests).toBe(1 + 2 * inFlight);
  });

  it('gives up with WeChatAuthError after one refresh and one retry when 40001 comes twice', async () => {
    fake.onOrder = () => ({ body: { errcode: 40001, errmsg: 'invalid credential' } });
    const error = await rejection(clientOf(fake).getOrder('DD1'));
    expect(error).toBeInstanceOf(WeChatAuthError);
    expect(error).toMatchObject({ errcode: 40001, errmsg: 'invalid credential', operation: 'getOrder' });
    expect((error as Error).message).toMatch(/share one TokenStore|stable_token/);
    expect(fake.count(TOKEN)).toBe(2);
    expect(fake.orderRequests).toBe(2);
    // The refresh passed the rejected token on: the second getOrder used the new one.
    const used = fake.requests.filter((r) => r.path !== TOKEN).map((r) => r.query.get('access_token'));
    expect(new Set(used).size).toBe(2);
  });

  it('keeps the token until expires_in minus the margin, then refreshes it', async () => {
    let now = 1_700_000_000_000;
    fake.expiresIn = 7200;
    const client = clientOf(fake, { now: () => now, tokenMarginSeconds: 300 });
    await client.getOrder('DD1');
    now += (7200 - 300) * 1000 - 1;
    await client.getOrder('DD2');
    expect(fake.count(TOKEN)).toBe(1);
    now += 1;
    await client.getOrder('DD3');
    expect(fake.count(TOKEN)).toBe(2);
  });

  it('uses a default margin of 300 s', async () => {
    let now = 0;
    const client = clientOf(fake, { now: () => now });
    await client.getOrder('DD1');
    now = 6_899_999;
    await client.getOrder('DD2');
    now = 6_900_000;
    await client.getOrder('DD3');
    expect(fake.count(TOKEN)).toBe(2);
  });

  it('shares one token between two clients of one store: one token request between them', async () => {
    const tokenStore = new InMemoryTokenStore();
    fake.onToken = (_r, f) => ({ delayMs: 30, body: { access_token: f.issue(), expires_in: 7200 } });
    const a = clientOf(fake, { tokenStore });
    const b = clientOf(fake, { tokenStore });
    await Promise.all([a.getOrder('A1'), b.getOrder('B1'), a.getOrder('A2'), b.getOrder('B2')]);
    await b.getOrder('B3');
    expect(fake.count(TOKEN)).toBe(1);
  });

  it('lets only one of two clients of one store refresh a token WeChat refused', async () => {
    const tokenStore = new InMemoryTokenStore();
    const a = clientOf(fake, { tokenStore });
    const b = clientOf(fake, { tokenStore });
    await Promise.all([a.getOrder('A1'), b.getOrder('B1')]);
    fake.issue(); // someone else's refresh: the shared token is now refused
    await Promise.all([a.getOrder('A2'), b.getOrder('B2')]);
    expect(fake.count(TOKEN)).toBe(1 + 1);
  });

  it('works with any TokenStore, e.g. one backed by another process', async () => {
    const calls: string[] = [];
    const scopes: TokenScope[] = [];
    const inner = new InMemoryTokenStore();
    const store: TokenStore = {
      get: (scope) => {
        calls.push('get');
        scopes.push(scope);
        return inner.get(scope);
      },
      refresh: (scope, rejected, fetchToken) => {
        calls.push(`refresh ${rejected ?? '-'}`);
        scopes.push(scope);
        return inner.refresh(scope, rejected, fetchToken);
      },
    };
    await clientOf(fake, { tokenStore: store }).getOrder('DD1');
    expect(calls).toEqual(['get', 'refresh -']);
    // The token's scope: the service that issues it (base URL), the AppID and the token call.
    for (const scope of scopes)
      expect(scope).toEqual({ provider: 'wechat', baseUrl: fake.url, accountId: APP_ID, tokenMode: 'token' });
  });

  it('forces a new stable token when WeChat refuses the current one', async () => {
    let current = fake.issue();
    fake.onStableToken = (request, f) => {
      if (JSON.parse(request.body).force_refresh) current = f.issue();
      return { body: { access_token: current, expires_in: 7200 } };
    };
    const client = clientOf(fake, { tokenMode: 'stable_token' });
    await client.getOrder('DD1');
    fake.valid.clear(); // WeChat stops accepting the current stable token
    await client.getOrder('DD2');
    const bodies = fake.requests
      .filter((r) => r.path === '/cgi-bin/stable_token')
      .map((r) => JSON.parse(r.body).force_refresh);
    expect(bodies).toEqual([false, false, true]);
  });

  it('raises WeChatTokenError when the token endpoint refuses, and tries again on the next call', async () => {
    fake.onToken = () => ({ body: { errcode: 40013, errmsg: 'invalid appid' } });
    const client = clientOf(fake);
    const error = await rejection(client.getOrder('DD1'));
    expect(error).toBeInstanceOf(WeChatTokenError);
    expect(error).toMatchObject({
      errcode: 40013,
      errmsg: 'invalid appid',
      operation: 'getAccessToken',
      meaning: 'Invalid AppID.',
    });
    expect((error as Error).message).toMatch(/Check appId and appSecret/);
    fake.onToken = (_r, f) => ({ body: { access_token: f.issue(), expires_in: 7200 } });
    await expect(client.getOrder('DD1')).resolves.toEqual(PAID.order);
  });

  it('retries the token endpoint while it is busy (-1)', async () => {
    let busy = 2;
    fake.onToken = (_r, f) =>
      busy-- > 0
        ? { body: { errcode: -1, errmsg: 'system error' } }
        : { body: { access_token: f.issue(), expires_in: 7200 } };
    await expect(clientOf(fake).getOrder('DD1')).resolves.toEqual(PAID.order);
    expect(fake.count(TOKEN)).toBe(3);
  });
});

describe('InMemoryTokenStore', () => {
  const token = (accessToken: string): CachedToken => ({ accessToken, expiresAt: 1 });
  const k = tokenScope('https://api.weixin.qq.com', 'wx0123456789abcdef', 'token');

  it('runs one refresh at a time per key and skips the fetch when the rejected token was already replaced', async () => {
    const store = new InMemoryTokenStore();
    let fetches = 0;
    const fetchToken = async () => {
      await new Promise((r) => setTimeout(r, 10));
      return token(`T${++fetches}`);
    };
    const results = await Promise.all([
      store.refresh(k, undefined, fetchToken),
      store.refresh(k, undefined, fetchToken),
    ]);
    expect(results.map((t) => t.accessToken)).toEqual(['T1', 'T1']);
    const again = await Promise.all([store.refresh(k, 'T1', fetchToken), store.refresh(k, 'T1', fetchToken)]);
    expect(again.map((t) => t.accessToken)).toEqual(['T2', 'T2']);
    expect(fetches).toBe(2);
    expect(await store.get(k)).toEqual(token('T2'));
  });

  it('keeps the stored token when a fetch fails, and lets the next caller try', async () => {
    const store = new InMemoryTokenStore();
    await store.refresh(k, undefined, async () => token('T1'));
    await expect(store.refresh(k, 'T1', async () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await store.get(k)).toEqual(token('T1'));
    expect((await store.refresh(k, 'T1', async () => token('T2'))).accessToken).toBe('T2');
  });
});

describe('corrections from the live service', () => {
  it('treats 40014 (invalid access_token) as a refused token: one refresh, one repeat, then the order', async () => {
    const client = clientOf(fake);
    await client.getOrder('warm-up');
    const [refused] = [...fake.valid];
    fake.onOrder = (request, f) => {
      const token = request.query.get('access_token') ?? '';
      if (token === refused) return { body: { errcode: 40014, errmsg: 'invalid access_token rid: 1-2-3' } };
      return f.valid.has(token) ? { body: PAID } : { body: { errcode: 40001, errmsg: 'invalid credential' } };
    };
    await expect(client.getOrder('DD1')).resolves.toEqual(PAID.order);
    expect(fake.count(TOKEN)).toBe(2);
    expect(fake.orderRequests).toBe(1 + 2);
  });

  it('gives up with WeChatAuthError when 40014 comes again after the refresh', async () => {
    fake.onOrder = () => ({ body: { errcode: 40014, errmsg: 'invalid access_token' } });
    const error = await rejection(clientOf(fake).getOrder('DD1'));
    expect(error).toBeInstanceOf(WeChatAuthError);
    expect(error).toMatchObject({ errcode: 40014, known: true });
    expect(fake.count(TOKEN)).toBe(2);
    expect(fake.orderRequests).toBe(2);
  });

  it('accepts and uses a 600-character token (WeChat: reserve at least 512)', async () => {
    fake.tokenLength = 600;
    await expect(clientOf(fake).getOrder('DD1')).resolves.toEqual(PAID.order);
    const used = fake.requests.find((r) => r.path !== TOKEN)?.query.get('access_token');
    expect(used).toHaveLength(600);
    expect(fake.valid.has(used!)).toBe(true);
  });

  it('reports an unknown errcode of the token call as WeChatTokenError with the code', async () => {
    fake.onToken = () => ({ body: { errcode: 99999, errmsg: 'made up' } });
    const error = await rejection(clientOf(fake).getOrder('DD1'));
    expect(error).toBeInstanceOf(WeChatTokenError);
    expect(error).toMatchObject({ errcode: 99999, known: false, meaning: undefined, operation: 'getAccessToken' });
    expect((error as Error).message).toContain('errcode 99999 is an unknown code');
  });

  it('names 40164 and 40243 of the token call', async () => {
    for (const errcode of [40164, 40243]) {
      fake.onToken = () => ({ body: { errcode, errmsg: 'x' } });
      const error = await rejection(clientOf(fake).getOrder('DD1'));
      expect(error).toBeInstanceOf(WeChatTokenError);
      expect(error).toMatchObject({ errcode, known: true });
    }
  });
});

describe('a token belongs to the service that issued it (base URL + AppID)', () => {
  let other: FakeWeChat;
  beforeEach(async () => {
    other = await startFake('OTHER_TOKEN');
  });
  afterEach(() => other.close());

  it("never sends one service's token to another, though both clients share a store and an AppID", async () => {
    const tokenStore = new InMemoryTokenStore();
    const mock = clientOf(fake, { tokenStore });
    const live = clientOf(other, { tokenStore });
    await mock.getOrder('M1');
    await live.getOrder('L1');
    await Promise.all([mock.getOrder('M2'), live.getOrder('L2')]);
    expect(fake.count(TOKEN)).toBe(1);
    expect(other.count(TOKEN)).toBe(1);
    const sent = (f: FakeWeChat) =>
      f.requests.filter((r) => r.path !== TOKEN).map((r) => r.query.get('access_token') ?? '');
    expect(sent(fake).every((t) => t.startsWith('ACCESS_TOKEN_'))).toBe(true);
    expect(sent(other).every((t) => t.startsWith('OTHER_TOKEN_'))).toBe(true);
  });

  it("does not let one service's refusal replace the other service's token", async () => {
    const tokenStore = new InMemoryTokenStore();
    const a = clientOf(fake, { tokenStore });
    const b = clientOf(other, { tokenStore });
    await Promise.all([a.getOrder('A1'), b.getOrder('B1')]);
    fake.issue(); // the first service's token is refused from now on
    await Promise.all([a.getOrder('A2'), b.getOrder('B2')]);
    expect(fake.count(TOKEN)).toBe(2);
    expect(other.count(TOKEN)).toBe(1);
  });

  it('shares one token between spellings of one base URL', async () => {
    const tokenStore = new InMemoryTokenStore();
    await clientOf(fake, { tokenStore }).getOrder('A1');
    await clientOf(fake, { tokenStore, baseUrl: `${fake.url.toUpperCase().replace('HTTP://', 'http://')}/` }).getOrder(
      'A2',
    );
    expect(fake.count(TOKEN)).toBe(1);
  });

  it('keeps stable tokens apart from /cgi-bin/token tokens', async () => {
    const tokenStore = new InMemoryTokenStore();
    await clientOf(fake, { tokenStore }).getOrder('A1');
    await clientOf(fake, { tokenStore, tokenMode: 'stable_token' }).getOrder('A2');
    expect(fake.count(TOKEN)).toBe(1);
    expect(fake.count('/cgi-bin/stable_token')).toBe(1);
  });

  it('refuses a baseUrl that is not an absolute http(s) URL, saying how to fix it', () => {
    expect(() => clientOf(fake, { baseUrl: 'api.weixin.qq.com' })).toThrow(
      /baseUrl is not an absolute URL; pass one like "https:\/\/api.weixin.qq.com"/,
    );
    expect(() => clientOf(fake, { baseUrl: 'ftp://api.weixin.qq.com' })).toThrow(TypeError);
  });
});

describe('tokenScope', () => {
  it('normalises the base URL and keeps AppID and token mode', () => {
    expect(tokenScope('HTTPS://API.weixin.qq.com:443/', 'wx1', 'token')).toEqual({
      provider: 'wechat',
      baseUrl: 'https://api.weixin.qq.com',
      accountId: 'wx1',
      tokenMode: 'token',
    });
    expect(tokenScope('http://127.0.0.1:4011/prefix//?q=1#f', 'wx1', 'stable_token').baseUrl).toBe(
      'http://127.0.0.1:4011/prefix',
    );
    expect(tokenScope('https://user:pw@api.weixin.qq.com', 'wx1', 'token').baseUrl).toBe('https://api.weixin.qq.com');
  });

  it('gives different services different scopes', () => {
    expect(tokenScope('http://127.0.0.1:4011', 'wx1', 'token')).not.toEqual(
      tokenScope('https://api.weixin.qq.com', 'wx1', 'token'),
    );
  });
});
