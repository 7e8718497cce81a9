import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  WeChatAbortError,
  WeChatApiError,
  WeChatBusyError,
  WeChatConnectionError,
  WeChatError,
  WeChatHttpError,
  WeChatProtocolError,
  WeChatTimeoutError,
} from '../src/index.js';
import { PAID, startFake, type FakeWeChat } from './support/fake-wechat.js';
import { clientOf, rejection } from './support/clients.js';

let fake: FakeWeChat;
beforeEach(async () => {
  fake = await startFake();
});
afterEach(() => fake.close());

const BUSY = { body: { errcode: -1, errmsg: 'system error' } };

describe('errcode -1 (system busy)', () => {
  it('retries a bounded number of times, then raises WeChatBusyError', async () => {
    fake.onOrder = () => BUSY;
    const error = await rejection(
      clientOf(fake, { retry: { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 2 } }).getOrder('DD1'),
    );
    expect(error).toBeInstanceOf(WeChatBusyError);
    expect(error).toBeInstanceOf(WeChatApiError);
    expect(error).toMatchObject({
      errcode: -1,
      errmsg: 'system error',
      attempts: 4,
      meaning: 'System busy; retry later.',
    });
    expect(fake.orderRequests).toBe(4);
  });

  it('makes 3 attempts by default', async () => {
    fake.onOrder = () => BUSY;
    await rejection(clientOf(fake, { retry: { baseDelayMs: 1, maxDelayMs: 2 } }).getOrder('DD1'));
    expect(fake.orderRequests).toBe(3);
  });

  it('backs off between attempts', async () => {
    fake.onOrder = () => BUSY;
    const started = performance.now();
    await rejection(
      clientOf(fake, { retry: { maxAttempts: 3, baseDelayMs: 40, maxDelayMs: 40, random: () => 1 } }).getOrder('DD1'),
    );
    expect(performance.now() - started).toBeGreaterThanOrEqual(75);
  });

  it('returns the order when a retry succeeds', async () => {
    let busy = 1;
    fake.onOrder = (request, f) =>
      busy-- > 0 ? BUSY : f.valid.has(request.query.get('access_token')!) ? { body: PAID } : BUSY;
    await expect(clientOf(fake).getOrder('DD1')).resolves.toEqual(PAID.order);
    expect(fake.orderRequests).toBe(2);
  });

  it('does not retry other errcodes', async () => {
    fake.onOrder = () => ({ body: { errcode: 10120002, errmsg: 'parameter error' } });
    const error = await rejection(clientOf(fake).getOrder('DD1'));
    expect(error).toBeInstanceOf(WeChatApiError);
    expect(error).toMatchObject({
      errcode: 10120002,
      errmsg: 'parameter error',
      meaning: 'Parameter error — check the parameters.',
    });
    expect((error as Error).message).toContain('Check the orderId');
    expect(fake.orderRequests).toBe(1);
  });

  it('reports an errcode the spec does not document with its errmsg', async () => {
    fake.onOrder = () => ({ body: { errcode: 99999, errmsg: 'something new' } });
    const error = await rejection(clientOf(fake).getOrder('DD1'));
    expect(error).toBeInstanceOf(WeChatApiError);
    expect(error).toMatchObject({ errcode: 99999, errmsg: 'something new', meaning: undefined });
  });
});

