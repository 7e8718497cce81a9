/**
 * Security headers on every admin answer (hono/secure-headers), and the Content-Security-Policy
 * of the UI and of the rendered contracts.
 *
 * The UI (public/) has no inline script or style: its policy allows our own files and nothing else.
 * The docs pages are Redocly's single-file build: Redoc is inlined as a module script, so those
 * scripts are allowed by their SHA-256 hashes (computed from the file being served, docs-page.ts),
 * never by 'unsafe-inline'.
 */
import { secureHeaders } from 'hono/secure-headers';
import type { MiddlewareHandler } from 'hono';

const COMMON = ["base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'", "object-src 'none'"];

/** The UI: scripts, styles and calls to this origin only. */
export const UI_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  ...COMMON,
].join('; ');

/**
 * A Redocly page. style-src needs 'unsafe-inline': Redoc renders with styled-components, which
 * injects <style> elements at run time and the page carries style="" attributes; neither can be
 * hashed ahead. CSS cannot run script, and with default-src 'none' and connect-src 'self' an
 * injected style cannot load or send anything off-origin (no url() to other hosts). Redoc's search
 * runs in a worker started from a blob: URL.
 */
export function docsCsp(scriptHashes: readonly string[]): string {
  const scripts = scriptHashes.map((h) => `'sha256-${h}'`).join(' ');
  return [
    "default-src 'none'",
    `script-src ${scripts || "'none'"}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    'worker-src blob:',
    ...COMMON,
  ].join('; ');
}

/**
 * nosniff, X-Frame-Options DENY, Referrer-Policy no-referrer, COOP/CORP same-origin, and the UI's
 * CSP unless the route set its own (the docs pages). No Strict-Transport-Security: the admin face
 * speaks plain HTTP on loopback; a TLS proxy in front sets it.
 */
export function adminHeaders(): MiddlewareHandler {
  const standard = secureHeaders({
    xFrameOptions: 'DENY',
    referrerPolicy: 'no-referrer',
    strictTransportSecurity: false,
  });
  return async (c, next) => {
    await standard(c, async () => {
      await next();
      if (!c.res.headers.has('content-security-policy')) c.res.headers.set('content-security-policy', UI_CSP);
    });
  };
}
