/**
 * order-desk's HTTP server (Hono on Node), on two listeners (issue 14): the public face serves the
 * providers' public endpoints only (faces/public.ts); the admin face serves the JSON API behind the
 * UI (each provider adds its routes), the UI itself and the rendered contracts (createApp, below),
 * behind the guards of faces/admin.ts.
 * Hono was chosen over Fastify because its handlers take and return Fetch API Request/Response
 * objects — the same shape as the provider packages' framework-neutral handlers — so the same code runs
 * under any runtime.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { getRequestListener } from '@hono/node-server';
import { freePort } from '@orderkit/core';
import { StoreValidationError, type Store } from '@orderkit/order-store';
import { Hono } from 'hono';
import { APP_DIR, type Config, listenerUrl } from './config.js';
import { createAdminApp } from './faces/admin.js';
import { createPublicListener } from './faces/public.js';
import type { RouteTools } from './providers/registry.js';
import { loadDocsPage } from './security/docs-page.js';
import { createServices, type Services } from './services.js';
import { openAppStore } from './store.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

class BadInput extends Error {}

const routeTools: RouteTools = {
  async jsonBody(request) {
    let body: unknown;
    try {
      body = await request.json();
    } catch {
      throw new BadInput('the body must be JSON');
    }
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw new BadInput('the body must be a JSON object');
    return body as Record<string, unknown>;
  },
  text(value, name, max = 255) {
    if (typeof value !== 'string' || value.trim() === '') throw new BadInput(`${name} is required`);
    if (value.length > max) throw new BadInput(`${name} is longer than ${max} characters`);
    return value.trim();
  },
  badInput: (message) => new BadInput(message),
};

/** The UI shell's files, and one script per provider (public/providers/<id>.js). */
function publicFiles(services: Services): Record<string, string> {
  const files: Record<string, string> = {
    '/': 'index.html',
    '/app.js': 'app.js',
    '/ui.js': 'ui.js',
    '/app.css': 'app.css',
    // The UI links the SVG; browsers that ask for /favicon.ico anyway (the docs pages) get it too.
    '/favicon.svg': 'favicon.svg',
    '/favicon.ico': 'favicon.svg',
  };
  for (const { module } of services.providers) files[`/providers/${module.id}.js`] = `providers/${module.id}.js`;
  return files;
}

export function createApp(services: Services): Hono {
  const { config, store } = services;
  const app = new Hono();

  app.onError((error, c) => {
    if (error instanceof BadInput || error instanceof StoreValidationError)
      return c.json({ error: error.message }, 400);
    // Never a stack trace to a user; the message is enough to act on and holds no secret.
    console.error(`order-desk: ${error.name}: ${error.message}`);
    return c.json({ error: `internal error: ${error.message}` }, 500);
  });

  app.get('/healthz', (c) => c.json({ ok: true, store: store.kind }));

  app.get('/api/meta', (c) =>
    c.json({
      providers: Object.fromEntries(
        services.providers.map(({ module, context }) => [
          module.id,
          {
            name: module.name,
            operation: module.operation,
            uiRank: module.uiRank,
            mode: module.mode(context.config),
            ...module.meta(context.config, config),
          },
        ]),
      ),
      docs: [
        { id: 'index', name: 'All contracts', url: '/docs/index.html' },
        ...services.providers.map(({ module }) => ({
          id: module.id,
          name: module.name,
          url: `/docs/${module.docsPage}`,
        })),
      ],
      store: { kind: store.kind, description: store.description },
    }),
  );

  for (const { module, service, context } of services.providers) module.routes?.(app, service, routeTools, context);

  app.get('/api/pos/orders', async (c) => c.json({ orders: await store.listOrders({ limit: 100 }) }));
  app.post('/api/pos/orders', async (c) => {
    const body = await routeTools.jsonBody(c.req.raw);
    const order = await store.upsertOrder({
      requestOrderId: body.requestOrderId as string,
      posOrderId: body.posOrderId as string,
      orderStatus: body.orderStatus as never,
      ...(body.extendInfo === undefined ? {} : { extendInfo: body.extendInfo as Record<string, unknown> }),
    });
    return c.json({ order }, 201);
  });
  app.get('/api/audit', async (c) => c.json({ entries: await store.listAudit({ limit: 200 }) }));

  app.get('/docs/:file', async (c) => {
    const file = c.req.param('file');
    if (!/^[a-z]+\.html$/.test(file)) return c.notFound();
    let page;
    try {
      page = await loadDocsPage(path.join(config.docsDir, file));
    } catch {
      return c.text(`The docs are not built: run \`pnpm docs\` (looked in ${config.docsDir}).`, 404);
    }
    return c.body(page.body, 200, { 'content-type': TYPES['.html']!, 'content-security-policy': page.csp });
  });

  for (const [route, file] of Object.entries(publicFiles(services))) {
    app.get(route, async (c) =>
      c.body(await readFile(path.join(APP_DIR, 'public', file)), 200, {
        'content-type': TYPES[path.extname(file)]!,
        'cache-control': 'no-cache',
      }),
    );
  }
  return app;
}

