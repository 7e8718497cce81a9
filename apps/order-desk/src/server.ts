/**
 * order-desk's HTTP server (Hono on Node), on two listeners (issue 14): the public face serves our
 * D-Store endpoint only (faces/public.ts); the admin face serves the JSON API behind the UI, the UI
 * itself and the rendered contracts (createApp, below), behind the guards of faces/admin.ts.
 * Hono was chosen over Fastify because its handlers take and return Fetch API Request/Response
 * objects — the same shape as @orderkit/dstore's framework-neutral handler — so the same code runs
 * under any runtime.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createServer, type Server } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import { freePort } from '@orderkit/core';
import { openStore, StoreValidationError, type Store } from '@orderkit/order-store';
import { APP_DIR, listenerUrl, type Config } from './config.js';
import { createAdminApp } from './faces/admin.js';
import { createPublicListener } from './faces/public.js';
import { loadDocsPage } from './security/docs-page.js';
import { createServices, DSTORE_PATH, type Services } from './services.js';

const MAX_IDS = 50;
const PUBLIC_FILES: Record<string, string> = { '/': 'index.html', '/app.js': 'app.js', '/app.css': 'app.css' };
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};
const DOCS = [
  { id: 'dstore', name: 'D-Store' },
  { id: 'wechat', name: 'WeChat' },
  { id: 'ovopark', name: 'Ovopark' },
];

class BadInput extends Error {}

async function jsonBody(request: Request): Promise<Record<string, unknown>> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new BadInput('the body must be JSON');
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new BadInput('the body must be a JSON object');
  return body as Record<string, unknown>;
}

function text(value: unknown, name: string, max = 255): string {
  if (typeof value !== 'string' || value.trim() === '') throw new BadInput(`${name} is required`);
  if (value.length > max) throw new BadInput(`${name} is longer than ${max} characters`);
  return value.trim();
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
      providers: {
        dstore: {
          name: 'D-Store',
          mode: 'local',
          endpoint: `${config.endpoint.url}${DSTORE_PATH}`,
          clientId: config.dstore.clientId,
          keys: config.dstore.keysFrom,
        },
        wechat: { name: 'WeChat', mode: config.wechat.mode, baseUrl: config.wechat.baseUrl },
        ovopark: { name: 'Ovopark', mode: config.ovopark.mode, baseUrl: config.ovopark.baseUrl },
      },
      docs: [
        { id: 'index', name: 'All contracts', url: '/docs/index.html' },
        ...DOCS.map((d) => ({ ...d, url: `/docs/${d.id}.html` })),
      ],
      store: { kind: store.kind, description: store.description },
    }),
  );

  app.post('/api/wechat/orders', async (c) => {
    const body = await jsonBody(c.req.raw);
    const ids = body.orderIds;
    if (!Array.isArray(ids) || ids.length === 0) throw new BadInput('orderIds must be a non-empty array of order ids');
    if (ids.length > MAX_IDS) throw new BadInput(`at most ${MAX_IDS} order ids at once`);
    const orderIds = ids.map((id, i) => text(id, `orderIds[${i}]`, 128));
    return c.json({ cards: await services.wechatGetOrders(orderIds) });
  });

  app.post('/api/ovopark/search', async (c) => {
    const body = await jsonBody(c.req.raw);
    const depId = Number(body.depId);
    if (!Number.isInteger(depId) || depId < 1) throw new BadInput('depId must be a positive integer (the store id)');
    const from = text(body.from, 'from', 19);
    const to = text(body.to, 'to', 19);
    const encoder = new TextEncoder();
    const stream = new ReadableStream<Uint8Array>({
      async start(controller) {
        const send = (event: unknown) => controller.enqueue(encoder.encode(`${JSON.stringify(event)}\n`));
        const cards = await services.ovoparkSearch({ depId, from, to }, (p) => send({ type: 'progress', ...p }));
        send({ type: 'cards', cards });
        controller.close();
      },
    });
    return new Response(stream, {
      headers: { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store' },
    });
  });

  app.post('/api/dstore/inquire', async (c) => {
    const body = await jsonBody(c.req.raw);
    const endpoint = text(body.endpoint ?? `${config.endpoint.url}${DSTORE_PATH}`, 'endpoint', 2048);
    try {
      const url = new URL(endpoint);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error();
    } catch {
      throw new BadInput(`endpoint ${endpoint} is not an http(s) URL`);
    }
    // Refused before anything is sent: the admin face must not become a way to reach other hosts.
    if (!services.dstoreInquiryAllowed(endpoint)) {
      return c.json(
        {
          error: `endpoint ${new URL(endpoint).origin} is not allowed: inquiries go to our own endpoint and those in DSTORE_INQUIRE_ALLOWED_ENDPOINTS`,
        },
        403,
      );
    }
    // Over-long ids are allowed through on purpose: they test the endpoint's PARAM_ILLEGAL answer.
    const requestOrderId = text(body.requestOrderId, 'requestOrderId', 100_000);
    return c.json({ cards: await services.dstoreInquire({ endpoint, requestOrderId }) });
  });

  app.get('/api/pos/orders', async (c) => c.json({ orders: await store.listOrders({ limit: 100 }) }));
  app.post('/api/pos/orders', async (c) => {
    const body = await jsonBody(c.req.raw);
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

  for (const [route, file] of Object.entries(PUBLIC_FILES)) {
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
  /** The public face: our D-Store endpoint is `${endpointUrl}/v2/pos/inquireOrderDetail`. */
  endpointUrl: string;
  store: Store;
  close(): Promise<void>;
}

/** A demo order so a fresh install answers one inquiry without setup (development keys only). */
async function seed(store: Store, config: Config): Promise<void> {
  if (config.dstore.keysFrom !== 'development keys') return;
  if (await store.getOrder('pds_demo_1')) return;
  await store.upsertOrder({
    requestOrderId: 'pds_demo_1',
    posOrderId: '2023063000010002',
    orderStatus: 'ACCEPTED',
    extendInfo: { tableNo: 'A12' },
  });
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

export async function startServer(configIn: Config, options: { store?: Store } = {}): Promise<RunningServer> {
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
  const store =
    options.store ??
    (await openStore({ databaseUrl: config.databaseUrl, dataDir: path.join(config.dataDir, 'store') }));
  const servers: Server[] = [];
  try {
    await seed(store, config);
    const services = createServices(config, store);
    // The public face may face the internet: a request must arrive whole within bounded time.
    const publicServer = createServer(
      { headersTimeout: 10_000, requestTimeout: 30_000 },
      createPublicListener(services.inquireOrderDetail),
    );
    const admin = getRequestListener(createAdminApp(services).fetch);
    const adminServer = createServer((req, res) => void admin(req, res));
    servers.push(publicServer, adminServer);
    await listen(publicServer, config.endpoint.port, config.endpoint.host, 'ENDPOINT_PORT');
    await listen(adminServer, config.port, config.host, 'PORT');
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
