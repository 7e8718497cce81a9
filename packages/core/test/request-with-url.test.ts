import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { requestWithUrl } from '../src/index.js';

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
