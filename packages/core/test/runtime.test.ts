import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { backoffDelay, deadline, freePort, isLoopbackHost, isTimeout, parseBody, redact } from '../src/index.js';

describe('backoffDelay', () => {
  it('backs off exponentially with full jitter, capped', () => {
    const p = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1_000, random: () => 0.999 };
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, p))).toEqual([100, 200, 400, 799, 999]);
    expect(backoffDelay(3, { ...p, random: () => 0 })).toBe(0);
  });
});

describe('deadline', () => {
  it('aborts with a TimeoutReason after its time', async () => {
    const d = deadline(5);
    await new Promise((r) => setTimeout(r, 20));
    expect(d.signal.aborted && isTimeout(d.signal.reason)).toBe(true);
  });
  it('follows an outer abort with the outer reason', () => {
    const outer = new AbortController();
    const d = deadline(10_000, outer.signal);
    outer.abort(new Error('user cancelled'));
    expect((d.signal.reason as Error).message).toBe('user cancelled');
    d.clear();
  });
});

describe('parseBody', () => {
  it('parses JSON whatever the label, and reports empty and broken bodies', () => {
    expect(parseBody('{"errcode":0}')).toMatchObject({ kind: 'json', value: { errcode: 0 } });
    expect(parseBody('  ')).toEqual({ kind: 'empty', text: '' });
    expect(parseBody('{"errcode":')).toMatchObject({ kind: 'unparseable' });
  });
});

it('redact masks secrets, URL-encoded ones too', () => {
  expect(redact('token=a+b/c and a%2Bb%2Fc', ['a+b/c', undefined, ''])).toBe('token=*** and ***');
});

describe('isLoopbackHost', () => {
  it('knows 127.0.0.0/8, ::1 (bare or as URL.hostname gives it), localhost and the IPv4-mapped form', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', 'LOCALHOST', '::1', '[::1]', '::ffff:127.0.0.1']) {
      expect(isLoopbackHost(h), h).toBe(true);
    }
    for (const h of ['0.0.0.0', '::', '10.0.0.1', 'example.com', 'localhost.example.com', '128.0.0.1']) {
      expect(isLoopbackHost(h), h).toBe(false);
    }
  });
});

describe('freePort', () => {
  it('gives a port that can be listened on', async () => {
    const port = await freePort();
    expect(port).toBeGreaterThan(0);
    const server = createServer();
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
    await new Promise((resolve) => server.close(resolve));
  });
});
