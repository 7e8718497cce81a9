import { getEventListeners } from 'node:events';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { callSignal, requestWithUrl } from '../src/index.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Collects garbage a few times, letting finalizers run in between. */
async function collect(): Promise<void> {
  for (let i = 0; i < 4; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('requestWithUrl', () => {
  it('keeps the derived Request aborting with the call once the Request it came from is garbage', async () => {
    const call = new AbortController();
    // As openapi-fetch and a middleware do: the first Request is dropped once the second exists.
    const derived = Array.from({ length: 20 }, (_, i) =>
      requestWithUrl(new Request(`http://x.invalid/a?${i}`, { signal: call.signal }), `http://x.invalid/b?${i}`),
    );
    await collect();
    call.abort(new Error('budget'));
    expect(derived.map((r) => r.signal.aborted)).toEqual(derived.map(() => true));
    expect(derived[0]?.url).toBe('http://x.invalid/b?0');
  });

  it('keeps method, headers and body', async () => {
    const original = new Request('http://x.invalid/a', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"a":1}',
    });
    const derived = requestWithUrl(original, 'http://x.invalid/b?token=t');
    expect(derived.method).toBe('POST');
    expect(derived.headers.get('content-type')).toBe('application/json');
    expect(await derived.text()).toBe('{"a":1}');
  });
});

describe('callSignal', () => {
  it('leaves no listener on the caller’s signal once each call has ended', () => {
    const shutdown = new AbortController();
    for (let i = 0; i < 50; i++) callSignal(30_000, shutdown.signal).end();
    expect(getEventListeners(shutdown.signal, 'abort')).toHaveLength(0);
  });

  it('follows the caller and its own budget until it ends', async () => {
    const caller = new AbortController();
    const call = callSignal(30_000, caller.signal);
    caller.abort(new Error('caller'));
    expect(call.signal.aborted).toBe(true);
    expect(call.timedOut()).toBe(false);
    const budget = callSignal(20);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(budget.signal.aborted).toBe(true);
    expect(budget.timedOut()).toBe(true);
    const ended = callSignal(20);
    ended.end();
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(ended.signal.aborted).toBe(false);
  });
});
