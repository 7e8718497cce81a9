/**
 * The admin token (ORDER_DESK_ADMIN_TOKEN): once set, every request to the admin face must carry
 * it, as `Authorization: Bearer <token>` (the CLI, scripts) or as the password of HTTP Basic (a
 * browser then asks for it natively and resends it with every request of the page, including the
 * UI's fetch calls — so the UI needs no code for it; the user name is ignored).
 *
 * Basic credentials are sent by the browser automatically, also on requests another site makes it
 * send: the token alone does not stop cross-site request forgery; same-origin.ts does.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { refuse } from './refuse.js';

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/**
 * Constant time: both sides are hashed first, so the comparison always runs over 32 bytes and its
 * duration says nothing about the token's length or how much of a guess was right.
 */
export function tokenMatches(presented: string, expected: string): boolean {
  return timingSafeEqual(digest(presented), digest(expected));
}

/** The token a request presents, from `Bearer <token>` or `Basic base64(user:token)`. */
export function presentedToken(authorization: string | undefined): string | undefined {
  const match = /^(\S+)\s+(\S+)\s*$/.exec(authorization ?? '');
  if (!match) return undefined;
  const [, scheme, value] = match as unknown as [string, string, string];
  if (scheme.toLowerCase() === 'bearer') return value;
  if (scheme.toLowerCase() !== 'basic') return undefined;
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : decoded.slice(colon + 1);
}

/** 401 without the token; nothing about the attempt is logged (a wrong token may be a real one with a typo). */
export function requireAdminToken(token: string): MiddlewareHandler {
  return async (c, next) => {
    const presented = presentedToken(c.req.header('authorization'));
    if (presented !== undefined && tokenMatches(presented, token)) return next();
    return refuse(
      401,
      'the admin token is required: Authorization: Bearer <ORDER_DESK_ADMIN_TOKEN> (or it as the HTTP Basic password)',
      {
        'www-authenticate': 'Basic realm="order-desk admin", charset="UTF-8"',
      },
    );
  };
}
