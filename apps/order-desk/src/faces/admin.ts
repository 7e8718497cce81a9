/**
 * The admin face: the UI, the rendered contracts and the JSON API (server.ts's createApp), behind
 * the guards of issue 14, in this order:
 *  1. security headers and CSP on every answer, refusals included (security/headers.ts);
 *  2. without an admin token (loopback only): loopback Host names only, against DNS rebinding
 *     (security/known-host.ts);
 *  3. no cross-origin request, JSON-only writes (security/same-origin.ts);
 *  4. with an admin token: 401 without it (security/admin-token.ts) — checked before any body is read;
 *  5. request bodies of at most 64 KiB, as on the D-Store endpoint.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { requireAdminToken } from '../security/admin-token.js';
import { adminHeaders } from '../security/headers.js';
import { loopbackHostOnly } from '../security/known-host.js';
import { refuse } from '../security/refuse.js';
import { sameOriginOnly } from '../security/same-origin.js';
import { createApp } from '../server.js';
import type { Services } from '../services.js';

export const MAX_ADMIN_BODY_BYTES = 64 * 1024;

export function createAdminApp(services: Services): Hono {
  const { config } = services;
  const publicUrl = new URL(config.publicUrl);
  const app = new Hono();
  app.use(adminHeaders());
  if (!config.admin.token) app.use(loopbackHostOnly({ alsoAllowed: [publicUrl.hostname] }));
  app.use(sameOriginOnly({ trustedOrigins: [publicUrl.origin] }));
  if (config.admin.token) app.use(requireAdminToken(config.admin.token));
  app.use(
    bodyLimit({
      maxSize: MAX_ADMIN_BODY_BYTES,
      onError: () => refuse(413, `the request body is larger than ${MAX_ADMIN_BODY_BYTES} bytes`),
    }),
  );
  app.route('/', createApp(services));
  app.notFound(() => refuse(404, 'not found'));
  return app;
}
