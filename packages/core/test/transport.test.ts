import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import createClient from 'openapi-fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerText, attemptsOf, callSignal, classifyFailure, retryingFetch, type FetchLike } from '../src/index.js';

const fast = { baseDelayMs: 1, maxDelayMs: 2 };

/** A fetch that answers from a list, one per attempt, and records what it was sent. */
function scripted(answers: Array<Response | Error | 'hang'>) {
  const seen: Array<{ method: string; url: string; body: string }> = [];
  const fetch: FetchLike = async (request) => {
    seen.push({ method: request.method, url: request.url, body: await request.text() });
    const next = answers.shift() ?? new Response('{}');
    if (next === 'hang') {
      return new Promise((_, reject) => {
        if (request.signal.aborted) reject(request.signal.reason);
        request.signal.addEventListener('abort', () => reject(request.signal.reason), { once: true });
      });
    }
    if (next instanceof Error) throw next;
    return next;
  };
  return { fetch, seen };
}

const refused = () =>
  new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });

describe('retryingFetch', () => {
  it('retries 503 by default and returns the last answer with its attempt count', async () => {
    const { fetch, seen } = scripted([new Response('busy', { status: 503 }), new Response('{"ok":1}')]);
    const send = retryingFetch({ fetch, retry: fast });
    const response = await send(new Request('http://x.test/a', { method: 'POST', body: 'form=1' }));
    expect(await answerText(response)).toBe('{"ok":1}');
    expect(attemptsOf(response)).toBe(2);
    expect(seen.map((s) => s.body)).toEqual(['form=1', 'form=1']);
  });

  it('reads the body once for an in-band retry code and hands it on unread', async () => {
    const { fetch, seen } = scripted([
      new Response('{"code":-1}'),
      new Response('{"code":-1}'),
      new Response('{"code":0}'),
    ]);
    const send = retryingFetch({
      fetch,
      retry: fast,
      readBody: true,
      retryable: (a) => JSON.parse(a.text).code === -1,
    });
    const response = await send(new Request('http://x.test/a'));
    expect(attemptsOf(response)).toBe(3);
    expect(await answerText(response)).toBe('{"code":0}');
    expect(seen).toHaveLength(3);
  });

  it('returns a retryable answer as it is once the attempts are spent', async () => {
    const { fetch } = scripted([new Response('{"code":-1}'), new Response('{"code":-1}')]);
    const send = retryingFetch({ fetch, retry: { ...fast, maxAttempts: 2 }, readBody: true, retryable: () => true });
    const response = await send(new Request('http://x.test/a'));
    expect(attemptsOf(response)).toBe(2);
    expect(await response.text()).toBe('{"code":-1}');
  });

  it('does not retry a connection dropped after the request left (its outcome is unknown)', async () => {
    const reset = new TypeError('fetch failed', {
      cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }),
    });
    const { fetch, seen } = scripted([reset, new Response('{}')]);
    const error = await retryingFetch({ fetch, retry: fast })(new Request('http://x.test/a')).catch((e: unknown) => e);
    expect(error).toBe(reset);
    expect(seen).toHaveLength(1);
  });

  it('retries a connection that was refused (nothing was sent) and rethrows the last error', async () => {
    const { fetch, seen } = scripted([refused(), refused()]);
    const send = retryingFetch({ fetch, retry: { ...fast, maxAttempts: 2 } });
    const error = await send(new Request('http://x.test/a')).catch((e: unknown) => e);
    expect(seen).toHaveLength(2);
    const call = callSignal(1000);
    expect(classifyFailure(error, call)).toMatchObject({ kind: 'connection', code: 'ECONNREFUSED' });
  });

  it('retries an attempt that runs out of its own time, within the call budget', async () => {
    const { fetch, seen } = scripted(['hang', new Response('{}')]);
    const send = retryingFetch({ fetch, retry: fast, attemptTimeoutMs: 30 });
    const response = await send(new Request('http://x.test/a'));
    expect(attemptsOf(response)).toBe(2);
    expect(seen).toHaveLength(2);
  });

  it('stops at once when the call budget runs out, backoff included', async () => {
    const { fetch } = scripted([new Response('', { status: 503 }), new Response('', { status: 503 })]);
    const send = retryingFetch({
      fetch,
      retry: { maxAttempts: 5, baseDelayMs: 5_000, maxDelayMs: 5_000, random: () => 1 },
    });
    const call = callSignal(50);
    const started = performance.now();
    const error = await send(new Request('http://x.test/a', { signal: call.signal })).catch((e: unknown) => e);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(classifyFailure(error, call).kind).toBe('timeout');
  });

  it("tells a caller's abort from the budget", async () => {
    const caller = new AbortController();
    const { fetch } = scripted(['hang']);
    const call = callSignal(10_000, caller.signal);
    const pending = retryingFetch({ fetch }).call(undefined, new Request('http://x.test/a', { signal: call.signal }));
    caller.abort();
    const error = await pending.catch((e: unknown) => e);
    expect(classifyFailure(error, call).kind).toBe('abort');
  });

  it('never retries what the rule calls final', async () => {
    const { fetch, seen } = scripted([new Response('no', { status: 400 })]);
    const response = await retryingFetch({ fetch, retry: fast })(new Request('http://x.test/a'));
    expect(response.status).toBe(400);
    expect(seen).toHaveLength(1);
  });
});

describe('under openapi-fetch', () => {
  let server: Server;
  let baseUrl = '';
  let calls = 0;
  beforeAll(async () => {
    server = createServer((request, response) => {
      calls += 1;
      response.setHeader('content-type', 'application/json');
      response.end(calls === 1 ? '{"errcode":-1}' : `{"errcode":0,"auth":"${request.headers.authorization}"}`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('middleware authenticates once; the transport repeats the signed request', async () => {
    const client = createClient<Record<string, never>>({
      baseUrl,
      fetch: retryingFetch({ retry: fast, readBody: true, retryable: (a) => a.text.includes('"errcode":-1') }),
    });
    client.use({
      onRequest: ({ request }) => {
        request.headers.set('authorization', 'Bearer t');
        return request;
      },
    });
    const call = callSignal(5_000);
    // biome-ignore lint/suspicious/noExplicitAny: an untyped path for this test
    const { data, response } = await (client as any).GET('/x', { signal: call.signal });
    expect(data).toEqual({ errcode: 0, auth: 'Bearer t' });
    expect(attemptsOf(response)).toBe(2);
  });
});
