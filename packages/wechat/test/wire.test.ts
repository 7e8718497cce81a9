import { afterEach, beforeEach, describe, expect, expectTypeOf, it } from 'vitest';
import type { SchemaOrder } from '../src/index.js';
import { APP_ID, APP_SECRET, PAID, startFake, type FakeWeChat } from './support/fake-wechat.js';
import { clientOf } from './support/clients.js';

let fake: FakeWeChat;
beforeEach(async () => {
  fake = await startFake();
});
afterEach(() => fake.close());

describe('the wire', () => {
  it('asks GET /wxa/charge/service-provider/order/get with access_token and orderId in the query and no body', async () => {
    const order = await clientOf(fake).getOrder('DD2981741311549200000');
    expectTypeOf(order).toEqualTypeOf<SchemaOrder>();
    expect(order).toEqual(PAID.order);
    const sent = fake.requests.at(-1)!;
    expect(sent.method).toBe('GET');
    expect(sent.path).toBe('/wxa/charge/service-provider/order/get');
    expect([...sent.query.keys()].sort()).toEqual(['access_token', 'orderId']);
    expect(sent.query.get('orderId')).toBe('DD2981741311549200000');
    expect(fake.valid.has(sent.query.get('access_token')!)).toBe(true);
    expect(sent.body).toBe('');
    expect(sent.contentType).toBeUndefined();
  });

  it('gets the token with GET /cgi-bin/token?grant_type=client_credential&appid=…&secret=…, without an access_token', async () => {
    await clientOf(fake).getOrder('DD1');
    const token = fake.requests[0]!;
    expect(token.method).toBe('GET');
    expect(token.path).toBe('/cgi-bin/token');
    expect(Object.fromEntries(token.query)).toEqual({
      grant_type: 'client_credential',
      appid: APP_ID,
      secret: APP_SECRET,
    });
    expect(token.body).toBe('');
  });

  it("posts exactly {grant_type, appid, secret, force_refresh} as JSON to /cgi-bin/stable_token in 'stable_token' mode", async () => {
    await clientOf(fake, { tokenMode: 'stable_token' }).getOrder('DD1');
    const token = fake.requests[0]!;
    expect(token.method).toBe('POST');
    expect(token.path).toBe('/cgi-bin/stable_token');
    expect([...token.query.keys()]).toEqual([]);
    expect(token.contentType).toBe('application/json');
    expect(token.body).toBe(
      JSON.stringify({ grant_type: 'client_credential', appid: APP_ID, secret: APP_SECRET, force_refresh: false }),
    );
    expect(fake.count('/cgi-bin/token')).toBe(0);
  });

  it('reports what the last call sent with the access_token masked', async () => {
    const seen: unknown[] = [];
    const client = clientOf(fake, { debug: (sent) => seen.push(sent) });
    await client.getOrder('DD 1/2');
    expect(client.lastRequest()).toEqual({
      method: 'GET',
      url: `${fake.url}/wxa/charge/service-provider/order/get?orderId=DD%201%2F2&access_token=***`,
    });
    expect(seen).toEqual([
      { method: 'GET', url: `${fake.url}/cgi-bin/token?grant_type=client_credential&appid=${APP_ID}&secret=***` },
      client.lastRequest(),
    ]);
  });

  it('masks the secret in the stable_token body it reports', async () => {
    const seen: { body?: string }[] = [];
    await clientOf(fake, { tokenMode: 'stable_token', debug: (sent) => seen.push(sent) }).getOrder('DD1');
    expect(seen[0]!.body).toBe(
      `{"grant_type":"client_credential","appid":"${APP_ID}","secret":"***","force_refresh":false}`,
    );
  });

  it('parses JSON that WeChat labels text/plain', async () => {
    fake.onOrder = () => ({ contentType: 'text/plain', body: JSON.stringify(PAID) });
    fake.onToken = (_r, f) => ({ contentType: 'text/plain', body: { access_token: f.issue(), expires_in: 7200 } });
    await expect(clientOf(fake).getOrder('DD1')).resolves.toEqual(PAID.order);
  });

  it("sends through an injected fetch, handing it the call's signal", async () => {
    const seen: { url: string; signal: AbortSignal }[] = [];
    const client = clientOf(fake, {
      fetch: (request) => {
        seen.push({ url: request.url, signal: request.signal });
        return fetch(request);
      },
    });
    await client.getOrder('DD1');
    expect(seen.map((s) => new URL(s.url).pathname)).toEqual([
      '/cgi-bin/token',
      '/wxa/charge/service-provider/order/get',
    ]);
    expect(seen.every((s) => s.signal instanceof AbortSignal)).toBe(true);
  });

  it('types getOrder from the spec', () => {
    const client = clientOf(fake);
    // @ts-expect-error the orderId is a string
    void client.getOrder(123).catch(() => undefined);
    expectTypeOf(client.getOrder).returns.resolves.toEqualTypeOf<SchemaOrder>();
  });
});