describe('errcode is an open set', () => {
  it('turns an unknown errcode (99999) into WeChatApiError carrying the code, with an "unknown code" hint and no refresh', async () => {
    fake.onOrder = () => ({ body: { errcode: 99999, errmsg: 'made up rid: 1-2-3' } });
    const error = await rejection(clientOf(fake).getOrder('DD1'));
    expect(error).toBeInstanceOf(WeChatApiError);
    expect(error).not.toBeInstanceOf(WeChatProtocolError);
    expect(error).toMatchObject({
      errcode: 99999,
      errmsg: 'made up rid: 1-2-3',
      known: false,
      meaning: undefined,
      operation: 'getOrder',
    });
    expect((error as Error).message).toContain('errcode 99999 is an unknown code');
    expect(fake.tokenRequests).toBe(1);
    expect(fake.orderRequests).toBe(1);
  });

  it('reports 45009 (daily quota) as a known failure, without retry or refresh', async () => {
    fake.onOrder = () => ({ body: { errcode: 45009, errmsg: 'reach max api daily quota limit rid: 1-2-3' } });
    const error = await rejection(clientOf(fake).getOrder('DD1'));
    expect(error).toBeInstanceOf(WeChatApiError);
    expect(error).toMatchObject({ errcode: 45009, known: true, meaning: "The API's daily call quota is used up." });
    expect((error as Error).message).toMatch(/retrying today will not help/);
    expect(fake.tokenRequests).toBe(1);
    expect(fake.orderRequests).toBe(1);
  });

  it('names every common code the spec knows', async () => {
    for (const errcode of [41001, 45011, 48001, 61004]) {
      fake.onOrder = () => ({ body: { errcode, errmsg: 'x' } });
      const error = await rejection(clientOf(fake).getOrder('DD1'));
      expect(error).toMatchObject({ errcode, known: true });
      expect((error as WeChatApiError).meaning).toBeTruthy();
    }
  });
});

describe('bodies that are not what the spec promises', () => {
  it('raises WeChatProtocolError on an empty text/html body, with the content type', async () => {
    fake.onOrder = () => ({ contentType: 'text/html; charset=gbk', body: '' });
    const error = await rejection(clientOf(fake).getOrder('DD1'));
    expect(error).toBeInstanceOf(WeChatProtocolError);
    expect(error).toMatchObject({ contentType: 'text/html; charset=gbk', bodyExcerpt: '', operation: 'getOrder' });
    expect((error as Error).message).toMatch(/was empty.*text\/html; charset=gbk/);
  });

  it('raises WeChatProtocolError on truncated JSON, with an excerpt of the body', async () => {
    fake.onOrder = () => ({ contentType: 'text/plain', body: JSON.stringify(PAID).slice(0, 40) });
    const error = await rejection(clientOf(fake).getOrder('DD1'));
    expect(error).toBeInstanceOf(WeChatProtocolError);
    expect(error).toMatchObject({ contentType: 'text/plain', bodyExcerpt: JSON.stringify(PAID).slice(0, 40) });
    expect((error as Error).message).toMatch(/is not JSON/);
  });

  it('cuts long bodies short in the excerpt', async () => {
    fake.onOrder = () => ({ contentType: 'text/html', body: `<html>${'x'.repeat(5000)}` });
    const error = (await rejection(clientOf(fake).getOrder('DD1'))) as WeChatProtocolError;
    expect(error.bodyExcerpt.length).toBeLessThan(300);
  });

  it('raises WeChatProtocolError listing the issues when a success body breaks the schema', async () => {
    fake.onOrder = () => ({ body: { ...PAID, order: { ...PAID.order, status: 4, orderPrice: 9900 } } });
    const error = (await rejection(clientOf(fake).getOrder('DD1'))) as WeChatProtocolError;
    expect(error).toBeInstanceOf(WeChatProtocolError);
    expect(error.issues.map((i) => i.path).sort()).toEqual(['/order/orderPrice', '/order/status']);
    expect(error.message).toContain('/order/status must be one of [1,2,3,5,6,7,9]');
    expect(error.message).toContain('/order/orderPrice must be string');
  });

  it('raises WeChatProtocolError when a token answer breaks the schema', async () => {
    fake.onToken = () => ({ body: { access_token: '', expires_in: 7200 } });
    const error = await rejection(clientOf(fake).getOrder('DD1'));
    expect(error).toBeInstanceOf(WeChatProtocolError);
    expect(error).toMatchObject({ operation: 'getAccessToken' });
  });

  it('raises WeChatProtocolError on JSON that is not an object', async () => {
    fake.onOrder = () => ({ body: '[1,2]' });
    expect(await rejection(clientOf(fake).getOrder('DD1'))).toBeInstanceOf(WeChatProtocolError);
  });

  it('raises WeChatHttpError on a non-2xx status', async () => {
    fake.onOrder = () => ({ status: 502, contentType: 'text/html', body: '<h1>Bad Gateway</h1>' });
    const error = await rejection(clientOf(fake).getOrder('DD1'));
    expect(error).toBeInstanceOf(WeChatHttpError);
    expect(error).toMatchObject({ status: 502, bodyExcerpt: '<h1>Bad Gateway</h1>' });
  });
});

