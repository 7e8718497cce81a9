import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { codes } from '../src/generated/codes.js';
import {
  WeChatApiError,
  WeChatBusyError,
  WeChatConnectionError,
  WeChatInputError,
  WeChatTimeoutError,
  type WeChatError,
} from '../src/index.js';
import { fakeClock } from './support/clock.js';
import { clientOf, rejection } from './support/clients.js';
import { PAID, startFake, type FakeWeChat } from './support/fake-wechat.js';

let fake: FakeWeChat;
beforeEach(async () => {
  fake = await startFake();
});
afterEach(() => {
  vi.useRealTimers();
  return fake.close();
});

const BUSY = { body: { errcode: -1, errmsg: 'system error' } };
/** The spec says: on these, fetch a new token and repeat the call (not: repeat it as it is). */
const TOKEN_REFUSALS = new Set([40001, 40014, 42001]);

describe('timeoutMs bounds the whole call, retries and backoff included', () => {
  // On the fake clock (support/clock.ts): a budget, an attempt limit and a backoff end at exact
  // readings, so these figures are exact on a loaded machine too; requests take no clock time.
  it('stops retrying a busy WeChat when the budget runs out, before the attempts do', async () => {
    fake.onOrder = () => BUSY;
    const clock = fakeClock(fake);
    const client = clientOf(fake, {
      timeoutMs: 250,
      retry: { maxAttempts: 10, baseDelayMs: 100, maxDelayMs: 100, random: () => 1 },
      fetch: clock.fetch,
    });
    await clock.settle(client.getOrder('warm-up').catch(() => undefined));
    fake.requests.length = 0;
    const started = Date.now();
    const error = await clock.settle(rejection(client.getOrder('DD1')));
    const elapsed = Date.now() - started;
    expect(error).toBeInstanceOf(WeChatTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 250, operation: 'getOrder', outcome: 'unknown' });
    // Ended by the budget, when it ran out: not before, nor at the end of the backoff under way.
    expect(elapsed).toBe(250);
    // Attempts at 0, 100 and 200 ms; the fourth would have been at 300.
    expect(fake.orderRequests).toBe(3);
  });

  it('retries an attempt that runs out of attemptTimeoutMs while the budget lasts', async () => {
    const clock = fakeClock(fake);
    const client = clientOf(fake, { timeoutMs: 5_000, attemptTimeoutMs: 250, fetch: clock.fetch });
    await clock.settle(client.getOrder('warm-up'));
    let hung = 0;
    fake.onOrder = () => (hung++ < 2 ? { hang: true, body: '' } : { body: PAID });
    await expect(clock.settle(client.getOrder('DD1'))).resolves.toEqual(PAID.order);
    expect(fake.orderRequests).toBe(1 + 3);
  });

  it('ends with the budget when attempts would outlast it', async () => {
    const clock = fakeClock(fake);
    const client = clientOf(fake, {
      timeoutMs: 500,
      attemptTimeoutMs: 200,
      retry: { maxAttempts: 10, baseDelayMs: 1, maxDelayMs: 1, random: () => 1 },
      fetch: clock.fetch,
    });
    await clock.settle(client.getOrder('warm-up'));
    fake.onOrder = () => ({ hang: true, body: '' });
    const started = Date.now();
    const error = await clock.settle(rejection(client.getOrder('DD1')));
    // The budget's limit, not the attempt's: the budget ended the call, when it ran out.
    expect(error).toMatchObject({ name: 'WeChatTimeoutError', timeoutMs: 500 });
    expect(Date.now() - started).toBe(500);
    // Attempts at 0, 201 and 402 ms (200 each, 1 ms apart): three fit in 500 ms, never the ten allowed.
    expect(fake.orderRequests - 1).toBe(3);
  });
});

