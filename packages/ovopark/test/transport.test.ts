/**
 * The client on the kernel's transport: `timeoutMs` bounds the whole call (login, attempts and
 * backoff), per-attempt limits and per-call overrides, and retries of exactly the codes the spec
 * marks retryable.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { codes } from '../src/generated/codes.js';
import {
  createOvoparkClient,
  OvoparkAbortError,
  OvoparkGatewayError,
  OvoparkInputError,
  OvoparkTimeoutError,
  RETRYABLE_CODES,
  TOKEN_NOT_EXIST_CODE,
} from '../src/index.js';
import { CREDENTIALS, envelope, MOBILE_LOGIN, page, SEARCH_POS, onSearch } from './support/fake-gateway.js';
import { type FakeClock, fakeClock } from './support/clock.js';
import { HOUR, useGateway } from './support/setup.js';

const setup = useGateway();
afterEach(() => {
  vi.useRealTimers();
});

describe('timeoutMs bounds the whole call', () => {
  // The next two on a fake clock (support/clock.ts): the limits and the fake's delays end at exact
  // readings, so a loaded machine does not change how many attempts fit.
  it('across retries: a call whose attempts each fit but together do not is a timeout', async () => {
    let clock!: FakeClock;
    const { gateway, client } = await setup(
      onSearch(() => ({ body: envelope('-999'), delayMs: 60 })),
      {
        timeoutMs: 5_000,
        retry: { maxAttempts: 20, baseDelayMs: 1, maxDelayMs: 1 },
        fetch: (request) => clock.fetch(request),
      },
    );
    clock = fakeClock(gateway);
    // Logged in (and warmed up) first, so the budget below is spent on searchPos alone.
    await clock.settle(client.mobileLogin());
    const started = Date.now();
    const error = await clock.settle(client.searchPos(HOUR, { timeoutMs: 300 }).catch((e: unknown) => e));
    expect(error).toBeInstanceOf(OvoparkTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 300, outcome: 'unknown', provider: 'ovopark', operation: SEARCH_POS });
    expect((error as Error).message).toMatch(/timeoutMs 300 ms \(retries included\)/);
    expect(gateway.count(SEARCH_POS)).toBeGreaterThanOrEqual(2);
    expect(gateway.count(SEARCH_POS)).toBeLessThan(20);
    // Ended by the budget, when it ran out.
    expect(Date.now() - started).toBe(300);
  });

  it('including the login searchPos waits for', async () => {
    const { gateway, client } = await setup(
      (req) =>
        req.mt === MOBILE_LOGIN
          ? { body: envelope('0', { token: 'tok' }), delayMs: 400 }
          : { body: envelope('0', page([])) },
      { timeoutMs: 5_000 },
    );
    const error = await client.searchPos(HOUR, { timeoutMs: 50 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OvoparkTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 50, operation: SEARCH_POS });
    expect(gateway.count(SEARCH_POS)).toBe(0);
    // The shared login goes on for the others, on the client's own budget.
    await expect(client.searchPos(HOUR)).resolves.toMatchObject({ total: 0 });
    expect(gateway.count(MOBILE_LOGIN)).toBe(1);
  });

  it('gives an attempt that hangs up to attemptTimeoutMs, then retries it', async () => {
    let clock!: FakeClock;
    const { gateway, client } = await setup(
      onSearch((_, n) =>
        n.mt === 1 ? { body: envelope('0', page([])), delayMs: 500 } : { body: envelope('0', page([])) },
      ),
      { attemptTimeoutMs: 50, timeoutMs: 5_000, fetch: (request) => clock.fetch(request) },
    );
    clock = fakeClock(gateway);
    await expect(clock.settle(client.searchPos(HOUR))).resolves.toMatchObject({ total: 0 });
    expect(gateway.count(SEARCH_POS)).toBe(2);
  });

  it('says attemptTimeoutMs when every attempt ran out of its own time', async () => {
    const { client } = await setup(
      onSearch(() => ({ body: envelope('0', page([])), delayMs: 300 })),
      {
        attemptTimeoutMs: 30,
        timeoutMs: 5_000,
        retry: { maxAttempts: 2, baseDelayMs: 1 },
      },
    );
    const error = await client.searchPos(HOUR).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OvoparkTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 30 });
    expect((error as Error).message).toMatch(/attemptTimeoutMs 30 ms/);
  });
});

describe('per-call overrides', () => {
  it('retry: maxAttempts 1 for one call turns its retries off, and only its', async () => {
    const { gateway, client } = await setup(onSearch(() => ({ body: envelope('-999') })));
    await expect(client.searchPos(HOUR, { retry: { maxAttempts: 1 } })).rejects.toMatchObject({ attempts: 1 });
    expect(gateway.count(SEARCH_POS)).toBe(1);
    await expect(client.searchPos(HOUR)).rejects.toMatchObject({ attempts: 3 });
    expect(gateway.count(SEARCH_POS)).toBe(4);
  });

  it('timeoutMs for one call overrides the client’s', async () => {
    const { client } = await setup(
      onSearch(() => ({ body: envelope('0', page([])), delayMs: 200 })),
      {
        timeoutMs: 5_000,
      },
    );
    await client.mobileLogin();
    await expect(client.searchPos(HOUR, { timeoutMs: 40 })).rejects.toMatchObject({
      name: 'OvoparkTimeoutError',
      timeoutMs: 40,
    });
    await expect(client.searchPos(HOUR)).resolves.toMatchObject({ total: 0 });
  });

  it('applies to each searchPos call of a range', async () => {
    const { gateway, client } = await setup(onSearch(() => ({ body: envelope('-500') })));
    const range = { depId: 1001, from: '2024-01-01 00:00:00', to: '2024-01-01 01:00:00' };
    await expect(client.searchPosRange(range, { retry: { maxAttempts: 2 } })).rejects.toBeInstanceOf(
      OvoparkGatewayError,
    );
    expect(gateway.count(SEARCH_POS)).toBe(2);
  });

  it('refuses a bad override before sending anything', async () => {
    const { gateway, client } = await setup();
    await expect(client.searchPos(HOUR, { timeoutMs: -1 })).rejects.toThrow(OvoparkInputError);
    await expect(client.searchPos(HOUR, { retry: { maxAttempts: 0 } })).rejects.toThrow(/retry\.maxAttempts/);
    await expect(client.mobileLogin({ timeoutMs: Number.NaN })).rejects.toThrow(/timeoutMs/);
    expect(gateway.requests).toHaveLength(0);
  });

  it("stops waiting on the caller's signal with OvoparkAbortError", async () => {
    const { client } = await setup(
      onSearch(() => ({ body: envelope('-999'), delayMs: 20 })),
      {
        retry: { maxAttempts: 50, baseDelayMs: 20 },
      },
    );
    const error = await client.searchPos(HOUR, { signal: AbortSignal.timeout(60) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OvoparkAbortError);
  });
});

describe('retryable codes come from the spec', () => {
  const marked = Object.entries(codes)
    .filter(([, entry]) => entry.retryable)
    .map(([code]) => code);

  it('retries every code the spec marks retryable, but the one that needs a new login first', () => {
    expect([...RETRYABLE_CODES].sort()).toEqual(marked.filter((c) => c !== TOKEN_NOT_EXIST_CODE).sort());
    expect(RETRYABLE_CODES).toContain('-999');
    expect(RETRYABLE_CODES).toContain('-500');
  });

  it.each([...RETRYABLE_CODES])('retries %s and returns the success that follows', async (code) => {
    const { gateway, client } = await setup(
      onSearch((_, n) => ({ body: n.mt === 1 ? envelope(code) : envelope('0', page([])) })),
    );
    await expect(client.searchPos(HOUR)).resolves.toMatchObject({ total: 0 });
    expect(gateway.count(SEARCH_POS)).toBe(2);
  });

  it.each(['7', '16', '206004', '208018', '4242'])('does not retry %s', async (code) => {
    const { gateway, client } = await setup(onSearch(() => ({ body: envelope(code) })));
    const error = await client.searchPos(HOUR).catch((e: unknown) => e);
    expect(error).toMatchObject({ code, retryable: codes[code as keyof typeof codes]?.retryable ?? false });
    expect(gateway.count(SEARCH_POS)).toBe(1);
  });

  it('hands an injected fetch one Request per attempt', async () => {
    const seen: string[] = [];
    let n = 0;
    const client = createOvoparkClient({
      ...CREDENTIALS,
      baseUrl: 'https://gateway.invalid',
      retry: { baseDelayMs: 1 },
      fetch: async (request) => {
        seen.push(`${request.method} ${new URL(request.url).pathname} ${(await request.text()).length > 0}`);
        const body = n++ === 0 ? envelope('-500') : envelope('0', { token: 'x' });
        return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
      },
    });
    await client.mobileLogin();
    expect(seen).toEqual(['POST /cloud.api true', 'POST /cloud.api true']);
  });
});

describe('one error model', () => {
  it.each([
    ['a gateway code', onSearch(() => ({ body: envelope('16') })), 'failed'],
    ['a broken answer', onSearch(() => ({ body: 'not json' })), 'unknown'],
    ['a timeout', onSearch(() => ({ body: envelope('0', page([])), delayMs: 300 })), 'unknown'],
    ['a dropped connection', onSearch(() => ({ destroy: true })), 'unknown'],
  ] as const)(
    '%s is an OrderkitError with provider, operation, outcome, retryable and hint',
    async (_, handler, outcome) => {
      const { client } = await setup(handler, { timeoutMs: 5_000, attemptTimeoutMs: 100, retry: { maxAttempts: 1 } });
      const error = await client.searchPos(HOUR).catch((e: unknown) => e);
      expect(error).toMatchObject({
        provider: 'ovopark',
        operation: SEARCH_POS,
        outcome,
        retryable: expect.any(Boolean),
        hint: expect.stringMatching(/\w/),
      });
    },
  );
});
