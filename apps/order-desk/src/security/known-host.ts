/**
 * DNS rebinding: a page on evil.example can make its own name resolve to 127.0.0.1 and then talk
 * to the admin face "same-origin" (Origin and Host both evil.example). Without an admin token the
 * only thing that tells such a request apart is its Host header, so then only loopback names (and
 * ORDER_DESK_PUBLIC_URL's host) are answered. With a token, the token is the guard (the page
 * cannot know it, and the browser's saved Basic credentials belong to the real origin).
 */
import type { MiddlewareHandler } from 'hono';
import { isLoopbackHost } from '@orderkit/core';
import { refuse } from './refuse.js';

export function loopbackHostOnly(options: { alsoAllowed: readonly string[] }): MiddlewareHandler {
  const also = new Set(options.alsoAllowed.map((h) => h.toLowerCase()));
  return async (c, next) => {
    let hostname: string | undefined;
    try {
      hostname = new URL(`http://${c.req.header('host') ?? ''}`).hostname.toLowerCase();
    } catch {
      hostname = undefined;
    }
    if (hostname && (isLoopbackHost(hostname) || also.has(hostname))) return next();
    return refuse(403, 'order-desk answers on loopback names only (set ORDER_DESK_PUBLIC_URL to add the name you use)');
  };
}