export interface RunningServer {
  /** The admin face: UI, docs and JSON API. */
  url: string;
  /** The public face: the providers' public endpoints (our D-Store endpoint) are served under it. */
  endpointUrl: string;
  store: Store;
  close(): Promise<void>;
}

/** Listens, or rejects with the error tagged with the variable that moves this listener. */
function listen(server: Server, port: number, host: string, portVariable: 'PORT' | 'ENDPOINT_PORT'): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', (error) => reject(Object.assign(error, { portVariable })));
    server.listen(port, host, () => resolve());
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/**
 * Which listeners this process opens: `both` (one process, the default); `admin` (the primary of
 * several endpoint workers, which open the public face: see cluster.ts); `public` (one such worker:
 * the providers' start-up work is the primary's, done once).
 */
export type Faces = 'both' | 'admin' | 'public';

export async function startServer(
  configIn: Config,
  options: { store?: Store; faces?: Faces } = {},
): Promise<RunningServer> {
  const faces = options.faces ?? 'both';
  // Port 0 (tests): pick the ports first, so the URLs (the UI's, our endpoint's) are right.
  let config = configIn;
  if (config.port === 0) {
    const port = await freePort(config.host);
    config = { ...config, port, publicUrl: listenerUrl(config.host, port) };
  }
  if (config.endpoint.port === 0) {
    const port = await freePort(config.endpoint.host);
    config = { ...config, endpoint: { ...config.endpoint, port, url: listenerUrl(config.endpoint.host, port) } };
  }
  const store = options.store ?? (await openAppStore(config));
  const servers: Server[] = [];
  try {
    const services = createServices(config, store);
    if (faces !== 'public') for (const { module, context } of services.providers) await module.onStart?.(context);
    if (faces !== 'admin') {
      // The public face may face the internet: a request must arrive whole within bounded time.
      const publicServer = createServer(
        { headersTimeout: 10_000, requestTimeout: 30_000 },
        createPublicListener(
          services.providers.flatMap(({ module, service }) => module.publicEndpoint?.(service) ?? []),
        ),
      );
      servers.push(publicServer);
      await listen(publicServer, config.endpoint.port, config.endpoint.host, 'ENDPOINT_PORT');
    }
    if (faces !== 'public') {
      const admin = getRequestListener(createAdminApp(services).fetch);
      const adminServer = createServer((req, res) => void admin(req, res));
      servers.push(adminServer);
      await listen(adminServer, config.port, config.host, 'PORT');
    }
    return {
      url: listenerUrl(config.host, config.port),
      endpointUrl: config.endpoint.url,
      store,
      close: async () => {
        await Promise.all(servers.map(closeServer));
        await store.close().catch(() => undefined);
      },
    };
  } catch (error) {
    await Promise.all(servers.map(closeServer));
    await store.close();
    throw error;
  }
}
