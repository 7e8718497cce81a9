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
  type InquiredOrder,
  loadPrivateKey,
  loadPublicKey,
  posBaseUrl,
  SIGNED_PATH,
  type SchemaOrderStatus as OrderStatus,
} from '@orderkit/dstore';
import { isLoopbackHost } from '@orderkit/core';
import { type Card, since } from '../../cards.js';
import type { Looked, ProviderContext } from '../registry.js';
import { auditResultOf, dstoreErrorCard, dstoreOrderCard, dstoreUnavailableCard, type Exchange } from './cards.js';
import { type DStoreConfig, roleNotConfigured } from './config.js';
import { createInquiryGuard, INQUIRY_TIMEOUT_MS } from './outbound.js';

export type Inquiry = { endpoint: string; requestOrderId: string };

export interface DStoreService {
  /** Our POS endpoint (D-Store calls it). */
  inquireOrderDetail: (request: Request) => Promise<Response>;
  /** Plays D-Store: a signed inquiry to `endpoint`, its verified answer as a card. */
  inquire(input: Inquiry): Promise<Card[]>;
  /** The same inquiry with the typed result (the verified order) beside the cards (the CLI's --json). */
  inquireResults(input: Inquiry): Promise<Looked<Inquiry, InquiredOrder>>;
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

/**
 * The admission rate of one process. With ORDER_DESK_WORKERS > 1 each worker admits its share,
 * rounded up (burst too), so all of them together admit about the configured rate, not N times it.
 * The shares are local: connections are spread over the workers, not requests, so a client with
 * fewer keep-alive connections than workers meets a lower limit than the configured one.
 */
export function rateLimitPerProcess(
  limit: DStoreConfig['rateLimit'],
  workers: number,
): DStoreConfig['rateLimit'] | undefined {
  if (!limit || workers <= 1) return limit;
  const share = (n: number) => Math.max(1, Math.ceil(n / workers));
  return {
    requestsPerSecond: share(limit.requestsPerSecond),
    ...(limit.burst === undefined ? {} : { burst: share(limit.burst) }),
  };
}

function createEndpoint({
  app,
  config,
  store,
  audit,
}: ProviderContext<DStoreConfig>): Pick<DStoreService, 'inquireOrderDetail' | 'endpointStats'> {
  // Without the endpoint role's keys, D-Store's calls get a 503 naming them (endpointUnavailable).
  const keys = config.endpoint;
  if (!keys) return { inquireOrderDetail: endpointUnavailable(), endpointStats: () => null };
  const rateLimit = rateLimitPerProcess(config.rateLimit, app.workers);
  let pendingInquiryAudits = 0;
  let unrecordedShed = 0;
  let lastShedNotice = 0;
  const handler = createInquireOrderDetailHandler({
    clientId: config.clientId,
    dstorePublicKey: keys.dstorePublicKey,
    posPrivateKey: keys.posPrivateKey,
    ...(rateLimit ? { rateLimit } : {}),
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

  const about = { provider: 'dstore', operation: 'inquireOrderDetail' } as const;
  const inquireResults: DStoreService['inquireResults'] = async (asked) => {
    const { endpoint, requestOrderId } = asked;
    const url = new URL(endpoint);
    const isOurs = url.origin === new URL(app.endpoint.url).origin;
    const mode = isOurs ? 'local' : isLoopbackHost(url.hostname) ? 'mock' : 'live';
    if (!config.client) {
      const error = roleNotConfigured('client');
      return {
        ...about,
        lookups: [{ asked, error, latencyMs: 0, mode }],
        cards: [dstoreUnavailableCard(endpoint, requestOrderId, error, mode)],
      };
    }
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
      return {
        ...about,
        lookups: [{ asked, result: order, latencyMs, mode }],
        cards: [dstoreOrderCard(endpoint, requestOrderId, order, latencyMs, mode, recorder.last())],
      };
    } catch (error) {
      const latencyMs = since(start);
      void audit({ ...entry, ...auditResultOf(error), latencyMs });
      return {
        ...about,
        lookups: [{ asked, error, latencyMs, mode }],
        cards: [dstoreErrorCard(endpoint, requestOrderId, error, latencyMs, mode, recorder.last())],
      };
    }
  };

  return {
    ...createEndpoint(context),
    inquiryAllowed: guard.allows,
    ownEndpoint,

    inquireResults,
    inquire: async (input) => (await inquireResults(input)).cards,
  };
}
