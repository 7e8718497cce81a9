/**
 * D-Store's two sides. Our POS endpoint (D-Store calls it), answering from the store with every
 * inquiry received written to the audit log; and playing D-Store: a signed inquiry to our own
 * endpoint or an allowed one, through the typed client, its result written to the audit log
 * (ids and result codes only).
 */
import {
  type AdmissionStats,
  createDStoreClient,
  createInquireOrderDetailHandler,
  loadPrivateKey,
  loadPublicKey,
  posBaseUrl,
  SIGNED_PATH,
  type SchemaOrderStatus as OrderStatus,
} from '@orderkit/dstore';
import { isLoopbackHost } from '@orderkit/core';
import { type Card, since } from '../../cards.js';
import type { ProviderContext } from '../registry.js';
import { auditResultOf, dstoreErrorCard, dstoreOrderCard, dstoreUnavailableCard, type Exchange } from './cards.js';
import { type DStoreConfig, roleNotConfigured } from './config.js';
import { createInquiryGuard, INQUIRY_TIMEOUT_MS } from './outbound.js';

export interface DStoreService {
  /** Our POS endpoint (D-Store calls it). */
  inquireOrderDetail: (request: Request) => Promise<Response>;
  /** Plays D-Store: a signed inquiry to `endpoint`, its verified answer as a card. */
  inquire(input: { endpoint: string; requestOrderId: string }): Promise<Card[]>;
  /** Whether inquire may send to this endpoint: our own, or one in DSTORE_INQUIRE_ALLOWED_ENDPOINTS. */
  inquiryAllowed(endpoint: string): boolean;
  /** Our own endpoint's URL (the default target of an inquiry). */
  ownEndpoint: string;
  /** Our endpoint's admission figures (in flight, its maximum, the bound, shed); null without its keys. */
  endpointStats(): AdmissionStats | null;
}

/**
 * NUL and lone UTF-16 surrogates are valid in a JSON string (and so in a requestOrderId D-Store may
 * send) but not in PostgreSQL text/json: no stored order can have such an id, and the audit log
 * could not record it. Found by the hostile-input test: the lookup threw, so D-Store got
 * U/UNKNOWN_EXCEPTION (and would retry forever) instead of F/PROCESS_FAIL, and the audit write failed.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching NUL is the point (PostgreSQL text cannot hold it)
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const storable = (id: string) => id.replace(UNSTORABLE, '\uFFFD');
/** Audit writes of received inquiries pending at once beyond which shed ones are not recorded. */
const MAX_PENDING_SHED_AUDITS = 256;

function createEndpoint({
  config,
  store,
  audit,
}: ProviderContext<DStoreConfig>): Pick<DStoreService, 'inquireOrderDetail' | 'endpointStats'> {
  // Without the endpoint role's keys, D-Store's calls get a 503 naming them (endpointUnavailable).
  const keys = config.endpoint;
  if (!keys) return { inquireOrderDetail: endpointUnavailable(), endpointStats: () => null };
  let pendingInquiryAudits = 0;
  let unrecordedShed = 0;
  let lastShedNotice = 0;
  const handler = createInquireOrderDetailHandler({
    clientId: config.clientId,
    dstorePublicKey: keys.dstorePublicKey,
    posPrivateKey: keys.posPrivateKey,
    ...(config.rateLimit ? { rateLimit: config.rateLimit } : {}),
    lookup: async (requestOrderId) => {
      if (storable(requestOrderId) !== requestOrderId) return null;
      const order = await store.getOrder(requestOrderId);
      return (
        order && {
          posOrderId: order.posOrderId,
          // The store checked it against the D-Store spec's statuses (this module's orderRules).
          orderStatus: order.orderStatus as OrderStatus,
          ...(order.extendInfo ? { extendInfo: order.extendInfo } : {}),
        }
      );
    },
    onOutcome: (o) => {
      // Shedding must stay cheap: under a flood, shed inquiries are recorded only while the audit
      // log keeps up (a bounded number of writes pending); the others are counted on stderr.
      if (o.resultCode === 'REQUEST_TRAFFIC_EXCEED_LIMIT' && pendingInquiryAudits >= MAX_PENDING_SHED_AUDITS) {
        unrecordedShed += 1;
        const now = Date.now();
        if (now - lastShedNotice >= 1_000) {
          console.error(
            `audit: ${unrecordedShed} shed inquiries (REQUEST_TRAFFIC_EXCEED_LIMIT) not recorded, the audit log is busy`,
          );
          lastShedNotice = now;
          unrecordedShed = 0;
        }
        return;
      }
      pendingInquiryAudits += 1;
      void audit({
        direction: 'received',
        provider: 'dstore',
        operation: 'inquireOrderDetail',
        ids: o.requestOrderId ? { requestOrderId: storable(o.requestOrderId) } : {},
        resultCode: o.resultCode,
        resultStatus: o.resultStatus,
        latencyMs: o.latencyMs,
      }).finally(() => (pendingInquiryAudits -= 1));
    },
  });
  return { inquireOrderDetail: handler, endpointStats: () => handler.stats() };
}

