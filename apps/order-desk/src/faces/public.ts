/**
 * The public face: the listener providers call us on, which may be opened to the internet. It
 * serves exactly the providers' public endpoints (each path reaches its listener whatever the
 * method; the endpoint answers what it does not take) and a health check; everything else is a
 * plain 404, so nothing of the admin UI, API or docs can be reached here whatever path, method or
 * Host a request uses.
 *
 * Provider calls keep the shortest path, straight from node:http to the endpoint's own listener
 * (the bench showed the Hono adapter's extra Request/Response objects on every answer).
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';

export const HEALTH_PATH = '/healthz';

const NOT_FOUND = Buffer.from('404 not found\n');
const OK = Buffer.from('ok\n');

function notFound(req: IncomingMessage, res: ServerResponse): void {
  const headers: Record<string, string | number> = {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': NOT_FOUND.length,
    'x-content-type-options': 'nosniff',
  };
  // A request body is not read to its end for a 404: the connection closes instead.
  const hasBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
  if (hasBody) headers.connection = 'close';
  res.writeHead(404, headers);
  res.end(NOT_FOUND);
}

/** The path and query of a request target; a proxy-style absolute URL gives its own. */
function originForm(target: string | undefined): string {
  const url = target ?? '/';
  if (url.startsWith('/') || !/^https?:\/\//i.test(url)) return url;
  try {
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}`;
  } catch {
    return url;
  }
}

export function createPublicListener(
  endpoints: readonly { path: string; listener: RequestListener }[],
): RequestListener {
  const byPath = new Map(endpoints.map((e) => [e.path, e.listener]));
  return (req, res) => {
    // Routed by the path of the origin-form target, never by the raw string: a proxy-style
    // absolute URL (`POST http://host/v2/pos/… HTTP/1.1`) reaches the endpoint like the origin form.
    const target = originForm(req.url);
    const q = target.indexOf('?');
    const path = q < 0 ? target : target.slice(0, q);
    const endpoint = byPath.get(path);
    if (endpoint) {
      endpoint(req, res);
    } else if (path === HEALTH_PATH && (req.method === 'GET' || req.method === 'HEAD')) {
      res.writeHead(200, {
        'content-type': 'text/plain; charset=utf-8',
        'content-length': OK.length,
        'cache-control': 'no-store',
      });
      res.end(req.method === 'HEAD' ? undefined : OK);
    } else {
      notFound(req, res);
    }
  };
}