describe('timeouts, aborts and connections', () => {
  it('raises WeChatTimeoutError within timeoutMs plus a little', async () => {
    const client = clientOf(fake, { timeoutMs: 200 });
    await client.getOrder('warm-up');
    fake.onOrder = () => ({ hang: true, body: '' });
    const started = performance.now();
    const error = await rejection(client.getOrder('DD1'));
    const elapsed = performance.now() - started;
    expect(error).toBeInstanceOf(WeChatTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 200, operation: 'getOrder' });
    expect(elapsed).toBeGreaterThanOrEqual(190);
    expect(elapsed).toBeLessThan(200 + 150);
  });

  it('counts the token fetch against the same budget', async () => {
    fake.onToken = () => ({ hang: true, body: '' });
    const started = performance.now();
    const error = await rejection(clientOf(fake, { timeoutMs: 150 }).getOrder('DD1'));
    expect(error).toBeInstanceOf(WeChatTimeoutError);
    expect(performance.now() - started).toBeLessThan(150 + 150);
  });

  it('takes a per-call timeoutMs', async () => {
    const client = clientOf(fake, { timeoutMs: 5_000 });
    await client.getOrder('warm-up');
    fake.onOrder = () => ({ hang: true, body: '' });
    expect(await rejection(client.getOrder('DD1', { timeoutMs: 50 }))).toMatchObject({
      name: 'WeChatTimeoutError',
      timeoutMs: 50,
    });
  });

  it("honours the caller's AbortSignal", async () => {
    const client = clientOf(fake);
    await client.getOrder('warm-up');
    fake.onOrder = () => ({ hang: true, body: '' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const started = performance.now();
    const error = await rejection(client.getOrder('DD1', { signal: controller.signal }));
    expect(error).toBeInstanceOf(WeChatAbortError);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('does not send anything for an already aborted signal', async () => {
    const client = clientOf(fake);
    await client.getOrder('warm-up');
    const before = fake.requests.length;
    expect(await rejection(client.getOrder('DD1', { signal: AbortSignal.abort() }))).toBeInstanceOf(WeChatAbortError);
    expect(fake.requests.length).toBe(before);
  });

  it("stops a retry's backoff when the caller aborts", async () => {
    fake.onOrder = () => BUSY;
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const client = clientOf(fake, {
      retry: { maxAttempts: 5, baseDelayMs: 5_000, maxDelayMs: 5_000, random: () => 1 },
    });
    expect(await rejection(client.getOrder('DD1', { signal: controller.signal }))).toBeInstanceOf(WeChatAbortError);
  });

  it('lets a caller give up on a shared token fetch without failing the others', async () => {
    fake.onToken = (_r, f) => ({ delayMs: 80, body: { access_token: f.issue(), expires_in: 7200 } });
    const client = clientOf(fake);
    const controller = new AbortController();
    const quitter = rejection(client.getOrder('Q', { signal: controller.signal }));
    const stayer = client.getOrder('S');
    setTimeout(() => controller.abort(), 20);
    expect(await quitter).toBeInstanceOf(WeChatAbortError);
    await expect(stayer).resolves.toEqual(PAID.order);
    expect(fake.tokenRequests).toBe(1);
  });

  it('raises WeChatConnectionError when nothing listens', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    const error = await rejection(clientOf(fake, { baseUrl: `http://127.0.0.1:${port}` }).getOrder('DD1'));
    expect(error).toBeInstanceOf(WeChatConnectionError);
    expect(error).toBeInstanceOf(WeChatError);
    expect(error).toMatchObject({ code: 'ECONNREFUSED', operation: 'getAccessToken' });
    expect((error as Error).message).toMatch(/Check baseUrl/);
  });
});
