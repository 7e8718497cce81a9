/**
 * D-Store (Alipay's ordering platform): we serve its POS endpoint, inquireOrderDetail, on the public
 * face, answering from our store, and can play D-Store against our own endpoint or an allowed one
 * (the UI's card, `pnpm cli dstore inquire`).
 */
import { orderRules, SIGNED_PATH, toNodeListener } from '@orderkit/dstore';
import { defineProvider } from '../registry.js';
import { commands } from './cli.js';
import { dstoreConfig, MOCK } from './config.js';
import { createDStoreService, rateLimitPerProcess } from './service.js';

export const dstore = defineProvider({
  id: 'dstore',
  name: 'D-Store',
  operation: 'inquireOrderDetail',
  uiRank: 3,
  docsPage: 'dstore.html',
  mock: MOCK,
  orderRules,
  config: dstoreConfig,
  // Inquiries go to our own endpoint unless told otherwise.
  mode: () => 'local',
  meta: (c, app) => ({ endpoint: `${app.endpoint.url}${SIGNED_PATH}`, clientId: c.clientId, keys: c.keysFrom }),
  startupLine: (c, app) => {
    const limit = rateLimitPerProcess(c.rateLimit, app.workers);
    const share =
      limit && app.workers > 1 ? `, rate limit ${limit.requestsPerSecond}/s in each of ${app.workers} workers` : '';
    return `${app.endpoint.url}${SIGNED_PATH}  (our endpoint, public face, ${c.endpoint ? `keys: ${c.keysFrom}` : 'unavailable: set DSTORE_PUBLIC_KEY and POS_PRIVATE_KEY'}${share})`;
  },
  createService: createDStoreService,
  routes(app, service, { jsonBody, text, badInput }) {
    // How full the endpoint's admission queue is and was (pnpm bench reads it under overload).
    app.get('/api/dstore/endpoint-stats', (c) => c.json({ stats: service.endpointStats() }));
    app.post('/api/dstore/inquire', async (c) => {
      const body = await jsonBody(c.req.raw);
      const endpoint = text(body.endpoint ?? service.ownEndpoint, 'endpoint', 2048);
      try {
        const url = new URL(endpoint);
        if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error();
      } catch {
        throw badInput(`endpoint ${endpoint} is not an http(s) URL`);
      }
      // Refused before anything is sent: the admin face must not become a way to reach other hosts.
      if (!service.inquiryAllowed(endpoint)) {
        return c.json(
          {
            error: `endpoint ${new URL(endpoint).origin} is not allowed: inquiries go to our own endpoint and those in DSTORE_INQUIRE_ALLOWED_ENDPOINTS`,
          },
          403,
        );
      }
      // Over-long ids reach the client, which refuses them (the contract's 255 characters) with a card.
      const requestOrderId = text(body.requestOrderId, 'requestOrderId', 100_000);
      return c.json({ cards: await service.inquire({ endpoint, requestOrderId }) });
    });
  },
  publicEndpoint: (service) => ({ path: SIGNED_PATH, listener: toNodeListener(service.inquireOrderDetail) }),
  /** A demo order so a fresh install answers one inquiry without setup (development keys only). */
  async onStart({ config, store }) {
    if (config.keysFrom !== 'development keys') return;
    if (await store.getOrder('pds_demo_1')) return;
    await store.upsertOrder({
      requestOrderId: 'pds_demo_1',
      posOrderId: '2023063000010002',
      orderStatus: 'ACCEPTED',
      extendInfo: { tableNo: 'A12' },
    });
  },
  commands,
  cliGroups: {
    dstore: 'D-Store: play D-Store against a POS endpoint (inquireOrderDetail), make key pairs',
    pos: "our POS side's orders, which our D-Store endpoint answers from",
  },
});
