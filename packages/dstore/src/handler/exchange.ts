import type { IncomingMessage } from 'node:http';
import { originForm } from '../node.js';
import { requestPath, SIGNED_PATH } from '../signature.js';
import { readInquiryBody } from './body.js';
import type { Decision } from './decision.js';

/**
 * What the handler needs of one request, whichever server received it: a Fetch API `Request`
 * (fromFetch) or node:http's `IncomingMessage` (fromNode, no Fetch objects at all: on the endpoint's
 * hot path they cost as much as the handler's own checks).
 */
export interface InquiryRequest {
  method: string;
  /** The path of the request as sent, query excluded: what both signatures cover. */
  path: string;
  /** A header's value by lower-case name, repeated ones joined with ", " (as `Headers.get`); null when absent. */
  header(name: string): string | null;
  /** The raw body bytes, at most `maxBytes`, or the answer when they cannot be had. */
  body(maxBytes: number): Promise<Uint8Array | Decision>;
  /** Stops reading the body: the request is answered without it (shed). */
  discardBody(): void;
}

/** The answer to send: always HTTP 200, a JSON body and the signed headers (lower-case names). */
export interface InquiryReply {
  text: string;
  headers: Record<string, string>;
}

export function fromFetch(request: Request): InquiryRequest {
  return {
    method: request.method,
    path: requestPath(request.url),
    header: (name) => request.headers.get(name),
    body: (maxBytes) => readInquiryBody(request, maxBytes),
    discardBody() {
      // Cancelling tells the server adapter it may discard the rest.
      request.body?.cancel().catch(() => undefined);
    },
  };
}

export function fromNode(req: IncomingMessage): InquiryRequest {
  return {
    method: req.method ?? 'GET',
    path: nodePath(req.url),
    header(name) {
      const value = req.headers[name];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(', ') : value;
    },
    body: (maxBytes) => readNodeBody(req, maxBytes),
    discardBody() {
      // node:http discards what is left of the body once the answer ends (see toNodeListener).
    },
  };
}

/** A path that `new URL` leaves as it is: no dot segment, query, escape or character it re-encodes. */
const PLAIN_PATH = /^\/[A-Za-z0-9_\-/]*$/;

/** The path of a request target, as `new URL(url).pathname` gives it for the Fetch form. */
function nodePath(target: string | undefined): string {
  if (target !== undefined && PLAIN_PATH.test(target)) return target;
  try {
    return new URL(originForm(target), 'http://localhost').pathname || SIGNED_PATH;
  } catch {
    return SIGNED_PATH;
  }
}

const CANNOT_READ: Decision = { kind: 'unknown', message: 'the request body could not be read completely' };

/**
 * The body as one buffer, bounded like readInquiryBody: a declared Content-Length over the bound is
 * refused before a byte is read, a longer body as soon as it passes the bound; the rest is left
 * unread and the answer says `Connection: close`.
 */
function readNodeBody(req: IncomingMessage, maxBytes: number): Promise<Uint8Array | Decision> {
  const tooLarge: Decision = {
    kind: 'fail',
    code: 'PARAM_ILLEGAL',
    message: `body: larger than ${maxBytes} bytes`,
    closeConnection: true,
  };
  const declared = Number(req.headers['content-length'] ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.resolve(tooLarge);
  if (req.readableEnded) return Promise.resolve(req.complete ? new Uint8Array(0) : CANNOT_READ);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (result: Uint8Array | Decision) => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) done(tooLarge);
      else chunks.push(chunk);
    };
    const onEnd = () => {
      const whole = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size);
      done(new Uint8Array(whole.buffer, whole.byteOffset, whole.byteLength));
    };
    const onError = () => done(CANNOT_READ);
    // The client went away before the body ended ('end' comes first otherwise).
    const onClose = () => done(CANNOT_READ);
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}