/**
 * Without DSTORE_PUBLIC_KEY and POS_PRIVATE_KEY this order-desk cannot verify D-Store or sign an
 * answer, so it does not pretend to be a POS endpoint: every call gets 503 and the variables to set.
 */
function endpointUnavailable(): (request: Request) => Promise<Response> {
  const { message } = roleNotConfigured('endpoint');
  return async (request) => {
    await request.body?.cancel().catch(() => undefined);
    return new Response(`${message}\n`, { status: 503, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  };
}

/** A fetch that keeps what came back (status, headers, body text) for the card, bytes unchanged. */
function recording(fetchFn: typeof globalThis.fetch): { fetch: typeof globalThis.fetch; last(): Exchange | undefined } {
  let last: Exchange | undefined;
  return {
    last: () => last,
    fetch: async (input, init) => {
      const response = await fetchFn(input, init);
      const bytes = new Uint8Array(await response.arrayBuffer());
      last = {
        status: response.status,
        headers: Object.fromEntries(response.headers),
        text: new TextDecoder().decode(bytes),
      };
      return new Response(bytes, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    },
  };
}

export function createDStoreService(context: ProviderContext<DStoreConfig>): DStoreService {
  const { app, config, audit } = context;
  const ownEndpoint = `${app.endpoint.url}${SIGNED_PATH}`;
  // Inquiries go to our own endpoint and the configured ones only, with no redirect and a bounded
  // answer; the CLI (the local user's own tool) may name any endpoint (see cli.ts).
  const guard = createInquiryGuard([ownEndpoint, ...config.inquire.allowedEndpoints], {
    anyEndpoint: context.cli,
  });
  // Parsed once; a client is cheap to build per inquiry, each with its own record of the exchange.
  let keys: { privateKey: ReturnType<typeof loadPrivateKey>; posPublicKey: ReturnType<typeof loadPublicKey> };
  const clientKeys = () => {
    if (!config.client) throw roleNotConfigured('client');
    keys ??= {
      privateKey: loadPrivateKey(config.client.dstorePrivateKey, 'DSTORE_PRIVATE_KEY'),
      posPublicKey: loadPublicKey(config.client.posPublicKey, 'POS_PUBLIC_KEY'),
    };
    return keys;
  };

  return {
    ...createEndpoint(context),
    inquiryAllowed: guard.allows,
    ownEndpoint,

    async inquire({ endpoint, requestOrderId }) {
      const url = new URL(endpoint);
      const isOurs = url.origin === new URL(app.endpoint.url).origin;
      const mode = isOurs ? 'local' : isLoopbackHost(url.hostname) ? 'mock' : 'live';
      if (!config.client) return [dstoreUnavailableCard(endpoint, requestOrderId, roleNotConfigured('client'), mode)];
      const entry = {
        direction: 'made',
        provider: 'dstore',
        operation: 'inquireOrderDetail',
        ids: { requestOrderId: requestOrderId.slice(0, 255) },
      } as const;
      const recorder = recording(guard.fetch);
      const start = performance.now();
      try {
        const client = createDStoreClient({
          baseUrl: posBaseUrl(endpoint),
          clientId: config.clientId,
          ...clientKeys(),
          fetch: recorder.fetch,
          timeoutMs: INQUIRY_TIMEOUT_MS,
        });
        const order = await client.inquireOrderDetail(requestOrderId);
        const latencyMs = since(start);
        void audit({ ...entry, ...auditResultOf(), latencyMs });
        return [dstoreOrderCard(endpoint, requestOrderId, order, latencyMs, mode, recorder.last())];
      } catch (error) {
        const latencyMs = since(start);
        void audit({ ...entry, ...auditResultOf(error), latencyMs });
        return [dstoreErrorCard(endpoint, requestOrderId, error, latencyMs, mode, recorder.last())];
      }
    },
  };
}
