/**
 * Requests another web page makes the browser send are refused (issue 14, "refuse strangers").
 * Reproduced before this: a page anywhere could POST `text/plain` JSON to /api/pos/orders on
 * 127.0.0.1 (a CORS "simple request", sent without preflight) and rewrite an order that our
 * endpoint then signs and reports to D-Store as true.
 *
 * Three checks, each enough on its own in a current browser; together they also cover old ones:
 *  - Sec-Fetch-Site (fetch metadata): only `same-origin` and `none` (the user typed the URL or
 *    used a bookmark) pass, except a top-level GET navigation (a link to the UI from elsewhere,
 *    which reads nothing and changes nothing).
 *  - Origin, when present, must be this face's own (the Host the request was sent to, or
 *    ORDER_DESK_PUBLIC_URL's origin when a proxy rewrites Host).
 *  - Every write must be `Content-Type: application/json`, which a page can only send cross-origin
 *    after a CORS preflight, and we answer no CORS.
 * Tools such as curl and the CLI send neither Sec-Fetch-Site nor Origin and pass the first two.
 */
import type { MiddlewareHandler } from 'hono';
import { refuse } from './refuse.js';

const SAFE_METHODS = new Set(['GET', 'HEAD']);

export function sameOriginOnly(options: { trustedOrigins: readonly string[] }): MiddlewareHandler {
  const trusted = new Set(options.trustedOrigins);
  return async (c, next) => {
    const method = c.req.method.toUpperCase();
    const site = c.req.header('sec-fetch-site');
    const navigation = SAFE_METHODS.has(method) && c.req.header('sec-fetch-mode') === 'navigate';
    if (site !== undefined && site !== 'same-origin' && site !== 'none' && !navigation) {
      return refuse(403, 'cross-origin requests are refused');
    }
    const origin = c.req.header('origin');
    if (origin !== undefined) {
      const host = c.req.header('host');
      const own = host !== undefined && (origin === `http://${host}` || origin === `https://${host}`);
      if (!own && !trusted.has(origin)) return refuse(403, 'cross-origin requests are refused');
    }
    if (!SAFE_METHODS.has(method)) {
      const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      if (type !== 'application/json') return refuse(415, 'send the body as Content-Type: application/json');
    }
    return next();
  };
}
