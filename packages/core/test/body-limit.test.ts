import { describe, expect, it } from 'vitest';
import { readBodyWithin } from '../src/index.js';

/** A body of `chunks` chunks of `size` bytes each, counting pulls and noting a cancel. */
function counted(chunks: number, size: number) {
  const seen = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (seen.pulled === chunks) return controller.close();
        seen.pulled += 1;
        controller.enqueue(new Uint8Array(size).fill(seen.pulled));
      },
      cancel() {
        seen.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, seen };
}

function post(body: BodyInit | null, headers: Record<string, string> = {}): Request {
  return new Request('http://127.0.0.1/', { method: 'POST', body, headers, duplex: 'half' } as RequestInit);
}

describe('readBodyWithin', () => {
  it('returns every byte of a body sent in several chunks, in order', async () => {
    const { stream } = counted(3, 4);
    const result = await readBodyWithin(post(stream), 12);
    expect(result).toEqual({ kind: 'read', bytes: new Uint8Array([1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3]) });
  });

  it('accepts a body of exactly the limit and refuses one byte more', async () => {
    expect(await readBodyWithin(post('x'.repeat(8)), 8)).toMatchObject({ kind: 'read' });
    // A Fetch API Request built from a string declares no Content-Length: this is the streamed check.
    expect(await readBodyWithin(post('x'.repeat(9)), 8)).toEqual({ kind: 'too-large', limit: 8, declared: false });
  });

  it('refuses a declared Content-Length over the limit without reading, and cancels the stream', async () => {
    const { stream, seen } = counted(1_000, 1024);
    const result = await readBodyWithin(post(stream, { 'content-length': '1024000' }), 64);
    expect(result).toEqual({ kind: 'too-large', limit: 64, declared: true });
    expect(seen.pulled).toBe(0);
    expect(seen.cancelled).toBe(true);
  });

  it('stops reading an undeclared body as soon as it passes the limit, and cancels the stream', async () => {
    const { stream, seen } = counted(1_000, 1024);
    const result = await readBodyWithin(post(stream), 4 * 1024);
    expect(result).toEqual({ kind: 'too-large', limit: 4 * 1024, declared: false });
    expect(seen.pulled).toBeLessThanOrEqual(6);
    expect(seen.cancelled).toBe(true);
  });

  it('reads an answer as well as a request, and an absent body as empty', async () => {
    const answer = new Response('{"ok":true}', { headers: { 'content-type': 'application/json' } });
    const read = await readBodyWithin(answer, 1024);
    expect(read.kind === 'read' && new TextDecoder().decode(read.bytes)).toBe('{"ok":true}');
    expect(await readBodyWithin(new Response(null, { status: 204 }), 0)).toEqual({
      kind: 'read',
      bytes: new Uint8Array(0),
    });
  });

  it('rejects as the stream does when the body breaks off', async () => {
    const broken = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.error(new Error('socket hang up'));
      },
    });
    await expect(readBodyWithin(post(broken), 1024)).rejects.toThrow('socket hang up');
  });
});
