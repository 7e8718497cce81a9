/**
 * Reading a message body with a size bound: an inbound request from whoever reaches an endpoint,
 * or an answer from a host we do not control. Either may declare or send more than we are willing
 * to hold in memory, so the read stops at the bound instead of buffering everything first.
 */

/** What `readBodyWithin` found: the whole body, or that it is larger than the bound. */
export type BoundedBody =
  | { kind: 'read'; bytes: Uint8Array<ArrayBuffer> }
  /** `declared`: Content-Length alone was over the bound, so nothing was read. */
  | { kind: 'too-large'; limit: number; declared: boolean };

/** The parts of a Fetch API `Request` or `Response` the read needs. */
export interface BodySource {
  readonly headers: Headers;
  readonly body: ReadableStream<Uint8Array> | null;
}

/**
 * Reads at most `limit` bytes of `message`'s body. A declared Content-Length over the bound is
 * refused before any byte is read; a body that turns out longer is refused as soon as it passes the
 * bound. Either way the stream is cancelled, which tells a server adapter it may discard the rest
 * and lets a fetch implementation release the connection. A stream that errors rejects, as the
 * stream did: a body read halfway is neither complete nor known to be too large.
 */
export async function readBodyWithin(message: BodySource, limit: number): Promise<BoundedBody> {
  const declared = Number(message.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limit) {
    await cancelQuietly(message.body?.cancel());
    return { kind: 'too-large', limit, declared: true };
  }
  if (!message.body) return { kind: 'read', bytes: new Uint8Array(0) };
  const reader = message.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await cancelQuietly(reader.cancel());
      return { kind: 'too-large', limit, declared: false };
    }
    chunks.push(value);
  }
  return { kind: 'read', bytes: concat(chunks, size) };
}

/** A cancel that fails changes nothing for the caller: the body is refused either way. */
async function cancelQuietly(cancelling: Promise<void> | undefined): Promise<void> {
  await cancelling?.catch(() => undefined);
}

function concat(chunks: readonly Uint8Array[], size: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
