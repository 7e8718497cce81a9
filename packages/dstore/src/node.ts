import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Adapts a Fetch API handler to `node:http`. The body is streamed, not buffered, so the handler's
 * own size limit applies; header values that a `Headers` object refuses are dropped rather than
 * crashing the server (the handler then sees them as missing).
 */
const MAX_DISCARDED_BYTES = 1024 * 1024;

/**
 * The origin-form target (`/path?query`) of a request line. A client may send the absolute form
 * (`POST http://host/v2/pos/inquireOrderDetail HTTP/1.1`, as alipay/global-open-sdk-python does
 * through http.client with a full URL), which node:http passes through verbatim in `req.url`.
 * RFC 9112 §3.2.2: a server must accept it. Anything else is returned unchanged.
 */
export function originForm(target: string | undefined): string {
  const url = target ?? '/';
  if (url.startsWith('/')) return url;
  if (!/^https?:\/\//i.test(url)) return url;
  try {
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}`;
  } catch {
    return url;
  }
}

type NodeListener = (req: IncomingMessage, res: ServerResponse) => void;

/** Handlers of this package that also serve node:http directly, without Fetch objects. */
const native = new WeakMap<object, NodeListener>();

/** Registers `listener` as the node:http form of `handler` (same answers), for toNodeListener. */
export function serveNatively(handler: (request: Request) => Promise<Response>, listener: NodeListener): void {
  native.set(handler, listener);
}

/**
 * `handler` on node:http. The inquireOrderDetail handler is served in its node form (no Request,
 * Response or web stream per call: they cost as much as the handler's own checks); any other Fetch
 * handler through the adapter below.
 */
export function toNodeListener(handler: (request: Request) => Promise<Response>): NodeListener {
  const own = native.get(handler);
  if (own) return own;
  return (req, res) => {
    void serve(handler, req, res);
  };
}

async function serve(
  handler: (request: Request) => Promise<Response>,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  try {
    const headers = new Headers();
    for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
      try {
        headers.append(req.rawHeaders[i] as string, req.rawHeaders[i + 1] as string);
      } catch {
        // An unrepresentable header is treated as absent.
      }
    }
    const method = req.method ?? 'GET';
    const body = bodyStream(req);
    const hasBody = method !== 'GET' && method !== 'HEAD';
    const url = `http://${req.headers.host ?? '127.0.0.1'}${originForm(req.url)}`;
    let request: Request;
    try {
      request = new Request(url, {
        method,
        headers,
        body: hasBody ? body.stream : undefined,
        duplex: 'half',
      } as RequestInit);
    } catch {
      // A URL or method the Fetch API cannot represent: the handler answers it as a non-POST (INVALID_API).
      request = new Request('http://127.0.0.1/', { method: 'OPTIONS', headers });
    }
    const response = await handler(request);
    const payload = Buffer.from(await response.arrayBuffer());
    // Header names go out lower-case, the way `Headers` iterates them, for every request form:
    // alipay/global-open-sdk-python looks up `signature`, `response-time` and `client-id` by exact
    // lower-case name (default_alipay_client.py __parse_header) and reports "signature not exist"
    // for any other spelling.
    const out: Record<string, string> = {};
    response.headers.forEach((value, key) => {
      out[key] = value;
    });
    out['content-length'] = String(payload.length);
    // When the handler stopped reading a body (too large, or a request it shed), node:http
    // discards what is left once the answer ends and keeps the connection. That is cheap for a
    // declared length up to 1 MiB; a longer or chunked body still arriving is not worth reading
    // to its end: the connection closes instead.
    const declared = Number(req.headers['content-length']);
    const cheapToDiscard = Number.isFinite(declared) && declared <= MAX_DISCARDED_BYTES;
    if (body.cancelled() && !req.complete && !cheapToDiscard) out.connection = 'close';
    res.writeHead(response.status, out);
    res.end(payload);
  } catch {
    if (!res.headersSent) res.writeHead(500);
    res.end();
  }
}

/**
 * The request body as a web stream with back-pressure. Unlike `Readable.toWeb`, cancelling it
 * drains and discards the rest instead of destroying the socket, so the answer can still be sent.
 */
function bodyStream(req: IncomingMessage): { stream: ReadableStream<Uint8Array>; cancelled: () => boolean } {
  let cancelled = false;
  const stream = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        req.on('data', (chunk: Buffer) => {
          if (cancelled) return;
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          if ((controller.desiredSize ?? 1) <= 0) req.pause();
        });
        req.once('end', () => {
          if (!cancelled) controller.close();
        });
        req.once('error', (error) => {
          if (!cancelled) controller.error(error);
        });
        req.pause();
      },
      pull() {
        req.resume();
      },
      cancel() {
        cancelled = true;
        req.resume();
      },
    },
    { highWaterMark: 1 },
  );
  return { stream, cancelled: () => cancelled };
}