describe('per-call overrides', () => {
  it('takes retry per call, and keeps the client policy for the other calls', async () => {
    fake.onOrder = () => BUSY;
    const client = clientOf(fake, { retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 } });
    const overridden = await rejection(client.getOrder('DD1', { retry: { maxAttempts: 4 } }));
    expect(overridden).toBeInstanceOf(WeChatBusyError);
    expect(overridden).toMatchObject({ attempts: 4 });
    expect(fake.orderRequests).toBe(4);
    expect(await rejection(client.getOrder('DD2'))).toMatchObject({ attempts: 2 });
    expect(fake.orderRequests).toBe(4 + 2);
  });

  it('takes a per-call timeoutMs that cuts the retries short', async () => {
    fake.onOrder = () => BUSY;
    const clock = fakeClock(fake);
    const client = clientOf(fake, {
      timeoutMs: 5_000,
      retry: { maxAttempts: 10, baseDelayMs: 80, maxDelayMs: 80, random: () => 1 },
      fetch: clock.fetch,
    });
    const started = Date.now();
    const error = await clock.settle(rejection(client.getOrder('DD1', { timeoutMs: 200 })));
    expect(error).toMatchObject({ name: 'WeChatTimeoutError', timeoutMs: 200 });
    // The call's 200 ms, not the client's 5 s: attempts at 0, 80 and 160 ms, cut in the third backoff.
    expect(Date.now() - started).toBe(200);
    expect(fake.orderRequests).toBe(3);
  });

  it('refuses a per-call timeoutMs or retry that makes no sense, sending nothing', async () => {
    const client = clientOf(fake);
    for (const options of [{ timeoutMs: 0 }, { timeoutMs: Number.NaN }, { retry: { maxAttempts: 0 } }]) {
      const error = await rejection(client.getOrder('DD1', options));
      expect(error).toBeInstanceOf(WeChatInputError);
      expect((error as Error).message).toMatch(/timeoutMs must be a positive number|retry.maxAttempts must be/);
    }
    expect(fake.requests).toHaveLength(0);
  });

  it('refuses such options when the client is created', () => {
    expect(() => clientOf(fake, { timeoutMs: -1 })).toThrow(WeChatInputError);
    expect(() => clientOf(fake, { attemptTimeoutMs: 0 })).toThrow(/attemptTimeoutMs must be a positive number/);
  });
});

describe('what is retried comes from the spec', () => {
  it("repeats exactly the codes the spec's code table marks retryable, and refreshes the token on refusals", async () => {
    const entries = Object.entries(codes);
    expect(entries.some(([, e]) => e.retryable)).toBe(true);
    for (const [code, entry] of entries) {
      const errcode = Number(code);
      fake.requests.length = 0;
      fake.onOrder = () => ({ body: { errcode, errmsg: 'x' } });
      const client = clientOf(fake, { retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1 } });
      const error = (await rejection(client.getOrder('DD1'))) as WeChatError;
      expect(error, code).toBeInstanceOf(WeChatApiError);
      expect(error.retryable, code).toBe(entry.retryable);
      const expected = TOKEN_REFUSALS.has(errcode) ? 2 : entry.retryable ? 3 : 1;
      expect(fake.orderRequests, `requests for errcode ${code}`).toBe(expected);
    }
  });

  it('repeats an unknown code never', async () => {
    fake.onOrder = () => ({ body: { errcode: 99998, errmsg: 'new' } });
    await rejection(clientOf(fake).getOrder('DD1'));
    expect(fake.orderRequests).toBe(1);
  });
});

describe('the fetch beneath', () => {
  it('is called with one Request per attempt, the access_token in its URL', async () => {
    const seen: Request[] = [];
    let busy = 2;
    fake.onOrder = (request, f) =>
      busy-- > 0 ? BUSY : f.valid.has(request.query.get('access_token')!) ? { body: PAID } : BUSY;
    const client = clientOf(fake, {
      fetch: (request) => {
        seen.push(request);
        return fetch(request);
      },
    });
    await expect(client.getOrder('DD1')).resolves.toEqual(PAID.order);
    const orders = seen.filter((r) => r.url.includes('/order/get'));
    expect(orders).toHaveLength(3);
    for (const r of orders) {
      expect(r).toBeInstanceOf(Request);
      expect(new URL(r.url).searchParams.get('access_token')).toMatch(/^ACCESS_TOKEN_1_/);
    }
  });

  it('is asked again after a refused connection (nothing was sent), up to maxAttempts', async () => {
    let calls = 0;
    const client = clientOf(fake, {
      retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 },
      fetch: async () => {
        calls++;
        throw new TypeError('fetch failed', { cause: Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }) });
      },
    });
    const error = await rejection(client.getOrder('DD1'));
    expect(error).toBeInstanceOf(WeChatConnectionError);
    expect(error).toMatchObject({ code: 'ECONNREFUSED', operation: 'getAccessToken', retryable: true });
    expect(calls).toBe(3);
  });

  it('is not asked again after a connection dropped once the request left: that is left to the caller', async () => {
    let calls = 0;
    const client = clientOf(fake, {
      fetch: async () => {
        calls++;
        throw new TypeError('fetch failed', {
          cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }),
        });
      },
    });
    const error = await rejection(client.getOrder('DD1'));
    expect(error).toBeInstanceOf(WeChatConnectionError);
    expect(error).toMatchObject({ code: 'UND_ERR_SOCKET', operation: 'getAccessToken', outcome: 'unknown' });
    expect(calls).toBe(1);
  });
});
